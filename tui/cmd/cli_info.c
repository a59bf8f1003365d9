/* cli_info: what a dataset folder holds and what is missing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dataset.h"
#include "escape.h"
#include "jsonout.h"

static void
info_text(const struct cx_dataset *ds, size_t nimg, size_t nlab)
{
	char e1[1024], e2[1024];

	printf("dataset   %s\n", cx_escape_buf(ds->dir, e1, sizeof e1));
	printf("CXRs      %zu (%zu patients), %zu with an image, %zu labelled\n", ds->n,
	    ds->npatients, nimg, nlab);
	printf("files\n");
	for (size_t f = 0; f < ds->nfile; f++) {
		const struct cx_ds_file *df = &ds->file[f];
		char what[128];
		if (df->failed)
			snprintf(what, sizeof what, "unreadable");
		else if (df->rasterized)
			snprintf(what, sizeof what, "%zu CXRs (rasterized)", df->nids);
		else if (df->role == CX_DS_HEATMAPS)
			snprintf(what, sizeof what, "%zu heatmaps, %zu CXRs", df->nitems, df->nids);
		else
			snprintf(what, sizeof what, "%zu CXRs", df->nids);
		const char *shown = df->path;
		size_t dl = strlen(ds->dir);
		if (strncmp(shown, ds->dir, dl) == 0 && shown[dl] == '/')
			shown += dl + 1;	/* relative to the dataset folder */
		printf("  %-24s %-36s %s\n", cx_dataset_role_name(df->role),
		    cx_escape_buf(shown, e2, sizeof e2), what);
	}
	if (ds->nnotes) {
		printf("missing or odd\n");
		for (size_t i = 0; i < ds->nnotes; i++)
			printf("  %s\n", cx_escape_buf(ds->notes[i], e1, sizeof e1));
	}
}

static void
info_json(const struct cx_dataset *ds, size_t nimg, size_t nlab)
{
	char buf[1200];

	printf("{\"dir\": ");
	cli_json_str(stdout, ds->dir);
	printf(", \"cxrs\": %zu, \"patients\": %zu, \"images\": %zu, \"labelled\": %zu, \"files\": [",
	    ds->n, ds->npatients, nimg, nlab);
	for (size_t f = 0; f < ds->nfile; f++) {
		const struct cx_ds_file *df = &ds->file[f];
		printf("%s{\"role\": ", f ? ", " : "");
		cli_json_str(stdout, cx_dataset_role_name(df->role));
		printf(", \"path\": ");
		cli_json_str(stdout, df->path);
		printf(", \"cxrs\": %zu", df->nids);
		if (df->role == CX_DS_HEATMAPS)
			printf(", \"heatmaps\": %zu", df->nitems);
		if (df->failed) {
			printf(", \"error\": ");
			cli_json_str(stdout, cx_err_format(&df->err, buf, sizeof buf));
		}
		printf("}");
	}
	printf("], \"missing\": [");
	for (size_t i = 0; i < ds->nnotes; i++) {
		if (i)
			printf(", ");
		cli_json_str(stdout, ds->notes[i]);
	}
	printf("]}\n");
}

#define O(f, ...)	CMD_OPT(struct cx_dataset_opts, f, __VA_ARGS__)
static const struct cmd_opt info_opts[] = {
	O(path[CX_DS_LABELS], "labels", OPT_STR, "CSV", "label CSV"),
	O(path[CX_DS_GT_SEG], "gt|gt_path", OPT_STR, "JSON", "GT segmentations"),
	O(path[CX_DS_GT_ANN], "gt-ann|gt_ann", OPT_STR, "JSON", "GT annotations"),
	O(path[CX_DS_HB_SEG], "hb|hb_path", OPT_STR, "JSON", "human-benchmark segmentations"),
	O(path[CX_DS_HB_PTS], "points|hb_points", OPT_STR, "JSON", "human-benchmark salient points"),
	O(path[CX_DS_PRED_SEG], "pred|pred_path", OPT_STR, "JSON", "predicted segmentations"),
	O(path[CX_DS_HEATMAPS], "heatmaps|map_dir", OPT_STR, "DIR", "heatmap folder"),
	O(images, "images", OPT_STR, "DIR", "folder of patient*/study*/view* images"),
	O(rasterize, "rasterize", OPT_BOOL, NULL,
	    "GT/HB masks from the annotations when there is no segmentation file"),
	{ 0 }
};

static int
info_run(const struct cmd_ctx *c, void *args)
{
	const struct cx_dataset_opts *o = args;
	struct cx_dataset ds;
	struct cx_err err = {0};
	int bad = 0;
	size_t nimg = 0, nlab = 0;

	if (cx_dataset_open(&ds, cmd_dir(c), o, &err) == -1)
		return cmd_failed(&err);
	for (size_t i = 0; i < ds.n; i++) {
		nimg += ds.cxr[i].image != NULL;
		nlab += ds.cxr[i].labels != NULL;
	}
	/* an inventory that says "fine" must mean every file parses */
	cx_dataset_check_files(&ds);
	for (size_t f = 0; f < ds.nfile; f++)
		if (ds.file[f].failed) {
			cli_error(&ds.file[f].err);
			bad = 1;
		}
	if (c->json)
		info_json(&ds, nimg, nlab);
	else
		info_text(&ds, nimg, nlab);
	cx_dataset_fini(&ds);
	return bad ? CMD_FAILED : CMD_OK;
}

const struct cmd_entry cmd_info_entry = {
	.name = "info", .summary = "what a dataset folder holds",
	.usage = "[DIR | --dir DIR] [--json] [options]",
	.about = "What a dataset folder holds (CXRs, patients, files found) and what is missing.",
	.flags = CMD_DIR | CMD_DIRPOS | CMD_JSON,
	.help = { [CMD_C_DIR] = "dataset folder (default: the current folder)" },
	.opts = info_opts, CMD_ARGS(struct cx_dataset_opts, NULL), .run = info_run,
};
