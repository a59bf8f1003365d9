/* cli_eval: eval.py — per-CXR IoU or hit/miss, 1000 bootstrap replicates and
 * the 95% confidence intervals, as the reference's three CSV files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bootstrap.h"
#include "cli.h"
#include "escape.h"
#include "evalout.h"
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
	const char	*metric, *gt, *pred, *save_dir, *shard;
	int		 tp, hb, jobs, quiet;	/* jobs, quiet: the common flags' */
};

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

/* The ground-truth CXRs the prediction has something for. */
static size_t
shared_ids(const struct cx_segfile *gt, const char *metric, const struct cx_segfile *pred,
    const struct cx_ptfile *pts, const struct cx_evalnotes *notes, int maps)
{
	size_t n = 0;

	if (strcmp(metric, "hitmiss") == 0 && maps)
		return gt->n - notes->missing_id;
	for (size_t i = 0; i < gt->n; i++)
		n += strcmp(metric, "iou") == 0 ? cx_segfile_find(pred, gt->e[i].id) != NULL :
		    cx_points_find(pts, gt->e[i].id) != NULL;
	return n;
}

/* A pathology that no entry of the prediction holds was not predicted: its
 * column is NaN ("-"), never a 0.000 of empty masks (full mode), and a note
 * names it. */
static void
absent_pathologies(struct cx_evaltab *t, const struct cx_segfile *gt,
    const struct cx_segfile *pred, unsigned tasks, struct cx_evalnotes *notes,
    const char *path, int quiet)
{
	unsigned have = 0;
	char names[400];
	int n = 0, len = 0;

	for (size_t i = 0; i < pred->n; i++)
		for (int k = 0; k < CX_NTASKS; k++)
			if (pred->e[i].present[k])
				have |= 1u << k;
	names[0] = '\0';
	for (int k = 0; k < CX_NTASKS; k++) {
		if (!((tasks >> k) & 1u) || ((have >> k) & 1u) || pred->n == 0)
			continue;
		for (size_t i = 0; i < t->n; i++) {
			CX_EVAL_V(t, k, i) = NAN;
			/* not "missing, taken as empty": not predicted at all */
			if (notes->missing_task > 0 && cx_segfile_find(gt, t->id[i]) &&
			    cx_segfile_find(pred, t->id[i]))
				notes->missing_task--;
		}
		if (len < (int)sizeof names)
			len += snprintf(names + len, sizeof names - (size_t)len, "%s%s",
			    n ? ", " : "", cx_task_names[k]);
		n++;
	}
	if (n && !quiet)
		cli_note("%s: no mask of %s in any CXR: not evaluated (\"-\"; --pathologies "
		    "selects what to evaluate)", path, names);
}

/* Hit/miss of a heatmap folder. */
static int
eval_maps(const struct eval_opts *o, const struct cx_segfile *gt, struct cx_evaltab *t,
    int sk, int sn, unsigned char **covered, struct cx_evalnotes *notes, struct cx_err *err)
{
	struct cx_heatmap_list l = {0};
	struct progress pr;
	int rc;

	if (cx_heatmap_list_dir(&l, o->pred, err) == -1) {
		cx_err_file(err, o->pred);
		return -1;
	}
	if (l.nlungop && !o->quiet)
		cli_note("%s: " CX_HEATMAP_LUNG_OPACITY_NOTE, o->pred, l.nlungop);
	if (l.n == 0) {
		cx_heatmap_list_fini(&l);
		cx_err_file(err, o->pred);
		return cx_err_set(err, "no heatmaps (*_map.pkl, .npy, .png) in this folder");
	}
	progress_init(&pr, "hit/miss", o->quiet);
	rc = cx_evalmaps_hitmiss(t, gt, &l, sk, sn, o->jobs, progress_update, &pr, covered,
	    notes, err);
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

#define O(f, ...)	CMD_OPT(struct eval_opts, f, __VA_ARGS__)
static const struct cmd_opt eval_optab[] = {
	O(metric, "metric", OPT_STR, "iou|hitmiss", "what to measure (miou/hitrate accepted)"),
	O(pred, "pred|pred_path|p", OPT_STR, "FILE|DIR",
	    "predicted segmentation JSON (iou); heatmap folder or salient-point JSON (hitmiss)"),
	O(tp, "true-pos-only|true_pos_only", OPT_BOOL, "yes|no",
	    "IoU only where both masks are non-empty (default yes)"),
	O(hb, "human-benchmark|if_human_benchmark", OPT_BOOL, NULL,
	    "name the outputs *_humanbenchmark_*"),
	{ 0 }
};
static const struct eval_opts eval_defaults = { .tp = 1 };

static int
eval_run(const struct cmd_ctx *c, void *args)
{
	struct eval_opts o = *(const struct eval_opts *)args;
	struct cx_segfile gt = {0}, pred = {0};
	struct cx_ptfile pts = {0};
	struct cx_evaltab t = {0};
	struct cx_evalnotes notes = {0};
	struct cx_err err = {0};
	const char *metric;
	unsigned char *covered = NULL;
	int ret = 1, shard_k = c->shard ? c->shard_k : 1, shard_n = c->shard_n;

	o.gt = c->gt;
	o.save_dir = c->save_dir;
	o.shard = c->shard;
	o.jobs = c->jobs;
	o.quiet = c->quiet;
	if (c->npos > 0)
		return cmd_usage(c, "unexpected argument '%s' (try --help)", c->pos[0]);
	if (o.metric == NULL || o.gt == NULL || o.pred == NULL)
		return cmd_usage(c, "--metric, --gt and --pred are required (try --help)");
	if (strcmp(o.metric, "iou") == 0 || strcmp(o.metric, "miou") == 0)
		metric = "iou";
	else if (strcmp(o.metric, "hitmiss") == 0 || strcmp(o.metric, "hitrate") == 0)
		metric = "hitmiss";
	else
		return cmd_usage(c, "--metric: want iou or hitmiss, not '%s'", o.metric);
	if (o.shard && (strcmp(metric, "hitmiss") != 0 || !is_dir(o.pred)))
		return cmd_usage(c, "--shard applies to a heatmap folder (--metric hitmiss)");
	if (cx_segfile_load(&gt, o.gt, &err) == -1)
		return cmd_failed(&err);
	memset(&err, 0, sizeof err);
	if (strcmp(metric, "iou") == 0) {
		if (cx_segfile_load(&pred, o.pred, &err) == -1)
			goto fail;
		if (cx_evaluate_iou(&t, &gt, &pred, o.tp, &notes, &err) == -1) {
			cx_err_file(&err, o.pred);
			goto fail;
		}
		absent_pathologies(&t, &gt, &pred, c->tasks, &notes, o.pred, o.quiet);
	} else if (is_dir(o.pred)) {
		if (eval_maps(&o, &gt, &t, shard_k, shard_n, &covered, &notes, &err) == -1)
			goto fail;
	} else {
		if (cx_points_load(&pts, o.pred, &err) == -1)
			goto fail;
		cx_evaluate_hitmiss_points(&t, &gt, &pts, &notes, &err);
	}
	if (!o.shard && evalout_overlap(o.gt, gt.n, o.pred,
	    strcmp(metric, "iou") == 0 ? pred.n : is_dir(o.pred) ? 1 : pts.n, shared_ids(&gt, metric, &pred, &pts, &notes, is_dir(o.pred)), o.quiet, &err) == -1)
		goto fail;
	if (!o.quiet)
		report_notes(&notes, o.pred);
	if (o.shard)
		ret = evalout_write_part(o.save_dir, metric, o.hb, shard_k, shard_n, &t, covered);
	else
		ret = evalout_write(o.save_dir, metric, o.hb, &t, c->seed, o.quiet, c->tasks);
	goto out;
fail:
	cli_error(&err);
	ret = 1;
out:
	free(covered);
	cx_evaltab_fini(&t);
	cx_points_fini(&pts);
	cx_segfile_fini(&gt);
	cx_segfile_fini(&pred);
	return ret;
}

const struct cmd_entry cmd_eval_entry = {
	.name = "eval", .summary = "mIoU or hit rate per pathology with bootstrap CIs",
	.usage = "--metric iou|hitmiss --gt FILE --pred FILE|DIR [options]", .about = about,
	.flags = CMD_GT | CMD_SAVE_DIR | CMD_SHARD | CMD_PATHOLOGIES | CMD_SEED | CMD_JOBS |
	    CMD_QUIET,
	.help = { [CMD_C_SAVE_DIR] = "where to write the CSVs (default .)",
	    [CMD_C_SHARD] = "heatmaps: only every N-th from the K-th; writes a part for merge",
	    [CMD_C_JOBS] = "worker threads for heatmaps (default: all cores)",
	    [CMD_C_QUIET] = "no progress bar, notes or table" },
	.opts = eval_optab, CMD_ARGS(struct eval_opts, &eval_defaults), .run = eval_run,
};
