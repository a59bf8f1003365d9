/* annjson: parsing annotation JSON, errors with JSON paths, instance counts. */
#include <string.h>

#include "annjson.h"
#include "check.h"

static int
parse(struct cx_annfile *f, const char *s, struct cx_err *err)
{
	memset(err, 0, sizeof *err);
	return cx_annfile_parse(f, s, strlen(s), "t.json", err);
}

static void
test_annjson_basic(void)
{
	struct cx_annfile f;
	struct cx_err err;
	const struct cx_annentry *e;
	const char *s = "{\"b\": {\"img_size\": [3, 5], \"Lung Opacity\": [[[0, 0], [2.5, 1]]],"
	    " \"Edema\": []}, \"a\": {\"Cardiomegaly\": [[[1, 1]], [[2, 2], [3, 3]]],"
	    " \"img_size\": [10, 20]}}";

	CHECK(parse(&f, s, &err) == 0);
	CHECK(f.n == 2);
	CHECK_STR(f.e[0].id, "a");	/* sorted */
	CHECK_STR(f.e[1].id, "b");
	e = cx_annfile_find(&f, "b");
	CHECK(e != NULL && e->h == 3 && e->w == 5);
	if (e != NULL) {
		/* Lung Opacity is Airspace Opacity (task 3) */
		CHECK(e->present[3] && e->npoly[3] == 1 && e->poly[3][0].n == 2);
		CHECK(e->poly[3][0].xy[2] == 2.5 && e->poly[3][0].xy[3] == 1);
		CHECK(e->present[4] && e->npoly[4] == 0);	/* Edema: [] */
		CHECK(!e->present[0] && e->npoly[0] == 0);
	}
	e = cx_annfile_find(&f, "a");
	CHECK(e != NULL && e->npoly[1] == 2 && e->h == 10 && e->w == 20);
	CHECK(cx_annfile_find(&f, "c") == NULL);
	cx_annfile_fini(&f);
}

struct bad {
	const char *json, *where, *msg;
};

static void
test_annjson_errors(void)
{
	static const struct bad cases[] = {
		{ "[1]", "1:1", "want a JSON object of image ids" },
		{ "{\"a\": {\"img_size\": [3, 5]", "1:26", "JSON" },
		{ "{\"a\": 3}", "a", "want an object" },
		{ "{\"a\": {\"Edema\": []}}", "a/img_size", "img_size missing" },
		{ "{\"a\": {\"img_size\": [3]}}", "a/img_size", "want [height, width]" },
		{ "{\"a\": {\"img_size\": [3, -5]}}", "a/img_size", "non-negative" },
		{ "{\"a\": {\"img_size\": [3.5, 5]}}", "a/img_size", "non-negative integers" },
		{ "{\"a\": {\"img_size\": [99999, 5]}}", "a/img_size", "side limit" },
		{ "{\"a\": {\"img_size\": [3, 5], \"Flu\": []}}", "a/Flu", "unknown pathology" },
		{ "{\"a\": {\"img_size\": [3, 5], \"Edema\": {}}}", "a/Edema", "want a list of polygons" },
		{ "{\"a\": {\"img_size\": [3, 5], \"Edema\": [3]}}", "a/Edema/0", "want a polygon" },
		{ "{\"a\": {\"img_size\": [3, 5], \"Edema\": [[[1, 2]], [[1, 2], [1]]]}}",
		    "a/Edema/1/1", "want a point" },
		{ "{\"a\": {\"img_size\": [3, 5], \"Edema\": [[[1, \"2\"]]]}}", "a/Edema/0/0", "want a point" },
		{ "{\"a\": {\"img_size\": [3, 5], \"Airspace Opacity\": [], \"Lung Opacity\": []}}",
		    "a/Lung Opacity", "pathology given twice" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct cx_annfile f;
		struct cx_err err;
		CHECK(parse(&f, cases[i].json, &err) == -1);
		CHECK(f.n == 0 && f.e == NULL);
		CHECK_STR(err.file, "t.json");
		CHECK_STR(err.where, cases[i].where);
		CHECK(strstr(err.msg, cases[i].msg) != NULL);
		if (strstr(err.msg, cases[i].msg) == NULL)
			fprintf(stderr, "  case %zu: got \"%s\"\n", i, err.msg);
	}
}

/* An id or img_size given twice: Python's json keeps the last (issue 15);
 * this reader refused the id and kept the first img_size. */
static void
test_annjson_duplicate_keys(void)
{
	struct cx_annfile f;
	struct cx_err err = {0};

	CHECK(parse(&f, "{\"a\": {\"img_size\": [3, 5]}, \"b\": {\"img_size\": [1, 1]},"
	    " \"a\": {\"img_size\": [7, 9], \"img_size\": [8, 6], \"Edema\": [[[1, 2]]]}}", &err) == 0);
	CHECK(f.n == 2);
	if (f.n == 2) {
		CHECK_STR(f.e[0].id, "a");
		CHECK(f.e[0].h == 8 && f.e[0].w == 6);
		CHECK(f.e[0].npoly[cx_task_id("Edema")] == 1);
	}
	cx_annfile_fini(&f);
}

/* Bounded work (issue 15): one polygon of 300 000 points took segment past
 * 300 s; the limits refuse it, and too many polygons, with their place. */
static void
test_annjson_limits(void)
{
	size_t cap = 16u << 20, n;
	char *b = malloc(cap);
	struct cx_annfile f;
	struct cx_err err = {0};

	if (b == NULL)
		SKIP("no memory");
	/* points per polygon: the limit is read, one more is refused */
	for (int extra = 0; extra <= 1; extra++) {
		n = (size_t)snprintf(b, cap, "{\"a\": {\"img_size\": [9, 9], \"Edema\": [[]], \"Atelectasis\": [[");
		for (int i = 0; i < CX_ANN_MAX_POINTS + extra; i++)
			n += (size_t)snprintf(b + n, cap - n, "%s[1, 2]", i ? ", " : "");
		n += (size_t)snprintf(b + n, cap - n, "]]}}");
		CHECK(cx_annfile_parse(&f, b, n, "t.json", &err) == (extra ? -1 : 0));
		cx_annfile_fini(&f);
	}
	CHECK_STR(err.where, "a/Atelectasis/0");
	CHECK(strstr(err.msg, "10001 points, more than the limit of 10000") != NULL);
	/* polygons per pathology */
	n = (size_t)snprintf(b, cap, "{\"a\": {\"img_size\": [9, 9], \"Edema\": [");
	for (int i = 0; i < CX_ANN_MAX_POLYS + 1; i++)
		n += (size_t)snprintf(b + n, cap - n, "%s[[1, 2]]", i ? ", " : "");
	n += (size_t)snprintf(b + n, cap - n, "]}}");
	CHECK(cx_annfile_parse(&f, b, n, "t.json", &err) == -1);
	CHECK_STR(err.where, "a/Edema");
	CHECK(strstr(err.msg, "1001 polygons, more than the limit of 1000") != NULL);
	/* polygons per file: 201 CXRs of 1000 */
	n = (size_t)snprintf(b, cap, "{");
	for (int c = 0; c < CX_ANN_MAX_FILE_POLYS / CX_ANN_MAX_POLYS + 1; c++) {
		n += (size_t)snprintf(b + n, cap - n, "%s\"p%03d\": {\"img_size\": [9, 9], \"Edema\": [",
		    c ? ", " : "", c);
		for (int i = 0; i < CX_ANN_MAX_POLYS; i++)
			n += (size_t)snprintf(b + n, cap - n, "%s[[1, 2]]", i ? "," : "");
		n += (size_t)snprintf(b + n, cap - n, "]}");
	}
	n += (size_t)snprintf(b + n, cap - n, "}");
	CHECK(n < cap);
	CHECK(cx_annfile_parse(&f, b, n, "t.json", &err) == -1);
	CHECK_STR(err.where, "p200/Edema");
	CHECK(strstr(err.msg, "more than the limit of 200000 polygons in one file") != NULL);
	/* the count starts again with the next file */
	n = (size_t)snprintf(b, cap, "{\"a\": {\"img_size\": [9, 9], \"Edema\": [[[1, 2]]]}}");
	CHECK(cx_annfile_parse(&f, b, n, "t.json", &err) == 0);
	cx_annfile_fini(&f);
	free(b);
}

/* Instance counts of the synthetic set (they feed `features`' num_instances). */
static void
test_annjson_synth_counts(void)
{
	const char *d = check_shared("synth-small");
	struct cx_annfile f;
	struct cx_err err = {0};
	const struct cx_annentry *e;
	char p[1024];

	if (d == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(p, sizeof p, "%s/inputs/gt_annotations_val.json", d);
	CHECK(cx_annfile_load(&f, p, &err) == 0);
	CHECK(f.n == 10);
	e = cx_annfile_find(&f, "patient64550_study1_view1_frontal");
	CHECK(e != NULL && e->h == 320 && e->w == 389);
	if (e != NULL) {
		CHECK(e->npoly[3] == 3 && e->poly[3][0].n == 34);	/* Airspace Opacity */
		CHECK(e->npoly[6] == 2);				/* Atelectasis */
		CHECK(!e->present[9]);
	}
	e = cx_annfile_find(&f, "patient64548_study1_view1_frontal");
	CHECK(e != NULL && e->present[0] && e->npoly[0] == 0);	/* empty list */
	for (size_t i = 1; i < f.n; i++)
		CHECK(strcmp(f.e[i - 1].id, f.e[i].id) < 0);
	cx_annfile_fini(&f);
}

static void
test_annjson_missing_file(void)
{
	struct cx_annfile f;
	struct cx_err err = {0};
	CHECK(cx_annfile_load(&f, "/nonexistent/x.json", &err) == -1);
	CHECK_STR(err.file, "/nonexistent/x.json");
	CHECK(strstr(err.msg, "cannot open") != NULL);
}

int
main(void)
{
	RUN(test_annjson_basic);
	RUN(test_annjson_errors);
	RUN(test_annjson_duplicate_keys);
	RUN(test_annjson_limits);
	RUN(test_annjson_synth_counts);
	RUN(test_annjson_missing_file);
	return CHECK_DONE();
}
