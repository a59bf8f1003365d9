/* studylist: visible rows, their order and the cursor. */
#include "studylist.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "labels.h"
#include "xalloc.h"

const char *const studylist_fkind_names[FK_N] = { "positive", "GT present", "prediction present" };

void
studylist_init(struct studylist *l, const struct model *m, const double *thr,
    const struct workers *w, const struct marks *marks)
{
	memset(l, 0, sizeof *l);
	l->m = m;
	l->thr = thr;
	l->w = w;
	l->marks = marks;
	l->pfilter = -1;
	l->sort = SL_COL_ID;
}

void
studylist_fini(struct studylist *l)
{
	free(l->vis);
	l->vis = NULL;
	l->nvis = 0;
}

long
studylist_current(const struct studylist *l)
{
	return l->nvis ? (long)l->vis[l->sel] : -1;
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

/* ---- the columns ---- */

/* The marker: the most severe review mark of the CXR (with a pathology
 * filter: of that pathology and the CXR as a whole), '*' for a note. */
static void
mark_of(const struct studylist *l, size_t i, int *kind, int *note)
{
	*kind = MARK_NONE;
	*note = 0;
	if (l->marks)
		marks_summary(l->marks, l->m->ds.cxr[i].id, l->pfilter >= 0 ? l->pfilter : MARK_CXR,
		    kind, note);
}

static double
num_mark(const struct studylist *l, size_t i)
{
	int kind, note;

	mark_of(l, i, &kind, &note);
	return kind ? kind + note * 0.5 : note ? 0.5 : NAN;
}

static void
cell_mark(const struct studylist *l, size_t i, char *b, size_t n)
{
	static const char letter[MARK_NKINDS] = { ' ', 'o', 'G', 'M' };
	int kind, note;

	mark_of(l, i, &kind, &note);
	snprintf(b, n, "%c%s", letter[kind], note ? "*" : "");
}

static void
cell_id(const struct studylist *l, size_t i, char *b, size_t n)
{
	const struct cx_ds_cxr *c = &l->m->ds.cxr[i];

	if (c->patient && c->study && c->view)
		snprintf(b, n, "%s/%s/%s", c->patient, c->study, c->view);
	else
		snprintf(b, n, "%s", c->id);
}

static double
num_pos(const struct studylist *l, size_t i)
{
	return l->m->row[i].gt_pos;
}

static void
cell_pos(const struct studylist *l, size_t i, char *b, size_t n)
{
	snprintf(b, n, "%d", l->m->row[i].gt_pos);
}

static void
cell_worst(const struct studylist *l, size_t i, char *b, size_t n)
{
	double v = studylist_worst(l, i);

	if (isnan(v))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%.3f", v);
}

/* Misses are known once the hit/miss worker has done the row. */
static double
num_miss(const struct studylist *l, size_t i)
{
	if (model_shown_points(l->m))
		return studylist_misses(l, i);
	return l->m->heat < 0 || !l->m->row[i].hits_done ? NAN : studylist_misses(l, i);
}

static void
cell_miss(const struct studylist *l, size_t i, char *b, size_t n)
{
	if (!model_has_hits(l->m))
		b[0] = 0;
	else if (!l->m->row[i].hits_done && !model_shown_points(l->m))
		snprintf(b, n, ".");
	else
		snprintf(b, n, "%d", studylist_misses(l, i));
}

/* Two or more methods: the method shown minus the baseline (worst first). */
static int
diff_on(const struct studylist *l)
{
	return l->m->meth.n >= 2;
}

int
studylist_col_on(const struct studylist *l, int c)
{
	return c >= 0 && c < SL_NCOLS && (studylist_cols[c].on == NULL || studylist_cols[c].on(l));
}

static void
cell_diff(const struct studylist *l, size_t i, char *b, size_t n)
{
	double v = studylist_diff(l, i);

	if (isnan(v))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%+.3f", v);
}

const struct studylist_col studylist_cols[SL_NCOLS] = {
	[SL_COL_MARK] = { "mk", NULL, "mark", 2, 1, num_mark, cell_mark, NULL },
	[SL_COL_ID] = { "CXR", NULL, "id", 0, 0, NULL, cell_id, NULL },
	[SL_COL_POS] = { "pos", NULL, "positives", 3, 1, num_pos, cell_pos, NULL },
	[SL_COL_WORST] = { "worst", "IoU", "worst IoU", 5, 0, studylist_worst, cell_worst, NULL },
	[SL_COL_MISS] = { "miss", NULL, "misses", 4, 1, num_miss, cell_miss, NULL },
	[SL_COL_DIFF] = { "diff", NULL, "method - baseline IoU", 6, 0, studylist_diff, cell_diff,
	    diff_on },
};

/* ---- order ---- */

/* qsort_r is not POSIX: the list being sorted and its rows' keys
 * (computed once per row, not per comparison), for the duration of one
 * qsort (the event loop is the only caller). */
static const struct studylist *sorting;
static const double *sort_key;

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct studylist *l = sorting;
	size_t i = *(const size_t *)pa, j = *(const size_t *)pb;
	int c = 0, dir = l->desc ? -1 : 1;

	if (sort_key) {
		double x = sort_key[i], y = sort_key[j];
		/* nothing (NaN) last, whichever the direction */
		if (isnan(x) || isnan(y))
			c = isnan(x) - isnan(y);
		else
			c = dir * ((x > y) - (x < y));
	}
	if (c)
		return c;
	c = strcmp(l->m->ds.cxr[i].id, l->m->ds.cxr[j].id);
	return sort_key ? c : dir * c;
}

void
studylist_sort_by(struct studylist *l, int c, int reverse)
{
	if (c < 0 || c >= SL_NCOLS)
		return;
	if (reverse && c == l->sort)
		l->desc = !l->desc;
	else {
		l->sort = c;
		l->desc = studylist_cols[c].desc;
	}
	studylist_rebuild(l, 1);
}

static int
row_visible(const struct studylist *l, size_t i)
{
	const struct model_row *r = &l->m->row[i];

	if (l->filter[0] && !studylist_id_has(l->m->ds.cxr[i].id, l->filter))
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
	double *key = NULL;
	if (studylist_cols[l->sort].num) {
		key = cx_xmalloc((n ? n : 1) * sizeof *key);
		for (size_t k = 0; k < l->nvis; k++)
			key[l->vis[k]] = studylist_cols[l->sort].num(l, l->vis[k]);
	}
	sorting = l;
	sort_key = key;
	qsort(l->vis, l->nvis, sizeof *l->vis, cmp_rows);
	sorting = NULL;
	sort_key = NULL;
	free(key);
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

int
studylist_id_has(const char *id, const char *s)
{
	size_t n = strlen(s);

	for (; *id; id++)
		if (strncasecmp(id, s, n) == 0)
			return 1;
	return n == 0;
}

int
studylist_search(struct studylist *l, const char *s, size_t from, int dir, int incl,
    size_t *nth, size_t *count)
{
	size_t n = l->nvis, found = n, cnt = 0, k;

	*nth = *count = 0;
	if (n == 0 || !s[0])
		return 0;
	if (from >= n)
		from = 0;
	/* from itself first (incl) or last (a search again from a match) */
	for (size_t step = !incl; step < n + !incl; step++) {
		k = dir > 0 ? (from + step) % n : (from + n - step % n) % n;
		if (studylist_id_has(l->m->ds.cxr[l->vis[k]].id, s)) {
			found = k;
			break;
		}
	}
	if (found == n)
		return 0;
	for (k = 0; k < n; k++)
		if (studylist_id_has(l->m->ds.cxr[l->vis[k]].id, s)) {
			cnt++;
			if (k == found)
				*nth = cnt;
		}
	*count = cnt;
	if (found != l->sel)
		l->last_dir = found < l->sel ? -1 : 1;
	l->sel = found;
	return 1;
}

int
studylist_jump_id(struct studylist *l, const char *s, int *hidden)
{
	size_t n = strlen(s);

	*hidden = 0;
	if (n == 0)
		return 0;
	for (int exact = 1; exact >= 0; exact--) {
		for (size_t k = 0; k < l->nvis; k++) {
			const char *id = l->m->ds.cxr[l->vis[k]].id;
			if (exact ? strcmp(id, s) == 0 : strncasecmp(id, s, n) == 0) {
				if (k != l->sel)
					l->last_dir = k < l->sel ? -1 : 1;
				l->sel = k;
				return 1;
			}
		}
	}
	for (size_t i = 0; i < l->m->ds.n; i++)
		if (strncasecmp(l->m->ds.cxr[i].id, s, n) == 0)
			*hidden = 1;
	return 0;
}
