/* cli_count: number of CXRs with a non-empty mask per pathology (the
 * reference's count_segs.py), written as n_segs.csv. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "opts.h"
#include "outfile.h"
#include "segjson.h"

static const char about[] =
    "Count, per pathology, the CXRs whose mask is non-empty in a segmentation\n"
    "JSON and write SAVE_DIR/n_segs.csv (as the reference's count_segs.py).\n"
    "A CXR that lacks a pathology counts as an empty mask for it.";

int
cli_count(int argc, char **argv)
{
	const char *seg = NULL, *dir = NULL;
	struct cx_segfile f;
	struct cx_outfile of;
	struct cx_err err = {0};
	size_t n[CX_NTASKS] = {0};
	int npos, rc, missing = 0;
	char *path;
	const struct opt opts[] = {
		{ "seg_path|seg|s", OPT_STR, &seg, "FILE", "segmentation JSON" },
		{ "save-dir|save_dir|out|o", OPT_STR, &dir, "DIR", "output folder (created if needed; default .)" },
		{ NULL, 0, NULL, NULL, NULL },
	};

	rc = opt_parse("count", "FILE | --seg_path FILE [--save-dir DIR]", about, opts, argc, argv, &npos);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if (npos == 1 && seg == NULL)
		seg = argv[1];
	else if (npos > 0) {
		cli_fail("count", "unexpected argument '%s' (try --help)", argv[npos]);
		return 2;
	}
	if (seg == NULL) {
		cli_fail("count", "a segmentation JSON is required: count FILE or --seg_path FILE");
		return 2;
	}
	if (dir == NULL)
		dir = ".";
	if (cx_segfile_load(&f, seg, &err) == -1) {
		cli_error(&err);
		return 1;
	}
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
	if (cx_mkdirs(dir, &err) == -1) {
		cli_error(&err);
		return 1;
	}
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
	if (rc == -1) {
		cli_error(&err);
		return 1;
	}
	return 0;
}
