/* cli_segment: polygons or heatmaps to a segmentation JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "segjson.h"
#include "segment.h"
#include "xalloc.h"

static const char about[] =
    "Polygons (--annotations) or heatmaps (--maps) to a segmentation JSON.\n"
    "Heatmaps are binarized by Otsu's method, or by per-pathology thresholds\n"
    "(--thresholds tuning_results.csv), optionally zeroed below tuned probability\n"
    "cutoffs (--prob-cutoffs probability_tuning_results.csv).";

/* The output's parent folders are made first (the reference's
 * heatmap_to_segmentation.py does so), and --gt's masks size the heatmaps
 * that have no cxr_dims. */
static int
segment_with_parents(const struct cmd_ctx *c, struct segment_opts *o)
{
	struct cx_err err = { 0 };
	struct cx_segfile gt = { 0 };
	char *dir = cx_xstrdup(o->out), *slash = strrchr(dir, '/');
	int rc;

	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if (cx_mkdirs(dir, &err) == -1) {
			free(dir);
			cli_error(&err);
			return CMD_FAILED;
		}
	}
	free(dir);
	if (c->gt != NULL) {
		if (cx_segfile_load(&gt, c->gt, &err) == -1) {
			cx_err_file(&err, c->gt);
			cli_error(&err);
			return CMD_FAILED;
		}
		o->dims_from = &gt;
	}
	rc = o->ann_path != NULL ? segment_from_annotations(o) : segment_from_maps(o);
	cx_segfile_fini(&gt);
	return rc;
}

/* segment_opts plus what only the command line has. */
struct segment_args {
	struct segment_opts o;
	const char	*dims;
	int		 smooth_k;
};

#define O(f, ...)	CMD_OPT(struct segment_args, f, __VA_ARGS__)
static const struct cmd_opt segment_optab[] = {
	O(o.ann_path, "annotations|ann_path|a", OPT_STR, "FILE", "annotation JSON (polygons)"),
	O(o.threshold_path, "thresholds|threshold_path", OPT_STR, "CSV",
	    "per-pathology thresholds (tuning_results.csv)"),
	O(o.prob_path, "prob-cutoffs|probability_threshold_path", OPT_STR, "CSV",
	    "probability cutoffs (probability_tuning_results.csv)"),
	O(o.smooth, "if_smoothing", OPT_BOOL, "True|False", "box-smooth before Otsu (reference flag)"),
	O(o.k, "k", OPT_INT, "K", "box filter size for --if_smoothing (reference flag)"),
	O(smooth_k, "smooth", OPT_INT, "K", "box-smooth with a KxK filter before Otsu"),
	O(dims, "dims", OPT_STR, "WxH", "image size for heatmaps without cxr_dims (.npy, .png)"),
	O(o.out, "out|output_path|o", OPT_STR, "FILE",
	    "output segmentation JSON (default saliency_segmentations.json, or "
	    "human_segmentations.json for --annotations, as the reference)"),
	{ 0 }
};

static int
segment_run(const struct cmd_ctx *c, void *args)
{
	struct segment_args *a = args;
	struct segment_opts *o = &a->o;

	o->map_dir = c->maps;
	o->shard = c->shard;
	o->shard_k = c->shard_k;
	o->shard_n = c->shard_n;
	o->jobs = c->jobs;
	o->quiet = c->quiet;
	o->tasks = c->tasks_given ? c->tasks : 0;
	if (c->npos > 0)
		return cmd_usage(c, "unexpected argument '%s' (try --help)", c->pos[0]);
	if ((o->ann_path == NULL) == (o->map_dir == NULL))
		return cmd_usage(c, "give exactly one of --annotations FILE or --maps DIR");
	/* the reference's default output names */
	if (o->out == NULL)
		o->out = o->ann_path != NULL ? "human_segmentations.json" :
		    "saliency_segmentations.json";
	if (a->smooth_k != 0) {
		o->smooth = 1;
		o->k = a->smooth_k;
	}
	if (o->k < 0 || o->k > 255)
		return cmd_usage(c, "--smooth/--k: want a size between 1 and 255");
	if (a->dims != NULL) {
		char *end;
		unsigned long w = strtoul(a->dims, &end, 10), h = 0;
		if (*end == 'x' || *end == 'X')
			h = strtoul(end + 1, &end, 10);
		if (*end != '\0' || w == 0 || h == 0 || w > 30000 || h > 30000)
			return cmd_usage(c, "--dims: want WIDTHxHEIGHT, e.g. 2828x2320");
		o->dims_w = (unsigned)w;
		o->dims_h = (unsigned)h;
	}
	if (o->k > 0 && !o->smooth)
		cli_note("--k without --if_smoothing True: no smoothing (as the reference)");
	if (c->gt != NULL && o->ann_path != NULL)
		return cmd_usage(c, "--gt sizes heatmaps: it goes with --maps");
	return segment_with_parents(c, o);
}

const struct cmd_entry cmd_segment_entry = {
	.name = "segment", .summary = "heatmaps or polygons to segmentation masks",
	.usage = "--annotations FILE [--out FILE] [--jobs N] [--quiet]\n"
	    "--maps DIR [--out FILE] [--thresholds CSV] [--prob-cutoffs CSV] "
	    "[--smooth K | --if_smoothing True --k K] [--dims WxH | --gt FILE] [--shard K/N] [--pathologies LIST] [--jobs N] [--quiet]",
	.about = about, .flags = CMD_GT | CMD_MAPS | CMD_SHARD | CMD_PATHOLOGIES | CMD_JOBS | CMD_QUIET,
	.help = { [CMD_C_SHARD] = "only the K-th of N parts of the heatmaps (see merge)",
	    [CMD_C_GT] = "ground truth: its mask sizes for heatmaps without cxr_dims" },
	.opts = segment_optab, CMD_ARGS(struct segment_args, NULL), .run = segment_run,
};
