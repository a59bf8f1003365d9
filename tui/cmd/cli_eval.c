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
	const char	*metric, *gt, *pred, *save_dir, *seed, *shard;
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
    int sk, int sn, unsigned char **covered, struct cx_evalnotes *notes, struct cx_err *err)
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

int
cli_eval(int argc, char **argv)
{
	struct eval_opts o = { .tp = 1, .save_dir = "." };
	struct cx_segfile gt = {0}, pred = {0};
	struct cx_ptfile pts = {0};
	struct cx_evaltab t = {0};
	struct cx_evalnotes notes = {0};
	struct cx_err err = {0};
	const char *metric;
	unsigned char *covered = NULL;
	uint32_t seed;
	int npos, rc, ret = 1, shard_k = 1, shard_n = 1;
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
		{ "shard", OPT_STR, &o.shard, "K/N",
		  "heatmaps: only every N-th from the K-th; writes a part for merge" },
		{ "quiet|q", OPT_BOOL, &o.quiet, NULL, "no progress bar, notes or table" },
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
	if (o.shard && opt_shard(o.shard, &shard_k, &shard_n) == -1) {
		cli_fail("eval", "--shard: want K/N with 1 <= K <= N");
		return 2;
	}
	if (o.shard && (strcmp(metric, "hitmiss") != 0 || !is_dir(o.pred))) {
		cli_fail("eval", "--shard applies to a heatmap folder (--metric hitmiss)");
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
		if (eval_maps(&o, &gt, &t, shard_k, shard_n, &covered, &notes, &err) == -1)
			goto fail;
	} else {
		if (cx_points_load(&pts, o.pred, &err) == -1)
			goto fail;
		cx_evaluate_hitmiss_points(&t, &gt, &pts, &notes, &err);
	}
	if (!o.quiet)
		report_notes(&notes, o.pred);
	if (o.shard)
		ret = evalout_write_part(o.save_dir, metric, o.hb, shard_k, shard_n, &t, covered);
	else
		ret = evalout_write(o.save_dir, metric, o.hb, &t, seed, o.quiet);
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
