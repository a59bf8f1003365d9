/* cli_pctdec: calculate_percentage_decrease.py — how far a method falls short
 * of the human benchmark, per pathology and on average, with bootstrap CIs
 * computed from the two bootstrap CSVs that eval wrote. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "cli.h"
#include "csvread.h"
#include "fmt.h"
#include "outfile.h"
#include "pctdec.h"
#include "tasks.h"
#include "xalloc.h"

static const char about[] =
    "Percentage decrease (hb - pred) / hb per pathology from two bootstrap CSVs\n"
    "written by eval (human benchmark and method), with 95% CIs, plus an Average\n"
    "row. Writes <metric>_pct_decrease.csv.";

struct boot {
	struct cx_csvread	 csv;
	size_t			 n;		/* replicates */
	double			*v;		/* ncol * n, column-major */
	int			 anynan;
};

static int
boot_load(struct boot *b, const char *path, struct cx_err *err)
{
	memset(b, 0, sizeof *b);
	if (cx_csvread_load(&b->csv, path, err) == -1)
		return -1;
	b->n = b->csv.nrow;
	b->v = cx_xreallocarray(NULL, (b->n ? b->n : 1) * (b->csv.ncol ? b->csv.ncol : 1),
	    sizeof *b->v);
	for (size_t c = 0; c < b->csv.ncol; c++)
		for (size_t r = 0; r < b->n; r++) {
			/* pandas' read_csv value, not strtod's: the means
			 * differ in the last bits otherwise */
			if (cx_csvread_pandas(&b->csv, r, c, &b->v[c * b->n + r], err) == -1) {
				cx_err_file(err, path);
				return -1;
			}
			b->anynan |= isnan(b->v[c * b->n + r]);
		}
	return 0;
}

static void
boot_fini(struct boot *b)
{
	cx_csvread_fini(&b->csv);
	free(b->v);
}

struct pctdec_args {
	const char	*metric, *hb, *pred, *seed;
};

/* --seed is the reference's flag, accepted and ignored: not the common --seed. */
#define O(f, ...)	CMD_OPT(struct pctdec_args, f, __VA_ARGS__)
static const struct cmd_opt pctdec_opts[] = {
	O(metric, "metric", OPT_STR, "miou|hitrate", "names the output file"),
	O(hb, "hb|hb_bootstrap_results", OPT_STR, "CSV", "human-benchmark bootstrap CSV"),
	O(pred, "pred|pred_bootstrap_results", OPT_STR, "CSV", "method bootstrap CSV"),
	O(seed, "seed", OPT_STR, "N", "accepted for compatibility (nothing is random)"),
	{ 0 }
};

static int
pctdec_run(const struct cmd_ctx *c, void *args)
{
	const struct pctdec_args *a = args;
	const char *metric = a->metric, *hbp = a->hb, *predp = a->pred, *save_dir = c->save_dir;
	struct boot hb, pred;
	struct cx_err err = {0};
	struct cx_pctdec pd;
	int hcol[CX_NTASKS], pcol[CX_NTASKS], task[CX_NTASKS];
	struct cx_outfile of = {0};
	int rc, ret = 1;

	if (c->npos > 0 || metric == NULL || hbp == NULL || predp == NULL)
		return cmd_usage(c, "--metric, --hb and --pred are required (try --help)");
	if (strcmp(metric, "miou") != 0 && strcmp(metric, "hitrate") != 0)
		return cmd_usage(c, "--metric: want miou or hitrate, not '%s'", metric);
	if (boot_load(&hb, hbp, &err) == -1) {
		cli_error(&err);
		boot_fini(&hb);
		return 1;
	}
	memset(&err, 0, sizeof err);
	if (boot_load(&pred, predp, &err) == -1)
		goto fail;
	/* Columns by name, in the human benchmark file's order. */
	if (hb.csv.ncol != CX_NTASKS || pred.csv.ncol != CX_NTASKS) {
		cx_err_file(&err, hb.csv.ncol != CX_NTASKS ? hbp : predp);
		cx_err_at(&err, "1", "want the 10 pathology columns of a bootstrap CSV");
		goto fail;
	}
	if (hb.n != pred.n || hb.n == 0) {
		cx_err_file(&err, predp);
		cx_err_set(&err, "%zu replicates where %s has %zu", pred.n, hbp, hb.n);
		goto fail;
	}
	for (int k = 0; k < CX_NTASKS; k++) {
		int t = cx_task_id(hb.csv.head[k]), pc = -1;
		for (int j = 0; t >= 0 && j < CX_NTASKS; j++)
			if (cx_task_id(pred.csv.head[j]) == t)
				pc = j;
		if (t < 0 || pc < 0) {
			cx_err_file(&err, t < 0 ? hbp : predp);
			cx_err_at(&err, "1", "column \"%.100s\" is not a pathology of both files",
			    hb.csv.head[k]);
			goto fail;
		}
		hcol[k] = k;
		pcol[k] = pc;
		task[k] = t;
	}
	{
		const double *hc[CX_NTASKS], *pc[CX_NTASKS];
		for (int k = 0; k < CX_NTASKS; k++) {
			hc[k] = hb.v + (size_t)hcol[k] * hb.n;
			pc[k] = pred.v + (size_t)pcol[k] * pred.n;
		}
		cx_pctdec_compute(hc, pc, task, CX_NTASKS, hb.n, hb.anynan, pred.anynan, &pd);
	}
	{
		const struct cx_pctdec_row *rows = pd.row;
		double avg_hb = pd.avg_hb, avg_pred = pd.avg_pred, avg_pct = pd.avg_pct;
		struct cx_ci ci = { .lower = pd.avg_lo, .upper = pd.avg_hi };
		char b[5][32], *path, name[64];
		if (cx_mkdirs(save_dir, &err) == -1)
			goto fail;
		snprintf(name, sizeof name, "%s_pct_decrease.csv", metric);
		path = cx_path_join(save_dir, name);
		rc = cx_outfile_open(&of, path, &err);
		free(path);
		if (rc == -1)
			goto fail;
		fprintf(of.fp, ",hb,pred,pct_diff,pct_diff_lower,pct_diff_upper\n");
		for (int k = 0; k < CX_NTASKS; k++)
			fprintf(of.fp, "%s,%s,%s,%s,%s,%s\n", cx_task_names[rows[k].task],
			    cx_fmt_csv(rows[k].hb, b[0]), cx_fmt_csv(rows[k].pred, b[1]),
			    cx_fmt_csv(rows[k].pct, b[2]), cx_fmt_csv(rows[k].lo, b[3]),
			    cx_fmt_csv(rows[k].hi, b[4]));
		fprintf(of.fp, "Average,%s,%s,%s,%s,%s\n", cx_fmt_csv(avg_hb, b[0]),
		    cx_fmt_csv(avg_pred, b[1]), cx_fmt_csv(avg_pct, b[2]),
		    cx_fmt_csv(ci.lower, b[3]), cx_fmt_csv(ci.upper, b[4]));
		if (cx_outfile_commit(&of, &err) == -1)
			goto fail;
		printf("%-27s %7s %7s %9s  %s\n", "pathology", "hb", "pred", "decrease", "95% CI");
		for (int k = 0; k <= CX_NTASKS; k++) {
			const struct cx_pctdec_row *w = &rows[k < CX_NTASKS ? k : 0];
			double h = k < CX_NTASKS ? w->hb : avg_hb, p = k < CX_NTASKS ? w->pred : avg_pred;
			double pc = k < CX_NTASKS ? w->pct : avg_pct;
			double lo = k < CX_NTASKS ? w->lo : ci.lower, hi = k < CX_NTASKS ? w->hi : ci.upper;
			char f[5][48];
			printf("%-27s %7s %7s %9s  [%s, %s]\n",
			    k < CX_NTASKS ? cx_task_names[w->task] : "Average",
			    cx_fmt_table(h, 3, "", f[0]), cx_fmt_table(p, 3, "", f[1]),
			    cx_fmt_table(pc, 1, "%", f[2]), cx_fmt_table(lo, 1, "", f[3]),
			    cx_fmt_table(hi, 1, "", f[4]));
		}
	}
	ret = 0;
	goto out;
fail:
	cli_error(&err);
	cx_outfile_abort(&of);
out:
	boot_fini(&hb);
	boot_fini(&pred);
	return ret;
}

const struct cmd_entry cmd_pctdec_entry = {
	.name = "pctdec", .summary = "percentage decrease of a method against the human benchmark",
	.usage = "--metric miou|hitrate --hb CSV --pred CSV [--save-dir DIR]", .about = about,
	.flags = CMD_SAVE_DIR,
	.opts = pctdec_opts, CMD_ARGS(struct pctdec_args, NULL), .run = pctdec_run,
};
