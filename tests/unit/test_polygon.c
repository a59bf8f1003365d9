/* polygon: Pillow 9.4 polygon fill, against hand-derived masks and the
 * reference's golden segmentations (rasterized by Pillow itself). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "annjson.h"
#include "check.h"
#include "polygon.h"
#include "rle.h"
#include "segjson.h"

static size_t
count(const uint8_t *m, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += m[i] != 0;
	return c;
}

/* Pillow's fill includes both ends of each run: a 1..4 square is 4x4. */
static void
test_polygon_square_inclusive(void)
{
	uint8_t m[36] = {0};
	const double xy[] = { 1, 1, 4, 1, 4, 4, 1, 4 };
	cx_polygon_draw(m, 6, 6, xy, 4);
	CHECK(count(m, 36) == 16);
	for (int y = 0; y < 6; y++)
		for (int x = 0; x < 6; x++)
			CHECK(m[y * 6 + x] == (x >= 1 && x <= 4 && y >= 1 && y <= 4));
}

/* Coordinates are cut by a C cast (toward zero), not rounded: 1.9 -> 1,
 * -0.9 -> 0. */
static void
test_polygon_truncation(void)
{
	uint8_t a[36] = {0}, b[36] = {0};
	const double sq[] = { 1, 1, 4, 1, 4, 4, 1, 4 };
	const double fr[] = { 1.9, 1.9, 4.9, 1.5, 4.99, 4.5, 1.2, 4.9 };
	const double ng[] = { -0.9, -0.9, 2.5, -0.2, 2.2, 2.7, -0.5, 2.9 };
	cx_polygon_draw(a, 6, 6, sq, 4);
	cx_polygon_draw(b, 6, 6, fr, 4);
	CHECK(memcmp(a, b, 36) == 0);
	memset(b, 0, sizeof b);
	cx_polygon_draw(b, 6, 6, ng, 4);	/* the square 0..2 */
	CHECK(count(b, 36) == 9);
	CHECK(b[0] && b[2 * 6 + 2] && !b[3 * 6 + 3]);
}

/* Triangle (0,0) (4,0) (0,4): row y holds columns 0 .. 4 - y (hand-derived
 * from the edge crossings x = 4 - y and x = 0 with inclusive runs). */
static void
test_polygon_triangle(void)
{
	uint8_t m[25] = {0};
	const double xy[] = { 0, 0, 4, 0, 0, 4 };
	cx_polygon_draw(m, 5, 5, xy, 3);
	for (int y = 0; y < 5; y++)
		for (int x = 0; x < 5; x++)
			CHECK(m[y * 5 + x] == (x <= 4 - y));
}

/* Parts outside the image are clipped, on every side. */
static void
test_polygon_clipping(void)
{
	uint8_t m[25] = {0};
	const double down[] = { 1, 2, 3, 2, 3, 10, 1, 10 };
	const double left[] = { -3, 1, 2, 1, 2, 3, -3, 3 };
	const double out[] = { -10, -10, -5, -10, -5, -5 };
	cx_polygon_draw(m, 5, 5, down, 4);
	CHECK(count(m, 25) == 9 && m[2 * 5 + 1] && m[4 * 5 + 3]);
	memset(m, 0, sizeof m);
	cx_polygon_draw(m, 5, 5, left, 4);
	CHECK(count(m, 25) == 9 && m[1 * 5 + 0] && m[3 * 5 + 2]);
	memset(m, 0, sizeof m);
	cx_polygon_draw(m, 5, 5, out, 3);
	CHECK(count(m, 25) == 0);
}

/* Degenerate input: one point draws nothing (no edge); two distinct points
 * give a line of both edges; a repeated vertex changes nothing. */
static void
test_polygon_degenerate(void)
{
	uint8_t m[25] = {0}, a[25] = {0};
	const double one[] = { 2, 2 };
	const double two[] = { 0, 1, 4, 1 };
	const double sq[] = { 1, 1, 3, 1, 3, 3, 1, 3 };
	const double rep[] = { 1, 1, 3, 1, 3, 1, 3, 3, 1, 3, 1, 3 };
	cx_polygon_draw(m, 5, 5, one, 1);
	CHECK(count(m, 25) == 0);
	cx_polygon_draw(m, 5, 5, two, 2);
	CHECK(count(m, 25) == 5 && m[5] && m[9]);
	memset(m, 0, sizeof m);
	cx_polygon_draw(m, 5, 5, sq, 4);
	cx_polygon_draw(a, 5, 5, rep, 6);
	CHECK(memcmp(m, a, 25) == 0 && count(m, 25) == 9);
}

/* Every mask of annotation file ann must equal the golden one exactly, drawn
 * both through cx_annentry_draw (row-major) and cx_annentry_rle (window). */
static void
golden(const char *ann, const char *seg)
{
	struct cx_annfile a;
	struct cx_segfile g;
	struct cx_err err = {0};
	struct cx_annbuf b = {0};
	size_t nmask = 0;

	CHECK(cx_annfile_load(&a, ann, &err) == 0);
	CHECK(cx_segfile_load(&g, seg, &err) == 0);
	if (err.msg[0])
		fprintf(stderr, "  %s: %s\n", err.file, err.msg);
	CHECK(a.n == g.n && a.n > 0);
	for (size_t i = 0; i < a.n; i++) {
		const struct cx_annentry *e = &a.e[i];
		const struct cx_segentry *s = cx_segfile_find(&g, e->id);
		CHECK(s != NULL);
		if (s == NULL)
			continue;
		for (int t = 0; t < CX_NTASKS; t++) {
			uint8_t *m = calloc((size_t)e->h * e->w + 1, 1);
			struct cx_rle r1, r2;
			char *s1, *s2, *sg;
			cx_annentry_draw(e, t, m);
			cx_rle_from_rowmajor(&r1, m, e->h, e->w);
			cx_annentry_rle(e, t, &r2, &b);
			s1 = cx_rle_to_string(&r1);
			s2 = cx_rle_to_string(&r2);
			sg = cx_rle_to_string(&s->m[t]);
			CHECK_STR(s1, sg);
			CHECK_STR(s2, sg);
			nmask++;
			free(s1);
			free(s2);
			free(sg);
			cx_rle_fini(&r1);
			cx_rle_fini(&r2);
			free(m);
		}
	}
	CHECK(nmask == a.n * CX_NTASKS);
	cx_annbuf_fini(&b);
	cx_annfile_fini(&a);
	cx_segfile_fini(&g);
}

static void
test_polygon_golden_synth_gt(void)
{
	const char *d = check_shared("synth-small");
	char a[1024], s[1024];
	if (d == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(a, sizeof a, "%s/inputs/gt_annotations_val.json", d);
	snprintf(s, sizeof s, "%s/golden/gt_segmentations.json", d);
	golden(a, s);
}

static void
test_polygon_golden_synth_hb(void)
{
	const char *d = check_shared("synth-small");
	char a[1024], s[1024];
	if (d == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(a, sizeof a, "%s/inputs/hb_annotations_val.json", d);
	snprintf(s, sizeof s, "%s/golden/hb_segmentations.json", d);
	golden(a, s);
}

static void
test_polygon_golden_sample(void)
{
	const char *d = check_shared("sample-data");
	char a[1024], s[1024];
	if (d == NULL)
		SKIP("../shared/reference/sample-data not present");
	snprintf(a, sizeof a, "%s/gt_annotations_val.json", d);
	snprintf(s, sizeof s, "%s/gt_segmentations_val.json", d);
	golden(a, s);
}

/* Many tall polygons: more runs than cx_annentry_rle keeps, so it paints in a
 * second scan; the mask must not change. */
static void
test_polygon_many_runs(void)
{
	struct cx_annentry e = { .id = "tall", .h = 30000, .w = 12 };
	struct cx_annbuf b = {0};
	struct cx_annpoly p[48];
	double xy[48][6];
	uint8_t *m = calloc((size_t)e.h * e.w, 1);
	struct cx_rle r1, r2;

	for (int i = 0; i < 48; i++) {
		xy[i][0] = i % 12;
		xy[i][1] = -5;
		xy[i][2] = (i * 7) % 12 + 0.5;
		xy[i][3] = 30010;
		xy[i][4] = (i * 5) % 12;
		xy[i][5] = 15000 + i;
		p[i].n = 3;
		p[i].xy = xy[i];
	}
	e.present[2] = 1;
	e.npoly[2] = 48;
	e.poly[2] = p;
	cx_annentry_draw(&e, 2, m);
	cx_rle_from_rowmajor(&r1, m, e.h, e.w);
	cx_annentry_rle(&e, 2, &r2, &b);
	CHECK(r1.n == r2.n && memcmp(r1.counts, r2.counts, r1.n * sizeof *r1.counts) == 0);
	CHECK(cx_rle_area(&r1) > 30000);
	cx_rle_fini(&r1);
	cx_rle_fini(&r2);
	cx_annbuf_fini(&b);
	free(m);
}

/* Masks from Pillow 9.4 itself (ImageDraw.polygon on a 4x4 '1' image): two
 * crossings at the same k + 0.5 set columns k and k + 1 (Pillow's hline swaps
 * reversed ends). Found by differential testing. */
static void
test_polygon_halfpixel_pair(void)
{
	static const double two_pt[] = { 0, 0, 1, 2 };
	static const double bowtie[] = { 0.5, 0.5, 3.5, 2.5, 0.5, 2.5, 3.5, 0.5 };
	static const uint8_t want_two[16] = { 1,0,0,0, 1,1,0,0, 0,1,0,0, 0,0,0,0 };
	static const uint8_t want_bow[16] = { 1,1,1,1, 0,1,1,0, 1,1,1,1, 0,0,0,0 };
	uint8_t m[16];

	memset(m, 0, sizeof m);
	cx_polygon_draw(m, 4, 4, two_pt, 2);
	CHECK(memcmp(m, want_two, 16) == 0);
	memset(m, 0, sizeof m);
	cx_polygon_draw(m, 4, 4, bowtie, 4);
	CHECK(memcmp(m, want_bow, 16) == 0);
}

int
main(void)
{
	RUN(test_polygon_square_inclusive);
	RUN(test_polygon_truncation);
	RUN(test_polygon_triangle);
	RUN(test_polygon_clipping);
	RUN(test_polygon_degenerate);
	RUN(test_polygon_many_runs);
	RUN(test_polygon_halfpixel_pair);
	RUN(test_polygon_golden_synth_gt);
	RUN(test_polygon_golden_synth_hb);
	RUN(test_polygon_golden_sample);
	return CHECK_DONE();
}
