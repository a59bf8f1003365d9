/* resize: torch 1.13 F.interpolate(mode='bilinear', align_corners=False),
 * float32, bit for bit (SPEC §3). */
#ifndef CX_RESIZE_H
#define CX_RESIZE_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Resize a row-major ih x iw map to oh x ow into out (caller allocates). */
void	cx_resize_bilinear(const float *in, uint32_t ih, uint32_t iw, float *out,
	    uint32_t oh, uint32_t ow);
/* First maximum (row-major, np.argmax) of the resized map, without allocating
 * the full oh x ow map. */
void	cx_resize_argmax(const float *in, uint32_t ih, uint32_t iw, uint32_t oh,
	    uint32_t ow, uint32_t *row, uint32_t *col);

/* Row-at-a-time resizing, for callers that never hold the whole output:
 * cx_resize_init precomputes both axes (in is borrowed, must outlive r). */
struct cx_resize {
	const float	*in;
	uint32_t	 ih, iw, oh, ow;
	uint32_t	*y0, *y1, *x0, *x1;	/* source indices per output row/column */
	float		*hy0, *hy1, *wx0, *wx1;	/* their float32 weights */
};
void	cx_resize_init(struct cx_resize *r, const float *in, uint32_t ih, uint32_t iw,
	    uint32_t oh, uint32_t ow);
/* Output pixel (y, x): float32 weights and their float32 products, the four
 * terms summed in double in this order, as torch computes it. */
static inline float
cx_resize_px(const struct cx_resize *r, uint32_t y, uint32_t x)
{
	const float *a = r->in + (size_t)r->y0[y] * r->iw, *b = r->in + (size_t)r->y1[y] * r->iw;
	float h0 = r->hy0[y], h1 = r->hy1[y];
	uint32_t c0 = r->x0[x], c1 = r->x1[x];
	float w00 = h0 * r->wx0[x], w01 = h0 * r->wx1[x];
	float w10 = h1 * r->wx0[x], w11 = h1 * r->wx1[x];
	double acc = (double)a[c0] * w00 + (double)a[c1] * w01;

	acc += (double)b[c0] * w10;
	acc += (double)b[c1] * w11;
	return (float)acc;
}
/* Output row y (ow floats) into out. */
void	cx_resize_row(const struct cx_resize *r, uint32_t y, float *out);
/* Columns [x0, x1) of output row y into out[0 .. x1 - x0). */
void	cx_resize_span(const struct cx_resize *r, uint32_t y, uint32_t x0, uint32_t x1,
	    float *out);
/* The same when columns [x0, x1) share their source columns (one block
 * column of struct cx_rblocks): faster. */
void	cx_resize_block_span(const struct cx_resize *r, uint32_t y, uint32_t x0, uint32_t x1,
	    float *out);
void	cx_resize_fini(struct cx_resize *r);

/* The resized map as blocks: the output pixels between the same two source
 * rows and the same two source columns share their four source values, so
 * their values lie within bounds computed from those four alone (rounding
 * margins included). Used to skip blocks whose bounds already decide a
 * question (threshold, histogram bin, maximum). */
struct cx_rblocks {
	struct cx_resize	 r;
	uint32_t		 nbr, nbc;	/* block rows and columns */
	uint32_t		*rs;		/* nbr + 1 output row starts */
	uint32_t		*cs;		/* nbc + 1 output column starts */
	float			*lb, *ub;	/* bounds of block (k, l) at k * nbc + l */
	uint8_t			*zero;		/* four zero corners: every value is 0 */
	/* The exact values cx_rblocks_range computed, kept for the callers that
	 * would otherwise compute them again (plateaus at the extremes): block
	 * i's values, row-major, start at xv + xoff[i]; CX_RBLOCKS_NONE when it
	 * was not computed. xoff is NULL before cx_rblocks_range. */
	uint32_t		*xoff;
	float			*xv;
	size_t			 nxv, xvcap;
	float			*scratch;	/* a row of values not kept */
	/* the blocks whose values are kept, in increasing index order (so
	 * each block row's are a run: cx_rblocks_exact_row) */
	uint32_t		*xlist;
	size_t			 nxlist;
};
#define CX_RBLOCKS_NONE	UINT32_MAX
/* xoff of a block computed but not kept (past CX_RBLOCKS_KEEP values) */
#define CX_RBLOCKS_SEEN	(UINT32_MAX - 1)
#define CX_RBLOCKS_KEEP	((size_t)8 << 20)
/* The stored exact values of block i, or NULL. */
static inline const float *
cx_rblocks_exact(const struct cx_rblocks *b, size_t i)
{
	return b->xoff != NULL && b->xoff[i] < CX_RBLOCKS_SEEN ? b->xv + b->xoff[i] : NULL;
}
/* The kept blocks of block row k: their columns' indices into xlist,
 * [*from, return value). */
static inline size_t
cx_rblocks_exact_row(const struct cx_rblocks *b, uint32_t k, size_t *from)
{
	size_t lo = 0, hi = b->nxlist, row0 = (size_t)k * b->nbc, row1 = row0 + b->nbc, e;

	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (b->xlist[m] < row0)
			lo = m + 1;
		else
			hi = m;
	}
	*from = lo;
	for (e = lo; e < b->nxlist && b->xlist[e] < row1; e++)
		;
	return e;
}
void	cx_rblocks_init(struct cx_rblocks *b, const float *in, uint32_t ih, uint32_t iw,
	    uint32_t oh, uint32_t ow);
void	cx_rblocks_fini(struct cx_rblocks *b);
/* Bounds of output row y within block column l. */
void	cx_rblocks_row_bounds(const struct cx_rblocks *b, uint32_t y, uint32_t l, float *lo,
	    float *hi);
/* Exact minimum and maximum of the resized map, computing only the blocks
 * that may hold them (their values are kept: cx_rblocks_exact). Returns 1
 * (nothing set) when the map holds NaN, else 0. */
int	cx_rblocks_range(struct cx_rblocks *b, float *vmin, float *vmax);

/* Relative margin covering float32 weight rounding in a block's values
 * (several times the worst case of about 3 * 2^-24). */
#define CX_RBLOCKS_EPS	1e-6

/* One float32 step toward -inf / +inf (finite f). */
static inline float
cx_fstep_down(float f)
{
	uint32_t u;

	if (f == 0)
		return -1.4e-45f;
	memcpy(&u, &f, 4);
	u = f > 0 ? u - 1 : u + 1;
	memcpy(&f, &u, 4);
	return f;
}

static inline float
cx_fstep_up(float f)
{
	return -cx_fstep_down(-f);
}

/* v rounded to float32 toward -inf / +inf. */
static inline float
cx_fdown(double v)
{
	float f = (float)v;

	return (double)f > v ? cx_fstep_down(f) : f;
}

static inline float
cx_fup(double v)
{
	float f = (float)v;

	return (double)f < v ? cx_fstep_up(f) : f;
}

/* Bounds of the values of output row y over block column l (a single row
 * of a block): with the row weights fixed, every value lies between the two
 * row-weighted column pairs a and z, up to rounding margins that are relative
 * when no term is negative and scale with the largest term otherwise. */
static inline void
cx_rblocks_row_bounds_inline(const struct cx_rblocks *b, uint32_t y, uint32_t l, float *lo,
    float *hi)
{
	const struct cx_resize *r = &b->r;
	const float *r0 = r->in + (size_t)r->y0[y] * r->iw;
	const float *r1 = r->in + (size_t)r->y1[y] * r->iw;
	uint32_t x = b->cs[l], c0 = r->x0[x], c1 = r->x1[x];
	double h0 = r->hy0[y], h1 = r->hy1[y];
	double a = h0 * r0[c0] + h1 * r1[c0], z = h0 * r0[c1] + h1 * r1[c1];
	double mn = a < z ? a : z, mx = a < z ? z : a;

	if (r0[c0] >= 0 && r0[c1] >= 0 && r1[c0] >= 0 && r1[c1] >= 0) {
		*lo = cx_fdown(mn * (1 - 4 * CX_RBLOCKS_EPS));
		*hi = cx_fup(mx * (1 + 4 * CX_RBLOCKS_EPS));
	} else {
		double ma = h0 * fabs(r0[c0]) + h1 * fabs(r1[c0]);
		double mz = h0 * fabs(r0[c1]) + h1 * fabs(r1[c1]);
		double m = ma > mz ? ma : mz;
		*lo = cx_fdown(mn - 4 * CX_RBLOCKS_EPS * m);
		*hi = cx_fup(mx + 4 * CX_RBLOCKS_EPS * m);
	}
}

#endif
