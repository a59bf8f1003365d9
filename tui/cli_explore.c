/* cli_explore: placeholder until the command is implemented. */
#include "cli.h"

int
cli_explore(int argc, char **argv)
{
	cli_fail("explore", "not implemented yet");
	return 2;
}
