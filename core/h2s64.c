/* h2s64: the float64 heatmap -> segmentation (see h2s64.h). */
#include "h2s64.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "resize64.h"
#include "xalloc.h"

/* The normalized map, row by row: torch's cam - cam.min(), then
 * .div(mask.max()); the maximum of the differences is the difference of the
 * maximum (subtraction rounds monotonically). */
struct norm64 {
	struct cx_resize64	 r;
	double			 min, range;
	double			*row;
};

/* 1 when the resized map is constant (0/0: NaN everywhere), else 0. */
static int
norm64_init(struct norm64 *n, const struct cx_heatmap *hm, uint32_t h, uint32_t w)
{
	double lo = INFINITY, hi = -INFINITY;

	cx_resize64_init(&n->r, hm->map64, hm->mh, hm->mw, h, w);
	n->row = cx_xmalloc(((size_t)w + 1) * sizeof *n->row);
	for (uint32_t y = 0; y < h; y++) {
		cx_resize64_row(&n->r, y, n->row);
		for (uint32_t x = 0; x < w; x++) {
			lo = n->row[x] < lo ? n->row[x] : lo;
			hi = n->row[x] > hi ? n->row[x] : hi;
		}
	}
	n->min = lo;
	n->range = hi - lo;
	return !(n->range > 0);
}

static const double *
norm64_row(struct norm64 *n, uint32_t y)
{
	cx_resize64_row(&n->r, y, n->row);
	for (uint32_t x = 0; x < n->r.ow; x++)
		n->row[x] = (n->row[x] - n->min) / n->range;
	return n->row;
}

static void
norm64_fini(struct norm64 *n)
{
	cx_resize64_fini(&n->r);
	free(n->row);
}

void
cx_h2s64_segment(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
    const struct cx_h2s_opts *o, struct cx_rle *out)
{
	size_t np = (size_t)h * w;
	struct norm64 n;
	uint8_t *a;
	int deg;

	if (np == 0) {
		cx_rle_zero(out, h, w);
		return;
	}
	deg = norm64_init(&n, hm, h, w);
	/* NaN everywhere: empty, except that smoothing makes it a constant
	 * that Otsu fills (as cx_h2s_segment_norm says) */
	if (deg && !(o->otsu && o->smooth_k > 0)) {
		norm64_fini(&n);
		cx_rle_zero(out, h, w);
		return;
	}
	a = cx_xcalloc(np, 1);
	for (uint32_t y = 0; !deg && y < h; y++) {
		const double *v = norm64_row(&n, y);
		uint8_t *row = a + (size_t)y * w;
		for (uint32_t x = 0; x < w; x++)
			/* mask > threshold, or np.uint8(255 * mask) (truncation) */
			row[x] = o->otsu ? (uint8_t)(255.0 * v[x]) : v[x] > o->threshold64;
	}
	norm64_fini(&n);
	if (o->otsu)
		cx_h2s_segment_u8(a, h, w, o, out);
	else
		cx_rle_from_rowmajor(out, a, h, w);
	free(a);
}

int
cx_h2s64_classify(const struct cx_heatmap *hm, uint32_t h, uint32_t w, const double *t,
    int n, uint8_t *cls)
{
	struct norm64 nm;
	int deg;

	if ((size_t)h * w == 0)
		return 1;
	if (n > 255)
		n = 255;
	deg = norm64_init(&nm, hm, h, w);
	if (deg)
		memset(cls, 0, (size_t)h * w);
	for (uint32_t y = 0; !deg && y < h; y++) {
		const double *v = norm64_row(&nm, y);
		uint8_t *row = cls + (size_t)y * w;
		for (uint32_t x = 0; x < w; x++) {
			int c = 0;
			for (int k = 0; k < n; k++)
				c += v[x] > t[k];
			row[x] = (uint8_t)c;
		}
	}
	norm64_fini(&nm);
	return deg;
}
