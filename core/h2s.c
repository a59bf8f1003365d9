/* h2s: the reference's cam_to_segmentation, operation by operation. */
#include "h2s.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "contour.h"
#include "polygon.h"
#include "resize.h"
#include "xalloc.h"

/* Loops over blocks and pixels meant to vectorize (GCC's -O2 cost model
 * leaves loops of unknown trip count scalar); no reassociation, so the
 * same results. No trapping math: nothing here reads the floating-point
 * exception flags, and an operation the compiler must not speculate (under
 * a condition, as in x = (c ? a : b) - d turned into branches) keeps a
 * loop scalar; every value stays the same. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=dynamic", "no-trapping-math")
#endif

int
cx_h2s_normalize_map(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w,
    float *out)
{
	size_t n = (size_t)h * w;
	float lo = INFINITY, hi = -INFINITY, range;

	cx_resize_bilinear(map, mh, mw, out, h, w);
	for (size_t i = 0; i < n; i++) {
		lo = out[i] < lo ? out[i] : lo;
		hi = out[i] > hi ? out[i] : hi;
	}
	/* torch: (m - m.min()) / (m - m.min()).max(); subtraction is monotone,
	 * so the divisor is hi - lo rounded once. */
	range = hi - lo;
	if (!(range > 0)) {
		for (size_t i = 0; i < n; i++)
			out[i] = NAN;
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		float d = out[i] - lo;
		out[i] = d / range;
	}
	return 0;
}

int
cx_h2s_normalized(const struct cx_heatmap *hm, uint32_t h, uint32_t w, float *out)
{
	return cx_h2s_normalize_map(hm->map, hm->mh, hm->mw, h, w, out);
}

void
cx_h2s_threshold(const float *norm, size_t n, float t, uint8_t *mask)
{
	for (size_t i = 0; i < n; i++)
		mask[i] = norm[i] > t;
}

void
cx_h2s_to_u8(const float *norm, size_t n, uint8_t *u8)
{
	for (size_t i = 0; i < n; i++) {
		float v = 255.0f * norm[i];
		u8[i] = v >= 0 && v < 256 ? (uint8_t)v : 0;
	}
}

int
cx_h2s_otsu_hist(const uint64_t hist[256], uint64_t n)
{
	double mu = 0, scale = 1.0 / (double)n, mu1 = 0, q1 = 0, max_sigma = 0;
	int max_val = 0;

	for (int i = 0; i < 256; i++)
		mu += i * (double)hist[i];
	mu *= scale;
	for (int i = 0; i < 256; i++) {
		double p = (double)hist[i] * scale, q2, mu2, sigma;

		mu1 *= q1;
		q1 += p;
		q2 = 1.0 - q1;
		if ((q1 < q2 ? q1 : q2) < FLT_EPSILON || (q1 > q2 ? q1 : q2) > 1.0 - FLT_EPSILON)
			continue;
		mu1 = (mu1 + i * p) / q1;
		mu2 = (mu - q1 * mu1) / q2;
		sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2);
		if (sigma > max_sigma) {
			max_sigma = sigma;
			max_val = i;
		}
	}
	return max_val;
}

/* Contours of a crop of the binary image (its top-left corner at (cx, cy),
 * every set pixel of the image inside it), filled into the full mask. The
 * crop's contours are the image's moved by (cx, cy): the tracing visits the
 * same pixels in the same order and sees zeros outside either way. The
 * polygons are drawn in image coordinates, as the reference draws them. */
static void
fill_contours_crop(const uint8_t *crop, uint32_t ch, uint32_t cw, uint32_t cx, uint32_t cy,
    uint8_t *mask, uint32_t h, uint32_t w)
{
	struct cx_contours cs;
	double *xy = NULL;
	size_t cap = 0;

	memset(mask, 0, (size_t)h * w);
	/* the reference asks for RETR_TREE, but every contour is filled and
	 * the union does not depend on their order or nesting: RETR_LIST
	 * traces the same contours without the parent search, which is
	 * quadratic on noise (a constant map at 10000^2: ulp noise, over
	 * 120 s) */
	cx_contours_find(&cs, crop, ch, cw, CX_RETR_LIST, CX_CHAIN_SIMPLE);
	for (size_t i = 0; i < cs.n; i++) {
		const struct cx_contour *c = &cs.c[i];
		if (c->n <= 1)
			continue;
		if (c->n > cap) {
			cap = c->n;
			xy = cx_xreallocarray(xy, cap, 2 * sizeof *xy);
		}
		for (size_t j = 0; j < c->n; j++) {
			xy[2 * j] = (double)c->xy[2 * j] + cx;
			xy[2 * j + 1] = (double)c->xy[2 * j + 1] + cy;
		}
		cx_polygon_draw(mask, h, w, xy, c->n);
	}
	free(xy);
	cx_contours_fini(&cs);
}

void
cx_h2s_fill_contours(const uint8_t *bin, uint32_t h, uint32_t w, uint8_t *mask)
{
	fill_contours_crop(bin, h, w, 0, 0, mask, h, w);
}

void
cx_h2s_segment_norm(float *norm, int degenerate, uint32_t h, uint32_t w,
    const struct cx_h2s_opts *o, struct cx_rle *out)
{
	size_t n = (size_t)h * w;
	uint8_t *a;

	/* A degenerate map is NaN everywhere, which NumPy casts to uint8 0: empty
	 * without smoothing, but JET + box filter + 255 - gray make it a constant
	 * 217 that Otsu (threshold 0) turns into a full mask, as the reference does. */
	if (degenerate && !(o->otsu && o->smooth_k > 0)) {
		cx_rle_zero(out, h, w);
		return;
	}
	a = cx_xmalloc(n ? n : 1);
	if (degenerate)
		memset(a, 0, n);
	if (!o->otsu) {
		cx_h2s_threshold(norm, n, o->threshold, a);
		cx_rle_from_rowmajor(out, a, h, w);
		free(a);
		return;
	}
	if (!degenerate)
		cx_h2s_to_u8(norm, n, a);
	cx_h2s_segment_u8(a, h, w, o, out);
	free(a);
}

void
cx_h2s_segment_u8(uint8_t *a, uint32_t h, uint32_t w, const struct cx_h2s_opts *o,
    struct cx_rle *out)
{
	size_t n = (size_t)h * w;
	uint64_t hist[256] = {0};
	uint8_t *m;
	int t, maxv = 0;

	if (o->smooth_k > 0)
		cx_h2s_smooth(a, h, w, o->smooth_k);
	for (size_t i = 0; i < n; i++) {
		hist[a[i]]++;
		maxv = a[i] > maxv ? a[i] : maxv;
	}
	t = cx_h2s_otsu_hist(hist, n);
	/* cv2.threshold(mask, 0, maxval, THRESH_OTSU): src > t ? maxval : 0 */
	if (maxv == 0) {
		cx_rle_zero(out, h, w);
		return;
	}
	for (size_t i = 0; i < n; i++)
		a[i] = a[i] > t;
	m = cx_xmalloc(n ? n : 1);
	cx_h2s_fill_contours(a, h, w, m);
	cx_rle_from_rowmajor(out, m, h, w);
	free(m);
}

/* ---- the fast path ----
 *
 * The resized map is made of blocks: all output pixels between the same two
 * source rows and the same two source columns share their four source values
 * and differ only in the weights. Each computed value is a nonnegative float32
 * weighting of those four corners whose weights sum to 1 within a few float32
 * rounding errors, so it lies within [lo - e|lo|, hi + e|hi|] of the corners'
 * range (e = 1e-6 is several times the worst case). Normalization, the uint8
 * truncation and both thresholds are monotone in the value, so a block whose
 * bounds decide the outcome is filled without computing its pixels; only the
 * blocks straddling a decision are computed, pixel by pixel, with the exact
 * torch arithmetic. The result is identical to the full computation (the
 * unit tests compare both). */

/* The decisions as raw-value cuts: normalization and the uint8 truncation
 * are monotone, so "bin >= b" and "pixel set" are "v >= cut" for cuts found
 * once by bisection over the floats between the exact minimum and maximum;
 * pixels are then classified by comparisons only, as the reference's
 * arithmetic would classify them. */
struct pred {
	float	 vmin, vmax, range;
	int	 otsu;
	float	 t;		/* threshold mode */
	double	 k255;		/* 255 / range: the bin before rounding */
	int	 arith;		/* range normal: bin_span may decide by arithmetic */
	float	 cut[257];	/* bin b holds cut[b] <= v < cut[b + 1] */
	float	 vstar;		/* pixel set when v >= vstar */
};

static int
u8_of(float v, const struct pred *p)
{
	float d = v - p->vmin, m = d / p->range, s = 255.0f * m;

	/* NaN counts as 0, as NumPy's cast gives on x86 */
	return s > 0 ? (s < 255 ? (int)s : 255) : 0;
}

static uint32_t
fkey(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return (u & 0x80000000u) ? ~u : u | 0x80000000u;
}

static float
funkey(uint32_t k)
{
	uint32_t u = (k & 0x80000000u) ? k & 0x7fffffffu : ~k;
	float f;

	memcpy(&f, &u, 4);
	return f;
}

/* Smallest v in [vmin, vmax] with u8(v) >= b (mode 0) or norm(v) > t (mode
 * 1); +inf when there is none. Both predicates are monotone in v. */
static float
first_true(const struct pred *p, int mode, int b)
{
	uint32_t lo = fkey(p->vmin), hi = fkey(p->vmax);
#define HOLDS(v) (mode == 0 ? u8_of((v), p) >= b : ((v) - p->vmin) / p->range > p->t)
	if (!HOLDS(p->vmax))
		return INFINITY;
	if (HOLDS(p->vmin))
		return p->vmin;
	while (hi - lo > 1) {
		uint32_t m = lo + (hi - lo) / 2;
		if (HOLDS(funkey(m)))
			hi = m;
		else
			lo = m;
	}
#undef HOLDS
	return funkey(hi);
}

static void
pred_range(struct pred *p, float vmin, float vmax)
{
	p->vmin = vmin;
	p->vmax = vmax;
	p->range = vmax - vmin;
	p->k255 = 255.0 / p->range;
	p->arith = p->range >= 1e-30f;
}

static void
pred_cuts(struct pred *p)
{
	p->cut[0] = -INFINITY;
	p->cut[256] = INFINITY;
	for (int b = 1; b < 256; b++)
		p->cut[b] = first_true(p, 0, b);
}

/* A block's four corners, gathered once so that the bounds of each of its
 * output row segments are a few multiplications. */
struct corners {
	float	 c00, c01, c10, c11;
	int	 nonneg;
};

static void
block_corners(const struct cx_rblocks *b, uint32_t k, uint32_t l, struct corners *c)
{
	const struct cx_resize *r = &b->r;
	uint32_t y = b->rs[k], x = b->cs[l], x0 = r->x0[x], x1 = r->x1[x];
	const float *r0 = r->in + (size_t)r->y0[y] * r->iw;
	const float *r1 = r->in + (size_t)r->y1[y] * r->iw;

	c->c00 = r0[x0];
	c->c01 = r0[x1];
	c->c10 = r1[x0];
	c->c11 = r1[x1];
	c->nonneg = c->c00 >= 0 && c->c01 >= 0 && c->c10 >= 0 && c->c11 >= 0;
}

/* Bounds of one output row's segment from gathered corners (the analysis of
 * cx_rblocks_row_bounds). Away from zero the margin is doubled, which also
 * covers the rounding of the cast to float and spares a directed rounding. */
static inline void
seg_bounds(const struct corners *c, double h0, double h1, float *lo, float *hi)
{
	double a = h0 * c->c00 + h1 * c->c10, z = h0 * c->c01 + h1 * c->c11;
	double mn = a < z ? a : z, mx = a < z ? z : a;

	if (c->nonneg) {
		*lo = mn > 1e-30 ? (float)(mn * (1 - 8 * CX_RBLOCKS_EPS)) :
		    cx_fdown(mn * (1 - 4 * CX_RBLOCKS_EPS));
		*hi = mx > 1e-30 ? (float)(mx * (1 + 8 * CX_RBLOCKS_EPS)) :
		    cx_fup(mx * (1 + 4 * CX_RBLOCKS_EPS));
	} else {
		double ma = h0 * fabs(c->c00) + h1 * fabs(c->c10);
		double mz = h0 * fabs(c->c01) + h1 * fabs(c->c11);
		double m = ma > mz ? ma : mz;
		*lo = cx_fdown(mn - 4 * CX_RBLOCKS_EPS * m);
		*hi = cx_fup(mx + 4 * CX_RBLOCKS_EPS * m);
	}
}

/* The bin of v (cut[b] <= v < cut[b + 1]). The float32 chain of u8_of is
 * within 1e-4 of the real 255 (v - vmin) / range, so the real value's bin
 * is off by at most one; the cuts settle it (the loops rarely turn). */
static inline int
bin_of(double v, const struct pred *p)
{
	const float *cut = p->cut;
	double s = (v - p->vmin) * p->k255;
	int c = s > 0 ? (s < 255 ? (int)s : 255) : 0;

	while (v >= cut[c + 1])
		c++;
	while (v < cut[c])
		c--;
	return c;
}

/* The bin every value in [lo, hi] falls in, or -1 when they may not share
 * one. u8_of rounds three times (relative 2^-24 each), so for a float v its
 * result is the truncation of a number within 5e-5 of the real
 * r = 255 (v - vmin) / range (clamped to [0, 255]): when r stays 1e-3 away
 * from the integers over the whole interval, arithmetic alone decides, and
 * only the rest asks the cuts. Needs a normal range (p->arith). */
static inline int
bin_span(double lo, double hi, const struct pred *p)
{
	if (p->arith) {
		double a = (lo - p->vmin) * p->k255 - 1e-3, z = (hi - p->vmin) * p->k255 + 1e-3;
		int ca = a > 0 ? (a < 255 ? (int)a : 255) : 0;
		int cz = z > 0 ? (z < 255 ? (int)z : 255) : 0;
		if (ca == cz)
			return ca;
	}
	return -1;
}

/* The binary image of the predicate (v >= vstar), block by block: a block
 * whose bounds decide it is uniform, a block the range search computed uses
 * its exact values, the others are decided per output row segment and
 * computed where their bounds straddle the threshold. */
enum { B_CLEAR, B_MIXED, B_SET, B_EXACT };

struct bstates {
	uint8_t		*st;			/* per block */
	uint32_t	 kmin, kmax, lmin, lmax;	/* the blocks that may hold a set pixel */
};

/* Every block's state; 0 (and nothing held) when no pixel can be set.
 * From the bounds without a branch (lb <= ub: the number of bounds at or
 * past vs is the state), then the kept blocks, then the box. */
static int
bstates_make(const struct cx_rblocks *b, float vs, struct bstates *s)
{
	size_t nb = (size_t)b->nbr * b->nbc;

	s->st = cx_xmalloc(nb);
	s->kmin = s->lmin = UINT32_MAX;
	s->kmax = s->lmax = 0;
	{
		uint8_t *st = s->st;
		const float *lb = b->lb, *ub = b->ub;
		for (size_t i = 0; i < nb; i++)
			st[i] = (uint8_t)((lb[i] >= vs) + (ub[i] >= vs));
	}
	for (size_t j = 0; j < b->nxlist; j++)
		s->st[b->xlist[j]] = B_EXACT;
	for (uint32_t k = 0; k < b->nbr; k++) {
		const uint8_t *st = s->st + (size_t)k * b->nbc;
		uint32_t l0 = 0, l1 = b->nbc;
		while (l0 < b->nbc && st[l0] == B_CLEAR)
			l0++;
		if (l0 == b->nbc)
			continue;
		while (st[l1 - 1] == B_CLEAR)
			l1--;
		s->kmin = k < s->kmin ? k : s->kmin;
		s->kmax = k;
		s->lmin = l0 < s->lmin ? l0 : s->lmin;
		s->lmax = l1 - 1 > s->lmax ? l1 - 1 : s->lmax;
	}
	if (s->kmin == UINT32_MAX) {
		free(s->st);
		return 0;
	}
	return 1;
}

/* Row y, columns [x0, x1): all v, or bits[0 .. x1 - x0) when bits != NULL. */
typedef void binary_emit(void *ctx, uint32_t y, uint32_t x0, uint32_t x1, int v,
    const uint8_t *bits);

/* Hands every output row of the blocks that may hold a set pixel to emit,
 * left to right; neighbouring uniform blocks of one state go as one span. */
static void
bstates_walk(struct cx_rblocks *b, const struct pred *p, float *buf, const struct bstates *s,
    binary_emit *emit, void *ctx)
{
	uint32_t *span = cx_xmalloc(((size_t)b->nbc + 1) * sizeof *span), nspan;
	struct corners *cr = cx_xmalloc(b->nbc * sizeof *cr);
	uint8_t *bits = cx_xmalloc((size_t)b->r.ow + 1);
	float vs = p->vstar;

	for (uint32_t k = s->kmin; k <= s->kmax; k++) {
		const uint8_t *st = s->st + (size_t)k * b->nbc;
		nspan = 0;
		for (uint32_t l = s->lmin; l <= s->lmax; l++) {
			if (l == s->lmin || st[l] == B_MIXED || st[l] == B_EXACT || st[l] != st[l - 1])
				span[nspan++] = l;
			if (st[l] == B_MIXED)
				block_corners(b, k, l, &cr[l]);
		}
		span[nspan] = s->lmax + 1;
		for (uint32_t y = b->rs[k]; y < b->rs[k + 1]; y++) {
			double h0 = b->r.hy0[y], h1 = b->r.hy1[y];
			for (uint32_t sp = 0; sp < nspan; sp++) {
				uint32_t l = span[sp], x0 = b->cs[l], x1 = b->cs[span[sp + 1]];
				const float *v = NULL;
				float lo, hi;
				if (st[l] == B_EXACT) {
					v = cx_rblocks_exact(b, (size_t)k * b->nbc + l) +
					    (size_t)(y - b->rs[k]) * (x1 - x0);
				} else if (st[l] != B_MIXED) {
					emit(ctx, y, x0, x1, st[l] == B_SET, NULL);
					continue;
				} else {
					seg_bounds(&cr[l], h0, h1, &lo, &hi);
					if (lo >= vs || !(hi >= vs)) {
						emit(ctx, y, x0, x1, lo >= vs, NULL);
						continue;
					}
					cx_resize_block_span(&b->r, y, x0, x1, buf);
					v = buf;
				}
				for (uint32_t x = x0; x < x1; x++)
					bits[x - x0] = v[x - x0] >= vs;
				emit(ctx, y, x0, x1, 0, bits);
			}
		}
	}
	free(bits);
	free(cr);
	free(span);
}

/* The binary image cropped to the blocks that may hold a set pixel and
 * framed with zeros, as cx_contours_find_framed_at takes it; NULL when no
 * pixel can be set. box gets the crop (pixels). */
struct crop {
	uint32_t	 x0, y0, w, h;
};

struct image_ctx {
	uint8_t		*img;
	size_t		 W;
	struct crop	 box;
};

static void
emit_image(void *ctx, uint32_t y, uint32_t x0, uint32_t x1, int v, const uint8_t *bits)
{
	struct image_ctx *c = ctx;
	uint8_t *frow = c->img + (size_t)(y - c->box.y0 + 1) * c->W;

	if (bits != NULL)
		memcpy(frow + 1 + (x0 - c->box.x0), bits, x1 - x0);
	else
		memset(frow + 1 + (x0 - c->box.x0), v, x1 - x0);
}

static uint8_t *
binary_image(struct cx_rblocks *b, const struct pred *p, float *buf, struct crop *box)
{
	struct bstates s;
	struct image_ctx c;

	if (!bstates_make(b, p->vstar, &s))
		return NULL;
	c.box.x0 = b->cs[s.lmin];
	c.box.y0 = b->rs[s.kmin];
	c.box.w = b->cs[s.lmax + 1] - c.box.x0;
	c.box.h = b->rs[s.kmax + 1] - c.box.y0;
	c.W = (size_t)c.box.w + 2;
	/* the walk writes every pixel inside the frame; the frame is zero */
	c.img = cx_xmalloc(c.W * ((size_t)c.box.h + 2));
	memset(c.img, 0, c.W);
	memset(c.img + c.W * ((size_t)c.box.h + 1), 0, c.W);
	for (size_t r = 1; r <= c.box.h; r++)
		c.img[r * c.W] = c.img[r * c.W + c.W - 1] = 0;
	bstates_walk(b, p, buf, &s, emit_image, &c);
	free(s.st);
	*box = c.box;
	return c.img;
}

struct span {
	uint32_t	 y, x0, x1;	/* x1 exclusive */
};

struct spans {
	struct span	*v;
	size_t		 n, cap;
};

static void
push_run(struct spans *s, uint32_t y, uint32_t x0, uint32_t x1)
{
	if (s->n > 0 && s->v[s->n - 1].y == y && s->v[s->n - 1].x1 == x0) {
		s->v[s->n - 1].x1 = x1;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = cx_xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n++] = (struct span){ y, x0, x1 };
}

static void
emit_runs(void *ctx, uint32_t y, uint32_t x0, uint32_t x1, int v, const uint8_t *bits)
{
	struct spans *out = ctx;

	if (bits == NULL) {
		if (v)
			push_run(out, y, x0, x1);
		return;
	}
	for (uint32_t x = x0; x < x1; x++)
		if (bits[x - x0])
			push_run(out, y, x, x + 1);
}

/* The binary image's set pixels as runs, row by row, left to right, for the
 * threshold mode, which needs no image. */
static void
binary_runs(struct cx_rblocks *b, const struct pred *p, float *buf, struct spans *out)
{
	struct bstates s;

	if (!bstates_make(b, p->vstar, &s))
		return;
	bstates_walk(b, p, buf, &s, emit_runs, out);
	free(s.st);
}

/* Adds the bins of n exact values. */
static void
count_exact(const float *v, size_t n, const struct pred *p, uint64_t hist[256])
{
	float mn, mx;
	size_t above = 0;
	int a, z;

	if (n == 0)
		return;
	mn = mx = v[0];
	for (size_t j = 1; j < n; j++) {
		mn = v[j] < mn ? v[j] : mn;
		mx = v[j] > mx ? v[j] : mx;
	}
	a = bin_of(mn, p);
	z = bin_of(mx, p);
	if (z > a + 1) {
		for (size_t j = 0; j < n; j++) {
			int c = bin_span(v[j], v[j], p);
			hist[c >= 0 ? c : bin_of(v[j], p)]++;
		}
		return;
	}
	/* one bin or two neighbours (a plateau at an extreme, straddling the
	 * last cut): a count of the values past the cut */
	for (size_t j = 0; j < n; j++)
		above += v[j] >= p->cut[z];
	hist[z] += above;
	hist[a] += n - above;
}

/* Where the line ca + d * w1[j] (j < n) crosses thr: the first j at
 * which "line >= thr" changes, n when it never does. w1 (a block column's
 * float32 column weights) never decreases, and rounding is monotone, so the
 * computed line is monotone in j: nondecreasing when d >= 0, nonincreasing
 * otherwise, and the set is a suffix or a prefix. The weights grow by one
 * resize step (iw / ow) per column, so t = ((thr - ca) / d - w1[0]) ow / iw
 * (rd = ow / iw / d, w1s = w1[0] ow / iw) is within a column or so of the
 * crossing, and the walk from there settles it on the line itself (an
 * estimate off by any amount only walks longer). */
static inline uint32_t
line_first(double ca, double d, const float *w1, uint32_t n, double thr, double rd, double w1s)
{
	double t = (thr - ca) * rd - w1s;
	uint32_t j = 0;

	if (t > 0) {
		j = t < n ? (uint32_t)t : n;
		j += j < n && (double)j < t;
	}
	if (d >= 0) {
		while (j > 0 && ca + d * w1[j - 1] >= thr)
			j--;
		while (j < n && ca + d * w1[j] < thr)
			j++;
		return j;
	}
	while (j > 0 && ca + d * w1[j - 1] < thr)
		j--;
	while (j < n && ca + d * w1[j] >= thr)
		j++;
	return j;
}

/* The number of j < n with ca + d * w1[j] >= thr (see line_first). */
static inline uint32_t
count_ge(double ca, double d, const float *w1, uint32_t n, double thr, double rd, double w1s)
{
	uint32_t j = line_first(ca, d, w1, n, thr, rd, w1s);

	return d >= 0 ? n - j : j;
}

/* The bins of one output row's segment over block column l, from its
 * corners. Each value is h0 w0 c00 + h0 w1 c01 + h1 w0 c10 + h1 w1 c11 in
 * torch's float32 weights, within 2^-23 of the largest term of the exact
 * real sum, and that sum is the line L = ca + (cz - ca) w1 (A and Z the
 * row-weighted corner pairs) up to 2^-24 |ca| (w0 is 1 - w1 rounded): m
 * covers both many times over, so the segment lies within
 * [min(A,Z) - m, max(A,Z) + m] and a pixel whose L is at least m away from a
 * cut is on its side of it. The histogram is counted as differences of
 * N_c, the number of pixels at or past cut c, for the cuts inside the
 * segment's range: bin c - 1 holds N_(c-1) - N_c. Each N_c is the pixels
 * whose L clears cut c + m plus, among the few within m of the cut, those
 * whose exact torch value reaches it; the bin changes are counted, not the
 * pixels walked one by one. */
static void
count_segment(const struct cx_rblocks *b, const struct pred *p, const struct corners *c4,
    double istep, uint32_t y, uint32_t x0, uint32_t x1, float *buf, uint64_t hist[256])
{
	double h0 = b->r.hy0[y], h1 = b->r.hy1[y];
	const float *w1 = b->r.wx1 + x0, *cut = p->cut;
	double ca = h0 * c4->c00 + h1 * c4->c10, cz = h0 * c4->c01 + h1 * c4->c11;
	double ma = h0 * fabs(c4->c00) + h1 * fabs(c4->c10);
	double mz = h0 * fabs(c4->c01) + h1 * fabs(c4->c11);
	double m = 4 * CX_RBLOCKS_EPS * (ma > mz ? ma : mz), lo, hi, d = cz - ca;
	uint32_t n = x1 - x0, prev = n;
	double rd, w1s;
	int a, z;

	if (ma == 0 && mz == 0) {
		/* every term is zero: so is every value */
		hist[bin_of(0.0, p)] += n;
		return;
	}
	if (!(m > 1e-40)) {
		/* subnormal territory: no margin to rely on */
		cx_resize_block_span(&b->r, y, x0, x1, buf);
		count_exact(buf, n, p, hist);
		return;
	}
	lo = (ca < cz ? ca : cz) - m;
	hi = (ca < cz ? cz : ca) + m;
	if ((a = bin_span(lo, hi, p)) >= 0) {
		hist[a] += n;
		return;
	}
	a = bin_of(lo, p);
	z = bin_of(hi, p);
	rd = d != 0 ? istep / d : 0;
	w1s = w1[0] * istep;
	/* every pixel is at or past cut[a] (lo is) and before cut[z + 1] */
	for (int c = a + 1; c <= z; c++) {
		double up = cut[c] + m, dn = cut[c] - m;
		uint32_t j = line_first(ca, d, w1, n, cut[c], rd, w1s), above, below, nc;
		/* the usual case: the pixels on either side of the crossing are m
		 * away from the cut, and then so are all the others */
		if (d >= 0 ? (j == 0 || ca + d * w1[j - 1] < dn) && (j == n || ca + d * w1[j] >= up) :
		    (j == 0 || ca + d * w1[j - 1] >= up) && (j == n || ca + d * w1[j] < dn)) {
			nc = d >= 0 ? n - j : j;
			goto counted;
		}
		above = count_ge(ca, d, w1, n, up, rd, w1s);
		below = n - count_ge(ca, d, w1, n, dn, rd, w1s);
		nc = above;
		if (above + below < n) {
			/* the pixels within m of the cut, between the two runs */
			uint32_t s = d >= 0 ? below : above, e = d >= 0 ? n - above : n - below;
			cx_resize_block_span(&b->r, y, x0 + s, x0 + e, buf);
			for (uint32_t i = 0; i < e - s; i++)
				nc += buf[i] >= cut[c];
		}
counted:
		hist[c - 1] += prev - nc;
		prev = nc;
	}
	hist[z] += prev;
}

/* ---- the histogram, row by row in the bins' units ----
 *
 * For a pixel of a block's output row, torch's value v is within
 * 3u Mx (u = 2^-24, Mx the largest row-weighted corner magnitude) of the
 * line L = ca + (cz - ca) w1 (see count_segment), and u8_of's float chain
 * is within 3.01u * 255 of the real r(v) = 255 (v - vmin) / range. So in
 * bin units, s = r(L) = Sa + (Sz - Sa) w1 (Sa, Sz the row's two column
 * values in bin units, computed once per row and source column) decides
 * "u8 >= c" wherever |s - c| > dl, dl = 2e-4 + 1e-6 Mx 255 / range (the
 * double arithmetic of s adds ~1e-13): a pixel's bin is then known from
 * s without its torch value. s is monotone along the segment (w1 is, and
 * rounding is monotone), so the pixels at or past cut c are a suffix (or a
 * prefix) whose start is found from the line's crossing and checked on the
 * two pixels beside it; only pixels within dl of a cut are computed
 * exactly. The counts go in as differences: every pixel of a segment
 * whose bins lie in [ba, bz] adds 1 to base[ba] and, for each c in
 * (ba, bz], 1 to ge[c] when its bin is >= c; then bin b holds
 * base[b] + ge[b] - ge[b + 1]. */
struct lane {
	uint32_t	 l;		/* block column */
	uint32_t	 i0, i1;	/* its source columns */
	uint32_t	 x0, n;		/* its output columns */
	double		 dl;		/* margin in bin units; < 0: count_segment */
};

struct rowctx {
	const struct cx_rblocks	*b;
	const struct pred	*p;
	double			 step;		/* output columns per unit of w1 */
	int64_t			 base[260], ge[260];
	/* more of ge, from stretch_row: whole aligned groups of four cuts,
	 * so that each group's load finds the last store to it whole (a
	 * load overlapping part of a recent store waits for it) */
	double			 gef[264] __attribute__((aligned(32)));
	int64_t			 direct[256];	/* pixels binned one by one */
	uint32_t		(*cross)(double *, int, int, double, double, double, double, int,
			    int *);
	int			 cross_w;	/* cuts per step of cross (its groups' alignment) */
	float			*buf;
};

/* u8(v) >= c for the torch value of pixel x (absolute column) of row y */
static inline int
exact_ge(const struct rowctx *rc, uint32_t y, uint32_t x, int c)
{
	return cx_resize_px(&rc->b->r, y, x) >= rc->p->cut[c];
}

/* The number of pixels of the lane's segment in row y whose bin is >= c,
 * when the quick check beside the estimated crossing did not settle it:
 * the pixels certainly past the cut, plus those within dl of it computed
 * exactly. */
static uint32_t
count_ge_slow(const struct rowctx *rc, const struct lane *ln, uint32_t y, double sa, double d,
    int c, uint32_t j)
{
	const float *w1 = rc->b->r.wx1 + ln->x0;
	double clo = c - ln->dl, chi = c + ln->dl;
	uint32_t n = ln->n, j1 = j, j2, N;

#define S(x) (sa + d * w1[x])
	if (d >= 0) {
		/* nondecreasing: [j1, j2) within dl, [j2, n) past */
		while (j1 > 0 && S(j1 - 1) >= clo)
			j1--;
		while (j1 < n && S(j1) < clo)
			j1++;
		j2 = j1 > j ? j1 : j;
		while (j2 > j1 && S(j2 - 1) >= chi)
			j2--;
		while (j2 < n && S(j2) < chi)
			j2++;
		N = n - j2;
	} else {
		/* nonincreasing: [0, j1) past, [j1, j2) within dl */
		while (j1 > 0 && S(j1 - 1) < chi)
			j1--;
		while (j1 < n && S(j1) >= chi)
			j1++;
		j2 = j1 > j ? j1 : j;
		while (j2 > j1 && S(j2 - 1) < clo)
			j2--;
		while (j2 < n && S(j2) >= clo)
			j2++;
		N = j1;
	}
#undef S
	for (uint32_t x = j1; x < j2; x++)
		N += exact_ge(rc, y, ln->x0 + x, c);
	return N;
}

/* The crossing of cut c near column ((c - sa) / d - w1[0]) step, as the
 * number of pixels at or past it, and whether the two pixels beside it
 * clear the cut by dl (then all do: s is monotone). No branch: the caller
 * takes the slow path when ok is 0. */
static inline uint32_t
cross(const float *w1, uint32_t n, double sa, double d, double rd, double w0, double dl,
    int c, int *ok)
{
	double e = (c - sa) * rd - w0, g = d >= 0 ? 1 : -1, pa, pz;
	uint32_t j, jm, jp;

	e = e > 0 ? e : 0;
	e = e < n ? e : n;
	j = (uint32_t)e;
	j += (double)j < e;
	jm = j > 0 ? j - 1 : 0;
	jp = j < n ? j : n - 1;
	pa = g * (sa + d * w1[jm] - c);
	pz = g * (sa + d * w1[jp] - c);
	*ok = (j == 0 || pa < -dl) & (j == n || pz > dl);
	return d >= 0 ? n - j : j;
}

/* One output row's segment of a lane, from its two column values: no
 * branch unless more than two cuts cross it or a pixel is within dl of a
 * cut. */
static inline void
row_lane(struct rowctx *rc, const struct lane *ln, uint32_t y, double sa, double sz)
{
	const float *w1 = rc->b->r.wx1 + ln->x0;
	double dl = ln->dl, lo, hi, d = sz - sa, rd, w0;
	uint32_t n = ln->n, n1, n2;
	int ba, bz, ok1, ok2;

	lo = (sa < sz ? sa : sz) - dl;
	hi = (sa < sz ? sz : sa) + dl;
	ba = lo >= 1 ? (lo < 255 ? (int)lo : 255) : 0;
	bz = hi >= 1 ? (hi < 255 ? (int)hi : 255) : 0;
	rc->base[ba] += n;
	rd = d != 0 ? rc->step / d : 0;
	w0 = w1[0] * rc->step;
	n1 = cross(w1, n, sa, d, rd, w0, dl, ba + 1, &ok1);
	n2 = cross(w1, n, sa, d, rd, w0, dl, ba + 2, &ok2);
	ok1 |= ba + 1 > bz;
	ok2 |= ba + 2 > bz;
	if (__builtin_expect(ok1 & ok2 & (bz <= ba + 2), 1)) {
		rc->ge[ba + 1] += ba + 1 <= bz ? n1 : 0;
		rc->ge[ba + 2] += ba + 2 <= bz ? n2 : 0;
		return;
	}
	for (int c = ba + 1; c <= bz; c++) {
		int ok;
		uint32_t N = cross(w1, n, sa, d, rd, w0, dl, c, &ok);
		if (!ok)
			N = count_ge_slow(rc, ln, y, sa, d, c, d >= 0 ? n - N : N);
		rc->ge[c] += N;
	}
}

/* Pairs of doubles (GCC/clang vector extensions: SSE2 on x86-64, NEON on
 * arm64, plain code elsewhere). */
typedef double v2d __attribute__((vector_size(16)));
typedef int64_t v2i __attribute__((vector_size(16)));

/* Which histogram path to take: 0 the best that applies, 1 row segments
 * only (lanes), 2 stretches without the AVX2 loop, for the tests that
 * compare the paths. */
static int hist_path;

/* ---- the histogram by stretches ----
 *
 * An upsampled map's source rows are often straight over long runs of
 * source columns (Grad-CAM maps are themselves a bilinear upsampling of a
 * small grid): where both source rows of a block row lie within tol of a
 * line over source columns [a, b], every output row's values over the
 * block columns a .. b - 1 lie, in bin units, within a margin of one affine
 * function of the output column, s(q) = beta + gamma q. Then the pixels
 * past cut c are those on one side of (c - beta) / gamma, for every cut at
 * once: the cost of an output row is its number of stretches plus its
 * number of bin changes, not its number of blocks, and a crossing whose
 * nearest pixels are within the margin of the cut asks those pixels' exact
 * torch values. Why the margin holds (value units; u = 2^-24):
 * - a pixel's torch value is within 3u Mx of the row's line through its
 *   block (count_segment); 1e-6 Mx covers it;
 * - the line's ends are the row-weighted source values, within 2 tol of
 *   the stretch's line (a run's points are within tol of the line through
 *   its first point; a stretch starting inside a run is anchored at its own
 *   first point, which moves the line by tol at most): 2.5 tol;
 * - the column weight w1 is src - i rounded to float32 (2^-25 at most),
 *   where the affine model uses src itself: 4e-8 times the slope;
 * - u8_of's float chain: 2e-4 bins (it is within 5e-5). */
struct srun {
	uint32_t	 a, b;		/* source columns a .. b */
	double		 g;		/* slope per source column */
};

/* Splits source row m (n values) into runs whose points lie within tol of
 * the line through the run's first point with slope g; consecutive runs
 * share their end column. Returns the number of runs. */
static uint32_t
row_runs(const float *m, uint32_t n, double tol, const double *inv, struct srun *out)
{
	uint32_t a = 0, nr = 0;

	while (a + 1 < n) {
		double glo = -INFINITY, ghi = INFINITY, ma = m[a];
		uint32_t b = a + 1;
		for (uint32_t i = a + 1; i < n; i++) {
			double lo = (m[i] - tol - ma) * inv[i - a], hi = (m[i] + tol - ma) * inv[i - a];
			lo = lo > glo ? lo : glo;
			hi = hi < ghi ? hi : ghi;
			if (!(lo <= hi))
				break;
			glo = lo;
			ghi = hi;
			b = i;
		}
		out[nr++] = (struct srun){ a, b, b == a + 1 ? (double)m[b] - ma : (glo + ghi) / 2 };
		a = b;
	}
	return nr;
}

/* One output row of a stretch, in bin units (sprep_row). */
struct srow {
	double		 beta, gamma, ig, r;
	int		 ba, bz;
};

struct stretch {
	uint32_t	 a, b;		/* source columns; block columns a .. b - 1 */
	uint32_t	 x0, n;		/* output columns x0 .. x0 + n - 1 */
	double		 gp, gq;	/* slopes of the top and bottom source rows */
	double		 dl;		/* margin, bins */
	double		 u0;		/* src - a at the first output column */
};

/* Cut c over one output row of a stretch when a pixel beside its crossing
 * xs (local column) is within the margin: the number of pixels at or past
 * it, those within the margin computed exactly. */
static uint32_t
stretch_cut(const struct cx_rblocks *b, const struct pred *p, const struct stretch *st,
    uint32_t y, int c, double xs, double gamma)
{
	double r = st->dl / fabs(gamma), lo = xs - r, hi = xs + r;
	uint32_t n = st->n, q0, q1, N;

	/* [q0, q1): the pixels within the margin */
	q0 = !(lo > 0) ? 0 : lo >= n ? n : (uint32_t)ceil(lo);
	q1 = !(hi >= 0) ? 0 : hi >= n - 1 ? n : (uint32_t)floor(hi) + 1;
	if (q1 < q0)
		q1 = q0;
	N = gamma > 0 ? n - q1 : q0;
	for (uint32_t q = q0; q < q1; q++)
		N += cx_resize_px(&b->r, y, st->x0 + q) >= p->cut[c];
	return N;
}

/* The crossings of cuts ba + 1 .. bz of one stretch row (see stretch_row):
 * their counts into gef, the cuts to do again into bad; returns how many.
 * In doubles (small integers are exact), masks for branches; rn is the
 * integer nearest xs (adding 1.5 2^52 rounds), cl the nearest pixel of
 * [0, n - 1], whose distance decides, pc = ceil(xs) clamped to [0, n]. The
 * loop goes by aligned groups of W cuts from (ba + 1) & -W to bz and does
 * every cut of a group without a mask: a cut c <= ba is below every pixel
 * by the margin (ba <= the row's least value - dl), so its count is n, and
 * one past bz is above them all, count 0; the formula gives exactly those
 * (xs lies beyond the row's end by r or more), and stretch_row counts the
 * row's n in the bin under the first cut done. Such cuts are never done
 * again (stretch_row skips them in bad). The same code two cuts at a time
 * (SSE2, NEON, or plain) and, where the CPU has AVX2 (asked at run time),
 * four: the same results, from the same operations on each cut. */
#define CROSS_BODY(V, I, W) \
	const V one = (V){ 0 } + 1, zero = (V){ 0 }, big = (V){ 0 } + 0x1.8p52; \
	const V lim = (V){ 0 } + 1e9, nv = (V){ 0 } + nd, nm1 = (V){ 0 } + (nd - 1); \
	const V rv = (V){ 0 } + r; \
	V step; \
	uint32_t nbad = 0; \
	for (int i = 0; i < W; i++) \
		step[i] = i; \
	for (int c = (ba + 1) & -W; c <= bz; c += W) { \
		V cv = (double)c + step, xs = (cv - beta) * ig, rn, pc, cl, dd, N, g; \
		I bad2, any = { 0 }; \
		xs = VSEL(I, V, xs > -lim, xs, -lim); \
		xs = VSEL(I, V, xs < lim, xs, lim); \
		rn = (xs + big) - big; \
		pc = VSEL(I, V, rn < xs, rn + one, rn); \
		pc = VSEL(I, V, pc > zero, pc, zero); \
		pc = VSEL(I, V, pc < nv, pc, nv); \
		cl = VSEL(I, V, rn > zero, rn, zero); \
		cl = VSEL(I, V, cl < nm1, cl, nm1); \
		dd = xs - cl; \
		bad2 = (dd <= rv) & (-dd <= rv); \
		N = inc ? nv - pc : pc; \
		memcpy(&g, &gef[c], sizeof g); \
		g += N; \
		memcpy(&gef[c], &g, sizeof g); \
		for (int i = 0; i < W; i++) \
			any[0] |= bad2[i]; \
		if (__builtin_expect(any[0] != 0, 0)) \
			for (int i = 0; i < W; i++) \
				if (bad2[i]) \
					bad[nbad++] = c + i; \
	} \
	return nbad;
#define VSEL(I, V, m, a, b)	((V)(((m) & (I)(a)) | (~(m) & (I)(b))))

typedef uint32_t cross_fn(double *gef, int ba, int bz, double beta, double ig, double nd,
    double r, int inc, int *bad);

static uint32_t
cross_pairs(double *gef, int ba, int bz, double beta, double ig, double nd, double r, int inc,
    int *bad)
{
	CROSS_BODY(v2d, v2i, 2)
}

#if defined(__x86_64__) && defined(__GNUC__)
/* The same, four cuts at a time, in AVX2 (and AVX's rounding to ceil and
 * nearest, which are the operations above). */
__attribute__((target("avx2"))) static uint32_t
cross_quads(double *gef, int ba, int bz, double beta, double ig, double nd, double r, int inc,
    int *bad)
{
	const __m256d zero = _mm256_setzero_pd(), nv = _mm256_set1_pd(nd);
	const __m256d nm1 = _mm256_set1_pd(nd - 1), rv = _mm256_set1_pd(r);
	const __m256d bv = _mm256_set1_pd(beta), igv = _mm256_set1_pd(ig);
	const __m256d sign = _mm256_set1_pd(-0.0), step = _mm256_set_pd(3, 2, 1, 0);
	const __m256d four = _mm256_set1_pd(4);
	uint32_t nbad = 0;

	int c = (ba + 1) & -4;
	__m256d cv = _mm256_add_pd(_mm256_set1_pd(c), step);

	/* The loop is short (five groups a row on Grad-CAM maps): the chain of
	 * latencies from xs to the mask, more than the operations, sets its
	 * time (measured: 10% less time in it with two links fewer).
	 * So no clamp of xs (|xs| < 2e7: |c - beta| < 300 bins, |1 / gamma|
	 * < 8 / dl), and the distance to the nearest pixel of [0, n - 1] as
	 * max(-xs, xs - (n - 1), |xs - rn|), which is |xs - cl| to the bit
	 * (CROSS_BODY) with two operations fewer after the rounding. */
	for (; c <= bz; c += 4, cv = _mm256_add_pd(cv, four)) {
		__m256d xs = _mm256_mul_pd(_mm256_sub_pd(cv, bv), igv), rn, pc, dd, out, N, g;
		int m;
		rn = _mm256_round_pd(xs, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
		pc = _mm256_round_pd(xs, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC);
		pc = _mm256_min_pd(_mm256_max_pd(pc, zero), nv);
		out = _mm256_max_pd(_mm256_sub_pd(zero, xs), _mm256_sub_pd(xs, nm1));
		dd = _mm256_max_pd(_mm256_andnot_pd(sign, _mm256_sub_pd(xs, rn)), out);
		m = _mm256_movemask_pd(_mm256_cmp_pd(dd, rv, _CMP_LE_OQ));
		N = inc ? _mm256_sub_pd(nv, pc) : pc;
		g = _mm256_load_pd(&gef[c]);
		_mm256_store_pd(&gef[c], _mm256_add_pd(g, N));
		if (__builtin_expect(m != 0, 0))
			for (int i = 0; i < 4; i++)
				if (m >> i & 1)
					bad[nbad++] = c + i;
	}
	return nbad;
}
#endif

/* The crossing loop for this CPU (path 2: the pairs, whatever the CPU). */
static cross_fn *
cross_choose(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (hist_path != 2 && __builtin_cpu_supports("avx2"))
		return cross_quads;
#endif
	return cross_pairs;
}

/* One output row of a stretch into base and ge (see rowctx). The crossing
 * of cut c is xs = (c - beta) / gamma: pc = ceil(xs) pixels (clamped to
 * [0, n]) lie before it, and when the pixels beside it are more than
 * r = dl / |gamma| columns away, all are on their side of the cut. The loop
 * has no branch; the crossings that fail the test are done again by
 * stretch_cut. */
static void
stretch_row(struct rowctx *rc, const struct stretch *st, uint32_t y, const struct srow *sr)
{
	const struct pred *p = rc->p;
	double beta = sr->beta, gamma = sr->gamma, dl = st->dl, ig = sr->ig, nd = st->n;
	uint32_t n = st->n, inc = gamma > 0, nbad = 0;
	int ba = sr->ba, bz = sr->bz, bad[256];

	if (ba == bz) {
		rc->base[ba] += n;
		return;
	}
	if (!(dl < 0.05 && fabs(gamma) * 8 > dl)) {
		/* nearly flat near a cut, or bins too narrow for the margin:
		 * every pixel exactly */
		for (uint32_t q = 0; q < n; q++)
			rc->direct[bin_of(cx_resize_px(&rc->b->r, y, st->x0 + q), p)]++;
		return;
	}
	/* The cross loop's first cut c0 = (ba + 1) & -width counts n when
	 * c0 <= ba (CROSS_BODY): the row's n goes in the bin below it. Cut 0
	 * would count every pixel, but its formula is not exact when the row
	 * dips below 0 by rounding (ba is then 0 by the clamp, not by the
	 * margin): its gef[0] is never read, and the row's n goes in bin 0. */
	{
		int c0 = (ba + 1) & -rc->cross_w;
		rc->base[c0 > 0 ? c0 - 1 : 0] += n;
	}
	nbad = rc->cross(rc->gef, ba, bz, beta, ig, nd, sr->r, inc, bad);
	for (uint32_t i = 0; i < nbad; i++) {
		int c = bad[i];
		if (c <= ba || c > bz)
			continue;	/* exact already (CROSS_BODY) */
		double xs = (c - beta) * ig, t = xs > 0 ? (xs < nd ? xs : nd) : 0;
		uint32_t pc = (uint32_t)t;
		pc += (double)pc < t;
		rc->ge[c] += stretch_cut(rc->b, p, st, y, c, xs, gamma);
		rc->ge[c] -= inc ? n - pc : pc;
	}
}

/* The stretches' numbers for one output row, all at once (a loop over
 * stretches with no branch, which vectorizes): in bin units the row is
 * beta + gamma q over a stretch, within dl of its bins ba .. bz. */
struct sprep {
	double	*P, *Q, *gp, *gq, *u0, *n1, *dl;	/* per stretch of the block row */
	/* per stretch of the output row: struct srow's fields, an array each
	 * (a loop storing structs does not vectorize) */
	double	*beta, *gamma, *ig, *r;
	int32_t	*ba, *bz;
};

static void
sprep_block_row(struct sprep *sp, const struct stretch *sts, uint32_t ns, const float *r0,
    const float *r1)
{
	for (uint32_t j = 0; j < ns; j++) {
		sp->P[j] = r0[sts[j].a];
		sp->Q[j] = r1[sts[j].a];
		sp->gp[j] = sts[j].gp;
		sp->gq[j] = sts[j].gq;
		sp->u0[j] = sts[j].u0;
		sp->n1[j] = sts[j].n - 1;
		sp->dl[j] = sts[j].dl;
	}
}

static void
sprep_row(struct sprep *sp, uint32_t ns, double h0, double h1, const struct pred *p,
    double scale)
{
	double vmin = p->vmin, k255 = p->k255;
	uint32_t j = 0;

	/* two stretches at a time in GCC's vector types (the compiler leaves
	 * this loop scalar), the same operations in the same order as the
	 * scalar loop after it, so the same values */
	for (; j + 2 <= ns; j += 2) {
		v2d P, Q, gp, gq, u0, n1, dl, s0, s1, beta, gamma, sz, mn, mx, lo, hi, ig, t;
		v2i lt, ge;
		memcpy(&P, &sp->P[j], sizeof P);
		memcpy(&Q, &sp->Q[j], sizeof Q);
		memcpy(&gp, &sp->gp[j], sizeof gp);
		memcpy(&gq, &sp->gq[j], sizeof gq);
		memcpy(&u0, &sp->u0[j], sizeof u0);
		memcpy(&n1, &sp->n1[j], sizeof n1);
		memcpy(&dl, &sp->dl[j], sizeof dl);
		s0 = (h0 * P + h1 * Q - vmin) * k255;
		s1 = (h0 * gp + h1 * gq) * k255;
		beta = s0 + s1 * u0;
		gamma = s1 * scale;
		sz = beta + gamma * n1;
		lt = beta < sz;
		mn = (v2d)((lt & (v2i)beta) | (~lt & (v2i)sz));
		mx = (v2d)((lt & (v2i)sz) | (~lt & (v2i)beta));
		lo = mn - dl;
		hi = mx + dl;
		ig = 1 / gamma;
		t = (v2d)((v2i)ig & (v2i){ INT64_MAX, INT64_MAX });	/* fabs */
		memcpy(&sp->beta[j], &beta, sizeof beta);
		memcpy(&sp->gamma[j], &gamma, sizeof gamma);
		memcpy(&sp->ig[j], &ig, sizeof ig);
		t = dl * t;
		memcpy(&sp->r[j], &t, sizeof t);
		/* [1, 255], else 0 (NaN too), as below */
		lt = lo < 255;
		ge = lo >= 1;
		t = (v2d)(ge & ((lt & (v2i)lo) | (~lt & (v2i)((v2d){ 0 } + 255))));
		sp->ba[j] = (int32_t)t[0];
		sp->ba[j + 1] = (int32_t)t[1];
		lt = hi < 255;
		ge = hi >= 1;
		t = (v2d)(ge & ((lt & (v2i)hi) | (~lt & (v2i)((v2d){ 0 } + 255))));
		sp->bz[j] = (int32_t)t[0];
		sp->bz[j + 1] = (int32_t)t[1];
	}
	for (; j < ns; j++) {
		double s0 = (h0 * sp->P[j] + h1 * sp->Q[j] - vmin) * k255;
		double s1 = (h0 * sp->gp[j] + h1 * sp->gq[j]) * k255;
		double beta = s0 + s1 * sp->u0[j], gamma = s1 * scale, dl = sp->dl[j];
		double sa = beta, sz = beta + gamma * sp->n1[j], lo, hi, ig;
		lo = (sa < sz ? sa : sz) - dl;
		hi = (sa < sz ? sz : sa) + dl;
		ig = 1 / gamma;
		sp->beta[j] = beta;
		sp->gamma[j] = gamma;
		sp->ig[j] = ig;
		sp->r[j] = dl * fabs(ig);
		sp->ba[j] = lo >= 1 ? (lo < 255 ? (int)lo : 255) : 0;
		sp->bz[j] = hi >= 1 ? (hi < 255 ? (int)hi : 255) : 0;
	}
}

/* The block row's stretches: the interior block columns (1 .. nbc - 2)
 * cut where either source row's runs end and around the blocks computed
 * exactly. Returns their number. */
static uint32_t
block_stretches(const struct cx_rblocks *b, const struct pred *p, uint32_t k,
    const struct srun *rp, uint32_t np, const struct srun *rq, uint32_t nq, double tol,
    double scale, const uint32_t *xl, size_t nx, struct stretch *out)
{
	const float *P = b->r.in + (size_t)b->r.y0[b->rs[k]] * b->r.iw;
	const float *Q = b->r.in + (size_t)b->r.y1[b->rs[k]] * b->r.iw;
	uint32_t ip = 0, iq = 0, ns = 0, a = 1, last = b->nbc - 1;
	size_t row0 = (size_t)k * b->nbc, xi = 0;

	while (a < last) {
		uint32_t e;
		double mx, g;
		struct stretch *st;
		/* xl: the kept blocks of this row, in order */
		while (xi < nx && xl[xi] < row0 + a)
			xi++;
		if (xi < nx && xl[xi] == row0 + a) {
			a++;
			continue;
		}
		while (rp[ip].b <= a)
			ip++;
		while (rq[iq].b <= a)
			iq++;
		e = rp[ip].b < rq[iq].b ? rp[ip].b : rq[iq].b;
		e = e < last ? e : last;
		if (xi < nx && xl[xi] < row0 + e)
			e = (uint32_t)(xl[xi] - row0);
		/* [a, e] lies in one run of each row, whose points are within
		 * tol of a line: the largest magnitude over it is at an end,
		 * give or take 2 tol */
		mx = fabs(P[a]);
		mx = fabs(P[e]) > mx ? fabs(P[e]) : mx;
		mx = fabs(Q[a]) > mx ? fabs(Q[a]) : mx;
		mx = fabs(Q[e]) > mx ? fabs(Q[e]) : mx;
		mx += 2 * tol;
		st = &out[ns++];
		st->a = a;
		st->b = e;
		st->x0 = b->cs[a];
		st->n = b->cs[e] - st->x0;
		st->gp = rp[ip].g;
		st->gq = rq[iq].g;
		g = fabs(st->gp) > fabs(st->gq) ? fabs(st->gp) : fabs(st->gq);
		st->dl = 2e-4 + (1e-6 * mx + 2.5 * tol + 4e-8 * g + 1e-38) * p->k255 + 1e-9;
		st->u0 = scale * (st->x0 + 0.5) - 0.5 - a;
		a = e;
	}
	return ns;
}

/* Whether the blocks are one per source column with torch's usual
 * weights (an upsampling in x): the stretches need it. */
static int
stretch_usable(const struct cx_rblocks *b, const struct pred *p)
{
	if (!(p->arith && isfinite(p->k255) && isfinite(p->vmin)) || b->r.iw < 4 ||
	    b->r.ow <= b->r.iw || b->nbc != b->r.iw)
		return 0;
	for (uint32_t l = 0; l + 1 < b->nbc; l++)
		if (b->r.x0[b->cs[l]] != l || b->r.x1[b->cs[l]] != l + 1)
			return 0;
	return 1;
}


/* 1: smoothing through the full map, for the tests */
static int smooth_full;

void
cx_h2s_force_path(int path)
{
	hist_path = path;
}

void
cx_h2s_force_smooth_full(int on)
{
	smooth_full = on;
}

/* Block (k, l) when it is not part of a stretch: counted whole when it is
 * computed exactly or its bounds fall in one bin, else added to lanes.
 * Returns the new number of lanes. */
static uint32_t
block_or_lane(const struct cx_rblocks *b, const struct pred *p, uint32_t k, uint32_t l,
    int fast, uint64_t hist[256], struct lane *lanes, struct corners *cr, uint32_t nl)
{
	size_t i = (size_t)k * b->nbc + l;
	uint64_t rows = b->rs[k + 1] - b->rs[k];
	uint32_t cols = b->cs[l + 1] - b->cs[l];
	const float *xv = cx_rblocks_exact(b, i);
	struct lane *ln;
	double mx;
	int a;

	if (xv != NULL) {
		count_exact(xv, rows * cols, p, hist);
		return nl;
	}
	a = bin_span(b->lb[i], b->ub[i], p);
	if (a >= 0 || (a = bin_of(b->lb[i], p)) == bin_of(b->ub[i], p)) {
		hist[a] += rows * cols;
		return nl;
	}
	ln = &lanes[nl];
	ln->l = l;
	ln->x0 = b->cs[l];
	ln->n = cols;
	ln->i0 = b->r.x0[ln->x0];
	ln->i1 = b->r.x1[ln->x0];
	block_corners(b, k, l, &cr[nl]);
	mx = fabs(cr[nl].c00);
	mx = fabs(cr[nl].c01) > mx ? fabs(cr[nl].c01) : mx;
	mx = fabs(cr[nl].c10) > mx ? fabs(cr[nl].c10) : mx;
	mx = fabs(cr[nl].c11) > mx ? fabs(cr[nl].c11) : mx;
	/* the rounding of Mx, of subnormal terms, and of u8_of */
	ln->dl = 2e-4 + (1e-6 * mx + 1e-38) * p->k255;
	if (!fast || !(ln->dl < 0.05))
		ln->dl = -1;
	return nl + 1;
}

/* The runs of source row r, computed once for the two block rows that
 * use it (cache of two rows). */
struct runcache {
	int64_t		 row[2];
	struct srun	*v[2];
	uint32_t	 n[2];
	int		 next;
};

static const struct srun *
runs_of(struct runcache *rc, const struct cx_rblocks *b, uint32_t r, double tol,
    const double *inv, uint32_t *n)
{
	int s;

	for (s = 0; s < 2; s++)
		if (rc->row[s] == r) {
			*n = rc->n[s];
			return rc->v[s];
		}
	s = rc->next;
	rc->next = !s;
	rc->row[s] = r;
	rc->n[s] = row_runs(b->r.in + (size_t)r * b->r.iw, b->r.iw, tol, inv, rc->v[s]);
	*n = rc->n[s];
	return rc->v[s];
}

/* The exact 256-bin histogram of the uint8 image. Upsampled in x, the
 * interior block columns go by stretches (stretch_row); the rest block by
 * block: a block whose bounds fall in one bin is counted whole, a block
 * computed exactly by cx_rblocks_range from its values, the others row by
 * row (row_lane; count_segment where the margins are too wide for it). */
static void
histogram(struct cx_rblocks *b, const struct pred *p, float *buf, uint64_t hist[256])
{
	struct lane *lanes = cx_xmalloc(b->nbc * sizeof *lanes);
	struct corners *cr = cx_xmalloc(b->nbc * sizeof *cr);
	double *sv = cx_xmalloc((size_t)b->r.iw * sizeof *sv);
	struct rowctx rc = { .b = b, .p = p, .buf = buf };
	/* output columns per unit of column weight (torch's scale is iw / ow) */
	double istep = (double)b->r.ow / b->r.iw;
	int fast = p->arith && isfinite(p->k255) && isfinite(p->vmin);
	int bystretch = hist_path != 1 && stretch_usable(b, p);
	double scale = (float)b->r.iw / (float)b->r.ow, tol = 0, *inv = NULL;
	struct stretch *sts = NULL;
	struct sprep sp = {0};
	double *spv = NULL;
	int32_t *spi = NULL;
	struct runcache runs = { .row = { -1, -1 } };
	uint32_t nl, ns = 0;

	rc.step = istep;
	rc.cross = cross_choose();
	rc.cross_w = rc.cross == cross_pairs ? 2 : 4;
	if (bystretch) {
		/* four maxima: no chain of dependent comparisons */
		float m4[4] = { 0, 0, 0, 0 };
		size_t nin = (size_t)b->r.ih * b->r.iw, i = 0;
		double mx;
		for (; i + 4 <= nin; i += 4)
			for (int j = 0; j < 4; j++)
				m4[j] = fabsf(b->r.in[i + j]) > m4[j] ? fabsf(b->r.in[i + j]) : m4[j];
		for (; i < nin; i++)
			m4[0] = fabsf(b->r.in[i]) > m4[0] ? fabsf(b->r.in[i]) : m4[0];
		mx = m4[0] > m4[1] ? m4[0] : m4[1];
		mx = m4[2] > mx ? m4[2] : mx;
		mx = m4[3] > mx ? m4[3] : mx;
		tol = 5e-7 * mx + 1e-38;
		inv = cx_xmalloc(((size_t)b->r.iw + 1) * sizeof *inv);
		for (uint32_t i = 1; i <= b->r.iw; i++)
			inv[i] = 1.0 / i;
		sts = cx_xmalloc(b->nbc * sizeof *sts);
		spv = cx_xmalloc((size_t)b->nbc * 11 * sizeof *spv);
		spi = cx_xmalloc((size_t)b->nbc * 2 * sizeof *spi);
		sp = (struct sprep){ spv, spv + b->nbc, spv + 2 * b->nbc, spv + 3 * b->nbc,
		    spv + 4 * b->nbc, spv + 5 * b->nbc, spv + 6 * b->nbc, spv + 7 * b->nbc,
		    spv + 8 * b->nbc, spv + 9 * b->nbc, spv + 10 * b->nbc, spi, spi + b->nbc };
		for (int s = 0; s < 2; s++)
			runs.v[s] = cx_xmalloc(b->r.iw * sizeof *runs.v[s]);
	}
	for (uint32_t k = 0; k < b->nbr; k++) {
		const float *r0 = b->r.in + (size_t)b->r.y0[b->rs[k]] * b->r.iw;
		const float *r1 = b->r.in + (size_t)b->r.y1[b->rs[k]] * b->r.iw;
		nl = 0;
		if (bystretch) {
			const struct srun *rp, *rq;
			uint32_t np, nq;
			uint64_t rows = b->rs[k + 1] - b->rs[k];
			nl = block_or_lane(b, p, k, 0, fast, hist, lanes, cr, nl);
			nl = block_or_lane(b, p, k, b->nbc - 1, fast, hist, lanes, cr, nl);
			size_t x0i, x1i = cx_rblocks_exact_row(b, k, &x0i);
			for (size_t j = x0i; j < x1i; j++) {
				uint32_t l = (uint32_t)(b->xlist[j] - (size_t)k * b->nbc);
				if (l == 0 || l + 1 == b->nbc)
					continue;	/* block_or_lane counted it */
				count_exact(b->xv + b->xoff[b->xlist[j]],
				    rows * (b->cs[l + 1] - b->cs[l]), p, hist);
			}
			rp = runs_of(&runs, b, b->r.y0[b->rs[k]], tol, inv, &np);
			rq = runs_of(&runs, b, b->r.y1[b->rs[k]], tol, inv, &nq);
			ns = block_stretches(b, p, k, rp, np, rq, nq, tol, scale, b->xlist + x0i,
			    x1i - x0i, sts);
			sprep_block_row(&sp, sts, ns, r0, r1);
		} else
			for (uint32_t l = 0; l < b->nbc; l++)
				nl = block_or_lane(b, p, k, l, fast, hist, lanes, cr, nl);
		if (nl == 0 && ns == 0)
			continue;
		for (uint32_t y = b->rs[k]; y < b->rs[k + 1]; y++) {
			double h0 = b->r.hy0[y], h1 = b->r.hy1[y];
			if (fast)
				for (uint32_t j = 0; j < nl; j++) {
					uint32_t i0 = lanes[j].i0, i1 = lanes[j].i1;
					sv[i0] = (h0 * r0[i0] + h1 * r1[i0] - p->vmin) * p->k255;
					sv[i1] = (h0 * r0[i1] + h1 * r1[i1] - p->vmin) * p->k255;
				}
			for (uint32_t j = 0; j < nl; j++) {
				const struct lane *ln = &lanes[j];
				if (ln->dl < 0)
					count_segment(b, p, &cr[j], istep, y, ln->x0, ln->x0 + ln->n, buf,
					    hist);
				else
					row_lane(&rc, ln, y, sv[ln->i0], sv[ln->i1]);
			}
			if (ns > 0)
				sprep_row(&sp, ns, h0, h1, p, scale);
			for (uint32_t j = 0; j < ns; j++) {
				struct srow sr = { sp.beta[j], sp.gamma[j], sp.ig[j], sp.r[j], sp.ba[j],
				    sp.bz[j] };
				stretch_row(&rc, &sts[j], y, &sr);
			}
		}
		ns = 0;
	}
	for (int c = 0; c < 256; c++)
		hist[c] += (uint64_t)(rc.base[c] + rc.ge[c] - rc.ge[c + 1] +
		    (c > 0 ? (int64_t)rc.gef[c] : 0) - (int64_t)rc.gef[c + 1] + rc.direct[c]);
	if (bystretch) {
		free(runs.v[0]);
		free(runs.v[1]);
		free(sts);
		free(spv);
		free(spi);
		free(inv);
	}
	free(sv);
	free(cr);
	free(lanes);
}

/* cx_h2s_fill_contours straight to the column-major RLE, without a mask:
 * the polygons' runs are collected and united per row, and a column's value
 * changes at row y exactly where the unions of rows y - 1 and y differ (the
 * boundaries in one list but not the other). Same result as drawing the
 * mask and encoding it, without touching every pixel twice more. */
static void
collect_span(void *ctx, uint32_t y, uint32_t x0, uint32_t x1)
{
	struct spans *s = ctx;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = cx_xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n++] = (struct span){ y, x0, x1 + 1 };
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span *p = a, *q = b;

	if (p->x0 != q->x0)
		return p->x0 < q->x0 ? -1 : 1;
	return (p->x1 > q->x1) - (p->x1 < q->x1);
}

struct ychg {
	uint32_t	 x, y;
};

static void	spans_rle(struct spans *sp, uint32_t h, uint32_t w, struct cx_rle *out);

void
cx_h2s_fill_contours_rle(const struct cx_contours *cs, uint32_t h, uint32_t w, struct cx_rle *out)
{
	struct spans sp = {0};
	double *xy = NULL;
	size_t cap = 0;

	for (size_t i = 0; i < cs->n; i++) {
		const struct cx_contour *ct = &cs->c[i];
		if (ct->n <= 1)
			continue;
		if (ct->n > cap) {
			cap = ct->n;
			xy = cx_xreallocarray(xy, cap, 2 * sizeof *xy);
		}
		for (size_t j = 0; j < 2 * ct->n; j++)
			xy[j] = ct->xy[j];
		cx_polygon_spans(h, w, xy, ct->n, collect_span, &sp);
	}
	free(xy);
	spans_rle(&sp, h, w, out);
}

/* The column-major RLE of the union of the runs in sp (freed here). */
static void
spans_rle(struct spans *sp_, uint32_t h, uint32_t w, struct cx_rle *out)
{
	struct spans sp = *sp_;
	struct span *byrow;
	struct ychg *c = NULL, *sorted;
	size_t *rs, nc = 0, ccap = 0, *start, *pos, ncnt = 0, cntcap = 0;
	uint32_t *bnd[2], nb[2] = {0, 0}, *sd, *cnt = NULL, run = 0;
	int v = 0, cur = 0;

	/* bucket the runs by row */
	rs = cx_xcalloc((size_t)h + 2, sizeof *rs);
	for (size_t i = 0; i < sp.n; i++)
		rs[sp.v[i].y + 1]++;
	for (uint32_t y = 0; y <= h; y++)
		rs[y + 1] += rs[y];
	byrow = cx_xmalloc((sp.n ? sp.n : 1) * sizeof *byrow);
	pos = cx_xmalloc(((size_t)h + 1) * sizeof *pos);
	memcpy(pos, rs, ((size_t)h + 1) * sizeof *pos);
	for (size_t i = 0; i < sp.n; i++)
		byrow[pos[sp.v[i].y]++] = sp.v[i];
	free(pos);
	free(sp.v);
	/* per row: the union as a boundary list (start, end, start, end, ...;
	 * touching runs merge), then its changes from the previous row's */
	bnd[0] = cx_xmalloc(((size_t)w + 2) * 2 * sizeof *bnd[0]);
	bnd[1] = cx_xmalloc(((size_t)w + 2) * 2 * sizeof *bnd[1]);
	sd = cx_xmalloc(((size_t)w + 2) * 4 * sizeof *sd);
	for (uint32_t y = 0; y < h; y++) {
		struct span *r = byrow + rs[y];
		size_t k = rs[y + 1] - rs[y], i, a, b, nsd = 0;
		uint32_t *nw = bnd[!cur], *ol = bnd[cur], nn = 0;
		if (k == 0 && nb[cur] == 0)
			continue;
		for (i = 1; i < k; i++)
			if (span_cmp(&r[i - 1], &r[i]) > 0) {
				qsort(r, k, sizeof *r, span_cmp);
				break;
			}
		for (i = 0; i < k; i++) {
			if (nn > 0 && r[i].x0 <= nw[nn - 1]) {
				if (r[i].x1 > nw[nn - 1])
					nw[nn - 1] = r[i].x1;
			} else {
				nw[nn++] = r[i].x0;
				nw[nn++] = r[i].x1;
			}
		}
		nb[!cur] = nn;
		for (a = 0, b = 0; a < nb[cur] || b < nn;) {
			if (b == nn || (a < nb[cur] && ol[a] < nw[b]))
				sd[nsd++] = ol[a++];
			else if (a == nb[cur] || nw[b] < ol[a])
				sd[nsd++] = nw[b++];
			else {
				a++;
				b++;
			}
		}
		for (i = 0; i + 1 < nsd; i += 2)
			for (uint32_t x = sd[i]; x < sd[i + 1]; x++) {
				if (nc == ccap) {
					ccap = ccap ? ccap * 2 : 1024;
					c = cx_xreallocarray(c, ccap, sizeof *c);
				}
				c[nc++] = (struct ychg){ x, y };
			}
		cur = !cur;
	}
	free(sd);
	free(bnd[0]);
	free(bnd[1]);
	free(byrow);
	free(rs);
	/* counting sort by column; rows stay in order within a column */
	start = cx_xcalloc((size_t)w + 1, sizeof *start);
	for (size_t i = 0; i < nc; i++)
		start[c[i].x + 1]++;
	for (uint32_t x = 0; x < w; x++)
		start[x + 1] += start[x];
	sorted = cx_xmalloc((nc ? nc : 1) * sizeof *sorted);
	pos = cx_xmalloc(((size_t)w + 1) * sizeof *pos);
	memcpy(pos, start, ((size_t)w + 1) * sizeof *pos);
	for (size_t i = 0; i < nc; i++)
		sorted[pos[c[i].x]++] = c[i];
	free(pos);
	free(c);
#define PUSH(n) do { if (ncnt == cntcap) { cntcap = cntcap ? cntcap * 2 : 64; \
	cnt = cx_xreallocarray(cnt, cntcap, sizeof *cnt); } cnt[ncnt++] = (n); } while (0)
	for (uint32_t x = 0; x < w; x++) {
		size_t i = start[x];
		uint32_t prev = 0;
		/* a change at row 0 (from nothing) means the column starts set */
		int first = i < start[x + 1] && sorted[i].y == 0;
		if (first)
			i++;
		if (first != v) {
			PUSH(run);
			run = 0;
			v = first;
		}
		for (; i < start[x + 1]; i++) {
			run += sorted[i].y - prev;
			prev = sorted[i].y;
			PUSH(run);
			run = 0;
			v = !v;
		}
		run += h - prev;
	}
	PUSH(run);
#undef PUSH
	free(sorted);
	free(start);
	out->h = h;
	out->w = w;
	out->n = ncnt;
	out->counts = cnt;
}

/* Otsu or threshold without smoothing. */
static void
segment_fast(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w,
    const struct cx_h2s_opts *o, struct cx_rle *out)
{
	struct cx_rblocks b;
	struct pred p = { .otsu = o->otsu, .t = o->threshold };

	float vmin, vmax, *buf;
	uint8_t *img;
	size_t n = (size_t)h * w;

	cx_rblocks_init(&b, map, mh, mw, h, w);
	buf = cx_xmalloc(((size_t)w + 1) * sizeof *buf);
	if (cx_rblocks_range(&b, &vmin, &vmax) == 1 || !(vmax - vmin > 0)) {
		/* NaN, or a constant map: 0/0 everywhere, an empty mask */
		cx_rle_zero(out, h, w);
		goto done;
	}
	pred_range(&p, vmin, vmax);
	if (p.otsu) {
		uint64_t hist[256] = {0};
		int maxv = 255;
		pred_cuts(&p);
		histogram(&b, &p, buf, hist);
		while (maxv > 0 && hist[maxv] == 0)
			maxv--;
		if (maxv == 0) {
			cx_rle_zero(out, h, w);
			goto done;
		}
		/* set when uint8 > t, i.e. bin >= t + 1 */
		p.vstar = p.cut[cx_h2s_otsu_hist(hist, n) + 1];
	} else
		p.vstar = first_true(&p, 1, 0);
	if (p.otsu) {
		/* straight into the contour scan's framed image (no copy), and
		 * from the contours straight to the RLE (no mask) */
		struct crop box;
		struct cx_contours cs;
		img = binary_image(&b, &p, buf, &box);
		if (img == NULL) {
			cx_rle_zero(out, h, w);
			goto done;
		}
		/* RETR_LIST: see fill_contours_crop */
		cx_contours_find_framed_at(&cs, img, box.h, box.w, box.x0, box.y0,
		    CX_RETR_LIST, CX_CHAIN_SIMPLE);
		free(img);
		cx_h2s_fill_contours_rle(&cs, h, w, out);
		cx_contours_fini(&cs);
	} else {
		/* a threshold needs no image: runs straight to the RLE */
		struct spans sp = {0};
		binary_runs(&b, &p, buf, &sp);
		spans_rle(&sp, h, w, out);
	}
done:
	free(buf);
	cx_rblocks_fini(&b);
}

int
cx_h2s_u8_histogram(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w,
    uint64_t hist[256])
{
	struct cx_rblocks b;
	struct pred p = { .otsu = 1 };
	float vmin, vmax, *buf;
	int deg = 0;

	memset(hist, 0, 256 * sizeof *hist);
	if ((size_t)h * w == 0)
		return 1;
	cx_rblocks_init(&b, map, mh, mw, h, w);
	buf = cx_xmalloc(((size_t)w + 1) * sizeof *buf);
	if (cx_rblocks_range(&b, &vmin, &vmax) == 1 || !(vmax - vmin > 0)) {
		deg = 1;
	} else {
		pred_range(&p, vmin, vmax);
		pred_cuts(&p);
		histogram(&b, &p, buf, hist);
	}
	free(buf);
	cx_rblocks_fini(&b);
	return deg;
}

int
cx_h2s_classify(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w,
    const float *t, int n, uint8_t *cls)
{
	struct cx_rblocks b;
	struct pred p = {0};
	float vmin, vmax, *buf, cut[255];
	uint8_t *st;
	int deg = 0;

	if ((size_t)h * w == 0)
		return 1;
	if (n > 255)
		n = 255;
	cx_rblocks_init(&b, map, mh, mw, h, w);
	buf = cx_xmalloc(((size_t)w + 1) * sizeof *buf);
	if (cx_rblocks_range(&b, &vmin, &vmax) == 1 || !(vmax - vmin > 0)) {
		memset(cls, 0, (size_t)h * w);
		deg = 1;
		goto done;
	}
	pred_range(&p, vmin, vmax);
	for (int k = 0; k < n; k++) {
		p.t = t[k];
		cut[k] = first_true(&p, 1, 0);
	}
#define CLASS(v, c) do { c = 0; for (int k_ = 0; k_ < n; k_++) c += (v) >= cut[k_]; } while (0)
	st = cx_xmalloc(b.nbc);
	for (uint32_t k = 0; k < b.nbr; k++) {
		for (uint32_t l = 0; l < b.nbc; l++) {
			size_t i = (size_t)k * b.nbc + l;
			int a, z;
			CLASS(b.lb[i], a);
			CLASS(b.ub[i], z);
			st[l] = a == z ? (uint8_t)a : 255;
		}
		for (uint32_t y = b.rs[k]; y < b.rs[k + 1]; y++) {
			uint8_t *row = cls + (size_t)y * w;
			for (uint32_t l = 0; l < b.nbc; l++) {
				uint32_t x0 = b.cs[l], x1 = b.cs[l + 1];
				float lo, hi;
				int a, z;
				if (st[l] != 255) {
					memset(row + x0, st[l], x1 - x0);
					continue;
				}
				cx_rblocks_row_bounds_inline(&b, y, l, &lo, &hi);
				CLASS(lo, a);
				CLASS(hi, z);
				if (a == z) {
					memset(row + x0, a, x1 - x0);
					continue;
				}
				cx_resize_block_span(&b.r, y, x0, x1, buf);
				for (uint32_t x = x0; x < x1; x++) {
					CLASS(buf[x - x0], a);
					row[x] = (uint8_t)a;
				}
			}
		}
	}
#undef CLASS
	free(st);
done:
	free(buf);
	cx_rblocks_fini(&b);
	return deg;
}

void
cx_h2s_segment(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
    const struct cx_h2s_opts *o, struct cx_rle *out)
{
	size_t n = (size_t)h * w;
	float *norm;
	int deg;

	if (n > 0 && !(o->otsu && o->smooth_k > 0)) {
		segment_fast(hm->map, hm->mh, hm->mw, h, w, o, out);
		return;
	}
	if (o->otsu && o->smooth_k > 0 && !smooth_full &&
	    cx_h2s_smooth_segment(hm->map, hm->mh, hm->mw, h, w, o->smooth_k, out) == 0)
		return;
	norm = cx_xmalloc((n > 0 ? n : 1) * sizeof *norm);
	deg = cx_h2s_normalized(hm, h, w, norm);
	cx_h2s_segment_norm(norm, deg, h, w, o, out);
	free(norm);
}
