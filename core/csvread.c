/* csvread: a strict little CSV reader; the place of every error is a line. */
#include "csvread.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "pdnum.h"
#include "xalloc.h"

struct fields {
	size_t	  n, cap;
	char	**v;
};

static void
fields_push(struct fields *f, const char *s, size_t n)
{
	char *c;

	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->v = cx_xreallocarray(f->v, f->cap, sizeof *f->v);
	}
	c = cx_xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	f->v[f->n++] = c;
}

/* Split one record starting at *p (ending at a newline outside quotes or at
 * end); advances *p and *line. -1 on an unterminated quote or a stray NUL. */
static int
split_record(const char **p, const char *end, size_t *line, struct fields *f,
    struct cx_err *err)
{
	const char *s = *p;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	size_t start = *line;

	for (;;) {
		len = 0;
		if (s < end && *s == '"') {
			s++;
			for (;;) {
				if (s >= end) {
					free(buf);
					char w[32];
					snprintf(w, sizeof w, "%zu", start);
					return cx_err_at(err, w, "unterminated quoted field");
				}
				if (*s == '"') {
					if (s + 1 < end && s[1] == '"')
						s++;
					else {
						s++;
						break;
					}
				} else if (*s == '\n' || (*s == '\r' && (s + 1 >= end || s[1] != '\n')))
					(*line)++;
				else if (*s == '\0') {
					/* refused, not cut where C strings end */
					free(buf);
					char w[32];
					snprintf(w, sizeof w, "%zu", *line);
					return cx_err_at(err, w, "NUL byte in a quoted CSV field");
				}
				if (len + 1 >= cap) {
					cap = cap ? 2 * cap : 64;
					buf = cx_xrealloc(buf, cap);
				}
				buf[len++] = *s++;
			}
		}
		while (s < end && *s != ',' && *s != '\n' && *s != '\r') {
			if (*s == '\0') {
				free(buf);
				char w[32];
				snprintf(w, sizeof w, "%zu", *line);
				return cx_err_at(err, w, "NUL byte in a CSV file");
			}
			if (len + 1 >= cap) {
				cap = cap ? 2 * cap : 64;
				buf = cx_xrealloc(buf, cap);
			}
			buf[len++] = *s++;
		}
		fields_push(f, buf ? buf : "", len);
		if (s < end && *s == ',') {
			s++;
			continue;
		}
		/* LF, CRLF or a lone CR (old Mac) end a record, as in pandas */
		if (s < end && *s == '\r') {
			s++;
			if (s >= end || *s != '\n')
				(*line)++;
		}
		if (s < end && *s == '\n') {
			s++;
			(*line)++;
		}
		break;
	}
	free(buf);
	*p = s;
	return 0;
}

static void
fields_free(struct fields *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof *f);
}

int
cx_csvread_parse(struct cx_csvread *t, const char *buf, size_t len,
    const char *name, struct cx_err *err)
{
	const char *p = buf, *end = buf + len;
	struct fields f = {0}, cells = {0};
	size_t line = 1, nlines = 0, capl = 0;

	memset(t, 0, sizeof *t);
	/* A UTF-8 byte order mark is not part of the first name. */
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == '\n' || *p == '\r')) {
		if (*p == '\n' || p + 1 >= end || p[1] != '\n')
			line++;
		p++;
	}
	if (p >= end) {
		cx_err_file(err, name);
		return cx_err_at(err, "1", "empty CSV file (want a header line)");
	}
	if (split_record(&p, end, &line, &f, err) == -1)
		goto fail;
	t->ncol = f.n;
	t->head = f.v;
	memset(&f, 0, sizeof f);
	while (p < end) {
		size_t at = line;
		if (*p == '\n' || *p == '\r') {
			if (*p == '\n' || p + 1 >= end || p[1] != '\n')
				line++;
			p++;
			continue;
		}
		size_t before = cells.n;
		if (split_record(&p, end, &line, &cells, err) == -1)
			goto fail;
		if (cells.n - before != t->ncol) {
			char w[32];
			snprintf(w, sizeof w, "%zu", at);
			cx_err_at(err, w, "%zu fields where the header has %zu",
			    cells.n - before, t->ncol);
			goto fail;
		}
		if (nlines == capl) {
			capl = capl ? 2 * capl : 64;
			t->line = cx_xreallocarray(t->line, capl, sizeof *t->line);
		}
		t->line[nlines++] = at;
	}
	t->nrow = nlines;
	t->cell = cells.v;
	return 0;
fail:
	cx_err_file(err, name);
	fields_free(&f);
	fields_free(&cells);
	cx_csvread_fini(t);
	return -1;
}

int
cx_csvread_load(struct cx_csvread *t, const char *path, struct cx_err *err)
{
	size_t len;
	char *buf = cx_read_file(path, &len, CX_CSVREAD_MAX, err);
	int rc;

	memset(t, 0, sizeof *t);
	if (buf == NULL) {
		cx_err_file(err, path);
		return -1;
	}
	rc = cx_csvread_parse(t, buf, len, path, err);
	free(buf);
	/* success leaves no error behind: the file name stamped while reading
	 * would otherwise be blamed for the caller's next failure */
	if (rc == 0 && err != NULL)
		memset(err, 0, sizeof *err);
	return rc;
}

int
cx_csvread_col(const struct cx_csvread *t, const char *name)
{
	for (size_t i = 0; i < t->ncol; i++)
		if (strcmp(t->head[i], name) == 0)
			return (int)i;
	return -1;
}

/* pandas' default na_values (1.5, the reference's; "None" came in 2.0):
 * these fields are NaN, nothing else is. */
static const char *const na_words[] = {
	"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
	"1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null",
};

int
cx_csv_number(const char *s, double *out)
{
	const char *p, *q;
	size_t n;
	int digits = 0;

	for (size_t i = 0; i < sizeof na_words / sizeof na_words[0]; i++)
		if (strcmp(s, na_words[i]) == 0) {
			*out = NAN;
			return 0;
		}
	/* pandas' xstrtod skips blanks around the number */
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return -1;	/* blanks only: text to pandas */
	p = s;
	if (*p == '+' || *p == '-')
		p++;
	/* its infinity words, any case */
	if ((size_t)(s + n - p) == 3 && strncasecmp(p, "inf", 3) == 0) {
		*out = *s == '-' ? -INFINITY : INFINITY;
		return 0;
	}
	if ((size_t)(s + n - p) == 8 && strncasecmp(p, "infinity", 8) == 0) {
		*out = *s == '-' ? -INFINITY : INFINITY;
		return 0;
	}
	/* decimal only: [+-] digits [. digits] [e [+-] digits]; no hex (0x1p-1),
	 * no "nan(...)", which strtod would take and pandas keeps as text */
	for (q = p; *q >= '0' && *q <= '9'; q++)
		digits++;
	if (*q == '.')
		for (q++; *q >= '0' && *q <= '9'; q++)
			digits++;
	if (digits == 0)
		return -1;
	if (*q == 'e' || *q == 'E') {
		const char *e = q + 1;
		if (*e == '+' || *e == '-')
			e++;
		if (!(*e >= '0' && *e <= '9'))
			return -1;
		while (*e >= '0' && *e <= '9')
			e++;
		q = e;
	}
	if ((size_t)(q - s) != n)
		return -1;
	*out = strtod(s, NULL);
	return 0;
}

int
cx_csvread_num(const struct cx_csvread *t, size_t r, size_t c, double *out,
    struct cx_err *err)
{
	char w[64];

	if (cx_csv_number(t->cell[r * t->ncol + c], out) == -1) {
		snprintf(w, sizeof w, "%zu", t->line[r]);
		return cx_err_at(err, w, "column \"%.100s\": \"%.40s\" is not a number",
		    t->head[c], t->cell[r * t->ncol + c]);
	}
	return 0;
}

int
cx_csvread_pandas(const struct cx_csvread *t, size_t r, size_t c, double *out,
    struct cx_err *err)
{
	if (cx_csvread_num(t, r, c, out, err) == -1)
		return -1;
	if (isfinite(*out))
		(void)cx_pdnum_parse(t->cell[r * t->ncol + c], out);
	return 0;
}

void
cx_csvread_fini(struct cx_csvread *t)
{
	for (size_t i = 0; t->head && i < t->ncol; i++)
		free(t->head[i]);
	for (size_t i = 0; t->cell && i < t->nrow * t->ncol; i++)
		free(t->cell[i]);
	free(t->head);
	free(t->cell);
	free(t->line);
	memset(t, 0, sizeof *t);
}
