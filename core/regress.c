/* regress: the feature regressions of regression_pathology_features.py and
 * the model-probability regressions of regression_model_assurance.py.
 *
 * The reference fits statsmodels OLS per (metric, feature) on the rows of
 * every pathology pooled together, prints slope and 95% CI rounded to 3
 * decimals (NumPy rounding: they are numpy floats) and marks the p-value
 * times 4 (Bonferroni over the four features) with *, ** or ***. It also
 * computes Spearman correlations but drops them from its output, so they
 * are not computed there. The model-assurance script keeps them: Spearman
 * follows SciPy's arithmetic step by step (see cx_regress_spearman). */
#include "regress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "tasks.h"
#include "xalloc.h"

const char *const cx_regress_feature_names[CX_REG_NFEAT] = {
	"n_instance", "area_ratio", "elongation", "irrectangularity",
};
const char *const cx_regress_y_names[CX_REG_NY] = {
	"pred_iou", "iou_diff", "pred_hitmiss", "hitmiss_diff",
};

/* ---- Student t ---- */

/* One step of the modified Lentz method with coefficient num: updates c and
 * d (kept away from 0) and returns the step's factor d * c. */
static double
lentz_step(double num, double *c, double *d)
{
	const double tiny = 1e-300;

	*d = 1 + num * *d;
	*c = 1 + num / *c;
	if (fabs(*d) < tiny)
		*d = tiny;
	if (fabs(*c) < tiny)
		*c = tiny;
	*d = 1 / *d;
	return *d * *c;
}

/* Continued fraction of I_x(a, b) (modified Lentz), good for
 * x < (a + 1) / (a + b + 2). */
static double
beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double c = 1, d = 1 - (a + b) * x / (a + 1), f;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	f = d;
	for (int m = 1; m < 10000; m++) {
		double delta;

		/* even step */
		f *= lentz_step(m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)), &c, &d);
		/* odd step */
		delta = lentz_step(-(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
		    &c, &d);
		f *= delta;
		if (fabs(delta - 1) < 1e-16)
			break;
	}
	return f;
}

double
cx_regress_betainc(double a, double b, double x)
{
	double lfront;

	if (isnan(a) || isnan(b) || isnan(x) || a <= 0 || b <= 0 || x < 0 || x > 1)
		return NAN;
	if (x == 0 || x == 1)
		return x;
	lfront = a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b));
	if (x < (a + 1) / (a + b + 2))
		return exp(lfront) * beta_cf(a, b, x) / a;
	return 1 - exp(lfront) * beta_cf(b, a, 1 - x) / b;
}

double
cx_regress_t_sf(double t, double df)
{
	double tail;

	if (isnan(t) || isnan(df) || df <= 0)
		return NAN;
	if (isinf(t))
		return t > 0 ? 0 : 1;
	/* P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2) */
	tail = 0.5 * cx_regress_betainc(df / 2, 0.5, df / (df + t * t));
	return t > 0 ? tail : 1 - tail;
}

double
cx_regress_t_ppf(double p, double df)
{
	double lo = 0, hi = 1, q;

	if (isnan(p) || isnan(df) || df <= 0 || p < 0 || p > 1)
		return NAN;
	if (p == 0.5)
		return 0;
	if (p < 0.5)
		return -cx_regress_t_ppf(1 - p, df);
	if (p == 1)
		return INFINITY;
	q = 1 - p;
	/* bracket, then bisect to the last bit: called a few times per run */
	while (cx_regress_t_sf(hi, df) > q && hi < 1e300)
		hi *= 2;
	for (int i = 0; i < 2000; i++) {
		double mid = lo + (hi - lo) / 2;
		if (mid <= lo || mid >= hi)
			break;
		if (cx_regress_t_sf(mid, df) > q)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2;
}

/* ---- OLS ---- */

void
cx_regress_ols(const double *x, const double *y, size_t n, struct cx_ols *r)
{
	long double sx = 0, sy = 0, mx, my, sxx = 0, sxy = 0, syy = 0, ssr = 0;
	double b, var, se, df, q, c = NAN;
	size_t m = 0;
	int constant = 1;

	r->n = 0;
	r->slope = r->lower = r->upper = r->pval = NAN;
	for (size_t i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i]))
			continue;
		if (m == 0)
			c = x[i];
		else if (x[i] != c)
			constant = 0;
		sx += x[i];
		sy += y[i];
		m++;
	}
	r->n = m;
	if (m == 0)
		return;
	mx = sx / m;
	my = sy / m;
	for (size_t i = 0; i < n; i++) {
		long double dx, dy;
		if (isnan(x[i]) || isnan(y[i]))
			continue;
		dx = x[i] - mx;
		dy = y[i] - my;
		sxx += dx * dx;
		sxy += dx * dy;
		syy += dy * dy;
	}
	if (constant) {
		/* design [1, c] has rank 1: pinv gives (1, c) * mean(y) / (1 + c^2),
		 * the fit is mean(y) and df_resid = n - 1 */
		double k = 1 + c * c;
		b = (double)(c * my / k);
		df = (double)m - 1;
		var = df > 0 ? (double)(syy / df) * (c * c / ((double)m * k * k)) : NAN;
	} else {
		long double a, bl = sxy / sxx;
		b = (double)bl;
		a = my - bl * mx;
		for (size_t i = 0; i < n; i++) {
			long double e;
			if (isnan(x[i]) || isnan(y[i]))
				continue;
			e = y[i] - a - bl * x[i];
			ssr += e * e;
		}
		df = (double)m - 2;
		var = df > 0 ? (double)(ssr / df / sxx) : NAN;
	}
	r->slope = b;
	se = sqrt(var);
	q = cx_regress_t_ppf(0.975, df);
	r->lower = b - q * se;
	r->upper = b + q * se;
	r->pval = 2 * cx_regress_t_sf(fabs(cx_fdiv(b, se)), df);
}

/* ---- Spearman ---- */

struct rank_ent {
	double	v;
	size_t	i;
};

static int
rank_cmp(const void *a, const void *b)
{
	const struct rank_ent *x = a, *y = b;

	if (x->v < y->v)
		return -1;
	if (x->v > y->v)
		return 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Average ranks (1-based; ties get the mean of their ranks, which is a
 * multiple of 1/2 and exact). v holds no NaN. */
static void
avg_ranks(const double *v, size_t n, double *rk, struct rank_ent *e)
{
	for (size_t i = 0; i < n; i++)
		e[i] = (struct rank_ent){ v[i], i };
	qsort(e, n, sizeof *e, rank_cmp);
	for (size_t lo = 0, hi; lo < n; lo = hi + 1) {
		for (hi = lo; hi + 1 < n && e[hi + 1].v == e[lo].v; hi++)
			;
		for (size_t k = lo; k <= hi; k++)
			rk[e[k].i] = (double)(lo + hi + 2) / 2;
	}
}

static int
all_equal_no_nan(const double *v, size_t n)
{
	/* NumPy's (a[0] == a).all(): a NaN anywhere makes it false */
	for (size_t i = 0; i < n; i++)
		if (!(v[i] == v[0]))
			return 0;
	return 1;
}

void
cx_regress_spearman(const double *a, const double *b, size_t n, struct cx_spearman *s)
{
	double *ra, *rb, *xa, *xb, ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0, r, den, v, t;
	struct rank_ent *e;
	size_t m = 0, dof;
	int hasnan = 0, nonzero = 0;

	s->n = 0;
	s->r = s->pval = NAN;
	if (n <= 1 || all_equal_no_nan(a, n) || all_equal_no_nan(b, n))
		return;
	for (size_t i = 0; i < n; i++)
		if (isnan(a[i]) || isnan(b[i]))
			hasnan = 1;
	xa = cx_xreallocarray(NULL, n, sizeof *xa);
	xb = cx_xreallocarray(NULL, n, sizeof *xb);
	/* With a NaN SciPy hands over to scipy.stats.mstats, which masks every
	 * invalid value (NaN and infinities) pairwise; without, all rows count. */
	for (size_t i = 0; i < n; i++) {
		if (hasnan && (!isfinite(a[i]) || !isfinite(b[i])))
			continue;
		xa[m] = a[i];
		xb[m] = b[i];
		if (a[i] != 0 || b[i] != 0)
			nonzero = 1;
		m++;
	}
	s->n = m;
	/* mstats: no pair, or only zeros, gives NaN; fewer than 2 pairs is
	 * SciPy's "at least 3 entries" error, NaN here */
	if (hasnan && (!nonzero || m < 2)) {
		free(xa);
		free(xb);
		return;
	}
	ra = cx_xreallocarray(NULL, m, sizeof *ra);
	rb = cx_xreallocarray(NULL, m, sizeof *rb);
	e = cx_xreallocarray(NULL, m, sizeof *e);
	avg_ranks(xa, m, ra, e);
	avg_ranks(xb, m, rb, e);
	for (size_t i = 0; i < m; i++) {
		ma += ra[i];
		mb += rb[i];
	}
	/* rank sums are m(m+1)/2: the means and the centred ranks are exact,
	 * and so are the sums of their products (quarters), in any order */
	ma /= (double)m;
	mb /= (double)m;
	for (size_t i = 0; i < m; i++) {
		double da = ra[i] - ma, db = rb[i] - mb;
		saa += da * da;
		sbb += db * db;
		sab += da * db;
	}
	if (!hasnan) {
		/* numpy.corrcoef: c *= 1/(m-1); c[1,0] / sd[1] / sd[0]; clip */
		double inv = cx_fdiv(1.0, (double)m - 1);
		r = cx_fdiv(cx_fdiv(sab * inv, sqrt(sbb * inv)), sqrt(saa * inv));
		if (r > 1)
			r = 1;
		else if (r < -1)
			r = -1;
	} else {
		/* numpy.ma.corrcoef: c = S / m; c[1,0] / sqrt(c[0,0] * c[1,1]);
		 * a masked (zero) denominator leaves c[1,0], which is 0 */
		double caa = saa / (double)m, cbb = sbb / (double)m, cab = sab / (double)m;
		den = sqrt(cbb * caa);
		r = den == 0 ? cab : cab / den;
	}
	s->r = r;
	/* t = r sqrt(dof / ((r+1)(1-r))), negatives clipped to 0, NaN kept */
	dof = m - 2;
	v = cx_fdiv((double)dof, (r + 1.0) * (1.0 - r));
	if (isnan(v))
		t = NAN;
	else
		t = r * sqrt(v < 0 ? 0 : v);
	s->pval = isnan(t) || dof == 0 ? NAN : 2 * cx_regress_t_sf(fabs(t), (double)dof);
	free(ra);
	free(rb);
	free(e);
	free(xa);
	free(xb);
}

void
cx_regress_fisher_ci(double r, size_t n, double *lo, double *hi)
{
	double delta, z;

	if (n <= 3 || isnan(r)) {
		*lo = *hi = NAN;
		return;
	}
	/* as the reference: 1.96 * (1.0 / sqrt(n - 3)); atanh(+/-1) is
	 * +/-inf here (the reference stops) and tanh brings back +/-1 */
	delta = 1.96 * (1.0 / sqrt((double)(n - 3)));
	z = atanh(r);
	*lo = tanh(z - delta);
	*hi = tanh(z + delta);
}

/* ---- the tables ---- */

struct idx {
	const char	*id;
	size_t		 row;
};

static int
idx_cmp(const void *a, const void *b)
{
	return strcmp(((const struct idx *)a)->id, ((const struct idx *)b)->id);
}

/* A table with its img_id index and pathology columns. */
struct tab {
	const struct cx_csvread	*t;
	const char		*name;
	struct idx		*ix;		/* sorted by id */
	int			 col[CX_NTASKS];
	int			 idcol;
};

/* err may carry the name of a file read earlier: name this one. */
static void
stamp(struct cx_err *err, const char *name)
{
	err->file[0] = '\0';
	cx_err_file(err, name);
}

static int
tab_open(struct tab *tb, const struct cx_csvread *t, const char *name,
    struct cx_err *err)
{
	memset(tb, 0, sizeof *tb);
	tb->t = t;
	tb->name = name;
	tb->idcol = cx_csvread_col(t, "img_id");
	if (tb->idcol < 0) {
		stamp(err, name);
		return cx_err_at(err, "1", "no img_id column");
	}
	for (int k = 0; k < CX_NTASKS; k++)
		tb->col[k] = -1;
	for (size_t c = 0; c < t->ncol; c++) {
		int k = cx_task_id(t->head[c]);
		if (k >= 0 && tb->col[k] < 0)
			tb->col[k] = (int)c;
	}
	for (int k = 0; k < CX_NTASKS; k++)
		if (tb->col[k] < 0) {
			stamp(err, name);
			return cx_err_at(err, "1", "no column \"%s\"", cx_task_names[k]);
		}
	/* every pathology field must be a number, used or not */
	for (size_t r = 0; r < t->nrow; r++)
		for (int k = 0; k < CX_NTASKS; k++) {
			double v;
			if (cx_csvread_pandas(t, r, (size_t)tb->col[k], &v, err) == -1) {
				stamp(err, name);
				return -1;
			}
		}
	tb->ix = cx_xreallocarray(NULL, t->nrow + 1, sizeof *tb->ix);
	for (size_t r = 0; r < t->nrow; r++) {
		tb->ix[r].id = t->cell[r * t->ncol + (size_t)tb->idcol];
		tb->ix[r].row = r;
	}
	qsort(tb->ix, t->nrow, sizeof *tb->ix, idx_cmp);
	for (size_t r = 1; r < t->nrow; r++)
		if (strcmp(tb->ix[r - 1].id, tb->ix[r].id) == 0) {
			char w[32];
			snprintf(w, sizeof w, "%zu", t->line[tb->ix[r].row]);
			stamp(err, name);
			return cx_err_at(err, w, "img_id \"%.100s\" appears twice", tb->ix[r].id);
		}
	return 0;
}

static long
tab_find(const struct tab *tb, const char *id)
{
	struct idx key = { id, 0 }, *hit;

	if (tb->t == NULL)
		return -1;
	hit = bsearch(&key, tb->ix, tb->t->nrow, sizeof *tb->ix, idx_cmp);
	return hit ? (long)hit->row : -1;
}

static int
tab_num(const struct tab *tb, long row, int task, double *v, struct cx_err *err)
{
	if (row < 0) {
		*v = NAN;
		return 0;
	}
	if (cx_csvread_pandas(tb->t, (size_t)row, (size_t)tb->col[task], v, err) == -1) {
		stamp(err, tb->name);
		return -1;
	}
	return 0;
}

static const char *
tab_id(const struct tab *tb, size_t row)
{
	return tb->t->cell[row * tb->t->ncol + (size_t)tb->idcol];
}

/* pandas' min-max normalization, NaN skipped; a constant column is kept. */
static void
normalize(double *v, size_t n)
{
	double mn = NAN, mx = NAN;

	for (size_t i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (isnan(mn) || v[i] < mn)
			mn = v[i];
		if (isnan(mx) || v[i] > mx)
			mx = v[i];
	}
	if (mn == mx)
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = (v[i] - mn) / (mx - mn);
}

int
cx_regress_features(const struct cx_regress_in *in, struct cx_regress_out *out,
    struct cx_err *err)
{
	struct tab feat[CX_REG_NFEAT], res[4];
	const struct cx_csvread *rt[4] = { in->pred_iou, in->hb_iou, in->pred_hit, in->hb_hit };
	const char *rn[4] = { in->pred_iou_name, in->hb_iou_name, in->pred_hit_name,
	    in->hb_hit_name };
	int hb = in->hb_iou != NULL && in->hb_hit != NULL;
	double *x[CX_REG_NFEAT] = { 0 }, *y[CX_REG_NY] = { 0 };
	size_t *pos = NULL, npos = 0, nrows = 0, cap;
	int rc = -1;

	memset(out, 0, sizeof *out);
	memset(feat, 0, sizeof feat);
	memset(res, 0, sizeof res);
	for (int f = 0; f < CX_REG_NFEAT; f++)
		if (tab_open(&feat[f], in->feat[f], in->feat_name[f], err) == -1)
			goto done;
	for (int k = 0; k < 4; k++)
		if (rt[k] != NULL && tab_open(&res[k], rt[k], rn[k], err) == -1)
			goto done;

	/* CXRs with at least one instance of anything (a NaN counts, as in
	 * pandas' eq(0)) */
	pos = cx_xreallocarray(NULL, feat[0].t->nrow + 1, sizeof *pos);
	for (size_t r = 0; r < feat[0].t->nrow; r++) {
		int any = 0;
		for (int k = 0; k < CX_NTASKS; k++) {
			double v;
			if (tab_num(&feat[0], (long)r, k, &v, err) == -1)
				goto done;
			if (!(v == 0))
				any = 1;
		}
		if (any)
			pos[npos++] = r;
	}
	/* the reference pairs these rows with the result rows by position */
	for (int k = 0; k < 4; k++) {
		if (res[k].t == NULL)
			continue;
		if (res[k].t->nrow != npos)
			out->realigned = 1;
		for (size_t i = 0; i < npos && i < res[k].t->nrow; i++)
			if (strcmp(tab_id(&feat[0], pos[i]), tab_id(&res[k], i)) != 0)
				out->realigned = 1;
	}

	cap = npos * CX_NTASKS + 1;
	for (int f = 0; f < CX_REG_NFEAT; f++)
		x[f] = cx_xreallocarray(NULL, cap, sizeof(double));
	for (int j = 0; j < CX_REG_NY; j++)
		y[j] = cx_xreallocarray(NULL, cap, sizeof(double));
	for (int s = 0; s < CX_NTASKS; s++) {
		int t = cx_task_sorted[s];
		for (size_t i = 0; i < npos; i++) {
			const char *id = tab_id(&feat[0], pos[i]);
			double ninst, v[4];
			long fr;

			if (tab_num(&feat[0], (long)pos[i], t, &ninst, err) == -1)
				goto done;
			if (!(ninst > 0))
				continue;
			x[CX_REG_NINST][nrows] = ninst;
			for (int f = 1; f < CX_REG_NFEAT; f++) {
				if ((fr = tab_find(&feat[f], id)) < 0) {
					char w[32];
					snprintf(w, sizeof w, "%zu", feat[0].t->line[pos[i]]);
					stamp(err, feat[0].name);
					cx_err_at(err, w, "img_id \"%.100s\" is not in %s", id,
					    feat[f].name);
					goto done;
				}
				if (tab_num(&feat[f], fr, t, &x[f][nrows], err) == -1)
					goto done;
			}
			x[CX_REG_IRRECT][nrows] = 1 - x[CX_REG_IRRECT][nrows];
			for (int k = 0; k < 4; k++) {
				long rr = tab_find(&res[k], id);
				if (res[k].t != NULL && rr < 0 && out->unmatched++ == 0)
					snprintf(out->unmatched_first, sizeof out->unmatched_first,
					    "%s in %s", id, res[k].name);
				if (tab_num(&res[k], rr, t, &v[k], err) == -1)
					goto done;
			}
			y[CX_REG_PRED_IOU][nrows] = v[0];
			y[CX_REG_IOU_DIFF][nrows] = v[1] - v[0];
			y[CX_REG_PRED_HITMISS][nrows] = v[2];
			y[CX_REG_HITMISS_DIFF][nrows] = v[3] - v[2];
			nrows++;
		}
	}
	for (int f = 0; f < CX_REG_NFEAT; f++)
		normalize(x[f], nrows);
	for (int j = 0; j < CX_REG_NY; j++) {
		out->has[j] = hb || j == CX_REG_PRED_IOU || j == CX_REG_PRED_HITMISS;
		if (!out->has[j])
			continue;
		for (int f = 0; f < CX_REG_NFEAT; f++)
			cx_regress_ols(x[f], y[j], nrows, &out->r[j][f]);
	}
	rc = 0;
done:
	for (int f = 0; f < CX_REG_NFEAT; f++) {
		free(feat[f].ix);
		free(x[f]);
	}
	for (int k = 0; k < 4; k++)
		free(res[k].ix);
	for (int j = 0; j < CX_REG_NY; j++)
		free(y[j]);
	free(pos);
	return rc;
}

/* The reference's significance marks of a (corrected) p-value. */
static const char *
stars(double p)
{
	return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
}

void
cx_regress_write(const struct cx_regress_out *out, int y, FILE *fp)
{
	char b[3][32];

	fputs("task,feature,Linear regression coefficients\n", fp);
	for (int f = 0; f < CX_REG_NFEAT; f++) {
		const struct cx_ols *r = &out->r[y][f];

		fprintf(fp, "Overall,%s,\"%s, (%s, %s)%s\"\n", cx_regress_feature_names[f],
		    cx_fmt_repr(cx_round_np(r->slope, 3), b[0]),
		    cx_fmt_repr(cx_round_np(r->lower, 3), b[1]),
		    cx_fmt_repr(cx_round_np(r->upper, 3), b[2]),
		    stars(r->pval * 4) /* Bonferroni over the four features */);
	}
}

/* ---- model assurance ---- */

static int
prob_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cx_regress_prob *)a)->id,
	    ((const struct cx_regress_prob *)b)->id);
}

static void
ma_row(struct cx_regress_ma_row *row, int task, const double *x, const double *y, size_t n)
{
	row->task = task;
	row->n = n;
	/* statsmodels' y ~ prob; scipy's spearmanr(y, prob) */
	cx_regress_ols(x, y, n, &row->ols);
	cx_regress_spearman(y, x, n, &row->sp);
	cx_regress_fisher_ci(row->sp.r, n, &row->rlo, &row->rhi);
}

int
cx_regress_modelprob(const struct cx_csvread *res, const char *res_name,
    const struct cx_regress_prob *probs, size_t nprobs,
    struct cx_regress_ma_out *out, struct cx_err *err)
{
	struct tab tb;
	const struct cx_regress_prob **pr;
	double *x, *y;
	size_t nr, all;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (tab_open(&tb, res, res_name, err) == -1)
		return -1;
	nr = res->nrow;
	/* the reference pairs the rows with the heatmaps by position; join by id */
	pr = cx_xreallocarray(NULL, nr + 1, sizeof *pr);
	for (size_t i = 0; i < nr; i++) {
		struct cx_regress_prob key = { tab_id(&tb, i), { 0 } };
		int miss = 0;

		pr[i] = nprobs ? bsearch(&key, probs, nprobs, sizeof *probs, prob_cmp) : NULL;
		for (int k = 0; k < CX_NTASKS && !miss; k++)
			miss = pr[i] == NULL || isnan(pr[i]->p[k]);
		if (miss && out->nomap++ == 0)
			snprintf(out->nomap_first, sizeof out->nomap_first, "%s", key.id);
	}
	all = nr * CX_NTASKS;
	x = cx_xreallocarray(NULL, all + 1, sizeof *x);
	y = cx_xreallocarray(NULL, all + 1, sizeof *y);
	for (int s = 0; s < CX_NTASKS; s++) {
		int t = cx_task_sorted[s];
		double *xs = x + (size_t)s * nr, *ys = y + (size_t)s * nr;

		for (size_t i = 0; i < nr; i++) {
			if (tab_num(&tb, (long)i, t, &ys[i], err) == -1)
				goto done;
			xs[i] = pr[i] ? pr[i]->p[t] : NAN;
		}
		ma_row(&out->row[s], t, xs, ys, nr);
	}
	/* Overall: the pathologies' rows one after the other */
	ma_row(&out->row[CX_NTASKS], -1, x, y, all);
	rc = 0;
done:
	free(tb.ix);
	free(pr);
	free(x);
	free(y);
	return rc;
}

void
cx_regress_modelprob_write(const struct cx_regress_ma_out *out, FILE *fp)
{
	char b[7][32];

	fputs("task,n,Linear regression coefficients,Spearman correlations\n", fp);
	for (int s = 0; s <= CX_NTASKS; s++) {
		const struct cx_regress_ma_row *r = &out->row[s];

		/* n is a float column in the reference's frame ("30.0"); the OLS
		 * numbers and r are NumPy floats (NumPy rounding), the Fisher
		 * bounds Python floats (Python rounding) */
		fprintf(fp, "%s,%s,\"%s, (%s, %s)%s\",\"%s, (%s, %s)%s\"\n",
		    r->task < 0 ? "Overall" : cx_task_names[r->task],
		    cx_fmt_repr((double)r->n, b[0]),
		    cx_fmt_repr(cx_round_np(r->ols.slope, 3), b[1]),
		    cx_fmt_repr(cx_round_np(r->ols.lower, 3), b[2]),
		    cx_fmt_repr(cx_round_np(r->ols.upper, 3), b[3]),
		    stars(r->ols.pval) /* Bonferroni factor 1 */,
		    cx_fmt_repr(cx_round_np(r->sp.r, 3), b[4]),
		    cx_fmt_repr(cx_round_py(r->rlo, 3), b[5]),
		    cx_fmt_repr(cx_round_py(r->rhi, 3), b[6]), stars(r->sp.pval));
	}
}
