/* h2s: the reference's cam_to_segmentation, operation by operation. */
#include "h2s.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "contour.h"
#include "polygon.h"
#include "resize.h"
#include "xalloc.h"

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

/* The JET lookup table OpenCV builds: its 256-entry base map (Octave's jet:
 * piecewise linear in steps of 4/255, with half-step offsets), resampled by
 * OpenCV's interp1 in float32 at the same 256 points, then converted to 8
 * bits with rounding. Entry = (B, G, R). */
static float
jet_base(int ch, int k)
{
	double v;

	switch (ch) {
	case 0:	/* blue */
		v = k < 32 ? 127.5 + 4 * k : k < 96 ? 255 : k < 160 ? 253.5 - 4 * (k - 96) : 0;
		break;
	case 1:	/* green */
		v = k < 32 ? 0 : k < 96 ? 0.5 + 4 * (k - 32) : k < 160 ? 255 :
		    k < 224 ? 252.5 - 4 * (k - 160) : 0;
		break;
	default:	/* red */
		v = k < 96 ? 0 : k < 160 ? 1.5 + 4 * (k - 96) : k < 224 ? 255 :
		    251.5 - 4 * (k - 224);
		break;
	}
	return (float)(v / 255.0);
}

static void
jet_gray_lut(uint8_t gray[256])
{
	float x[256], step = 1.0f / 255.0f;

	for (int i = 0; i < 256; i++)
		x[i] = 0.0f + (float)i * step;
	for (int i = 0; i < 256; i++) {
		int c[3];
		for (int ch = 0; ch < 3; ch++) {
			float y;
			if (i == 0) {
				y = jet_base(ch, 0);
			} else {
				/* interp1 between the bracketing points i-1 and i */
				float y0 = jet_base(ch, i - 1), y1 = jet_base(ch, i);
				float num = (x[i] - x[i - 1]) * (y1 - y0);
				y = y0 + num / (x[i] - x[i - 1]);
			}
			c[ch] = (int)rintf(y * 255.0f);
			c[ch] = c[ch] < 0 ? 0 : c[ch] > 255 ? 255 : c[ch];
		}
		/* cvtColor RGB2GRAY on BGR data: channel 0 (blue) weighs as red.
		 * OpenCV 4.6 uses 15-bit fixed point for 8-bit images; the 14-bit
		 * weights differ at JET(110) (found by differential testing). */
		gray[i] = (uint8_t)((c[0] * 9798 + c[1] * 19235 + c[2] * 3735 + (1 << 14)) >> 15);
	}
}

static long
reflect101(long i, long n)
{
	if (n == 1)
		return 0;
	while (i < 0 || i >= n) {
		if (i < 0)
			i = -i;
		if (i >= n)
			i = 2 * (n - 1) - i;
	}
	return i;
}

void
cx_h2s_smooth(uint8_t *u8, uint32_t h, uint32_t w, int k)
{
	uint8_t lut[256];
	uint32_t *rows, *acc;
	long a = k / 2;
	float scale = (float)(1.0 / ((double)k * k));
	uint64_t fx_scale = 1, fx_delta = 0;
	uint8_t *g;
	size_t n = (size_t)h * w;

	jet_gray_lut(lut);
	g = cx_xmalloc(n);
	for (size_t i = 0; i < n; i++)
		g[i] = lut[u8[i]];
	/* horizontal sums per row, then vertical sums of those; each a sliding
	 * window (the sum at x + 1 is the one at x plus the tap entering and
	 * minus the one leaving, through the same reflection): integers, so
	 * exactly the k-tap sums, at a cost independent of k */
	rows = cx_xmalloc(n * sizeof *rows);
	for (uint32_t y = 0; y < h && w > 0; y++) {
		const uint8_t *r = g + (size_t)y * w;
		uint32_t *o = rows + (size_t)y * w, s = 0;
		for (long d = -a; d < k - a; d++)
			s += r[reflect101(d, w)];
		o[0] = s;
		for (uint32_t x = 1; x < w; x++) {
			s += r[reflect101((long)x - 1 + k - a, w)];
			s -= r[reflect101((long)x - 1 - a, w)];
			o[x] = s;
		}
	}
	/* OpenCV divides the k*k sums of 8-bit images in fixed point when they
	 * fit 16 bits (k*k <= 256): ((s + dd) * ds) >> 23 with ds ~ 2^23 / k^2
	 * rounded and dd ~ k^2 / 2 nudged the other way; larger kernels take a
	 * float32 product rounded half to even. */
	if (k > 1 && k * k <= 256) {
		int d = k * k;
		double scalef = 8388608.0 / d;
		fx_scale = (uint64_t)floor(scalef);
		scalef -= (double)fx_scale;
		fx_delta = (uint64_t)(d / 2);
		if (scalef < 0.5)
			fx_delta++;
		else
			fx_scale++;
	}
	acc = cx_xcalloc(w ? w : 1, sizeof *acc);
	for (long d = -a; d < k - a && h > 0; d++) {
		const uint32_t *r = rows + (size_t)reflect101(d, h) * w;
		for (uint32_t x = 0; x < w; x++)
			acc[x] += r[x];
	}
	for (uint32_t y = 0; y < h; y++) {
		if (y > 0) {
			const uint32_t *in = rows + (size_t)reflect101((long)y - 1 + k - a, h) * w;
			const uint32_t *out = rows + (size_t)reflect101((long)y - 1 - a, h) * w;
			for (uint32_t x = 0; x < w; x++)
				acc[x] += in[x] - out[x];
		}
		for (uint32_t x = 0; x < w; x++) {
			uint32_t s = acc[x];
			int v;
			if (k == 1)
				v = (int)s;
			else if (k * k <= 256)
				v = (int)(((s + fx_delta) * fx_scale) >> 23);
			else
				v = (int)rintf((float)s * scale);
			u8[(size_t)y * w + x] = (uint8_t)(255 - (v > 255 ? 255 : v));
		}
	}
	free(acc);
	free(rows);
	free(g);
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
	cx_contours_find(&cs, crop, ch, cw, CX_RETR_TREE, CX_CHAIN_SIMPLE);
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
enum { B_CLEAR, B_SET, B_MIXED, B_EXACT };

struct bstates {
	uint8_t		*st;			/* per block */
	uint32_t	 kmin, kmax, lmin, lmax;	/* the blocks that may hold a set pixel */
};

/* Every block's state; 0 (and nothing held) when no pixel can be set. */
static int
bstates_make(const struct cx_rblocks *b, float vs, struct bstates *s)
{
	s->st = cx_xmalloc((size_t)b->nbr * b->nbc);
	s->kmin = s->lmin = UINT32_MAX;
	s->kmax = s->lmax = 0;
	for (uint32_t k = 0; k < b->nbr; k++)
		for (uint32_t l = 0; l < b->nbc; l++) {
			size_t i = (size_t)k * b->nbc + l;
			s->st[i] = cx_rblocks_exact(b, i) != NULL ? B_EXACT : b->lb[i] >= vs ? B_SET :
			    !(b->ub[i] >= vs) ? B_CLEAR : B_MIXED;
			if (s->st[i] == B_CLEAR)
				continue;
			s->kmin = k < s->kmin ? k : s->kmin;
			s->kmax = k;
			s->lmin = l < s->lmin ? l : s->lmin;
			s->lmax = l > s->lmax ? l : s->lmax;
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
			if (l == s->lmin || st[l] >= B_MIXED || st[l] != st[l - 1])
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

/* The exact 256-bin histogram of the uint8 image, block by block: a block
 * whose bounds fall in one bin is counted whole, a block computed exactly
 * by cx_rblocks_range from its values, the others row segment by segment. */
static void
histogram(struct cx_rblocks *b, const struct pred *p, float *buf, uint64_t hist[256])
{
	uint32_t *mixed = cx_xmalloc(b->nbc * sizeof *mixed), nmixed;
	struct corners *cr = cx_xmalloc(b->nbc * sizeof *cr);
	/* output columns per unit of column weight (torch's scale is iw / ow) */
	double istep = (double)b->r.ow / b->r.iw;

	for (uint32_t k = 0; k < b->nbr; k++) {
		uint64_t rows = b->rs[k + 1] - b->rs[k];
		nmixed = 0;
		for (uint32_t l = 0; l < b->nbc; l++) {
			size_t i = (size_t)k * b->nbc + l;
			uint32_t cols = b->cs[l + 1] - b->cs[l];
			const float *xv = cx_rblocks_exact(b, i);
			int a;
			if (xv != NULL) {
				count_exact(xv, rows * cols, p, hist);
				continue;
			}
			a = bin_span(b->lb[i], b->ub[i], p);
			if (a < 0 && (a = bin_of(b->lb[i], p)) != bin_of(b->ub[i], p))
				mixed[nmixed++] = l;
			else
				hist[a] += rows * cols;
		}
		for (uint32_t j = 0; j < nmixed; j++)
			block_corners(b, k, mixed[j], &cr[j]);
		for (uint32_t y = b->rs[k]; y < b->rs[k + 1]; y++)
			for (uint32_t j = 0; j < nmixed; j++) {
				uint32_t l = mixed[j];
				count_segment(b, p, &cr[j], istep, y, b->cs[l], b->cs[l + 1], buf,
				    hist);
			}
	}
	free(cr);
	free(mixed);
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

static void
fill_contours_rle(const struct cx_contours *cs, uint32_t h, uint32_t w, struct cx_rle *out)
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
		cx_contours_find_framed_at(&cs, img, box.h, box.w, box.x0, box.y0,
		    CX_RETR_TREE, CX_CHAIN_SIMPLE);
		free(img);
		fill_contours_rle(&cs, h, w, out);
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
	norm = cx_xmalloc((n > 0 ? n : 1) * sizeof *norm);
	deg = cx_h2s_normalized(hm, h, w, norm);
	cx_h2s_segment_norm(norm, deg, h, w, o, out);
	free(norm);
}
