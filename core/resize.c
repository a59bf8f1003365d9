/* resize: torch 1.13 CPU upsample_bilinear2d, align_corners=False, on a
 * (1,1,h,w) float32 tensor (its channels-last kernel), reproduced bit for bit
 * (SPEC §3): per-axis float32 weights, float32 weight products, the four
 * terms accumulated in double in a fixed order, rounded once to float. */
#include "resize.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void
axis(uint32_t in, uint32_t out, uint32_t *i0, uint32_t *i1, float *l0, float *l1)
{
	float scale = (float)in / (float)out;

	for (uint32_t d = 0; d < out; d++) {
		if (in == out) {
			i0[d] = d;
			i1[d] = d + (d < in - 1);
			l0[d] = 1.0f;
			l1[d] = 0.0f;
			continue;
		}
		double src = (double)scale * (d + 0.5) - 0.5;
		if (src < 0)
			src = 0;
		uint32_t i = (uint32_t)src;
		if (i > in - 1)
			i = in - 1;
		i0[d] = i;
		i1[d] = i + (i < in - 1);
		l1[d] = (float)(src - i);
		l0[d] = 1.0f - l1[d];
	}
}

void
cx_resize_init(struct cx_resize *r, const float *in, uint32_t ih, uint32_t iw,
    uint32_t oh, uint32_t ow)
{
	r->in = in;
	r->ih = ih;
	r->iw = iw;
	r->oh = oh;
	r->ow = ow;
	r->y0 = cx_xmalloc((size_t)oh * sizeof *r->y0);
	r->y1 = cx_xmalloc((size_t)oh * sizeof *r->y1);
	r->hy0 = cx_xmalloc((size_t)oh * sizeof *r->hy0);
	r->hy1 = cx_xmalloc((size_t)oh * sizeof *r->hy1);
	r->x0 = cx_xmalloc((size_t)ow * sizeof *r->x0);
	r->x1 = cx_xmalloc((size_t)ow * sizeof *r->x1);
	r->wx0 = cx_xmalloc((size_t)ow * sizeof *r->wx0);
	r->wx1 = cx_xmalloc((size_t)ow * sizeof *r->wx1);
	axis(ih, oh, r->y0, r->y1, r->hy0, r->hy1);
	axis(iw, ow, r->x0, r->x1, r->wx0, r->wx1);
}

void
cx_resize_span(const struct cx_resize *r, uint32_t y, uint32_t xa, uint32_t xb, float *out)
{
	const float *a = r->in + (size_t)r->y0[y] * r->iw;
	const float *b = r->in + (size_t)r->y1[y] * r->iw;
	float h0 = r->hy0[y], h1 = r->hy1[y];

	for (uint32_t x = xa; x < xb; x++) {
		uint32_t c0 = r->x0[x], c1 = r->x1[x];
		float w00 = h0 * r->wx0[x], w01 = h0 * r->wx1[x];
		float w10 = h1 * r->wx0[x], w11 = h1 * r->wx1[x];
		double acc = (double)a[c0] * w00 + (double)a[c1] * w01;
		acc += (double)b[c0] * w10;
		acc += (double)b[c1] * w11;
		out[x - xa] = (float)acc;
	}
}

void
cx_resize_row(const struct cx_resize *r, uint32_t y, float *out)
{
	cx_resize_span(r, y, 0, r->ow, out);
}

void
cx_resize_fini(struct cx_resize *r)
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
cx_resize_bilinear(const float *in, uint32_t ih, uint32_t iw, float *out, uint32_t oh,
    uint32_t ow)
{
	struct cx_resize r;

	cx_resize_init(&r, in, ih, iw, oh, ow);
	for (uint32_t y = 0; y < oh; y++)
		cx_resize_row(&r, y, out + (size_t)y * ow);
	cx_resize_fini(&r);
}

void
cx_resize_argmax(const float *in, uint32_t ih, uint32_t iw, uint32_t oh, uint32_t ow,
    uint32_t *row, uint32_t *col)
{
	struct cx_resize r;
	float *buf = cx_xmalloc((size_t)ow * sizeof *buf), best = 0;
	int have = 0;

	*row = *col = 0;
	cx_resize_init(&r, in, ih, iw, oh, ow);
	for (uint32_t y = 0; y < oh; y++) {
		cx_resize_row(&r, y, buf);
		for (uint32_t x = 0; x < ow; x++) {
			/* np.argmax: the first maximum; a NaN is the maximum. */
			if (!have || buf[x] > best || (buf[x] != buf[x] && best == best)) {
				best = buf[x];
				*row = y;
				*col = x;
				have = 1;
			}
		}
	}
	cx_resize_fini(&r);
	free(buf);
}
