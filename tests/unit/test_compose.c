/* test_compose: resampling, mask/error/heat overlays and points land on the
 * right output pixels with hand-derived colours. */
#include "check.h"
#include "compose.h"

/* 100 wide x 80 high gray image of value 100; a mask on columns [20,60) and
 * rows [10,50). */
enum { W = 100, H = 80 };

static void
make(uint8_t *gray, struct cx_rle *m, int x0, int x1, int y0, int y1)
{
	static uint8_t rm[W * H];

	memset(gray, 100, W * H);
	memset(rm, 0, sizeof rm);
	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++)
			rm[y * W + x] = 1;
	cx_rle_from_rowmajor(m, rm, H, W);
}

static const uint8_t *
px(const uint8_t *rgb, uint32_t ow, uint32_t x, uint32_t y)
{
	return rgb + ((size_t)y * ow + x) * 3;
}

/* Fit keeps the aspect ratio and fills the limiting side exactly. */
static void
test_compose_fit(void)
{
	uint32_t w, h;

	cx_compose_fit(2000, 2500, 800, 800, &w, &h);
	CHECK(w == 640 && h == 800);
	cx_compose_fit(3000, 2000, 600, 800, &w, &h);
	CHECK(w == 600 && h == 400);
	cx_compose_fit(1, 1, 0, 5, &w, &h);
	CHECK(w == 1 && h == 5);
}

/* Half size: every output pixel averages 2x2 source pixels of 100; a mask with
 * alpha 0.5 in pure red gives 100 + 0.5*(255-100) = 177.5 -> 178 red,
 * 100 - 50 = 50 green/blue, inside; the contour pixel is pure red. */
static void
test_compose_mask(void)
{
	uint8_t gray[W * H];
	struct cx_rle m;
	struct cx_layer l = { .kind = CX_LAYER_MASK, .rgb = { 255, 0, 0 }, .alpha = 0.5f,
	    .contour = 1 };
	struct cx_compose c = { .gray = gray, .gw = W, .gh = H, .full_w = W, .full_h = H,
	    .cx = 0, .cy = 0, .cw = W, .ch = H, .layers = &l, .nlayers = 1 };
	uint8_t *rgb;

	make(gray, &m, 20, 60, 10, 50);
	l.a = &m;
	rgb = cx_compose_render(&c, W / 2, H / 2);
	/* outside */
	CHECK(px(rgb, 50, 2, 2)[0] == 100 && px(rgb, 50, 2, 2)[1] == 100);
	CHECK(px(rgb, 50, 40, 30)[0] == 100);
	/* inside, away from the edge: output cells x in [10,30), y in [5,25) */
	CHECK(px(rgb, 50, 20, 15)[0] == 178 && px(rgb, 50, 20, 15)[1] == 50
	    && px(rgb, 50, 20, 15)[2] == 50);
	/* edge cells */
	CHECK(px(rgb, 50, 10, 15)[0] == 255 && px(rgb, 50, 10, 15)[1] == 0);
	CHECK(px(rgb, 50, 29, 24)[0] == 255 && px(rgb, 50, 29, 24)[1] == 0);
	CHECK(px(rgb, 50, 9, 15)[0] == 100);
	free(rgb);
	cx_rle_fini(&m);
}

/* Error map: GT columns [20,60), prediction columns [40,80) (rows 10..50):
 * TP in [40,60), FN in [20,40), FP in [60,80), at alpha 1 the exact colours. */
static void
test_compose_error(void)
{
	uint8_t gray[W * H];
	struct cx_rle g, p;
	struct cx_layer l = { .kind = CX_LAYER_ERROR, .tp = { 0, 255, 0 }, .fp = { 255, 0, 0 },
	    .fn = { 0, 0, 255 }, .alpha = 1 };
	struct cx_compose c = { .gray = gray, .gw = W, .gh = H, .full_w = W, .full_h = H,
	    .cw = W, .ch = H, .layers = &l, .nlayers = 1 };
	uint8_t *rgb;

	make(gray, &p, 40, 80, 10, 50);
	make(gray, &g, 20, 60, 10, 50);
	l.a = &g;
	l.b = &p;
	rgb = cx_compose_render(&c, W, H);
	CHECK(memcmp(px(rgb, W, 50, 30), l.tp, 3) == 0);
	CHECK(memcmp(px(rgb, W, 25, 30), l.fn, 3) == 0);
	CHECK(memcmp(px(rgb, W, 70, 30), l.fp, 3) == 0);
	CHECK(px(rgb, W, 90, 30)[0] == 100 && px(rgb, W, 50, 60)[2] == 100);
	free(rgb);
	cx_rle_fini(&g);
	cx_rle_fini(&p);
}

/* Zoom 2 centred on (50,40) crops columns [25,75), rows [20,60); rendered at
 * 50x40 each output pixel is one source pixel, so the gradient reads back. */
static void
test_compose_zoom(void)
{
	uint8_t gray[W * H];
	struct cx_compose c = { .gray = gray, .gw = W, .gh = H, .full_w = W, .full_h = H };
	uint8_t *rgb;
	uint32_t col, row;

	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			gray[y * W + x] = (uint8_t)(x * 2);
	cx_compose_zoom(&c, 2, 50, 40);
	CHECK(c.cx == 25 && c.cy == 20 && c.cw == 50 && c.ch == 40);
	rgb = cx_compose_render(&c, 50, 40);
	CHECK(px(rgb, 50, 0, 0)[0] == 50 && px(rgb, 50, 49, 39)[0] == 148);
	cx_compose_to_full(&c, 50, 40, 10, 5, &col, &row);
	CHECK(col == 35 && row == 25);
	/* Clamped at the border. */
	cx_compose_zoom(&c, 4, 0, 0);
	CHECK(c.cx == 0 && c.cy == 0 && c.cw == 25 && c.ch == 20);
	free(rgb);
}

/* A crosshair point is drawn in its colour at its pixel; a heat layer of
 * constant 1 through jet is dark red (128,0,0) at alpha 1. */
static void
test_compose_point_heat(void)
{
	uint8_t gray[W * H];
	float heat[4] = { 1, 1, 1, 1 };
	struct cx_layer l = { .kind = CX_LAYER_HEAT, .heat = heat, .hh = 2, .hw = 2, .alpha = 1,
	    .cmap = CX_CMAP_JET, .heat_min = 0 };
	struct cx_point pt = { .x = 30, .y = 20, .rgb = { 255, 255, 0 } };
	struct cx_compose c = { .gray = gray, .gw = W, .gh = H, .full_w = W, .full_h = H,
	    .cw = W, .ch = H, .layers = &l, .nlayers = 1, .points = &pt, .npoints = 1 };
	uint8_t *rgb, j[3];

	memset(gray, 100, sizeof gray);
	rgb = cx_compose_render(&c, W, H);
	CHECK(memcmp(px(rgb, W, 30, 20), pt.rgb, 3) == 0);
	CHECK(memcmp(px(rgb, W, 33, 20), pt.rgb, 3) == 0);
	CHECK(px(rgb, W, 80, 70)[0] == 128 && px(rgb, W, 80, 70)[1] == 0);
	cx_colormap(CX_CMAP_JET, 0.5f, j);
	CHECK(j[0] == 128 && j[1] == 255 && j[2] == 128);
	free(rgb);
	/* A faint activation (0.1, half of the fade-in range) blends at half
	 * the opacity: jet(0.1) is dark blue, (0, 0, ~230); over gray 100 the
	 * red and green halve to 50. */
	for (int k = 0; k < 4; k++)
		heat[k] = 0.1f;
	c.npoints = 0;
	rgb = cx_compose_render(&c, W, H);
	cx_colormap(CX_CMAP_JET, 26 / 255.0f, j);	/* the 256-entry table's 0.1 */
	CHECK(j[0] == 0 && j[1] == 0 && j[2] > 200);
	CHECK(px(rgb, W, 80, 70)[0] == 50 && px(rgb, W, 80, 70)[1] == 50);
	CHECK(abs(px(rgb, W, 80, 70)[2] - (100 + (j[2] - 100) / 2)) <= 1);
	free(rgb);
}

/* Two heatmaps of 1x2 cells over the 100x80 gray-100 image, alpha 0.5 from
 * 0.2: left half A = 1 beats B = 0 and takes A's red at the full 0.5
 * (100 + 0.5 * 155 = 177.5 -> 178 red, 50 green); right half A = 0.2 loses to
 * B = 0.6, B's blue at 0.5 * (0.6 - 0.2) / 0.8 = 0.25 (75 red, 139 blue); at
 * column 50 the bilinear values are A = 0.592, B = 0.306: A at 0.245 (138
 * red). Where both are at most 0.2 the film is untouched. */
static void
test_compose_heatset(void)
{
	uint8_t gray[W * H];
	float a[2] = { 1, 0.2f }, b[2] = { 0, 0.6f };
	struct cx_heatsrc set[2] = {
		{ a, 1, 2, { 255, 0, 0 } }, { b, 1, 2, { 0, 0, 255 } },
	};
	struct cx_layer l = { .kind = CX_LAYER_HEATSET, .set = set, .nset = 2, .alpha = 0.5f,
	    .heat_min = 0.2f };
	struct cx_compose c = { .gray = gray, .gw = W, .gh = H, .full_w = W, .full_h = H,
	    .cw = W, .ch = H, .layers = &l, .nlayers = 1 };
	uint8_t *rgb;

	memset(gray, 100, sizeof gray);
	rgb = cx_compose_render(&c, W, H);
	CHECK(px(rgb, W, 10, 40)[0] == 178 && px(rgb, W, 10, 40)[1] == 50
	    && px(rgb, W, 10, 40)[2] == 50);
	CHECK(px(rgb, W, 90, 40)[0] == 75 && px(rgb, W, 90, 40)[1] == 75
	    && px(rgb, W, 90, 40)[2] == 139);
	CHECK(abs(px(rgb, W, 50, 40)[0] - 138) <= 1 && px(rgb, W, 50, 40)[2] < 100);
	free(rgb);
	b[1] = 0.15f;
	rgb = cx_compose_render(&c, W, H);
	CHECK(px(rgb, W, 90, 40)[0] == 100 && px(rgb, W, 90, 40)[2] == 100);
	free(rgb);
}

/* Without colour, two pathologies' masks are told apart by their hatching:
 * pattern 2 (rows every 6) and 3 (columns every 6) draw on different output
 * pixels of the same mask, each on its own lines only. */
static void
test_compose_hatch_patterns(void)
{
	uint8_t gray[W * H];
	struct cx_rle m;
	struct cx_layer l = { .kind = CX_LAYER_MASK, .rgb = { 255, 255, 255 }, .hatch = 1 };
	struct cx_compose c = { .gray = gray, .gw = W, .gh = H, .full_w = W, .full_h = H,
	    .cw = W, .ch = H, .layers = &l, .nlayers = 1 };
	uint8_t *a, *b;
	int differ = 0, wrong = 0;

	make(gray, &m, 20, 60, 10, 50);
	l.a = &m;
	l.pattern = 2;
	a = cx_compose_render(&c, W, H);
	l.pattern = 3;
	b = cx_compose_render(&c, W, H);
	for (uint32_t y = 12; y < 48; y++)
		for (uint32_t x = 22; x < 58; x++) {
			int on_a = px(a, W, x, y)[0] == 255, on_b = px(b, W, x, y)[0] == 255;
			differ += on_a != on_b;
			wrong += on_a != (y % 6 < 2) || on_b != (x % 6 < 2);
		}
	CHECK(differ > 200);
	CHECK(wrong == 0);
	free(a);
	free(b);
	cx_rle_fini(&m);
}

/* Window / level reach the film and not the overlays: grey 100 in a
 * window of 64 around 100 is mid grey, inverted stays mid; 60 is black,
 * inverted white; the mask colour drawn over is unchanged at alpha 1. */
static void
test_compose_window(void)
{
	uint8_t gray[W * H];
	struct cx_rle m;
	struct cx_layer l = { .kind = CX_LAYER_MASK, .rgb = { 255, 0, 0 }, .alpha = 1 };
	struct cx_compose c = { .gray = gray, .gw = W, .gh = H, .full_w = W, .full_h = H,
	    .cw = W, .ch = H, .layers = &l, .nlayers = 1, .window = 64, .level = 100 };
	uint8_t *rgb;

	make(gray, &m, 20, 60, 10, 50);
	l.a = &m;
	rgb = cx_compose_render(&c, W, H);
	CHECK(abs(px(rgb, W, 2, 2)[0] - 130) <= 2);
	CHECK(px(rgb, W, 30, 30)[0] == 255 && px(rgb, W, 30, 30)[1] == 0);
	free(rgb);
	memset(gray, 60, sizeof gray);
	c.invert = 1;
	rgb = cx_compose_render(&c, W, H);
	CHECK(px(rgb, W, 2, 2)[0] == 255 && px(rgb, W, 2, 2)[2] == 255);
	free(rgb);
	c.invert = 0;
	c.window = 256;
	c.level = 128;
	rgb = cx_compose_render(&c, W, H);
	CHECK(px(rgb, W, 2, 2)[0] == 60);
	free(rgb);
	cx_rle_fini(&m);
}

int
main(void)
{
	RUN(test_compose_fit);
	RUN(test_compose_mask);
	RUN(test_compose_error);
	RUN(test_compose_zoom);
	RUN(test_compose_point_heat);
	RUN(test_compose_heatset);
	RUN(test_compose_hatch_patterns);
	RUN(test_compose_window);
	return CHECK_DONE();
}
