/* cli_merge: placeholder until the command is implemented. */
#include "cli.h"

int
cli_merge(int argc, char **argv)
{
	cli_fail("merge", "not implemented yet");
	return 2;
}
