/* comparison: the numbers of `chexplore compare`, for the command
 * (tui/cmd/cli_compare.c loads the methods, compare_out.c writes them) and
 * the explorer's comparison screen (tui/explore/view_compare.c), so that
 * both show the same values: per method, metric and pathology eval's n,
 * mean and interval, the paired bootstrap difference from the baseline
 * (core/paired) and pctdec's percentage decrease from a human benchmark
 * (core/pctdec). No terminal; any thread (it reads only what it is given). */
#ifndef UI_COMPARISON_H
#define UI_COMPARISON_H

#include <stddef.h>
#include <stdint.h>

#include "evaluate.h"
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
	/* The pathologies shown and averaged (compare --pathologies): bit per
	 * task id, 0 = all 10. The others' cells are computed but not shown:
	 * a pathology's numbers do not depend on which others are chosen. */
	unsigned		 tasks;
};

extern const char *const cmp_metric_name[CMP_NMETRIC];	/* "iou", "hitrate" */
extern const char *const cmp_metric_title[CMP_NMETRIC];	/* "mIoU", "hit rate" */

/* What one method (or the human benchmark) brings: its per-CXR tables, rows
 * the ground truth's ids in sorted order (eval's tables: tab[k] for each
 * metric in m->has), and what cmp_compute makes of them. */
struct cmp_src {
	struct cmp_method	*m;
	struct cx_evaltab	 tab[CMP_NMETRIC];
	double			*rep[CMP_NMETRIC];	/* CX_NTASKS x nrep, column-major */
	double			*avg[CMP_NMETRIC];	/* nrep Average replicates */
};

/* Fill every res->m[i].st (and res->hb's) from src: nsrc = res->nm + 1, the
 * methods in order and the human benchmark last (its m->has all 0 when
 * there is none); n rows per table. One bootstrap draw of n rows per
 * replicate, seeded with seed, shared by every table (the draws eval makes
 * for each alone), then the differences from src[res->base] and the
 * percentage decreases; the Average rows over res->tasks' pathologies. */
void	cmp_compute(struct cmp_result *res, struct cmp_src *src, size_t nsrc, size_t n,
	    uint32_t seed);
/* Is pathology task (a task id) one of r's (r->tasks)? */
int	cmp_shown(const struct cmp_result *r, int task);
/* Free what cmp_compute and the loader put in s (not s->m). */
void	cmp_src_fini(struct cmp_src *s);
/* x rounded to 3 decimals NumPy's way into b (32 bytes), "-" for NaN; sign:
 * always a sign. How every table shows a value. */
char	*cmp_num3(double x, int sign, char *b);
/* A percentage decrease and its interval as text ("12.3% [4.5, 20.1]"): an
 * undefined value (NaN, e.g. no CXR for the pathology) is "-" as in every
 * other table; an infinite bound (a replicate whose benchmark mean is 0)
 * stays "-inf"/"inf". */
char	*cmp_pct_cell(const struct cmp_stat *s, char *b, size_t n);
/* Does the difference's interval exclude zero? */
int	cmp_excludes_zero(const struct cx_paired *d);

#endif
