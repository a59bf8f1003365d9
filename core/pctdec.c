/* pctdec: calculate_percentage_decrease.py's arithmetic, to the digit. */
#include "pctdec.h"

#include <math.h>
#include <stdlib.h>

#include "bootstrap.h"
#include "fmt.h"
#include "regress.h"
#include "xalloc.h"

double
cx_pctdec_rowmean(const double *const *col, int ncol, size_t r, int anynan)
{
	double v[CX_NTASKS] = {0}, sum = 0;
	int cnt = 0;

	if (ncol > CX_NTASKS)
		ncol = CX_NTASKS;
	for (int k = 0; k < ncol; k++) {
		v[k] = col[k][r];
		if (isnan(v[k]))
			v[k] = 0;
		else
			cnt++;
	}
	if (anynan)
		sum = cx_bootstrap_pairwise_sum(v, (size_t)ncol);
	else
		for (int k = 0; k < ncol; k++)
			sum += v[k];
	return cnt ? sum / cnt : NAN;
}

static int
row_cmp(const void *pa, const void *pb)
{
	const struct cx_pctdec_row *a = pa, *b = pb;

	/* Descending, NaN last, ties in LOCALIZATION_TASKS order (stable). */
	if (isnan(a->pct) || isnan(b->pct)) {
		if (isnan(a->pct) && isnan(b->pct))
			return a->task - b->task;
		return isnan(a->pct) ? 1 : -1;
	}
	if (a->pct != b->pct)
		return a->pct > b->pct ? -1 : 1;
	return a->task - b->task;
}

void
cx_pctdec_compute(const double *const *h, const double *const *p, const int *task,
    int ncol, size_t nrep, int h_anynan, int p_anynan, struct cx_pctdec *out)
{
	struct cx_pctdec_row *rows = out->row;
	double *d = cx_xreallocarray(NULL, nrep ? nrep : 1, sizeof *d);
	double hv[CX_NTASKS], pv[CX_NTASKS];
	struct cx_ci ci;

	if (ncol > CX_NTASKS)
		ncol = CX_NTASKS;
	out->nrow = ncol;
	for (int k = 0; k < ncol; k++) {
		for (size_t r = 0; r < nrep; r++)
			d[r] = cx_fdiv(h[k][r] - p[k][r], h[k][r]);
		cx_bootstrap_ci(d, nrep, 1, &ci);
		rows[k].task = task[k];
		rows[k].hb = cx_bootstrap_nanmean(h[k], nrep, NULL);
		rows[k].pred = cx_bootstrap_nanmean(p[k], nrep, NULL);
		rows[k].pct = cx_round_np(cx_fdiv(rows[k].hb - rows[k].pred, rows[k].hb) * 100, 3);
		/* Rounded to 3 decimals before the x100, as the reference does. */
		rows[k].lo = cx_round_np(ci.lower * 100, 3);
		rows[k].hi = cx_round_np(ci.upper * 100, 3);
	}
	qsort(rows, (size_t)ncol, sizeof rows[0], row_cmp);
	for (int k = 0; k < ncol; k++) {
		hv[k] = rows[k].hb;
		pv[k] = rows[k].pred;
	}
	out->avg_pred = cx_round_np(cx_bootstrap_nanmean(pv, (size_t)ncol, NULL), 3);
	out->avg_hb = cx_round_np(cx_bootstrap_nanmean(hv, (size_t)ncol, NULL), 3);
	out->avg_pct = cx_round_np(cx_fdiv(out->avg_hb - out->avg_pred, out->avg_hb) * 100, 3);
	for (size_t r = 0; r < nrep; r++) {
		double ah = cx_pctdec_rowmean(h, ncol, r, h_anynan);
		double ap = cx_pctdec_rowmean(p, ncol, r, p_anynan);
		d[r] = cx_fdiv(100 * (ah - ap), ah);
	}
	cx_bootstrap_ci(d, nrep, 1, &ci);
	out->avg_lo = ci.lower;
	out->avg_hi = ci.upper;
	free(d);
}
