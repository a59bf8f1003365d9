/* test_colour: CIEDE2000 against the published test pairs of Sharma, Wu
 * and Dalal (2005, Table 1), CIELAB of the sRGB primaries, and the overlay
 * colours of every theme kept apart (palette tests at the end). */
#include "check.h"
#include "colour.h"
#include "compose.h"
#include "font.h"
#include "scene.h"
#include "theme.h"

static const double sharma[][7] = {
	{ 50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425 },
	{ 50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615 },
	{ 50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412 },
	{ 50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000 },
	{ 50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000 },
	{ 50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000 },
	{ 50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669 },
	{ 50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669 },
	{ 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792 },
	{ 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792 },
	{ 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195 },
	{ 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195 },
	{ 50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045 },
	{ 50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045 },
	{ 50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461 },
	{ 50.0000, -0.0010, 2.4900, 50.0000, 0.0012, -2.4900, 4.7461 },
	{ 50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065 },
	{ 50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492 },
	{ 50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977 },
	{ 50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030 },
	{ 50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535 },
	{ 50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000 },
	{ 50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000 },
	{ 50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000 },
	{ 50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000 },
	{ 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
	{ 63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630 },
	{ 61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731 },
	{ 35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645 },
	{ 22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373 },
	{ 36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146 },
	{ 90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441 },
	{ 90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381 },
	{ 6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377 },
	{ 2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082 },
};

/* Every published pair to the 4 decimals printed, both ways round. */
static void
test_colour_sharma(void)
{
	for (size_t k = 0; k < sizeof sharma / sizeof sharma[0]; k++) {
		double d = cx_colour_de2000(sharma[k], sharma[k] + 3);
		double e = cx_colour_de2000(sharma[k] + 3, sharma[k]);
		if (fabs(d - sharma[k][6]) > 0.00005 || fabs(e - sharma[k][6]) > 0.00005)
			fprintf(stderr, "  pair %zu: %.5f / %.5f, want %.4f\n", k + 1, d, e,
			    sharma[k][6]);
		CHECK_NEAR(d, sharma[k][6], 0.00005);
		CHECK_NEAR(e, sharma[k][6], 0.00005);
	}
	CHECK(cx_colour_de2000(sharma[5], sharma[5]) == 0);
}

/* CIELAB of white, black and the primaries (the usual published values). */
static void
test_colour_lab(void)
{
	static const struct { uint8_t rgb[3]; double lab[3]; } c[] = {
		{ { 255, 255, 255 }, { 100, 0, 0 } }, { { 0, 0, 0 }, { 0, 0, 0 } },
		{ { 255, 0, 0 }, { 53.24, 80.09, 67.20 } }, { { 0, 255, 0 }, { 87.73, -86.18, 83.18 } },
		{ { 0, 0, 255 }, { 32.30, 79.19, -107.86 } },
	};
	double lab[3];

	for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
		cx_colour_lab(c[k].rgb, lab);
		for (int j = 0; j < 3; j++)
			CHECK_NEAR(lab[j], c[k].lab[j], 0.05);
	}
}

/* The overlay colours of a theme as the explorer takes them (ui.c): its
 * own when it has any, else the scene's defaults. */
static void
theme_overlays(const char *name, struct scene *sc)
{
	struct theme th;
	char path[256], warn[512] = "";

	scene_init(sc);
	theme_default(&th);
	snprintf(path, sizeof path, "themes/%s.theme", name);
	CHECK(theme_load(&th, path, warn, sizeof warn) == 0);
	CHECK(warn[0] == 0);
	if (th.has_pal) {
		memcpy(sc->pal, th.pal, sizeof sc->pal);
		memcpy(sc->tp, th.tp, 3);
		memcpy(sc->fp, th.fp, 3);
		memcpy(sc->fn, th.fn, 3);
	}
}

static const char *const themes[] = { "default", "light", "high-contrast", "colorblind" };

/* All pathologies drawn together: every two of a theme's ten colours at
 * least 20 apart; each also 20 from the single-pathology prediction
 * outline drawn over its GT. */
static void
test_colour_palettes_apart(void)
{
	for (size_t k = 0; k < sizeof themes / sizeof themes[0]; k++) {
		struct scene sc;
		theme_overlays(themes[k], &sc);
		for (int i = 0; i < CX_NTASKS; i++) {
			double dp = cx_colour_de2000_rgb(sc.pal[i], scene_pred_rgb);
			if (dp < 20)
				fprintf(stderr, "  %s: pathology %d vs prediction %.1f\n", themes[k], i, dp);
			CHECK(dp >= 20);
			for (int j = i + 1; j < CX_NTASKS; j++) {
				double d = cx_colour_de2000_rgb(sc.pal[i], sc.pal[j]);
				if (d < 20)
					fprintf(stderr, "  %s: pathologies %d and %d %.1f apart\n", themes[k],
					    i, j, d);
				CHECK(d >= 20);
			}
		}
	}
}

/* The error map and a heatmap drawn together: TP, FP and FN 20 apart, and
 * every visible colour of the heatmap's ramp 20 from each of them (jet,
 * the single heatmap's map otherwise, holds all three). */
static void
test_colour_error_heat_apart(void)
{
	for (size_t k = 0; k < sizeof themes / sizeof themes[0]; k++) {
		struct scene sc;
		uint8_t lo[3], hi[3], *e[3];
		theme_overlays(themes[k], &sc);
		e[0] = sc.tp;
		e[1] = sc.fp;
		e[2] = sc.fn;
		for (int i = 0; i < 3; i++)
			for (int j = i + 1; j < 3; j++)
				CHECK(cx_colour_de2000_rgb(e[i], e[j]) >= 20);
		scene_heat_ramp(&sc, lo, hi);
		for (int s = 0; s <= 50; s++) {
			uint8_t c[3];
			cx_colormap_ramp(lo, hi, CX_HEAT_FADE + (1 - CX_HEAT_FADE) * s / 50.0f, c);
			for (int i = 0; i < 3; i++) {
				double d = cx_colour_de2000_rgb(c, e[i]);
				if (d < 20)
					fprintf(stderr, "  %s: heat %d vs error colour %d: %.1f\n", themes[k],
					    s, i, d);
				CHECK(d >= 20);
			}
		}
	}
	/* and jet would not do: it passes through the default TP's green */
	{
		struct scene sc;
		uint8_t c[3];
		double least = 1e9;
		scene_init(&sc);
		for (int s = 0; s <= 50; s++) {
			cx_colormap(CX_CMAP_JET, CX_HEAT_FADE + (1 - CX_HEAT_FADE) * s / 50.0f, c);
			double d = cx_colour_de2000_rgb(c, sc.tp);
			least = d < least ? d : least;
		}
		CHECK(least < 20);
	}
}

/* Without colour every pathology's hatching differs from the others' on a
 * 24x24 swatch, and so do the error map's three. */
static void
test_colour_patterns_differ(void)
{
	for (int i = 0; i < CX_PAT_FN + 1; i++)
		for (int j = i + 1; j < CX_PAT_FN + 1; j++) {
			int differ = 0;
			if (i < CX_NPATTERNS && j >= CX_NPATTERNS)
				continue;
			for (uint32_t y = 0; y < 24; y++)
				for (uint32_t x = 0; x < 24; x++)
					differ += cx_compose_pattern(i, x, y) != cx_compose_pattern(j, x, y);
			if (differ < 20)
				fprintf(stderr, "  patterns %d and %d differ in %d pixels\n", i, j, differ);
			CHECK(differ >= 20);
		}
}

/* The built-in font: every printable character has a glyph, no two alike
 * (but space), drawn where asked and clipped. */
static void
test_font(void)
{
	static const uint8_t white[3] = { 255, 255, 255 };
	uint8_t img[40 * 10 * 3];
	int set = 0;

	for (int a = 33; a < 127; a++) {
		int empty = 1;
		for (int r = 0; r < CX_FONT_H; r++)
			empty &= cx_font_glyph(a)[r] == 0;
		CHECK(!empty);
		for (int b = a + 1; b < 127; b++)
			CHECK(memcmp(cx_font_glyph(a), cx_font_glyph(b), CX_FONT_H) != 0);
	}
	CHECK(cx_font_glyph(7) == cx_font_glyph('?'));
	CHECK(cx_font_width("ab", 1) == 11 && cx_font_width("ab", 2) == 22);
	memset(img, 0, sizeof img);
	CHECK(cx_font_draw(img, 40, 10, 1, 1, "I", white, 1) == 7);
	/* 'I' is .###. on its first row: columns 2..4 at row 1 */
	CHECK(img[(1 * 40 + 1) * 3] == 0 && img[(1 * 40 + 2) * 3] == 255 && img[(1 * 40 + 4) * 3] == 255
	    && img[(1 * 40 + 5) * 3] == 0);
	/* clipped at the edges, nothing written outside */
	cx_font_draw(img, 40, 10, 36, 6, "WW", white, 2);
	for (size_t k = 0; k < sizeof img; k++)
		set += img[k] != 0;
	CHECK(set > 0);
}

/* Window / level: the defaults change nothing, a narrow window stretches
 * (DICOM's linear function), invert flips. */
static void
test_colour_window(void)
{
	struct cx_compose c = { .level = 128, .window = 256 };

	for (int g = 0; g < 256; g++)
		CHECK(cx_compose_window(&c, (uint8_t)g) == g);
	c.window = 64;
	c.level = 100;
	CHECK(cx_compose_window(&c, 60) == 0 && cx_compose_window(&c, 140) == 255);
	CHECK(abs(cx_compose_window(&c, 100) - 130) <= 2);
	c.invert = 1;
	CHECK(cx_compose_window(&c, 60) == 255);
}

int
main(void)
{
	RUN(test_colour_palettes_apart);
	RUN(test_colour_error_heat_apart);
	RUN(test_colour_patterns_differ);
	RUN(test_font);
	RUN(test_colour_window);
	RUN(test_colour_sharma);
	RUN(test_colour_lab);
	return CHECK_DONE();
}
