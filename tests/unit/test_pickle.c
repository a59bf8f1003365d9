/* test_pickle: the data-only pickle reader and .npy parser on hand-written
 * byte strings, and the real torch pickles of the synthetic set. */
#include <stdint.h>

#include "check.h"
#include "heatmap.h"
#include "npy.h"
#include "pickle.h"

static int
load(struct cx_pickle **pk, const char *s, size_t n, struct cx_err *err)
{
	memset(err, 0, sizeof *err);
	return cx_pickle_load_mem(pk, s, n, err);
}

/* {'a': 5, 'b': [1.5, 'x'], 'c': (True, None)} in protocol 2 */
static void
test_pickle_basic(void)
{
	static const char s[] = "\x80\x02}q\x00(X\x01\x00\x00\x00" "aK\x05X\x01\x00\x00\x00" "b]"
	    "q\x01(G?\xf8\x00\x00\x00\x00\x00\x00X\x01\x00\x00\x00" "xeX\x01\x00\x00\x00"
	    "c\x88N\x86u.";
	struct cx_pickle *pk;
	struct cx_err err;
	const struct cx_pk_obj *r, *b;
	const uint8_t *p;
	size_t n;
	double v;
	int64_t i;

	CHECK(load(&pk, s, sizeof s - 1, &err) == 0);
	if (pk == NULL)
		return;
	r = cx_pickle_root(pk);
	CHECK(cx_pk_kind(r) == CX_PK_DICT);
	CHECK(cx_pk_int(cx_pk_dict_get(pk, r, "a"), &i) == 0 && i == 5);
	b = cx_pk_dict_get(pk, r, "b");
	CHECK(b != NULL && cx_pk_kind(b) == CX_PK_LIST && cx_pk_len(b) == 2);
	CHECK(cx_pk_number(cx_pk_item(b, 0), &v) == 0 && v == 1.5);
	CHECK(cx_pk_blob(pk, cx_pk_item(b, 1), &p, &n, &err) == 0 && n == 1 && p[0] == 'x');
	CHECK(cx_pk_len(cx_pk_dict_get(pk, r, "c")) == 2);
	CHECK(cx_pk_dict_get(pk, r, "zz") == NULL);
	cx_pickle_free(pk);
}

/* The reader names the rejected global and where its opcode is. */
static void
test_pickle_rejects_globals(void)
{
	static const char sys[] = "\x80\x02\x63os\nsystem\nX\x02\x00\x00\x00id\x85R.";
	static const char sg[] = "\x80\x04\x8c\x08\x62uiltins\x8c\x04\x65val\x93\x8c\x01\x31\x85R.";
	static const char sub[] = "\x80\x02\x63subprocess\nPopen\n.";
	struct cx_pickle *pk;
	struct cx_err err;

	CHECK(load(&pk, sys, sizeof sys - 1, &err) == -1 && pk == NULL);
	CHECK_STR(err.where, "byte 2");
	CHECK_STR(err.msg, "unknown global 'os.system'");
	CHECK(load(&pk, sg, sizeof sg - 1, &err) == -1);
	CHECK_STR(err.msg, "unknown global 'builtins.eval'");
	CHECK_STR(err.where, "byte 18");
	CHECK(load(&pk, sub, sizeof sub - 1, &err) == -1);
	CHECK_STR(err.msg, "unknown global 'subprocess.Popen'");
}

/* Sizes are checked against the input before anything is allocated. */
static void
test_pickle_bounds(void)
{
	static const char big[] = "\x80\x03\x42\xff\xff\xff\x7f" "ab.";
	static const char big8[] = "\x80\x04\x8e\xff\xff\xff\xff\xff\xff\xff\xff.";
	static const char trunc[] = "\x80\x02X\x05\x00\x00\x00" "ab";
	static const char memo[] = "\x80\x02r\xff\xff\xff\x7f.";
	static const char under[] = "\x80\x02s.";
	static const char nostop[] = "\x80\x02K\x01";
	static const char neg[] = "\x80\x02\x8b\xff\xff\xff\xff.";
	struct cx_pickle *pk;
	struct cx_err err;

	CHECK(load(&pk, big, sizeof big - 1, &err) == -1);
	CHECK_STR(err.msg, "declared length exceeds the file");
	CHECK(load(&pk, big8, sizeof big8 - 1, &err) == -1);
	CHECK_STR(err.msg, "declared length exceeds the file");
	CHECK(load(&pk, trunc, sizeof trunc - 1, &err) == -1);
	CHECK(load(&pk, memo, sizeof memo - 1, &err) == -1);
	CHECK(load(&pk, under, sizeof under - 1, &err) == -1);
	CHECK_STR(err.msg, "stack underflow");
	CHECK(load(&pk, nostop, sizeof nostop - 1, &err) == -1);
	CHECK_STR(err.msg, "truncated pickle");
	CHECK(load(&pk, neg, sizeof neg - 1, &err) == -1);
	CHECK_STR(err.msg, "negative length");
}

/* A list appended into itself is fine: nothing walks the object graph. */
static void
test_pickle_cycle(void)
{
	static const char s[] = "\x80\x02]q\x00h\x00\x61.";
	struct cx_pickle *pk;
	struct cx_err err;

	CHECK(load(&pk, s, sizeof s - 1, &err) == 0);
	if (pk == NULL)
		return;
	CHECK(cx_pk_item(cx_pickle_root(pk), 0) == cx_pickle_root(pk));
	cx_pickle_free(pk);
}

/* The numpy-style fixtures (tests/data/heat, made by make_fixtures.py) hold
 * the map 0..11 as (1,1,3,4) float32 protocol 2, (3,4) float64 protocol 4
 * and (3,4) big-endian float32 in Fortran order. */
static void
test_pickle_numpy_fixtures(void)
{
	static const char *const dirs[] = { "np_p2", "np_p4", "np_fortran_be" };
	char path[256];

	for (int d = 0; d < 3; d++) {
		struct cx_heatmap hm;
		struct cx_err err = {0};
		snprintf(path, sizeof path, "tests/data/heat/%s/patient1_study1_view1_frontal_Edema_map.pkl",
		    dirs[d]);
		if (cx_heatmap_load(&hm, path, &err) == -1) {
			fprintf(stderr, "  %s: %s\n", path, err.msg);
			CHECK(!"fixture loads");
			continue;
		}
		CHECK(hm.mh == 3 && hm.mw == 4 && hm.cxr_w == 8 && hm.cxr_h == 6);
		for (int i = 0; i < 12; i++)
			CHECK(hm.map[i] == (float)i);
		CHECK(hm.has_prob && hm.prob == 0.25 && !hm.prob_f32 && hm.gt == 1);
		CHECK(hm.task == 4);	/* Edema */
		cx_heatmap_fini(&hm);
	}
}

/* A real torch pickle: 10x10 map, the (3,16,16) cxr_img left unread. */
static void
test_pickle_torch_synth(void)
{
	const char *ref = check_shared("synth-small");
	char path[1200];
	struct cx_pickle *pk;
	struct cx_err err = {0};
	struct cx_pk_array a;
	const struct cx_pk_obj *m;

	if (ref == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(path, sizeof path, "%s/inputs/gradcam_maps_val/"
	    "patient64541_study1_view1_frontal_Edema_map.pkl", ref);
	CHECK(cx_pickle_load(&pk, path, &err) == 0);
	if (pk == NULL)
		return;
	m = cx_pk_dict_get(pk, cx_pickle_root(pk), "map");
	CHECK(m != NULL && cx_pk_kind(m) == CX_PK_TENSOR);
	CHECK(cx_pk_array(pk, m, 1000, &a, &err) == 0);
	CHECK(a.ndim == 4 && a.shape[0] == 1 && a.shape[1] == 1 && a.n == a.shape[2] * a.shape[3]);
	CHECK(a.f32);
	free(a.v);
	/* too many elements for the caller's limit */
	CHECK(cx_pk_array(pk, m, 10, &a, &err) == -1);
	CHECK_STR(err.msg, "tensor too large");
	cx_pickle_free(pk);
}

/* NumPy scalars (numpy.core.multiarray.scalar): {'prob': float32(0.3),
 * 'w': int64(2828), 'h': uint16(2320)}, protocol 3, as numpy pickles them. */
static void
test_pickle_numpy_scalars(void)
{
	static const char s[] = "\x80\x03\x7d\x71\x00\x28\x58\x04\x00\x00\x00\x70\x72\x6f\x62\x71"
	    "\x01\x63\x6e\x75\x6d\x70\x79\x2e\x63\x6f\x72\x65\x2e\x6d\x75\x6c\x74\x69\x61\x72"
	    "\x72\x61\x79\x0a\x73\x63\x61\x6c\x61\x72\x0a\x71\x02\x63\x6e\x75\x6d\x70\x79\x0a"
	    "\x64\x74\x79\x70\x65\x0a\x71\x03\x58\x02\x00\x00\x00\x66\x34\x71\x04\x89\x88\x87"
	    "\x71\x05\x52\x71\x06\x28\x4b\x03\x58\x01\x00\x00\x00\x3c\x71\x07\x4e\x4e\x4e\x4a"
	    "\xff\xff\xff\xff\x4a\xff\xff\xff\xff\x4b\x00\x74\x71\x08\x62\x43\x04\x9a\x99\x99"
	    "\x3e\x71\x09\x86\x71\x0a\x52\x71\x0b\x58\x01\x00\x00\x00\x77\x71\x0c\x68\x02\x68"
	    "\x03\x58\x02\x00\x00\x00\x69\x38\x71\x0d\x89\x88\x87\x71\x0e\x52\x71\x0f\x68\x08"
	    "\x62\x43\x08\x0c\x0b\x00\x00\x00\x00\x00\x00\x71\x10\x86\x71\x11\x52\x71\x12\x58"
	    "\x01\x00\x00\x00\x68\x71\x13\x68\x02\x68\x03\x58\x02\x00\x00\x00\x75\x32\x71\x14"
	    "\x89\x88\x87\x71\x15\x52\x71\x16\x68\x08\x62\x43\x02\x10\x09\x71\x17\x86\x71\x18"
	    "\x52\x71\x19\x75\x2e";
	struct cx_pickle *pk;
	struct cx_err err;
	const struct cx_pk_obj *r;
	double v;
	int64_t i;

	CHECK(load(&pk, s, sizeof s - 1, &err) == 0);
	if (pk == NULL)
		return;
	r = cx_pickle_root(pk);
	CHECK(cx_pk_number(cx_pk_dict_get(pk, r, "prob"), &v) == 0 && v == (double)0.3f);
	CHECK(cx_pk_number_f32(cx_pk_dict_get(pk, r, "prob")));
	CHECK(cx_pk_int(cx_pk_dict_get(pk, r, "w"), &i) == 0 && i == 2828);
	CHECK(cx_pk_int(cx_pk_dict_get(pk, r, "h"), &i) == 0 && i == 2320);
	cx_pickle_free(pk);
}

static void
test_npy(void)
{
	char buf[128 + 48];
	const char *hdr = "{'descr': '<f4', 'fortran_order': True, 'shape': (3, 4), }";
	struct cx_npy a;
	struct cx_err err = {0};
	size_t hl = 118;

	memset(buf, ' ', sizeof buf);
	memcpy(buf, "\x93NUMPY\x01\x00", 8);
	buf[8] = (char)hl;
	buf[9] = 0;
	memcpy(buf + 10, hdr, strlen(hdr));
	buf[10 + hl - 1] = '\n';
	/* Fortran order: element (r, c) at c*3 + r, value r*4 + c */
	for (int c = 0; c < 4; c++)
		for (int r = 0; r < 3; r++) {
			float v = (float)(r * 4 + c);
			memcpy(buf + 128 + 4 * (c * 3 + r), &v, 4);
		}
	CHECK(cx_npy_parse(&a, (const uint8_t *)buf, sizeof buf, 1000, &err) == 0);
	CHECK(a.ndim == 2 && a.shape[0] == 3 && a.shape[1] == 4 && a.f32);
	for (int i = 0; i < 12 && a.v; i++)
		CHECK(a.v[i] == i);
	cx_npy_fini(&a);
	/* one byte short */
	CHECK(cx_npy_parse(&a, (const uint8_t *)buf, sizeof buf - 1, 1000, &err) == -1);
	CHECK_STR(err.msg, "data size does not match the shape");
	CHECK(cx_npy_parse(&a, (const uint8_t *)"\x93NUMPZ\x01\x00\x00\x00", 10, 1000, &err) == -1);
}

/* tests/data/heat/png16: a 3x2 16-bit grey PNG (make_fixtures.py). */
static void
test_heatmap_png16(void)
{
	struct cx_heatmap hm;
	struct cx_err err = {0};
	static const int v[6] = { 0, 65535, 32768, 1, 2, 3 };

	CHECK(cx_heatmap_load(&hm, "tests/data/heat/png16/patient1_study1_view1_frontal_Edema_map.png",
	    &err) == 0);
	if (hm.map == NULL)
		return;
	CHECK(hm.mh == 2 && hm.mw == 3 && hm.cxr_w == 0 && hm.task == 4 && !hm.has_prob);
	for (int i = 0; i < 6; i++)
		CHECK(hm.map[i] == (float)(v[i] / 65535.0));
	cx_heatmap_fini(&hm);
}

static void
test_heatmap_names(void)
{
	struct cx_heatmap_name nm;

	CHECK(cx_heatmap_parse_name("patient64541_study1_view1_frontal_Pleural Effusion_map.pkl",
	    &nm) == 0);
	CHECK_STR(nm.id, "patient64541_study1_view1_frontal");
	CHECK(nm.task == 8);
	free(nm.id);
	/* the reference's scripts skip CheXpert's name in a heatmap file name */
	CHECK(cx_heatmap_parse_name("a_b_Lung Opacity_map.npy", &nm) == CX_HEATMAP_LUNG_OPACITY);
	CHECK(cx_heatmap_parse_name("a_b_Airspace Opacity_map.npy", &nm) == 0 && nm.task == 3);
	free(nm.id);
	CHECK(cx_heatmap_parse_name("a_b_Pneumonia_map.pkl", &nm) == -1);
	CHECK(cx_heatmap_parse_name("a_b_Edema_map.txt", &nm) == -1);
	CHECK(cx_heatmap_parse_name("Edema_map.pkl", &nm) == -1);
}

int
main(void)
{
	RUN(test_pickle_basic);
	RUN(test_pickle_rejects_globals);
	RUN(test_pickle_bounds);
	RUN(test_pickle_cycle);
	RUN(test_pickle_numpy_fixtures);
	RUN(test_pickle_torch_synth);
	RUN(test_pickle_numpy_scalars);
	RUN(test_npy);
	RUN(test_heatmap_png16);
	RUN(test_heatmap_names);
	return CHECK_DONE();
}
