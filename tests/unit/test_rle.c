/* test_rle: COCO strings, set operations on runs, conversions. */
#include "check.h"
#include "rle.h"

/* SPEC 2.1: an all-zero 2320x2828 mask is "PVWX6". */
static void
test_rle_zero_string(void)
{
	struct cx_rle z, r;
	struct cx_err err = {0};
	char *s;

	cx_rle_zero(&z, 2320, 2828);
	s = cx_rle_to_string(&z);
	CHECK_STR(s, "PVWX6");
	CHECK(cx_rle_from_string(&r, "PVWX6", 2320, 2828, "t", &err) == 0);
	CHECK(r.n == 1 && r.counts[0] == 2320u * 2828u);
	free(s);
	cx_rle_fini(&r);
	cx_rle_fini(&z);
}

/* Encoding a bitmap and decoding it again gives the same pixels, in both
 * layouts, and string round trips are byte-identical. */
static void
test_rle_roundtrip(void)
{
	enum { H = 37, W = 53 };
	uint8_t rm[H * W], cm[H * W];
	struct cx_rle a, b, c;
	struct cx_err err = {0};
	unsigned seed = 7;
	uint64_t area = 0;

	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			seed = seed * 1103515245u + 12345u;
			rm[y * W + x] = cm[x * H + y] = ((seed >> 16) % 5) < 2 || (x > 10 && x < 20);
			area += rm[y * W + x];
		}
	cx_rle_from_rowmajor(&a, rm, H, W);
	cx_rle_from_colmajor(&b, cm, H, W);
	CHECK(a.n == b.n && memcmp(a.counts, b.counts, a.n * 4) == 0);
	CHECK(cx_rle_area(&a) == area);
	char *s = cx_rle_to_string(&a);
	CHECK(cx_rle_from_string(&c, s, H, W, "t", &err) == 0);
	char *s2 = cx_rle_to_string(&c);
	CHECK_STR(s, s2);
	uint8_t *back = cx_rle_to_rowmajor(&c);
	CHECK(memcmp(back, rm, sizeof rm) == 0);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			if (cx_rle_get(&c, y, x) != rm[y * W + x]) {
				CHECK(!"get disagrees with bitmap");
				y = H;
				break;
			}
	free(back);
	free(s);
	free(s2);
	cx_rle_fini(&a);
	cx_rle_fini(&b);
	cx_rle_fini(&c);
}

/* Intersection and union on runs equal the pixel counts. */
static void
test_rle_inter_union(void)
{
	enum { H = 20, W = 30 };
	uint8_t m1[H * W], m2[H * W];
	struct cx_rle a, b, z;
	uint64_t in = 0, un = 0, i2, u2;

	for (int i = 0; i < H * W; i++) {
		m1[i] = (i % 7) < 3;
		m2[i] = (i % 11) > 5 || i > 500;
		in += m1[i] && m2[i];
		un += m1[i] || m2[i];
	}
	cx_rle_from_colmajor(&a, m1, H, W);
	cx_rle_from_colmajor(&b, m2, H, W);
	cx_rle_inter_union(&a, &b, &i2, &u2);
	CHECK(i2 == in && u2 == un);
	cx_rle_zero(&z, H, W);
	cx_rle_inter_union(&a, &z, &i2, &u2);
	CHECK(i2 == 0 && u2 == cx_rle_area(&a));
	cx_rle_fini(&a);
	cx_rle_fini(&b);
	cx_rle_fini(&z);
}

static void
test_rle_bbox_downscale(void)
{
	enum { H = 10, W = 8 };
	uint8_t m[H * W] = {0};
	struct cx_rle r;
	uint32_t y0, x0, y1, x1;

	for (int y = 2; y <= 9; y++)
		for (int x = 3; x <= 5; x++)
			m[y * W + x] = 1;
	cx_rle_from_rowmajor(&r, m, H, W);
	CHECK(cx_rle_bbox(&r, &y0, &x0, &y1, &x1) == 1);
	CHECK(y0 == 2 && y1 == 9 && x0 == 3 && x1 == 5);
	float *d = cx_rle_downscale(&r, 5, 4);	/* 2x2 blocks */
	CHECK_NEAR(d[1 * 4 + 1], 0.5, 1e-6);	/* rows 2-3, cols 2-3: col 3 set */
	CHECK_NEAR(d[1 * 4 + 2], 1.0, 1e-6);	/* cols 4-5 */
	CHECK_NEAR(d[0 * 4 + 2], 0.0, 1e-6);
	free(d);
	cx_rle_fini(&r);
}

/* Bad input: counts that do not sum, bytes out of range, runaway values. */
static void
test_rle_bad(void)
{
	struct cx_rle r;
	struct cx_err err = {0};

	CHECK(cx_rle_from_string(&r, "PVWX5", 2320, 2828, "a/b", &err) == -1);
	CHECK(strstr(err.msg, "sum") != NULL);
	CHECK_STR(err.where, "a/b");
	CHECK(cx_rle_from_string(&r, "P\x01", 10, 10, "x", &err) == -1);
	CHECK(cx_rle_from_string(&r, "oooooooooo", 10, 10, "x", &err) == -1);
	CHECK(cx_rle_from_string(&r, "o", 10, 10, "x", &err) == -1);	/* ends inside value */
	CHECK(cx_rle_from_string(&r, "1", 40000, 10, "x", &err) == -1);	/* side limit */
	int64_t neg[] = { 50, -10, 60 };
	CHECK(cx_rle_from_counts(&r, neg, 3, 10, 10, "x", &err) == -1);
}

/* Classes counted under a mask: rows (1 0 1) and (0 1 1) over classes
 * (0 1 2) and (3 4 5) count classes 0, 2, 4 and 5 once each. */
static void
test_rle_count_under(void)
{
	static const uint8_t m[6] = { 1, 0, 1, 0, 1, 1 }, cls[6] = { 0, 1, 2, 3, 4, 5 };
	static const uint64_t want[6] = { 1, 0, 1, 0, 1, 1 };
	uint64_t hist[6] = {0};
	struct cx_rle r;

	cx_rle_from_rowmajor(&r, m, 2, 3);
	cx_rle_count_under(&r, cls, hist);
	CHECK(memcmp(hist, want, sizeof want) == 0);
	cx_rle_fini(&r);
}

int
main(void)
{
	RUN(test_rle_zero_string);
	RUN(test_rle_roundtrip);
	RUN(test_rle_inter_union);
	RUN(test_rle_bbox_downscale);
	RUN(test_rle_bad);
	RUN(test_rle_count_under);
	return CHECK_DONE();
}
