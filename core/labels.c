/* labels: a small RFC 4180 reader (quoted fields, "" escapes, CRLF) for the
 * CheXpert label CSVs. Every field remembers its line:col for errors. */
#include "labels.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvread.h"
#include "imgid.h"
#include "json.h"
#include "xalloc.h"

/* Largest label CSV read (bytes): the real ones are well under 100 kB. */
#define LABELS_MAX	(256u << 20)
/* Most fields per record (the format has 19). */
#define MAX_FIELDS	256

struct field {
	char	*s;		/* unescaped text, NUL-terminated */
	size_t	 line, col;
};

struct record {
	size_t		 n;
	struct field	 f[MAX_FIELDS];
};

struct reader {
	const char	*buf;
	size_t		 len, pos, line, col;
	const char	*name;
};

static void
record_clear(struct record *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->f[i].s);
	r->n = 0;
}

static void
adv(struct reader *rd)
{
	if (rd->buf[rd->pos] == '\n') {
		rd->line++;
		rd->col = 1;
	} else
		rd->col++;
	rd->pos++;
}

static int
rd_err(struct reader *rd, size_t line, size_t col, struct cx_err *err, const char *msg)
{
	char where[64];

	snprintf(where, sizeof where, "%zu:%zu", line, col);
	return cx_err_at(err, where, "%s", msg);
}

/* What read_record found. */
enum rec {
	REC_ERR = -1,		/* err says why */
	REC_END = 0,		/* no more input */
	REC_READ = 1		/* a record in r */
};

/* One record into r. */
static enum rec
read_record(struct reader *rd, struct record *r, struct cx_err *err)
{
	record_clear(r);
	if (rd->pos >= rd->len)
		return REC_END;
	for (;;) {
		size_t cap = 16, n = 0, l0 = rd->line, c0 = rd->col;
		char *s = cx_xmalloc(cap);
		int quoted = 0;

		if (rd->pos < rd->len && rd->buf[rd->pos] == '"') {
			quoted = 1;
			adv(rd);
		}
		for (;;) {
			char c;
			if (rd->pos >= rd->len) {
				if (quoted) {
					free(s);
					return rd_err(rd, l0, c0, err, "unterminated quoted field");
				}
				break;
			}
			c = rd->buf[rd->pos];
			if (quoted && c == '"') {
				adv(rd);
				if (rd->pos < rd->len && rd->buf[rd->pos] == '"') {
					adv(rd);
				} else {
					quoted = 0;
					if (rd->pos < rd->len && rd->buf[rd->pos] != ',' &&
					    rd->buf[rd->pos] != '\n' && rd->buf[rd->pos] != '\r') {
						free(s);
						return rd_err(rd, rd->line, rd->col, err,
						    "unexpected character after a closing quote");
					}
					continue;
				}
			} else if (!quoted && (c == ',' || c == '\n' || c == '\r'))
				break;
			else if (c == '\0') {
				free(s);
				return rd_err(rd, rd->line, rd->col, err, "NUL byte in CSV");
			} else
				adv(rd);
			if (n + 2 > cap)
				s = cx_xrealloc(s, cap *= 2);
			s[n++] = c;
		}
		s[n] = '\0';
		if (r->n == MAX_FIELDS) {
			free(s);
			return rd_err(rd, l0, c0, err, "too many fields");
		}
		r->f[r->n].s = s;
		r->f[r->n].line = l0;
		r->f[r->n].col = c0;
		r->n++;
		if (rd->pos >= rd->len)
			return REC_READ;
		if (rd->buf[rd->pos] == ',') {
			adv(rd);
			continue;
		}
		if (rd->buf[rd->pos] == '\r') {
			adv(rd);
			if (rd->pos < rd->len && rd->buf[rd->pos] == '\n')
				adv(rd);
			else {
				rd->line++;
				rd->col = 1;
			}
		} else
			adv(rd);
		return REC_READ;
	}
}

static int
is_blank(const struct record *r)
{
	return r->n == 1 && r->f[0].s[0] == '\0';
}

char *
cx_labels_path_id(const char *path)
{
	const char *end = path + strlen(path), *c[4] = { NULL };
	const char *p = end, *dot;
	int k = 0;
	char *id, *q;

	/* start of the last three components */
	while (p > path && k < 3) {
		p--;
		if (*p == '/' || *p == '\\')
			c[k++] = p + 1;
	}
	if (k < 3) {
		if (k == 2 && p == path)
			c[k++] = path;
		else
			return NULL;
	}
	/* c[2] = patient.., c[1] = study.., c[0] = view.. */
	if (strncmp(c[2], "patient", 7) != 0 || strncmp(c[1], "study", 5) != 0 ||
	    c[0][0] == '\0')
		return NULL;
	dot = strrchr(c[0], '.');
	if (dot == NULL)
		dot = end;
	id = cx_xmalloc((size_t)(dot - c[2]) + 1);
	memcpy(id, c[2], (size_t)(dot - c[2]));
	id[dot - c[2]] = '\0';
	for (q = id; *q; q++)
		if (*q == '/' || *q == '\\')
			*q = '_';
	/* control bytes or spaces in a path must not become an id (issue 5) */
	if (cx_imgid_check(id) != NULL) {
		free(id);
		return NULL;
	}
	return id;
}

static int
parse_value(const char *s, signed char *v)
{
	double d;

	/* read as pandas reads a float column: no hex, NA words are empty */
	if (cx_csv_number(s, &d) == -1)
		return -1;
	if (isnan(d))
		*v = CX_LABEL_NONE;
	else if (d == 1.0)
		*v = CX_LABEL_POS;
	else if (d == 0.0)
		*v = CX_LABEL_NEG;
	else if (d == -1.0)
		*v = CX_LABEL_UNC;
	else
		return -1;
	return 0;
}

static int
cmp_row(const void *a, const void *b)
{
	return strcmp(((const struct cx_labelrow *)a)->id, ((const struct cx_labelrow *)b)->id);
}

static void
row_fini(struct cx_labelrow *r)
{
	free(r->id);
	free(r->path);
	free(r->sex);
	free(r->view);
	free(r->appa);
}

int
cx_labels_parse(struct cx_labels *l, const char *buf, size_t len, const char *name,
    struct cx_err *err)
{
	struct reader rd = { buf, len, 0, 1, 1, name };
	struct record *rec = cx_xcalloc(1, sizeof *rec);
	int col_path = -1, col_sex = -1, col_age = -1, col_view = -1, col_appa = -1;
	int col_task[CX_NCHEXPERT];
	size_t cap = 0, hdr_n;
	int rc;

	memset(l, 0, sizeof *l);
	cx_err_file(err, name);
	for (int i = 0; i < CX_NCHEXPERT; i++)
		col_task[i] = -1;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		rd.pos = 3;	/* UTF-8 byte order mark from spreadsheet exports */
	if ((rc = read_record(&rd, rec, err)) != REC_READ) {
		record_clear(rec);	/* fields read before the error */
		free(rec);
		return rc == REC_END ? cx_err_at(err, "1:1", "empty file, want a CheXpert label CSV header") : -1;
	}
	hdr_n = rec->n;
	for (size_t i = 0; i < rec->n; i++) {
		const char *h = rec->f[i].s;
		int t;
		if (strcmp(h, "Path") == 0)
			col_path = (int)i;
		else if (strcmp(h, "Sex") == 0)
			col_sex = (int)i;
		else if (strcmp(h, "Age") == 0)
			col_age = (int)i;
		else if (strcmp(h, "Frontal/Lateral") == 0)
			col_view = (int)i;
		else if (strcmp(h, "AP/PA") == 0)
			col_appa = (int)i;
		else if ((t = cx_chexpert_id(h)) >= 0)
			col_task[t] = (int)i;
	}
	if (col_path == -1) {
		record_clear(rec);
		free(rec);
		return cx_err_at(err, "1:1", "no Path column: not a CheXpert label CSV");
	}
	{
		int ntask = 0;
		for (int i = 0; i < CX_NCHEXPERT; i++)
			ntask += col_task[i] >= 0;
		/* Path,Sex alone would read as every label empty: all counts 0 */
		if (ntask == 0) {
			record_clear(rec);
			free(rec);
			return cx_err_at(err, "1:1", "no CheXpert task column (No Finding, ..., "
			    "Support Devices): not a CheXpert label CSV");
		}
	}
	record_clear(rec);
	while ((rc = read_record(&rd, rec, err)) == REC_READ) {
		struct cx_labelrow *r;
		struct field *fp;
		char msg[256];
		if (is_blank(rec))
			continue;
		if (rec->n != hdr_n) {
			snprintf(msg, sizeof msg, "%zu fields, the header has %zu", rec->n, hdr_n);
			rc = rd_err(&rd, rec->f[0].line, 1, err, msg);
			break;
		}
		if (l->n == cap)
			l->r = cx_xreallocarray(l->r, cap = cap ? 2 * cap : 256, sizeof *l->r);
		r = &l->r[l->n];
		memset(r, 0, sizeof *r);
		fp = &rec->f[col_path];
		r->line = fp->line;
		if ((r->id = cx_labels_path_id(fp->s)) == NULL) {
			rc = rd_err(&rd, fp->line, fp->col, err,
			    "Path does not end in patient.../study.../view...");
			break;
		}
		l->n++;
		r->path = cx_xstrdup(fp->s);
		r->sex = cx_xstrdup(col_sex >= 0 ? rec->f[col_sex].s : "");
		r->view = cx_xstrdup(col_view >= 0 ? rec->f[col_view].s : "");
		r->appa = cx_xstrdup(col_appa >= 0 ? rec->f[col_appa].s : "");
		r->age = -1;
		if (col_age >= 0 && rec->f[col_age].s[0] != '\0') {
			char *end;
			long a;
			fp = &rec->f[col_age];
			errno = 0;
			a = strtol(fp->s, &end, 10);
			if (*end == '.')	/* "73.0" from a float column */
				for (end++; *end == '0'; end++)
					;
			if (*end != '\0' || errno || a < 0 || a > 200) {
				rc = rd_err(&rd, fp->line, fp->col, err, "Age is not a number of years");
				break;
			}
			r->age = (int)a;
		}
		for (int t = 0; t < CX_NCHEXPERT; t++) {
			r->v[t] = CX_LABEL_NONE;
			if (col_task[t] < 0)
				continue;
			fp = &rec->f[col_task[t]];
			if (parse_value(fp->s, &r->v[t]) == -1) {
				snprintf(msg, sizeof msg, "%s: want 1.0, 0.0, -1.0 or empty",
				    cx_chexpert_names[t]);
				rc = rd_err(&rd, fp->line, fp->col, err, msg);
				break;
			}
		}
		if (rc == -1)
			break;
	}
	record_clear(rec);
	free(rec);
	if (rc == -1) {
		cx_labels_fini(l);
		return -1;
	}
	if (l->n > 1)
		qsort(l->r, l->n, sizeof *l->r, cmp_row);
	for (size_t i = 1; i < l->n; i++)
		if (strcmp(l->r[i - 1].id, l->r[i].id) == 0) {
			char where[32], msg[64];
			size_t a = l->r[i - 1].line, b = l->r[i].line;
			snprintf(where, sizeof where, "%zu:1", a > b ? a : b);
			snprintf(msg, sizeof msg, "the CXR of line %zu again", a < b ? a : b);
			cx_err_at(err, where, "%s", msg);
			cx_labels_fini(l);
			return -1;
		}
	return 0;
}

int
cx_labels_load(struct cx_labels *l, const char *path, struct cx_err *err)
{
	size_t n;
	char *buf;
	int rc;

	memset(l, 0, sizeof *l);
	/* a FIFO or a folder is refused, not waited on */
	if ((buf = cx_read_file(path, &n, LABELS_MAX, err)) == NULL)
		return -1;
	rc = cx_labels_parse(l, buf, n, path, err);
	free(buf);
	/* success leaves no error behind: the file name stamped while reading
	 * would otherwise be blamed for the caller's next failure */
	if (rc == 0 && err != NULL)
		memset(err, 0, sizeof *err);
	return rc;
}

const struct cx_labelrow *
cx_labels_find(const struct cx_labels *l, const char *id)
{
	return cx_imgid_find(l->r, l->n, sizeof *l->r, id);
}

int
cx_labels_task(const struct cx_labelrow *r, int task)
{
	if (task < 0 || task >= CX_NTASKS)
		return CX_LABEL_NONE;
	return r->v[cx_task_chexpert_index(task)];
}

void
cx_labels_fini(struct cx_labels *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		row_fini(&l->r[i]);
	free(l->r);
	memset(l, 0, sizeof *l);
}
