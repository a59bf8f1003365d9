/* jsonout: JSON strings and numbers for --json outputs. */
#include "jsonout.h"

#include <math.h>
#include <stdlib.h>

#include "escape.h"
#include "fmt.h"
#include "json.h"

void
cli_json_str(FILE *fp, const char *s)
{
	char *e = cx_escape(s ? s : "");

	cx_json_write_string(fp, e);
	free(e);
}

void
cli_json_num(FILE *fp, double x)
{
	char buf[32];

	if (!isfinite(x))
		fputs("null", fp);
	else
		fputs(cx_fmt_repr(x, buf), fp);
}
