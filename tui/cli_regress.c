/* cli_regress: placeholder until the command is implemented. */
#include "cli.h"

int
cli_regress(int argc, char **argv)
{
	cli_fail("regress", "not implemented yet");
	return 2;
}
