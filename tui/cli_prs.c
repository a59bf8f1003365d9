/* cli_prs: placeholder until the command is implemented. */
#include "cli.h"

int
cli_prs(int argc, char **argv)
{
	cli_fail("prs", "not implemented yet");
	return 2;
}
