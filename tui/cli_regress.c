/* cli_regress: regression_pathology_features.py — how the localization
 * metrics depend on the pathology features. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvread.h"
#include "opts.h"
#include "outfile.h"
#include "regress.h"

static const char about[] =
    "Linear regressions of a method's per-CXR IoU and hit/miss (and, with\n"
    "--evaluate-hb, of the human benchmark minus the method) on each pathology\n"
    "feature of `chexplore features`, min-max normalized and pooled over the\n"
    "pathologies: slope, 95% CI, and stars for the Bonferroni-corrected p-value\n"
    "(* < 0.05, ** < 0.01, *** < 0.001). Writes regression_features_pred_iou.csv\n"
    "and regression_features_pred_hitmiss.csv (with --evaluate-hb also\n"
    "regression_features_iou_diff.csv and regression_features_hitmiss_diff.csv).";

static int
load(struct cx_csvread *t, const char *path, struct cx_err *err)
{
	/* a fresh error per file: a successful load leaves its file name in err */
	memset(err, 0, sizeof *err);
	if (cx_csvread_load(t, path, err) == -1) {
		cx_err_file(err, path);
		return -1;
	}
	return 0;
}

int
cli_regress(int argc, char **argv)
{
	const char *fdir = NULL, *piou = NULL, *phit = NULL, *hiou = NULL, *hhit = NULL;
	const char *save_dir = ".";
	static const char *const ffiles[CX_REG_NFEAT] = {
		"num_instances.csv", "area_ratio.csv", "elongation.csv", "rec_area_ratio.csv",
	};
	struct cx_csvread ft[CX_REG_NFEAT], t_piou = {0}, t_phit = {0}, t_hiou = {0},
	    t_hhit = {0};
	struct cx_regress_in in = {0};
	struct cx_regress_out out;
	struct cx_outfile of[CX_REG_NY];
	struct cx_err err = {0};
	char *fpath[CX_REG_NFEAT] = {0};
	int npos, rc, hb = 0, quiet = 0, j;
	const struct opt opts[] = {
		{ "features-dir|features_dir|f", OPT_STR, &fdir, "DIR", "output folder of `chexplore features`" },
		{ "pred-iou|pred_iou_results", OPT_STR, &piou, "CSV", "method's iou_results_per_cxr.csv" },
		{ "pred-hitmiss|pred_hitmiss_results", OPT_STR, &phit, "CSV", "method's hitmiss_results_per_cxr.csv" },
		{ "evaluate-hb|evaluate_hb", OPT_BOOL, &hb, NULL, "also regress human benchmark minus method" },
		{ "hb-iou|hb_iou_results", OPT_STR, &hiou, "CSV", "human benchmark's per-CXR IoU CSV" },
		{ "hb-hitmiss|hb_hitmiss_results", OPT_STR, &hhit, "CSV", "human benchmark's per-CXR hit/miss CSV" },
		{ "save-dir|save_dir|o", OPT_STR, &save_dir, "DIR", "output folder (default .)" },
		{ "quiet|q", OPT_BOOL, &quiet, NULL, "no notes on stderr" },
		{ NULL, 0, NULL, NULL, NULL },
	};

	memset(ft, 0, sizeof ft);
	memset(of, 0, sizeof of);
	rc = opt_parse("regress", "--features-dir DIR --pred-iou CSV --pred-hitmiss CSV "
	    "[--evaluate-hb --hb-iou CSV --hb-hitmiss CSV] [--save-dir DIR]", about, opts,
	    argc, argv, &npos);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if (npos > 0 || fdir == NULL || piou == NULL || phit == NULL) {
		cli_fail("regress", "--features-dir, --pred-iou and --pred-hitmiss are "
		    "required (try --help)");
		return 2;
	}
	if (hb && (hiou == NULL || hhit == NULL)) {
		cli_fail("regress", "--evaluate-hb needs --hb-iou and --hb-hitmiss");
		return 2;
	}
	rc = 1;
	for (int f = 0; f < CX_REG_NFEAT; f++) {
		fpath[f] = cx_path_join(fdir, ffiles[f]);
		if (load(&ft[f], fpath[f], &err) == -1)
			goto fail;
		in.feat[f] = &ft[f];
		in.feat_name[f] = fpath[f];
	}
	if (load(&t_piou, piou, &err) == -1 || load(&t_phit, phit, &err) == -1)
		goto fail;
	in.pred_iou = &t_piou;
	in.pred_iou_name = piou;
	in.pred_hit = &t_phit;
	in.pred_hit_name = phit;
	if (hb) {
		if (load(&t_hiou, hiou, &err) == -1 || load(&t_hhit, hhit, &err) == -1)
			goto fail;
		in.hb_iou = &t_hiou;
		in.hb_iou_name = hiou;
		in.hb_hit = &t_hhit;
		in.hb_hit_name = hhit;
	}
	if (cx_regress_features(&in, &out, &err) == -1 || cx_mkdirs(save_dir, &err) == -1)
		goto fail;
	for (j = 0; j < CX_REG_NY; j++) {
		char name[80], *path;
		if (!out.has[j])
			continue;
		snprintf(name, sizeof name, "regression_features_%s.csv", cx_regress_y_names[j]);
		path = cx_path_join(save_dir, name);
		rc = cx_outfile_open(&of[j], path, &err);
		free(path);
		if (rc == -1) {
			rc = 1;
			goto fail;
		}
		cx_regress_write(&out, j, of[j].fp);
	}
	rc = 1;
	for (j = 0; j < CX_REG_NY; j++)
		if (out.has[j] && cx_outfile_commit(&of[j], &err) == -1)
			goto fail;
	if (!quiet && out.realigned)
		cli_note("the result CSVs' rows are not the feature CSVs' CXRs with an "
		    "instance, in order: rows joined by img_id (the reference pairs them "
		    "by position, mixing up CXRs, or stops)");
	if (!quiet && out.unmatched)
		cli_note("%zu feature rows have no result row (first: %s): taken as "
		    "missing values", out.unmatched, out.unmatched_first);
	rc = 0;
	goto done;
fail:
	cli_error(&err);
	for (j = 0; j < CX_REG_NY; j++)
		cx_outfile_abort(&of[j]);
done:
	for (int f = 0; f < CX_REG_NFEAT; f++) {
		cx_csvread_fini(&ft[f]);
		free(fpath[f]);
	}
	cx_csvread_fini(&t_piou);
	cx_csvread_fini(&t_phit);
	cx_csvread_fini(&t_hiou);
	cx_csvread_fini(&t_hhit);
	return rc;
}
