/* cli_eval: eval.py — per-CXR IoU or hit/miss, 1000 bootstrap replicates and
 * the 95% confidence intervals, as the reference's three CSV files. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bootstrap.h"
#include "cli.h"
#include "escape.h"
#include "evalmaps.h"
#include "evaluate.h"
#include "fmt.h"
#include "opts.h"
#include "outfile.h"
#include "progress.h"
#include "segjson.h"
#include "tasks.h"
#include "xalloc.h"

static const char about[] =
    "mIoU (--metric iou, predicted segmentations) or hit rate (--metric hitmiss,\n"
    "a folder of heatmaps or a salient-point JSON) per pathology, with the\n"
    "reference's bootstrap confidence intervals. Writes <metric>_results_per_cxr.csv,\n"
    "<metric>_bootstrap_results_per_cxr.csv and <metric>_summary_results.csv\n"
    "(with humanbenchmark_ before results/bootstrap/summary for --human-benchmark).";

struct eval_opts {
	const char	*metric, *gt, *pred, *save_dir, *seed;
	int		 tp, hb, jobs, quiet;
};

static int
parse_seed(const char *s, uint32_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL) {
		*out = 0;
		return 0;
	}
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s == '-' || end == s || *end || errno || v > 0xffffffffull)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static void
write_per_cxr(FILE *fp, const struct cx_evaltab *t)
{
	char b[32];

	for (int k = 0; k < CX_NTASKS; k++)
		fprintf(fp, "%s,", cx_task_names[cx_task_sorted[k]]);
	fprintf(fp, "img_id\n");
	for (size_t i = 0; i < t->n; i++) {
		for (int k = 0; k < CX_NTASKS; k++)
			fprintf(fp, "%s,", cx_fmt_csv(CX_EVAL_V(t, cx_task_sorted[k], i), b));
		fprintf(fp, "%s\n", t->id[i]);
	}
}

static void
write_boot(FILE *fp, const double *boot)
{
	char b[32];

	for (int k = 0; k < CX_NTASKS; k++)
		fprintf(fp, "%s%s", cx_task_names[k], k + 1 < CX_NTASKS ? "," : "\n");
	for (size_t r = 0; r < CX_BOOTSTRAP_REPLICATES; r++)
		for (int k = 0; k < CX_NTASKS; k++)
			fprintf(fp, "%s%s", cx_fmt_csv(boot[r * CX_NTASKS + k], b),
			    k + 1 < CX_NTASKS ? "," : "\n");
}

static void
write_summary(FILE *fp, const struct cx_evalsum *sum)
{
	char b[3][32];

	fprintf(fp, "name,lower,mean,upper\n");
	for (int k = 0; k < CX_NTASKS; k++) {
		const struct cx_evalsum *s = &sum[cx_task_sorted[k]];
		fprintf(fp, "%s,%s,%s,%s\n", cx_task_names[cx_task_sorted[k]],
		    cx_fmt_csv(s->ci.lower, b[0]), cx_fmt_csv(s->ci.mean, b[1]),
		    cx_fmt_csv(s->ci.upper, b[2]));
	}
}

/* All three files or none. */
static int
write_outputs(const struct eval_opts *o, const char *metric,
    const struct cx_evaltab *t, const double *boot, const struct cx_evalsum *sum)
{
	static const char *const kind[3] = { "results_per_cxr", "bootstrap_results_per_cxr",
	    "summary_results" };
	struct cx_outfile of[3] = {{0}};
	struct cx_err err = {0};
	char name[128];
	int i;

	if (cx_mkdirs(o->save_dir, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	for (i = 0; i < 3; i++) {
		char *path;
		snprintf(name, sizeof name, "%s_%s%s.csv", metric, o->hb ? "humanbenchmark_" : "",
		    kind[i]);
		path = cx_path_join(o->save_dir, name);
		if (cx_outfile_open(&of[i], path, &err) == -1) {
			free(path);
			goto fail;
		}
		free(path);
	}
	write_per_cxr(of[0].fp, t);
	write_boot(of[1].fp, boot);
	write_summary(of[2].fp, sum);
	for (i = 0; i < 3; i++)
		if (ferror(of[i].fp)) {
			cx_err_file(&err, of[i].path);
			cx_err_set(&err, "write error");
			goto fail;
		}
	for (i = 0; i < 3; i++)
		if (cx_outfile_commit(&of[i], &err) == -1)
			goto fail;
	return 0;
fail:
	cli_error(&err);
	for (int j = 0; j < 3; j++)
		cx_outfile_abort(&of[j]);
	return 1;
}

static void
print_table(const char *metric, const struct cx_evalsum *sum, size_t nrows)
{
	char b[3][32];

	printf("%-27s %5s %8s  %s\n", "pathology", "n",
	    strcmp(metric, "iou") == 0 ? "mIoU" : "hit rate", "95% CI (bootstrap)");
	for (int k = 0; k < CX_NTASKS; k++) {
		const struct cx_evalsum *s = &sum[cx_task_sorted[k]];
		snprintf(b[0], sizeof b[0], isnan(s->mean) ? "-" : "%.3f", s->mean);
		snprintf(b[1], sizeof b[1], isnan(s->ci.lower) ? "-" : "%.3f", s->ci.lower);
		snprintf(b[2], sizeof b[2], isnan(s->ci.upper) ? "-" : "%.3f", s->ci.upper);
		printf("%-27s %5zu %8s  [%s, %s]\n", cx_task_names[cx_task_sorted[k]], s->n,
		    b[0], b[1], b[2]);
	}
	printf("(%zu CXRs)\n", nrows);
}

static void
report_notes(const struct cx_evalnotes *n, const char *pred)
{
	if (n->missing_task)
		cli_note("%s: %zu (CXR, pathology) pairs missing from the prediction, "
		    "taken as empty (the reference would stop with a KeyError)", pred,
		    n->missing_task);
	if (n->missing_id)
		cli_note("%s: %zu ground-truth CXRs have no heatmap: their hit/miss is "
		    "empty (the reference would fail assigning img_id by position)", pred,
		    n->missing_id);
	if (n->relabeled)
		cli_note("%s: %zu rows are joined by id where the reference would have "
		    "labelled them by position", pred, n->relabeled);
	if (n->duplicate)
		cli_note("%s: %zu duplicate (CXR, pathology) heatmaps ignored (the reference "
		    "stops reading at the first one)", pred, n->duplicate);
	if (n->bad_point)
		cli_note("%s: %zu salient points outside the image counted as misses", pred,
		    n->bad_point);
}

/* Hit/miss of a heatmap folder. */
static int
eval_maps(const struct eval_opts *o, const struct cx_segfile *gt, struct cx_evaltab *t,
    struct cx_evalnotes *notes, struct cx_err *err)
{
	struct cx_heatmap_list l = {0};
	struct progress pr;
	int rc;

	if (cx_heatmap_list_dir(&l, o->pred, err) == -1) {
		cx_err_file(err, o->pred);
		return -1;
	}
	if (l.n == 0) {
		cx_heatmap_list_fini(&l);
		cx_err_file(err, o->pred);
		return cx_err_set(err, "no heatmaps (*_map.pkl, .npy, .png) in this folder");
	}
	progress_init(&pr, "hit/miss", o->quiet);
	rc = cx_evalmaps_hitmiss(t, gt, &l, o->jobs, progress_update, &pr, notes, err);
	progress_done(&pr);
	cx_heatmap_list_fini(&l);
	return rc;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int
cli_eval(int argc, char **argv)
{
	struct eval_opts o = { .tp = 1, .save_dir = "." };
	struct cx_segfile gt = {0}, pred = {0};
	struct cx_ptfile pts = {0};
	struct cx_evaltab t = {0};
	struct cx_evalnotes notes = {0};
	struct cx_evalsum sum[CX_NTASKS];
	struct cx_err err = {0};
	const char *metric;
	double *boot = NULL;
	uint32_t seed;
	int npos, rc, ret = 1;
	const struct opt opts[] = {
		{ "metric", OPT_STR, &o.metric, "iou|hitmiss", "what to measure (miou/hitrate accepted)" },
		{ "gt|gt_path|g", OPT_STR, &o.gt, "FILE", "ground-truth segmentation JSON" },
		{ "pred|pred_path|p", OPT_STR, &o.pred, "FILE|DIR",
		  "predicted segmentation JSON (iou); heatmap folder or salient-point JSON (hitmiss)" },
		{ "true-pos-only|true_pos_only", OPT_BOOL, &o.tp, "yes|no",
		  "IoU only where both masks are non-empty (default yes)" },
		{ "human-benchmark|if_human_benchmark", OPT_BOOL, &o.hb, NULL,
		  "name the outputs *_humanbenchmark_*" },
		{ "seed", OPT_STR, &o.seed, "N", "bootstrap seed (default 0)" },
		{ "save-dir|save_dir|o", OPT_STR, &o.save_dir, "DIR", "where to write the CSVs (default .)" },
		{ "jobs|j", OPT_INT, &o.jobs, "N", "worker threads for heatmaps (default: all cores)" },
		{ "quiet|q", OPT_BOOL, &o.quiet, NULL, "no progress bar, no table" },
		{ NULL, 0, NULL, NULL, NULL },
	};

	rc = opt_parse("eval", "--metric iou|hitmiss --gt FILE --pred FILE|DIR [options]",
	    about, opts, argc, argv, &npos);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if (npos > 0) {
		cli_fail("eval", "unexpected argument '%s' (try --help)", argv[1]);
		return 2;
	}
	if (o.metric == NULL || o.gt == NULL || o.pred == NULL) {
		cli_fail("eval", "--metric, --gt and --pred are required (try --help)");
		return 2;
	}
	if (strcmp(o.metric, "iou") == 0 || strcmp(o.metric, "miou") == 0)
		metric = "iou";
	else if (strcmp(o.metric, "hitmiss") == 0 || strcmp(o.metric, "hitrate") == 0)
		metric = "hitmiss";
	else {
		cli_fail("eval", "--metric: want iou or hitmiss, not '%s'", o.metric);
		return 2;
	}
	if (parse_seed(o.seed, &seed) == -1) {
		cli_fail("eval", "--seed: want an integer between 0 and 2**32 - 1");
		return 2;
	}
	if (cx_segfile_load(&gt, o.gt, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	memset(&err, 0, sizeof err);
	if (strcmp(metric, "iou") == 0) {
		if (cx_segfile_load(&pred, o.pred, &err) == -1)
			goto fail;
		if (cx_evaluate_iou(&t, &gt, &pred, o.tp, &notes, &err) == -1) {
			cx_err_file(&err, o.pred);
			goto fail;
		}
	} else if (is_dir(o.pred)) {
		if (eval_maps(&o, &gt, &t, &notes, &err) == -1)
			goto fail;
	} else {
		if (cx_points_load(&pts, o.pred, &err) == -1)
			goto fail;
		cx_evaluate_hitmiss_points(&t, &gt, &pts, &notes, &err);
	}
	if (!o.quiet)
		report_notes(&notes, o.pred);
	boot = cx_xreallocarray(NULL, CX_BOOTSTRAP_REPLICATES * CX_NTASKS, sizeof *boot);
	cx_evaluate_summarize(&t, seed, boot, sum);
	ret = write_outputs(&o, metric, &t, boot, sum);
	if (ret == 0 && !o.quiet)
		print_table(metric, sum, t.n);
	goto out;
fail:
	cli_error(&err);
	ret = 1;
out:
	free(boot);
	cx_evaltab_fini(&t);
	cx_points_fini(&pts);
	cx_segfile_fini(&gt);
	cx_segfile_fini(&pred);
	return ret;
}
