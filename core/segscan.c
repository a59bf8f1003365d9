/* segscan: segmentation files scanned in one pass, masks decoded on demand. */
#include "segscan.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "imgid.h"
#include "json.h"
#include "xalloc.h"

/* Per entry: where its masks' strings are in the kept file. */
struct lazyent {
	const char	*str[CX_NTASKS];	/* NUL-terminated in place, unescaped */
	uint32_t	 len[CX_NTASKS];
	uint64_t	 area[CX_NTASKS];
};

struct cx_seglazy {
	char		*buf;		/* the file */
	struct lazyent	*x;		/* f->n of them, in f->e's order */
	atomic_uchar	*done;		/* entry decoded */
	pthread_mutex_t	 mu;
};

/* A string of the file: its bytes (escapes still in) and whether it holds
 * an escaped backslash (the only escape taken here). */
struct span {
	size_t	 off, len;
	int	 esc;
};

struct scanent {
	struct span	 id;
	uint32_t	 h, w;
	unsigned char	 present[CX_NTASKS];
	struct span	 str[CX_NTASKS];
	uint64_t	 area[CX_NTASKS];
};

struct scan {
	const char	*b;
	size_t		 len, i;
	struct scanent	*e;
	size_t		 n, cap;
	char		*tmp;		/* an unescaped string, for the check */
	size_t		 tmpcap;
};

#define WS(s) while ((s)->i < (s)->len && ((s)->b[(s)->i] == ' ' || (s)->b[(s)->i] == '\n' \
	|| (s)->b[(s)->i] == '\r' || (s)->b[(s)->i] == '\t')) (s)->i++

static int
expect(struct scan *s, char c)
{
	WS(s);
	if (s->i >= s->len || s->b[s->i] != c)
		return 0;
	s->i++;
	return 1;
}

static int
peek(struct scan *s, char c)
{
	WS(s);
	return s->i < s->len && s->b[s->i] == c;
}

/* A string with no escape but "\\" and no byte below 0x20 (what the full
 * parser reads the same way); 0 for anything else. */
static int
string(struct scan *s, struct span *sp, int allow_esc)
{
	size_t j;

	if (!expect(s, '"'))
		return 0;
	sp->off = j = s->i;
	sp->esc = 0;
	for (;;) {
		unsigned char c;
		if (j >= s->len)
			return 0;
		c = (unsigned char)s->b[j];
		if (c == '"')
			break;
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			if (!allow_esc || j + 1 >= s->len || s->b[j + 1] != '\\')
				return 0;
			sp->esc = 1;
			j += 2;
			continue;
		}
		j++;
	}
	sp->len = j - sp->off;
	s->i = j + 1;
	return 1;
}

/* A non-negative integer without sign, fraction, exponent or leading zero. */
static int
uint_value(struct scan *s, uint32_t *v)
{
	uint64_t x = 0;
	size_t n = 0;

	WS(s);
	while (s->i < s->len && s->b[s->i] >= '0' && s->b[s->i] <= '9' && n < 11) {
		x = x * 10 + (uint64_t)(s->b[s->i++] - '0');
		n++;
	}
	if (n == 0 || n > 10 || (n > 1 && s->b[s->i - n] == '0') || x > 4000000000ull)
		return 0;
	if (s->i < s->len && (s->b[s->i] == '.' || s->b[s->i] == 'e' || s->b[s->i] == 'E'))
		return 0;
	*v = (uint32_t)x;
	return 1;
}

/* Copy n bytes of JSON string text to dst with each "\\\\" made one
 * backslash (the only escape a scanned string holds); the length written. */
static size_t
unescape(char *dst, const char *src, size_t n)
{
	size_t k = 0, j = 0;

	while (j < n) {
		const char *bs = memchr(src + j, '\\', n - j);
		size_t run = bs ? (size_t)(bs - (src + j)) + 1 : n - j;
		memmove(dst + k, src + j, run);
		k += run;
		j += run + (bs != NULL);	/* the escaped backslash itself */
	}
	return k;
}

/* The bytes of a string span as the parser would decode them. */
static const char *
unescaped(struct scan *s, const struct span *sp, size_t *len)
{
	if (!sp->esc) {
		*len = sp->len;
		return s->b + sp->off;
	}
	if (sp->len + 1 > s->tmpcap)
		s->tmp = cx_xrealloc(s->tmp, s->tmpcap = 2 * sp->len + 1);
	*len = unescape(s->tmp, s->b + sp->off, sp->len);
	return s->tmp;
}

/* {"size": [h, w], "counts": "..."}, the two keys in either order. */
static int
mask(struct scan *s, uint32_t *h, uint32_t *w, struct span *str)
{
	int have_size = 0, have_counts = 0;

	if (!expect(s, '{'))
		return 0;
	for (int k = 0; k < 2; k++) {
		struct span key;
		if (k && !expect(s, ','))
			return 0;
		if (!string(s, &key, 0) || !expect(s, ':'))
			return 0;
		if (key.len == 4 && memcmp(s->b + key.off, "size", 4) == 0 && !have_size) {
			if (!expect(s, '[') || !uint_value(s, h) || !expect(s, ',') ||
			    !uint_value(s, w) || !expect(s, ']'))
				return 0;
			have_size = 1;
		} else if (key.len == 6 && memcmp(s->b + key.off, "counts", 6) == 0 && !have_counts) {
			if (!string(s, str, 1))
				return 0;
			have_counts = 1;
		} else
			return 0;
	}
	return expect(s, '}');
}

static int
entry(struct scan *s, struct scanent *e)
{
	int first = 1;

	memset(e, 0, sizeof *e);
	if (!string(s, &e->id, 0) || !expect(s, ':') || !expect(s, '{'))
		return 0;
	if (peek(s, '}'))
		return expect(s, '}');
	do {
		struct span key;
		uint32_t h = 0, w = 0;
		size_t n;
		const char *str;
		int t;
		if (!string(s, &key, 0) || !expect(s, ':'))
			return 0;
		t = cx_task_idn(s->b + key.off, key.len);
		if (t < 0 || e->present[t] || !mask(s, &h, &w, &e->str[t]))
			return 0;
		if (cx_rle_check_size(h, w, NULL) == -1)
			return 0;
		if (first) {
			e->h = h;
			e->w = w;
			first = 0;
		} else if (h != e->h || w != e->w)
			return 0;
		str = unescaped(s, &e->str[t], &n);
		if (cx_rlesrc_check(str, n, h, w, &e->area[t]) == -1)
			return 0;
		e->present[t] = 1;
	} while (expect(s, ','));
	return expect(s, '}');
}

/* The whole file in the usual shape: 1, else 0 (nothing kept). */
static int
scan_file(struct scan *s)
{
	if (!expect(s, '{'))
		return 0;
	if (!peek(s, '}'))
		do {
			if (s->n == s->cap)
				s->e = cx_xreallocarray(s->e, s->cap = s->cap ? 2 * s->cap : 256,
				    sizeof *s->e);
			if (!entry(s, &s->e[s->n]))
				return 0;
			s->n++;
		} while (expect(s, ','));
	if (!expect(s, '}'))
		return 0;
	WS(s);
	return s->i == s->len;
}

struct order {
	char	*id;	/* first, for cx_imgid_sort */
	size_t	 k;
};

/* The scanned entries as f's (sorted by id), their strings NUL-terminated
 * and unescaped in place in buf; 0 when an id is not acceptable or given
 * twice (the full parser says which). */
static int
take(struct scan *s, char *buf, struct cx_segfile *f)
{
	struct order *o = cx_xcalloc(s->n + 1, sizeof *o);
	struct cx_seglazy *z;
	int ok = 1;

	for (size_t k = 0; k < s->n && ok; k++) {
		o[k].id = cx_xmalloc(s->e[k].id.len + 1);
		memcpy(o[k].id, s->b + s->e[k].id.off, s->e[k].id.len);
		o[k].id[s->e[k].id.len] = '\0';
		o[k].k = k;
		ok = strlen(o[k].id) == s->e[k].id.len && cx_imgid_check(o[k].id) == NULL;
	}
	if (ok) {
		cx_imgid_sort(o, s->n, sizeof *o);
		ok = cx_imgid_first_dup(o, s->n, sizeof *o) == 0;
	}
	if (!ok) {
		for (size_t k = 0; k < s->n; k++)
			free(o[k].id);
		free(o);
		return 0;
	}
	z = cx_xcalloc(1, sizeof *z);
	z->buf = buf;
	z->x = cx_xcalloc(s->n + 1, sizeof *z->x);
	z->done = cx_xcalloc(s->n + 1, sizeof *z->done);
	pthread_mutex_init(&z->mu, NULL);
	f->e = cx_xcalloc(s->n + 1, sizeof *f->e);
	f->n = f->cap = s->n;
	f->lazy = z;
	for (size_t r = 0; r < s->n; r++) {
		const struct scanent *se = &s->e[o[r].k];
		struct cx_segentry *e = &f->e[r];
		e->id = o[r].id;
		e->h = se->h;
		e->w = se->w;
		memcpy(e->present, se->present, sizeof e->present);
		for (int t = 0; t < CX_NTASKS; t++) {
			char *p = buf + se->str[t].off;
			size_t n;
			if (!se->present[t])
				continue;
			n = se->str[t].esc ? unescape(p, p, se->str[t].len) : se->str[t].len;
			p[n] = '\0';	/* over the closing quote or an escape */
			z->x[r].str[t] = p;
			z->x[r].len[t] = (uint32_t)n;
			z->x[r].area[t] = se->area[t];
		}
	}
	free(o);
	return 1;
}

/* buf (len bytes, NUL after) is taken: kept by a lazy f, else freed. */
static int
load_buf(struct cx_segfile *f, char *buf, size_t len, const char *name, struct cx_err *err)
{
	struct scan s = { .b = buf, .len = len };
	int rc = 0;

	memset(f, 0, sizeof *f);
	/* a string of 4 GB or more would not fit the lengths kept */
	if (len >= UINT32_MAX || !scan_file(&s) || !take(&s, buf, f)) {
		rc = cx_segfile_parse(f, buf, len, name, err);
		free(buf);
	}
	free(s.e);
	free(s.tmp);
	return rc;
}

int
cx_segscan_load(struct cx_segfile *f, const char *path, struct cx_err *err)
{
	size_t len;
	char *buf = cx_read_file(path, &len, CX_JSON_MAX, err);
	int rc;

	memset(f, 0, sizeof *f);
	if (buf == NULL)
		return -1;
	rc = load_buf(f, buf, len, path, err);
	/* success leaves no error behind, as cx_segfile_load */
	if (rc == 0 && err != NULL)
		memset(err, 0, sizeof *err);
	return rc;
}

int
cx_segscan_parse(struct cx_segfile *f, const char *buf, size_t len, const char *name,
    struct cx_err *err)
{
	char *copy = cx_xmalloc(len + 1);

	memcpy(copy, buf, len);
	copy[len] = '\0';
	return load_buf(f, copy, len, name, err);
}

/* Decode entry i (the mutex held). The strings were checked by the scan. */
static void
decode(const struct cx_segfile *f, size_t i)
{
	struct cx_segentry *e = &f->e[i];
	const struct lazyent *x = &f->lazy->x[i];

	for (int t = 0; t < CX_NTASKS; t++) {
		struct cx_err err = { 0 };
		if (!e->present[t] || cx_rle_from_string(&e->m[t], x->str[t], e->h, e->w, "",
		    &err) == -1)
			cx_rle_zero(&e->m[t], e->h, e->w);
	}
}

const struct cx_segentry *
cx_segscan_at(const struct cx_segfile *f, size_t i)
{
	struct cx_seglazy *z = f->lazy;

	if (z == NULL || atomic_load_explicit(&z->done[i], memory_order_acquire))
		return &f->e[i];
	pthread_mutex_lock(&z->mu);
	if (!atomic_load_explicit(&z->done[i], memory_order_relaxed)) {
		decode(f, i);
		atomic_store_explicit(&z->done[i], 1, memory_order_release);
	}
	pthread_mutex_unlock(&z->mu);
	return &f->e[i];
}

void
cx_segscan_realize(const struct cx_segfile *f)
{
	for (size_t i = 0; f->lazy && i < f->n; i++)
		cx_segscan_at(f, i);
}

void
cx_segscan_mask(const struct cx_segfile *f, size_t i, int t, struct cx_rlesrc *src)
{
	const struct cx_segentry *e = &f->e[i];

	if (f->lazy == NULL) {
		cx_rlesrc_of_rle(src, &e->m[t]);
		return;
	}
	memset(src, 0, sizeof *src);
	src->h = e->h;
	src->w = e->w;
	if (e->present[t]) {
		src->str = f->lazy->x[i].str[t];
		src->len = f->lazy->x[i].len[t];
		src->area = f->lazy->x[i].area[t];
	}
}

void
cx_segscan_free(struct cx_seglazy *z)
{
	if (z == NULL)
		return;
	pthread_mutex_destroy(&z->mu);
	free(z->buf);
	free(z->x);
	free((void *)z->done);
	free(z);
}
