/* hatch_check: the legend of an annotated NO_COLOR export shows each
 * pathology's hatching as the picture draws it. The plain picture is found
 * inside the annotated one (as png_check does); below it, every square of
 * the swatch's size is tried: a one-pixel outline in one colour whose inside
 * is that colour exactly where cx_compose_pattern(k) is set is the swatch of
 * pattern k. Each pathology named must have its pattern's swatch, and no
 * swatch may be solid (one colour throughout: hatching drawn as a fill).
 * usage: hatch_check ANNOTATED.png PLAIN.png PATHOLOGY...
 * Prints "ok ..." or "FAIL ..." and exits 0/1. */
#include <stdio.h>
#include <string.h>

#include "annotated.h"
#include "compose.h"
#include "image.h"
#include "tasks.h"

static const uint8_t *
px(const struct cx_image *a, uint32_t x, uint32_t y)
{
	return a->px + ((size_t)y * a->w + x) * 3;
}

/* The colour of the square's outline, or NULL when it is not one colour
 * other than the background bg. */
static const uint8_t *
outline(const struct cx_image *a, uint32_t x, uint32_t y, uint32_t sw, const uint8_t *bg)
{
	const uint8_t *c = px(a, x, y);

	if (memcmp(c, bg, 3) == 0)
		return NULL;
	for (uint32_t k = 0; k < sw; k++)
		if (memcmp(px(a, x + k, y), c, 3) || memcmp(px(a, x + k, y + sw - 1), c, 3)
		    || memcmp(px(a, x, y + k), c, 3) || memcmp(px(a, x + sw - 1, y + k), c, 3))
			return NULL;
	return c;
}

/* Does the square follow pattern k (ink c where set, bg elsewhere)? */
static int
follows(const struct cx_image *a, uint32_t x, uint32_t y, uint32_t sw, int k, const uint8_t *c,
    const uint8_t *bg)
{
	for (uint32_t yy = 1; yy + 1 < sw; yy++)
		for (uint32_t xx = 1; xx + 1 < sw; xx++)
			if (memcmp(px(a, x + xx, y + yy), cx_compose_pattern(k, xx, yy) ? c : bg, 3))
				return 0;
	return 1;
}

static int
solid(const struct cx_image *a, uint32_t x, uint32_t y, uint32_t sw, const uint8_t *c)
{
	for (uint32_t yy = 0; yy < sw; yy++)
		for (uint32_t xx = 0; xx < sw; xx++)
			if (memcmp(px(a, x + xx, y + yy), c, 3))
				return 0;
	return 1;
}

int
main(int argc, char **argv)
{
	struct cx_image a, p;
	struct cx_err err = { 0 };
	uint32_t top, x0, sw;
	int seen[CX_NPATTERNS] = { 0 }, nsolid = 0, bad = 0;
	const uint8_t *bg;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 4 || cx_image_load(&a, argv[1], &err) == -1 || cx_image_load(&p, argv[2], &err)
	    == -1) {
		printf("FAIL usage or cannot read the PNGs: %s\n", err.msg);
		return 1;
	}
	if (annotated_find_plain(&a, &p, &top, &x0) == -1)
		return 1;
	bg = a.px;	/* the band's colour: the first pixel */
	sw = 9 * (p.w >= 900 ? 2 : 1);	/* scene_annotate's swatch */
	for (uint32_t y = top + p.h; y + sw <= a.h; y++)
		for (uint32_t x = 0; x + sw <= a.w; x++) {
			const uint8_t *c = outline(&a, x, y, sw, bg);
			if (!c)
				continue;
			if (solid(&a, x, y, sw, c)) {
				nsolid++;
				continue;
			}
			for (int k = 0; k < CX_NPATTERNS; k++)
				seen[k] += follows(&a, x, y, sw, k, c, bg);
		}
	for (int k = 3; k < argc; k++) {
		int t = cx_task_id(argv[k]);
		if (t < 0 || !seen[t % CX_NPATTERNS]) {
			printf("FAIL no swatch of %s's hatching (pattern %d) in the legend\n", argv[k],
			    t % CX_NPATTERNS);
			bad = 1;
		}
	}
	if (nsolid) {
		printf("FAIL %d solid swatch%s in the legend (hatching drawn as a fill)\n", nsolid,
		    nsolid > 1 ? "es" : "");
		bad = 1;
	}
	if (!bad) {
		int n = 0;
		for (int k = 0; k < CX_NPATTERNS; k++)
			n += seen[k] > 0;
		printf("ok %d hatched swatch%s, none solid\n", n, n == 1 ? "" : "es");
	}
	cx_image_fini(&a);
	cx_image_fini(&p);
	return bad;
}
