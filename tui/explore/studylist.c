/* studylist: visible rows, their order and the cursor. */
#include "studylist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"
#include "xalloc.h"

const char *const studylist_sort_names[SORT_N] = { "id", "worst IoU", "positives", "misses",
	"method - baseline IoU" };
const char *const studylist_fkind_names[FK_N] = { "positive", "GT present", "prediction present" };

void
studylist_init(struct studylist *l, const struct model *m, const double *thr,
    const struct workers *w)
{
	memset(l, 0, sizeof *l);
	l->m = m;
	l->thr = thr;
	l->w = w;
	l->pfilter = -1;
}

void
studylist_fini(struct studylist *l)
{
	free(l->vis);
	free(l->dval);
	l->vis = NULL;
	l->dval = NULL;
	l->nvis = 0;
}

long
studylist_current(const struct studylist *l)
{
	return l->nvis ? (long)l->vis[l->sel] : -1;
}

static int
cmp_nan_last(double x, double y)
{
	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return x < y ? -1 : x > y;
}

/* Row i's IoU for pathology t: at its live threshold once the worker has
 * counted it (the same exact counts as the plot and the statistics), else
 * the dataset's predictions'. */
double
studylist_iou(const struct studylist *l, size_t i, int t)
{
	const struct model_thrcounts *c;
	const struct cx_segentry *g;
	int col;

	if (isnan(l->thr[t]) || l->m->gtf == NULL ||
	    (c = workers_thr_find(l->w, t, l->thr[t], &col, 0)) == NULL)
		return l->m->row[i].iou[t];
	if ((g = model_gt(l->m, i)) == NULL)
		return NAN;
	return model_thr_iou(c, (size_t)(g - l->m->gtf->e), col);
}

/* With a pathology filter the list is about that pathology: "the ten worst
 * Cardiomegaly localizations" sort by the Cardiomegaly IoU, and failing means
 * its IoU below the bound or its miss. */
double
studylist_worst(const struct studylist *l, size_t i)
{
	double w = NAN;

	if (l->pfilter >= 0)
		return studylist_iou(l, i, l->pfilter);
	for (int t = 0; t < CX_NTASKS; t++) {
		double v = studylist_iou(l, i, t);
		if (!isnan(v) && (isnan(w) || v < w))
			w = v;
	}
	return w;
}

int
studylist_misses(const struct studylist *l, size_t i)
{
	return l->pfilter >= 0 ? l->m->row[i].hit[l->pfilter] == 0 : l->m->row[i].misses;
}

double
studylist_diff(const struct studylist *l, size_t i)
{
	int t = l->pfilter >= 0 ? l->pfilter : l->dtask;
	double iou[CX_NTASKS], area[CX_NTASKS];

	if (l->m->meth.n < 2)
		return NAN;
	model_pred_numbers(l->m, i, l->m->meth.base, iou, area);
	return studylist_iou(l, i, t) - iou[t];
}

int
studylist_failing(const struct studylist *l, size_t i)
{
	double w = studylist_worst(l, i);

	return (!isnan(w) && w < l->m->fail_iou) || studylist_misses(l, i) > 0;
}

/* qsort_r is not POSIX: the list being sorted, for the duration of one qsort
 * (the event loop is the only caller). */
static const struct studylist *sorting;

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct studylist *l = sorting;
	size_t i = *(const size_t *)pa, j = *(const size_t *)pb;
	const struct model_row *x = &l->m->row[i], *y = &l->m->row[j];
	int c = 0, mi, mj;

	switch (l->sort) {
	case SORT_WORST:
		c = cmp_nan_last(studylist_worst(l, i), studylist_worst(l, j));
		break;
	case SORT_POS:
		c = (y->gt_pos > x->gt_pos) - (y->gt_pos < x->gt_pos);
		break;
	case SORT_DIFF:
		c = cmp_nan_last(l->dval[i], l->dval[j]);
		break;
	case SORT_MISSES:
		mi = studylist_misses(l, i);
		mj = studylist_misses(l, j);
		c = (mj > mi) - (mj < mi);
		break;
	default:
		break;
	}
	return c ? c : strcmp(l->m->ds.cxr[i].id, l->m->ds.cxr[j].id);
}

static int
row_visible(const struct studylist *l, size_t i)
{
	const struct model_row *r = &l->m->row[i];

	if (l->filter[0] && !strstr(l->m->ds.cxr[i].id, l->filter))
		return 0;
	if (l->failing_only && !studylist_failing(l, i))
		return 0;
	if (l->pfilter >= 0) {
		int t = l->pfilter;
		switch (l->fkind) {
		case FK_POSITIVE:
			if (!(r->label[t] == CX_LABEL_POS || (r->label[t] == CX_LABEL_NONE
			    && r->gt_area[t] > 0)))
				return 0;
			break;
		case FK_GT:
			if (!(r->gt_area[t] > 0))
				return 0;
			break;
		case FK_PRED:
			if (!(r->pred_area[t] > 0))
				return 0;
			break;
		default:
			break;
		}
	}
	return 1;
}

int
studylist_rebuild(struct studylist *l, int keep)
{
	long cur = keep ? studylist_current(l) : -1;
	size_t n = l->m->ds.n;

	free(l->vis);
	l->vis = cx_xmalloc((n ? n : 1) * sizeof *l->vis);
	l->nvis = 0;
	for (size_t i = 0; i < n; i++)
		if (row_visible(l, i))
			l->vis[l->nvis++] = i;
	if (l->sort == SORT_DIFF) {
		free(l->dval);
		l->dval = cx_xmalloc((n ? n : 1) * sizeof *l->dval);
		for (size_t k = 0; k < l->nvis; k++)
			l->dval[l->vis[k]] = studylist_diff(l, l->vis[k]);
	}
	sorting = l;
	qsort(l->vis, l->nvis, sizeof *l->vis, cmp_rows);
	sorting = NULL;
	l->sel = 0;
	if (cur >= 0)
		for (size_t k = 0; k < l->nvis; k++)
			if ((long)l->vis[k] == cur)
				l->sel = k;
	return studylist_current(l) != cur;
}

int
studylist_move(struct studylist *l, long d)
{
	long n = (long)l->nvis, s = (long)l->sel + d;

	if (n == 0)
		return 0;
	if (s < 0)
		s = 0;
	if (s >= n)
		s = n - 1;
	if ((size_t)s == l->sel)
		return 0;
	l->last_dir = s < (long)l->sel ? -1 : 1;
	l->sel = (size_t)s;
	return 1;
}

int
studylist_select(struct studylist *l, size_t k)
{
	if (k >= l->nvis || k == l->sel)
		return 0;
	l->sel = k;
	return 1;
}

int
studylist_jump_failing(struct studylist *l, int dir)
{
	for (long k = (long)l->sel + dir; k >= 0 && k < (long)l->nvis; k += dir)
		if (studylist_failing(l, l->vis[k])) {
			l->sel = (size_t)k;
			return 1;
		}
	return 0;
}
