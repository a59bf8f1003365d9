/* cli_count: number of CXRs with a non-empty mask per pathology (the
 * reference's count_segs.py), written as n_segs.csv. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "outfile.h"
#include "segjson.h"

static const char about[] =
    "Count, per pathology, the CXRs whose mask is non-empty in a segmentation\n"
    "JSON and write SAVE_DIR/n_segs.csv (as the reference's count_segs.py).\n"
    "A CXR that lacks a pathology counts as an empty mask for it.";

struct count_args {
	const char	*seg;
};

static const struct cmd_opt count_opts[] = {
	CMD_OPT(struct count_args, seg, "seg_path|seg|s", OPT_STR, "FILE", "segmentation JSON"),
	{ 0 }
};

static int
count_run(const struct cmd_ctx *c, void *args)
{
	const struct count_args *a = args;
	const char *seg = a->seg, *dir = c->save_dir;
	struct cx_segfile f;
	struct cx_outfile of;
	struct cx_err err = {0};
	size_t n[CX_NTASKS] = {0};
	int rc, missing = 0;
	char *path;

	if (c->npos == 1 && seg == NULL)
		seg = c->pos[0];
	else if (c->npos > 0)
		return cmd_usage(c, "unexpected argument '%s' (try --help)", c->pos[c->npos - 1]);
	if (seg == NULL)
		return cmd_usage(c, "a segmentation JSON is required: count FILE or --seg_path FILE");
	if (cx_segfile_load(&f, seg, &err) == -1)
		return cmd_failed(&err);
	for (size_t i = 0; i < f.n; i++)
		for (int t = 0; t < CX_NTASKS; t++) {
			/* a run of ones exists iff there are more than one run */
			if (f.e[i].m[t].n > 1 && cx_rle_area(&f.e[i].m[t]) > 0)
				n[t]++;
			if (!f.e[i].present[t])
				missing++;
		}
	cx_segfile_fini(&f);
	if (missing > 0)
		cli_note("%s: %d masks missing, counted as empty (the reference stops with a KeyError)",
		    seg, missing);
	if (cx_mkdirs(dir, &err) == -1)
		return cmd_failed(&err);
	path = cx_path_join(dir, "n_segs.csv");
	if (cx_outfile_open(&of, path, &err) == -1) {
		free(path);
		cli_error(&err);
		return 1;
	}
	/* pandas DataFrame.from_dict(orient="index").to_csv(): header ",0" */
	fputs(",0\n", of.fp);
	for (int i = 0; i < CX_NTASKS; i++) {
		int t = cx_task_sorted[i];
		fprintf(of.fp, "%s,%zu\n", cx_task_names[t], n[t]);
	}
	rc = cx_outfile_commit(&of, &err);
	free(path);
	if (rc == -1)
		return cmd_failed(&err);
	return CMD_OK;
}

const struct cmd_entry cmd_count_entry = {
	.name = "count", .summary = "number of non-empty masks per pathology",
	.usage = "FILE | --seg_path FILE [--save-dir DIR]", .about = about, .flags = CMD_SAVE_DIR,
	.names = { [CMD_C_SAVE_DIR] = "save-dir|save_dir|out|o" },
	.help = { [CMD_C_SAVE_DIR] = "output folder (created if needed; default .)" },
	.opts = count_opts, CMD_ARGS(struct count_args, NULL), .run = count_run,
};
