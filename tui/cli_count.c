/* cli_count: placeholder until the command is implemented. */
#include "cli.h"

int
cli_count(int argc, char **argv)
{
	cli_fail("count", "not implemented yet");
	return 2;
}
