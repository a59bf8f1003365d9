/* show: the shared half of `show` and `export` — options, dataset, one CXR
 * rendered to an RGB picture. */
#ifndef UI_SHOW_H
#define UI_SHOW_H

#include <stdint.h>

/* Parse the common options, open the dataset, render. export_png is the --png
 * path for export (NULL for show). Returns the exit code. */
int	show_run(int argc, char **argv, int is_export);

#endif
