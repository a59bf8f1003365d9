/* cli_validate: placeholder until the command is implemented. */
#include "cli.h"

int
cli_validate(int argc, char **argv)
{
	cli_fail("validate", "not implemented yet");
	return 2;
}
