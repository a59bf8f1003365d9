/* regress: Student t and incomplete beta against closed forms, OLS and
 * Spearman against hand-computed values, and the regression CSVs against the
 * goldens. */
#include "check.h"
#include "csvread.h"
#include "regress.h"

static void
test_betainc(void)
{
	/* I_x(a, b) for integers is a binomial tail: I_0.4(2, 3) =
	 * P(Bin(4, 0.4) >= 2) = 1 - 0.6^4 - 4 * 0.4 * 0.6^3 */
	CHECK_NEAR(cx_regress_betainc(2, 3, 0.4), 0.5248, 1e-14);
	/* I_x(1, 1) = x; I_x(a, 1) = x^a */
	CHECK_NEAR(cx_regress_betainc(1, 1, 0.3), 0.3, 1e-15);
	CHECK_NEAR(cx_regress_betainc(5, 1, 0.9), pow(0.9, 5), 1e-14);
	/* symmetry I_x(a, b) = 1 - I_{1-x}(b, a), across the switch point */
	CHECK_NEAR(cx_regress_betainc(7.5, 0.5, 0.95) + cx_regress_betainc(0.5, 7.5, 0.05),
	    1.0, 1e-14);
	CHECK(isnan(cx_regress_betainc(-1, 1, 0.5)));
}

static void
test_t_distribution(void)
{
	/* df = 1 is Cauchy: sf(t) = 1/2 - atan(t)/pi */
	CHECK_NEAR(cx_regress_t_sf(1, 1), 0.25, 1e-14);
	CHECK_NEAR(cx_regress_t_sf(-3, 1), 0.5 + atan(3) / M_PI, 1e-14);
	CHECK_NEAR(cx_regress_t_ppf(0.975, 1), tan(M_PI * 0.475), 1e-10);
	/* df = 2: sf(t) = 1/2 - t / (2 sqrt(t^2 + 2)); ppf(p) = (2p - 1) sqrt(2 / (4p(1-p))) */
	CHECK_NEAR(cx_regress_t_sf(2.5, 2), 0.5 - 2.5 / (2 * sqrt(8.25)), 1e-14);
	CHECK_NEAR(cx_regress_t_ppf(0.975, 2), 0.95 * sqrt(2 / (4 * 0.975 * 0.025)), 1e-12);
	/* SciPy's quantiles (cdflib root finding, relative tolerance 1e-8: its
	 * own sf gives 0.025000000000904 there; ours inverts to the last bit) */
	CHECK_NEAR(cx_regress_t_ppf(0.975, 10), 2.2281388519649385, 1e-10);
	CHECK_NEAR(cx_regress_t_ppf(0.975, 30), 2.0422724563012373, 1e-10);
	CHECK_NEAR(cx_regress_t_sf(2.2281388519649385, 10), 0.025000000000904347, 1e-16);
	CHECK_NEAR(cx_regress_t_sf(2, 5), 0.05096973941492914, 1e-16);
	/* large df tends to the normal 1.959963984540054 */
	CHECK_NEAR(cx_regress_t_ppf(0.975, 1e7), 1.959963984540054, 1e-6);
	CHECK_NEAR(cx_regress_t_sf(cx_regress_t_ppf(0.3, 7), 7), 0.7, 1e-13);
	CHECK(cx_regress_t_ppf(0.5, 4) == 0);
	CHECK(isnan(cx_regress_t_sf(1, 0)) && isnan(cx_regress_t_ppf(0.9, -1)));
}

static void
test_ols(void)
{
	/* x = 0..3, y = 1, 3, 2, 5: slope 5.5/5 = 1.1, SSR 2.7, df 2 */
	const double x[] = { 0, 1, 2, 3, NAN, 4 }, y[] = { 1, 3, 2, 5, 9, NAN };
	double se = sqrt(2.7 / 2 / 5), t = 1.1 / se;
	double q = 0.95 * sqrt(2 / (4 * 0.975 * 0.025));
	struct cx_ols r;

	cx_regress_ols(x, y, 6, &r);
	CHECK(r.n == 4);
	CHECK_NEAR(r.slope, 1.1, 1e-14);
	CHECK_NEAR(r.lower, 1.1 - q * se, 1e-12);
	CHECK_NEAR(r.upper, 1.1 + q * se, 1e-12);
	CHECK_NEAR(r.pval, 1 - t / sqrt(t * t + 2), 1e-12);

	/* constant x: statsmodels' pinv solution b = c*mean(y)/(1+c^2),
	 * var(b) = s^2 c^2 / (n (1+c^2)^2) with s^2 = SSR / (n - 1) */
	{
		const double cx[] = { 1, 1, 1 }, cy[] = { 1, 2, 3 };
		double cse = sqrt(1.0 / 12);
		cx_regress_ols(cx, cy, 3, &r);
		CHECK_NEAR(r.slope, 1.0, 1e-15);
		CHECK_NEAR(r.upper, 1.0 + q * cse, 1e-12);
	}
	/* two points: no residual degrees of freedom */
	{
		const double px[] = { 0, 1 }, py[] = { 0, 2 };
		cx_regress_ols(px, py, 2, &r);
		CHECK_NEAR(r.slope, 2.0, 1e-15);
		CHECK(isnan(r.lower) && isnan(r.pval));
	}
}

/* P(T > t) for 3 degrees of freedom, closed form */
static double
t3_sf(double t)
{
	double u = t / sqrt(3);
	return 0.5 - (atan(u) + u / (1 + u * u)) / M_PI;
}

static void
test_spearman_ties(void)
{
	/* b's ranks 1, 2.5, 2.5, 4, 5 against 1..5: centred products sum to
	 * 9.5, squares to 10 and 9.5: r = 9.5 / sqrt(95) = sqrt(0.95);
	 * t = r sqrt(3 / (1 - r^2)) = sqrt(57) */
	const double a[] = { 1, 2, 3, 4, 5 }, b[] = { 10, 20, 20, 30, 50 };
	struct cx_spearman s;

	cx_regress_spearman(a, b, 5, &s);
	CHECK(s.n == 5);
	CHECK_NEAR(s.r, sqrt(0.95), 1e-15);
	CHECK_NEAR(s.pval, 2 * t3_sf(sqrt(57)), 1e-12);
	/* symmetric, and a monotone transform changes nothing */
	cx_regress_spearman(b, a, 5, &s);
	CHECK_NEAR(s.r, sqrt(0.95), 1e-15);
	{
		const double c[] = { -7, 0.5, 0.5, 2e9, 3e9 };
		cx_regress_spearman(a, c, 5, &s);
		CHECK_NEAR(s.r, sqrt(0.95), 1e-15);
	}
}

static void
test_spearman_nan_pairs(void)
{
	/* pairs with a NaN on either side are dropped: (1,5) (2,4) (3,4) (4,2)
	 * (5,1) remain; ranks of b 5, 3.5, 3.5, 2, 1: r = -sqrt(0.95) */
	const double a[] = { 1, NAN, 2, 3, 4, 5, 9 }, b[] = { 5, 1, 4, 4, 2, 1, NAN };
	struct cx_spearman s;

	cx_regress_spearman(a, b, 7, &s);
	CHECK(s.n == 5);
	CHECK_NEAR(s.r, -sqrt(0.95), 1e-15);
	CHECK_NEAR(s.pval, 2 * t3_sf(sqrt(57)), 1e-12);
	/* with a NaN present, infinities are dropped too (numpy.ma masks them) */
	{
		const double ia[] = { 1, NAN, 2, 3, 4, 5, INFINITY }, ib[] = { 5, 1, 4, 4, 2, 1, 0 };
		cx_regress_spearman(ia, ib, 7, &s);
		CHECK(s.n == 5);
		CHECK_NEAR(s.r, -sqrt(0.95), 1e-15);
	}
	/* two pairs: r = -1 exactly, no degrees of freedom for p */
	{
		const double ta[] = { 1, 2, NAN }, tb[] = { 3, 1, 2 };
		cx_regress_spearman(ta, tb, 3, &s);
		CHECK(s.r == -1 && isnan(s.pval));
	}
	/* one pair: SciPy stops ("at least 3 entries"); NaN here */
	{
		const double oa[] = { 1, NAN }, ob[] = { 2, 3 };
		cx_regress_spearman(oa, ob, 2, &s);
		CHECK(isnan(s.r) && isnan(s.pval));
	}
	/* only zeros left: NaN (numpy.ma's "not np.any(x.data)") */
	{
		const double za[] = { 0, 0, 0, NAN }, zb[] = { 0, 0, 0, 1 };
		cx_regress_spearman(za, zb, 4, &s);
		CHECK(isnan(s.r) && isnan(s.pval));
	}
}

static void
test_spearman_constant(void)
{
	struct cx_spearman s;

	/* a constant column without NaN: undefined, NaN */
	{
		const double a[] = { 1, 2, 3, 4 }, b[] = { 5, 5, 5, 5 };
		cx_regress_spearman(a, b, 4, &s);
		CHECK(isnan(s.r) && isnan(s.pval));
		cx_regress_spearman(b, a, 4, &s);
		CHECK(isnan(s.r) && isnan(s.pval));
	}
	/* constant once the NaN pairs are gone: numpy.ma leaves the zero
	 * covariance, so r = 0 and p = 1 (SciPy's answer) */
	{
		const double a[] = { 1, 1, 1, NAN, 1 }, b[] = { 1, 2, 3, 4, 5 };
		cx_regress_spearman(a, b, 5, &s);
		CHECK(s.n == 4 && s.r == 0);
		CHECK_NEAR(s.pval, 1.0, 1e-15);
	}
	/* fewer than two rows */
	{
		const double a[] = { 1 }, b[] = { 2 };
		cx_regress_spearman(a, b, 1, &s);
		CHECK(isnan(s.r));
	}
}

static void
test_spearman_bits(void)
{
	/* NumPy's corrcoef order of operations: two rows give
	 * (0.5 * 1) / sqrt(0.5) / sqrt(0.5) = 0.9999999999999999, as
	 * scipy.stats.spearmanr([1, 2], [3, 4]) prints */
	const double a[] = { 1, 2 }, b[] = { 3, 4 }, c[] = { 1, 2, 3, 4 };
	struct cx_spearman s;

	cx_regress_spearman(a, b, 2, &s);
	CHECK(s.r == 0.9999999999999999 && isnan(s.pval));
	/* perfect order over 4 rows: r = 1, t infinite, p = 0 */
	cx_regress_spearman(c, c, 4, &s);
	CHECK(s.r == 1 && s.pval == 0);
}

static void
test_fisher(void)
{
	double lo, hi;

	/* r = 0.5, n = 12: tanh(atanh(0.5) -/+ 1.96 / 3) */
	cx_regress_fisher_ci(0.5, 12, &lo, &hi);
	CHECK_NEAR(lo, -0.10365355742117564, 1e-15);
	CHECK_NEAR(hi, 0.8344579309704545, 1e-15);
	/* r = +/-1: atanh is infinite, the interval collapses on r */
	cx_regress_fisher_ci(1, 12, &lo, &hi);
	CHECK(lo == 1 && hi == 1);
	cx_regress_fisher_ci(-1, 5, &lo, &hi);
	CHECK(lo == -1 && hi == -1);
	/* n <= 3: no standard error */
	cx_regress_fisher_ci(0.5, 3, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi));
	cx_regress_fisher_ci(NAN, 30, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi));
}

/* The regression CSVs of synth-small from its golden inputs. */
static void
test_regress_golden(void)
{
	const char *ref = check_shared("synth-small");
	static const char *const ff[4] = {
		"num_instances.csv", "area_ratio.csv", "elongation.csv", "rec_area_ratio.csv",
	};
	struct cx_csvread ft[4], t[4];
	const char *rp[4] = {
		"eval_iou_otsu_tp/iou_results_per_cxr.csv",
		"eval_iou_hb_tp/iou_humanbenchmark_results_per_cxr.csv",
		"eval_hitmiss/hitmiss_results_per_cxr.csv",
		"eval_hitmiss_hb/hitmiss_humanbenchmark_results_per_cxr.csv",
	};
	struct cx_regress_in in = {0};
	struct cx_regress_out out;
	struct cx_err err = {0};
	char p[1024];

	if (ref == NULL)
		SKIP("../shared/reference/synth-small not present");
	memset(ft, 0, sizeof ft);
	memset(t, 0, sizeof t);
	for (int f = 0; f < 4; f++) {
		snprintf(p, sizeof p, "%s/golden/features/%s", ref, ff[f]);
		CHECK(cx_csvread_load(&ft[f], p, &err) == 0);
		in.feat[f] = &ft[f];
		in.feat_name[f] = ff[f];
		snprintf(p, sizeof p, "%s/golden/%s", ref, rp[f]);
		CHECK(cx_csvread_load(&t[f], p, &err) == 0);
	}
	in.pred_iou = &t[0];
	in.hb_iou = &t[1];
	in.pred_hit = &t[2];
	in.hb_hit = &t[3];
	in.pred_iou_name = in.hb_iou_name = in.pred_hit_name = in.hb_hit_name = "r";
	CHECK(cx_regress_features(&in, &out, &err) == 0);
	for (int j = 0; j < CX_REG_NY; j++) {
		char *got = NULL, *want;
		size_t n = 0;
		FILE *fp = open_memstream(&got, &n);
		cx_regress_write(&out, j, fp);
		fclose(fp);
		snprintf(p, sizeof p, "%s/golden/regression_hb/regression_features_%s.csv", ref,
		    cx_regress_y_names[j]);
		want = check_slurp(p, &n);
		CHECK_STR(got, want);
		free(got);
		free(want);
	}
	for (int f = 0; f < 4; f++) {
		cx_csvread_fini(&ft[f]);
		cx_csvread_fini(&t[f]);
	}
}

/* cx_fdiv: IEEE's a / b without a division by zero (issue 15). */
static void
test_fdiv(void)
{
	CHECK(cx_fdiv(1, 4) == 0.25);
	CHECK(cx_fdiv(3, 0) == INFINITY);
	CHECK(cx_fdiv(-3, 0) == -INFINITY);
	CHECK(cx_fdiv(3, -0.0) == -INFINITY);
	CHECK(isnan(cx_fdiv(0, 0)));
	CHECK(isnan(cx_fdiv(NAN, 0)));
	CHECK(isnan(cx_fdiv(1, NAN)));
	CHECK(cx_fdiv(INFINITY, 0) == INFINITY);
}

/* One row, constant ranks, a perfect fit: NaN or inf as numpy gives them,
 * no division by zero on the way (UBSan float-divide-by-zero). */
static void
test_degenerate(void)
{
	static const double x[] = { 1, 2, 3, 4 }, y[] = { 2, 4, 6, 8 }, c[] = { 5, 5, 5, 5 };
	struct cx_ols o;
	struct cx_spearman sp;

	cx_regress_ols(x, y, 4, &o);
	CHECK(o.n == 4 && o.slope == 2);
	CHECK(o.pval == 0);
	cx_regress_ols(x, y, 1, &o);
	CHECK(o.n == 1 && isnan(o.pval));
	cx_regress_spearman(x, y, 4, &sp);
	CHECK(sp.r == 1);
	cx_regress_spearman(x, c, 4, &sp);
	CHECK(isnan(sp.r) && isnan(sp.pval));
	cx_regress_spearman(x, y, 2, &sp);
	/* scipy.stats.spearmanr([1, 2], [2, 4]): 0.9999999999999999, nan */
	CHECK(sp.r == 0.9999999999999999 && isnan(sp.pval));
}

int
main(void)
{
	RUN(test_fdiv);
	RUN(test_degenerate);
	RUN(test_betainc);
	RUN(test_t_distribution);
	RUN(test_ols);
	RUN(test_spearman_ties);
	RUN(test_spearman_nan_pairs);
	RUN(test_spearman_constant);
	RUN(test_spearman_bits);
	RUN(test_fisher);
	RUN(test_regress_golden);
	return CHECK_DONE();
}
