/* cli_regress: regression_pathology_features.py — how the localization
 * metrics depend on the pathology features — and, with --metric,
 * regression_model_assurance.py — how they depend on the model's
 * probability. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvread.h"
#include "heatmap.h"
#include "outfile.h"
#include "pool.h"
#include "progress.h"
#include "regress.h"
#include "xalloc.h"

static const char about[] =
    "Linear regressions of a method's per-CXR IoU and hit/miss (and, with\n"
    "--evaluate-hb, of the human benchmark minus the method) on each pathology\n"
    "feature of `chexplore features`, min-max normalized and pooled over the\n"
    "pathologies: slope, 95% CI, and stars for the Bonferroni-corrected p-value\n"
    "(* < 0.05, ** < 0.01, *** < 0.001). Writes regression_features_pred_iou.csv\n"
    "and regression_features_pred_hitmiss.csv (with --evaluate-hb also\n"
    "regression_features_iou_diff.csv and regression_features_hitmiss_diff.csv).\n"
    "\n"
    "With --metric, --map-dir and --pred-results instead: per pathology and\n"
    "pooled (Overall), the linear regression of the per-CXR metric on the\n"
    "model's probability (from the heatmap pickles) and Spearman's correlation\n"
    "with its Fisher-z 95% CI, written as regression_modelprob_<metric>.csv.";

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

/* ---- features mode ---- */

struct fargs {
	const char	*fdir, *piou, *phit, *hiou, *hhit, *save_dir;
	int		 hb, quiet;
};

static int
features(const struct fargs *a)
{
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
	int rc, j;

	memset(ft, 0, sizeof ft);
	memset(of, 0, sizeof of);
	rc = 1;
	for (int f = 0; f < CX_REG_NFEAT; f++) {
		fpath[f] = cx_path_join(a->fdir, ffiles[f]);
		if (load(&ft[f], fpath[f], &err) == -1)
			goto fail;
		in.feat[f] = &ft[f];
		in.feat_name[f] = fpath[f];
	}
	if (load(&t_piou, a->piou, &err) == -1 || load(&t_phit, a->phit, &err) == -1)
		goto fail;
	in.pred_iou = &t_piou;
	in.pred_iou_name = a->piou;
	in.pred_hit = &t_phit;
	in.pred_hit_name = a->phit;
	if (a->hb) {
		if (load(&t_hiou, a->hiou, &err) == -1 || load(&t_hhit, a->hhit, &err) == -1)
			goto fail;
		in.hb_iou = &t_hiou;
		in.hb_iou_name = a->hiou;
		in.hb_hit = &t_hhit;
		in.hb_hit_name = a->hhit;
	}
	if (cx_regress_features(&in, &out, &err) == -1 || cx_mkdirs(a->save_dir, &err) == -1)
		goto fail;
	for (j = 0; j < CX_REG_NY; j++) {
		char name[80], *path;
		if (!out.has[j])
			continue;
		snprintf(name, sizeof name, "regression_features_%s.csv", cx_regress_y_names[j]);
		path = cx_path_join(a->save_dir, name);
		rc = cx_outfile_open(&of[j], path, &err);
		free(path);
		if (rc == -1) {
			rc = 1;
			goto fail;
		}
		cx_regress_write(&out, j, of[j].fp);
	}
	rc = 1;
	/* the regression CSVs are one set: all renamed or none */
	if (cx_outfile_commit_set(of, CX_REG_NY, &err) == -1)
		goto fail;
	if (!a->quiet && out.realigned)
		cli_note("the result CSVs' rows are not the feature CSVs' CXRs with an "
		    "instance, in order: rows joined by img_id (the reference pairs them "
		    "by position, mixing up CXRs, or stops)");
	if (!a->quiet && out.unmatched)
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

/* ---- model-assurance mode ---- */

/* One heatmap pickle's probability, read on a pool thread. */
struct probjob {
	const struct cx_heatmap_list	*l;
	const size_t			*item;	/* list indices of the pickles */
	double				*prob;	/* per item */
	struct cx_err			*errs;	/* per item */
};

static int
prob_work(size_t i, void *ctx)
{
	struct probjob *j = ctx;
	const char *path = j->l->path[j->item[i]];
	struct cx_heatmap hm;

	memset(&hm, 0, sizeof hm);
	if (cx_heatmap_load(&hm, path, &j->errs[i]) == -1) {
		cx_err_file(&j->errs[i], path);
		return -1;
	}
	if (!hm.has_prob) {
		cx_heatmap_fini(&hm);
		cx_err_set(&j->errs[i], "no model probability (no 'prob' entry, or it is None)");
		cx_err_file(&j->errs[i], path);
		return -1;
	}
	/* a float32 tensor element is taken at its float value, as float()
	 * gives it */
	j->prob[i] = hm.prob;
	cx_heatmap_fini(&hm);
	return 0;
}

struct pent {
	const char	*id;
	int		 task;
	size_t		 k;	/* index into the job arrays */
};

static int
pent_cmp(const void *a, const void *b)
{
	const struct pent *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	if (x->task != y->task)
		return x->task < y->task ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

struct margs {
	const char	*metric, *map_dir, *pred, *save_dir;
	int		 jobs, quiet;
};

static int
modelprob(const struct margs *a)
{
	struct cx_heatmap_list l;
	struct cx_csvread res = {0};
	struct cx_regress_ma_out out;
	struct cx_regress_prob *probs = NULL;
	struct cx_outfile of = {0};
	struct cx_err err = {0};
	struct probjob j = {0};
	struct progress pr;
	struct pent *pe = NULL;
	size_t *item = NULL, nitem = 0, nprobs = 0;
	char name[64], *path;
	int rc = 1;

	memset(&l, 0, sizeof l);
	if (load(&res, a->pred, &err) == -1)
		goto fail;
	memset(&err, 0, sizeof err);
	if (cx_heatmap_list_dir(&l, a->map_dir, &err) == -1) {
		cx_err_file(&err, a->map_dir);
		goto fail;
	}
	/* the reference globs *<Pathology>_map.pkl: other heatmap formats
	 * carry no probability */
	item = cx_xreallocarray(NULL, l.n + 1, sizeof *item);
	for (size_t i = 0; i < l.n; i++)
		if (l.task[i] >= 0 && has_suffix(l.path[i], "_map.pkl"))
			item[nitem++] = i;
	j.l = &l;
	j.item = item;
	j.prob = cx_xreallocarray(NULL, nitem + 1, sizeof *j.prob);
	j.errs = cx_xcalloc(nitem + 1, sizeof *j.errs);
	progress_init(&pr, "probabilities", a->quiet);
	if (cx_pool_run(nitem, a->jobs, prob_work, &j, progress_update, &pr) > 0) {
		progress_done(&pr);
		/* the first failure in path order, whatever the threads did */
		for (size_t k = 0; k < nitem; k++)
			if (j.errs[k].msg[0]) {
				err = j.errs[k];
				break;
			}
		goto fail;
	}
	progress_done(&pr);
	/* by id, then pathology: one probability per (id, pathology) */
	pe = cx_xreallocarray(NULL, nitem + 1, sizeof *pe);
	for (size_t k = 0; k < nitem; k++)
		pe[k] = (struct pent){ l.id[item[k]], l.task[item[k]], k };
	qsort(pe, nitem, sizeof *pe, pent_cmp);
	probs = cx_xreallocarray(NULL, nitem + 1, sizeof *probs);
	for (size_t k = 0; k < nitem; k++) {
		if (k > 0 && strcmp(pe[k].id, pe[k - 1].id) == 0 && pe[k].task == pe[k - 1].task) {
			cx_err_set(&err, "a second heatmap of %s, %s (the first is %s)",
			    pe[k].id, cx_task_names[pe[k].task], l.path[item[pe[k - 1].k]]);
			cx_err_file(&err, l.path[item[pe[k].k]]);
			goto fail;
		}
		if (nprobs == 0 || strcmp(probs[nprobs - 1].id, pe[k].id) != 0) {
			probs[nprobs].id = pe[k].id;
			for (int t = 0; t < CX_NTASKS; t++)
				probs[nprobs].p[t] = NAN;
			nprobs++;
		}
		probs[nprobs - 1].p[pe[k].task] = j.prob[pe[k].k];
	}
	memset(&err, 0, sizeof err);
	if (cx_regress_modelprob(&res, a->pred, probs, nprobs, &out, &err) == -1 ||
	    cx_mkdirs(a->save_dir, &err) == -1)
		goto fail;
	snprintf(name, sizeof name, "regression_modelprob_%s.csv", a->metric);
	path = cx_path_join(a->save_dir, name);
	rc = cx_outfile_open(&of, path, &err);
	free(path);
	rc = 1;
	if (of.fp == NULL)
		goto fail;
	cx_regress_modelprob_write(&out, of.fp);
	if (cx_outfile_commit(&of, &err) == -1)
		goto fail;
	if (!a->quiet && out.nomap)
		cli_note("%zu rows of %s lack a heatmap with a probability for some pathology "
		    "(first: %s): their probability is missing (the reference pairs rows "
		    "and heatmaps by position instead)", out.nomap, a->pred, out.nomap_first);
	rc = 0;
	goto done;
fail:
	cli_error(&err);
	cx_outfile_abort(&of);
done:
	cx_csvread_fini(&res);
	cx_heatmap_list_fini(&l);
	free(item);
	free(pe);
	free(probs);
	free(j.prob);
	free(j.errs);
	return rc;
}

/* Both modes' options; run picks one. */
struct regress_args {
	struct fargs	 f;
	struct margs	 m;
};

#define O(f, ...)	CMD_OPT(struct regress_args, f, __VA_ARGS__)
static const struct cmd_opt regress_opts[] = {
	O(f.fdir, "features-dir|features_dir|f", OPT_STR, "DIR", "output folder of `chexplore features`"),
	O(f.piou, "pred-iou|pred_iou_results", OPT_STR, "CSV", "method's iou_results_per_cxr.csv"),
	O(f.phit, "pred-hitmiss|pred_hitmiss_results", OPT_STR, "CSV",
	    "method's hitmiss_results_per_cxr.csv"),
	O(f.hb, "evaluate-hb|evaluate_hb", OPT_BOOL, NULL, "also regress human benchmark minus method"),
	O(f.hiou, "hb-iou|hb_iou_results", OPT_STR, "CSV", "human benchmark's per-CXR IoU CSV"),
	O(f.hhit, "hb-hitmiss|hb_hitmiss_results", OPT_STR, "CSV",
	    "human benchmark's per-CXR hit/miss CSV"),
	O(m.metric, "metric", OPT_STR, "iou|hitmiss", "model probability mode: the metric of --pred-results"),
	O(m.map_dir, "map-dir|map_dir|m", OPT_STR, "DIR", "model probability mode: folder of heatmap pickles"),
	O(m.pred, "pred-results|pred_results", OPT_STR, "CSV",
	    "model probability mode: per-CXR results of eval"),
	{ 0 }
};

static int
regress_run(const struct cmd_ctx *c, void *args)
{
	struct regress_args *a = args;
	struct fargs f = a->f;
	struct margs m = a->m;
	int fmode, mmode;

	fmode = f.fdir || f.piou || f.phit || f.hb || f.hiou || f.hhit;
	mmode = m.metric || m.map_dir || m.pred;
	if (c->npos > 0)
		return cmd_usage(c, "unexpected argument '%s' (try --help)", c->pos[0]);
	if (fmode && mmode)
		return cmd_usage(c, "--metric/--map-dir/--pred-results (model probability) "
		    "and --features-dir/--pred-iou/--pred-hitmiss/--evaluate-hb/--hb-* "
		    "(pathology features) are two different regressions: give one set");
	if (mmode) {
		if (m.metric == NULL || m.map_dir == NULL || m.pred == NULL)
			return cmd_usage(c, "--metric, --map-dir and --pred-results are "
			    "required together (try --help)");
		if (strcmp(m.metric, "miou") == 0)
			m.metric = "iou";
		else if (strcmp(m.metric, "hitrate") == 0)
			m.metric = "hitmiss";
		if (strcmp(m.metric, "iou") != 0 && strcmp(m.metric, "hitmiss") != 0)
			return cmd_usage(c, "--metric: want iou or hitmiss, not '%s'", m.metric);
		if (c->jobs < 0)
			return cmd_usage(c, "--jobs: want N >= 0");
		m.save_dir = c->save_dir;
		m.jobs = c->jobs;
		m.quiet = c->quiet;
		return modelprob(&m);
	}
	if (f.fdir == NULL || f.piou == NULL || f.phit == NULL)
		return cmd_usage(c, "--features-dir, --pred-iou and --pred-hitmiss are "
		    "required, or --metric, --map-dir and --pred-results (try --help)");
	if (f.hb && (f.hiou == NULL || f.hhit == NULL))
		return cmd_usage(c, "--evaluate-hb needs --hb-iou and --hb-hitmiss");
	f.save_dir = c->save_dir;
	f.quiet = c->quiet;
	return features(&f);
}

const struct cmd_entry cmd_regress_entry = {
	.name = "regress", .summary = "regressions of features against IoU and hit/miss",
	.usage = "--features-dir DIR --pred-iou CSV --pred-hitmiss CSV "
	    "[--evaluate-hb --hb-iou CSV --hb-hitmiss CSV] [--save-dir DIR] [--quiet]\n"
	    "--metric iou|hitmiss --map-dir DIR --pred-results CSV [--save-dir DIR] [--jobs N] [--quiet]",
	.about = about, .flags = CMD_SAVE_DIR | CMD_JOBS | CMD_QUIET,
	.help = { [CMD_C_JOBS] = "threads reading heatmaps (default: all cores)",
	    [CMD_C_QUIET] = "no progress bar, no notes on stderr" },
	.opts = regress_opts, CMD_ARGS(struct regress_args, NULL), .run = regress_run,
};
