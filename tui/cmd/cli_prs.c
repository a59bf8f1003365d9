/* cli_prs: precision_recall_specificity.py — pixel precision, recall and
 * specificity per pathology, summed over the ground-truth CXRs; counted on
 * the runs of the masks. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "evaluate.h"
#include "fmt.h"
#include "outfile.h"
#include "segjson.h"
#include "tasks.h"

static const char about[] =
    "Pixel-level precision, recall (sensitivity) and specificity per pathology\n"
    "over the ground-truth CXRs (a missing prediction is empty), for a method's\n"
    "segmentations (--pred) and/or the human benchmark's (--hb). Writes\n"
    "pred_precision_recall_specificity.csv and hb_precision_recall_specificity.csv.";

/* x / y as NumPy divides int64 counts: 0/0 is NaN, x/0 inf. */
static double
ratio(uint64_t x, uint64_t y)
{
	if (y == 0)
		return x == 0 ? NAN : INFINITY;
	return (double)x / (double)y;
}

/* Compute and write one CSV into of (left open: the caller commits both
 * files only when both succeeded). */
static int
prs_one(const struct cx_segfile *gt, const char *seg_path, const char *save_dir,
    const char *source, int quiet, struct cx_outfile *ofp)
{
	struct cx_segfile seg = {0};
	struct cx_pixcounts pc[CX_NTASKS];
	struct cx_evalnotes notes = {0};
	struct cx_outfile of = {0};
	struct cx_err err = {0};
	char name[64], b[3][32], *path;
	int rc;

	if (cx_segfile_load(&seg, seg_path, &err) == -1)
		goto fail;
	if (cx_evaluate_pixels(gt, &seg, pc, &notes, &err) == -1) {
		cx_err_file(&err, seg_path);
		goto fail;
	}
	if (notes.missing_task && !quiet)
		cli_note("%s: %zu (CXR, pathology) pairs missing, taken as empty (the "
		    "reference would stop with a KeyError)", seg_path, notes.missing_task);
	snprintf(name, sizeof name, "%s_precision_recall_specificity.csv", source);
	path = cx_path_join(save_dir, name);
	rc = cx_outfile_open(&of, path, &err);
	free(path);
	if (rc == -1)
		goto fail;
	fprintf(of.fp, ",pathology,precision,recall/sensitivity,specificity\n");
	if (!quiet)
		printf("%s (%s)\n%-27s %9s %9s %11s\n", source, seg_path, "pathology",
		    "precision", "recall", "specificity");
	for (int k = 0; k < CX_NTASKS; k++) {
		const struct cx_pixcounts *c = &pc[cx_task_sorted[k]];
		double p = ratio(c->tp, c->tp + c->fp), r = ratio(c->tp, c->tp + c->fn);
		double s = ratio(c->tn, c->tn + c->fp);
		fprintf(of.fp, "%d,%s,%s,%s,%s\n", k, cx_task_names[cx_task_sorted[k]],
		    cx_fmt_csv(p, b[0]), cx_fmt_csv(r, b[1]), cx_fmt_csv(s, b[2]));
		if (!quiet)
			printf("%-27s %9.4f %9.4f %11.4f\n", cx_task_names[cx_task_sorted[k]], p, r, s);
	}
	if (ferror(of.fp)) {
		cx_err_file(&err, of.path);
		cx_err_set(&err, "cannot write: %s", strerror(errno ? errno : EIO));
		goto fail;
	}
	*ofp = of;
	cx_segfile_fini(&seg);
	return 0;
fail:
	cli_error(&err);
	cx_outfile_abort(&of);
	cx_segfile_fini(&seg);
	return 1;
}

struct prs_args {
	const char	*pred, *hb;
};

#define O(f, ...)	CMD_OPT(struct prs_args, f, __VA_ARGS__)
static const struct cmd_opt prs_opts[] = {
	O(pred, "pred|pred_seg_path|p", OPT_STR, "FILE", "method segmentation JSON"),
	O(hb, "hb|hb_seg_path", OPT_STR, "FILE", "human-benchmark segmentation JSON"),
	{ 0 }
};

static int
prs_run(const struct cmd_ctx *c, void *args)
{
	const struct prs_args *a = args;
	const char *gtp = c->gt, *predp = a->pred, *hbp = a->hb, *save_dir = c->save_dir;
	struct cx_segfile gt = {0};
	struct cx_outfile of[2] = {{0}};
	struct cx_err err = {0};
	int rc, quiet = c->quiet;

	if (c->npos > 0 || gtp == NULL || (predp == NULL && hbp == NULL))
		return cmd_usage(c, "--gt and at least one of --pred, --hb are required (try --help)");
	if (cx_segfile_load(&gt, gtp, &err) == -1 || cx_mkdirs(save_dir, &err) == -1) {
		cx_segfile_fini(&gt);
		return cmd_failed(&err);
	}
	rc = 0;
	if (predp && prs_one(&gt, predp, save_dir, "pred", quiet, &of[0]) != 0)
		rc = 1;
	if (rc == 0 && hbp && prs_one(&gt, hbp, save_dir, "hb", quiet, &of[1]) != 0)
		rc = 1;
	/* the pred and hb CSVs are one set: all renamed or none */
	if (rc == 0 && cx_outfile_commit_set(of, 2, &err) == -1) {
		cli_error(&err);
		rc = 1;
	}
	for (int i = 0; i < 2; i++)
		cx_outfile_abort(&of[i]);
	cx_segfile_fini(&gt);
	return rc;
}

const struct cmd_entry cmd_prs_entry = {
	.name = "prs", .summary = "pixel precision, recall and specificity",
	.usage = "--gt FILE [--pred FILE] [--hb FILE] [--save-dir DIR] [options]", .about = about,
	.flags = CMD_GT | CMD_SAVE_DIR | CMD_QUIET, .help = { [CMD_C_QUIET] = "no table on stdout" },
	.opts = prs_opts, CMD_ARGS(struct prs_args, NULL), .run = prs_run,
};
