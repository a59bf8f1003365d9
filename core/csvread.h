/* csvread: small CSV tables as pandas writes them (header line, comma
 * separated, optional "..." quoting), read into strings with numeric access. */
#ifndef CX_CSVREAD_H
#define CX_CSVREAD_H

#include <stddef.h>

#include "err.h"

/* Largest CSV read (bytes). */
#define CX_CSVREAD_MAX	(256u << 20)

struct cx_csvread {
	size_t	  ncol, nrow;
	char	**head;		/* ncol column names */
	char	**cell;		/* nrow*ncol fields, row r column c at cell[r*ncol + c] */
	size_t	 *line;		/* line number of each row (for errors) */
};

/* Read path. Every row must have as many fields as the header; an error names
 * the file and line. Blank lines are skipped; a UTF-8 BOM is dropped; LF, CRLF
 * and a lone CR end a record (as pandas reads them); a NUL byte is refused. */
int	cx_csvread_load(struct cx_csvread *t, const char *path, struct cx_err *err);
/* Same from memory (len bytes); name goes into err->file. */
int	cx_csvread_parse(struct cx_csvread *t, const char *buf, size_t len,
	    const char *name, struct cx_err *err);
/* Index of the column named name, or -1. */
int	cx_csvread_col(const struct cx_csvread *t, const char *name);
/* A field as pandas reads a float: pandas' default NA words ("", "nan", "NaN",
 * "NA", "null", ...) give NaN, "inf"/"infinity" with any sign and case the
 * infinities, else a decimal number (blanks around it allowed). -1 for
 * anything else, hex floats and "nan(...)" included (pandas keeps them as text). */
int	cx_csv_number(const char *s, double *out);
/* Field (r, c) by cx_csv_number; anything not a number is an error naming
 * line and column. */
int	cx_csvread_num(const struct cx_csvread *t, size_t r, size_t c, double *out,
	    struct cx_err *err);
/* The same field with the value pandas' read_csv gives it (cx_pdnum_parse:
 * 17 digits, one scaling — one ulp from strtod on about half of repr()'s
 * fields): for every CSV the reference reads with pandas (tuning results,
 * bootstrap and per-CXR results, features). Our own round trips (eval's
 * merge of shards) keep cx_csvread_num, strtod's exact value. */
int	cx_csvread_pandas(const struct cx_csvread *t, size_t r, size_t c, double *out,
	    struct cx_err *err);
void	cx_csvread_fini(struct cx_csvread *t);

#endif
