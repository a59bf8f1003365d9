/* regress: regression_pathology_features.py — ordinary least squares of a
 * localization metric on each (min-max normalized) pathology feature, pooled
 * over the pathologies, with the slope's 95% CI and Bonferroni-marked
 * p-value; plus the Student t distribution it needs. */
#ifndef CX_REGRESS_H
#define CX_REGRESS_H

#include <stddef.h>
#include <stdio.h>

#include "csvread.h"
#include "err.h"

/* Regularized incomplete beta I_x(a, b), a, b > 0, 0 <= x <= 1. */
double	cx_regress_betainc(double a, double b, double x);
/* Student t with df degrees of freedom: P(T > t), and the p-quantile. */
double	cx_regress_t_sf(double t, double df);
double	cx_regress_t_ppf(double p, double df);

struct cx_ols {
	size_t	n;		/* pairs used (both values finite) */
	double	slope, lower, upper, pval;	/* 95% CI; two-sided p-value */
};

/* statsmodels' OLS y ~ x (with intercept) over the pairs where neither is
 * NaN. A constant x is rank-deficient: the minimum-norm (pinv) solution is
 * used, as statsmodels does. Fewer than 3 pairs give NaNs. */
void	cx_regress_ols(const double *x, const double *y, size_t n, struct cx_ols *r);

enum { CX_REG_NINST, CX_REG_AREA, CX_REG_ELONG, CX_REG_IRRECT, CX_REG_NFEAT };
enum { CX_REG_PRED_IOU, CX_REG_IOU_DIFF, CX_REG_PRED_HITMISS, CX_REG_HITMISS_DIFF,
	CX_REG_NY };

/* Feature names as the reference prints them, and output file stems. */
extern const char *const cx_regress_feature_names[CX_REG_NFEAT];
extern const char *const cx_regress_y_names[CX_REG_NY];

/* The per-CXR tables, read by the caller; name[] are the file names for
 * errors. feat: num_instances, area_ratio, elongation, rec_area_ratio.
 * res: pred IoU, hb IoU, pred hit/miss, hb hit/miss (the hb ones may have
 * nrow == 0 / be NULL when the human benchmark is not evaluated). */
struct cx_regress_in {
	const struct cx_csvread	*feat[CX_REG_NFEAT];
	const char		*feat_name[CX_REG_NFEAT];
	const struct cx_csvread	*pred_iou, *hb_iou, *pred_hit, *hb_hit;
	const char		*pred_iou_name, *hb_iou_name, *pred_hit_name, *hb_hit_name;
};

struct cx_regress_out {
	int		has[CX_REG_NY];			/* which y were computed */
	struct cx_ols	r[CX_REG_NY][CX_REG_NFEAT];
	int		realigned;	/* positional alignment would differ */
	size_t		unmatched;	/* feature rows missing from a result CSV */
	char		unmatched_first[256];
};

/* Run every regression. Errors: a missing img_id or pathology column, a
 * field that is not a number, feature tables that disagree (file:line). */
int	cx_regress_features(const struct cx_regress_in *in, struct cx_regress_out *out,
	    struct cx_err *err);
/* Write the reference's regression_features_<y>.csv for one y. */
void	cx_regress_write(const struct cx_regress_out *out, int y, FILE *fp);

#endif
