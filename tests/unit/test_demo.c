/* test_demo: the pickle writer against a published-form file, and the demo
 * dataset: deterministic for a seed, every file readable by the core readers. */
#include <dirent.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "annjson.h"
#include "dataset.h"
#include "demo.h"
#include "image.h"
#include "labels.h"
#include "pklwrite.h"
#include "points.h"
#include "segjson.h"

static uint32_t
rd32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The floats at the end of the BINBYTES blob starting at p ('B'). */
static const unsigned char *
blob_data(const unsigned char *p, size_t numel)
{
	uint32_t len = rd32(p + 1);

	return p + 5 + len - numel * 4;
}

/* synth-small's Cardiomegaly pickle of patient64541 was written by torch
 * (pickletools shows: map (1,1,10,10), prob 0.1519425243738181, gt 0,
 * cxr_img (3,16,16), cxr_dims (512, 384), storage keys 94022691790624 and
 * 94009545856576). Rebuilt from those values and its raw floats, our writer
 * must give the same bytes. */
static void
test_pkl_bytes_match_torch(void)
{
	const char *s = check_shared("synth-small");
	char path[2048];
	unsigned char *ref, *out;
	size_t n, m;
	const unsigned char *b2;
	float map[100], img[768];
	struct cx_pkl_heatmap h;

	if (s == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(path, sizeof path,
	    "%s/inputs/gradcam_maps_val/patient64541_study1_view1_frontal_Cardiomegaly_map.pkl", s);
	ref = (unsigned char *)check_slurp(path, &n);
	CHECK(ref != NULL && n == 4291 && ref[86] == 'B');
	if (ref == NULL || n != 4291)
		return;
	memcpy(map, blob_data(ref + 86, 100), sizeof map);
	b2 = NULL;
	for (size_t i = 200; i + 6 <= n && b2 == NULL; i++)
		if (memcmp(ref + i, "h\002(h\003B", 6) == 0)
			b2 = ref + i;
	CHECK(b2 != NULL);
	if (b2 == NULL) {
		free(ref);
		return;
	}
	memcpy(img, blob_data(b2 + 5, 768), sizeof img);
	memset(&h, 0, sizeof h);
	h.map = map;
	h.mh = h.mw = 10;
	h.prob = 0.1519425243738181;
	h.task = "Cardiomegaly";
	h.gt = 0;
	h.cxr_img = img;
	h.ih = h.iw = 16;
	h.cxr_w = 512;
	h.cxr_h = 384;
	h.key_map = 94022691790624ull;
	h.key_img = 94009545856576ull;
	out = cx_pkl_heatmap_bytes(&h, &m);
	CHECK(m == n);
	CHECK(m == n && memcmp(out, ref, n) == 0);
	free(out);
	free(ref);
}

static int
same_file(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	char *x = check_slurp(a, &na), *y = check_slurp(b, &nb);
	int same = x && y && na == nb && memcmp(x, y, na) == 0;

	free(x);
	free(y);
	return same;
}

static void
rmtree(const char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "  cannot remove %s\n", dir);
}

static void
test_demo_deterministic_and_readable(void)
{
	char a[] = "/tmp/cxdemoAXXXXXX", b[] = "/tmp/cxdemoBXXXXXX", c[] = "/tmp/cxdemoCXXXXXX";
	char pa[1024], pb[1024];
	struct cx_demo_opts o = { .seed = 7, .count = 4, .nthreads = 2 };
	struct cx_err err = {0};
	struct cx_labels l;
	struct cx_segfile sf;
	struct cx_annfile af;
	struct cx_ptfile pf;
	struct cx_dataset ds;
	int f;

	if (mkdtemp(a) == NULL || mkdtemp(b) == NULL || mkdtemp(c) == NULL)
		SKIP("no temp dir");
	CHECK(cx_demo_write(a, &o, &err) == 0);
	o.nthreads = 1;
	CHECK(cx_demo_write(b, &o, &err) == 0);
	o.seed = 8;
	CHECK(cx_demo_write(c, &o, &err) == 0);
	for (int i = 0; cx_demo_files[i]; i++) {
		snprintf(pa, sizeof pa, "%s/%s", a, cx_demo_files[i]);
		snprintf(pb, sizeof pb, "%s/%s", b, cx_demo_files[i]);
		if (!same_file(pa, pb)) {
			fprintf(stderr, "  %s differs between two runs with seed 7\n", cx_demo_files[i]);
			check_failures++;
		}
	}
	snprintf(pa, sizeof pa, "%s/valid/patient64541/study1/view1_frontal.jpg", a);
	snprintf(pb, sizeof pb, "%s/valid/patient64541/study1/view1_frontal.jpg", b);
	CHECK(same_file(pa, pb));
	snprintf(pb, sizeof pb, "%s/valid/patient64541/study1/view1_frontal.jpg", c);
	CHECK(!same_file(pa, pb));	/* another seed, another image */
	snprintf(pa, sizeof pa, "%s/gradcam_maps_val/patient64541_study1_view1_frontal_Edema_map.pkl", a);
	snprintf(pb, sizeof pb, "%s/gradcam_maps_val/patient64541_study1_view1_frontal_Edema_map.pkl", b);
	CHECK(same_file(pa, pb));

	/* readable by the core readers */
	snprintf(pa, sizeof pa, "%s/valid.csv", a);
	CHECK(cx_labels_load(&l, pa, &err) == 0 && l.n == 4);
	cx_labels_fini(&l);
	snprintf(pa, sizeof pa, "%s/gt_segmentations_val.json", a);
	CHECK(cx_segfile_load(&sf, pa, &err) == 0);
	cx_segfile_fini(&sf);
	snprintf(pa, sizeof pa, "%s/gradcam_segmentations_val.json", a);
	CHECK(cx_segfile_load(&sf, pa, &err) == 0 && sf.n == 4);
	cx_segfile_fini(&sf);
	snprintf(pa, sizeof pa, "%s/gt_annotations_val.json", a);
	CHECK(cx_annfile_load(&af, pa, &err) == 0);
	cx_annfile_fini(&af);
	snprintf(pa, sizeof pa, "%s/hb_salient_pt_val.json", a);
	CHECK(cx_points_load(&pf, pa, &err) == 0);
	cx_points_fini(&pf);
	snprintf(pa, sizeof pa, "%s/.chexplore-demo", a);
	CHECK(access(pa, F_OK) == 0);

	/* and the dataset joins them: 4 CXRs, 40 heatmaps, images of the planned size */
	CHECK(cx_dataset_open(&ds, a, NULL, &err) == 0);
	CHECK(ds.n == 4);
	CHECK((f = cx_dataset_role(&ds, CX_DS_HEATMAPS)) >= 0 && ds.file[f].nitems == 40);
	for (size_t i = 0; i < ds.n; i++) {
		uint32_t w = 0, h = 0;
		int ch = 0, d = 0;
		CHECK(ds.cxr[i].image != NULL && ds.cxr[i].labels != NULL);
		CHECK(ds.cxr[i].image && cx_image_probe(ds.cxr[i].image, &w, &h, &ch, &d, &err) == 0);
		CHECK(ch == 1 && d == 8 && w >= 700 && w <= 1100 && h >= 500 && h <= 1100);
	}
	CHECK(ds.nnotes == 0);
	cx_dataset_fini(&ds);
	rmtree(a);
	rmtree(b);
	rmtree(c);
}

int
main(void)
{
	RUN(test_pkl_bytes_match_torch);
	RUN(test_demo_deterministic_and_readable);
	return CHECK_DONE();
}
