/* h2s: the reference's cam_to_segmentation, operation by operation. */
#include "h2s.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "contour.h"
#include "polygon.h"
#include "resize.h"
#include "xalloc.h"

int
cx_h2s_normalize_map(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w,
    float *out)
{
	size_t n = (size_t)h * w;
	float lo = INFINITY, hi = -INFINITY, range;

	cx_resize_bilinear(map, mh, mw, out, h, w);
	for (size_t i = 0; i < n; i++) {
		lo = out[i] < lo ? out[i] : lo;
		hi = out[i] > hi ? out[i] : hi;
	}
	/* torch: (m - m.min()) / (m - m.min()).max(); subtraction is monotone,
	 * so the divisor is hi - lo rounded once. */
	range = hi - lo;
	if (!(range > 0)) {
		for (size_t i = 0; i < n; i++)
			out[i] = NAN;
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		float d = out[i] - lo;
		out[i] = d / range;
	}
	return 0;
}

int
cx_h2s_normalized(const struct cx_heatmap *hm, uint32_t h, uint32_t w, float *out)
{
	return cx_h2s_normalize_map(hm->map, hm->mh, hm->mw, h, w, out);
}

void
cx_h2s_threshold(const float *norm, size_t n, float t, uint8_t *mask)
{
	for (size_t i = 0; i < n; i++)
		mask[i] = norm[i] > t;
}

void
cx_h2s_to_u8(const float *norm, size_t n, uint8_t *u8)
{
	for (size_t i = 0; i < n; i++) {
		float v = 255.0f * norm[i];
		u8[i] = v >= 0 && v < 256 ? (uint8_t)v : 0;
	}
}

int
cx_h2s_otsu_hist(const uint64_t hist[256], uint64_t n)
{
	double mu = 0, scale = 1.0 / (double)n, mu1 = 0, q1 = 0, max_sigma = 0;
	int max_val = 0;

	for (int i = 0; i < 256; i++)
		mu += i * (double)hist[i];
	mu *= scale;
	for (int i = 0; i < 256; i++) {
		double p = (double)hist[i] * scale, q2, mu2, sigma;

		mu1 *= q1;
		q1 += p;
		q2 = 1.0 - q1;
		if ((q1 < q2 ? q1 : q2) < FLT_EPSILON || (q1 > q2 ? q1 : q2) > 1.0 - FLT_EPSILON)
			continue;
		mu1 = (mu1 + i * p) / q1;
		mu2 = (mu - q1 * mu1) / q2;
		sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2);
		if (sigma > max_sigma) {
			max_sigma = sigma;
			max_val = i;
		}
	}
	return max_val;
}

/* The JET lookup table OpenCV builds: its 256-entry base map (Octave's jet:
 * piecewise linear in steps of 4/255, with half-step offsets), resampled by
 * OpenCV's interp1 in float32 at the same 256 points, then converted to 8
 * bits with rounding. Entry = (B, G, R). */
static float
jet_base(int ch, int k)
{
	double v;

	switch (ch) {
	case 0:	/* blue */
		v = k < 32 ? 127.5 + 4 * k : k < 96 ? 255 : k < 160 ? 253.5 - 4 * (k - 96) : 0;
		break;
	case 1:	/* green */
		v = k < 32 ? 0 : k < 96 ? 0.5 + 4 * (k - 32) : k < 160 ? 255 :
		    k < 224 ? 252.5 - 4 * (k - 160) : 0;
		break;
	default:	/* red */
		v = k < 96 ? 0 : k < 160 ? 1.5 + 4 * (k - 96) : k < 224 ? 255 :
		    251.5 - 4 * (k - 224);
		break;
	}
	return (float)(v / 255.0);
}

static void
jet_gray_lut(uint8_t gray[256])
{
	float x[256], step = 1.0f / 255.0f;

	for (int i = 0; i < 256; i++)
		x[i] = 0.0f + (float)i * step;
	for (int i = 0; i < 256; i++) {
		int c[3];
		for (int ch = 0; ch < 3; ch++) {
			float y;
			if (i == 0) {
				y = jet_base(ch, 0);
			} else {
				/* interp1 between the bracketing points i-1 and i */
				float y0 = jet_base(ch, i - 1), y1 = jet_base(ch, i);
				float num = (x[i] - x[i - 1]) * (y1 - y0);
				y = y0 + num / (x[i] - x[i - 1]);
			}
			c[ch] = (int)rintf(y * 255.0f);
			c[ch] = c[ch] < 0 ? 0 : c[ch] > 255 ? 255 : c[ch];
		}
		/* cvtColor RGB2GRAY on BGR data: channel 0 (blue) weighs as red.
		 * Fixed point, 14 bits, as OpenCV does for 8-bit images. */
		gray[i] = (uint8_t)((c[0] * 4899 + c[1] * 9617 + c[2] * 1868 + (1 << 13)) >> 14);
	}
}

static long
reflect101(long i, long n)
{
	if (n == 1)
		return 0;
	while (i < 0 || i >= n) {
		if (i < 0)
			i = -i;
		if (i >= n)
			i = 2 * (n - 1) - i;
	}
	return i;
}

void
cx_h2s_smooth(uint8_t *u8, uint32_t h, uint32_t w, int k)
{
	uint8_t lut[256];
	uint32_t *rows;
	long a = k / 2;
	float scale = (float)(1.0 / ((double)k * k));
	uint8_t *g;
	size_t n = (size_t)h * w;

	jet_gray_lut(lut);
	g = cx_xmalloc(n);
	for (size_t i = 0; i < n; i++)
		g[i] = lut[u8[i]];
	/* horizontal sums per row, then vertical sums of those */
	rows = cx_xmalloc(n * sizeof *rows);
	for (uint32_t y = 0; y < h; y++) {
		const uint8_t *r = g + (size_t)y * w;
		for (uint32_t x = 0; x < w; x++) {
			uint32_t s = 0;
			for (long d = -a; d < k - a; d++)
				s += r[reflect101((long)x + d, w)];
			rows[(size_t)y * w + x] = s;
		}
	}
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			uint32_t s = 0;
			for (long d = -a; d < k - a; d++)
				s += rows[(size_t)reflect101((long)y + d, h) * w + x];
			/* OpenCV's vector path: float product, round half to even */
			u8[(size_t)y * w + x] = (uint8_t)(255 - (int)rintf((float)s * scale));
		}
	free(rows);
	free(g);
}

void
cx_h2s_fill_contours(const uint8_t *bin, uint32_t h, uint32_t w, uint8_t *mask)
{
	struct cx_contours cs;
	double *xy = NULL;
	size_t cap = 0;

	memset(mask, 0, (size_t)h * w);
	cx_contours_find(&cs, bin, h, w, CX_RETR_TREE, CX_CHAIN_SIMPLE);
	for (size_t i = 0; i < cs.n; i++) {
		const struct cx_contour *c = &cs.c[i];
		if (c->n <= 1)
			continue;
		if (c->n > cap) {
			cap = c->n;
			xy = cx_xreallocarray(xy, cap, 2 * sizeof *xy);
		}
		for (size_t j = 0; j < 2 * c->n; j++)
			xy[j] = c->xy[j];
		cx_polygon_draw(mask, h, w, xy, c->n);
	}
	free(xy);
	cx_contours_fini(&cs);
}

void
cx_h2s_segment_norm(float *norm, int degenerate, uint32_t h, uint32_t w,
    const struct cx_h2s_opts *o, struct cx_rle *out)
{
	size_t n = (size_t)h * w;
	uint8_t *a, *m;
	uint64_t hist[256] = {0};
	int t, maxv = 0;

	if (degenerate) {
		cx_rle_zero(out, h, w);
		return;
	}
	a = cx_xmalloc(n ? n : 1);
	if (!o->otsu) {
		cx_h2s_threshold(norm, n, o->threshold, a);
		cx_rle_from_rowmajor(out, a, h, w);
		free(a);
		return;
	}
	cx_h2s_to_u8(norm, n, a);
	if (o->smooth_k > 0)
		cx_h2s_smooth(a, h, w, o->smooth_k);
	for (size_t i = 0; i < n; i++) {
		hist[a[i]]++;
		maxv = a[i] > maxv ? a[i] : maxv;
	}
	t = cx_h2s_otsu_hist(hist, n);
	/* cv2.threshold(mask, 0, maxval, THRESH_OTSU): src > t ? maxval : 0 */
	if (maxv == 0) {
		cx_rle_zero(out, h, w);
		free(a);
		return;
	}
	for (size_t i = 0; i < n; i++)
		a[i] = a[i] > t;
	m = cx_xmalloc(n);
	cx_h2s_fill_contours(a, h, w, m);
	cx_rle_from_rowmajor(out, m, h, w);
	free(m);
	free(a);
}

void
cx_h2s_segment(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
    const struct cx_h2s_opts *o, struct cx_rle *out)
{
	size_t n = (size_t)h * w;
	float *norm = cx_xmalloc((n > 0 ? n : 1) * sizeof *norm);
	int deg = cx_h2s_normalized(hm, h, w, norm);

	cx_h2s_segment_norm(norm, deg, h, w, o, out);
	free(norm);
}
