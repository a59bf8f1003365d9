/* escape: make a string from a data file safe to show on a terminal. */
#ifndef CX_ESCAPE_H
#define CX_ESCAPE_H

#include <stddef.h>

/* Copy s with C0/C1 control bytes, DEL and invalid UTF-8 written as \xNN and
 * backslash as \\; valid printable UTF-8 is kept. Caller frees. */
char	*cx_escape(const char *s);
/* Same into buf (truncated, always NUL-terminated). Returns buf. */
char	*cx_escape_buf(const char *s, char *buf, size_t n);

#endif
