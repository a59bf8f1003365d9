/* cli_show: placeholder until the command is implemented. */
#include "cli.h"

int
cli_show(int argc, char **argv)
{
	cli_fail("show", "not implemented yet");
	return 2;
}
