/* model_rows: the rows of the model (tui/model.h): each CXR's numbers for
 * the method shown — IoU as eval computes it, GT and predicted areas — and
 * the entries they come from. The numbers of a lazily read file come from its
 * COCO strings (core/rlesrc), not its decoded masks: 10 000 rows at open
 * decode nothing. */
#include "model_rows.h"

#include <math.h>
#include <string.h>

#include "labels.h"
#include "pool.h"
#include "rlesrc.h"
#include "segscan.h"

const struct cx_segentry *
model_gt(const struct model *m, size_t i)
{
	if (!m->gtf)
		return NULL;
	return cx_segfile_find(m->gtf, m->ds.cxr[i].id);
}

const struct cx_segentry *
model_pred(const struct model *m, size_t i, int which)
{
	const struct method *me;

	if (which < 0 || (size_t)which >= m->meth.n)
		return NULL;
	me = &m->meth.m[which];
	switch (me->kind) {
	case METH_MAIN:
		if (m->pred < 0)
			return m->derive && m->row[i].hits_done && m->der[i].h ? &m->der[i] : NULL;
		return cx_segfile_find(&m->ds.file[m->pred].seg, m->ds.cxr[i].id);
	case METH_FILE:
		return cx_segfile_find(&m->ds.file[me->file].seg, m->ds.cxr[i].id);
	default:
		return methods_entry(&m->meth, which, i, m->ds.cxr[i].id);
	}
}

/* Does method k have a mask of every CXR it names (a file: a CXR it lacks is
 * an empty prediction), rather than masks still being derived? */
int
model_method_is_file(const struct model *m, int k)
{
	const struct method *me = &m->meth.m[k];

	if (k < 0 || (size_t)k >= m->meth.n)
		return 0;
	return me->kind == METH_FILE || me->kind == METH_SEG || (me->kind == METH_MAIN
	    && m->pred >= 0);
}

int
model_shown_points(const struct model *m)
{
	return m->shown >= 0 && (size_t)m->shown < m->meth.n &&
	    m->meth.m[m->shown].kind == METH_POINTS;
}

int
model_has_hits(const struct model *m)
{
	return m->heat >= 0 || model_shown_points(m);
}

/* Row i's hit: the salient-point method shown, else the heatmaps'. */
void
model_row_hits(struct model *m, size_t i)
{
	struct model_row *r = &m->row[i];

	if (model_shown_points(m))
		methods_points_hits(&m->meth.m[m->shown], m->ds.cxr[i].id, model_gt(m, i), r->hit);
	else
		memcpy(r->hit, r->heat_hit, sizeof r->hit);
}

void
model_row_summary(struct model_row *r)
{
	r->worst = NAN;
	r->misses = 0;
	for (int t = 0; t < CX_NTASKS; t++) {
		if (!isnan(r->iou[t]) && (isnan(r->worst) || r->iou[t] < r->worst))
			r->worst = r->iou[t];
		if (r->hit[t] == 0)
			r->misses++;
	}
}

/* An entry of CXR i, where its masks are: a lazy file's entry by index (its
 * masks read from the file's strings, not decoded), or an entry in memory
 * (f NULL). e NULL when there is none. */
struct entref {
	const struct cx_segfile	*f;
	size_t			 k;
	const struct cx_segentry *e;
};

static void
ref_in(const struct cx_segfile *f, const char *id, struct entref *r)
{
	long k = f && f->lazy ? cx_segfile_index(f, id) : -1;

	memset(r, 0, sizeof *r);
	if (f && f->lazy) {
		if (k >= 0) {
			r->f = f;
			r->k = (size_t)k;
			r->e = &f->e[k];
		}
	} else if (f)
		r->e = cx_segfile_find(f, id);
}

/* model_gt / model_pred without decoding a lazy file's masks. */
static void
gt_ref(const struct model *m, size_t i, struct entref *r)
{
	ref_in(m->gtf, m->ds.cxr[i].id, r);
}

static void
pred_ref(const struct model *m, size_t i, int which, struct entref *r)
{
	const struct method *me;

	memset(r, 0, sizeof *r);
	if (which < 0 || (size_t)which >= m->meth.n)
		return;
	me = &m->meth.m[which];
	if ((me->kind == METH_MAIN && m->pred >= 0) || me->kind == METH_FILE)
		ref_in(&m->ds.file[me->kind == METH_MAIN ? m->pred : me->file].seg,
		    m->ds.cxr[i].id, r);
	else
		r->e = model_pred(m, i, which);
}

static void
ref_mask(const struct entref *r, int t, struct cx_rlesrc *s)
{
	if (r->f)
		cx_segscan_mask(r->f, r->k, t, s);
	else
		cx_rlesrc_of_rle(s, &r->e->m[t]);
}

/* IoU and predicted area of method which on CXR i, and (gt_area not NULL)
 * the GT's areas and positive count from the same reading of its masks. */
static void
numbers(const struct model *m, size_t i, int which, double iou[CX_NTASKS],
    double area[CX_NTASKS], double *gt_area, int *gt_pos)
{
	struct entref g, p;
	int f = model_method_is_file(m, which);

	gt_ref(m, i, &g);
	pred_ref(m, i, which, &p);
	for (int t = 0; t < CX_NTASKS; t++) {
		struct cx_rlesrc gs, ps;
		uint64_t ga = 0, pa = 0, in, un;
		iou[t] = area[t] = NAN;
		if (g.e) {
			ref_mask(&g, t, &gs);
			ga = gs.area;
			if (gt_area) {
				gt_area[t] = (double)ga / ((double)gs.h * gs.w);
				*gt_pos += ga > 0;
			}
		}
		if (p.e) {
			ref_mask(&p, t, &ps);
			pa = ps.area;
			area[t] = (double)pa / ((double)ps.h * ps.w);
		} else if (f)
			area[t] = 0;
		/* eval's default: true-positive-only IoU, NaN when either mask is
		 * empty (a missing prediction is empty). */
		if (g.e && p.e && ga && pa && gs.h == ps.h && gs.w == ps.w) {
			cx_rlesrc_inter_union(&gs, &ps, &in, &un);
			iou[t] = un ? (double)in / (double)un : NAN;
		}
	}
}

void
model_pred_numbers(const struct model *m, size_t i, int which, double iou[CX_NTASKS],
    double area[CX_NTASKS])
{
	numbers(m, i, which, iou, area, NULL, NULL);
}

void
model_row_compute(struct model *m, size_t i)
{
	struct model_row *r = &m->row[i];
	const struct cx_labelrow *lr = m->ds.cxr[i].labels;

	r->gt_pos = 0;
	for (int t = 0; t < CX_NTASKS; t++) {
		r->hit[t] = r->prob[t] = r->gt_area[t] = NAN;
		if (!r->hits_done)
			r->heat_hit[t] = NAN;
		r->label[t] = lr ? cx_labels_task(lr, t) : CX_LABEL_NONE;
	}
	numbers(m, i, m->shown, r->iou, r->pred_area, r->gt_area, &r->gt_pos);
	model_row_hits(m, i);
	model_row_summary(r);
}

/* The rows' numbers of the method shown, CXRs split over a few threads
 * (each row is its own; they only read the model): the first screen's
 * table at 10 000 CXRs. */
#define ROWS_CHUNK	256

static int
rows_chunk(size_t k, void *ctx)
{
	struct model *m = ctx;

	for (size_t i = k * ROWS_CHUNK; i < m->ds.n && i < (k + 1) * ROWS_CHUNK; i++)
		if (m->rows_all)
			model_row_compute(m, i);
		else {
			model_pred_numbers(m, i, m->shown, m->row[i].iou, m->row[i].pred_area);
			model_row_hits(m, i);
			model_row_summary(&m->row[i]);
		}
	return 0;
}

static void
rows_run(struct model *m, int all)
{
	int nt = cx_pool_cores() < 4 ? cx_pool_cores() : 4;

	m->rows_all = all;
	cx_pool_run((m->ds.n + ROWS_CHUNK - 1) / ROWS_CHUNK, nt, rows_chunk, m, NULL, NULL);
	m->rows_nmeth = m->meth.n;
}

void
model_rows_compute(struct model *m)
{
	rows_run(m, 1);
}

void
model_show(struct model *m, int k)
{
	/* the rows follow the method shown all along (derived masks update
	 * them as they come): nothing to do unless a method was added since */
	if (k == m->shown && m->meth.n == m->rows_nmeth)
		return;
	m->shown = k;
	rows_run(m, 0);
}
