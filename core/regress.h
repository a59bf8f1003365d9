/* regress: regression_pathology_features.py — ordinary least squares of a
 * localization metric on each (min-max normalized) pathology feature, pooled
 * over the pathologies, with the slope's 95% CI and Bonferroni-marked
 * p-value; regression_model_assurance.py — the same metric against the
 * model's probability per pathology, with Spearman's correlation and its
 * Fisher-z CI; plus the Student t distribution they need. */
#ifndef CX_REGRESS_H
#define CX_REGRESS_H

#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "csvread.h"
#include "err.h"
#include "tasks.h"

/* Regularized incomplete beta I_x(a, b), a, b > 0, 0 <= x <= 1. */
/* a / b as IEEE 754 gives it (what numpy computes), without a division by
 * zero (which UBSan reports): x/0 is +-inf by the signs, 0/0 and NaN/0 NaN. */
static inline double
cx_fdiv(double a, double b)
{
	if (b != 0 || isnan(b))
		return a / b;
	if (a == 0 || isnan(a))
		return NAN;
	return signbit(a) != signbit(b) ? -INFINITY : INFINITY;
}

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

/* Spearman's rank correlation of a and b as scipy.stats.spearmanr(a, b,
 * nan_policy='omit') computes it (SciPy 1.10, NumPy 1.24), bit for bit up to
 * the t tail: average ranks for ties; r from NumPy's corrcoef when no value
 * is NaN, else from numpy.ma's over the pairs where neither is NaN or
 * infinite; two-sided p-value from Student t with (pairs - 2) degrees of
 * freedom. r and pval are NaN for fewer than 2 rows, a constant column
 * without NaN, no pair with a nonzero value, or (where SciPy stops with an
 * error) fewer than 2 pairs; p is NaN for 2 pairs. With NaNs a constant
 * column gives r = 0, p = 1, as SciPy does. n: pairs used. */
struct cx_spearman {
	size_t	n;
	double	r, pval;
};
void	cx_regress_spearman(const double *a, const double *b, size_t n,
	    struct cx_spearman *s);
/* Fisher-z 95% CI of a correlation r over n rows: tanh(atanh(r) -/+
 * 1.96 / sqrt(n - 3)). NaN for n <= 3 or r NaN; r = +/-1 gives +/-1. */
void	cx_regress_fisher_ci(double r, size_t n, double *lo, double *hi);

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

/* ---- model assurance (regression_model_assurance.py) ---- */

/* One CXR's model probabilities (NaN where it has no heatmap). */
struct cx_regress_prob {
	const char	*id;
	double		 p[CX_NTASKS];	/* by task id (tasks.h) */
};

struct cx_regress_ma_row {
	int			task;	/* task id, -1 for Overall */
	size_t			n;	/* rows, NaN included */
	struct cx_ols		ols;
	struct cx_spearman	sp;
	double			rlo, rhi;	/* Fisher CI */
};

struct cx_regress_ma_out {
	/* the pathologies in sorted order, then Overall */
	struct cx_regress_ma_row row[CX_NTASKS + 1];
	size_t	nomap;		/* result rows lacking a heatmap for some pathology */
	char	nomap_first[256];
};

/* Per pathology: y = the result CSV's column (img_id and every pathology
 * required, numbers), x = the probability of the row's img_id (probs sorted
 * by id, no duplicates); then every pathology pooled. Errors name the
 * results file and line. */
int	cx_regress_modelprob(const struct cx_csvread *res, const char *res_name,
	    const struct cx_regress_prob *probs, size_t nprobs,
	    struct cx_regress_ma_out *out, struct cx_err *err);
/* Write the reference's regression_modelprob_<metric>.csv. */
void	cx_regress_modelprob_write(const struct cx_regress_ma_out *out, FILE *fp);

#endif
