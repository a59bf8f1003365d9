/* cli_features: compute_pathology_features.py — number of instances, area
 * ratio, elongation and rectangularity per annotated CXR and pathology. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "annjson.h"
#include "cli.h"
#include "outfile.h"
#include "pathfeat.h"
#include "segjson.h"

static const char about[] =
    "Pathology features of the ground truth (one row per annotated CXR, one\n"
    "column per pathology): num_instances.csv (annotated polygons),\n"
    "area_ratio.csv (mask pixels / image pixels), elongation.csv and\n"
    "rec_area_ratio.csv (from the minimum-area rectangle around the longest\n"
    "contour of the mask). Empty masks give 0, 0, and empty fields.";

struct features_args {
	const char	*ann, *seg;
};

#define O(f, ...)	CMD_OPT(struct features_args, f, __VA_ARGS__)
static const struct cmd_opt features_opts[] = {
	O(ann, "gt-ann|gt_ann|a", OPT_STR, "FILE", "ground-truth annotation JSON (polygons)"),
	O(seg, "gt-seg|gt_seg|g", OPT_STR, "FILE", "ground-truth segmentation JSON"),
	{ 0 }
};

static int
features_run(const struct cmd_ctx *c, void *args)
{
	const struct features_args *a = args;
	const char *annp = a->ann, *segp = a->seg, *save_dir = c->save_dir;
	struct cx_annfile ann = {0};
	struct cx_segfile seg = {0};
	struct cx_pathfeat f = {0};
	struct cx_outfile of[CX_NFEAT] = {{0}};
	struct cx_err err = {0};
	int rc, k;

	if (c->npos > 0 || annp == NULL || segp == NULL)
		return cmd_usage(c, "--gt-ann and --gt-seg are required (try --help)");
	/* a fresh error per file: a successful load leaves its file name in err */
	if (cx_annfile_load(&ann, annp, &err) == -1 ||
	    (memset(&err, 0, sizeof err), cx_segfile_load(&seg, segp, &err)) == -1 ||
	    cx_mkdirs(save_dir, &err) == -1)
		goto fail;
	cx_pathfeat_compute(&f, &ann, &seg);
	for (k = 0; k < CX_NFEAT; k++) {
		char *path = cx_path_join(save_dir, cx_pathfeat_files[k]);
		rc = cx_outfile_open(&of[k], path, &err);
		free(path);
		if (rc == -1)
			goto fail;
		cx_pathfeat_write(&f, (enum cx_feature)k, of[k].fp);
	}
	/* the four CSVs are one set: all renamed or none */
	if (cx_outfile_commit_set(of, CX_NFEAT, &err) == -1)
		goto fail;
	if (f.nthin && !c->quiet)
		cli_note("%zu mask%s only one pixel wide or high (first: %s): elongation "
		    "and rec_area_ratio written as empty (the reference would stop "
		    "with a division by zero)", f.nthin, f.nthin == 1 ? " is" : "s are",
		    f.thin_first);
	cx_pathfeat_fini(&f);
	cx_annfile_fini(&ann);
	cx_segfile_fini(&seg);
	return CMD_OK;
fail:
	cli_error(&err);
	for (k = 0; k < CX_NFEAT; k++)
		cx_outfile_abort(&of[k]);
	cx_pathfeat_fini(&f);
	cx_annfile_fini(&ann);
	cx_segfile_fini(&seg);
	return CMD_FAILED;
}

const struct cmd_entry cmd_features_entry = {
	.name = "features", .summary = "pathology features: instances, area, elongation, rectangularity",
	.usage = "--gt-ann FILE --gt-seg FILE [--save-dir DIR] [options]", .about = about,
	.flags = CMD_SAVE_DIR | CMD_QUIET, .help = { [CMD_C_QUIET] = "no notes on stderr" },
	.opts = features_opts, CMD_ARGS(struct features_args, NULL), .run = features_run,
};
