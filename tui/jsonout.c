/* jsonout: JSON strings and numbers for --json outputs. */
#include "jsonout.h"

#include <math.h>
#include <stdlib.h>

#include "escape.h"
#include "fmt.h"

void
cli_json_str(FILE *fp, const char *s)
{
	char *e = cx_escape(s ? s : "");

	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)e; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
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
