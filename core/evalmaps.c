/* evalmaps: heatmap hit/miss over a pthread pool; each item writes only its
 * own table cell, so the workers share nothing mutable. */
#include "evalmaps.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "resize.h"
#include "resize64.h"
#include "segscan.h"
#include "xalloc.h"

struct job {
	const struct cx_segfile		*gt;
	const struct cx_heatmap_list	*l;
	struct cx_evaltab		*t;
	long				*row;	/* table row per heatmap, -1 = skip */
	size_t				*pick;	/* the shard's heatmaps */
	struct cx_err			*errs;	/* one per heatmap */
};

/* Whether output values bounded by source values up to m can be skipped:
 * they stay below lower (a value the map reaches), or cannot beat the best
 * so far (the first maximum keeps its place). 2^-16 relative plus an
 * absolute floor is far above the few ulps the float32 weights can add. */
static int
skip(float m, float lower, int have, float best)
{
	double bound = (double)m + fabs((double)m) * 0x1p-16 + 0x1p-120;

	return bound < (double)lower || (have && bound <= (double)best);
}

/* np.argmax of the resized map, computing only the output rows that can hold
 * the maximum. An output value is a weighted sum of four source values whose
 * float32 weights add up to 1 within a few ulps, so it cannot exceed the
 * larger of its two source rows' maxima by more than a tiny relative slack.
 * Rows whose bound is below a value already seen are skipped; the others are
 * computed exactly as cx_resize_row does, in order, so the first maximum is
 * found as a full scan would. A NaN anywhere: the plain scan decides. */
void
cx_evalmaps_argmax(const float *in, uint32_t ih, uint32_t iw, uint32_t oh, uint32_t ow,
    uint32_t *row, uint32_t *col)
{
	struct cx_resize r;
	float *rmax, *buf, best = 0, lower;
	uint32_t srow = 0, ystart = 0, *gs, ng = 0, cy0 = UINT32_MAX, cy1 = UINT32_MAX;
	float *cm;
	int have = 0;

	rmax = cx_xmalloc((size_t)ih * sizeof *rmax);
	for (uint32_t y = 0; y < ih; y++) {
		float m = in[(size_t)y * iw];
		for (uint32_t x = 0; x < iw; x++) {
			float v = in[(size_t)y * iw + x];
			if (v != v) {
				free(rmax);
				cx_resize_argmax(in, ih, iw, oh, ow, row, col);
				return;
			}
			if (v > m)
				m = v;
		}
		rmax[y] = m;
		if (m > rmax[srow])
			srow = y;
	}
	*row = *col = 0;
	buf = cx_xmalloc((size_t)ow * sizeof *buf);
	cx_resize_init(&r, in, ih, iw, oh, ow);
	/* A lower bound of the maximum: the largest value of an output row
	 * made from the source row holding the source maximum. */
	for (uint32_t y = 0; y < oh; y++)
		if (r.y0[y] == srow || r.y1[y] == srow) {
			ystart = y;
			break;
		}
	cx_resize_row(&r, ystart, buf);
	lower = buf[0];
	for (uint32_t x = 1; x < ow; x++)
		if (buf[x] > lower)
			lower = buf[x];
	/* output columns in groups sharing their two source columns */
	gs = cx_xmalloc(((size_t)ow + 1) * sizeof *gs);
	for (uint32_t x = 0; x < ow; x++)
		if (x == 0 || r.x0[x] != r.x0[x - 1] || r.x1[x] != r.x1[x - 1])
			gs[ng++] = x;
	gs[ng] = ow;
	cm = cx_xmalloc((size_t)iw * sizeof *cm);
	for (uint32_t y = 0; y < oh; y++) {
		float m = rmax[r.y0[y]] > rmax[r.y1[y]] ? rmax[r.y0[y]] : rmax[r.y1[y]];
		uint32_t run0 = 0, run1 = 0;

		if (skip(m, lower, have, best))
			continue;
		/* the same bound per group: the larger source value of each
		 * source column over the two source rows */
		if (r.y0[y] != cy0 || r.y1[y] != cy1) {
			const float *a = in + (size_t)r.y0[y] * iw, *b = in + (size_t)r.y1[y] * iw;
			cy0 = r.y0[y];
			cy1 = r.y1[y];
			for (uint32_t x = 0; x < iw; x++)
				cm[x] = a[x] > b[x] ? a[x] : b[x];
		}
		/* computed spans: runs of groups that can hold the maximum, in
		 * order, so that the first maximum stays the first */
		for (uint32_t g = 0; g <= ng; g++) {
			int need = 0;
			if (g < ng) {
				uint32_t c0 = r.x0[gs[g]], c1 = r.x1[gs[g]];
				float gm = cm[c0] > cm[c1] ? cm[c0] : cm[c1];
				need = !skip(gm, lower, have, best);
			}
			if (need) {
				if (run1 == run0)
					run0 = gs[g];
				run1 = gs[g + 1];
				continue;
			}
			if (run1 == run0)
				continue;
			cx_resize_span(&r, y, run0, run1, buf);
			for (uint32_t x = run0; x < run1; x++)
				if (!have || buf[x - run0] > best) {
					best = buf[x - run0];
					*row = y;
					*col = x;
					have = 1;
				}
			run0 = run1 = 0;
		}
	}
	cx_resize_fini(&r);
	free(cm);
	free(gs);
	free(buf);
	free(rmax);
}

static int
one(size_t i, void *ctx)
{
	struct job *j = ctx;
	struct cx_heatmap hm;
	struct cx_err *err = &j->errs[i];
	const struct cx_rle *g;
	uint32_t row, col;
	long r = j->row[i];
	int task = j->l->task[i];

	if (r < 0)
		return 0;
	if (cx_heatmap_load(&hm, j->l->path[i], err) == -1) {
		cx_err_file(err, j->l->path[i]);
		return -1;
	}
	g = &j->gt->e[r].m[task];
	/* no cxr_dims (.npy, PNG): the ground-truth mask's size */
	if (hm.cxr_w == 0 || hm.cxr_h == 0) {
		hm.cxr_w = g->w;
		hm.cxr_h = g->h;
	}
	if (hm.cxr_w == 0 || hm.cxr_h == 0 || hm.mh == 0 || hm.mw == 0) {
		cx_heatmap_fini(&hm);
		cx_err_file(err, j->l->path[i]);
		return cx_err_set(err, "no image size (cxr_dims) to resize the map to");
	}
	if (hm.cxr_h != g->h || hm.cxr_w != g->w) {
		cx_heatmap_fini(&hm);
		cx_err_file(err, j->l->path[i]);
		return cx_err_at(err, "cxr_dims", "image is %ux%u (cxr_dims) but the ground-truth mask "
		    "is %ux%u", hm.cxr_h, hm.cxr_w, g->h, g->w);
	}
	/* An empty GT mask gives NaN wherever the maximum is. */
	if (cx_rle_area(g) != 0) {
		if (hm.map64 != NULL)	/* torch resizes a double map in double */
			cx_resize64_argmax(hm.map64, hm.mh, hm.mw, hm.cxr_h, hm.cxr_w, &row, &col);
		else
			cx_evalmaps_argmax(hm.map, hm.mh, hm.mw, hm.cxr_h, hm.cxr_w, &row, &col);
		CX_EVAL_V(j->t, task, (size_t)r) = cx_evaluate_hit(g, row, col);
	}
	cx_heatmap_fini(&hm);
	return 0;
}

static int
one_pick(size_t k, void *ctx)
{
	struct job *j = ctx;

	return one(j->pick[k], ctx);
}

int
cx_evalmaps_hitmiss(struct cx_evaltab *t, const struct cx_segfile *gt,
    const struct cx_heatmap_list *l, int shard_k, int shard_n, int nthreads,
    cx_pool_progress progress, void *pctx, unsigned char **covered,
    struct cx_evalnotes *notes, struct cx_err *err)
{
	size_t npick = 0;
	char **ids = cx_xcalloc(gt->n + 1, sizeof *ids);
	unsigned char *seen, *has;
	long *order;

	cx_segscan_realize(gt);	/* the workers read gt->e[] */
	size_t norder = 0, failed;
	struct job j;

	for (size_t i = 0; i < gt->n; i++)
		ids[i] = gt->e[i].id;
	cx_evaltab_init(t, gt->n, ids);
	free(ids);
	seen = cx_xcalloc(gt->n * CX_NTASKS + 1, 1);
	has = cx_xcalloc(gt->n + 1, 1);
	order = cx_xcalloc(gt->n + 1, sizeof *order);
	j = (struct job){ .gt = gt, .l = l, .t = t, .row = cx_xcalloc(l->n + 1, sizeof(long)),
	    .errs = cx_xcalloc(l->n + 1, sizeof(struct cx_err)) };
	/* The reference walks the sorted paths: its rows come in the order of
	 * each id's first heatmap, and a repeated (id, pathology) stops it. */
	for (size_t i = 0; i < l->n; i++) {
		const struct cx_segentry *e;
		long r;
		j.row[i] = -1;
		if (l->task[i] < 0 || (e = cx_segfile_find(gt, l->id[i])) == NULL) {
			notes->skipped++;
			continue;
		}
		r = (long)(e - gt->e);
		if (seen[(size_t)r * CX_NTASKS + (size_t)l->task[i]]++) {
			notes->duplicate++;
			continue;
		}
		if (!has[r]) {
			has[r] = 1;
			order[norder++] = r;
		}
		j.row[i] = r;
	}
	if (shard_n <= 1) {
		notes->missing_id += gt->n - norder;
		for (size_t k = 0; k < norder; k++)
			if (order[k] != (long)k)
				notes->relabeled++;
	}
	j.pick = cx_xcalloc(l->n + 1, sizeof *j.pick);
	if (covered)
		*covered = cx_xcalloc(gt->n * CX_NTASKS + 1, 1);
	for (size_t i = 0; i < l->n; i++) {
		if (shard_n > 1 && (int)(i % (size_t)shard_n) != shard_k - 1)
			continue;
		j.pick[npick++] = i;
		if (covered && j.row[i] >= 0)
			(*covered)[(size_t)l->task[i] * gt->n + (size_t)j.row[i]] = 1;
	}
	failed = cx_pool_run(npick, nthreads, one_pick, &j, progress, pctx);
	if (failed) {
		for (size_t i = 0; i < l->n; i++)
			if (j.errs[i].msg[0]) {
				*err = j.errs[i];
				break;
			}
		cx_evaltab_fini(t);
	}
	if (failed && covered) {
		free(*covered);
		*covered = NULL;
	}
	free(j.row);
	free(j.pick);
	free(j.errs);
	free(seen);
	free(has);
	free(order);
	return failed ? -1 : 0;
}
