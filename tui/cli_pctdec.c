/* cli_pctdec: placeholder until the command is implemented. */
#include "cli.h"

int
cli_pctdec(int argc, char **argv)
{
	cli_fail("pctdec", "not implemented yet");
	return 2;
}
