/* h2s_smooth: the reference's smoothing (applyColorMap JET, RGB2GRAY on the
 * BGR result, boxFilter k x k, 255 - gray) and the Otsu segmentation that
 * follows it, without the float32 map at full size: the gray image comes
 * from resize's blocks (a block whose bounds fall in one uint8 bin is filled
 * without computing its pixels), and the box filter is a running sum whose
 * cost does not depend on k. Same bytes as the full computation
 * (cx_h2s_segment_norm; the unit tests compare both). */
#include "h2s.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "contour.h"
#include "resize.h"
#include "xalloc.h"

/* The pixel loops below are meant to vectorize; GCC's -O2 cost model
 * leaves loops of unknown trip count scalar (clang's does not). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=dynamic")
#endif

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
		 * OpenCV 4.6 uses 15-bit fixed point for 8-bit images; the 14-bit
		 * weights differ at JET(110) (found by differential testing). */
		gray[i] = (uint8_t)((c[0] * 9798 + c[1] * 19235 + c[2] * 3735 + (1 << 14)) >> 15);
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

/* OpenCV's division of the k*k sums: in fixed point when they fit 16 bits
 * (k*k <= 256): ((s + dd) * ds) >> 23 with ds ~ 2^23 / k^2 rounded and
 * dd ~ k^2 / 2 nudged the other way; larger kernels take a float32 product
 * rounded half to even. Then 255 - gray. */
struct boxdiv {
	int		 k;
	uint64_t	 fs, fd;
	float		 scale;
};

static void
boxdiv_init(struct boxdiv *d, int k)
{
	d->k = k;
	d->fs = 1;
	d->fd = 0;
	d->scale = (float)(1.0 / ((double)k * k));
	if (k > 1 && k * k <= 256) {
		int kk = k * k;
		double scalef = 8388608.0 / kk;
		d->fs = (uint64_t)floor(scalef);
		scalef -= (double)d->fs;
		d->fd = (uint64_t)(kk / 2);
		if (scalef < 0.5)
			d->fd++;
		else
			d->fs++;
	}
}

/* One output row from the k-tap sums s[0 .. w) into o, counted into hist. */
static void
boxdiv_row(const struct boxdiv *d, const uint32_t *s, uint32_t w, uint8_t *o, uint64_t *hist)
{
	if (d->k == 1)
		for (uint32_t x = 0; x < w; x++)
			o[x] = (uint8_t)(255 - (s[x] > 255 ? 255 : s[x]));
	else if (d->k * d->k <= 256)
		for (uint32_t x = 0; x < w; x++) {
			uint32_t v = (uint32_t)(((s[x] + d->fd) * d->fs) >> 23);
			o[x] = (uint8_t)(255 - (v > 255 ? 255 : v));
		}
	else
		for (uint32_t x = 0; x < w; x++) {
			/* rintf for 0 <= f < 2^23: adding 2^23 leaves no fraction
			 * bits, so the sum is rounded half to even (and vectorizes) */
			float f = (float)s[x] * d->scale;
#if FLT_EVAL_METHOD == 0
			int v = (int)((f + 8388608.0f) - 8388608.0f);
#else
			int v = (int)rintf(f);
#endif
			o[x] = (uint8_t)(255 - (v > 255 ? 255 : v));
		}
	if (hist != NULL) {
		/* four tables: consecutive equal bytes do not wait on each other */
		uint64_t *h1 = hist + 256, *h2 = hist + 512, *h3 = hist + 768;
		uint32_t x = 0;
		for (; x + 4 <= w; x += 4) {
			hist[o[x]]++;
			h1[o[x + 1]]++;
			h2[o[x + 2]]++;
			h3[o[x + 3]]++;
		}
		for (; x < w; x++)
			hist[o[x]]++;
	}
}

/* The box filter (BORDER_REFLECT_101) of the gray image g into out (both
 * h x w, distinct), divided as OpenCV divides and inverted; hist (4 x 256,
 * zeroed by the caller, or NULL) counts the output. Vertical sums per
 * column are slid down one row at a time (the row entering added, the one
 * leaving taken off, both through the same reflection), each row's
 * horizontal sums are differences of its prefix sums over the reflected
 * row: integers, so exactly the k x k sums, at a cost independent of k. */
static void
box_filter(const uint8_t *g, uint32_t h, uint32_t w, int k, uint8_t *out, uint64_t *hist)
{
	long a = k / 2;
	uint32_t *acc = cx_xcalloc(w, sizeof *acc);
	uint32_t *pre = cx_xmalloc(((size_t)w + (size_t)k + 1) * sizeof *pre);
	uint32_t *s = cx_xmalloc(w * sizeof *s);
	long *ext = cx_xmalloc(((size_t)w + (size_t)k) * sizeof *ext);
	struct boxdiv d;
	size_t ne = (size_t)w + (size_t)k - 1;

	boxdiv_init(&d, k);
	/* the reflected columns of a row: ext[j] is column reflect101(j - a) */
	for (size_t j = 0; j < ne; j++)
		ext[j] = reflect101((long)j - a, w);
	for (long dy = -a; dy < k - a; dy++) {
		const uint8_t *r = g + (size_t)reflect101(dy, h) * w;
		for (uint32_t x = 0; x < w; x++)
			acc[x] += r[x];
	}
	for (uint32_t y = 0; y < h; y++) {
		if (y > 0) {
			const uint8_t *in = g + (size_t)reflect101((long)y - 1 + k - a, h) * w;
			const uint8_t *ou = g + (size_t)reflect101((long)y - 1 - a, h) * w;
			for (uint32_t x = 0; x < w; x++)
				acc[x] += (uint32_t)in[x] - ou[x];
		}
		/* prefix sums over the reflected row; the sums wrap modulo 2^32
		 * for wide rows and large k, their differences (< 2^32) do not */
		pre[0] = 0;
		if ((size_t)a < w && (size_t)(k - a) <= w) {
			uint32_t j = 0;
			for (; j < (uint32_t)a; j++)
				pre[j + 1] = pre[j] + acc[ext[j]];
			for (; j < (uint32_t)a + w; j++)
				pre[j + 1] = pre[j] + acc[j - a];
			for (; j < ne; j++)
				pre[j + 1] = pre[j] + acc[ext[j]];
		} else
			for (size_t j = 0; j < ne; j++)
				pre[j + 1] = pre[j] + acc[ext[j]];
		{
			const uint32_t *restrict pa = pre, *restrict pz = pre + k;
			uint32_t *restrict so = s;
			for (uint32_t x = 0; x < w; x++)
				so[x] = pz[x] - pa[x];
		}
		boxdiv_row(&d, s, w, out + (size_t)y * w, hist);
	}
	free(ext);
	free(s);
	free(pre);
	free(acc);
}

void
cx_h2s_smooth(uint8_t *u8, uint32_t h, uint32_t w, int k)
{
	uint8_t lut[256], *g;
	size_t n = (size_t)h * w;

	if (n == 0)
		return;
	jet_gray_lut(lut);
	g = cx_xmalloc(n);
	for (size_t i = 0; i < n; i++)
		g[i] = lut[u8[i]];
	box_filter(g, h, w, k, u8, NULL);
	free(g);
}

/* uint8(255 * (v - vmin) / range) in float32, clamped: monotone in v, so
 * the bins of a block's bounds bound its pixels' bins. */
static inline int
u8_clamped(float v, float vmin, float range)
{
	float d = v - vmin, m = d / range, s = 255.0f * m;

	return s > 0 ? (s < 255 ? (int)s : 255) : 0;
}

/* The JET gray of uint8(255 * normalized map) at h x w into g, block by
 * block: one memset per block row segment whose bounds share a bin, torch's
 * values elsewhere. */
static void
gray_image(struct cx_rblocks *b, float vmin, float range, const uint8_t lut[256], uint8_t *g)
{
	uint32_t w = b->r.ow;
	int16_t *st = cx_xmalloc(b->nbc * sizeof *st);
	float *buf = cx_xmalloc(((size_t)w + 1) * sizeof *buf);
	uint8_t *ub = cx_xmalloc((size_t)w + 1);

	for (uint32_t k = 0; k < b->nbr; k++) {
		for (uint32_t l = 0; l < b->nbc; l++) {
			size_t i = (size_t)k * b->nbc + l;
			int lo = u8_clamped(b->lb[i], vmin, range), hi = u8_clamped(b->ub[i], vmin, range);
			st[l] = lo == hi ? (int16_t)lo : -1;
		}
		for (uint32_t y = b->rs[k]; y < b->rs[k + 1]; y++) {
			uint8_t *row = g + (size_t)y * w;
			uint32_t nv = 0;
			/* the uniform blocks filled, the others' values computed
			 * into buf one after the other; then all of them converted
			 * in one loop (which vectorizes) and put in place */
			for (uint32_t l = 0; l < b->nbc; l++) {
				uint32_t x0 = b->cs[l], x1 = b->cs[l + 1];
				if (st[l] >= 0) {
					memset(row + x0, lut[st[l]], x1 - x0);
					continue;
				}
				cx_resize_block_span(&b->r, y, x0, x1, buf + nv);
				nv += x1 - x0;
			}
			if (nv == 0)
				continue;
			for (uint32_t j = 0; j < nv; j++)
				ub[j] = (uint8_t)u8_clamped(buf[j], vmin, range);
			nv = 0;
			for (uint32_t l = 0; l < b->nbc; l++) {
				uint32_t x0 = b->cs[l], x1 = b->cs[l + 1];
				if (st[l] >= 0)
					continue;
				for (uint32_t x = x0; x < x1; x++)
					row[x] = lut[ub[nv++]];
			}
		}
	}
	free(ub);
	free(buf);
	free(st);
}

int
cx_h2s_smooth_segment(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w,
    int k, struct cx_rle *out)
{
	struct cx_rblocks b;
	uint8_t lut[256], *g, *sm, *img;
	uint64_t hist[4 * 256] = {0};
	float vmin, vmax;
	size_t n = (size_t)h * w, W = (size_t)w + 2;
	uint32_t y0 = UINT32_MAX, y1 = 0;
	struct cx_contours cs;
	int t, maxv = 255;

	if (n == 0 || k < 1)
		return -1;
	cx_rblocks_init(&b, map, mh, mw, h, w);
	if (cx_rblocks_range(&b, &vmin, &vmax) == 1 || !(vmax - vmin > 0)) {
		/* NaN or constant: the caller's full path */
		cx_rblocks_fini(&b);
		return -1;
	}
	jet_gray_lut(lut);
	g = cx_xmalloc(n);
	gray_image(&b, vmin, vmax - vmin, lut, g);
	cx_rblocks_fini(&b);
	sm = cx_xmalloc(n);
	box_filter(g, h, w, k, sm, hist);
	free(g);
	for (int i = 0; i < 256; i++)
		hist[i] += hist[256 + i] + hist[512 + i] + hist[768 + i];
	while (maxv > 0 && hist[maxv] == 0)
		maxv--;
	t = cx_h2s_otsu_hist(hist, n);
	/* cv2.threshold(mask, 0, maxval, THRESH_OTSU): src > t ? maxval : 0;
	 * maxval 0 leaves nothing set */
	if (maxv == 0 || t >= maxv) {
		free(sm);
		cx_rle_zero(out, h, w);
		return 0;
	}
	/* the rows holding a set pixel, then their binary image framed for
	 * the contour scan */
	for (uint32_t y = 0; y < h; y++) {
		const uint8_t *r = sm + (size_t)y * w;
		int any = 0;
		for (uint32_t x = 0; x < w; x++)
			any |= r[x] > t;
		if (any) {
			y0 = y0 == UINT32_MAX ? y : y0;
			y1 = y;
		}
	}
	img = cx_xmalloc(W * ((size_t)(y1 - y0) + 3));
	memset(img, 0, W);
	memset(img + W * ((size_t)(y1 - y0) + 2), 0, W);
	for (uint32_t y = y0; y <= y1; y++) {
		const uint8_t *r = sm + (size_t)y * w;
		uint8_t *f = img + W * (y - y0 + 1);
		f[0] = f[W - 1] = 0;
		for (uint32_t x = 0; x < w; x++)
			f[x + 1] = r[x] > t;
	}
	free(sm);
	/* RETR_LIST: the filled union is RETR_TREE's (see h2s.c) */
	cx_contours_find_framed_at(&cs, img, y1 - y0 + 1, w, 0, y0, CX_RETR_LIST,
	    CX_CHAIN_SIMPLE);
	free(img);
	cx_h2s_fill_contours_rle(&cs, h, w, out);
	cx_contours_fini(&cs);
	return 0;
}
