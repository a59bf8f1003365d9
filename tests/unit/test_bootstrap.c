/* test_bootstrap: MT19937, the bounded choice, pairwise sums and the golden
 * bootstrap CSVs of the reference. */
#include <math.h>

#include "bootstrap.h"
#include "check.h"
#include "csvread.h"
#include "fmt.h"
#include "tasks.h"

/* Well-known first outputs of init_genrand(5489) and init_genrand(0). */
static void
test_mt_known(void)
{
	struct cx_mt19937 s;

	cx_bootstrap_seed(&s, 5489);
	CHECK(cx_bootstrap_next(&s) == 3499211612u);
	CHECK(cx_bootstrap_next(&s) == 581869302u);
	CHECK(cx_bootstrap_next(&s) == 3890346734u);
	cx_bootstrap_seed(&s, 0);
	CHECK(cx_bootstrap_next(&s) == 2357136044u);
	CHECK(cx_bootstrap_next(&s) == 2546248239u);
	CHECK(cx_bootstrap_next(&s) == 3071714933u);
}

/* choice(10, 10) takes v = next & 15 and rejects v > 9: hand-derived from
 * the seed-0 stream above (2357136044 & 15 = 12 rejected, 2546248239 & 15 =
 * 15 rejected, 3071714933 & 15 = 5 kept). */
static void
test_choice_mask(void)
{
	struct cx_mt19937 s;
	size_t idx[10];

	cx_bootstrap_seed(&s, 0);
	cx_bootstrap_choice(&s, 10, idx);
	CHECK(idx[0] == 5);
	for (int i = 0; i < 10; i++)
		CHECK(idx[i] < 10);
	/* n = 1 draws nothing. */
	cx_bootstrap_seed(&s, 0);
	cx_bootstrap_choice(&s, 1, idx);
	CHECK(idx[0] == 0);
	CHECK(cx_bootstrap_next(&s) == 2357136044u);
}

static void
test_pairwise(void)
{
	double a[300];

	/* Below 8: a plain loop, (1e16 + 1) + 1 loses both ones. */
	double b[3] = { 1e16, 1, 1 };
	CHECK(cx_bootstrap_pairwise_sum(b, 3) == 1e16);
	/* 8..128: eight partial sums; 1e16 and the ones land in different
	 * accumulators: r0 = 1e16, r1..r7 = 1 each, ((1e16+1)+2)+(2+2) =
	 * 1e16 + 4 (1e16+1 rounds to 1e16, +2 exact, +4 exact). */
	double c[8] = { 1e16, 1, 1, 1, 1, 1, 1, 1 };
	CHECK(cx_bootstrap_pairwise_sum(c, 8) == 1e16 + 6);
	/* Above 128: split at 144 (300/2 = 150 rounded down to a multiple of 8). */
	for (int i = 0; i < 300; i++)
		a[i] = 0.1;
	double left = 0, right = 0;
	{
		double r[8];
		for (int j = 0; j < 8; j++) r[j] = 0.1;
		for (int i = 8; i < 72; i += 8) for (int j = 0; j < 8; j++) r[j] += 0.1;
		left = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
		left = left + left;	/* 144 = 72 + 72 */
		for (int j = 0; j < 8; j++) r[j] = 0.1;
		for (int i = 8; i < 72; i += 8) for (int j = 0; j < 8; j++) r[j] += 0.1;
		double h1 = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
		for (int j = 0; j < 8; j++) r[j] = 0.1;
		for (int i = 8; i < 80; i += 8) for (int j = 0; j < 8; j++) r[j] += 0.1;
		double h2 = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])) + 0.1 + 0.1 + 0.1 + 0.1;
		right = h1 + h2;	/* 156 = 72 + 84 */
	}
	CHECK(cx_bootstrap_pairwise_sum(a, 300) == left + right);
	double n[3] = { NAN, 1.0, 2.0 };
	CHECK(cx_bootstrap_nanmean(n, 3, NULL) == 1.5);
	double m[2] = { NAN, NAN };
	CHECK(isnan(cx_bootstrap_nanmean(m, 2, NULL)));
}

/* Table of a per-CXR CSV in LOCALIZATION_TASKS column order. */
static double *
load_table(const char *path, size_t *n)
{
	struct cx_csvread t;
	struct cx_err err = {0};
	double *tab;

	if (cx_csvread_load(&t, path, &err) == -1)
		return NULL;
	*n = t.nrow;
	tab = malloc((t.nrow ? t.nrow : 1) * CX_NTASKS * sizeof *tab);
	for (int c = 0; c < CX_NTASKS; c++) {
		int col = cx_csvread_col(&t, cx_task_names[c]);
		for (size_t r = 0; r < t.nrow; r++)
			if (col < 0 || cx_csvread_num(&t, r, (size_t)col, &tab[c * t.nrow + r], &err) == -1)
				tab[c * t.nrow + r] = -999;
	}
	cx_csvread_fini(&t);
	return tab;
}

static int
golden_case(const char *ref, const char *dir, const char *prefix)
{
	char p1[1024], p2[1024], p3[1024];
	struct cx_csvread b, s;
	struct cx_err err = {0};
	size_t n, bad = 0;
	double *tab, *out;

	snprintf(p1, sizeof p1, "%s/golden/%s/%s_results_per_cxr.csv", ref, dir, prefix);
	snprintf(p2, sizeof p2, "%s/golden/%s/%s_bootstrap_results_per_cxr.csv", ref, dir, prefix);
	snprintf(p3, sizeof p3, "%s/golden/%s/%s_summary_results.csv", ref, dir, prefix);
	tab = load_table(p1, &n);
	if (tab == NULL || cx_csvread_load(&b, p2, &err) == -1 ||
	    cx_csvread_load(&s, p3, &err) == -1) {
		fprintf(stderr, "  cannot read %s\n", p1);
		return 1;
	}
	out = malloc(CX_BOOTSTRAP_REPLICATES * CX_NTASKS * sizeof *out);
	cx_bootstrap_run(tab, n, CX_NTASKS, CX_BOOTSTRAP_REPLICATES, 0, out);
	CHECK(b.nrow == CX_BOOTSTRAP_REPLICATES);
	for (size_t r = 0; r < b.nrow && r < CX_BOOTSTRAP_REPLICATES; r++)
		for (int c = 0; c < CX_NTASKS; c++) {
			double want, got = out[r * CX_NTASKS + c];
			cx_csvread_num(&b, r, (size_t)cx_csvread_col(&b, cx_task_names[c]), &want, &err);
			if (!(fabs(got - want) <= 1e-9 || (isnan(got) && isnan(want)))) {
				if (bad++ < 3)
					fprintf(stderr, "  %s row %zu %s: %.17g != %.17g\n", dir, r,
					    cx_task_names[c], got, want);
			}
		}
	for (size_t r = 0; r < s.nrow; r++) {
		int task = cx_task_id(s.cell[r * s.ncol]);
		struct cx_ci ci;
		char g[3][32];
		cx_bootstrap_ci(out + task, CX_BOOTSTRAP_REPLICATES, CX_NTASKS, &ci);
		cx_fmt_csv(ci.lower, g[0]);
		cx_fmt_csv(ci.mean, g[1]);
		cx_fmt_csv(ci.upper, g[2]);
		for (int k = 0; k < 3; k++)
			if (strcmp(g[k], s.cell[r * s.ncol + 1 + k]) != 0 && bad++ < 6)
				fprintf(stderr, "  %s summary %s col %d: %s != %s\n", dir,
				    s.cell[r * s.ncol], k, g[k], s.cell[r * s.ncol + 1 + k]);
	}
	cx_csvread_fini(&b);
	cx_csvread_fini(&s);
	free(tab);
	free(out);
	return bad != 0;
}

static void
test_golden_bootstrap(void)
{
	static const char *const dirs[] = {
		"eval_iou_otsu_tp", "eval_iou_otsu_all", "eval_iou_thr_tp", "eval_iou_thr_all",
		"eval_iou_thr_prob_tp", "eval_iou_thr_prob_all",
	};
	static const char *const refs[2] = { "synth-small", "sample" };
	int any = 0;

	for (int k = 0; k < 2; k++) {
		char ref[1024];
		const char *r = check_shared(refs[k]);	/* a static buffer */
		if (r == NULL)
			continue;
		snprintf(ref, sizeof ref, "%s", r);
		any = 1;
		for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
			CHECK(golden_case(ref, dirs[i], "iou") == 0);
		CHECK(golden_case(ref, "eval_iou_hb_tp", "iou_humanbenchmark") == 0);
		CHECK(golden_case(ref, "eval_hitmiss", "hitmiss") == 0);
		if (k == 0)
			CHECK(golden_case(ref, "eval_hitmiss_hb", "hitmiss_humanbenchmark") == 0);
	}
	if (!any)
		SKIP("../shared/reference not present");
}

int
main(void)
{
	RUN(test_mt_known);
	RUN(test_choice_mask);
	RUN(test_pairwise);
	RUN(test_golden_bootstrap);
	return CHECK_DONE();
}
