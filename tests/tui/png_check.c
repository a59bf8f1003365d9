/* png_check: the annotated export against the plain one (both decoded with
 * libpng through core/image): the plain picture sits unchanged inside the
 * annotated one, centred below a title band, and the bands above and below
 * it carry drawn text and swatches (pixels other than the band's colour).
 * usage: png_check ANNOTATED.png PLAIN.png
 * Prints "ok ..." or "FAIL ..." and exits 0/1. */
#include <stdio.h>
#include <string.h>

#include "annotated.h"

int
main(int argc, char **argv)
{
	struct cx_image a, p;
	struct cx_err err = { 0 };
	uint32_t top = 0, x0;
	long title = 0, legend = 0, colours = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 3 || cx_image_load(&a, argv[1], &err) == -1 || cx_image_load(&p, argv[2], &err)
	    == -1) {
		printf("FAIL cannot read the PNGs: %s\n", err.msg);
		return 1;
	}
	/* Where the plain picture's first row is in the annotated one. */
	if (annotated_find_plain(&a, &p, &top, &x0) == -1)
		return 1;
	for (uint32_t y = 0; y < p.h; y++)
		if (memcmp(a.px + ((size_t)(top + y) * a.w + x0) * 3, p.px + (size_t)y * p.w * 3,
		    (size_t)p.w * 3) != 0) {
			printf("FAIL row %u of the picture differs\n", y);
			return 1;
		}
	/* The bands: their first pixel is the background; count the others. */
	for (uint32_t y = 0; y < a.h; y++) {
		if (y >= top && y < top + p.h)
			continue;
		for (uint32_t x = 0; x < a.w; x++) {
			const uint8_t *q = a.px + ((size_t)y * a.w + x) * 3;
			if (memcmp(q, a.px, 3) == 0)
				continue;
			if (y < top)
				title++;
			else
				legend++;
			colours += !(q[0] == q[1] && q[1] == q[2]);
		}
	}
	if (title < 100 || legend < 200) {
		printf("FAIL title band %ld, legend band %ld drawn pixels\n", title, legend);
		return 1;
	}
	printf("ok picture at row %u; title %ld, legend %ld drawn pixels (%ld coloured)\n", top,
	    title, legend, colours);
	cx_image_fini(&a);
	cx_image_fini(&p);
	return 0;
}
