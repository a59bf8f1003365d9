/* test_image: JPEG/PNG decoding, scaled decoding, writing, refusals. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "image.h"

static char synth_jpg[2048];

static int
have_synth(void)
{
	const char *s = check_shared("synth-small");

	if (s == NULL)
		return 0;
	snprintf(synth_jpg, sizeof synth_jpg, "%s/inputs/valid/patient64541/study1/view1_frontal.jpg", s);
	return 1;
}

/* `file` says: 8-bit, 512x384, one component. */
static void
test_jpeg_probe_load(void)
{
	struct cx_err err = {0};
	struct cx_image im;
	uint32_t w, h;
	int ch, d;

	if (!have_synth())
		SKIP("../shared/reference/synth-small not present");
	CHECK(cx_image_probe(synth_jpg, &w, &h, &ch, &d, &err) == 0);
	CHECK(w == 512 && h == 384 && ch == 1 && d == 8);
	CHECK(cx_image_load(&im, synth_jpg, &err) == 0);
	CHECK(im.w == 512 && im.h == 384 && im.channels == 1 && im.depth == 8 && im.px != NULL);
	cx_image_fini(&im);
}

/* 512x384 asked for >= 100x100: the scales are n/8, so 2/8 gives 128x96 (too
 * short), 3/8 gives 192x144 — the smallest covering the request. */
static void
test_jpeg_scaled(void)
{
	struct cx_err err = {0};
	struct cx_image im;
	uint32_t fw = 0, fh = 0;

	if (!have_synth())
		SKIP("../shared/reference/synth-small not present");
	CHECK(cx_image_load_gray_scaled(&im, synth_jpg, 100, 100, &fw, &fh, &err) == 0);
	CHECK(fw == 512 && fh == 384);
	CHECK(im.w == 192 && im.h == 144 && im.channels == 1);
	cx_image_fini(&im);
	CHECK(cx_image_load_gray_scaled(&im, synth_jpg, 10, 10, &fw, &fh, &err) == 0);
	CHECK(im.w == 64 && im.h == 48);
	cx_image_fini(&im);
	/* bigger than the image: full size, never upscaled */
	CHECK(cx_image_load_gray_scaled(&im, synth_jpg, 5000, 5000, &fw, &fh, &err) == 0);
	CHECK(im.w == 512 && im.h == 384);
	cx_image_fini(&im);
}

/* tests/data/gray16.png: 3x2, rows (0, 1000, 65535) and (256, 512, 40000). */
static void
test_png16(void)
{
	struct cx_err err = {0};
	struct cx_image im;
	const uint16_t *p;
	uint32_t fw, fh;

	CHECK(cx_image_load(&im, "tests/data/gray16.png", &err) == 0);
	CHECK(im.w == 3 && im.h == 2 && im.channels == 1 && im.depth == 16);
	p = (const uint16_t *)im.px;
	CHECK(p[0] == 0 && p[1] == 1000 && p[2] == 65535 && p[3] == 256 && p[4] == 512 && p[5] == 40000);
	cx_image_fini(&im);
	/* as 8-bit gray: the high bytes */
	CHECK(cx_image_load_gray_scaled(&im, "tests/data/gray16.png", 1, 1, &fw, &fh, &err) == 0);
	CHECK(im.depth == 8 && im.px[2] == 255 && im.px[3] == 1 && im.px[5] == 156);
	cx_image_fini(&im);
}

/* palette 2x2: red green / blue red; RGBA 2x1 drops alpha. */
static void
test_png_palette_alpha(void)
{
	struct cx_err err = {0};
	struct cx_image im;
	static const uint8_t want[12] = { 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 0, 0 };

	CHECK(cx_image_load(&im, "tests/data/palette.png", &err) == 0);
	CHECK(im.w == 2 && im.h == 2 && im.channels == 3 && im.depth == 8);
	CHECK(memcmp(im.px, want, 12) == 0);
	cx_image_fini(&im);
	CHECK(cx_image_load(&im, "tests/data/rgba.png", &err) == 0);
	CHECK(im.w == 2 && im.h == 1 && im.channels == 3);
	CHECK(im.px[0] == 10 && im.px[2] == 30 && im.px[3] == 40 && im.px[5] == 60);
	cx_image_fini(&im);
}

/* tests/data/palette_trns.png (written by hand with Python's zlib: a 2x2
 * palette image of grays 0, 80 / 160, 255 whose first two entries carry a
 * tRNS transparency): decoded, the transparency dropped (it was "unexpected
 * PNG layout"). */
static void
test_png_palette_trns(void)
{
	struct cx_err err = {0};
	struct cx_image im;
	static const uint8_t want[12] = { 0, 0, 0, 80, 80, 80, 160, 160, 160, 255, 255, 255 };

	CHECK(cx_image_load(&im, "tests/data/palette_trns.png", &err) == 0);
	CHECK(im.w == 2 && im.h == 2 && im.channels == 3 && im.depth == 8);
	CHECK(im.px && memcmp(im.px, want, 12) == 0);
	cx_image_fini(&im);
}

/* tests/data/cmyk.jpg (ImageMagick, Adobe-inverted CMYK, quality 100): four
 * 16x16 patches, no ink, full black, half black, full cyan. */
static void
test_jpeg_cmyk(void)
{
	struct cx_err err = {0};
	struct cx_image im;
	static const int want[4][3] = { { 255, 255, 255 }, { 0, 0, 0 }, { 127, 127, 127 },
	    { 0, 255, 255 } };
	uint32_t fw, fh;
	int bad = 0;

	CHECK(cx_image_load(&im, "tests/data/cmyk.jpg", &err) == 0);
	CHECK(im.w == 64 && im.h == 16 && im.channels == 3 && im.depth == 8);
	for (int k = 0; k < 4 && im.px != NULL; k++)
		for (int c = 0; c < 3; c++) {
			int v = im.px[(8 * 64 + 16 * k + 8) * 3 + c];
			bad += v < want[k][c] - 6 || v > want[k][c] + 6;
		}
	CHECK(bad == 0);
	cx_image_fini(&im);
	/* as gray (the explorer's path): white, black, mid gray, cyan's luma */
	CHECK(cx_image_load_gray_scaled(&im, "tests/data/cmyk.jpg", 64, 16, &fw, &fh, &err) == 0);
	CHECK(im.channels == 1 && im.w == 64);
	if (im.px != NULL) {
		CHECK(im.px[8 * 64 + 8] > 249 && im.px[8 * 64 + 24] < 6);
		CHECK(abs(im.px[8 * 64 + 40] - 127) <= 6 && abs(im.px[8 * 64 + 56] - 179) <= 6);
	}
	cx_image_fini(&im);
}

static void
test_write_roundtrip(void)
{
	struct cx_err err = {0};
	struct cx_image im;
	char dir[] = "/tmp/cxtimgXXXXXX", png[64], jpg[64];
	uint8_t px[40 * 30 * 3];
	long diff = 0;

	if (mkdtemp(dir) == NULL)
		SKIP("no temp dir");
	snprintf(png, sizeof png, "%s/a.png", dir);
	snprintf(jpg, sizeof jpg, "%s/a.jpg", dir);
	for (size_t i = 0; i < sizeof px; i++)
		px[i] = (uint8_t)(i * 7);
	CHECK(cx_image_write_png(png, px, 40, 30, 3, &err) == 0);
	CHECK(cx_image_load(&im, png, &err) == 0);
	CHECK(im.w == 40 && im.h == 30 && im.channels == 3 && memcmp(im.px, px, sizeof px) == 0);
	cx_image_fini(&im);
	/* a smooth gray ramp survives quality-95 JPEG within a few levels */
	for (size_t i = 0; i < 40 * 30; i++)
		px[i] = (uint8_t)(i % 40 * 4 + i / 40);
	CHECK(cx_image_write_jpeg(jpg, px, 40, 30, 95, &err) == 0);
	CHECK(cx_image_load(&im, jpg, &err) == 0);
	CHECK(im.w == 40 && im.h == 30 && im.channels == 1);
	for (size_t i = 0; i < 40 * 30 && im.px; i++)
		diff += labs((long)im.px[i] - (long)px[i]);
	CHECK(diff / (40 * 30) <= 3);
	cx_image_fini(&im);
	unlink(png);
	unlink(jpg);
	rmdir(dir);
}

static void
expect_fail(const char *path, const char *needle)
{
	struct cx_err err = {0};
	struct cx_image im;
	uint32_t w, h;
	int ch, d;

	CHECK(cx_image_load(&im, path, &err) == -1);
	CHECK(im.px == NULL);
	CHECK(strcmp(err.file, path) == 0);
	if (strstr(err.msg, needle) == NULL) {
		fprintf(stderr, "  %s: message \"%s\" lacks \"%s\"\n", path, err.msg, needle);
		check_failures++;
	}
	(void)w; (void)h; (void)ch; (void)d;
}

static void
test_bad_images(void)
{
	struct cx_err err = {0};
	uint32_t w, h;
	int ch, d;

	expect_fail("tests/bad/data/huge.png", "exceeds");
	CHECK(cx_image_probe("tests/bad/data/huge.png", &w, &h, &ch, &d, &err) == -1);
	expect_fail("tests/bad/data/truncated.png", "PNG");
	expect_fail("tests/bad/data/truncated.jpg", "JPEG");
	expect_fail("tests/bad/data/notimage.jpg", "not a JPEG or PNG");
	/* 20000x20000 declared in a 157-byte PNG and a 578-byte JPEG */
	expect_fail("tests/bad/data/bomb.png", "declares 20000x20000");
	expect_fail("tests/bad/data/bomb.jpg", "declares 20000x20000");
	expect_fail("tests/bad/data/does-not-exist.png", "cannot open");
}

int
main(void)
{
	RUN(test_jpeg_probe_load);
	RUN(test_jpeg_scaled);
	RUN(test_png16);
	RUN(test_jpeg_cmyk);
	RUN(test_png_palette_alpha);
	RUN(test_png_palette_trns);
	RUN(test_write_roundtrip);
	RUN(test_bad_images);
	return CHECK_DONE();
}
