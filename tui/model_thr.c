/* model_thr: live thresholds for the whole dataset (model.h): one
 * pathology's heatmaps, the dataset's or the heatmap method shown's,
 * binarized at several thresholds as segment --maps --thresholds does, and
 * reduced to pixel counts per ground-truth row. */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "h2s.h"
#include "mapseg.h"
#include "tune.h"
#include "xalloc.h"

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
model_thr_count(const struct model *m, int task, const double *thr, int nthr, int all,
    struct model_thrcounts *out, atomic_int *cancel,
    void (*progress)(void *ctx, size_t done, size_t total), void *ctx)
{
	return model_thr_count_src(m, -1, task, thr, nthr, all, out, cancel, progress, ctx);
}

int
model_thr_count_src(const struct model *m, int src, int task, const double *thr, int nthr,
    int all, struct model_thrcounts *out, atomic_int *cancel,
    void (*progress)(void *ctx, size_t done, size_t total), void *ctx)
{
	const struct cx_segfile *g = m->gtf;
	float tf[MODEL_THR_MAX];
	int k0;

	memset(out, 0, sizeof *out);
	out->task = task;
	out->src = src;
	if (nthr > MODEL_THR_MAX)
		nthr = MODEL_THR_MAX;
	/* Ascending and distinct as float32 (what the comparison sees), so that
	 * a pixel's class (thresholds passed) says which masks hold it. */
	memcpy(out->thr, thr, (size_t)nthr * sizeof *thr);
	qsort(out->thr, (size_t)nthr, sizeof *out->thr, cmp_double);
	for (int k = 0; k < nthr; k++)
		if (out->nthr == 0 || (float)out->thr[k] != tf[out->nthr - 1]) {
			out->thr[out->nthr] = out->thr[k];
			tf[out->nthr++] = (float)out->thr[k];
		}
	k0 = out->nthr;
	out->complete = all;
	out->n = g ? g->n : 0;
	out->pred = cx_xcalloc(out->n * (size_t)k0 + 1, sizeof *out->pred);
	out->inter = cx_xcalloc(out->n * (size_t)k0 + 1, sizeof *out->inter);
	out->ga = cx_xcalloc(out->n + 1, sizeof *out->ga);
	out->npx = cx_xcalloc(out->n + 1, sizeof *out->npx);
	for (size_t r = 0; r < out->n; r++) {
		const struct cx_segentry *e = cx_segscan_at(g, r);
		const struct cx_rle *gm = &e->m[task];
		long i = cx_dataset_find(&m->ds, e->id);
		const char *path = i >= 0 ? model_heat_path(m, src, (size_t)i, task) : NULL;
		uint64_t *pred = out->pred + r * (size_t)k0, *inter = out->inter + r * (size_t)k0;
		struct cx_heatmap hm;
		struct cx_err err = { 0 };
		uint32_t fh, fw;

		if (cancel && atomic_load(cancel))
			return -1;
		if (progress && r % 4 == 0)
			progress(ctx, r, out->n);
		out->ga[r] = e->present[task] ? cx_rle_area(gm) : 0;
		out->npx[r] = (uint64_t)gm->h * gm->w;
		/* No heatmap: an empty prediction, as a segmentation without
		 * this id or pathology is for eval. Without a GT mask the IoU is
		 * NaN whatever the prediction: only the pixel counts need it. */
		if (!path || (!all && out->ga[r] == 0))
			continue;
		if (cx_heatmap_load(&hm, path, &err) == -1) {
			cx_err_file(&err, path);
			goto bad;
		}
		fh = hm.cxr_h ? hm.cxr_h : gm->h;
		fw = hm.cxr_w ? hm.cxr_w : gm->w;
		if (fh != gm->h || fw != gm->w || hm.mh == 0 || hm.mw == 0) {
			cx_err_set(&err, "%s: image is %ux%u but the ground-truth mask is %ux%u",
			    path, fh, fw, gm->h, gm->w);
			cx_heatmap_fini(&hm);
			goto bad;
		}
		if (model_heat_below_cut(m, src, task, &hm)) {
			cx_heatmap_fini(&hm);
			continue;
		}
		if (k0 == 1) {
			/* One threshold: segment's own path (runs straight to the
			 * RLE, no image), then eval's intersection. */
			struct cx_h2s_opts o = { .otsu = 0, .threshold = tf[0],
			    .threshold64 = out->thr[0] };
			struct cx_rle seg;
			uint64_t in = 0, un;
			cx_mapseg_segment(&hm, fh, fw, &o, &seg);
			cx_heatmap_fini(&hm);
			pred[0] = cx_rle_area(&seg);
			if (pred[0] && out->ga[r])
				cx_rle_inter_union(&seg, gm, &in, &un);
			inter[0] = in;
			cx_rle_fini(&seg);
			continue;
		}
		/* Several: tune's one-pass counts. */
		cx_tune_count(&hm, fh, fw, out->ga[r] ? gm : NULL, out->thr, k0, pred, inter);
		cx_heatmap_fini(&hm);
		continue;
bad:
		if (!out->nerr++)
			cx_err_format(&err, out->err, sizeof out->err);
	}
	if (progress)
		progress(ctx, out->n, out->n);
	return 0;
}

void
model_thrcounts_fini(struct model_thrcounts *c)
{
	free(c->pred);
	free(c->inter);
	free(c->ga);
	free(c->npx);
	memset(c, 0, sizeof *c);
}

int
model_thr_col(const struct model_thrcounts *c, double t)
{
	for (int k = 0; k < c->nthr; k++)
		if ((float)c->thr[k] == (float)t)
			return k;
	return -1;
}

double
model_thr_iou(const struct model_thrcounts *c, size_t r, int k)
{
	return cx_tune_iou(c->pred[r * (size_t)c->nthr + k], c->inter[r * (size_t)c->nthr + k],
	    c->ga[r]);
}

double
model_thr_miou(const struct model_thrcounts *c, int k, size_t *n)
{
	double *v = cx_xmalloc((c->n + 1) * sizeof *v), r;

	*n = 0;
	for (size_t i = 0; i < c->n; i++) {
		v[i] = model_thr_iou(c, i, k);
		*n += !isnan(v[i]);
	}
	r = cx_bootstrap_nanmean(v, c->n, NULL);
	free(v);
	return r;
}

