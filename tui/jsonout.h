/* jsonout: write JSON values for the --json outputs of the commands. */
#ifndef UI_JSONOUT_H
#define UI_JSONOUT_H

#include <stdio.h>

/* A string from a file as a JSON string: first made terminal-safe with
 * cx_escape (so the value is what the screen shows), then JSON-quoted. */
void	cli_json_str(FILE *fp, const char *s);
/* A number as Python's repr writes it; NaN and infinities as null. */
void	cli_json_num(FILE *fp, double x);

#endif
