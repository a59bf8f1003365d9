/* err: errors as values; no global state. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Format into a scratch buffer first: callers may pass err->msg itself as an
 * argument (re-placing an inner error), and vsnprintf must not overlap. */
static void
set_msg(struct cx_err *err, const char *fmt, va_list ap)
{
	char tmp[sizeof err->msg];

	vsnprintf(tmp, sizeof tmp, fmt, ap);
	memcpy(err->msg, tmp, sizeof tmp);
}

int
cx_err_set(struct cx_err *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
	return -1;
}

int
cx_err_at(struct cx_err *err, const char *where, const char *fmt, ...)
{
	va_list ap;

	char tmp[sizeof err->where];

	if (err == NULL)
		return -1;
	snprintf(tmp, sizeof tmp, "%s", where ? where : "");
	memcpy(err->where, tmp, sizeof tmp);
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
	return -1;
}

void
cx_err_file(struct cx_err *err, const char *file)
{
	if (err != NULL && err->file[0] == '\0' && file != NULL)
		snprintf(err->file, sizeof err->file, "%s", file);
}

char *
cx_err_format(const struct cx_err *err, char *buf, size_t n)
{
	const char *msg = err->msg[0] ? err->msg : "unknown error";

	if (err->file[0] && err->where[0])
		snprintf(buf, n, "%s:%s: %s", err->file, err->where, msg);
	else if (err->file[0])
		snprintf(buf, n, "%s: %s", err->file, msg);
	else if (err->where[0])
		snprintf(buf, n, "%s: %s", err->where, msg);
	else
		snprintf(buf, n, "%s", msg);
	return buf;
}
