/* rle: COCO run-length masks. The compressed string form follows COCO's
 * maskApi (counts >= index 3 stored as a delta to two places earlier, 5-bit
 * groups, sign bit on the last group), but every input is validated. */
#include "rle.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

int
cx_rle_check_size(uint64_t h, uint64_t w, struct cx_err *err)
{
	if (h > CX_MAX_SIDE || w > CX_MAX_SIDE)
		return cx_err_set(err, "size %llux%llu exceeds the %u px side limit",
		    (unsigned long long)h, (unsigned long long)w, CX_MAX_SIDE);
	if (h * w > CX_MAX_PIXELS)
		return cx_err_set(err, "size %llux%llu exceeds the %llu pixel limit",
		    (unsigned long long)h, (unsigned long long)w, CX_MAX_PIXELS);
	return 0;
}

void
cx_rle_fini(struct cx_rle *r)
{
	if (r == NULL)
		return;
	free(r->counts);
	r->counts = NULL;
	r->n = 0;
}

void
cx_rle_zero(struct cx_rle *r, uint32_t h, uint32_t w)
{
	r->h = h;
	r->w = w;
	r->n = 1;
	r->counts = cx_xmalloc(sizeof *r->counts);
	r->counts[0] = h * w;
}

void
cx_rle_copy(struct cx_rle *dst, const struct cx_rle *src)
{
	*dst = *src;
	dst->counts = cx_xmalloc((src->n ? src->n : 1) * sizeof *src->counts);
	memcpy(dst->counts, src->counts, src->n * sizeof *src->counts);
}

int
cx_rle_from_counts(struct cx_rle *r, const int64_t *c, size_t n, uint32_t h,
    uint32_t w, const char *path, struct cx_err *err)
{
	uint64_t total = (uint64_t)h * w, sum = 0;

	memset(r, 0, sizeof *r);
	if (cx_rle_check_size(h, w, err) == -1)
		return cx_err_at(err, path, "%s", err->msg);
	for (size_t i = 0; i < n; i++) {
		if (c[i] < 0 || (uint64_t)c[i] > total)
			return cx_err_at(err, path, "run %zu has count %lld, outside 0..%llu",
			    i, (long long)c[i], (unsigned long long)total);
		sum += (uint64_t)c[i];
		if (sum > total)
			return cx_err_at(err, path, "run counts exceed h*w = %llu at run %zu",
			    (unsigned long long)total, i);
	}
	if (sum != total)
		return cx_err_at(err, path, "run counts sum to %llu, want h*w = %llu",
		    (unsigned long long)sum, (unsigned long long)total);
	r->h = h;
	r->w = w;
	r->n = n;
	r->counts = cx_xmalloc((n ? n : 1) * sizeof *r->counts);
	for (size_t i = 0; i < n; i++)
		r->counts[i] = (uint32_t)c[i];
	return 0;
}

int
cx_rle_from_string(struct cx_rle *r, const char *s, uint32_t h, uint32_t w,
    const char *path, struct cx_err *err)
{
	size_t len = strlen(s), n = 0, p = 0;
	int64_t *c;
	int rc;

	memset(r, 0, sizeof *r);
	/* each count takes at least one character */
	c = cx_xmalloc((len ? len : 1) * sizeof *c);
	while (p < len) {
		int64_t x = 0;
		int k = 0, more = 1;
		while (more) {
			int ch;
			if (p >= len) {
				free(c);
				return cx_err_at(err, path, "counts string ends inside a value (byte %zu)", p);
			}
			ch = (unsigned char)s[p] - 48;
			if (ch < 0 || ch > 63) {
				free(c);
				return cx_err_at(err, path, "counts byte %zu is %s0x%02x, outside '0'..'o'",
				    p, "", (unsigned char)s[p]);
			}
			if (k >= 7) {	/* 35 bits: more than any mask can hold */
				free(c);
				return cx_err_at(err, path, "counts value too long at byte %zu", p);
			}
			x |= (int64_t)(ch & 0x1f) << (5 * k);
			more = ch & 0x20;
			p++;
			k++;
			if (!more && (ch & 0x10))
				x -= (int64_t)1 << (5 * k);	/* sign-extend */
		}
		if (n > 2)
			x += c[n - 2];
		c[n++] = x;
	}
	rc = cx_rle_from_counts(r, c, n, h, w, path, err);
	free(c);
	return rc;
}

char *
cx_rle_to_string(const struct cx_rle *r)
{
	char *s = cx_xmalloc(r->n * 7 + 1);
	size_t p = 0;

	for (size_t i = 0; i < r->n; i++) {
		int64_t x = r->counts[i];
		int more = 1;
		if (i > 2)
			x -= (int64_t)r->counts[i - 2];
		while (more) {
			int ch = (int)(x & 0x1f);
			x >>= 5;	/* arithmetic shift, as COCO's signed long */
			more = (ch & 0x10) ? x != -1 : x != 0;
			if (more)
				ch |= 0x20;
			s[p++] = (char)(ch + 48);
		}
	}
	s[p] = '\0';
	return s;
}

/* Append a run, merging with the previous one of the same value. */
struct builder {
	uint32_t	*c;
	size_t		 n, cap;
	int		 cur;		/* value of the open run */
};

static void
build_push(struct builder *b, uint32_t len)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->c = cx_xreallocarray(b->c, b->cap, sizeof *b->c);
	}
	b->c[b->n++] = len;
}

void
cx_rle_from_colmajor(struct cx_rle *r, const uint8_t *m, uint32_t h, uint32_t w)
{
	struct builder b = {0};
	size_t total = (size_t)h * w, i = 0;
	int v = 0;

	while (i < total) {
		size_t j = i;
		while (j < total && (m[j] != 0) == v)
			j++;
		build_push(&b, (uint32_t)(j - i));
		v = !v;
		i = j;
	}
	if (b.n == 0)
		build_push(&b, 0);
	r->h = h;
	r->w = w;
	r->n = b.n;
	r->counts = b.c;
}

void
cx_rle_from_rowmajor(struct cx_rle *r, const uint8_t *m, uint32_t h, uint32_t w)
{
	struct builder b = {0};
	uint32_t run = 0;
	int v = 0;

	for (uint32_t x = 0; x < w; x++)
		for (uint32_t y = 0; y < h; y++) {
			int px = m[(size_t)y * w + x] != 0;
			if (px != v) {
				build_push(&b, run);
				run = 0;
				v = px;
			}
			run++;
		}
	build_push(&b, run);
	r->h = h;
	r->w = w;
	r->n = b.n;
	r->counts = b.c;
}

uint64_t
cx_rle_area(const struct cx_rle *r)
{
	uint64_t a = 0;

	for (size_t i = 1; i < r->n; i += 2)
		a += r->counts[i];
	return a;
}

void
cx_rle_inter_union(const struct cx_rle *a, const struct cx_rle *b,
    uint64_t *inter, uint64_t *uni)
{
	/* Walk both run lists; each step advances to the nearer run end. */
	size_t ia = 0, ib = 0;
	uint64_t ea = a->n ? a->counts[0] : 0, eb = b->n ? b->counts[0] : 0;
	uint64_t pos = 0, in = 0, un = 0, total = (uint64_t)a->h * a->w;

	while (pos < total && ia < a->n && ib < b->n) {
		uint64_t next = ea < eb ? ea : eb;
		int va = ia & 1, vb = ib & 1;
		if (va && vb)
			in += next - pos;
		if (va || vb)
			un += next - pos;
		pos = next;
		while (ia < a->n && ea == pos && pos < total) {
			if (++ia < a->n)
				ea += a->counts[ia];
		}
		while (ib < b->n && eb == pos && pos < total) {
			if (++ib < b->n)
				eb += b->counts[ib];
		}
	}
	*inter = in;
	*uni = un;
}

int
cx_rle_get(const struct cx_rle *r, int64_t y, int64_t x)
{
	uint64_t pos, acc = 0;

	if (y < 0 || x < 0 || y >= r->h || x >= r->w)
		return 0;
	pos = (uint64_t)x * r->h + (uint64_t)y;
	for (size_t i = 0; i < r->n; i++) {
		acc += r->counts[i];
		if (pos < acc)
			return (int)(i & 1);
	}
	return 0;
}

uint8_t *
cx_rle_to_rowmajor(const struct cx_rle *r)
{
	size_t total = (size_t)r->h * r->w;
	uint8_t *m = cx_xcalloc(total ? total : 1, 1);
	uint64_t pos = 0;

	for (size_t i = 0; i < r->n; i++) {
		if (i & 1)
			for (uint64_t p = pos; p < pos + r->counts[i]; p++)
				m[(size_t)(p % r->h) * r->w + p / r->h] = 1;
		pos += r->counts[i];
	}
	return m;
}

float *
cx_rle_downscale_crop(const struct cx_rle *r, uint32_t y0, uint32_t x0,
    uint32_t ch, uint32_t cw, uint32_t oh, uint32_t ow)
{
	float *out = cx_xcalloc((size_t)oh * ow, sizeof *out);
	uint32_t *rowcell, *colcell, *rown, *coln;
	uint64_t pos = 0;

	if (oh == 0 || ow == 0 || ch == 0 || cw == 0)
		return out;
	/* Which output row/column each source row/column of the window maps to,
	 * and how many source rows/columns each output cell receives. */
	rowcell = cx_xmalloc(ch * sizeof *rowcell);
	colcell = cx_xmalloc(cw * sizeof *colcell);
	rown = cx_xcalloc(oh, sizeof *rown);
	coln = cx_xcalloc(ow, sizeof *coln);
	for (uint32_t y = 0; y < ch; y++)
		rown[rowcell[y] = (uint32_t)((uint64_t)y * oh / ch)]++;
	for (uint32_t x = 0; x < cw; x++)
		coln[colcell[x] = (uint32_t)((uint64_t)x * ow / cw)]++;
	for (size_t i = 0; i < r->n; i++) {
		uint64_t s = pos, e = pos + r->counts[i];
		pos = e;
		if (!(i & 1))
			continue;
		while (s < e) {
			uint32_t x = (uint32_t)(s / r->h), y = (uint32_t)(s % r->h);
			uint64_t colend = (uint64_t)(x + 1) * r->h;
			uint32_t yend = (uint32_t)((e < colend ? e : colend) - (uint64_t)x * r->h);
			if (x >= x0 && x < x0 + cw) {
				uint32_t a = y > y0 ? y : y0, b = yend < y0 + ch ? yend : y0 + ch;
				float *col = out + colcell[x - x0];
				for (uint32_t yy = a; yy < b; yy++)
					col[(size_t)rowcell[yy - y0] * ow] += 1.0f;
			}
			s = (uint64_t)x * r->h + yend;
		}
	}
	for (uint32_t oy = 0; oy < oh; oy++)
		for (uint32_t ox = 0; ox < ow; ox++) {
			uint64_t n = (uint64_t)rown[oy] * coln[ox];
			out[(size_t)oy * ow + ox] = n ? out[(size_t)oy * ow + ox] / (float)n : 0.0f;
		}
	free(rowcell);
	free(colcell);
	free(rown);
	free(coln);
	return out;
}

float *
cx_rle_downscale(const struct cx_rle *r, uint32_t oh, uint32_t ow)
{
	return cx_rle_downscale_crop(r, 0, 0, r->h, r->w, oh, ow);
}

int
cx_rle_bbox(const struct cx_rle *r, uint32_t *y0, uint32_t *x0, uint32_t *y1,
    uint32_t *x1)
{
	uint64_t pos = 0;
	int any = 0;

	for (size_t i = 0; i < r->n; i++) {
		uint64_t s = pos, e = pos + r->counts[i];
		pos = e;
		if (!(i & 1) || s == e)
			continue;
		uint32_t xs = (uint32_t)(s / r->h), xe = (uint32_t)((e - 1) / r->h);
		/* a run that wraps into the next column covers row 0 and row h-1 */
		uint32_t ya = xs == xe ? (uint32_t)(s % r->h) : 0;
		uint32_t yb = xs == xe ? (uint32_t)((e - 1) % r->h) : r->h - 1;
		if (!any) {
			*y0 = ya, *y1 = yb, *x0 = xs, *x1 = xe;
			any = 1;
		} else {
			if (ya < *y0) *y0 = ya;
			if (yb > *y1) *y1 = yb;
			if (xs < *x0) *x0 = xs;
			if (xe > *x1) *x1 = xe;
		}
	}
	return any;
}

void
cx_rle_count_under(const struct cx_rle *m, const uint8_t *cls, uint64_t *hist)
{
	size_t pos = 0;

	/* the runs are column-major over the row-major classes */
	for (size_t r = 1; r < m->n; r += 2) {
		size_t s = pos + m->counts[r - 1], e = s + m->counts[r];
		uint32_t x = (uint32_t)(s / m->h), y = (uint32_t)(s % m->h);
		for (size_t q = s; q < e; q++) {
			hist[cls[(size_t)y * m->w + x]]++;
			if (++y == m->h) {
				y = 0;
				x++;
			}
		}
		pos = e;
	}
}
