/* test_evaluate: IoU modes, salient points and pixel counts on hand-made
 * 2x3 masks (column-major runs), plus the golden per-CXR tables. */
#include <math.h>

#include "check.h"
#include "csvread.h"
#include "evalmaps.h"
#include "evaluate.h"
#include "heatmap.h"
#include "resize.h"
#include "segjson.h"

/* 2x3 masks, column-major pixel order 0..5 = (0,0) (1,0) (0,1) (1,1) (0,2) (1,2).
 * GT A/Edema: pixels 1,2. Pred A/Edema: pixels 2,3 -> I = 1, U = 3. */
static const char gt_json[] =
    "{\"A\": {\"Edema\": {\"size\": [2, 3], \"counts\": [1, 2, 3]},"
    "         \"Cardiomegaly\": {\"size\": [2, 3], \"counts\": [6]}}}";
static const char pred_json[] =
    "{\"B\": {\"Edema\": {\"size\": [2, 3], \"counts\": [0, 6]}},"
    " \"A\": {\"Edema\": {\"size\": [2, 3], \"counts\": [2, 2, 2]},"
    "         \"Cardiomegaly\": {\"size\": [2, 3], \"counts\": [5, 1]}}}";

static int
load(struct cx_segfile *f, const char *s)
{
	struct cx_err err = {0};

	return cx_segfile_parse(f, s, strlen(s), "t", &err);
}

static void
test_iou_modes(void)
{
	struct cx_segfile g, p;
	struct cx_evaltab t;
	struct cx_evalnotes n = {0};
	struct cx_err err = {0};
	int ed = cx_task_id("Edema"), ca = cx_task_id("Cardiomegaly");

	CHECK(load(&g, gt_json) == 0 && load(&p, pred_json) == 0);
	CHECK(cx_evaluate_iou(&t, &g, &p, 1, &n, &err) == 0);
	CHECK(t.n == 1);
	CHECK_NEAR(CX_EVAL_V(&t, ed, 0), 1.0 / 3, 0);
	CHECK(isnan(CX_EVAL_V(&t, ca, 0)));		/* G empty */
	CHECK(isnan(CX_EVAL_V(&t, cx_task_id("Lung Lesion"), 0)));
	cx_evaltab_fini(&t);
	CHECK(cx_evaluate_iou(&t, &g, &p, 0, &n, &err) == 0);
	CHECK(t.n == 2);
	CHECK_STR(t.id[0], "A");
	CHECK_STR(t.id[1], "B");
	CHECK(CX_EVAL_V(&t, ca, 0) == 0.0);		/* G empty, P not */
	CHECK(CX_EVAL_V(&t, ed, 1) == 0.0);		/* pred-only id */
	CHECK(isnan(CX_EVAL_V(&t, ca, 1)));		/* both empty */
	cx_evaltab_fini(&t);
	cx_segfile_fini(&g);
	cx_segfile_fini(&p);
}

static void
test_iou_missing_and_mismatch(void)
{
	struct cx_segfile g, p;
	struct cx_evaltab t;
	struct cx_evalnotes n = {0};
	struct cx_err err = {0};

	CHECK(load(&g, gt_json) == 0);
	CHECK(load(&p, "{\"A\": {\"Edema\": {\"size\": [3, 2], \"counts\": [6]}}}") == 0);
	CHECK(cx_evaluate_iou(&t, &g, &p, 1, &n, &err) == -1);
	CHECK_STR(err.where, "A/Edema/size");
	cx_segfile_fini(&p);
	CHECK(load(&p, "{\"A\": {\"Edema\": {\"size\": [2, 3], \"counts\": [1, 2, 3]}}}") == 0);
	memset(&n, 0, sizeof n);
	CHECK(cx_evaluate_iou(&t, &g, &p, 1, &n, &err) == 0);
	CHECK(CX_EVAL_V(&t, cx_task_id("Edema"), 0) == 1.0);
	CHECK(n.missing_task == CX_NTASKS - 1);
	cx_evaltab_fini(&t);
	cx_segfile_fini(&p);
	cx_segfile_fini(&g);
}

static void
test_points(void)
{
	struct cx_segfile g;
	struct cx_ptfile pts;
	struct cx_evaltab t;
	struct cx_evalnotes n = {0};
	struct cx_err err = {0};
	/* Edema: x = -0.4 truncates to column 0, y = 1.5 to row 1: pixel 1, set. */
	static const char hit[] = "{\"A\": {\"Edema\": [[0.5, 0.5], [-0.4, 1.5]]}}";
	static const char miss[] = "{\"A\": {\"Edema\": [[0.5, 0.5], [-1.2, 1]], "
	    "\"Cardiomegaly\": [[0, 0]]}, \"Z\": {\"Edema\": [[0, 0]]}}";
	int ed = cx_task_id("Edema");

	CHECK(load(&g, gt_json) == 0);
	CHECK(cx_points_parse(&pts, hit, strlen(hit), "p", &err) == 0);
	CHECK(cx_evaluate_hitmiss_points(&t, &g, &pts, &n, &err) == 0);
	CHECK(CX_EVAL_V(&t, ed, 0) == 1.0);
	CHECK(isnan(CX_EVAL_V(&t, cx_task_id("Cardiomegaly"), 0)));
	cx_evaltab_fini(&t);
	cx_points_fini(&pts);
	CHECK(cx_points_parse(&pts, miss, strlen(miss), "p", &err) == 0);
	CHECK(cx_evaluate_hitmiss_points(&t, &g, &pts, &n, &err) == 0);
	CHECK(CX_EVAL_V(&t, ed, 0) == 0.0);
	CHECK(n.bad_point == 1);
	cx_evaltab_fini(&t);
	cx_points_fini(&pts);
	CHECK(cx_points_parse(&pts, "{\"A\": {\"Edema\": [[1]]}}", 23, "p", &err) == -1);
	CHECK_STR(err.where, "A/Edema/0");
	cx_segfile_fini(&g);
}

static void
test_pixels(void)
{
	struct cx_segfile g, p;
	struct cx_pixcounts pc[CX_NTASKS];
	struct cx_evalnotes n = {0};
	struct cx_err err = {0};
	int ed = cx_task_id("Edema"), ca = cx_task_id("Cardiomegaly");

	CHECK(load(&g, gt_json) == 0 && load(&p, pred_json) == 0);
	CHECK(cx_evaluate_pixels(&g, &p, pc, &n, &err) == 0);
	CHECK(pc[ed].tp == 1 && pc[ed].fp == 1 && pc[ed].fn == 1 && pc[ed].tn == 3);
	CHECK(pc[ca].tp == 0 && pc[ca].fp == 1 && pc[ca].fn == 0 && pc[ca].tn == 5);
	cx_segfile_fini(&g);
	cx_segfile_fini(&p);
}

/* The golden per-CXR IoU of the synthetic set, recomputed from the golden
 * segmentations. */
static void
test_golden_iou(void)
{
	const char *ref = check_shared("synth-small");
	char path[1024];
	struct cx_segfile g, p;
	struct cx_evaltab t;
	struct cx_evalnotes n = {0};
	struct cx_err err = {0};
	struct cx_csvread want;

	if (ref == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(path, sizeof path, "%s/golden/gt_segmentations.json", ref);
	CHECK(cx_segfile_load(&g, path, &err) == 0);
	snprintf(path, sizeof path, "%s/golden/saliency_segmentations_otsu.json", ref);
	CHECK(cx_segfile_load(&p, path, &err) == 0);
	CHECK(cx_evaluate_iou(&t, &g, &p, 0, &n, &err) == 0);
	snprintf(path, sizeof path, "%s/golden/eval_iou_otsu_all/iou_results_per_cxr.csv", ref);
	CHECK(cx_csvread_load(&want, path, &err) == 0);
	CHECK(want.nrow == t.n);
	for (size_t r = 0; r < want.nrow && r < t.n; r++) {
		CHECK_STR(t.id[r], want.cell[r * want.ncol + want.ncol - 1]);
		for (size_t c = 0; c + 1 < want.ncol; c++) {
			double w;
			cx_csvread_num(&want, r, c, &w, &err);
			CHECK_NEAR(CX_EVAL_V(&t, cx_task_id(want.head[c]), r), w, 1e-12);
		}
	}
	cx_csvread_fini(&want);
	cx_evaltab_fini(&t);
	cx_segfile_fini(&g);
	cx_segfile_fini(&p);
}

/* The row-skipping argmax against the full scan: every heatmap of both
 * reference sets, and blocky maps with ties and negative values. */
static int
argmax_same(const float *m, uint32_t ih, uint32_t iw, uint32_t oh, uint32_t ow)
{
	uint32_t r1, c1, r2, c2;

	cx_resize_argmax(m, ih, iw, oh, ow, &r1, &c1);
	cx_evalmaps_argmax(m, ih, iw, oh, ow, &r2, &c2);
	if (r1 != r2 || c1 != c2)
		fprintf(stderr, "  %ux%u -> %ux%u: (%u,%u) != (%u,%u)\n", ih, iw, oh, ow,
		    r2, c2, r1, c1);
	return r1 == r2 && c1 == c2;
}

static void
test_fast_argmax(void)
{
	static const char *const sets[2] = { "synth-small/inputs/gradcam_maps_val",
	    "sample-data/gradcam_maps_val" };
	float m[12 * 9];
	int n = 0;

	/* Ties: a blocky map with two equal maxima, and an all-negative one. */
	for (int i = 0; i < 12 * 9; i++)
		m[i] = (float)((i / 9) % 3 == 1 && (i % 9) % 4 == 1 ? 5 : i % 5);
	CHECK(argmax_same(m, 12, 9, 257, 311));
	for (int i = 0; i < 12 * 9; i++)
		m[i] = -1.0f - (float)((i * 7) % 11);
	CHECK(argmax_same(m, 12, 9, 100, 50));
	CHECK(argmax_same(m, 12, 9, 12, 9));
	for (int k = 0; k < 2; k++) {
		char ref[1024], path[2048];
		const char *r = check_shared(sets[k]);
		struct cx_heatmap_list l;
		struct cx_err err = {0};
		if (r == NULL)
			continue;
		snprintf(ref, sizeof ref, "%s", r);
		if (cx_heatmap_list_dir(&l, ref, &err) == -1)
			continue;
		for (size_t i = 0; i < l.n; i++) {
			struct cx_heatmap hm;
			snprintf(path, sizeof path, "%s", l.path[i]);
			if (cx_heatmap_load(&hm, path, &err) == -1) {
				CHECK(0);
				continue;
			}
			CHECK(argmax_same(hm.map, hm.mh, hm.mw, hm.cxr_h, hm.cxr_w));
			n++;
			cx_heatmap_fini(&hm);
		}
		cx_heatmap_list_fini(&l);
	}
	if (n == 0)
		SKIP("no reference heatmaps");
}

/* Hit/miss joined by id: a GT CXR without heatmaps (the reference would
 * fail assigning img_id by position) gets an empty row, the others keep the
 * golden values. */
static void
test_hitmiss_by_id(void)
{
	const char *r = check_shared("synth-small");
	char ref[1024], path[2048];
	struct cx_segfile g;
	struct cx_segentry e;
	struct cx_heatmap_list l;
	struct cx_evaltab t;
	struct cx_evalnotes n = {0};
	struct cx_err err = {0};
	struct cx_csvread want;

	if (r == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(ref, sizeof ref, "%s", r);
	snprintf(path, sizeof path, "%s/golden/gt_segmentations.json", ref);
	CHECK(cx_segfile_load(&g, path, &err) == 0);
	memset(&e, 0, sizeof e);
	e.id = strdup("patient00000_study1_view1_frontal");
	e.h = g.e[0].h;
	e.w = g.e[0].w;
	for (int k = 0; k < CX_NTASKS; k++) {
		e.present[k] = 1;
		cx_rle_zero(&e.m[k], e.h, e.w);
	}
	cx_rle_fini(&e.m[4]);
	cx_rle_from_counts(&e.m[4], (const int64_t[]){ 0, (int64_t)e.h * e.w }, 2, e.h, e.w, "t", &err);
	cx_segfile_add(&g, &e);
	cx_segfile_sort(&g);
	snprintf(path, sizeof path, "%s/inputs/gradcam_maps_val", ref);
	CHECK(cx_heatmap_list_dir(&l, path, &err) == 0);
	CHECK(cx_evalmaps_hitmiss(&t, &g, &l, 1, 1, 2, NULL, NULL, NULL, &n, &err) == 0);
	CHECK(n.missing_id == 1);
	CHECK(t.n == 11);
	CHECK_STR(t.id[0], "patient00000_study1_view1_frontal");
	CHECK(isnan(CX_EVAL_V(&t, 4, 0)));
	snprintf(path, sizeof path, "%s/golden/eval_hitmiss/hitmiss_results_per_cxr.csv", ref);
	CHECK(cx_csvread_load(&want, path, &err) == 0);
	for (size_t row = 0; row < want.nrow && row + 1 < t.n; row++) {
		CHECK_STR(t.id[row + 1], want.cell[row * want.ncol + want.ncol - 1]);
		for (size_t c = 0; c + 1 < want.ncol; c++) {
			double w;
			cx_csvread_num(&want, row, c, &w, &err);
			CHECK_NEAR(CX_EVAL_V(&t, cx_task_id(want.head[c]), row + 1), w, 0);
		}
	}
	cx_csvread_fini(&want);
	cx_evaltab_fini(&t);
	cx_heatmap_list_fini(&l);
	cx_segfile_fini(&g);
}

int
main(void)
{
	RUN(test_iou_modes);
	RUN(test_iou_missing_and_mismatch);
	RUN(test_points);
	RUN(test_pixels);
	RUN(test_golden_iou);
	RUN(test_fast_argmax);
	RUN(test_hitmiss_by_id);
	return CHECK_DONE();
}
