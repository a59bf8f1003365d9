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

void
cx_tune_count(const struct cx_heatmap *hm, const struct cx_rle *gt,
    const double *thr, int n, uint64_t *pred, uint64_t *inter)
{
	uint32_t h = hm->cxr_h, w = hm->cxr_w;
	size_t np = (size_t)h * w, pos = 0;
	float *m = cx_xreallocarray(NULL, np ? np : 1, sizeof *m);
	float tf[CX_TUNE_NTHR + 1], mn = INFINITY, d = -INFINITY;
	uint64_t hp[CX_TUNE_NTHR + 2] = {0}, hi[CX_TUNE_NTHR + 2] = {0};
	struct cx_resize rz;

	if (n > CX_TUNE_NTHR)
		n = CX_TUNE_NTHR;
	for (int k = 0; k < n; k++)
		tf[k] = (float)thr[k];
	cx_resize_init(&rz, hm->map, hm->mh, hm->mw, h, w);
	for (uint32_t y = 0; y < h; y++)
		cx_resize_row(&rz, y, m + (size_t)y * w);
	cx_resize_fini(&rz);
	for (size_t i = 0; i < np; i++)
		if (m[i] < mn)
			mn = m[i];
	for (size_t i = 0; i < np; i++) {
		float v = m[i] - mn;
		if (v > d)
			d = v;
	}
	/* Normalize in place into "how many thresholds does this pixel pass";
	 * an all-zero map gives 0/0 = NaN, which passes none. */
	for (size_t i = 0; i < np; i++) {
		float v = (m[i] - mn) / d;
		int c = 0;
		while (c < n && v > tf[c])
			c++;
		m[i] = (float)c;
		hp[c]++;
	}
	/* The GT's runs are column-major: pixel p is (p % h, p / h). */
	for (size_t r = 1; r < gt->n; r += 2) {
		size_t s = pos + gt->counts[r - 1], e = s + gt->counts[r];
		for (size_t p = s; p < e; p++)
			hi[(int)m[(p % h) * w + p / h]]++;
		pos = e;
	}
	for (int k = 0; k < n; k++) {
		pred[k] = inter[k] = 0;
		for (int c = k + 1; c <= n; c++) {
			pred[k] += hp[c];
			inter[k] += hi[c];
		}
	}
	free(m);
}

int
cx_tune_prob(const struct cx_heatmap *hm, const struct cx_rle *gt, int task,
    double *iou, struct cx_err *err)
{
	struct cx_h2s_opts o = { .otsu = 1 };
	struct cx_rle seg;
	double cut[CX_TUNE_NCUT];
	uint64_t sa, ga = gt ? cx_rle_area(gt) : 0, in = 0, un = 0;
	int n = cx_tune_cutoffs(task, cut);

	if (!hm->has_prob)
		return cx_err_set(err, "no model probability (prob) in this heatmap");
	cx_h2s_segment(hm, hm->cxr_h, hm->cxr_w, &o, &seg);
	sa = cx_rle_area(&seg);
	if (gt != NULL && sa != 0 && ga != 0)
		cx_rle_inter_union(&seg, gt, &in, &un);
	else
		un = sa + ga;
	cx_rle_fini(&seg);
	for (int k = 0; k < n; k++) {
		/* Kept when prob > cutoff. A probability from a float32 tensor
		 * is compared by torch in float32, the cutoff rounded to float:
		 * 0.6f is not above 0.6000000000000001. */
		int keep = hm->prob_f32 ? (float)hm->prob > (float)cut[k] : hm->prob > cut[k];
		uint64_t i = keep ? in : 0, u = keep ? un : ga;
		iou[k] = u == 0 ? NAN : (double)i / (double)u;
	}
	return 0;
}
