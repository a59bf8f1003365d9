/* compose: CXR + overlays into an RGB buffer. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "xalloc.h"

void
cx_compose_fit(uint32_t img_w, uint32_t img_h, uint32_t box_w, uint32_t box_h,
    uint32_t *w, uint32_t *h)
{
	uint64_t ww, hh;

	if (img_w == 0 || img_h == 0 || box_w == 0 || box_h == 0) {
		*w = box_w ? box_w : 1;
		*h = box_h ? box_h : 1;
		return;
	}
	/* Compare box_w/box_h with img_w/img_h in integers to avoid rounding
	 * the limiting side off by one. */
	if ((uint64_t)box_w * img_h <= (uint64_t)box_h * img_w) {
		ww = box_w;
		hh = ((uint64_t)box_w * img_h + img_w / 2) / img_w;
	} else {
		hh = box_h;
		ww = ((uint64_t)box_h * img_w + img_h / 2) / img_h;
	}
	*w = ww ? (uint32_t)ww : 1;
	*h = hh ? (uint32_t)hh : 1;
}

void
cx_compose_zoom(struct cx_compose *c, double zoom, double col, double row)
{
	double w, h, x0, y0;

	if (zoom < 1)
		zoom = 1;
	w = c->full_w / zoom;
	h = c->full_h / zoom;
	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;
	x0 = col - w / 2;
	y0 = row - h / 2;
	if (x0 + w > c->full_w)
		x0 = c->full_w - w;
	if (y0 + h > c->full_h)
		y0 = c->full_h - h;
	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	c->cx = (uint32_t)x0;
	c->cy = (uint32_t)y0;
	c->cw = (uint32_t)(w + 0.5);
	c->ch = (uint32_t)(h + 0.5);
	if (c->cx + c->cw > c->full_w)
		c->cw = c->full_w - c->cx;
	if (c->cy + c->ch > c->full_h)
		c->ch = c->full_h - c->cy;
}

void
cx_compose_to_full(const struct cx_compose *c, uint32_t ow, uint32_t oh,
    uint32_t ox, uint32_t oy, uint32_t *col, uint32_t *row)
{
	uint64_t x = c->cx + ((uint64_t)ox * c->cw + c->cw / 2) / (ow ? ow : 1);
	uint64_t y = c->cy + ((uint64_t)oy * c->ch + c->ch / 2) / (oh ? oh : 1);

	*col = x < c->full_w ? (uint32_t)x : c->full_w - 1;
	*row = y < c->full_h ? (uint32_t)y : c->full_h - 1;
}

/* Piecewise-linear approximations of the usual maps: enough for display. */
void
cx_colormap(enum cx_colormap m, float t, uint8_t rgb[3])
{
	static const uint8_t viridis[9][3] = {
		{ 68, 1, 84 }, { 71, 44, 122 }, { 59, 81, 139 }, { 44, 113, 142 },
		{ 33, 144, 141 }, { 39, 173, 129 }, { 92, 200, 99 }, { 170, 220, 50 },
		{ 253, 231, 37 },
	};
	float r, g, b;

	if (!(t >= 0))
		t = 0;
	if (t > 1)
		t = 1;
	switch (m) {
	case CX_CMAP_VIRIDIS: {
		float f = t * 8;
		int i = (int)f;
		if (i >= 8)
			i = 7;
		f -= i;
		for (int k = 0; k < 3; k++)
			rgb[k] = (uint8_t)(viridis[i][k] + f * (viridis[i + 1][k] - viridis[i][k]) + 0.5f);
		return;
	}
	case CX_CMAP_GRAY:
	case CX_CMAP_RAMP:
		rgb[0] = rgb[1] = rgb[2] = (uint8_t)(t * 255 + 0.5f);
		return;
	case CX_CMAP_JET:
	default:
		r = 1.5f - fabsf(4 * t - 3);
		g = 1.5f - fabsf(4 * t - 2);
		b = 1.5f - fabsf(4 * t - 1);
		rgb[0] = (uint8_t)(255 * (r < 0 ? 0 : r > 1 ? 1 : r) + 0.5f);
		rgb[1] = (uint8_t)(255 * (g < 0 ? 0 : g > 1 ? 1 : g) + 0.5f);
		rgb[2] = (uint8_t)(255 * (b < 0 ? 0 : b > 1 ? 1 : b) + 0.5f);
		return;
	}
}

void
cx_colormap_ramp(const uint8_t lo[3], const uint8_t hi[3], float t, uint8_t rgb[3])
{
	if (!(t >= 0))
		t = 0;
	if (t > 1)
		t = 1;
	for (int k = 0; k < 3; k++)
		rgb[k] = (uint8_t)(lo[k] + t * (hi[k] - lo[k]) + 0.5f);
}

/* Direction and spacing: the error map's TP dense '/', FP rows and FN
 * columns every 4 pixels; 0 '/' and 1 '\' every 6 pixels, 2 rows and 3
 * columns every 6, 4 a diagonal cross and 5 a grid every 8, 6 dense dots,
 * 7 '/' and 8 '\' every 12, 9 sparse dots. */
int
cx_compose_pattern(int k, uint32_t x, uint32_t y)
{
	uint32_t d = x + 4096 * 3 - y % (4096 * 3);	/* x - y, kept positive */

	if (k == CX_PAT_TP)
		return (x + y) % 4 < 2;
	if (k == CX_PAT_FP)
		return y % 4 < 1;
	if (k == CX_PAT_FN)
		return x % 4 < 1;
	switch (k % CX_NPATTERNS) {
	case 0: return (x + y) % 6 < 2;
	case 1: return d % 6 < 2;
	case 2: return y % 6 < 2;
	case 3: return x % 6 < 2;
	case 4: return (x + y) % 8 < 1 || d % 8 < 1;
	case 5: return x % 8 < 1 || y % 8 < 1;
	case 6: return x % 3 < 1 && y % 3 < 1;
	case 7: return (x + y) % 12 < 2;
	case 8: return d % 12 < 2;
	default: return x % 6 < 2 && y % 6 < 2;
	}
}

/* DICOM's linear VOI function over 8-bit grey. */
uint8_t
cx_compose_window(const struct cx_compose *c, uint8_t g)
{
	double v = g, w = c->window, lo, hi;

	if (w >= 1) {
		lo = c->level - 0.5 - (w - 1) / 2;
		hi = c->level - 0.5 + (w - 1) / 2;
		v = g <= lo ? 0 : g > hi ? 255 : ((g - (c->level - 0.5)) / (w - 1) + 0.5) * 255;
		if (w == 1)
			v = g <= lo ? 0 : 255;
	}
	v = v < 0 ? 0 : v > 255 ? 255 : v;
	if (c->invert)
		v = 255 - v;
	return (uint8_t)(v + 0.5);
}

static int
window_active(const struct cx_compose *c)
{
	return c->invert || (c->window >= 1 && !(c->window == 256 && c->level == 128));
}

static void
apply_window(const struct cx_compose *c, uint8_t *rgb, uint32_t ow, uint32_t oh)
{
	uint8_t lut[256];

	for (int g = 0; g < 256; g++)
		lut[g] = cx_compose_window(c, (uint8_t)g);
	for (size_t i = 0; i < (size_t)ow * oh * 3; i++)
		rgb[i] = lut[rgb[i]];
}

float
cx_compose_heat_at(const float *heat, uint32_t hh, uint32_t hw, uint32_t full_w,
    uint32_t full_h, double col, double row)
{
	/* Pixel centres aligned like align_corners=False. */
	double mx = (col + 0.5) * hw / full_w - 0.5, my = (row + 0.5) * hh / full_h - 0.5;
	int x0, y0, x1, y1;
	double fx, fy, v;

	if (mx < 0)
		mx = 0;
	if (my < 0)
		my = 0;
	x0 = (int)mx;
	y0 = (int)my;
	if (x0 > (int)hw - 1)
		x0 = (int)hw - 1;
	if (y0 > (int)hh - 1)
		y0 = (int)hh - 1;
	x1 = x0 + (x0 < (int)hw - 1);
	y1 = y0 + (y0 < (int)hh - 1);
	fx = mx - x0;
	fy = my - y0;
	if (fx > 1)
		fx = 1;
	if (fy > 1)
		fy = 1;
	v = (1 - fy) * ((1 - fx) * heat[(size_t)y0 * hw + x0] + fx * heat[(size_t)y0 * hw + x1])
	    + fy * ((1 - fx) * heat[(size_t)y1 * hw + x0] + fx * heat[(size_t)y1 * hw + x1]);
	return (float)v;
}

/* Gray image resampled to the output grid: a box average where the source
 * window is at least twice the output (no aliasing), bilinear in 8-bit fixed
 * point otherwise — the usual case, as the JPEG is DCT-scaled to just above
 * the output size. */
static void
render_gray(const struct cx_compose *c, uint8_t *rgb, uint32_t ow, uint32_t oh)
{
	/* Crop window in the coordinates of the (possibly reduced) gray image. */
	double sx = (double)c->gw / c->full_w, sy = (double)c->gh / c->full_h;
	double wx0 = c->cx * sx, wy0 = c->cy * sy;
	double ww = c->cw * sx, wh = c->ch * sy;
	double stepx = ww / ow, stepy = wh / oh;
	uint32_t *xa = cx_xmalloc((size_t)ow * 2 * sizeof *xa);
	float *fxv = cx_xmalloc((size_t)ow * sizeof *fxv);

	if (stepx >= 2 && stepy >= 2) {
		for (uint32_t x = 0; x < ow; x++) {
			uint32_t a = (uint32_t)(wx0 + x * stepx), b = (uint32_t)(wx0 + (x + 1) * stepx);
			if (b <= a)
				b = a + 1;
			if (b > c->gw)
				b = c->gw;
			if (a >= b)
				a = b - 1;
			xa[2 * x] = a;
			xa[2 * x + 1] = b;
		}
		for (uint32_t y = 0; y < oh; y++) {
			uint32_t a = (uint32_t)(wy0 + y * stepy), b = (uint32_t)(wy0 + (y + 1) * stepy);
			if (b <= a)
				b = a + 1;
			if (b > c->gh)
				b = c->gh;
			if (a >= b)
				a = b - 1;
			uint8_t *o = rgb + (size_t)y * ow * 3;
			for (uint32_t x = 0; x < ow; x++) {
				uint32_t s = 0, n = (b - a) * (xa[2 * x + 1] - xa[2 * x]);
				for (uint32_t yy = a; yy < b; yy++) {
					const uint8_t *p = c->gray + (size_t)yy * c->gw;
					for (uint32_t xx = xa[2 * x]; xx < xa[2 * x + 1]; xx++)
						s += p[xx];
				}
				o[0] = o[1] = o[2] = (uint8_t)((s + n / 2) / n);
				o += 3;
			}
		}
	} else {
		uint16_t *wx = (uint16_t *)fxv;
		for (uint32_t x = 0; x < ow; x++) {
			double f = wx0 + (x + 0.5) * stepx - 0.5;
			if (f < 0)
				f = 0;
			uint32_t i = (uint32_t)f;
			if (i > c->gw - 1)
				i = c->gw - 1;
			xa[2 * x] = i;
			xa[2 * x + 1] = i + (i < c->gw - 1);
			f -= i;
			wx[x] = (uint16_t)(f >= 1 ? 256 : f * 256 + 0.5);
		}
		for (uint32_t y = 0; y < oh; y++) {
			double f = wy0 + (y + 0.5) * stepy - 0.5;
			if (f < 0)
				f = 0;
			uint32_t j = (uint32_t)f;
			if (j > c->gh - 1)
				j = c->gh - 1;
			uint32_t j1 = j + (j < c->gh - 1);
			f -= j;
			uint32_t wy = (uint32_t)(f >= 1 ? 256 : f * 256 + 0.5);
			const uint8_t *r0 = c->gray + (size_t)j * c->gw, *r1 = c->gray + (size_t)j1 * c->gw;
			uint8_t *o = rgb + (size_t)y * ow * 3;
			for (uint32_t x = 0; x < ow; x++) {
				uint32_t w1 = wx[x], w0 = 256 - w1;
				uint32_t t = r0[xa[2 * x]] * w0 + r0[xa[2 * x + 1]] * w1;
				uint32_t u = r1[xa[2 * x]] * w0 + r1[xa[2 * x + 1]] * w1;
				uint32_t v = (t * (256 - wy) + u * wy + 32768) >> 16;
				o[0] = o[1] = o[2] = (uint8_t)v;
				o += 3;
			}
		}
	}
	free(xa);
	free(fxv);
}

static inline void
blend(uint8_t *o, const uint8_t c[3], float a)
{
	for (int k = 0; k < 3; k++)
		o[k] = (uint8_t)(o[k] + a * ((int)c[k] - o[k]) + 0.5f);
}

/* The mask sampled at each output pixel's centre (0 or 1), from the runs:
 * O(runs + output pixels), independent of the mask's area, so a full-size
 * CXR costs no more than a thumbnail. Columns are visited in increasing order
 * and the runs are column-major, so one pass over the runs suffices. */
static uint8_t *
mask_sample(const struct cx_rle *r, uint32_t cx, uint32_t cy, uint32_t cw, uint32_t ch,
    uint32_t ow, uint32_t oh)
{
	uint8_t *out = cx_xcalloc((size_t)ow * oh, 1);
	uint32_t *sy = cx_xmalloc((size_t)oh * sizeof *sy);
	size_t ri = 0;
	uint64_t rs = 0;	/* start of run ri */
	long prev = -1;

	for (uint32_t oy = 0; oy < oh; oy++)
		sy[oy] = cy + (uint32_t)(((uint64_t)oy * 2 + 1) * ch / (2 * (uint64_t)oh));
	for (uint32_t ox = 0; ox < ow; ox++) {
		uint32_t sx = cx + (uint32_t)(((uint64_t)ox * 2 + 1) * cw / (2 * (uint64_t)ow));
		uint64_t c0 = (uint64_t)sx * r->h, c1 = c0 + r->h;
		uint32_t oy = 0;

		if ((long)sx == prev) {
			for (uint32_t y = 0; y < oh; y++)
				out[(size_t)y * ow + ox] = out[(size_t)y * ow + ox - 1];
			continue;
		}
		prev = sx;
		/* Skip runs that end before this column. */
		while (ri < r->n && rs + r->counts[ri] <= c0) {
			rs += r->counts[ri];
			ri++;
		}
		{
			uint64_t s = rs;
			for (size_t k = ri; k < r->n && s < c1 && oy < oh; k++) {
				uint64_t e = s + r->counts[k];
				if (k & 1) {
					uint64_t a = s > c0 ? s - c0 : 0, b = (e < c1 ? e : c1) - c0;
					while (oy < oh && sy[oy] < a)
						oy++;
					while (oy < oh && sy[oy] < b)
						out[(size_t)oy++ * ow + ox] = 1;
				}
				s = e;
			}
		}
	}
	free(sy);
	return out;
}

/* Is output cell i inside the mask? */
#define IN(cov, i)	((cov)[i] != 0)

static int
on_edge(const uint8_t *cov, uint32_t ow, uint32_t oh, uint32_t x, uint32_t y)
{
	size_t i = (size_t)y * ow + x;

	if (!IN(cov, i))
		return 0;
	return x == 0 || y == 0 || x == ow - 1 || y == oh - 1
	    || !IN(cov, i - 1) || !IN(cov, i + 1) || !IN(cov, i - ow) || !IN(cov, i + ow);
}

static int
mask_ok(const struct cx_compose *c, const struct cx_rle *r)
{
	return r && r->h == c->full_h && r->w == c->full_w;
}

static void
draw_mask(const struct cx_compose *c, const struct cx_layer *l, uint8_t *rgb,
    uint32_t ow, uint32_t oh)
{
	uint8_t *cov;

	if (!mask_ok(c, l->a))
		return;
	cov = mask_sample(l->a, c->cx, c->cy, c->cw, c->ch, ow, oh);
	for (uint32_t y = 0; y < oh; y++)
		for (uint32_t x = 0; x < ow; x++) {
			size_t i = (size_t)y * ow + x;
			uint8_t *o = rgb + i * 3;
			if (!cov[i])
				continue;
			if (l->contour && on_edge(cov, ow, oh, x, y))
				blend(o, l->rgb, 1.0f);
			else if (l->hatch) {
				if (cx_compose_pattern(l->pattern, x, y))
					blend(o, l->rgb, 1.0f);
			} else
				blend(o, l->rgb, l->alpha);
		}
	free(cov);
}

static void
draw_error(const struct cx_compose *c, const struct cx_layer *l, uint8_t *rgb,
    uint32_t ow, uint32_t oh)
{
	uint8_t *g, *p;

	if (!mask_ok(c, l->a) || !mask_ok(c, l->b))
		return;
	g = mask_sample(l->a, c->cx, c->cy, c->cw, c->ch, ow, oh);
	p = mask_sample(l->b, c->cx, c->cy, c->cw, c->ch, ow, oh);
	for (size_t i = 0; i < (size_t)ow * oh; i++) {
		int gi = IN(g, i), pi = IN(p, i);
		const uint8_t *col = gi && pi ? l->tp : gi ? l->fn : pi ? l->fp : NULL;
		uint32_t x = (uint32_t)(i % ow), y = (uint32_t)(i / ow);
		if (!col)
			continue;
		if (l->hatch) {
			/* Without colour the three classes need three patterns. */
			if (cx_compose_pattern(gi && pi ? CX_PAT_TP : gi ? CX_PAT_FN : CX_PAT_FP, x, y))
				blend(rgb + i * 3, col, 1.0f);
		} else
			blend(rgb + i * 3, col, l->alpha);
	}
	free(g);
	free(p);
}

/* Bilinear taps of output coordinate i on a map axis of n cells spanning a
 * full-resolution axis of len pixels, the crop starting at c0 with cl pixels:
 * the same convention as cx_compose_heat_at, precomputed per row/column. */
static void
heat_taps(uint32_t out, uint32_t c0, uint32_t cl, uint32_t len, uint32_t n, uint32_t *i0,
    uint32_t *i1, float *f)
{
	for (uint32_t o = 0; o < out; o++) {
		double full = c0 + (o + 0.5) * cl / out - 0.5;
		double m = (full + 0.5) * n / len - 0.5;
		uint32_t k;
		if (m < 0)
			m = 0;
		k = (uint32_t)m;
		if (k > n - 1)
			k = n - 1;
		i0[o] = k;
		i1[o] = k + (k < n - 1);
		f[o] = (float)(m - k > 1 ? 1 : m - k);
	}
}

static void
draw_heat(const struct cx_compose *c, const struct cx_layer *l, uint8_t *rgb,
    uint32_t ow, uint32_t oh)
{
	uint8_t lut[256][3];
	uint32_t *x0, *x1, *y0, *y1;
	float *fx, *fy;

	if (!l->heat || l->hh == 0 || l->hw == 0)
		return;
	for (int i = 0; i < 256; i++)
		if (l->cmap == CX_CMAP_RAMP)
			cx_colormap_ramp(l->ramp[0], l->ramp[1], i / 255.0f, lut[i]);
		else
			cx_colormap(l->cmap, i / 255.0f, lut[i]);
	x0 = cx_xmalloc((size_t)ow * 2 * sizeof *x0);
	x1 = x0 + ow;
	y0 = cx_xmalloc((size_t)oh * 2 * sizeof *y0);
	y1 = y0 + oh;
	fx = cx_xmalloc((size_t)ow * sizeof *fx);
	fy = cx_xmalloc((size_t)oh * sizeof *fy);
	heat_taps(ow, c->cx, c->cw, c->full_w, l->hw, x0, x1, fx);
	heat_taps(oh, c->cy, c->ch, c->full_h, l->hh, y0, y1, fy);
	for (uint32_t y = 0; y < oh; y++) {
		const float *r0 = l->heat + (size_t)y0[y] * l->hw, *r1 = l->heat + (size_t)y1[y] * l->hw;
		float wy = fy[y];
		uint8_t *o = rgb + (size_t)y * ow * 3;
		for (uint32_t x = 0; x < ow; x++, o += 3) {
			float a = r0[x0[x]] + fx[x] * (r0[x1[x]] - r0[x0[x]]);
			float b = r1[x0[x]] + fx[x] * (r1[x1[x]] - r1[x0[x]]);
			float v = a + wy * (b - a);
			if (!(v > l->heat_min))
				continue;
			if (v > 1)
				v = 1;
			/* Faint activations fade in instead of tinting the whole lung
			 * dark blue: full opacity from CX_HEAT_FADE up. */
			blend(o, lut[(int)(v * 255 + 0.5f)],
			    v < CX_HEAT_FADE ? l->alpha * v / CX_HEAT_FADE : l->alpha);
		}
	}
	free(x0);
	free(y0);
	free(fx);
	free(fy);
}

/* Several heatmaps at once: per pixel the highest normalized value wins, in
 * its pathology's colour, with opacity proportional to the value — one glance
 * shows which finding the model localizes where and how strongly, without
 * one colour scale per pathology. */
static void
draw_heatset(const struct cx_compose *c, const struct cx_layer *l, uint8_t *rgb,
    uint32_t ow, uint32_t oh)
{
	uint8_t lut[256][3];
	size_t ns = l->nset, usable = 0;
	uint32_t *x0, *x1, *y0, *y1, *best_k;
	float *fx, *fy, *best;

	for (size_t k = 0; k < l->nset; k++)
		if (l->set[k].heat && l->set[k].hh && l->set[k].hw)
			usable++;
	if (usable == 0)
		return;
	if (l->by_cmap)
		for (int i = 0; i < 256; i++)
			cx_colormap(l->cmap, i / 255.0f, lut[i]);
	x0 = cx_xmalloc(ns * ow * 2 * sizeof *x0);
	x1 = x0 + ns * ow;
	y0 = cx_xmalloc(ns * oh * 2 * sizeof *y0);
	y1 = y0 + ns * oh;
	fx = cx_xmalloc(ns * ow * sizeof *fx);
	fy = cx_xmalloc(ns * oh * sizeof *fy);
	best = cx_xmalloc((size_t)ow * sizeof *best);
	best_k = cx_xmalloc((size_t)ow * sizeof *best_k);
	for (size_t k = 0; k < ns; k++) {
		const struct cx_heatsrc *h = &l->set[k];
		if (!h->heat || !h->hh || !h->hw)
			continue;
		heat_taps(ow, c->cx, c->cw, c->full_w, h->hw, x0 + k * ow, x1 + k * ow, fx + k * ow);
		heat_taps(oh, c->cy, c->ch, c->full_h, h->hh, y0 + k * oh, y1 + k * oh, fy + k * oh);
	}
	for (uint32_t y = 0; y < oh; y++) {
		uint8_t *o = rgb + (size_t)y * ow * 3;
		for (uint32_t x = 0; x < ow; x++) {
			best[x] = l->heat_min;
			best_k[x] = UINT32_MAX;
		}
		for (size_t k = 0; k < ns; k++) {
			const struct cx_heatsrc *h = &l->set[k];
			if (!h->heat || !h->hh || !h->hw)
				continue;
			const uint32_t *ax0 = x0 + k * ow, *ax1 = x1 + k * ow;
			const float *afx = fx + k * ow;
			const float *r0 = h->heat + (size_t)y0[k * oh + y] * h->hw;
			const float *r1 = h->heat + (size_t)y1[k * oh + y] * h->hw;
			float wy = fy[k * oh + y];
			for (uint32_t x = 0; x < ow; x++) {
				float a = r0[ax0[x]] + afx[x] * (r0[ax1[x]] - r0[ax0[x]]);
				float b = r1[ax0[x]] + afx[x] * (r1[ax1[x]] - r1[ax0[x]]);
				float v = a + wy * (b - a);
				if (v > best[x]) {
					best[x] = v;
					best_k[x] = (uint32_t)k;
				}
			}
		}
		for (uint32_t x = 0; x < ow; x++, o += 3) {
			float v = best[x];
			if (best_k[x] == UINT32_MAX)
				continue;
			if (v > 1)
				v = 1;
			/* Opacity from 0 at heat_min: no edge where maps fade out. */
			float a = l->heat_min < 1 ? l->alpha * (v - l->heat_min) / (1 - l->heat_min)
			    : l->alpha;
			blend(o, l->by_cmap ? lut[(int)(v * 255 + 0.5f)] : l->set[best_k[x]].rgb, a);
		}
	}
	free(x0);
	free(y0);
	free(fx);
	free(fy);
	free(best);
	free(best_k);
}

static void
put(uint8_t *rgb, uint32_t ow, uint32_t oh, long x, long y, const uint8_t c[3])
{
	if (x < 0 || y < 0 || x >= (long)ow || y >= (long)oh)
		return;
	memcpy(rgb + ((size_t)y * ow + (size_t)x) * 3, c, 3);
}

static void
draw_point(const struct cx_compose *c, const struct cx_point *p, uint8_t *rgb,
    uint32_t ow, uint32_t oh)
{
	static const uint8_t black[3] = { 0, 0, 0 };
	double fx = (p->x - c->cx) * ow / c->cw, fy = (p->y - c->cy) * oh / c->ch;
	long x = (long)floor(fx), y = (long)floor(fy);
	long r = (long)(ow < oh ? ow : oh) / 60 + 3;

	if (fx < -r || fy < -r || fx > ow + r || fy > oh + r)
		return;
	if (p->ring) {
		for (int a = 0; a < 360; a += 2) {
			double t = a * 3.14159265358979 / 180;
			long px = x + lround(r * cos(t)), py = y + lround(r * sin(t));
			put(rgb, ow, oh, px, py, p->rgb);
			put(rgb, ow, oh, x + lround((r + 1) * cos(t)), y + lround((r + 1) * sin(t)), black);
		}
		return;
	}
	/* Crosshair with a dark rim, so it stays visible on bright lungs and
	 * saturated heatmaps alike. */
	for (long d = -r; d <= r; d++) {
		for (long e = -1; e <= 1; e += 2) {
			put(rgb, ow, oh, x + d, y + e, black);
			put(rgb, ow, oh, x + e, y + d, black);
		}
	}
	for (long d = -r; d <= r; d++) {
		put(rgb, ow, oh, x + d, y, p->rgb);
		put(rgb, ow, oh, x, y + d, p->rgb);
	}
}

uint8_t *
cx_compose_render(const struct cx_compose *c, uint32_t ow, uint32_t oh)
{
	uint8_t *rgb;

	if (ow == 0 || oh == 0 || !c->gray || c->gw == 0 || c->gh == 0 || c->full_w == 0
	    || c->full_h == 0 || c->cw == 0 || c->ch == 0 || c->cx + c->cw > c->full_w
	    || c->cy + c->ch > c->full_h)
		return cx_xcalloc((size_t)ow * oh + 1, 3);
	rgb = cx_xmalloc((size_t)ow * oh * 3);
	render_gray(c, rgb, ow, oh);
	if (window_active(c))
		apply_window(c, rgb, ow, oh);
	for (size_t i = 0; i < c->nlayers; i++) {
		const struct cx_layer *l = &c->layers[i];
		switch (l->kind) {
		case CX_LAYER_MASK:
			draw_mask(c, l, rgb, ow, oh);
			break;
		case CX_LAYER_ERROR:
			draw_error(c, l, rgb, ow, oh);
			break;
		case CX_LAYER_HEAT:
			draw_heat(c, l, rgb, ow, oh);
			break;
		case CX_LAYER_HEATSET:
			draw_heatset(c, l, rgb, ow, oh);
			break;
		}
	}
	for (size_t i = 0; i < c->npoints; i++)
		draw_point(c, &c->points[i], rgb, ow, oh);
	return rgb;
}
