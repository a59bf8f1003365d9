/* resize: torch 1.13 CPU upsample_bilinear2d, align_corners=False, on a
 * (1,1,h,w) float32 tensor (its channels-last kernel), reproduced bit for bit
 * (SPEC §3): per-axis float32 weights, float32 weight products, the four
 * terms accumulated in double in a fixed order, rounded once to float. */
#include "resize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Loops over blocks and columns meant to vectorize (GCC's -O2 cost model
 * leaves loops of unknown trip count scalar); no reassociation, so the
 * same results. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=dynamic")
#endif

/* Four floats (GCC/clang vector extensions: SSE2, NEON, or plain code). */
typedef float v4f __attribute__((vector_size(16)));
typedef int32_t v4i __attribute__((vector_size(16)));

static void
axis(uint32_t in, uint32_t out, uint32_t *i0, uint32_t *i1, float *l0, float *l1)
{
	float scale = (float)in / (float)out;

	for (uint32_t d = 0; d < out; d++) {
		if (in == out) {
			i0[d] = d;
			i1[d] = d + (d < in - 1);
			l0[d] = 1.0f;
			l1[d] = 0.0f;
			continue;
		}
		double src = (double)scale * (d + 0.5) - 0.5;
		if (src < 0)
			src = 0;
		uint32_t i = (uint32_t)src;
		if (i > in - 1)
			i = in - 1;
		i0[d] = i;
		i1[d] = i + (i < in - 1);
		l1[d] = (float)(src - i);
		l0[d] = 1.0f - l1[d];
	}
}

void
cx_resize_init(struct cx_resize *r, const float *in, uint32_t ih, uint32_t iw,
    uint32_t oh, uint32_t ow)
{
	r->in = in;
	r->ih = ih;
	r->iw = iw;
	r->oh = oh;
	r->ow = ow;
	r->y0 = cx_xmalloc((size_t)oh * sizeof *r->y0);
	r->y1 = cx_xmalloc((size_t)oh * sizeof *r->y1);
	r->hy0 = cx_xmalloc((size_t)oh * sizeof *r->hy0);
	r->hy1 = cx_xmalloc((size_t)oh * sizeof *r->hy1);
	r->x0 = cx_xmalloc((size_t)ow * sizeof *r->x0);
	r->x1 = cx_xmalloc((size_t)ow * sizeof *r->x1);
	r->wx0 = cx_xmalloc((size_t)ow * sizeof *r->wx0);
	r->wx1 = cx_xmalloc((size_t)ow * sizeof *r->wx1);
	axis(ih, oh, r->y0, r->y1, r->hy0, r->hy1);
	axis(iw, ow, r->x0, r->x1, r->wx0, r->wx1);
}

void
cx_resize_span(const struct cx_resize *r, uint32_t y, uint32_t xa, uint32_t xb, float *out)
{
	for (uint32_t x = xa; x < xb; x++)
		out[x - xa] = cx_resize_px(r, y, x);
}

void
cx_resize_row(const struct cx_resize *r, uint32_t y, float *out)
{
	cx_resize_span(r, y, 0, r->ow, out);
}

void
cx_resize_fini(struct cx_resize *r)
{
	free(r->y0);
	free(r->y1);
	free(r->hy0);
	free(r->hy1);
	free(r->x0);
	free(r->x1);
	free(r->wx0);
	free(r->wx1);
	memset(r, 0, sizeof *r);
}

void
cx_resize_bilinear(const float *in, uint32_t ih, uint32_t iw, float *out, uint32_t oh,
    uint32_t ow)
{
	struct cx_resize r;

	cx_resize_init(&r, in, ih, iw, oh, ow);
	for (uint32_t y = 0; y < oh; y++)
		cx_resize_row(&r, y, out + (size_t)y * ow);
	cx_resize_fini(&r);
}

/* ---- blocks: see resize.h ---- */



static uint32_t *
runs(const uint32_t *idx, uint32_t n, uint32_t *count)
{
	uint32_t *st = cx_xmalloc(((size_t)n + 1) * sizeof *st), k = 0;

	for (uint32_t i = 0; i < n; i++)
		if (i == 0 || idx[i] != idx[i - 1])
			st[k++] = i;
	st[k] = n;
	*count = k;
	return st;
}

void
cx_rblocks_init(struct cx_rblocks *b, const float *map, uint32_t mh, uint32_t mw, uint32_t h,
    uint32_t w)
{
	cx_resize_init(&b->r, map, mh, mw, h, w);
	b->rs = runs(b->r.y0, h, &b->nbr);
	b->cs = runs(b->r.x0, w, &b->nbc);
	b->lb = cx_xmalloc((size_t)b->nbr * b->nbc * sizeof *b->lb);
	b->ub = cx_xmalloc((size_t)b->nbr * b->nbc * sizeof *b->ub);
	b->zero = cx_xmalloc((size_t)b->nbr * b->nbc);
	b->xoff = NULL;
	b->xv = NULL;
	b->nxv = b->xvcap = 0;
	b->scratch = NULL;
	b->xlist = NULL;
	b->nxlist = 0;
	/* per block row: the columns' vertical extremes first, then each
	 * block's from its two columns (no index chains in the inner loops) */
	uint32_t *c0 = cx_xmalloc((size_t)b->nbc * sizeof *c0);
	uint32_t *c1 = cx_xmalloc((size_t)b->nbc * sizeof *c1);
	float *vmn = cx_xmalloc((size_t)mw * sizeof *vmn), *vmx = cx_xmalloc((size_t)mw * sizeof *vmx);
	float *lo_ = cx_xmalloc((size_t)b->nbc * sizeof *lo_);
	float *hi_ = cx_xmalloc((size_t)b->nbc * sizeof *hi_);
	int unit = b->nbc == mw;	/* block l between source columns l and l + 1 */
	for (uint32_t l = 0; l < b->nbc; l++) {
		c0[l] = b->r.x0[b->cs[l]];
		c1[l] = b->r.x1[b->cs[l]];
		unit &= c0[l] == l && (l + 1 == b->nbc || c1[l] == l + 1);
	}
	for (uint32_t k = 0; k < b->nbr; k++) {
		const float *r0 = map + (size_t)b->r.y0[b->rs[k]] * mw;
		const float *r1 = map + (size_t)b->r.y1[b->rs[k]] * mw;
		float *lb = b->lb + (size_t)k * b->nbc, *ub = b->ub + (size_t)k * b->nbc;
		uint8_t *zero = b->zero + (size_t)k * b->nbc;
		int nan = 0;
		for (uint32_t j = 0; j < mw; j++) {
			vmn[j] = r0[j] < r1[j] ? r0[j] : r1[j];
			vmx[j] = r0[j] < r1[j] ? r1[j] : r0[j];
			nan |= r0[j] != r0[j] || r1[j] != r1[j];
		}
		/* the usual case (every corner > 1e-30) without branches, so
		 * that it vectorizes; the others again, one by one */
		if (unit) {
			for (uint32_t l = 0; l + 1 < b->nbc; l++) {
				lo_[l] = vmn[l] < vmn[l + 1] ? vmn[l] : vmn[l + 1];
				hi_[l] = vmx[l] < vmx[l + 1] ? vmx[l + 1] : vmx[l];
			}
			lo_[b->nbc - 1] = vmn[c0[b->nbc - 1]] < vmn[c1[b->nbc - 1]] ?
			    vmn[c0[b->nbc - 1]] : vmn[c1[b->nbc - 1]];
			hi_[b->nbc - 1] = vmx[c0[b->nbc - 1]] < vmx[c1[b->nbc - 1]] ?
			    vmx[c1[b->nbc - 1]] : vmx[c0[b->nbc - 1]];
		} else
			for (uint32_t l = 0; l < b->nbc; l++) {
				lo_[l] = vmn[c0[l]] < vmn[c1[l]] ? vmn[c0[l]] : vmn[c1[l]];
				hi_[l] = vmx[c0[l]] < vmx[c1[l]] ? vmx[c1[l]] : vmx[c0[l]];
			}
		int other = 0;
		/* nbc read once: the byte stores of zero[] could alias b->nbc,
		 * and a loop bound read again each time does not vectorize */
		uint32_t nbc = b->nbc;
		memset(zero, 0, nbc);
		for (uint32_t l = 0; l < nbc; l++) {
			float lo = lo_[l], hi = hi_[l];
			/* all terms > 0: rounding errors are relative to the value;
			 * the doubled margin also covers the cast to float */
			lb[l] = (float)((double)lo * (1 - 2 * CX_RBLOCKS_EPS));
			ub[l] = (float)((double)hi * (1 + 2 * CX_RBLOCKS_EPS));
			other |= !(lo > 1e-30f);
		}
		for (uint32_t l = 0; other && l < b->nbc; l++) {
			float lo = lo_[l], hi = hi_[l];
			if (lo > 1e-30f)
				continue;
			zero[l] = lo == 0 && hi == 0;
			if (zero[l]) {
				lb[l] = ub[l] = 0;
			} else if (lo >= 0) {
				lb[l] = cx_fdown((double)lo * (1 - CX_RBLOCKS_EPS));
				ub[l] = cx_fup((double)hi * (1 + CX_RBLOCKS_EPS));
			} else {
				/* terms of both signs may cancel: errors scale with the
				 * largest magnitude */
				double m = fabs((double)lo) > fabs((double)hi) ?
				    fabs((double)lo) : fabs((double)hi);
				lb[l] = cx_fdown((double)lo - CX_RBLOCKS_EPS * m);
				ub[l] = cx_fup((double)hi + CX_RBLOCKS_EPS * m);
			}
		}
		/* a NaN source row marks its block row: cx_rblocks_range then
		 * reports the map as NaN, as torch's min and max would */
		if (nan)
			for (uint32_t l = 0; l < b->nbc; l++)
				lb[l] = ub[l] = NAN;
	}
	free(hi_);
	free(lo_);
	free(vmx);
	free(vmn);
	free(c1);
	free(c0);
}

void
cx_rblocks_fini(struct cx_rblocks *b)
{
	cx_resize_fini(&b->r);
	free(b->rs);
	free(b->cs);
	free(b->lb);
	free(b->ub);
	free(b->zero);
	free(b->xoff);
	free(b->xv);
	free(b->scratch);
	free(b->xlist);
}

void
cx_rblocks_row_bounds(const struct cx_rblocks *b, uint32_t y, uint32_t l, float *lo, float *hi)
{
	cx_rblocks_row_bounds_inline(b, y, l, lo, hi);
}

/* cx_resize_span over columns of one block column, whose four source
 * values are shared: no index loads, so the loop vectorizes. */
void
cx_resize_block_span(const struct cx_resize *r, uint32_t y, uint32_t xa, uint32_t xb,
    float *out)
{
	const float *a = r->in + (size_t)r->y0[y] * r->iw;
	const float *b = r->in + (size_t)r->y1[y] * r->iw;
	const float *wx0 = r->wx0 + xa, *wx1 = r->wx1 + xa;
	double a0 = a[r->x0[xa]], a1 = a[r->x1[xa]], b0 = b[r->x0[xa]], b1 = b[r->x1[xa]];
	float h0 = r->hy0[y], h1 = r->hy1[y];
	uint32_t n = xb - xa;

	for (uint32_t j = 0; j < n; j++) {
		float w00 = h0 * wx0[j], w01 = h0 * wx1[j];
		float w10 = h1 * wx0[j], w11 = h1 * wx1[j];
		double acc = a0 * w00 + a1 * w01;
		acc += b0 * w10;
		acc += b1 * w11;
		out[j] = (float)acc;
	}
}

/* Computes block (k, l) exactly into b->xv, widening [*lo, *hi]. Past
 * CX_RBLOCKS_KEEP values in all (a constant map at 10000^2 would keep them
 * all: 400 MB) the values go to a scratch row and are not kept. */
static void
exact_block(struct cx_rblocks *b, uint32_t k, uint32_t l, float *lo, float *hi)
{
	uint32_t n = b->cs[l + 1] - b->cs[l];
	size_t need = (size_t)(b->rs[k + 1] - b->rs[k]) * n, i = (size_t)k * b->nbc + l;
	float *v, mn = *lo, mx = *hi;
	int keep = b->nxv + need <= CX_RBLOCKS_KEEP;

	if (keep && b->nxv + need > b->xvcap) {
		b->xvcap = 2 * (b->nxv + need);
		b->xvcap = b->xvcap < CX_RBLOCKS_KEEP ? b->xvcap : CX_RBLOCKS_KEEP;
		b->xv = cx_xreallocarray(b->xv, b->xvcap, sizeof *b->xv);
	}
	if (keep) {
		b->xoff[i] = (uint32_t)b->nxv;
		v = b->xv + b->nxv;
		b->nxv += need;
	} else {
		b->xoff[i] = CX_RBLOCKS_SEEN;
		if (b->scratch == NULL)
			b->scratch = cx_xmalloc(((size_t)b->r.ow + 1) * sizeof *b->scratch);
		v = b->scratch;
	}
	for (uint32_t y = b->rs[k]; y < b->rs[k + 1]; y++, v += keep ? n : 0) {
		cx_resize_block_span(&b->r, y, b->cs[l], b->cs[l + 1], v);
		for (uint32_t j = 0; j < n; j++) {
			mn = v[j] < mn ? v[j] : mn;
			mx = v[j] > mx ? v[j] : mx;
		}
	}
	*lo = mn;
	*hi = mx;
}

int
cx_rblocks_range(struct cx_rblocks *b, float *vmin, float *vmax)
{
	size_t nb = (size_t)b->nbr * b->nbc;
	float min_ub = INFINITY, max_lb = -INFINITY, lo = INFINITY, hi = -INFINITY;
	int all_nonneg = 1, have_zero = 0;

	int nan = 0;
	/* no branch: a NaN block row is rare. Four lanes at a time in GCC's
	 * vector types (a float min/max reduction written as a loop does not
	 * vectorize: the compiler may not reorder it), four partial extremes
	 * with no chain of dependent comparisons between them. */
	const float *lbv = b->lb, *ubv = b->ub;
	v4f mu = (v4f){ 0 } + INFINITY, ml = (v4f){ 0 } - INFINITY;
	v4i nanv = { 0 }, negv = { 0 };
	size_t i4 = 0;
	for (; i4 + 4 <= nb; i4 += 4) {
		v4f l, u;
		v4i cu, cl;
		memcpy(&l, lbv + i4, sizeof l);
		memcpy(&u, ubv + i4, sizeof u);
		nanv |= (l != l) | (u != u);
		cu = u < mu;
		cl = l > ml;
		mu = (v4f)((cu & (v4i)u) | (~cu & (v4i)mu));
		ml = (v4f)((cl & (v4i)l) | (~cl & (v4i)ml));
		negv |= l < 0;
	}
	for (size_t i = i4; i < nb; i++) {
		nanv[0] |= b->lb[i] != b->lb[i] || b->ub[i] != b->ub[i];
		mu[0] = b->ub[i] < mu[0] ? b->ub[i] : mu[0];
		ml[0] = b->lb[i] > ml[0] ? b->lb[i] : ml[0];
		negv[0] |= b->lb[i] < 0;
	}
	for (int j = 0; j < 4; j++) {
		nan |= nanv[j] != 0;
		all_nonneg &= negv[j] == 0;
	}
	/* zero[] holds 0 or 1 */
	have_zero = memchr(b->zero, 1, nb) != NULL;
	if (nan)
		return 1;
	for (int j = 0; j < 4; j++) {
		min_ub = mu[j] < min_ub ? mu[j] : min_ub;
		max_lb = ml[j] > max_lb ? ml[j] : max_lb;
	}
	free(b->xoff);
	b->xoff = cx_xmalloc(nb * sizeof *b->xoff);
	memset(b->xoff, 0xff, nb * sizeof *b->xoff);
	b->nxv = 0;
	/* corners all >= 0 and a block of zeros: the minimum is 0 exactly */
	if (all_nonneg && have_zero)
		lo = 0;
	/* Only blocks whose bounds reach past min_ub or max_lb can hold an
	 * extreme. The block reaching max_lb and the one under min_ub go first:
	 * then most candidates cannot beat the values in hand and are skipped;
	 * min and max do not depend on the order. */
	{
		int want_lo = !(all_nonneg && have_zero);
		uint32_t *cand = cx_xmalloc(nb * sizeof *cand), nc = 0, seed[2] = { 0, 0 };
		int seeded[2] = { 0, 0 };
		/* the candidates without a branch (which way it goes is data),
		 * then the two seeds among them */
		for (size_t i0 = 0; i0 < nb; i0 += 16) {
			size_t i1 = i0 + 16 < nb ? i0 + 16 : nb;
			int any = 0;
			/* most groups of 16 hold none: one test for them */
			for (size_t i = i0; i < i1; i++)
				any |= (want_lo & (lbv[i] <= min_ub)) | (ubv[i] >= max_lb);
			if (!any)
				continue;
			for (size_t i = i0; i < i1; i++) {
				cand[nc] = (uint32_t)i;
				nc += (want_lo & (lbv[i] <= min_ub)) | (ubv[i] >= max_lb);
			}
		}
		for (uint32_t j = 0; j < nc && !(seeded[0] && (seeded[1] || !want_lo)); j++) {
			uint32_t i = cand[j];
			if (!seeded[0] && b->lb[i] == max_lb)
				seed[0] = j, seeded[0] = 1;
			if (!seeded[1] && want_lo && b->ub[i] == min_ub)
				seed[1] = j, seeded[1] = 1;
		}
		for (int s = 0; s < 2; s++)
			if (seeded[s])
				exact_block(b, cand[seed[s]] / b->nbc, cand[seed[s]] % b->nbc, &lo, &hi);
		for (uint32_t j = 0; j < nc; j++) {
			uint32_t i = cand[j];
			if (b->xoff[i] != CX_RBLOCKS_NONE)
				continue;
			if ((want_lo && b->lb[i] < lo) || b->ub[i] > hi)
				exact_block(b, i / b->nbc, i % b->nbc, &lo, &hi);
		}
		/* the kept ones in index order (cand is) */
		free(b->xlist);
		b->xlist = cx_xmalloc((nc ? nc : 1) * sizeof *b->xlist);
		b->nxlist = 0;
		for (uint32_t j = 0; j < nc; j++)
			if (b->xoff[cand[j]] < CX_RBLOCKS_SEEN)
				b->xlist[b->nxlist++] = cand[j];
		free(cand);
	}
	*vmin = lo;
	*vmax = hi;
	return 0;
}

static void
argmax_full(const float *in, uint32_t ih, uint32_t iw, uint32_t oh, uint32_t ow,
    uint32_t *row, uint32_t *col)
{
	struct cx_resize r;
	float *buf = cx_xmalloc((size_t)ow * sizeof *buf), best = 0;
	int have = 0;

	*row = *col = 0;
	cx_resize_init(&r, in, ih, iw, oh, ow);
	for (uint32_t y = 0; y < oh; y++) {
		cx_resize_row(&r, y, buf);
		for (uint32_t x = 0; x < ow; x++) {
			/* np.argmax: the first maximum; a NaN is the maximum. */
			if (!have || buf[x] > best || (buf[x] != buf[x] && best == best)) {
				best = buf[x];
				*row = y;
				*col = x;
				have = 1;
			}
		}
	}
	cx_resize_fini(&r);
	free(buf);
}

void
cx_resize_argmax(const float *in, uint32_t ih, uint32_t iw, uint32_t oh, uint32_t ow,
    uint32_t *row, uint32_t *col)
{
	struct cx_rblocks b;
	float *buf, vmin, vmax;

	*row = *col = 0;
	if (oh == 0 || ow == 0)
		return;
	cx_rblocks_init(&b, in, ih, iw, oh, ow);
	buf = cx_xmalloc(((size_t)ow + 1) * sizeof *buf);
	if (cx_rblocks_range(&b, &vmin, &vmax) == 1) {
		/* NaN somewhere: the plain scan finds the first one */
		free(buf);
		cx_rblocks_fini(&b);
		argmax_full(in, ih, iw, oh, ow, row, col);
		return;
	}
	/* the first pixel, row by row, that reaches the exact maximum; only
	 * blocks whose upper bound reaches it can hold one */
	for (uint32_t k = 0; k < b.nbr; k++)
		for (uint32_t y = b.rs[k]; y < b.rs[k + 1]; y++)
			for (uint32_t l = 0; l < b.nbc; l++) {
				uint32_t x0 = b.cs[l], x1 = b.cs[l + 1];
				if (b.ub[(size_t)k * b.nbc + l] < vmax)
					continue;
				cx_resize_span(&b.r, y, x0, x1, buf);
				for (uint32_t x = x0; x < x1; x++)
					if (buf[x - x0] == vmax) {
						*row = y;
						*col = x;
						goto done;
					}
			}
done:
	free(buf);
	cx_rblocks_fini(&b);
}
