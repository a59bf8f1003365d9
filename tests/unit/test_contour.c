/* contour and pathfeat: hand-traced OpenCV findContours results on small
 * images, and the features against the reference's golden CSVs. */
#include <stdint.h>

#include "annjson.h"
#include "check.h"
#include "contour.h"
#include "csvread.h"
#include "pathfeat.h"
#include "segjson.h"

/* Build an h x w image from rows of '#' and '.'. */
static uint8_t *
img(const char *const *rows, uint32_t h, uint32_t w)
{
	uint8_t *m = calloc((size_t)h * w, 1);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++)
			m[(size_t)y * w + x] = rows[y][x] == '#';
	return m;
}

/* Contour i equals the n points of want (x, y pairs)? */
static int
same(const struct cx_contours *cs, size_t i, const int *want, size_t n)
{
	if (i >= cs->n || cs->c[i].n != n)
		return 0;
	for (size_t k = 0; k < 2 * n; k++)
		if (cs->c[i].xy[k] != want[k])
			return 0;
	return 1;
}

static void
test_single_pixel(void)
{
	const char *r[] = { "...", ".#.", "..." };
	uint8_t *m = img(r, 3, 3);
	struct cx_contours cs;
	const int p[] = { 1, 1 };
	double w, h;

	cx_contours_find(&cs, m, 3, 3, CX_RETR_TREE, CX_CHAIN_SIMPLE);
	CHECK(cs.n == 1 && same(&cs, 0, p, 1));
	cx_contours_fini(&cs);
	cx_contours_find(&cs, m, 3, 3, CX_RETR_LIST, CX_CHAIN_NONE);
	CHECK(cs.n == 1 && same(&cs, 0, p, 1));
	CHECK(cx_contour_area(&cs.c[0]) == 0);
	cx_contour_min_area_rect(&cs.c[0], &w, &h);
	CHECK(w == 0 && h == 0);
	cx_contours_fini(&cs);
	free(m);
}

/* Pixels touching the image edge: OpenCV pads with a zero frame, so the
 * border pixels are traced like any other. */
static void
test_square_at_edge(void)
{
	const char *r[] = { "###", "###", "###" };
	uint8_t *m = img(r, 3, 3);
	struct cx_contours cs;
	const int simple[] = { 0, 0, 0, 2, 2, 2, 2, 0 };
	const int none[] = { 0, 0, 0, 1, 0, 2, 1, 2, 2, 2, 2, 1, 2, 0, 1, 0 };
	double w, h;

	cx_contours_find(&cs, m, 3, 3, CX_RETR_TREE, CX_CHAIN_SIMPLE);
	CHECK(cs.n == 1 && same(&cs, 0, simple, 4));
	cx_contours_fini(&cs);
	cx_contours_find(&cs, m, 3, 3, CX_RETR_LIST, CX_CHAIN_NONE);
	CHECK(cs.n == 1 && same(&cs, 0, none, 8));
	CHECK(cx_contour_area(&cs.c[0]) == 4.0);
	cx_contour_min_area_rect(&cs.c[0], &w, &h);
	CHECK(w == 2.0 && h == 2.0);
	cx_contours_fini(&cs);
	free(m);
}

/* A 5x5 block with a one-pixel hole: the hole border is the diamond of the
 * hole's four neighbours; the tree lists parent then child, the flat list
 * is in reverse order of discovery. */
static void
test_ring(void)
{
	const char *r[] = {
		".......", ".#####.", ".#####.", ".##.##.", ".#####.", ".#####.", ".......",
	};
	uint8_t *m = img(r, 7, 7);
	struct cx_contours cs;
	const int outer[] = { 1, 1, 1, 5, 5, 5, 5, 1 };
	const int hole[] = { 2, 3, 3, 2, 4, 3, 3, 4 };

	cx_contours_find(&cs, m, 7, 7, CX_RETR_TREE, CX_CHAIN_SIMPLE);
	CHECK(cs.n == 2 && same(&cs, 0, outer, 4) && same(&cs, 1, hole, 4));
	cx_contours_fini(&cs);
	cx_contours_find(&cs, m, 7, 7, CX_RETR_LIST, CX_CHAIN_NONE);
	CHECK(cs.n == 2 && cs.c[0].n == 4 && same(&cs, 0, hole, 4));
	CHECK(cs.n == 2 && cs.c[1].n == 16);
	CHECK(cx_contour_area(&cs.c[0]) == 2.0);
	CHECK(cx_contour_area(&cs.c[1]) == 16.0);
	cx_contours_fini(&cs);
	free(m);
}

/* A diagonal line is traced out and back: the middle pixel twice, and no
 * corner on the way back (same direction as the step before). */
static void
test_diagonal(void)
{
	const char *r[] = { "#..", ".#.", "..#" };
	uint8_t *m = img(r, 3, 3);
	struct cx_contours cs;
	const int simple[] = { 0, 0, 2, 2 };
	const int none[] = { 0, 0, 1, 1, 2, 2, 1, 1 };
	double w, h;

	cx_contours_find(&cs, m, 3, 3, CX_RETR_TREE, CX_CHAIN_SIMPLE);
	CHECK(cs.n == 1 && same(&cs, 0, simple, 2));
	cx_contours_fini(&cs);
	cx_contours_find(&cs, m, 3, 3, CX_RETR_LIST, CX_CHAIN_NONE);
	CHECK(cs.n == 1 && same(&cs, 0, none, 4));
	CHECK(cx_contour_area(&cs.c[0]) == 0);
	/* collinear hull of two points: a zero-height rectangle */
	cx_contour_min_area_rect(&cs.c[0], &w, &h);
	CHECK(h == 0 && fabs(w - (float)sqrt(8.0)) < 1e-6);
	cx_contours_fini(&cs);
	free(m);
}

/* Separate blobs come out last-found first. */
static void
test_order(void)
{
	const char *r[] = { "#.#", "...", ".#." };
	uint8_t *m = img(r, 3, 3);
	struct cx_contours cs;
	const int a[] = { 0, 0 }, b[] = { 2, 0 }, c[] = { 1, 2 };

	cx_contours_find(&cs, m, 3, 3, CX_RETR_LIST, CX_CHAIN_NONE);
	CHECK(cs.n == 3 && same(&cs, 0, c, 1) && same(&cs, 1, b, 1) && same(&cs, 2, a, 1));
	cx_contours_fini(&cs);
	cx_contours_find(&cs, m, 3, 3, CX_RETR_TREE, CX_CHAIN_SIMPLE);
	CHECK(cs.n == 3 && same(&cs, 0, c, 1) && same(&cs, 2, a, 1));
	cx_contours_fini(&cs);
	free(m);
}

/* An island inside a hole is the hole's child, and comes after it. */
static void
test_nested(void)
{
	const char *r[] = {
		"#######", "#.....#", "#..#..#", "#.....#", "#######",
	};
	uint8_t *m = img(r, 5, 7);
	struct cx_contours cs;
	const int island[] = { 3, 2 };

	cx_contours_find(&cs, m, 5, 7, CX_RETR_TREE, CX_CHAIN_SIMPLE);
	CHECK(cs.n == 3);
	CHECK(cs.n == 3 && cs.c[0].n == 4 && cs.c[0].xy[0] == 0 && cs.c[0].xy[1] == 0);
	CHECK(same(&cs, 2, island, 1));
	cx_contours_fini(&cs);
	free(m);
}

static void
test_area_and_rect(void)
{
	int32_t tri[] = { 0, 0, 4, 0, 0, 3 }, rect[] = { 0, 0, 0, 2, 4, 2, 4, 0 };
	struct cx_contour t = { 3, tri }, q = { 4, rect };
	double w, h;

	CHECK(cx_contour_area(&t) == 6.0);
	CHECK(cx_contour_area(&q) == 8.0);
	cx_contour_min_area_rect(&q, &w, &h);
	CHECK((w == 4 && h == 2) || (w == 2 && h == 4));
	/* right triangle: the rectangle lies on a leg, 4 x 3 */
	cx_contour_min_area_rect(&t, &w, &h);
	CHECK_NEAR(w * h, 12.0, 1e-5);
}

/* The features of synth-small against the reference's golden CSVs. */
static void
test_features_golden(void)
{
	const char *ref = check_shared("synth-small");
	char p[1024];
	struct cx_annfile ann = {0};
	struct cx_segfile seg = {0};
	struct cx_pathfeat f;
	struct cx_err err = {0};

	if (ref == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(p, sizeof p, "%s/inputs/gt_annotations_val.json", ref);
	CHECK(cx_annfile_load(&ann, p, &err) == 0);
	snprintf(p, sizeof p, "%s/golden/gt_segmentations.json", ref);
	CHECK(cx_segfile_load(&seg, p, &err) == 0);
	cx_pathfeat_compute(&f, &ann, &seg);
	for (int k = 0; k < CX_NFEAT; k++) {
		struct cx_csvread t = {0};
		snprintf(p, sizeof p, "%s/golden/features/%s", ref, cx_pathfeat_files[k]);
		CHECK(cx_csvread_load(&t, p, &err) == 0);
		CHECK(t.nrow == f.n && t.ncol == CX_NTASKS + 1);
		for (size_t r = 0; r < t.nrow && r < f.n; r++) {
			CHECK_STR(t.cell[r * t.ncol + CX_NTASKS], f.id[r]);
			for (int c = 0; c < CX_NTASKS; c++) {
				double want = 0;
				int task = cx_task_id(t.head[c]);
				CHECK(cx_csvread_num(&t, r, (size_t)c, &want, &err) == 0);
				CHECK(task >= 0);
				if (task >= 0)
					CHECK_NEAR(f.v[k][r * CX_NTASKS + (size_t)task], want,
					    1e-12 * fabs(want));
			}
		}
		cx_csvread_fini(&t);
	}
	cx_pathfeat_fini(&f);
	cx_annfile_fini(&ann);
	cx_segfile_fini(&seg);
}

int
main(void)
{
	RUN(test_single_pixel);
	RUN(test_square_at_edge);
	RUN(test_ring);
	RUN(test_diagonal);
	RUN(test_order);
	RUN(test_nested);
	RUN(test_area_and_rect);
	RUN(test_features_golden);
	return CHECK_DONE();
}
