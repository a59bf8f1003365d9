/* evaluate: IoU, hit/miss and pixel counts per CXR and pathology, on runs. */
#include "evaluate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imgid.h"
#include "segscan.h"
#include "xalloc.h"

void
cx_evaltab_init(struct cx_evaltab *t, size_t n, char *const *ids)
{
	t->n = n;
	t->id = cx_xcalloc(n ? n : 1, sizeof *t->id);
	for (size_t i = 0; i < n; i++)
		t->id[i] = cx_xstrdup(ids[i]);
	t->v = cx_xreallocarray(NULL, (n ? n : 1) * CX_NTASKS, sizeof *t->v);
	for (size_t i = 0; i < n * CX_NTASKS; i++)
		t->v[i] = NAN;
}

void
cx_evaltab_fini(struct cx_evaltab *t)
{
	for (size_t i = 0; t->id && i < t->n; i++)
		free(t->id[i]);
	free(t->id);
	free(t->v);
	memset(t, 0, sizeof *t);
}

long
cx_evaltab_find(const struct cx_evaltab *t, const char *id)
{
	return cx_imgid_index(t->id, t->n, sizeof *t->id, id);
}

/* The prediction's mask of (e, task), or NULL when it is absent (= empty).
 * A present mask must have the GT's size. */
static int
pred_mask(const struct cx_segentry *e, int task, const struct cx_rle *g,
    const struct cx_rle **out, struct cx_evalnotes *notes, struct cx_err *err)
{
	char where[512];

	*out = NULL;
	if (e == NULL)
		return 0;
	if (!e->present[task]) {
		if (notes)
			notes->missing_task++;
		return 0;
	}
	if (g != NULL && (e->m[task].h != g->h || e->m[task].w != g->w)) {
		snprintf(where, sizeof where, "%.400s/%s/size", e->id, cx_task_names[task]);
		return cx_err_at(err, where, "mask is %ux%u but the ground truth is %ux%u",
		    e->m[task].h, e->m[task].w, g->h, g->w);
	}
	*out = &e->m[task];
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
cx_evaluate_iou(struct cx_evaltab *t, const struct cx_segfile *gt,
    const struct cx_segfile *pred, int true_pos_only,
    struct cx_evalnotes *notes, struct cx_err *err)
{
	char **ids = cx_xcalloc(gt->n + pred->n + 1, sizeof *ids);
	size_t n = 0;

	/* every mask is read: decode the explorer's lazy files at once */
	cx_segscan_realize(gt);
	cx_segscan_realize(pred);
	for (size_t i = 0; i < gt->n; i++)
		ids[n++] = gt->e[i].id;
	if (!true_pos_only) {
		for (size_t i = 0; i < pred->n; i++)
			if (cx_segfile_find(gt, pred->e[i].id) == NULL)
				ids[n++] = pred->e[i].id;
		qsort(ids, n, sizeof *ids, cmp_str);
	}
	cx_evaltab_init(t, n, ids);
	free(ids);
	for (size_t i = 0; i < t->n; i++) {
		const struct cx_segentry *ge = cx_segfile_find(gt, t->id[i]);
		const struct cx_segentry *pe = cx_segfile_find(pred, t->id[i]);
		for (int task = 0; task < CX_NTASKS; task++) {
			const struct cx_rle *g = ge && ge->present[task] ? &ge->m[task] : NULL;
			const struct cx_rle *p;
			uint64_t ga, pa, in, un;
			if (pred_mask(pe, task, g, &p, ge ? notes : NULL, err) == -1) {
				cx_evaltab_fini(t);
				return -1;
			}
			ga = g ? cx_rle_area(g) : 0;
			pa = p ? cx_rle_area(p) : 0;
			if (true_pos_only ? (ga == 0 || pa == 0) : (ga == 0 && pa == 0))
				continue;
			if (ga == 0 || pa == 0) {
				CX_EVAL_V(t, task, i) = 0.0;
				continue;
			}
			cx_rle_inter_union(p, g, &in, &un);
			CX_EVAL_V(t, task, i) = (double)in / (double)un;
		}
	}
	return 0;
}

double
cx_evaluate_hit(const struct cx_rle *gt, uint32_t row, uint32_t col)
{
	if (cx_rle_get(gt, row, col))
		return 1.0;
	return cx_rle_area(gt) == 0 ? NAN : 0.0;
}

int
cx_evaluate_hitmiss_points(struct cx_evaltab *t, const struct cx_segfile *gt,
    const struct cx_ptfile *pts, struct cx_evalnotes *notes,
    struct cx_err *err)
{
	char **ids = cx_xcalloc(gt->n + 1, sizeof *ids);

	cx_segscan_realize(gt);
	for (size_t i = 0; i < gt->n; i++)
		ids[i] = gt->e[i].id;
	cx_evaltab_init(t, gt->n, ids);
	free(ids);
	for (size_t i = 0; i < gt->n; i++) {
		const struct cx_segentry *ge = &gt->e[i];
		const struct cx_ptentry *pe = cx_points_find(pts, ge->id);
		for (int task = 0; task < CX_NTASKS; task++) {
			const struct cx_rle *g = &ge->m[task];
			if (!ge->present[task] || cx_rle_area(g) == 0)
				continue;
			CX_EVAL_V(t, task, i) = pe ? cx_points_any_hit(pe, task, g) : 0.0;
			/* Points the reference would read from the far end (or
			 * fail on) are misses here; count them for the note. */
			for (size_t j = 0; pe && notes && j < pe->n[task]; j++) {
				double x = trunc(pe->xy[task][2 * j]), y = trunc(pe->xy[task][2 * j + 1]);
				if (!(x >= 0 && y >= 0 && x < g->w && y < g->h))
					notes->bad_point++;
			}
		}
	}
	return 0;
}

void
cx_evaluate_summarize(const struct cx_evaltab *t, uint32_t seed, double *boot,
    struct cx_evalsum sum[CX_NTASKS])
{
	double *b = boot ? boot :
	    cx_xreallocarray(NULL, CX_BOOTSTRAP_REPLICATES * CX_NTASKS, sizeof *b);
	double *tmp = cx_xreallocarray(NULL, t->n ? t->n : 1, sizeof *tmp);

	cx_bootstrap_run(t->v, t->n, CX_NTASKS, CX_BOOTSTRAP_REPLICATES, seed, b);
	for (int task = 0; task < CX_NTASKS; task++) {
		const double *col = t->v + (size_t)task * t->n;
		sum[task].n = 0;
		for (size_t i = 0; i < t->n; i++)
			sum[task].n += !isnan(col[i]);
		sum[task].mean = cx_bootstrap_nanmean(col, t->n, tmp);
		cx_bootstrap_ci(b + task, CX_BOOTSTRAP_REPLICATES, CX_NTASKS, &sum[task].ci);
	}
	free(tmp);
	if (boot == NULL)
		free(b);
}

int
cx_evaluate_pixels(const struct cx_segfile *gt, const struct cx_segfile *pred,
    struct cx_pixcounts pc[CX_NTASKS], struct cx_evalnotes *notes,
    struct cx_err *err)
{
	memset(pc, 0, CX_NTASKS * sizeof *pc);
	cx_segscan_realize(gt);
	cx_segscan_realize(pred);
	for (size_t i = 0; i < gt->n; i++) {
		const struct cx_segentry *ge = &gt->e[i];
		const struct cx_segentry *pe = cx_segfile_find(pred, ge->id);
		for (int task = 0; task < CX_NTASKS; task++) {
			const struct cx_rle *g = &ge->m[task], *p;
			uint64_t ga, pa, in = 0, un;
			if (pred_mask(pe, task, g, &p, notes, err) == -1)
				return -1;
			ga = cx_rle_area(g);
			pa = p ? cx_rle_area(p) : 0;
			if (p)
				cx_rle_inter_union(p, g, &in, &un);
			else
				un = ga;
			pc[task].tp += in;
			pc[task].fp += pa - in;
			pc[task].fn += ga - in;
			pc[task].tn += (uint64_t)g->h * g->w - un;
		}
	}
	return 0;
}
