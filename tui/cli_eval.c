/* cli_eval: placeholder until the command is implemented. */
#include "cli.h"

int
cli_eval(int argc, char **argv)
{
	cli_fail("eval", "not implemented yet");
	return 2;
}
