/* cli_demo: placeholder until the command is implemented. */
#include "cli.h"

int
cli_demo(int argc, char **argv)
{
	cli_fail("demo", "not implemented yet");
	return 2;
}
