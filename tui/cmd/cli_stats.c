/* cli_stats: the one-shot summary of a dataset and its predictions:
 * composition (CXRs, patients, positives, GT masks and their areas) and,
 * when predictions or heatmaps are there, mIoU and hit rate with bootstrap
 * CIs, pixel precision/recall/specificity and the average over pathologies. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "dataset.h"
#include "escape.h"
#include "evalmaps.h"
#include "evaluate.h"
#include "fmt.h"
#include "heatmap.h"
#include "jsonout.h"
#include "labels.h"
#include "outfile.h"
#include "points.h"
#include "progress.h"
#include "evalout.h"
#include "segment.h"
#include "segjson.h"
#include "tasks.h"
#include "xalloc.h"

static const char about[] =
    "Summary of a dataset folder (found by the official file names) or of the\n"
    "given files: CXRs, patients, positive labels, ground-truth masks and their\n"
    "areas per pathology; with predicted segmentations mIoU (true-positive) and\n"
    "pixel precision/recall/specificity; with heatmaps (or salient points) the\n"
    "hit rate, and without predicted segmentations the heatmaps segmented as\n"
    "`chexplore segment --maps` would (Otsu, or --thresholds/--prob-cutoffs,\n"
    "found in a dataset folder as tuning_results.csv and\n"
    "probability_tuning_results.csv); 95% bootstrap CIs as eval computes them,\n"
    "and the average over pathologies.";

/* Columns of the summary table. */
enum {
	C_POS, C_MASKS, C_AREA_MEAN, C_AREA_MED,
	C_MIOU, C_MIOU_LO, C_MIOU_HI, C_MIOU_PLAIN, C_HIT, C_HIT_LO, C_HIT_HI, C_HIT_PLAIN,
	C_PREC, C_REC, C_SPEC, C_N
};
/* miou / hit_rate are the headline values, the summary CSV's mean (of the
 * bootstrap replicates' means, 3 decimals); *_plain the mean of the per-CXR
 * values, labelled so wherever it is shown (eval's table, the explorer). */
static const char *const colname[C_N] = {
	"positives", "gt_masks", "mean_area", "median_area",
	"miou", "miou_lower", "miou_upper", "miou_plain",
	"hit_rate", "hit_lower", "hit_upper", "hit_rate_plain",
	"precision", "recall", "specificity",
};

struct stats {
	size_t	 ncxr, npatients, ngt;
	int	 has_labels, has_pred, has_hit;
	char	 pred_from[600];	/* how the predictions were made, when derived */
	double	 v[CX_NTASKS + 1][C_N];	/* index CX_NTASKS: the average row */
	unsigned tasks;			/* --pathologies: the rows shown and averaged */
};

static int
readable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static size_t
count_patients(const struct cx_segfile *gt)
{
	size_t n = 0;

	/* ids are sorted, so one patient's CXRs are adjacent */
	for (size_t i = 0; i < gt->n; i++) {
		const char *a = gt->e[i].id, *ua = strchr(a, '_');
		size_t la = ua ? (size_t)(ua - a) : strlen(a);
		if (i > 0) {
			const char *b = gt->e[i - 1].id, *ub = strchr(b, '_');
			size_t lb = ub ? (size_t)(ub - b) : strlen(b);
			if (la == lb && strncmp(a, b, la) == 0)
				continue;
		}
		n++;
	}
	return n;
}

static void
composition(struct stats *s, const struct cx_segfile *gt, const struct cx_labels *lab)
{
	uint64_t *areas = cx_xcalloc(gt->n + 1, sizeof *areas);

	s->ngt = gt->n;
	for (int t = 0; t < CX_NTASKS; t++) {
		size_t n = 0;
		double sum = 0;
		for (size_t i = 0; i < gt->n; i++) {
			uint64_t a = gt->e[i].present[t] ? cx_rle_area(&gt->e[i].m[t]) : 0;
			if (a > 0) {
				areas[n++] = a;
				sum += (double)a;
			}
		}
		qsort(areas, n, sizeof *areas, cmp_u64);
		s->v[t][C_MASKS] = (double)n;
		s->v[t][C_AREA_MEAN] = n ? sum / (double)n : NAN;
		s->v[t][C_AREA_MED] = n == 0 ? NAN : n % 2 ? (double)areas[n / 2] :
		    ((double)areas[n / 2 - 1] + (double)areas[n / 2]) / 2;
		s->v[t][C_POS] = NAN;
		if (lab != NULL) {
			size_t pos = 0;
			for (size_t i = 0; i < lab->n; i++)
				pos += cx_labels_task(&lab->r[i], t) == CX_LABEL_POS;
			s->v[t][C_POS] = (double)pos;
		}
	}
	free(areas);
}

static void
put_ci(struct stats *s, const struct cx_evaltab *tab, uint32_t seed, int col)
{
	struct cx_evalsum sum[CX_NTASKS];
	double acc = 0, pacc = 0;
	int n = 0, pn = 0;

	cx_evaluate_summarize(tab, seed, NULL, sum);
	for (int t = 0; t < CX_NTASKS; t++) {
		if (!((s->tasks >> t) & 1u))
			continue;
		s->v[t][col] = sum[t].ci.mean;
		s->v[t][col + 1] = sum[t].ci.lower;
		s->v[t][col + 2] = sum[t].ci.upper;
		s->v[t][col + 3] = sum[t].mean;
		if (!isnan(sum[t].ci.mean)) {
			acc += sum[t].ci.mean;
			n++;
		}
		if (!isnan(sum[t].mean)) {
			pacc += sum[t].mean;
			pn++;
		}
	}
	s->v[CX_NTASKS][col] = n ? acc / n : NAN;
	s->v[CX_NTASKS][col + 3] = pn ? pacc / pn : NAN;
}

static void
put_prs(struct stats *s, const struct cx_pixcounts *pc)
{
	struct cx_pixcounts all = {0};

	for (int t = 0; t <= CX_NTASKS; t++) {
		const struct cx_pixcounts *c = t < CX_NTASKS ? &pc[t] : &all;
		if (t < CX_NTASKS && ((s->tasks >> t) & 1u)) {
			all.tp += c->tp;
			all.fp += c->fp;
			all.fn += c->fn;
			all.tn += c->tn;
		}
		s->v[t][C_PREC] = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : NAN;
		s->v[t][C_REC] = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : NAN;
		s->v[t][C_SPEC] = c->tn + c->fp ? (double)c->tn / (double)(c->tn + c->fp) : NAN;
	}
}

static int
col_on(const struct stats *s, int c)
{
	if (c == C_POS)
		return s->has_labels;
	if (c >= C_MIOU && c <= C_MIOU_PLAIN)
		return s->has_pred;
	if (c >= C_HIT && c <= C_HIT_PLAIN)
		return s->has_hit;
	if (c >= C_PREC)
		return s->has_pred;
	return 1;
}

/* Counts are whole numbers in every format (not pandas' 8.0). */
static int
is_count(int c)
{
	return c == C_POS || c == C_MASKS;
}

/* Rows of the pathologies --pathologies keeps, and the average. */
static int
row_on(const struct stats *s, int r)
{
	return r == CX_NTASKS || ((s->tasks >> cx_task_sorted[r]) & 1u);
}

static const char *
row_name(int r)
{
	return r < CX_NTASKS ? cx_task_names[cx_task_sorted[r]] : "Average";
}

static const double *
row_vals(const struct stats *s, int r)
{
	return s->v[r < CX_NTASKS ? cx_task_sorted[r] : CX_NTASKS];
}

/* Plain text: counts as integers, areas in pixels, rates with 3 decimals. */
static void
cell_text(int c, double x, char *b, size_t n)
{
	if (isnan(x))
		snprintf(b, n, "-");
	else if (c == C_POS || c == C_MASKS || c == C_AREA_MEAN || c == C_AREA_MED)
		snprintf(b, n, "%.0f", x);
	else
		snprintf(b, n, "%.3f", x);
}

static void
print_stats(const struct stats *s, const char *fmt)
{
	char b[64];
	int md = strcmp(fmt, "markdown") == 0;

	if (strcmp(fmt, "json") == 0) {
		printf("{\"cxrs\": %zu, \"patients\": %zu, \"gt_cxrs\": %zu, ",
		    s->ncxr, s->npatients, s->ngt);
		if (s->pred_from[0]) {
			printf("\"predictions\": ");
			cli_json_str(stdout, s->pred_from);
			printf(", ");
		}
		printf("\"pathologies\": [");
		for (int r = 0, first = 1; r <= CX_NTASKS; r++) {
			const double *v = row_vals(s, r);
			if (!row_on(s, r))
				continue;
			printf("%s{\"name\": ", first ? "" : ", ");
			first = 0;
			cli_json_str(stdout, row_name(r));
			for (int c = 0; c < C_N; c++) {
				if (!col_on(s, c))
					continue;
				printf(", \"%s\": ", colname[c]);
				if (is_count(c) && !isnan(v[c]))
					printf("%.0f", v[c]);
				else
					cli_json_num(stdout, v[c]);
			}
			printf("}");
		}
		printf("]}\n");
		return;
	}
	if (strcmp(fmt, "csv") == 0) {
		printf("pathology");
		for (int c = 0; c < C_N; c++)
			if (col_on(s, c))
				printf(",%s", colname[c]);
		printf("\n");
		for (int r = 0; r <= CX_NTASKS; r++) {
			if (!row_on(s, r))
				continue;
			printf("%s", row_name(r));
			for (int c = 0; c < C_N; c++)
				if (col_on(s, c))
					printf(",%s", is_count(c) && !isnan(row_vals(s, r)[c]) ?
					    (snprintf(b, sizeof b, "%.0f", row_vals(s, r)[c]), b) :
					    cx_fmt_csv(row_vals(s, r)[c], b));
			printf("\n");
		}
		return;
	}
	if (md)
		printf("**%zu CXRs, %zu patients, %zu with ground truth**\n\n", s->ncxr,
		    s->npatients, s->ngt);
	else
		printf("%zu CXRs, %zu patients, %zu with ground truth\n", s->ncxr,
		    s->npatients, s->ngt);
	if (s->pred_from[0]) {
		char e[1800];
		printf(md ? "predictions: %s\n\n" : "predictions: %s\n",
		    cx_escape_buf(s->pred_from, e, sizeof e));
	}
	if (!md)
		printf("\n");
	printf(md ? "| %s |" : "%-27s", "pathology");
	for (int c = 0; c < C_N; c++)
		if (col_on(s, c))
			printf(md ? " %s |" : " %11s", colname[c]);
	printf("\n");
	if (md) {
		printf("|---|");
		for (int c = 0; c < C_N; c++)
			if (col_on(s, c))
				printf("---:|");
		printf("\n");
	}
	for (int r = 0; r <= CX_NTASKS; r++) {
		if (!row_on(s, r))
			continue;
		printf(md ? "| %s |" : "%-27s", row_name(r));
		for (int c = 0; c < C_N; c++) {
			if (!col_on(s, c))
				continue;
			cell_text(c, row_vals(s, r)[c], b, sizeof b);
			printf(md ? " %s |" : " %11s", b);
		}
		printf("\n");
	}
}

struct stats_args {
	const char	*pred, *points, *labels, *thr, *cut, *format;
};

#define O(f, ...)	CMD_OPT(struct stats_args, f, __VA_ARGS__)
static const struct cmd_opt stats_opts[] = {
	O(pred, "pred|pred_path|p", OPT_STR, "FILE", "predicted segmentation JSON"),
	O(points, "points", OPT_STR, "FILE", "salient-point JSON (hit rate)"),
	O(labels, "labels", OPT_STR, "CSV", "CheXpert label CSV (positives)"),
	O(thr, "thresholds|threshold_path", OPT_STR, "CSV",
	    "segment the heatmaps with these thresholds (no --pred)"),
	O(cut, "prob-cutoffs|probability_threshold_path", OPT_STR, "CSV",
	    "and these probability cutoffs (no --pred)"),
	O(format, "format|f", OPT_STR, "text|csv|json|markdown",
	    "output format (default text; --json is --format json)"),
	{ 0 }
};

/* One run of stats: its inputs as found, what it owns, the table it fills. */
struct stats_job {
	const struct cmd_ctx *c;
	const char	*fmt;
	const char	*predp;		/* --pred, for the error's file name */
	const char	*maps, *ptsp, *thrp, *cutp;	/* given, or found in the folder */
	struct cx_dataset ds;
	int		 have_ds;
	size_t		 nfailed;	/* discovered files that could not be read */
	struct cx_segfile own_gt, own_pred;
	struct cx_labels own_lab;
	char		*found_thr, *found_cut;
	const struct cx_segfile *gt, *pred;	/* own_* or the dataset's */
	const struct cx_labels *lab;
	struct cx_err	 err;
	struct stats	 s;
};

/* Check the arguments, pick the format, start an empty table. */
static int
stats_setup(struct stats_job *j, const struct cmd_ctx *c, const struct stats_args *a)
{
	const char *fmt = a->format ? a->format : "text";

	if (c->dir == NULL && c->gt == NULL)
		return cmd_usage(c, "want a dataset folder or --gt FILE (try --help)");
	if (c->json) {
		if (a->format && strcmp(a->format, "json") != 0)
			return cmd_usage(c, "--json and --format %s: give one", a->format);
		fmt = "json";
	}
	if (strcmp(fmt, "text") && strcmp(fmt, "csv") && strcmp(fmt, "json") &&
	    strcmp(fmt, "markdown"))
		return cmd_usage(c, "--format: want text, csv, json or markdown");
	memset(j, 0, sizeof *j);
	j->c = c;
	j->fmt = fmt;
	j->predp = a->pred;
	j->maps = c->maps;
	j->ptsp = a->points;
	j->thrp = a->thr;
	j->cutp = a->cut;
	for (int t = 0; t <= CX_NTASKS; t++)
		for (int k = 0; k < C_N; k++)
			j->s.v[t][k] = NAN;
	j->s.tasks = c->tasks;
	return CMD_OK;
}

/* The inputs of a dataset folder, by their official names (the given files
 * win), and its tuned thresholds as the explorer uses them. */
static int
stats_open_dir(struct stats_job *j, const struct stats_args *a)
{
	const char *dir = j->c->dir;
	struct cx_dataset_opts dopts = {0};
	int f;

	dopts.path[CX_DS_GT_SEG] = j->c->gt;
	dopts.path[CX_DS_PRED_SEG] = a->pred;
	dopts.path[CX_DS_HEATMAPS] = j->c->maps;
	dopts.path[CX_DS_LABELS] = a->labels;
	dopts.path[CX_DS_HB_PTS] = a->points;
	/* a folder with only polygons (gt_annotations_*.json) is scored on
	 * their masks, as `segment --annotations` makes them */
	dopts.rasterize = 1;
	if (cx_dataset_open(&j->ds, dir, &dopts, &j->err) == -1)
		return -1;
	j->have_ds = 1;
	if ((f = cx_dataset_role(&j->ds, CX_DS_GT_SEG)) >= 0 && !j->ds.file[f].failed)
		j->gt = &j->ds.file[f].seg;
	if ((f = cx_dataset_role(&j->ds, CX_DS_PRED_SEG)) >= 0 && !j->ds.file[f].failed)
		j->pred = &j->ds.file[f].seg;
	if ((f = cx_dataset_role(&j->ds, CX_DS_LABELS)) >= 0 && !j->ds.file[f].failed)
		j->lab = &j->ds.file[f].labels;
	if (j->maps == NULL && (f = cx_dataset_role(&j->ds, CX_DS_HEATMAPS)) >= 0)
		j->maps = j->ds.file[f].path;
	if (j->ptsp == NULL && (f = cx_dataset_role(&j->ds, CX_DS_HB_PTS)) >= 0 && j->maps == NULL)
		j->ptsp = j->ds.file[f].path;
	for (size_t i = 0; i < j->ds.nfile; i++)
		if (j->ds.file[i].failed) {
			j->nfailed++;
			if (!j->c->quiet)
				cli_error(&j->ds.file[i].err);
		}
	if (j->gt == NULL) {
		cx_err_file(&j->err, dir);
		return cx_err_set(&j->err, "no readable ground truth here (gt_segmentations_*.json or "
		    "gt_annotations_*.json; or give --gt)");
	}
	j->s.ncxr = j->ds.n;
	j->s.npatients = j->ds.npatients;
	if (j->thrp == NULL && readable(j->found_thr = cx_path_join(dir, "tuning_results.csv")))
		j->thrp = j->found_thr;
	if (j->cutp == NULL && readable(j->found_cut = cx_path_join(dir,
	    "probability_tuning_results.csv")))
		j->cutp = j->found_cut;
	return 0;
}

/* The inputs given as files (--gt without a folder). */
static int
stats_open_files(struct stats_job *j, const struct stats_args *a)
{
	if (cx_segfile_load(&j->own_gt, j->c->gt, &j->err) == -1)
		return -1;
	j->gt = &j->own_gt;
	if (a->pred) {
		memset(&j->err, 0, sizeof j->err);
		if (cx_segfile_load(&j->own_pred, a->pred, &j->err) == -1)
			return -1;
		j->pred = &j->own_pred;
	}
	if (a->labels) {
		memset(&j->err, 0, sizeof j->err);
		if (cx_labels_load(&j->own_lab, a->labels, &j->err) == -1)
			return -1;
		j->lab = &j->own_lab;
	}
	j->s.ncxr = j->gt->n;
	j->s.npatients = count_patients(j->gt);
	return 0;
}

/* The hit rate of the heatmaps, or of the salient points, with its CIs. */
static int
stats_hitrate(struct stats_job *j)
{
	struct cx_evaltab tab;
	struct cx_evalnotes notes = {0};
	int rc;

	if (j->maps == NULL && j->ptsp == NULL)
		return 0;
	memset(&j->err, 0, sizeof j->err);
	if (j->maps != NULL) {
		struct cx_heatmap_list l = {0};
		struct progress pr;
		if (cx_heatmap_list_dir(&l, j->maps, &j->err) == -1) {
			cx_err_file(&j->err, j->maps);
			return -1;
		}
		progress_init(&pr, "hit/miss", j->c->quiet);
		rc = cx_evalmaps_hitmiss(&tab, j->gt, &l, 1, 1, j->c->jobs, progress_update, &pr,
		    NULL, &notes, &j->err);
		progress_done(&pr);
		cx_heatmap_list_fini(&l);
	} else {
		struct cx_ptfile pts = {0};
		rc = cx_points_load(&pts, j->ptsp, &j->err);
		if (rc == 0)
			rc = cx_evaluate_hitmiss_points(&tab, j->gt, &pts, &notes, &j->err);
		cx_points_fini(&pts);
	}
	if (rc == -1)
		return -1;
	put_ci(&j->s, &tab, j->c->seed, C_HIT);
	cx_evaltab_fini(&tab);
	j->s.has_hit = 1;
	return 0;
}

/* No predicted masks but heatmaps: theirs, as segment --maps would make them.
 * After the hit rate, which names a heatmap whose size disagrees with the
 * ground truth. Returns the exit code (segment prints its errors). */
static int
stats_derive_pred(struct stats_job *j)
{
	struct segment_opts so = { .map_dir = j->maps, .threshold_path = j->thrp,
	    .prob_path = j->cutp, .jobs = j->c->jobs, .quiet = j->c->quiet, .dims_from = j->gt,
	    .tasks = j->c->tasks_given ? j->c->tasks : 0 };
	int ret;

	if (j->pred != NULL || j->maps == NULL)
		return CMD_OK;
	if ((ret = segment_maps_build(&so, &j->own_pred)) != 0)
		return ret;
	j->pred = &j->own_pred;
	snprintf(j->s.pred_from, sizeof j->s.pred_from, "heatmaps segmented with %s%s%s%s",
	    j->thrp ? "the thresholds of " : "Otsu's method", j->thrp ? j->thrp : "",
	    j->cutp ? " and the probability cutoffs of " : "", j->cutp ? j->cutp : "");
	if (!j->c->quiet && strcmp(j->fmt, "csv") == 0) {
		char b[1800];
		fprintf(stderr, "chexplore: stats: predictions: %s\n",
		    cx_escape_buf(j->s.pred_from, b, sizeof b));
	}
	return CMD_OK;
}

/* mIoU with its CIs and the pixel precision/recall/specificity. */
static int
stats_segmentation(struct stats_job *j)
{
	struct cx_evaltab tab;
	struct cx_evalnotes notes = {0};
	struct cx_pixcounts pc[CX_NTASKS];

	if (j->pred == NULL)
		return 0;
	memset(&j->err, 0, sizeof j->err);
	if (cx_evaluate_iou(&tab, j->gt, j->pred, 1, &notes, &j->err) == -1 ||
	    cx_evaluate_pixels(j->gt, j->pred, pc, &notes, &j->err) == -1) {
		cx_err_file(&j->err, j->predp ? j->predp : j->s.pred_from[0] ? j->maps : "prediction");
		return -1;
	}
	if (j->predp != NULL) {
		size_t shared = 0;
		for (size_t i = 0; i < j->gt->n; i++)
			shared += cx_segfile_find(j->pred, j->gt->e[i].id) != NULL;
		/* the summary would say n = 0 everywhere: stop instead */
		if (evalout_overlap(j->c->gt ? j->c->gt : j->c->dir ? j->c->dir : "given", j->gt->n, j->predp,
		    j->pred->n, shared, j->c->quiet,
		    &j->err) == -1) {
			cx_evaltab_fini(&tab);
			return -1;
		}
	}
	put_ci(&j->s, &tab, j->c->seed, C_MIOU);
	put_prs(&j->s, pc);
	cx_evaltab_fini(&tab);
	j->s.has_pred = 1;
	return 0;
}

/* The average row: means of the per-pathology columns (the rates' means are
 * put_ci's and put_prs's). */
static void
stats_average(struct stats *s)
{
	for (int c = 0; c < C_N; c++) {
		double acc = 0;
		int n = 0;
		if (c == C_MIOU || c == C_HIT || c == C_MIOU_PLAIN || c == C_HIT_PLAIN ||
		    c >= C_PREC)
			continue;	/* set above */
		if (c == C_MIOU_LO || c == C_MIOU_HI || c == C_HIT_LO || c == C_HIT_HI)
			continue;	/* a mean of bounds is no bound */
		for (int t = 0; t < CX_NTASKS; t++)
			if (((s->tasks >> t) & 1u) && !isnan(s->v[t][c])) {
				acc += s->v[t][c];
				n++;
			}
		s->v[CX_NTASKS][c] = c == C_POS || c == C_MASKS ? acc : n ? acc / n : NAN;
	}
}

static void
stats_fini(struct stats_job *j)
{
	if (j->have_ds)
		cx_dataset_fini(&j->ds);
	cx_segfile_fini(&j->own_gt);
	cx_segfile_fini(&j->own_pred);
	cx_labels_fini(&j->own_lab);
	free(j->found_thr);
	free(j->found_cut);
}

static int
stats_main(const struct cmd_ctx *c, void *args)
{
	const struct stats_args *a = args;
	struct stats_job j;
	int ret;

	if ((ret = stats_setup(&j, c, a)) != CMD_OK)
		return ret;
	if ((c->dir ? stats_open_dir(&j, a) : stats_open_files(&j, a)) == -1)
		goto fail;
	j.s.has_labels = j.lab != NULL;
	composition(&j.s, j.gt, j.lab);
	if (stats_hitrate(&j) == -1)
		goto fail;
	if ((ret = stats_derive_pred(&j)) != CMD_OK)
		goto out;
	if (stats_segmentation(&j) == -1)
		goto fail;
	stats_average(&j.s);
	print_stats(&j.s, j.fmt);
	/* The summary of what could be read, but some input failed (as info). */
	ret = j.nfailed ? CMD_FAILED : CMD_OK;
	goto out;
fail:
	ret = cmd_failed(&j.err);
out:
	stats_fini(&j);
	return ret;
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats", .summary = "one-shot summary of a dataset and its predictions",
	.usage = "[DIR | --dir DIR] [--gt FILE] [--pred FILE] [--maps DIR | --points FILE] "
	    "[--format text|csv|json|markdown | --json] [options]",
	.about = about,
	.flags = CMD_DIR | CMD_DIRPOS | CMD_GT | CMD_MAPS | CMD_PATHOLOGIES | CMD_JSON | CMD_SEED |
	    CMD_JOBS | CMD_QUIET,
	.help = { [CMD_C_MAPS] = "heatmap folder (hit rate)",
	    [CMD_C_JSON] = "one JSON object (as --format json)",
	    [CMD_C_JOBS] = "worker threads for heatmaps", [CMD_C_QUIET] = "no progress bar or notes" },
	.opts = stats_opts, CMD_ARGS(struct stats_args, NULL), .run = stats_main,
};
