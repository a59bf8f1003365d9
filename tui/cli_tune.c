/* cli_tune: tune_heatmap_threshold.py (tune thresholds) and
 * tune_probability_threshold.py (tune prob-cutoffs). Each heatmap is read and
 * resized once; every candidate is scored from the same pass. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "cli.h"
#include "fmt.h"
#include "heatmap.h"
#include "opts.h"
#include "outfile.h"
#include "pool.h"
#include "progress.h"
#include "segjson.h"
#include "tasks.h"
#include "tune.h"
#include "xalloc.h"

static const char about[] =
    "tune thresholds: the binarization threshold per pathology (0.2 .. 0.8) that\n"
    "maximizes the true-positive mIoU of the heatmaps against the ground truth;\n"
    "writes tuning_results.csv.\n"
    "tune prob-cutoffs: the mIoU (full mode) of the Otsu segmentations kept only\n"
    "when the model probability exceeds each cutoff 0.0 .. 0.8; writes\n"
    "probability_tuning_results.csv.";

struct tune_job {
	const struct cx_heatmap_list	*l;
	const struct cx_segfile		*gt;
	int				 prob;		/* prob-cutoffs mode */
	double				 thr[CX_TUNE_NTHR];
	double				*iou;		/* per heatmap x candidate */
	struct cx_err			*errs;
	size_t				*work;		/* heatmaps to score */
};

/* Threshold mode: true-positive IoU per threshold, NaN when the id has no
 * GT, its mask is empty, or the thresholded map is. */
static int
tune_thr_one(struct tune_job *j, size_t i, struct cx_heatmap *hm, const struct cx_rle *g)
{
	uint64_t pred[CX_TUNE_NTHR], inter[CX_TUNE_NTHR], ga = cx_rle_area(g);
	double *out = j->iou + i * CX_TUNE_NCUT;

	if (ga == 0)
		return 0;
	cx_tune_count(hm, g, j->thr, CX_TUNE_NTHR, pred, inter);
	for (int k = 0; k < CX_TUNE_NTHR; k++)
		out[k] = pred[k] == 0 ? NAN : (double)inter[k] / (double)(pred[k] + ga - inter[k]);
	return 0;
}

static int
tune_one(size_t i, void *ctx)
{
	struct tune_job *j = ctx;
	struct cx_err *err = &j->errs[i];
	const struct cx_segentry *e;
	struct cx_heatmap hm;
	const struct cx_rle *g = NULL;
	int task = j->l->task[i], rc;

	e = cx_segfile_find(j->gt, j->l->id[i]);
	/* Thresholds: ids without GT are NaN and need no reading at all. */
	if (!j->prob && (e == NULL || cx_rle_area(&e->m[task]) == 0))
		return 0;
	if (cx_heatmap_load(&hm, j->l->path[i], err) == -1)
		return -1;
	if (hm.cxr_w == 0 || hm.cxr_h == 0 || hm.mh == 0 || hm.mw == 0) {
		cx_heatmap_fini(&hm);
		cx_err_file(err, j->l->path[i]);
		return cx_err_set(err, "no image size (cxr_dims) to resize the map to");
	}
	if (e != NULL) {
		g = &e->m[task];
		if (g->h != hm.cxr_h || g->w != hm.cxr_w) {
			cx_heatmap_fini(&hm);
			cx_err_file(err, j->l->path[i]);
			return cx_err_set(err, "image is %ux%u (cxr_dims) but the ground-truth "
			    "mask is %ux%u", hm.cxr_h, hm.cxr_w, g->h, g->w);
		}
	}
	if (j->prob)
		rc = cx_tune_prob(&hm, g, task, j->iou + i * CX_TUNE_NCUT, err);
	else
		rc = tune_thr_one(j, i, &hm, g);
	if (rc == -1)
		cx_err_file(err, j->l->path[i]);
	cx_heatmap_fini(&hm);
	return rc;
}

static int
tune_work(size_t k, void *ctx)
{
	struct tune_job *j = ctx;

	return tune_one(j->work[k], j);
}

static int
write_csv(const char *save_dir, const char *name, struct cx_outfile *of, struct cx_err *err)
{
	char *path;
	int rc;

	if (cx_mkdirs(save_dir, err) == -1)
		return -1;
	path = cx_path_join(save_dir, name);
	rc = cx_outfile_open(of, path, err);
	free(path);
	return rc;
}

int
cli_tune(int argc, char **argv)
{
	const char *maps = NULL, *gtp = NULL, *save_dir = ".";
	struct cx_heatmap_list l = {0};
	struct cx_segfile gt = {0};
	struct cx_outfile of = {0};
	struct cx_err err = {0};
	struct tune_job j = {0};
	struct progress pr;
	double *col = NULL;
	size_t nwork = 0, failed;
	int npos, rc, jobs = 0, quiet = 0, ret = 1;
	const struct opt opts[] = {
		{ "maps|map_dir|m", OPT_STR, &maps, "DIR", "folder of heatmaps (*_map.pkl, .npy, .png)" },
		{ "gt|gt_path|g", OPT_STR, &gtp, "FILE", "ground-truth segmentation JSON" },
		{ "save-dir|save_dir|o", OPT_STR, &save_dir, "DIR", "output folder (default .)" },
		{ "jobs|j", OPT_INT, &jobs, "N", "worker threads (default: all cores)" },
		{ "quiet|q", OPT_BOOL, &quiet, NULL, "no progress bar, no table" },
		{ NULL, 0, NULL, NULL, NULL },
	};

	rc = opt_parse("tune", "thresholds|prob-cutoffs --maps DIR --gt FILE [--save-dir DIR]",
	    about, opts, argc, argv, &npos);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if (npos != 1 || (strcmp(argv[1], "thresholds") != 0 && strcmp(argv[1], "prob-cutoffs") != 0)) {
		cli_fail("tune", "want 'tune thresholds' or 'tune prob-cutoffs' (try --help)");
		return 2;
	}
	if (maps == NULL || gtp == NULL) {
		cli_fail("tune", "--maps and --gt are required (try --help)");
		return 2;
	}
	j.prob = strcmp(argv[1], "prob-cutoffs") == 0;
	if (cx_segfile_load(&gt, gtp, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	memset(&err, 0, sizeof err);
	if (cx_heatmap_list_dir(&l, maps, &err) == -1) {
		cx_err_file(&err, maps);
		goto fail;
	}
	cx_tune_thresholds(j.thr);
	j.l = &l;
	j.gt = &gt;
	j.iou = cx_xreallocarray(NULL, (l.n ? l.n : 1) * CX_TUNE_NCUT, sizeof *j.iou);
	for (size_t i = 0; i < l.n * CX_TUNE_NCUT; i++)
		j.iou[i] = NAN;
	j.errs = cx_xcalloc(l.n + 1, sizeof *j.errs);
	/* Unknown pathologies are not part of any sweep. */
	j.work = cx_xcalloc(l.n + 1, sizeof *j.work);
	for (size_t i = 0; i < l.n; i++)
		if (l.task[i] >= 0)
			j.work[nwork++] = i;
	progress_init(&pr, j.prob ? "prob-cutoffs" : "thresholds", quiet);
	failed = cx_pool_run(nwork, jobs, tune_work, &j, progress_update, &pr);
	progress_done(&pr);
	if (failed) {
		for (size_t i = 0; i < l.n; i++)
			if (j.errs[i].msg[0]) {
				err = j.errs[i];
				break;
			}
		goto fail;
	}
	col = cx_xreallocarray(NULL, l.n + 1, sizeof *col);
	if (write_csv(save_dir, j.prob ? "probability_tuning_results.csv" : "tuning_results.csv",
	    &of, &err) == -1)
		goto fail;
	fprintf(of.fp, j.prob ? "prob_threshold,mIoU,task\n" : "threshold,task\n");
	if (!quiet)
		printf(j.prob ? "%-27s cutoff  mIoU\n" : "%-27s threshold  mIoU\n", "pathology");
	for (int k = 0; k < CX_NTASKS; k++) {
		int task = cx_task_sorted[k], ncand;
		double cand[CX_TUNE_NCUT], miou[CX_TUNE_NCUT];
		char b[2][32];
		ncand = j.prob ? cx_tune_cutoffs(task, cand) : CX_TUNE_NTHR;
		if (!j.prob)
			memcpy(cand, j.thr, sizeof j.thr);
		for (int c = 0; c < ncand; c++) {
			size_t m = 0;
			/* The sweep's list: this pathology's heatmaps in path order. */
			for (size_t i = 0; i < l.n; i++)
				if (l.task[i] == task)
					col[m++] = j.iou[i * CX_TUNE_NCUT + c];
			miou[c] = cx_bootstrap_nanmean(col, m, NULL);
			if (j.prob)
				miou[c] = cx_round_np(miou[c], 3);
		}
		if (j.prob) {
			for (int c = 0; c < ncand; c++) {
				fprintf(of.fp, "%s,%s,%s\n", cx_fmt_csv(cx_round_np(cand[c], 1), b[0]),
				    cx_fmt_csv(miou[c], b[1]), cx_task_names[task]);
				if (!quiet)
					printf("%-27s %6.1f  %s\n", cx_task_names[task], cand[c],
					    isnan(miou[c]) ? "-" : cx_fmt_repr(miou[c], b[1]));
			}
		} else {
			/* Python's max(): the first candidate unless a later one is
			 * strictly greater (so a leading NaN wins). */
			int best = 0;
			for (int c = 1; c < ncand; c++)
				if (miou[c] > miou[best])
					best = c;
			fprintf(of.fp, "%s,%s\n", cx_fmt_csv(cx_round_np(cand[best], 1), b[0]),
			    cx_task_names[task]);
			if (!quiet)
				printf("%-27s %9.1f  %.3f\n", cx_task_names[task], cand[best], miou[best]);
		}
	}
	if (cx_outfile_commit(&of, &err) == -1)
		goto fail;
	ret = 0;
	goto out;
fail:
	cli_error(&err);
	cx_outfile_abort(&of);
out:
	free(col);
	free(j.iou);
	free(j.errs);
	free(j.work);
	cx_heatmap_list_fini(&l);
	cx_segfile_fini(&gt);
	return ret;
}
