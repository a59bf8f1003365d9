/* cli_info: what a dataset folder holds and what is missing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dataset.h"
#include "escape.h"
#include "jsonout.h"
#include "opts.h"

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

int
cli_info(int argc, char **argv)
{
	const char *dir = NULL;
	struct cx_dataset_opts o;
	struct cx_dataset ds;
	struct cx_err err = {0};
	int json = 0, npos = 0, rc, bad = 0;
	size_t nimg = 0, nlab = 0;
	struct opt opts[] = {
		{ "dir|d", OPT_STR, &dir, "DIR", "dataset folder (default: the current folder)" },
		{ "json", OPT_BOOL, &json, NULL, "one JSON object" },
		{ "labels", OPT_STR, &o.path[CX_DS_LABELS], "CSV", "label CSV" },
		{ "gt|gt_path", OPT_STR, &o.path[CX_DS_GT_SEG], "JSON", "GT segmentations" },
		{ "gt-ann|gt_ann", OPT_STR, &o.path[CX_DS_GT_ANN], "JSON", "GT annotations" },
		{ "hb|hb_path", OPT_STR, &o.path[CX_DS_HB_SEG], "JSON", "human-benchmark segmentations" },
		{ "points|hb_points", OPT_STR, &o.path[CX_DS_HB_PTS], "JSON", "human-benchmark salient points" },
		{ "pred|pred_path", OPT_STR, &o.path[CX_DS_PRED_SEG], "JSON", "predicted segmentations" },
		{ "heatmaps|map_dir", OPT_STR, &o.path[CX_DS_HEATMAPS], "DIR", "heatmap folder" },
		{ "images", OPT_STR, &o.images, "DIR", "folder of patient*/study*/view* images" },
		{ "rasterize", OPT_BOOL, &o.rasterize, NULL,
		    "GT/HB masks from the annotations when there is no segmentation file" },
		{ 0 }
	};

	memset(&o, 0, sizeof o);
	rc = opt_parse("info", "[DIR] [--json] [--dir DIR]",
	    "What a dataset folder holds (CXRs, patients, files found) and what is missing.",
	    opts, argc, argv, &npos);
	if (rc != 0)
		return rc < 0 ? 2 : 0;
	if (npos > 1 || (npos == 1 && dir != NULL)) {
		cli_fail("info", "one dataset folder, please");
		return 2;
	}
	if (npos == 1)
		dir = argv[1];
	if (dir == NULL)
		dir = ".";
	if (cx_dataset_open(&ds, dir, &o, &err) == -1) {
		cli_error(&err);
		return 1;
	}
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
	if (json)
		info_json(&ds, nimg, nlab);
	else
		info_text(&ds, nimg, nlab);
	cx_dataset_fini(&ds);
	return bad;
}
