/* test_segjson: reading segmentation JSON, errors with places, and the
 * byte-identical re-encoding of every golden RLE string. */
#include <cJSON.h>
#include <dirent.h>

#include "check.h"
#include "json.h"
#include "segjson.h"

/* Decode and re-encode every counts string of one golden file; the strings
 * are compared with the raw JSON, not with anything this code produced. */
static int
recode_file(const char *path, int *nmasks)
{
	struct cx_err err = {0};
	cJSON *root = cx_json_load(path, &err), *id, *p;
	int bad = 0;

	if (root == NULL)
		return 1;
	cJSON_ArrayForEach(id, root) cJSON_ArrayForEach(p, id) {
		const cJSON *sz = cJSON_GetObjectItem(p, "size"), *c = cJSON_GetObjectItem(p, "counts");
		struct cx_rle r;
		char *s;
		if (!cJSON_IsString(c))
			continue;
		if (cx_rle_from_string(&r, c->valuestring, cJSON_GetArrayItem(sz, 0)->valueint,
		    cJSON_GetArrayItem(sz, 1)->valueint, "t", &err) == -1) {
			bad++;
			continue;
		}
		s = cx_rle_to_string(&r);
		if (strcmp(s, c->valuestring) != 0)
			bad++;
		(*nmasks)++;
		free(s);
		cx_rle_fini(&r);
	}
	cJSON_Delete(root);
	return bad;
}

static void
test_golden_recode(void)
{
	const char *refs[] = { "synth-small/golden", "sample/golden" };
	int nmasks = 0, nfiles = 0;

	for (int k = 0; k < 2; k++) {
		const char *dir = check_shared(refs[k]);
		DIR *d;
		struct dirent *de;
		if (dir == NULL)
			continue;
		char dcopy[1024];
		snprintf(dcopy, sizeof dcopy, "%s", dir);
		d = opendir(dcopy);
		while (d && (de = readdir(d)) != NULL) {
			char path[2048];
			size_t n = strlen(de->d_name);
			if (n < 5 || strcmp(de->d_name + n - 5, ".json") != 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dcopy, de->d_name);
			CHECK(recode_file(path, &nmasks) == 0);
			nfiles++;
		}
		if (d)
			closedir(d);
	}
	if (nfiles == 0)
		SKIP("../shared/reference not present");
	CHECK(nmasks > 100);
}

static void
test_segjson_load(void)
{
	const char *json = "{\"b_id\": {\"Edema\": {\"size\": [3, 2], \"counts\": [1, 2, 3]},"
	    " \"Lung Opacity\": {\"size\": [3, 2], \"counts\": \"06\"}},"
	    " \"a_id\": {\"Cardiomegaly\": {\"size\": [2, 2], \"counts\": [0, 4]}}}";
	struct cx_segfile f;
	struct cx_err err = {0};
	const struct cx_segentry *e;

	CHECK(cx_segfile_parse(&f, json, strlen(json), "mem", &err) == 0);
	CHECK(f.n == 2);
	CHECK_STR(f.e[0].id, "a_id");
	e = cx_segfile_find(&f, "b_id");
	CHECK(e != NULL && e->h == 3 && e->w == 2);
	CHECK(e && e->present[4] && e->present[3] && !e->present[0]);
	CHECK(e && cx_rle_area(&e->m[4]) == 2);
	CHECK(e && cx_rle_area(&e->m[3]) == 6 && e->m[0].h == 3 && cx_rle_area(&e->m[0]) == 0);
	CHECK(cx_segfile_find(&f, "c_id") == NULL);
	cx_segfile_fini(&f);
}

static void
test_segjson_errors(void)
{
	struct cx_segfile f;
	struct cx_err err = {0};
	const char *trunc = "{\"a\": {\"Edema\": {\"size\": [3, 2],\n \"counts\": [1, 2";
	const char *sum = "{\"a\": {\"Edema\": {\"size\": [3, 2], \"counts\": [1, 2, 4]}}}";
	const char *unk = "{\"a\": {\"Edemaa\": {\"size\": [3, 2], \"counts\": [6]}}}";
	const char *hw = "{\"a\": {\"Edema\": {\"size\": [3], \"counts\": [6]}}}";

	CHECK(cx_segfile_parse(&f, trunc, strlen(trunc), "t.json", &err) == -1);
	CHECK_STR(err.file, "t.json");
	CHECK(strncmp(err.where, "2:", 2) == 0);
	CHECK(strstr(err.msg, "ends too early") != NULL);
	memset(&err, 0, sizeof err);
	CHECK(cx_segfile_parse(&f, sum, strlen(sum), "s.json", &err) == -1);
	CHECK_STR(err.where, "a/Edema/counts");
	memset(&err, 0, sizeof err);
	CHECK(cx_segfile_parse(&f, unk, strlen(unk), "u.json", &err) == -1);
	CHECK_STR(err.where, "a/Edemaa");
	memset(&err, 0, sizeof err);
	CHECK(cx_segfile_parse(&f, hw, strlen(hw), "h.json", &err) == -1);
	CHECK_STR(err.where, "a/Edema/size");
	/* the size-limit message is re-placed with its own text as argument */
	const char *big = "{\"a\": {\"Edema\": {\"size\": [40000, 2], \"counts\": [6]}}}";
	memset(&err, 0, sizeof err);
	CHECK(cx_segfile_parse(&f, big, strlen(big), "b.json", &err) == -1);
	CHECK(strstr(err.msg, "30000") != NULL);
}

/* Found by fuzz_segjson: a COCO string can contain a backslash (a group of
 * value 44), which must be escaped in the JSON written. */
static void
test_segjson_backslash(void)
{
	struct cx_segfile f = {0}, g;
	struct cx_segentry e = {0};
	struct cx_err err = {0};
	int64_t counts[] = { 44, 56 };
	char *buf = NULL, *s;
	size_t len = 0;
	FILE *fp;

	e.id = strdup("x");
	e.h = e.w = 10;
	CHECK(cx_rle_from_counts(&e.m[4], counts, 2, 10, 10, "t", &err) == 0);
	for (int t = 0; t < CX_NTASKS; t++)
		if (t != 4)
			cx_rle_zero(&e.m[t], 10, 10);
	e.present[4] = 1;
	s = cx_rle_to_string(&e.m[4]);
	CHECK(s[0] == '\\');
	free(s);
	cx_segfile_add(&f, &e);
	fp = open_memstream(&buf, &len);
	cx_segfile_write(&f, fp, 0);
	fclose(fp);
	CHECK(cx_segfile_parse(&g, buf, len, "again", &err) == 0);
	CHECK(g.n == 1 && cx_rle_area(&g.e[0].m[4]) == 56);
	cx_segfile_fini(&g);
	cx_segfile_fini(&f);
	free(buf);
}

int
main(void)
{
	RUN(test_golden_recode);
	RUN(test_segjson_load);
	RUN(test_segjson_errors);
	RUN(test_segjson_backslash);
	return CHECK_DONE();
}
