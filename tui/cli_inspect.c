/* cli_inspect: placeholder until the command is implemented. */
#include "cli.h"

int
cli_inspect(int argc, char **argv)
{
	cli_fail("inspect", "not implemented yet");
	return 2;
}
