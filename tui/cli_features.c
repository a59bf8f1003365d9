/* cli_features: placeholder until the command is implemented. */
#include "cli.h"

int
cli_features(int argc, char **argv)
{
	cli_fail("features", "not implemented yet");
	return 2;
}
