/* rlesrc: runs read from counts or straight from a COCO string. */
#include "rlesrc.h"

#include <string.h>

/* One value of a COCO string at s[*p] (before the delta to two places
 * earlier): cx_rle_from_string's reading, -1 where it would refuse. */
static inline int
coco_value(const char *s, size_t len, size_t *p, int64_t *out)
{
	int64_t x = 0;
	int k = 0, more = 1;
	unsigned c0;

	/* most values are one byte: no continuation bit (0x20) */
	if (*p < len && (c0 = (unsigned char)s[*p] - 48u) < 32) {
		(*p)++;
		*out = (c0 & 0x10) ? (int64_t)c0 - 32 : (int64_t)c0;
		return 0;
	}
	while (more) {
		int ch;
		if (*p >= len)
			return -1;
		ch = (unsigned char)s[*p] - 48;
		if (ch < 0 || ch > 63 || k >= 7)
			return -1;
		x |= (int64_t)(ch & 0x1f) << (5 * k);
		more = ch & 0x20;
		(*p)++;
		k++;
		if (!more && (ch & 0x10))
			x -= (int64_t)1 << (5 * k);
	}
	*out = x;
	return 0;
}

int
cx_rlesrc_check(const char *s, size_t len, uint32_t h, uint32_t w, uint64_t *area)
{
	uint64_t total = (uint64_t)h * w, sum = 0, a = 0;
	int64_t c1 = 0, c2 = 0;	/* the counts one and two places back */
	size_t p = 0, n = 0;

	if (cx_rle_check_size(h, w, NULL) == -1)
		return -1;
	while (p < len) {
		int64_t x;
		if (coco_value(s, len, &p, &x) == -1)
			return -1;
		if (n > 2)
			x += c2;
		/* negative or above h * w (a run is at most the image) */
		if ((uint64_t)x > total)
			return -1;
		/* no overflow: fewer than 2^32 runs of at most 2^29 pixels; a sum
		 * past h * w is refused at the end as the full reader refuses it
		 * on the way */
		sum += (uint64_t)x;
		a += (n & 1) ? (uint64_t)x : 0;
		c2 = c1;
		c1 = x;
		n++;
	}
	if (sum != total)
		return -1;
	*area = a;
	return 0;
}

void
cx_rlesrc_of_rle(struct cx_rlesrc *src, const struct cx_rle *r)
{
	memset(src, 0, sizeof *src);
	src->h = r->h;
	src->w = r->w;
	src->counts = r->counts;
	src->n = r->n;
	src->area = cx_rle_area(r);
}

/* The runs of a source one after another (a checked string needs no
 * checks again); 0 when there are no more. */
struct runs {
	const struct cx_rlesrc	*s;
	size_t			 i, p;
	int64_t			 c1, c2;
};

static int
runs_next(struct runs *it, uint64_t *len)
{
	const struct cx_rlesrc *s = it->s;
	int64_t x;

	if (s->counts) {
		if (it->i >= s->n)
			return 0;
		*len = s->counts[it->i++];
		return 1;
	}
	if (!s->str) {
		/* an all-zero mask: one run of h * w zeros */
		if (it->i++ > 0)
			return 0;
		*len = (uint64_t)s->h * s->w;
		return 1;
	}
	if (it->p >= s->len || coco_value(s->str, s->len, &it->p, &x) == -1)
		return 0;
	if (it->i > 2)
		x += it->c2;
	it->c2 = it->c1;
	it->c1 = x;
	it->i++;
	*len = (uint64_t)x;
	return 1;
}

void
cx_rlesrc_inter_union(const struct cx_rlesrc *a, const struct cx_rlesrc *b,
    uint64_t *inter, uint64_t *uni)
{
	struct runs ra = { .s = a }, rb = { .s = b };
	uint64_t la = 0, lb = 0, in = 0, un = 0;
	int va = 1, vb = 1;	/* the value of the run in hand: the first is 0 */
	int more = 1;

	/* Both cover h * w pixels: step to the nearer run end. Intersection
	 * and union are pixel counts, whatever the walk. */
	while (more) {
		uint64_t step;
		while (la == 0 && (more = runs_next(&ra, &la)))
			va = !va;
		while (more && lb == 0 && (more = runs_next(&rb, &lb)))
			vb = !vb;
		if (!more)
			break;
		step = la < lb ? la : lb;
		if (va && vb)
			in += step;
		if (va || vb)
			un += step;
		la -= step;
		lb -= step;
	}
	*inter = in;
	*uni = un;
}
