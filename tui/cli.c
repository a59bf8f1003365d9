/* cli: how every command reports — one escaped line on stderr. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

#include "escape.h"

void
cli_error(const struct cx_err *err)
{
	char buf[2048], esc[8192];

	cx_err_format(err, buf, sizeof buf);
	fprintf(stderr, "chexplore: %s\n", cx_escape_buf(buf, esc, sizeof esc));
}

void
cli_fail(const char *cmd, const char *fmt, ...)
{
	char buf[2048], esc[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fprintf(stderr, "chexplore %s: %s\n", cmd, cx_escape_buf(buf, esc, sizeof esc));
}

void
cli_note(const char *fmt, ...)
{
	char buf[2048], esc[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fprintf(stderr, "chexplore: note: %s\n", cx_escape_buf(buf, esc, sizeof esc));
}
