/* err: an error is a value with a place (file, where, message). */
#ifndef CX_ERR_H
#define CX_ERR_H

#include <stddef.h>

struct cx_err {
	char file[512];		/* input file, "" when unknown */
	char where[256];	/* line:col, byte offset or JSON path, "" when unknown */
	char msg[512];
};

/* Set the message (printf-style); keeps file and where. Always returns -1. */
int	cx_err_set(struct cx_err *err, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Set where and the message. Always returns -1. */
int	cx_err_at(struct cx_err *err, const char *where, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Stamp the file name (if not already set). err may be NULL. */
void	cx_err_file(struct cx_err *err, const char *file);
/* Format "file:where: msg" (parts omitted when empty) into buf. Returns buf. */
char	*cx_err_format(const struct cx_err *err, char *buf, size_t n);

#endif
