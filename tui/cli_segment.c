/* cli_segment: placeholder until the command is implemented. */
#include "cli.h"

int
cli_segment(int argc, char **argv)
{
	cli_fail("segment", "not implemented yet");
	return 2;
}
