/* compare: the numbers of `chexplore compare` (cli_compare.c computes them,
 * compare_out.c writes the table, markdown, CSV, JSON and the SVG plot). */
#ifndef UI_COMPARE_H
#define UI_COMPARE_H

#include <stddef.h>
#include <stdio.h>

#include "paired.h"
#include "pctdec.h"
#include "tasks.h"

enum { CMP_IOU, CMP_HIT, CMP_NMETRIC };
#define CMP_AVG		CX_NTASKS	/* the Average row's index */
#define CMP_NROW	(CX_NTASKS + 1)

/* One (method or human benchmark, metric, pathology or Average) cell. */
struct cmp_stat {
	size_t			n;		/* per-CXR values (Average: their sum) */
	double			mean, lower, upper;	/* unrounded */
	int			has_diff;	/* not the baseline, and the baseline has the metric */
	struct cx_paired	diff;		/* this - baseline */
	int			has_pct;	/* a human benchmark of the metric */
	double			pct, pct_lo, pct_hi;	/* pctdec's row (rounded as pctdec) */
};

struct cmp_method {
	const char	*name, *path;
	const char	*input;		/* "segmentation", "heatmaps", "points", "human benchmark" */
	char		 masks[512];	/* heatmaps: "Otsu", "thresholds of FILE", ... */
	int		 has[CMP_NMETRIC];
	struct cmp_stat	 st[CMP_NMETRIC][CMP_NROW];	/* rows in task id order, then Average */
};

struct cmp_result {
	size_t			 nm;		/* methods */
	struct cmp_method	*m;
	int			 base;		/* index of the baseline */
	int			 has_hb[CMP_NMETRIC];
	struct cmp_method	 hb;		/* the human benchmark (no diff, no pct) */
	size_t			 ngt;		/* ground-truth CXRs */
	unsigned long		 seed;
};

extern const char *const cmp_metric_name[CMP_NMETRIC];	/* "iou", "hitrate" */
extern const char *const cmp_metric_title[CMP_NMETRIC];	/* "mIoU", "hit rate" */

/* Writers (compare_out.c). */
enum cmp_format { CMP_TEXT, CMP_MARKDOWN, CMP_CSV, CMP_JSON };
/* The tables (text, markdown), every row (csv) or the JSON on stdout. */
void	cmp_print(const struct cmp_result *r, enum cmp_format f);
/* One metric's rows as CSV (--save-dir's compare_<metric>.csv). */
void	cmp_write_csv(const struct cmp_result *r, int metric, FILE *fp);
/* The forest plot. */
void	cmp_write_svg(const struct cmp_result *r, FILE *fp);

#endif
