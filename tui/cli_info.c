/* cli_info: placeholder until the command is implemented. */
#include "cli.h"

int
cli_info(int argc, char **argv)
{
	cli_fail("info", "not implemented yet");
	return 2;
}
