/* cli_tune: placeholder until the command is implemented. */
#include "cli.h"

int
cli_tune(int argc, char **argv)
{
	cli_fail("tune", "not implemented yet");
	return 2;
}
