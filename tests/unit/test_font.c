/* test_font: the built-in font read as a person reads it. Each printable
 * character is rendered (cx_font_draw, as the annotated export draws it) and
 * the bitmaps compared pairwise: any two glyphs differ in at least 2 pixels,
 * two letters or digits in at least 3, and the pairs people mistake for one
 * another (0/O, 1/l/I, 5/S, 8/B, g/9, p/P, q/9, ...) in at least 4. The
 * letters with descenders reach below the baseline; capitals and digits do
 * not. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "font.h"

#define CW	CX_FONT_W
#define CH	CX_FONT_H

/* ch rendered at scale 1 on black, one byte a pixel (1 = ink). */
static void
render(int ch, uint8_t bm[CH][CW])
{
	static const uint8_t white[3] = { 255, 255, 255 };
	uint8_t rgb[CH * CW * 3];
	char s[2] = { (char)ch, 0 };

	memset(rgb, 0, sizeof rgb);
	cx_font_draw(rgb, CW, CH, 0, 0, s, white, 1);
	for (int r = 0; r < CH; r++)
		for (int c = 0; c < CW; c++)
			bm[r][c] = rgb[(r * CW + c) * 3] != 0;
}

static int
differ(int a, int b)
{
	uint8_t x[CH][CW], y[CH][CW];
	int n = 0;

	render(a, x);
	render(b, y);
	for (int r = 0; r < CH; r++)
		for (int c = 0; c < CW; c++)
			n += x[r][c] != y[r][c];
	return n;
}

static void
test_font_glyphs_apart(void)
{
	for (int a = 32; a < 127; a++)
		for (int b = a + 1; b < 127; b++) {
			int d = differ(a, b), want = isalnum(a) && isalnum(b) ? 3 : 2;
			if (d < want) {
				fprintf(stderr, "  '%c' and '%c' differ in %d pixels (want %d)\n", a, b,
				    d, want);
				CHECK(d >= want);
			}
		}
}

static void
test_font_confusables(void)
{
	static const char *const pairs[] = {
		"0O", "0o", "0D", "1l", "1I", "lI", "1i", "l|", "I|", "5S", "2Z", "8B", "8S",
		"6b", "6G", "g9", "q9", "gq", "gy", "pP", "qg", "cC", "oO", "sS", "vV",
		"wW", "xX", "zZ", "uU", "B3", "7T", "4A",
	};

	for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
		int d = differ(pairs[k][0], pairs[k][1]);
		if (d < 4) {
			fprintf(stderr, "  '%c' and '%c' differ in %d pixels (want 4)\n",
			    pairs[k][0], pairs[k][1], d);
			CHECK(d >= 4);
		}
	}
}

/* Ink in the two rows under the baseline: exactly the descenders. */
static void
test_font_descenders(void)
{
	for (int a = 33; a < 127; a++) {
		uint8_t bm[CH][CW];
		int below = 0, want = strchr("gjpqy,;|", a) != NULL;
		render(a, bm);
		for (int r = 7; r < CH; r++)
			for (int c = 0; c < CW; c++)
				below += bm[r][c];
		if ((below > 0) != want) {
			fprintf(stderr, "  '%c': %d pixels under the baseline\n", a, below);
			CHECK((below > 0) == want);
		}
	}
	CHECK(CH >= 9);
}

int
main(void)
{
	RUN(test_font_glyphs_apart);
	RUN(test_font_confusables);
	RUN(test_font_descenders);
	return CHECK_DONE();
}
