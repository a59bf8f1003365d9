/* cli_stats: placeholder until the command is implemented. */
#include "cli.h"

int
cli_stats(int argc, char **argv)
{
	cli_fail("stats", "not implemented yet");
	return 2;
}
