/* tune: one resize and one pass over each heatmap scores every threshold. */
#include "tune.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "h2s.h"
#include "mapseg.h"
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
#endif

/* hist[v] += the bytes equal to v: the class image is mostly long runs (whole
 * blocks filled at once), so scan runs sixteen bytes at a time. */
static void
byte_hist(const uint8_t *p, size_t n, uint64_t *hist)
{
	size_t i = 0;

	while (i < n) {
		uint8_t v = p[i];
		size_t j = i + 1;
#if defined(__SSE2__)
		__m128i b = _mm_set1_epi8((char)v);
		while (j + 16 <= n) {
			unsigned eq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			    _mm_loadu_si128((const __m128i *)(const void *)(p + j)), b));
			if (eq != 0xffffu) {
				j += (size_t)__builtin_ctz(~eq);
				break;
			}
			j += 16;
		}
#endif
		while (j < n && p[j] == v)
			j++;
		hist[v] += j - i;
		i = j;
	}
}

/* A pixel's class is the number of thresholds it passes (cx_h2s_classify:
 * only the resize blocks that straddle a threshold are computed); the counts
 * above threshold k are then those of the classes above k. */
void
cx_tune_count(const struct cx_heatmap *hm, uint32_t h, uint32_t w, const struct cx_rle *gt,
    const double *thr, int n, uint64_t *pred, uint64_t *inter)
{
	size_t np = (size_t)h * w;
	uint64_t hp[256] = {0}, hg[256] = {0};
	uint8_t *cls;

	if (n > CX_TUNE_MAXTHR)
		n = CX_TUNE_MAXTHR;
	cls = cx_xmalloc(np ? np : 1);
	/* A constant map (0/0) leaves every class 0: empty masks. */
	cx_mapseg_classify(hm, h, w, thr, n, cls);
	byte_hist(cls, np, hp);
	if (gt != NULL)
		cx_rle_count_under(gt, cls, hg);
	free(cls);
	for (int c = n - 1; c >= 0; c--) {
		hp[c] += hp[c + 1];
		hg[c] += hg[c + 1];
	}
	for (int k = 0; k < n; k++) {
		pred[k] = hp[k + 1];
		inter[k] = hg[k + 1];
	}
}

double
cx_tune_iou(uint64_t pred, uint64_t inter, uint64_t ga)
{
	if (pred == 0 || ga == 0)
		return NAN;
	return (double)inter / (double)(pred + ga - inter);
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
		keep[k] = cx_heatmap_prob_above(hm, cut[k]);
		any |= keep[k];
	}
	if (!any)
		sa = 0;		/* never kept: no segmentation needed */
	else {
		cx_mapseg_segment(hm, hm->cxr_h, hm->cxr_w, &o, &seg);
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
