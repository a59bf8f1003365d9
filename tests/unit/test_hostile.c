/* Hostile-input regressions found by tests/suite_hostile.sh (issue 5). */
#include "check.h"
#include "heatmap.h"
#include "labels.h"
#include "npy.h"
#include "pklwrite.h"
#include "segjson.h"

#include <stdio.h>
#include <unistd.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

static size_t
npy(uint8_t *buf, const char *hdr, size_t ndata)
{
	size_t hl = strlen(hdr);

	memcpy(buf, "\x93NUMPY\x01\x00", 8);
	buf[8] = (uint8_t)hl;
	buf[9] = 0;
	memcpy(buf + 10, hdr, hl);
	memset(buf + 10 + hl, 0, ndata);
	return 10 + hl + ndata;
}

/* A header is parsed as data: keys found by searching are not enough. */
static void
test_npy_header_strict(void)
{
	uint8_t buf[512];
	struct cx_npy a;
	struct cx_err err = {0};
	size_t n;

	n = npy(buf, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }       \n", 16);
	CHECK(cx_npy_parse(&a, buf, n, 100, &err) == 0);
	CHECK(a.n == 4);
	cx_npy_fini(&a);
	n = npy(buf, "{'descr': '<f4', '__import__(\"os\").system(\"id\")', 'fortran_order': False, "
	    "'shape': (2, 2), }\n", 16);
	CHECK(cx_npy_parse(&a, buf, n, 100, &err) == -1);
	n = npy(buf, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'x': 1}\n", 16);
	CHECK(cx_npy_parse(&a, buf, n, 100, &err) == -1);
	n = npy(buf, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2)} + junk\n", 16);
	CHECK(cx_npy_parse(&a, buf, n, 100, &err) == -1);
}

/* A label Path with control bytes or spaces gives no id. */
static void
test_labels_control_path(void)
{
	char *id;

	CHECK((id = cx_labels_path_id("CheXpert-v1.0/valid/patient1/study1/view1_frontal.jpg")) != NULL);
	CHECK_STR(id, "patient1_study1_view1_frontal");
	free(id);
	CHECK(cx_labels_path_id("valid/patient1\x1b[2J/study1/view1_frontal.jpg") == NULL);
	CHECK(cx_labels_path_id("valid/patient1 x/study1/view1_frontal.jpg") == NULL);
}

/* A heatmap file name whose id is not an image id is not a heatmap. */
static void
test_heatmap_name_id(void)
{
	struct cx_heatmap_name nm;

	CHECK(cx_heatmap_parse_name("patient1_study1_view1_frontal_Edema_map.pkl", &nm) == 0);
	free(nm.id);
	CHECK(cx_heatmap_parse_name("patient1\x07_study1_view1_frontal_Edema_map.pkl", &nm) == -1);
	CHECK(cx_heatmap_parse_name(".._Edema_map.pkl", &nm) == -1);
}

/* A successful load leaves no file name in err: `count GOOD -o /proc/self`
 * blamed the GT file for the output folder it could not create. */
static void
test_load_success_clears_err(void)
{
	char path[] = "/tmp/cx-test-hostile-XXXXXX";
	const char *js = "{\"patient1_study1_view1_frontal\": {\"Edema\": {\"size\": [2, 2], \"counts\": [4]}}}";
	struct cx_segfile f;
	struct cx_err err = {0};
	int fd = mkstemp(path);

	if (fd == -1)
		SKIP("cannot create a temp file");
	CHECK(write(fd, js, strlen(js)) == (ssize_t)strlen(js));
	close(fd);
	CHECK(cx_segfile_load(&f, path, &err) == 0);
	CHECK(err.file[0] == '\0' && err.msg[0] == '\0');
	cx_segfile_fini(&f);
	unlink(path);
}

/* A map holding NaN or infinity is refused at load: Otsu's histogram walk
 * read past its bins on one (found by tests/suite_hostile.sh's map_inf). */
static void
test_heatmap_nonfinite(void)
{
	/* a numpy-style pickle, 3x4 float64 map 0..11 with map[0][2] = inf */
	const char *src = "tests/bad/hostile/maps/map_inf/"
	    "patient64541_study1_view1_frontal_Cardiomegaly_map.pkl";
	struct cx_heatmap hm;
	struct cx_err err = {0};
	FILE *fp;

	if ((fp = fopen(src, "rb")) == NULL)
		SKIP("run from the repository root");
	fclose(fp);
	CHECK(cx_heatmap_load(&hm, src, &err) == -1);
	CHECK(strstr(err.msg, "not a finite") != NULL);
	CHECK_STR(err.where, "map[0][2]");
}

/* A float32 torch map (the published form) is taken as its bytes: every
 * value comes back bit for bit (subnormals, -0, the largest float), and a NaN
 * or infinity is refused at its place wherever it is, in the checker's
 * groups of four and in their tail (7 x 5 = 35 values). */
static void
test_heatmap_f32_tensor(void)
{
	char dir[] = "/tmp/cx-f32-XXXXXX", path[200];
	float map[35];
	const float bad[] = { NAN, INFINITY, -INFINITY };
	struct cx_heatmap hm;
	struct cx_err err = {0};

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/patient1_study1_view1_frontal_Edema_map.pkl", dir);
	for (int i = 0; i < 35; i++)
		map[i] = (float)(i - 17) / 7.0f;
	map[3] = 1e-45f;
	map[4] = -0.0f;
	map[34] = 3.4028235e38f;
	struct cx_pkl_heatmap h = { .map = map, .mh = 7, .mw = 5, .prob = 0.5, .task = "Edema",
	    .ih = 2, .iw = 2, .cxr_w = 10, .cxr_h = 14 };
	CHECK(cx_pkl_write_heatmap(path, &h, &err) == 0);
	CHECK(cx_heatmap_load(&hm, path, &err) == 0);
	CHECK(hm.mh == 7 && hm.mw == 5 && hm.map64 == NULL);
	CHECK(memcmp(hm.map, map, sizeof map) == 0);
	cx_heatmap_fini(&hm);
	for (int pos = 0; pos < 35; pos++) {
		float keep = map[pos];
		char where[32];
		map[pos] = bad[pos % 3];
		memset(&err, 0, sizeof err);
		CHECK(cx_pkl_write_heatmap(path, &h, &err) == 0);
		CHECK(cx_heatmap_load(&hm, path, &err) == -1);
		CHECK(strstr(err.msg, "not a finite") != NULL);
		snprintf(where, sizeof where, "map[%d][%d]", pos / 5, pos % 5);
		CHECK_STR(err.where, where);
		map[pos] = keep;
	}
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	RUN(test_heatmap_nonfinite);
	RUN(test_heatmap_f32_tensor);
	RUN(test_load_success_clears_err);
	RUN(test_npy_header_strict);
	RUN(test_labels_control_path);
	RUN(test_heatmap_name_id);
	return CHECK_DONE();
}
