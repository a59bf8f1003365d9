/* points: salient-point JSON and the truncation hit rule (SPEC §2.3). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "points.h"
#include "rle.h"
#include "segjson.h"

/* A 3x4 mask (h = 3, w = 4) with pixels (row 0, col 0) and (row 2, col 3). */
static void
mask(struct cx_rle *r)
{
	uint8_t m[12] = {0};
	m[0] = 1;
	m[2 * 4 + 3] = 1;
	cx_rle_from_rowmajor(r, m, 3, 4);
}

static void
test_points_hit_rule(void)
{
	struct cx_rle r;
	mask(&r);
	CHECK(cx_points_hit(&r, 0, 0) == 1);
	CHECK(cx_points_hit(&r, 0.99, 0.99) == 1);
	CHECK(cx_points_hit(&r, -0.4, 0) == 1);		/* int(-0.4) = 0 */
	CHECK(cx_points_hit(&r, 0, -0.9) == 1);
	CHECK(cx_points_hit(&r, -1, 0) == 0);		/* reference: last column; we miss */
	CHECK(cx_points_hit(&r, 3.7, 2.2) == 1);	/* x = column 3, y = row 2 */
	CHECK(cx_points_hit(&r, 2.2, 3.7) == 0);	/* row 3 is past h */
	CHECK(cx_points_hit(&r, 4, 2) == 0);		/* column 4 is past w */
	CHECK(cx_points_hit(&r, 1, 0) == 0);
	CHECK(cx_points_hit(&r, NAN, 0) == 0);
	CHECK(cx_points_hit(&r, 1e300, 0) == 0);
	cx_rle_fini(&r);
}

static void
test_points_parse(void)
{
	struct cx_ptfile f;
	struct cx_err err = {0};
	const struct cx_ptentry *e;
	struct cx_rle r;
	const char *s = "{\"z\": {\"Lung Opacity\": [[5, 5], [3.5, 2.5]], \"Edema\": []},"
	    " \"y\": {}}";

	CHECK(cx_points_parse(&f, s, strlen(s), "p.json", &err) == 0);
	CHECK(f.n == 2 && strcmp(f.e[0].id, "y") == 0);
	e = cx_points_find(&f, "z");
	CHECK(e != NULL && e->present[3] && e->n[3] == 2 && e->xy[3][2] == 3.5);
	CHECK(e != NULL && e->present[4] && e->n[4] == 0);
	mask(&r);
	CHECK(e != NULL && cx_points_any_hit(e, 3, &r) == 1);	/* second point */
	CHECK(e != NULL && cx_points_any_hit(e, 4, &r) == 0);	/* none */
	cx_rle_fini(&r);
	cx_points_fini(&f);

	s = "{\"z\": {\"Edema\": [[1, 2], [3]]}}";
	CHECK(cx_points_parse(&f, s, strlen(s), "p.json", &err) == -1);
	CHECK_STR(err.where, "z/Edema/1");
	s = "{\"z\": {\"Ebola\": []}}";
	CHECK(cx_points_parse(&f, s, strlen(s), "p.json", &err) == -1);
	CHECK_STR(err.where, "z/Ebola");
	CHECK(strstr(err.msg, "unknown pathology") != NULL);
	s = "{\"z\": {\"Edema\": 1}}";
	CHECK(cx_points_parse(&f, s, strlen(s), "p.json", &err) == -1);
	CHECK_STR(err.where, "z/Edema");
}

/* The golden human-benchmark hit/miss table: NaN (empty field) when the GT
 * mask is empty, else whether any salient point hits. */
static void
test_points_golden_hitmiss(void)
{
	const char *d = check_shared("synth-small");
	struct cx_ptfile pf;
	struct cx_segfile gt;
	struct cx_err err = {0};
	char p[1024], line[4096];
	FILE *fp;
	int rows = 0;

	if (d == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(p, sizeof p, "%s/inputs/hb_salient_pt_val.json", d);
	CHECK(cx_points_load(&pf, p, &err) == 0);
	snprintf(p, sizeof p, "%s/golden/gt_segmentations.json", d);
	CHECK(cx_segfile_load(&gt, p, &err) == 0);
	snprintf(p, sizeof p, "%s/golden/eval_hitmiss_hb/hitmiss_humanbenchmark_results_per_cxr.csv", d);
	fp = fopen(p, "r");
	CHECK(fp != NULL);
	if (fp == NULL)
		return;
	CHECK(fgets(line, sizeof line, fp) != NULL);	/* header: sorted tasks, img_id */
	while (fgets(line, sizeof line, fp) != NULL) {
		char *f[CX_NTASKS + 1], *q = line;
		const struct cx_segentry *g;
		const struct cx_ptentry *e;
		line[strcspn(line, "\r\n")] = '\0';
		for (int i = 0; i <= CX_NTASKS; i++) {
			f[i] = q;
			q += strcspn(q, ",");
			if (*q)
				*q++ = '\0';
		}
		g = cx_segfile_find(&gt, f[CX_NTASKS]);
		e = cx_points_find(&pf, f[CX_NTASKS]);
		CHECK(g != NULL);
		if (g == NULL)
			continue;
		for (int i = 0; i < CX_NTASKS; i++) {
			int t = cx_task_sorted[i];
			const char *want;
			if (cx_rle_area(&g->m[t]) == 0)
				want = "";
			else
				want = e != NULL && cx_points_any_hit(e, t, &g->m[t]) ? "1.0" : "0.0";
			CHECK_STR(f[i], want);
		}
		rows++;
	}
	fclose(fp);
	CHECK(rows == 10);
	cx_points_fini(&pf);
	cx_segfile_fini(&gt);
}

int
main(void)
{
	RUN(test_points_hit_rule);
	RUN(test_points_parse);
	RUN(test_points_golden_hitmiss);
	return CHECK_DONE();
}
