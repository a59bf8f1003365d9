/* annotated.h: what the checkers of annotated exports share (png_check,
 * hatch_check): where the plain picture sits inside the annotated one. */
#ifndef TESTS_TUI_ANNOTATED_H
#define TESTS_TUI_ANNOTATED_H

#include <stdio.h>
#include <string.h>

#include "image.h"

/* The plain picture p, centred, inside the annotated a: its first row in
 * *top and its column in *x0 (every 7th row compared). 0 when found, else a
 * FAIL line printed and -1. */
static int
annotated_find_plain(const struct cx_image *a, const struct cx_image *p, uint32_t *top,
    uint32_t *x0)
{
	int found = 0;

	if (a->channels != 3 || p->channels != 3 || a->w < p->w || a->h <= p->h) {
		printf("FAIL annotated %ux%u is not larger than plain %ux%u\n", a->w, a->h, p->w,
		    p->h);
		return -1;
	}
	*x0 = (a->w - p->w) / 2;
	for (*top = 0; *top + p->h <= a->h && !found; (*top)++) {
		found = 1;
		for (uint32_t y = 0; y < p->h && found; y += 7)
			found = memcmp(a->px + ((size_t)(*top + y) * a->w + *x0) * 3,
			    p->px + (size_t)y * p->w * 3, (size_t)p->w * 3) == 0;
	}
	if (!found) {
		printf("FAIL the plain picture is not inside the annotated one\n");
		return -1;
	}
	(*top)--;
	return 0;
}

#endif
