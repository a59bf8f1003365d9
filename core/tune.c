/* tune: one resize and one pass over each heatmap scores every threshold. */
#include "tune.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "h2s.h"
#include "resize.h"
#include "tasks.h"
#include "xalloc.h"

void
cx_tune_thresholds(double t[CX_TUNE_NTHR])
{
	/* arange fills start + i*delta with delta = (start + step) - start. */
	double delta = (0.2 + 0.1) - 0.2;

	for (int i = 0; i < CX_TUNE_NTHR; i++)
		t[i] = 0.2 + i * delta;
}

int
cx_tune_cutoffs(int task, double c[CX_TUNE_NCUT])
{
	int n = 0;

	for (int i = task == cx_task_id("Lung Lesion") ? 1 : 0; i < CX_TUNE_NCUT; i++)
		c[n++] = i * 0.1;
	return n;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Min and max of n floats, four lanes at a time (NaN ignored). */
static void
minmax(const float *m, size_t n, float *mn, float *mx)
{
	__m128 lo = _mm_set1_ps(INFINITY), hi = _mm_set1_ps(-INFINITY);
	float l[4], h[4];
	size_t i = 0;

	for (; i + 4 <= n; i += 4) {
		__m128 v = _mm_loadu_ps(m + i);
		lo = _mm_min_ps(v, lo);		/* the second operand wins on NaN */
		hi = _mm_max_ps(v, hi);
	}
	_mm_storeu_ps(l, lo);
	_mm_storeu_ps(h, hi);
	for (int k = 0; k < 4; k++) {
		if (l[k] < *mn)
			*mn = l[k];
		if (h[k] > *mx)
			*mx = h[k];
	}
	for (; i < n; i++) {
		if (m[i] < *mn)
			*mn = m[i];
		if (m[i] > *mx)
			*mx = m[i];
	}
}

/* pred[k] += number of values >= cut[k], for the 7 cuts; unrolled by hand
 * so that the counters and cuts stay in the 16 SSE registers. */
static void
count_ge(const float *m, size_t n, const float *cut, uint64_t *pred)
{
	size_t i = 0;
	const __m128 c0 = _mm_set1_ps(cut[0]), c1 = _mm_set1_ps(cut[1]),
	    c2 = _mm_set1_ps(cut[2]), c3 = _mm_set1_ps(cut[3]),
	    c4 = _mm_set1_ps(cut[4]), c5 = _mm_set1_ps(cut[5]),
	    c6 = _mm_set1_ps(cut[6]);

	while (i < n) {
		/* Blocks small enough for the 32-bit lane counters. */
		size_t end = n - i > (1u << 28) ? i + (1u << 28) : n;
		__m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, a3 = a0, a4 = a0,
		    a5 = a0, a6 = a0;
		__m128i acc[CX_TUNE_NTHR];
		for (; i + 4 <= end; i += 4) {
			__m128 v = _mm_loadu_ps(m + i);
#define GE(a, c)	a = _mm_sub_epi32(a, _mm_castps_si128(_mm_cmpge_ps(v, c)))
			GE(a0, c0); GE(a1, c1); GE(a2, c2); GE(a3, c3);
			GE(a4, c4); GE(a5, c5); GE(a6, c6);
#undef GE
		}
		acc[0] = a0; acc[1] = a1; acc[2] = a2; acc[3] = a3;
		acc[4] = a4; acc[5] = a5; acc[6] = a6;
		for (int k = 0; k < CX_TUNE_NTHR; k++) {
			uint32_t a[4];
			_mm_storeu_si128((__m128i *)a, acc[k]);
			pred[k] += (uint64_t)a[0] + a[1] + a[2] + a[3];
		}
		for (; i < end; i++)
			for (int k = 0; k < CX_TUNE_NTHR; k++)
				pred[k] += m[i] >= cut[k];
	}
}
#else
static void
minmax(const float *m, size_t n, float *mn, float *mx)
{
	for (size_t i = 0; i < n; i++) {
		if (m[i] < *mn)
			*mn = m[i];
		if (m[i] > *mx)
			*mx = m[i];
	}
}

static void
count_ge(const float *m, size_t n, const float *cut, uint64_t *pred)
{
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < CX_TUNE_NTHR; k++)
			pred[k] += m[i] >= cut[k];
}
#endif

/* Every pixel resized: the fallback for maps holding NaN. */
static void
count_full(const struct cx_heatmap *hm, const struct cx_rle *gt,
    const double *thr, int n, uint64_t *pred, uint64_t *inter)
{
	uint32_t h = hm->cxr_h, w = hm->cxr_w;
	size_t np = (size_t)h * w;
	float *m = cx_xreallocarray(NULL, np ? np : 1, sizeof *m);
	float cut[CX_TUNE_NTHR], mn = INFINITY, mx = -INFINITY, d;
	uint64_t p[CX_TUNE_NTHR] = {0}, in[CX_TUNE_NTHR + 1] = {0};
	uint64_t hist[CX_TUNE_NTHR + 1] = {0};
	struct cx_resize rz;

	if (n > CX_TUNE_NTHR)
		n = CX_TUNE_NTHR;
	cx_resize_init(&rz, hm->map, hm->mh, hm->mw, h, w);
	for (uint32_t y = 0; y < h; y++)
		cx_resize_row(&rz, y, m + (size_t)y * w);
	cx_resize_fini(&rz);
	minmax(m, np, &mn, &mx);
	/* max(m - min) is (max - min) rounded: subtraction is monotone. A
	 * constant map gives 0/0 = NaN everywhere, which passes nothing. */
	d = mx - mn;
	for (int k = 0; k < n; k++)
		cut[k] = d > 0 ? cx_h2s_raw_cut(mn, mx, (float)thr[k]) : INFINITY;
	for (int k = n; k < CX_TUNE_NTHR; k++)
		cut[k] = INFINITY;
	count_ge(m, np, cut, p);
	/* The GT's runs are column-major: walk each run down its columns. */
	{
		size_t pos = 0;
		for (size_t r = 1; r < gt->n; r += 2) {
			size_t s = pos + gt->counts[r - 1], e = s + gt->counts[r];
			uint32_t x = (uint32_t)(s / h), y = (uint32_t)(s % h);
			for (size_t q = s; q < e; q++) {
				float v = m[(size_t)y * w + x];
				int c = 0;
				while (c < CX_TUNE_NTHR && v >= cut[c])
					c++;
				hist[c]++;
				if (++y == h) {
					y = 0;
					x++;
				}
			}
			pos = e;
		}
	}
	/* inter[k]: GT pixels passing cut k = those in classes above k. */
	for (int c = CX_TUNE_NTHR - 1; c >= 0; c--)
		in[c] = in[c + 1] + hist[c + 1];
	for (int k = 0; k < n; k++) {
		pred[k] = p[k];
		inter[k] = in[k];
	}
	free(m);
}

/* Output rows (or columns) that share their two source indices. */
struct bands {
	size_t		 n;
	uint32_t	*start;		/* n + 1 entries */
};

static void
bands_make(struct bands *b, const uint32_t *i0, const uint32_t *i1, uint32_t out)
{
	b->start = cx_xreallocarray(NULL, (size_t)out + 1, sizeof *b->start);
	b->n = 0;
	for (uint32_t d = 0; d < out; d++)
		if (d == 0 || i0[d] != i0[d - 1] || i1[d] != i1[d - 1])
			b->start[b->n++] = d;
	b->start[b->n] = out;
}

static inline int
cls_of(float v, const float *cut)
{
	int c = 0;

	while (c < CX_TUNE_NTHR && v >= cut[c])
		c++;
	return c;
}

/* Bounds of a block's values: a nonnegative weighting of its four source
 * corners whose weights sum to 1 within a few float32 roundings, so within
 * [lo, hi] widened by far less than the slack used here. */
static void
block_bounds(const struct cx_resize *r, uint32_t y, uint32_t x, float *blo, float *bhi)
{
	const float *a = r->in + (size_t)r->y0[y] * r->iw, *b = r->in + (size_t)r->y1[y] * r->iw;
	float v[4] = { a[r->x0[x]], a[r->x1[x]], b[r->x0[x]], b[r->x1[x]] };
	float lo = v[0], hi = v[0], s;

	for (int k = 1; k < 4; k++) {
		lo = v[k] < lo ? v[k] : lo;
		hi = v[k] > hi ? v[k] : hi;
	}
	s = 1e-5f * (fabsf(lo) > fabsf(hi) ? fabsf(lo) : fabsf(hi)) + 1e-30f;
	*blo = lo - s;
	*bhi = hi + s;
}

/* The resized map is made of blocks (output rows and columns between the same
 * two source rows and columns). Exact minimum and maximum come from the few
 * blocks whose bounds reach past a value already seen; then a block whose
 * bounds fall in one class (between two consecutive cuts) is filled without
 * computing its pixels, and only blocks straddling a cut are computed, with
 * the exact torch arithmetic. */
void
cx_tune_count(const struct cx_heatmap *hm, const struct cx_rle *gt,
    const double *thr, int n, uint64_t *pred, uint64_t *inter)
{
	uint32_t h = hm->cxr_h, w = hm->cxr_w;
	size_t np = (size_t)h * w;
	struct cx_resize rz;
	struct bands rb, cb;
	float mn = INFINITY, mx = -INFINITY, d, cut[CX_TUNE_NTHR];
	float blo_min = INFINITY, bhi_max = -INFINITY;
	size_t imin = 0, imax = 0;
	uint64_t hp[CX_TUNE_NTHR + 1] = {0}, hist[CX_TUNE_NTHR + 1] = {0};
	uint64_t in[CX_TUNE_NTHR + 1] = {0};
	uint8_t *cls;

	if (n > CX_TUNE_NTHR)
		n = CX_TUNE_NTHR;
	for (size_t i = 0; i < (size_t)hm->mh * hm->mw; i++)
		if (hm->map[i] != hm->map[i]) {
			count_full(hm, gt, thr, n, pred, inter);
			return;
		}
	cx_resize_init(&rz, hm->map, hm->mh, hm->mw, h, w);
	bands_make(&rb, rz.y0, rz.y1, h);
	bands_make(&cb, rz.x0, rz.x1, w);
	/* Block bounds, and the blocks most likely to hold the extremes. */
	float *lo = cx_xreallocarray(NULL, rb.n * cb.n + 1, sizeof *lo);
	float *hi = cx_xreallocarray(NULL, rb.n * cb.n + 1, sizeof *hi);
	for (size_t i = 0; i < rb.n; i++)
		for (size_t j = 0; j < cb.n; j++) {
			size_t k = i * cb.n + j;
			block_bounds(&rz, rb.start[i], cb.start[j], &lo[k], &hi[k]);
			if (lo[k] < blo_min) {
				blo_min = lo[k];
				imin = k;
			}
			if (hi[k] > bhi_max) {
				bhi_max = hi[k];
				imax = k;
			}
		}
	/* Seed the extremes with those blocks' exact values, then visit every
	 * block that could still beat them. */
	for (int pass = 0; pass < 3; pass++)
		for (size_t k = 0; k < rb.n * cb.n; k++) {
			int want = pass == 0 ? (k == imin || k == imax) :
			    pass == 1 ? 0 : (lo[k] <= mn || hi[k] >= mx);
			if (pass == 1 || !want)
				continue;
			size_t i = k / cb.n, j = k % cb.n;
			for (uint32_t y = rb.start[i]; y < rb.start[i + 1]; y++)
				for (uint32_t x = cb.start[j]; x < cb.start[j + 1]; x++) {
					float v = cx_resize_px(&rz, y, x);
					mn = v < mn ? v : mn;
					mx = v > mx ? v : mx;
				}
		}
	d = mx - mn;
	for (int k = 0; k < n; k++)
		cut[k] = d > 0 ? cx_h2s_raw_cut(mn, mx, (float)thr[k]) : INFINITY;
	for (int k = n; k < CX_TUNE_NTHR; k++)
		cut[k] = INFINITY;
	cls = cx_xmalloc(np ? np : 1);
	for (size_t i = 0; i < rb.n; i++)
		for (size_t j = 0; j < cb.n; j++) {
			size_t k = i * cb.n + j;
			uint32_t y0 = rb.start[i], y1 = rb.start[i + 1];
			uint32_t x0 = cb.start[j], x1 = cb.start[j + 1];
			int c = cls_of(lo[k], cut);
			if (c == cls_of(hi[k], cut)) {
				for (uint32_t y = y0; y < y1; y++)
					memset(cls + (size_t)y * w + x0, c, x1 - x0);
				hp[c] += (uint64_t)(y1 - y0) * (x1 - x0);
				continue;
			}
			for (uint32_t y = y0; y < y1; y++)
				for (uint32_t x = x0; x < x1; x++) {
					int cc = cls_of(cx_resize_px(&rz, y, x), cut);
					cls[(size_t)y * w + x] = (uint8_t)cc;
					hp[cc]++;
				}
		}
	cx_rle_count_under(gt, cls, hist);
	for (int c = CX_TUNE_NTHR - 1; c >= 0; c--) {
		in[c] = in[c + 1] + hist[c + 1];
		hp[c] += hp[c + 1];	/* now: pixels in class > c */
	}
	for (int k = 0; k < n; k++) {
		pred[k] = hp[k + 1];
		inter[k] = in[k];
	}
	free(cls);
	free(lo);
	free(hi);
	free(rb.start);
	free(cb.start);
	cx_resize_fini(&rz);
}

int
cx_tune_prob(const struct cx_heatmap *hm, const struct cx_rle *gt, int task,
    double *iou, struct cx_err *err)
{
	struct cx_h2s_opts o = { .otsu = 1 };
	struct cx_rle seg;
	double cut[CX_TUNE_NCUT];
	uint64_t sa, ga = gt ? cx_rle_area(gt) : 0, in = 0, un = 0;
	int n = cx_tune_cutoffs(task, cut), keep[CX_TUNE_NCUT], any = 0;

	if (!hm->has_prob)
		return cx_err_set(err, "no model probability (prob) in this heatmap");
	for (int k = 0; k < n; k++) {
		/* Kept when prob > cutoff. A probability from a float32 tensor
		 * is compared by torch in float32, the cutoff rounded to float:
		 * 0.6f is not above 0.6000000000000001. */
		keep[k] = hm->prob_f32 ? (float)hm->prob > (float)cut[k] : hm->prob > cut[k];
		any |= keep[k];
	}
	if (!any)
		sa = 0;		/* never kept: no segmentation needed */
	else {
		cx_h2s_segment(hm, hm->cxr_h, hm->cxr_w, &o, &seg);
		sa = cx_rle_area(&seg);
		if (sa != 0 && ga != 0)
			cx_rle_inter_union(&seg, gt, &in, &un);
		cx_rle_fini(&seg);
	}
	if (in == 0 && un == 0)
		un = sa + ga;
	for (int k = 0; k < n; k++) {
		uint64_t i = keep[k] ? in : 0, u = keep[k] ? un : ga;
		iou[k] = u == 0 ? NAN : (double)i / (double)u;
	}
	return 0;
}
