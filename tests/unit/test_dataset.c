/* test_dataset: discovery and join on the reference folders. */
#include <string.h>

#include "check.h"
#include "dataset.h"

/* synth-small/inputs (listed by hand): 12 images of 9 patients, valid.csv with
 * 12 rows, GT and HB annotations of 10 CXRs, salient points of 9, a heatmap
 * folder of 120 pickles (10 per CXR), no segmentation JSON. */
static void
test_synth_inputs(void)
{
	const char *s = check_shared("synth-small");
	char dir[2048];
	struct cx_dataset ds;
	struct cx_err err = {0};
	long k;
	int f;

	if (s == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(dir, sizeof dir, "%s/inputs", s);
	CHECK(cx_dataset_open(&ds, dir, NULL, &err) == 0);
	CHECK(ds.n == 12 && ds.npatients == 9);
	CHECK(cx_dataset_role(&ds, CX_DS_GT_SEG) == -1);
	CHECK((f = cx_dataset_role(&ds, CX_DS_GT_ANN)) >= 0 && ds.file[f].nids == 10);
	CHECK((f = cx_dataset_role(&ds, CX_DS_HB_PTS)) >= 0 && ds.file[f].nids == 9);
	CHECK((f = cx_dataset_role(&ds, CX_DS_LABELS)) >= 0 && ds.file[f].nids == 12);
	f = cx_dataset_role(&ds, CX_DS_HEATMAPS);
	CHECK(f >= 0 && ds.file[f].nitems == 120 && ds.file[f].nids == 12);
	k = cx_dataset_find(&ds, "patient64542_study2_view1_frontal");
	CHECK(k >= 0);
	if (k >= 0 && f >= 0) {
		const struct cx_ds_cxr *c = &ds.cxr[k];
		const char *hp = cx_dataset_heatmap(&ds, f, (size_t)k, cx_task_id("Lung Lesion"));
		CHECK_STR(c->patient, "patient64542");
		CHECK_STR(c->study, "study2");
		CHECK_STR(c->view, "view1_frontal");
		CHECK(c->image != NULL && strstr(c->image, "valid/patient64542/study2/view1_frontal.jpg"));
		CHECK(c->labels != NULL && c->labels->age == 36);
		CHECK(c->in >> f & 1);
		CHECK(hp != NULL && strstr(hp, "patient64542_study2_view1_frontal_Lung Lesion_map.pkl"));
	}
	CHECK(ds.nnotes >= 1);	/* no gt_segmentations file */
	cx_dataset_fini(&ds);
}

/* sample-data: 2 CXRs with everything, including GT masks and a prediction file;
 * an explicit path replaces the discovered one. */
static void
test_sample_override(void)
{
	const char *s = check_shared("sample-data");
	char gt[2048];
	struct cx_dataset ds;
	struct cx_dataset_opts o;
	struct cx_err err = {0};
	int f;

	if (s == NULL)
		SKIP("../shared/reference/sample-data not present");
	CHECK(cx_dataset_open(&ds, s, NULL, &err) == 0);
	CHECK(ds.n == 2);
	CHECK((f = cx_dataset_role(&ds, CX_DS_GT_SEG)) >= 0 && ds.file[f].seg.n == 2);
	CHECK(cx_dataset_role(&ds, CX_DS_PRED_SEG) >= 0);
	cx_dataset_fini(&ds);

	memset(&o, 0, sizeof o);
	snprintf(gt, sizeof gt, "%s/../synth-small/golden/gt_segmentations.json", s);
	o.path[CX_DS_GT_SEG] = gt;
	if (check_shared("synth-small") == NULL)
		SKIP("synth-small not present");
	CHECK(cx_dataset_open(&ds, s, &o, &err) == 0);
	CHECK((f = cx_dataset_role(&ds, CX_DS_GT_SEG)) >= 0 && ds.file[f].nids == 10);
	CHECK(ds.n == 12);	/* 10 GT ids + the 2 sample CXRs (not in that GT) */
	cx_dataset_fini(&ds);

	/* an explicit heatmap folder replaces the discovered one */
	{
		char hm[2048];
		memset(&o, 0, sizeof o);
		snprintf(hm, sizeof hm, "%s/../synth-small/inputs/gradcam_maps_val", s);
		o.path[CX_DS_HEATMAPS] = hm;
		CHECK(cx_dataset_open(&ds, s, &o, &err) == 0);
		CHECK((f = cx_dataset_role(&ds, CX_DS_HEATMAPS)) >= 0 && ds.file[f].nitems == 120);
		CHECK(f >= 0 && ds.file[f].path == strstr(ds.file[f].path, hm));
		CHECK(f >= 0 && cx_dataset_heatmap(&ds, f, 0, 0) != NULL);
		cx_dataset_fini(&ds);
	}
	o.path[CX_DS_GT_SEG] = "/nonexistent/gt.json";
	CHECK(cx_dataset_open(&ds, s, &o, &err) == -1);
	CHECK(strstr(err.file, "nonexistent") != NULL);
}

/* With rasterize, synth-small's annotations become GT masks that match the
 * reference's golden/gt_segmentations.json (IoU >= 0.999 per mask). */
static void
test_rasterize_matches_golden(void)
{
	const char *s = check_shared("synth-small");
	char dir[2048], gold[2048];
	struct cx_dataset ds;
	struct cx_dataset_opts o;
	struct cx_segfile g;
	struct cx_err err = {0};
	int f;

	if (s == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(dir, sizeof dir, "%s/inputs", s);
	snprintf(gold, sizeof gold, "%s/golden/gt_segmentations.json", s);
	memset(&o, 0, sizeof o);
	o.rasterize = 1;
	CHECK(cx_dataset_open(&ds, dir, &o, &err) == 0);
	CHECK(cx_segfile_load(&g, gold, &err) == 0);
	f = cx_dataset_role(&ds, CX_DS_GT_SEG);
	CHECK(f >= 0 && ds.file[f].rasterized && ds.file[f].seg.n == g.n);
	for (size_t i = 0; f >= 0 && i < g.n; i++) {
		const struct cx_segentry *a = cx_segfile_find(&ds.file[f].seg, g.e[i].id);
		CHECK(a != NULL);
		for (int t = 0; a && t < CX_NTASKS; t++) {
			uint64_t in, un;
			CHECK(a->m[t].h == g.e[i].m[t].h && a->m[t].w == g.e[i].m[t].w);
			cx_rle_inter_union(&a->m[t], &g.e[i].m[t], &in, &un);
			CHECK(un == 0 || (double)in / (double)un >= 0.999);
		}
	}
	CHECK(cx_dataset_role(&ds, CX_DS_HB_SEG) >= 0);
	cx_segfile_fini(&g);
	cx_dataset_fini(&ds);
}

static void
put_file(const char *dir, const char *name, const char *text)
{
	char p[1024];
	FILE *fp;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	if ((fp = fopen(p, "w")) != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

/* Annotation and point files are only scanned for their top-level keys: the
 * scanner must skip strings holding brackets and escaped quotes, and a broken
 * file is reported (with its line:col) without stopping the others. */
static void
test_key_scan(void)
{
	char dir[] = "/tmp/cxdsXXXXXX", cmd[128];
	struct cx_dataset ds;
	struct cx_err err = {0};
	int f;

	if (mkdtemp(dir) == NULL)
		SKIP("no temp dir");
	put_file(dir, "gt_annotations_val.json",
	    "{\"patient1_study1_view1_frontal\": {\"img_size\": [2, 2], \"Edema\": [[[0, 0], [1, 1]]],"
	    " \"note\": \"a } ] \\\" { [\"}, \"patient2_study1_view1_frontal\": {}, "
	    "\"patient3_study1_view1_frontal\": 12.5e-1}\n");
	put_file(dir, "hb_salient_pt_test.json", "{\"patient9_study1_view1_frontal\": [1, 2]] }");
	CHECK(cx_dataset_open(&ds, dir, NULL, &err) == 0);
	CHECK(ds.n == 3);
	CHECK((f = cx_dataset_role(&ds, CX_DS_GT_ANN)) >= 0 && ds.file[f].nids == 3);
	CHECK(cx_dataset_role(&ds, CX_DS_HB_PTS) == -1);	/* failed */
	for (size_t i = 0; i < ds.nfile; i++)
		if (ds.file[i].role == CX_DS_HB_PTS) {
			CHECK(ds.file[i].failed);
			/* checked as Python's json reads it first: line:col */
			CHECK_STR(ds.file[i].err.where, "1:41");
		}
	cx_dataset_fini(&ds);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

static void
test_not_a_folder(void)
{
	struct cx_dataset ds;
	struct cx_err err = {0};

	CHECK(cx_dataset_open(&ds, "/nonexistent-folder", NULL, &err) == -1);
	CHECK_STR(err.msg, "not a folder");
	CHECK(cx_dataset_classify("gt_segmentations_val.json") == CX_DS_GT_SEG);
	CHECK(cx_dataset_classify("hb_salient_pt_test.json") == CX_DS_HB_PTS);
	CHECK(cx_dataset_classify("saliency_segmentations_otsu.json") == CX_DS_PRED_SEG);
	CHECK(cx_dataset_classify("val_labels.csv") == CX_DS_LABELS);
	CHECK(cx_dataset_classify("tuning_results.csv") == -1);
	CHECK(cx_dataset_classify("synth_meta.json") == -1);
}

int
main(void)
{
	RUN(test_synth_inputs);
	RUN(test_sample_override);
	RUN(test_rasterize_matches_golden);
	RUN(test_key_scan);
	RUN(test_not_a_folder);
	return CHECK_DONE();
}
