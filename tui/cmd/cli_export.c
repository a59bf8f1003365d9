/* cli_export: the picture `show` draws, written as a PNG. */
#include "cli.h"
#include "show.h"

int
cli_export(int argc, char **argv)
{
	return show_run(argc, argv, 1);
}
