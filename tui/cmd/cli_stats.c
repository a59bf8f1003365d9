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
#include "opts.h"
#include "outfile.h"
#include "points.h"
#include "progress.h"
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
	C_MIOU, C_MIOU_LO, C_MIOU_HI, C_HIT, C_HIT_LO, C_HIT_HI,
	C_PREC, C_REC, C_SPEC, C_N
};
static const char *const colname[C_N] = {
	"positives", "gt_masks", "mean_area", "median_area",
	"miou", "miou_lower", "miou_upper", "hit_rate", "hit_lower", "hit_upper",
	"precision", "recall", "specificity",
};

struct stats {
	size_t	 ncxr, npatients, ngt;
	int	 has_labels, has_pred, has_hit;
	char	 pred_from[600];	/* how the predictions were made, when derived */
	double	 v[CX_NTASKS + 1][C_N];	/* index CX_NTASKS: the average row */
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
	double acc = 0;
	int n = 0;

	cx_evaluate_summarize(tab, seed, NULL, sum);
	for (int t = 0; t < CX_NTASKS; t++) {
		s->v[t][col] = sum[t].mean;
		s->v[t][col + 1] = sum[t].ci.lower;
		s->v[t][col + 2] = sum[t].ci.upper;
		if (!isnan(sum[t].mean)) {
			acc += sum[t].mean;
			n++;
		}
	}
	s->v[CX_NTASKS][col] = n ? acc / n : NAN;
}

static void
put_prs(struct stats *s, const struct cx_pixcounts *pc)
{
	struct cx_pixcounts all = {0};

	for (int t = 0; t <= CX_NTASKS; t++) {
		const struct cx_pixcounts *c = t < CX_NTASKS ? &pc[t] : &all;
		if (t < CX_NTASKS) {
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
	if (c >= C_MIOU && c <= C_MIOU_HI)
		return s->has_pred;
	if (c >= C_HIT && c <= C_HIT_HI)
		return s->has_hit;
	if (c >= C_PREC)
		return s->has_pred;
	return 1;
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
		for (int r = 0; r <= CX_NTASKS; r++) {
			const double *v = row_vals(s, r);
			printf("%s{\"name\": ", r ? ", " : "");
			cli_json_str(stdout, row_name(r));
			for (int c = 0; c < C_N; c++) {
				if (!col_on(s, c))
					continue;
				printf(", \"%s\": ", colname[c]);
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
			printf("%s", row_name(r));
			for (int c = 0; c < C_N; c++)
				if (col_on(s, c))
					printf(",%s", cx_fmt_csv(row_vals(s, r)[c], b));
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

int
cli_stats(int argc, char **argv)
{
	const char *gtp = NULL, *predp = NULL, *maps = NULL, *ptsp = NULL, *labp = NULL;
	const char *thrp = NULL, *cutp = NULL;
	char *found_thr = NULL, *found_cut = NULL;
	const char *fmt = "text", *seedp = NULL;
	struct cx_dataset ds = {0};
	struct cx_segfile own_gt = {0}, own_pred = {0};
	const struct cx_segfile *gt = NULL, *pred = NULL;
	struct cx_labels own_lab = {0};
	const struct cx_labels *lab = NULL;
	struct cx_err err = {0};
	struct stats s;
	const char *dir_opt = NULL;
	int npos, rc, jobs = 0, quiet = 0, ret = 1, have_ds = 0;
	unsigned long seed = 0;
	const struct opt opts[] = {
		{ "dir|d", OPT_STR, &dir_opt, "DIR", "dataset folder (or the one positional DIR)" },
		{ "gt|gt_path|g", OPT_STR, &gtp, "FILE", "ground-truth segmentation JSON" },
		{ "pred|pred_path|p", OPT_STR, &predp, "FILE", "predicted segmentation JSON" },
		{ "maps|map_dir|m", OPT_STR, &maps, "DIR", "heatmap folder (hit rate)" },
		{ "points", OPT_STR, &ptsp, "FILE", "salient-point JSON (hit rate)" },
		{ "labels", OPT_STR, &labp, "CSV", "CheXpert label CSV (positives)" },
		{ "thresholds|threshold_path", OPT_STR, &thrp, "CSV",
		    "segment the heatmaps with these thresholds (no --pred)" },
		{ "prob-cutoffs|probability_threshold_path", OPT_STR, &cutp, "CSV",
		    "and these probability cutoffs (no --pred)" },
		{ "format|f", OPT_STR, &fmt, "text|csv|json|markdown", "output format (default text)" },
		{ "seed", OPT_STR, &seedp, "N", "bootstrap seed (default 0)" },
		{ "jobs|j", OPT_INT, &jobs, "N", "worker threads for heatmaps" },
		{ "quiet|q", OPT_BOOL, &quiet, NULL, "no progress bar or notes" },
		{ NULL, 0, NULL, NULL, NULL },
	};

	rc = opt_parse("stats", "[DIR] [--gt FILE] [--pred FILE] [--maps DIR] [--format F]",
	    about, opts, argc, argv, &npos);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if (dir_opt != NULL) {
		if (npos > 0) {
			cli_fail("stats", "give the folder once: --dir DIR or DIR");
			return 2;
		}
		argv[1] = (char *)dir_opt;	/* argc >= 3 here: "--dir X" */
		npos = 1;
	}
	if (npos > 1 || (npos == 0 && gtp == NULL)) {
		cli_fail("stats", "want a dataset folder or --gt FILE (try --help)");
		return 2;
	}
	if (strcmp(fmt, "text") && strcmp(fmt, "csv") && strcmp(fmt, "json") &&
	    strcmp(fmt, "markdown")) {
		cli_fail("stats", "--format: want text, csv, json or markdown");
		return 2;
	}
	if (seedp) {
		char *e;
		seed = strtoul(seedp, &e, 10);
		if (*seedp == '-' || *e || e == seedp || seed > 0xfffffffful) {
			cli_fail("stats", "--seed: want an integer between 0 and 2**32 - 1");
			return 2;
		}
	}
	memset(&s, 0, sizeof s);
	for (int t = 0; t <= CX_NTASKS; t++)
		for (int c = 0; c < C_N; c++)
			s.v[t][c] = NAN;
	if (npos == 1) {
		struct cx_dataset_opts dopts = {0};
		int f;
		dopts.path[CX_DS_GT_SEG] = gtp;
		dopts.path[CX_DS_PRED_SEG] = predp;
		dopts.path[CX_DS_HEATMAPS] = maps;
		dopts.path[CX_DS_LABELS] = labp;
		dopts.path[CX_DS_HB_PTS] = ptsp;
		/* a folder with only polygons (gt_annotations_*.json) is scored on
		 * their masks, as `segment --annotations` makes them */
		dopts.rasterize = 1;
		if (cx_dataset_open(&ds, argv[1], &dopts, &err) == -1)
			goto fail;
		have_ds = 1;
		if ((f = cx_dataset_role(&ds, CX_DS_GT_SEG)) >= 0 && !ds.file[f].failed)
			gt = &ds.file[f].seg;
		if ((f = cx_dataset_role(&ds, CX_DS_PRED_SEG)) >= 0 && !ds.file[f].failed)
			pred = &ds.file[f].seg;
		if ((f = cx_dataset_role(&ds, CX_DS_LABELS)) >= 0 && !ds.file[f].failed)
			lab = &ds.file[f].labels;
		if (maps == NULL && (f = cx_dataset_role(&ds, CX_DS_HEATMAPS)) >= 0)
			maps = ds.file[f].path;
		if (ptsp == NULL && (f = cx_dataset_role(&ds, CX_DS_HB_PTS)) >= 0 && maps == NULL)
			ptsp = ds.file[f].path;
		for (size_t i = 0; i < ds.nfile; i++)
			if (ds.file[i].failed && !quiet)
				cli_error(&ds.file[i].err);
		if (gt == NULL) {
			cx_err_file(&err, argv[1]);
			cx_err_set(&err, "no readable ground truth here (gt_segmentations_*.json or "
			    "gt_annotations_*.json; or give --gt)");
			goto fail;
		}
		s.ncxr = ds.n;
		s.npatients = ds.npatients;
		/* the folder's tuned thresholds, as the explorer uses them */
		if (thrp == NULL && readable(found_thr = cx_path_join(argv[1], "tuning_results.csv")))
			thrp = found_thr;
		if (cutp == NULL && readable(found_cut = cx_path_join(argv[1],
		    "probability_tuning_results.csv")))
			cutp = found_cut;
	} else {
		if (cx_segfile_load(&own_gt, gtp, &err) == -1)
			goto fail;
		gt = &own_gt;
		if (predp) {
			memset(&err, 0, sizeof err);
			if (cx_segfile_load(&own_pred, predp, &err) == -1)
				goto fail;
			pred = &own_pred;
		}
		if (labp) {
			memset(&err, 0, sizeof err);
			if (cx_labels_load(&own_lab, labp, &err) == -1)
				goto fail;
			lab = &own_lab;
		}
		s.ncxr = gt->n;
		s.npatients = count_patients(gt);
	}
	s.has_labels = lab != NULL;
	composition(&s, gt, lab);
	if (maps != NULL || ptsp != NULL) {
		struct cx_evaltab tab;
		struct cx_evalnotes notes = {0};
		memset(&err, 0, sizeof err);
		if (maps != NULL) {
			struct cx_heatmap_list l = {0};
			struct progress pr;
			if (cx_heatmap_list_dir(&l, maps, &err) == -1) {
				cx_err_file(&err, maps);
				goto fail;
			}
			progress_init(&pr, "hit/miss", quiet);
			rc = cx_evalmaps_hitmiss(&tab, gt, &l, 1, 1, jobs, progress_update, &pr, NULL,
			    &notes, &err);
			progress_done(&pr);
			cx_heatmap_list_fini(&l);
		} else {
			struct cx_ptfile pts = {0};
			rc = cx_points_load(&pts, ptsp, &err);
			if (rc == 0)
				rc = cx_evaluate_hitmiss_points(&tab, gt, &pts, &notes, &err);
			cx_points_fini(&pts);
		}
		if (rc == -1)
			goto fail;
		put_ci(&s, &tab, (uint32_t)seed, C_HIT);
		cx_evaltab_fini(&tab);
		s.has_hit = 1;
	}
	/* after the hit rate, which names a heatmap whose size disagrees
	 * with the ground truth */
	if (pred == NULL && maps != NULL) {
		/* no predicted masks: the heatmaps', as segment would make them */
		struct segment_opts so = { .map_dir = maps, .threshold_path = thrp,
		    .prob_path = cutp, .jobs = jobs, .quiet = quiet, .dims_from = gt };
		if ((ret = segment_maps_build(&so, &own_pred)) != 0)
			goto out;
		ret = 1;
		pred = &own_pred;
		snprintf(s.pred_from, sizeof s.pred_from, "heatmaps segmented with %s%s%s%s",
		    thrp ? "the thresholds of " : "Otsu's method", thrp ? thrp : "",
		    cutp ? " and the probability cutoffs of " : "", cutp ? cutp : "");
		if (!quiet && strcmp(fmt, "csv") == 0) {
			char b[1800];
			fprintf(stderr, "chexplore: stats: predictions: %s\n",
			    cx_escape_buf(s.pred_from, b, sizeof b));
		}
	}
	if (pred != NULL) {
		struct cx_evaltab tab;
		struct cx_evalnotes notes = {0};
		struct cx_pixcounts pc[CX_NTASKS];
		memset(&err, 0, sizeof err);
		if (cx_evaluate_iou(&tab, gt, pred, 1, &notes, &err) == -1 ||
		    cx_evaluate_pixels(gt, pred, pc, &notes, &err) == -1) {
			cx_err_file(&err, predp ? predp : s.pred_from[0] ? maps : "prediction");
			goto fail;
		}
		put_ci(&s, &tab, (uint32_t)seed, C_MIOU);
		put_prs(&s, pc);
		cx_evaltab_fini(&tab);
		s.has_pred = 1;
	}
	/* The average row: means of the per-pathology columns. */
	for (int c = 0; c < C_N; c++) {
		double acc = 0;
		int n = 0;
		if (c == C_MIOU || c == C_HIT || c >= C_PREC)
			continue;	/* set above */
		if (c == C_MIOU_LO || c == C_MIOU_HI || c == C_HIT_LO || c == C_HIT_HI)
			continue;	/* a mean of bounds is no bound */
		for (int t = 0; t < CX_NTASKS; t++)
			if (!isnan(s.v[t][c])) {
				acc += s.v[t][c];
				n++;
			}
		s.v[CX_NTASKS][c] = c == C_POS || c == C_MASKS ? acc : n ? acc / n : NAN;
	}
	print_stats(&s, fmt);
	ret = 0;
	goto out;
fail:
	cli_error(&err);
out:
	if (have_ds)
		cx_dataset_fini(&ds);
	cx_segfile_fini(&own_gt);
	cx_segfile_fini(&own_pred);
	cx_labels_fini(&own_lab);
	free(found_thr);
	free(found_cut);
	return ret;
}
