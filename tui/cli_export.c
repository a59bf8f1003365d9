/* cli_export: placeholder until the command is implemented. */
#include "cli.h"

int
cli_export(int argc, char **argv)
{
	cli_fail("export", "not implemented yet");
	return 2;
}
