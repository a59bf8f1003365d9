/* pctdec: the reference's calculate_percentage_decrease.py on two tables of
 * bootstrap replicates (human benchmark and method, as eval writes them): the
 * percentage decrease (hb - pred) / hb per pathology with its 95% interval,
 * and the Average row. pctdec reads the replicates from eval's CSVs, compare
 * from its own bootstrap; both compute here. */
#ifndef CX_PCTDEC_H
#define CX_PCTDEC_H

#include <stddef.h>

#include "tasks.h"

struct cx_pctdec_row {
	int	task;
	double	hb, pred;	/* pandas means of the replicates, unrounded */
	double	pct, lo, hi;	/* percent, rounded as the reference does */
};

struct cx_pctdec {
	int			nrow;		/* the columns given */
	struct cx_pctdec_row	row[CX_NTASKS];	/* descending pct, NaN last, ties in task order */
	double			avg_hb, avg_pred, avg_pct, avg_lo, avg_hi;	/* rounded */
};

/* Column k (k < ncol <= CX_NTASKS: all 10, or the --pathologies of an eval
 * run) of the human benchmark's replicates is h[k][0 .. nrep-1], the
 * method's p[k][...], both of pathology task[k]; columns in the human
 * benchmark file's order. h_anynan (p_anynan): does any replicate of that
 * table hold a NaN (pandas' row mean then sums pairwise). */
void	cx_pctdec_compute(const double *const *h, const double *const *p, const int *task,
	    int ncol, size_t nrep, int h_anynan, int p_anynan, struct cx_pctdec *out);

/* DataFrame.mean(axis=1) of replicate r over ncol columns col[k][r]: pandas
 * copies a frame holding NaN (anynan) into C order (a pairwise sum along the
 * row); without NaN NumPy walks the columns one after another. */
double	cx_pctdec_rowmean(const double *const *col, int ncol, size_t r, int anynan);

#endif
