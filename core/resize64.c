/* resize64: torch's float64 bilinear resize (see resize64.h). */
#include "resize64.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void
axis(uint32_t in, uint32_t out, uint32_t *i0, uint32_t *i1, double *l0, double *l1)
{
	double scale = (double)in / (double)out;

	for (uint32_t d = 0; d < out; d++) {
		if (in == out) {
			i0[d] = i1[d] = d;
			l0[d] = 1;
			l1[d] = 0;
			continue;
		}
		/* area_pixel_compute_source_index, contracted to one fma */
		double src = fma(scale, (double)d + 0.5, -0.5);
		if (src < 0)
			src = 0;
		uint32_t i = (uint32_t)src;
		if (i > in - 1)
			i = in - 1;
		i0[d] = i;
		i1[d] = i + (i < in - 1);
		double l = src - i;
		l = l < 0 ? 0 : l > 1 ? 1 : l;
		l1[d] = l;
		l0[d] = 1.0 - l;
	}
}

void
cx_resize64_init(struct cx_resize64 *r, const double *in, uint32_t ih, uint32_t iw,
    uint32_t oh, uint32_t ow)
{
	r->in = in;
	r->ih = ih;
	r->iw = iw;
	r->oh = oh;
	r->ow = ow;
	r->y0 = cx_xmalloc(((size_t)oh + 1) * sizeof *r->y0);
	r->y1 = cx_xmalloc(((size_t)oh + 1) * sizeof *r->y1);
	r->hy0 = cx_xmalloc(((size_t)oh + 1) * sizeof *r->hy0);
	r->hy1 = cx_xmalloc(((size_t)oh + 1) * sizeof *r->hy1);
	r->x0 = cx_xmalloc(((size_t)ow + 1) * sizeof *r->x0);
	r->x1 = cx_xmalloc(((size_t)ow + 1) * sizeof *r->x1);
	r->wx0 = cx_xmalloc(((size_t)ow + 1) * sizeof *r->wx0);
	r->wx1 = cx_xmalloc(((size_t)ow + 1) * sizeof *r->wx1);
	axis(ih, oh, r->y0, r->y1, r->hy0, r->hy1);
	axis(iw, ow, r->x0, r->x1, r->wx0, r->wx1);
}

void
cx_resize64_row(const struct cx_resize64 *r, uint32_t y, double *out)
{
	const double *a = r->in + (size_t)r->y0[y] * r->iw, *b = r->in + (size_t)r->y1[y] * r->iw;
	double h0 = r->hy0[y], h1 = r->hy1[y];

	for (uint32_t x = 0; x < r->ow; x++) {
		uint32_t c0 = r->x0[x], c1 = r->x1[x];
		double w00 = h0 * r->wx0[x], w01 = h0 * r->wx1[x];
		double w10 = h1 * r->wx0[x], w11 = h1 * r->wx1[x];
		/* explicit fma: the result must not depend on our compiler's
		 * contraction flags */
		out[x] = fma(w11, b[c1], fma(w10, b[c0], fma(w00, a[c0], w01 * a[c1])));
	}
}

void
cx_resize64_fini(struct cx_resize64 *r)
{
	free(r->y0);
	free(r->y1);
	free(r->hy0);
	free(r->hy1);
	free(r->x0);
	free(r->x1);
	free(r->wx0);
	free(r->wx1);
	memset(r, 0, sizeof *r);
}

void
cx_resize64_argmax(const double *in, uint32_t ih, uint32_t iw, uint32_t oh, uint32_t ow,
    uint32_t *row, uint32_t *col)
{
	struct cx_resize64 r;
	double *buf = cx_xmalloc(((size_t)ow + 1) * sizeof *buf), best = -INFINITY;
	int have = 0;

	*row = *col = 0;
	cx_resize64_init(&r, in, ih, iw, oh, ow);
	for (uint32_t y = 0; y < oh; y++) {
		cx_resize64_row(&r, y, buf);
		for (uint32_t x = 0; x < ow; x++)
			/* NumPy's argmax: the first maximum; a NaN is the maximum */
			if (!have || buf[x] > best || (isnan(buf[x]) && !isnan(best))) {
				best = buf[x];
				*row = y;
				*col = x;
				have = 1;
			}
	}
	cx_resize64_fini(&r);
	free(buf);
}
