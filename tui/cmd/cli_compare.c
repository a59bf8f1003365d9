/* cli_compare: N saliency methods side by side, per pathology: each method's
 * mIoU and hit rate exactly as eval gives it alone, the paired bootstrap
 * differences against a baseline (core/paired) on the replicates eval draws,
 * and, with a human benchmark, pctdec's percentage decrease (core/pctdec).
 * The outputs are written by compare_out.c. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bootstrap.h"
#include "cli.h"
#include "compare.h"
#include "dataset.h"
#include "evalmaps.h"
#include "evalout.h"
#include "evaluate.h"
#include "json.h"
#include "methods.h"
#include "opts.h"
#include "outfile.h"
#include "points.h"
#include "progress.h"
#include "segjson.h"
#include "segment.h"
#include "xalloc.h"

static const char about[] =
    "Compare saliency methods per pathology: each method's mIoU (segmentations,\n"
    "or heatmaps segmented as segment --maps does) and hit rate (heatmaps or\n"
    "salient points) with eval's bootstrap intervals, the paired bootstrap\n"
    "difference against the baseline with its interval and p-value, and with a\n"
    "human benchmark pctdec's percentage decrease. One table per metric on\n"
    "stdout; --save-dir writes compare_iou.csv and compare_hitrate.csv.";

struct compare_args {
	struct opt_list	 method, thr, cut;
	const char	*hb_seg, *hb_points, *baseline, *format, *plot, *save_dir;
};

#define O(f, ...)	CMD_OPT(struct compare_args, f, __VA_ARGS__)
static const struct cmd_opt compare_opts[] = {
	O(method, "method", OPT_LIST, "NAME=PATH",
	    "a method (repeatable): segmentation JSON, heatmap folder or salient-point JSON"),
	O(thr, "thresholds", OPT_LIST, "NAME=CSV",
	    "heatmaps of NAME: thresholds of this tuning_results.csv (none: Otsu)"),
	O(cut, "prob-cutoffs", OPT_LIST, "NAME=CSV",
	    "heatmaps of NAME: cutoffs of this probability_tuning_results.csv (none: no cutoffs)"),
	O(hb_seg, "hb-seg", OPT_STR, "FILE", "human benchmark segmentations (mIoU)"),
	O(hb_points, "hb-points", OPT_STR, "FILE", "human benchmark salient points (hit rate)"),
	O(baseline, "baseline", OPT_STR, "NAME", "the method differences are taken against "
	    "(default: the first)"),
	O(format, "format", OPT_STR, "text|markdown|csv|json", "stdout (default text)"),
	O(plot, "plot", OPT_STR, "FILE.svg", "write a forest plot"),
	O(save_dir, "save-dir|save_dir|o", OPT_STR, "DIR",
	    "write compare_iou.csv and compare_hitrate.csv there"),
	{ 0 }
};

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
is_file(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The value of the NAME=VALUE option for name, or NULL. */
static const char *
per_method(const struct opt_list *l, const char *name)
{
	size_t len = strlen(name);

	for (int i = 0; i < l->n; i++)
		if (strncmp(l->v[i], name, len) == 0 && l->v[i][len] == '=')
			return l->v[i] + len + 1;
	return NULL;
}

/* What eval would also have noted, in one line per method. */
static void
note(const char *path, const struct cx_evalnotes *n, int quiet)
{
	if (!quiet && (n->missing_task || n->missing_id || n->bad_point || n->duplicate))
		cli_note("%s: %zu missing (CXR, pathology) pairs taken as empty, %zu CXRs "
		    "without a heatmap, %zu points outside the image, %zu duplicate heatmaps "
		    "(eval says more)", path, n->missing_task, n->missing_id, n->bad_point,
		    n->duplicate);
}

/* Only the heatmaps of --pathologies: the others are not evaluated. */
static void
keep_tasks(struct cx_heatmap_list *l, unsigned tasks)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (l->task[i] >= 0 && !((tasks >> l->task[i]) & 1u)) {
			free(l->path[i]);
			free(l->id[i]);
			continue;
		}
		l->path[n] = l->path[i];
		l->id[n] = l->id[i];
		l->task[n++] = l->task[i];
	}
	l->n = n;
}

static int
load_heatmaps(struct cmp_src *s, const struct compare_args *a, const struct cmd_ctx *c,
    const struct cx_segfile *gt, struct cx_err *err)
{
	struct cmp_method *m = s->m;
	struct segment_opts so = { .map_dir = m->path, .dims_from = gt, .jobs = c->jobs,
	    .quiet = c->quiet, .tasks = c->tasks_given ? c->tasks : 0 };
	const char *thr = per_method(&a->thr, m->name), *cut = per_method(&a->cut, m->name);
	char *dthr = cx_path_join(m->path, "tuning_results.csv");
	char *dcut = cx_path_join(m->path, "probability_tuning_results.csv");
	struct cx_segfile seg = {0};
	struct cx_heatmap_list l = {0};
	struct cx_evalnotes notes = {0};
	struct progress pr;
	int rc;

	if (thr == NULL && is_file(dthr))
		thr = dthr;
	if (cut == NULL && is_file(dcut))
		cut = dcut;
	if (thr != NULL && strcmp(thr, "none") == 0)
		thr = NULL;
	if (cut != NULL && strcmp(cut, "none") == 0)
		cut = NULL;
	so.threshold_path = thr;
	so.prob_path = cut;
	snprintf(m->masks, sizeof m->masks, "%s%s%s%s", thr ? "thresholds of " : "Otsu",
	    thr ? thr : "", cut ? ", probability cutoffs of " : "", cut ? cut : "");
	m->input = "heatmaps";
	rc = segment_maps_build(&so, &seg);
	free(dthr);
	free(dcut);
	if (rc != 0)
		return -2 - (rc == 2);	/* printed already */
	rc = cx_evaluate_iou(&s->tab[CMP_IOU], gt, &seg, 1, &notes, err);
	cx_segfile_fini(&seg);
	if (rc == -1) {
		cx_err_file(err, m->path);
		return -1;
	}
	if (cx_heatmap_list_dir(&l, m->path, err) == -1) {
		cx_err_file(err, m->path);
		return -1;
	}
	if (c->tasks_given)
		keep_tasks(&l, c->tasks);
	progress_init(&pr, "hit/miss", c->quiet);
	rc = cx_evalmaps_hitmiss(&s->tab[CMP_HIT], gt, &l, 1, 1, c->jobs, progress_update, &pr,
	    NULL, &notes, err);
	progress_done(&pr);
	cx_heatmap_list_fini(&l);
	if (rc == 0)
		rc = evalout_overlap(c->gt ? c->gt : c->dir ? c->dir : "given", gt->n, m->path, 1,
		    gt->n - notes.missing_id, c->quiet, err);
	m->has[CMP_IOU] = m->has[CMP_HIT] = rc == 0;
	if (rc == 0)
		note(m->path, &notes, c->quiet);
	return rc;
}

/* Load one method's input into its tables: -1 with err, -2 (exit 1) or -3
 * (exit 2) when the error was printed. */
static int
load_method(struct cmp_src *s, const struct compare_args *a, const struct cmd_ctx *c,
    const struct cx_segfile *gt, struct cx_err *err)
{
	struct cmp_method *m = s->m;
	struct cx_evalnotes notes = {0};
	size_t len, shared = 0, npred = 0;
	char *buf;
	int rc;

	if (is_dir(m->path))
		return load_heatmaps(s, a, c, gt, err);
	if ((buf = cx_read_file(m->path, &len, CX_JSON_MAX, err)) == NULL) {
		cx_err_file(err, m->path);
		return -1;
	}
	if (methods_looks_like_points(buf)) {
		struct cx_ptfile pts = {0};
		m->input = "points";
		rc = cx_points_parse(&pts, buf, len, m->path, err);
		if (rc == 0)
			rc = cx_evaluate_hitmiss_points(&s->tab[CMP_HIT], gt, &pts, &notes, err);
		for (size_t i = 0; rc == 0 && i < gt->n; i++)
			shared += cx_points_find(&pts, gt->e[i].id) != NULL;
		npred = pts.n;
		cx_points_fini(&pts);
		m->has[CMP_HIT] = rc == 0;
	} else {
		struct cx_segfile seg = {0};
		m->input = "segmentation";
		rc = cx_segfile_parse(&seg, buf, len, m->path, err);
		if (rc == 0 && (rc = cx_evaluate_iou(&s->tab[CMP_IOU], gt, &seg, 1, &notes, err)) == -1)
			cx_err_file(err, m->path);
		for (size_t i = 0; rc == 0 && i < gt->n; i++)
			shared += cx_segfile_find(&seg, gt->e[i].id) != NULL;
		npred = seg.n;
		cx_segfile_fini(&seg);
		m->has[CMP_IOU] = rc == 0;
	}
	if (rc == 0)
		rc = evalout_overlap(c->gt ? c->gt : c->dir ? c->dir : "given", gt->n, m->path,
		    npred, shared, c->quiet, err);
	if (rc == 0)
		note(m->path, &notes, c->quiet);
	free(buf);
	return rc;
}

/* --gt FILE, or a dataset folder's ground truth (its segmentations, or its
 * annotations rasterized). */
static int
load_gt(struct cx_segfile *gt, const char *path, struct cx_err *err)
{
	struct cx_dataset ds;
	struct cx_dataset_opts o = { .rasterize = 1 };
	int f;

	if (!is_dir(path))
		return cx_segfile_load(gt, path, err);
	if (cx_dataset_open(&ds, path, &o, err) == -1)
		return -1;
	f = cx_dataset_role(&ds, CX_DS_GT_SEG);
	if (f < 0 || ds.file[f].failed) {
		if (f >= 0)
			*err = ds.file[f].err;
		else {
			cx_err_file(err, path);
			cx_err_set(err, "no ground truth (gt_segmentations_*.json or "
			    "gt_annotations_*.json) in this folder");
		}
		cx_dataset_fini(&ds);
		return -1;
	}
	*gt = ds.file[f].seg;
	memset(&ds.file[f].seg, 0, sizeof ds.file[f].seg);
	cx_dataset_fini(&ds);
	return 0;
}

/* Output files, all or none. */
static int
write_files(const struct cmp_result *r, const struct compare_args *a, struct cx_err *err)
{
	struct cx_outfile of[CMP_NMETRIC + 1];
	int nof = 0, rc = -1;

	memset(of, 0, sizeof of);
	if (a->save_dir != NULL) {
		if (cx_mkdirs(a->save_dir, err) == -1)
			return -1;
		for (int k = 0; k < CMP_NMETRIC; k++) {
			char name[64], *path;
			int has = 0;
			for (size_t i = 0; i < r->nm; i++)
				has |= r->m[i].has[k];
			if (!has)
				continue;
			snprintf(name, sizeof name, "compare_%s.csv", cmp_metric_name[k]);
			path = cx_path_join(a->save_dir, name);
			rc = cx_outfile_open(&of[nof], path, err);
			free(path);
			if (rc == -1)
				goto out;
			cmp_write_csv(r, k, of[nof++].fp);
		}
	}
	if (a->plot != NULL) {
		if (cx_outfile_open(&of[nof], a->plot, err) == -1)
			goto out;
		cmp_write_svg(r, of[nof++].fp);
	}
	rc = 0;
	for (int i = 0; i < nof && rc == 0; i++)
		if (ferror(of[i].fp)) {
			cx_err_file(err, of[i].path);
			cx_err_set(err, "cannot write: %s", strerror(errno ? errno : EIO));
			rc = -1;
		}
	/* the CSVs and the plot are one set: all renamed or none */
	if (rc == 0)
		rc = cx_outfile_commit_set(of, (size_t)nof, err);
out:
	for (int i = 0; i < nof; i++)
		cx_outfile_abort(&of[i]);
	return rc;
}

static int
compare_do(const struct cmd_ctx *c, const struct compare_args *a)
{
	struct cmp_result res;
	struct cmp_src *src = NULL;
	struct cx_segfile gt = {0};
	struct cx_err err = {0};
	enum cmp_format fmt = CMP_TEXT;
	size_t nsrc;
	int ret = 1, rc;

	memset(&res, 0, sizeof res);
	if (c->npos > 0)
		return cmd_usage(c, "unexpected argument '%s' (try --help)", c->pos[0]);
	if (a->method.n == 0 || c->gt == NULL)
		return cmd_usage(c, "--gt and at least one --method NAME=PATH are required (try --help)");
	if (a->format != NULL) {
		static const char *const names[] = { "text", "markdown", "csv", "json" };
		int f = -1;
		for (int i = 0; i < 4; i++)
			if (strcmp(a->format, names[i]) == 0)
				f = i;
		if (f < 0)
			return cmd_usage(c, "--format: want text, markdown, csv or json, not '%s'",
			    a->format);
		fmt = (enum cmp_format)f;
	}
	if (c->json)
		fmt = CMP_JSON;
	res.nm = (size_t)a->method.n;
	res.m = cx_xcalloc(res.nm + 1, sizeof *res.m);
	res.base = -1;
	for (size_t i = 0; i < res.nm; i++) {
		const char *v = a->method.v[i], *eq = strchr(v, '=');
		char *name;
		if (eq == NULL || eq == v || eq[1] == '\0') {
			ret = cmd_usage(c, "--method '%s': want NAME=PATH", v);
			goto out;
		}
		name = cx_xstrdup(v);
		name[eq - v] = '\0';
		res.m[i].name = name;
		res.m[i].path = eq + 1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(res.m[j].name, res.m[i].name) == 0) {
				ret = cmd_usage(c, "--method: the name '%s' is given twice", res.m[i].name);
				goto out;
			}
		if (a->baseline != NULL && strcmp(a->baseline, res.m[i].name) == 0)
			res.base = (int)i;
	}
	if (a->baseline == NULL)
		res.base = 0;
	else if (res.base < 0) {
		ret = cmd_usage(c, "--baseline '%s' is not one of the --method names", a->baseline);
		goto out;
	}
	for (int l = 0; l < 2; l++) {
		const struct opt_list *ol = l ? &a->cut : &a->thr;
		for (int i = 0; i < ol->n; i++) {
			const char *eq = strchr(ol->v[i], '=');
			int found = 0;
			for (size_t j = 0; eq && j < res.nm; j++)
				found |= strlen(res.m[j].name) == (size_t)(eq - ol->v[i]) &&
				    strncmp(res.m[j].name, ol->v[i], (size_t)(eq - ol->v[i])) == 0;
			if (!found) {
				ret = cmd_usage(c, "--%s '%s': want NAME=CSV for a --method NAME",
				    l ? "prob-cutoffs" : "thresholds", ol->v[i]);
				goto out;
			}
		}
	}
	if (load_gt(&gt, c->gt, &err) == -1) {
		cx_err_file(&err, c->gt);
		cli_error(&err);
		goto out;
	}
	res.ngt = gt.n;
	res.seed = c->seed;
	res.tasks = c->tasks_given ? c->tasks : 0;
	nsrc = res.nm + 1;
	src = cx_xcalloc(nsrc, sizeof *src);
	for (size_t i = 0; i < res.nm; i++) {
		src[i].m = &res.m[i];
		memset(&err, 0, sizeof err);
		if ((rc = load_method(&src[i], a, c, &gt, &err)) != 0) {
			if (rc == -1)
				cli_error(&err);
			ret = rc == -3 ? 2 : 1;
			goto out;
		}
	}
	/* the human benchmark is the last source */
	src[res.nm].m = &res.hb;
	res.hb.name = "human benchmark";
	res.hb.input = "human benchmark";
	for (int k = 0; k < CMP_NMETRIC; k++) {
		const char *p = k == CMP_IOU ? a->hb_seg : a->hb_points;
		struct cx_evalnotes notes = {0};
		if (p == NULL)
			continue;
		memset(&err, 0, sizeof err);
		if (k == CMP_IOU) {
			struct cx_segfile hs = {0};
			rc = cx_segfile_load(&hs, p, &err);
			if (rc == 0 && (rc = cx_evaluate_iou(&src[res.nm].tab[k], &gt, &hs, 1, &notes,
			    &err)) == -1)
				cx_err_file(&err, p);
			cx_segfile_fini(&hs);
		} else {
			struct cx_ptfile pts = {0};
			rc = cx_points_load(&pts, p, &err);
			if (rc == 0)
				rc = cx_evaluate_hitmiss_points(&src[res.nm].tab[k], &gt, &pts, &notes,
				    &err);
			cx_points_fini(&pts);
		}
		if (rc == -1) {
			cli_error(&err);
			goto out;
		}
		res.hb.has[k] = res.has_hb[k] = 1;
	}
	for (size_t i = 0; i < nsrc; i++)
		for (int k = 0; k < CMP_NMETRIC; k++)
			if (src[i].m->has[k] && src[i].tab[k].n != gt.n) {
				cx_err_file(&err, src[i].m->path ? src[i].m->path : c->gt);
				cx_err_set(&err, "%zu rows for %zu ground-truth CXRs", src[i].tab[k].n,
				    gt.n);
				cli_error(&err);
				goto out;
			}
	cmp_compute(&res, src, nsrc, gt.n, c->seed);
	memset(&err, 0, sizeof err);
	if (write_files(&res, a, &err) == -1) {
		cli_error(&err);
		goto out;
	}
	cmp_print(&res, fmt);
	ret = fflush(stdout) == 0 ? 0 : 1;
out:
	for (size_t i = 0; src && i < res.nm + 1; i++)
		cmp_src_fini(&src[i]);
	for (size_t i = 0; i < res.nm; i++)
		free((char *)res.m[i].name);
	free(res.m);
	free(src);
	cx_segfile_fini(&gt);
	return ret;
}

/* The lists of the repeatable options are the command's to free. */
static int
compare_run(const struct cmd_ctx *c, void *args)
{
	struct compare_args *a = args;
	int ret = compare_do(c, a);

	free(a->method.v);
	free(a->thr.v);
	free(a->cut.v);
	return ret;
}

const struct cmd_entry cmd_compare_entry = {
	.name = "compare", .summary = "compare saliency methods with paired bootstrap intervals",
	.usage = "--gt FILE|DIR --method NAME=PATH ... [options]", .about = about,
	.flags = CMD_GT | CMD_PATHOLOGIES | CMD_JSON | CMD_SEED | CMD_JOBS | CMD_QUIET,
	.help = { [CMD_C_GT] = "ground-truth segmentations, or a dataset folder",
	    [CMD_C_JSON] = "the same as --format json",
	    [CMD_C_SEED] = "bootstrap seed, as eval's (default 0)",
	    [CMD_C_PATHOLOGIES] = "only these pathologies, comma-separated, and the Average "
	    "over them (default all 10)",
	    [CMD_C_JOBS] = "worker threads for heatmaps (default: all cores)",
	    [CMD_C_QUIET] = "no progress bar" },
	.opts = compare_opts, CMD_ARGS(struct compare_args, NULL), .run = compare_run,
};
