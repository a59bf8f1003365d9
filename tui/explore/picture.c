/* picture: render, encode and navigate the CXR on the main screen. */
#include "picture.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "sixelenc.h"
#include "xalloc.h"

void
picture_init(struct picture *p)
{
	memset(p, 0, sizeof *p);
	scene_init(&p->sc);
}

static void
parts_free(struct picture *p)
{
	for (int k = 0; k < p->nparts; k++)
		free(p->parts[k].seq);
	p->nparts = 0;
}

void
picture_fini(struct picture *p)
{
	if (p->cur_ok)
		model_cxr_fini(&p->cur);
	/* Kitty: nothing left on the screen (or in the terminal) at exit. */
	picture_kitty_free(p, STDOUT_FILENO);
	free(p->seq);
	free(p->rgb);
	free(p->full);
	parts_free(p);
	p->seq = p->full = NULL;
	p->rgb = NULL;
	p->cur_ok = 0;
}

static char *
encode(const struct picture *p, const struct term_caps *tc, const uint8_t *rgb, uint32_t w,
    uint32_t h, size_t *len)
{
	struct ui_sixel_opts so = { .registers = tc->registers,
	    .quality = p->low_bandwidth ? UI_SIXEL_LOW : UI_SIXEL_FULL, .max_len = tc->max_bytes };

	if (p->low_bandwidth && tc->registers >= 64)
		so.registers = 0;	/* the preset's */
	return ui_sixel_encode_opts(rgb, w, h, &so, len);
}

struct rect {
	uint32_t x0, y0, x1, y1;
};

/* The columns [*l, *r) where rows y0..y1 of rgb differ from the picture on
 * screen; 0 when they do not. */
static int
changed_cols(const struct picture *p, const uint8_t *rgb, uint32_t y0, uint32_t y1,
    uint32_t *l, uint32_t *r)
{
	uint32_t w = p->rgb_w;
	size_t row = (size_t)w * 3;

	*l = w;
	*r = 0;
	for (uint32_t y = y0; y < y1; y++) {
		const uint8_t *a = p->rgb + y * row, *b = rgb + y * row;
		uint32_t lo, hi;
		if (memcmp(a, b, row) == 0)
			continue;
		for (lo = 0; lo < w && memcmp(a + lo * 3, b + lo * 3, 3) == 0; lo++)
			;
		for (hi = w; hi > lo && memcmp(a + (hi - 1) * 3, b + (hi - 1) * 3, 3) == 0; hi--)
			;
		*l = lo < *l ? lo : *l;
		*r = hi > *r ? hi : *r;
	}
	return *r > 0;
}

/* Where rgb differs from the picture on screen, as at most
 * PICTURE_MAX_PARTS rectangles of whole cells (a sixel starts at a cell and
 * is cut at the cells it covers): each row of cells that changed, its
 * changed columns, and neighbouring rows merged while the merge costs
 * little (a crosshair that moved is a few thin rectangles, not the picture).
 * The number of rectangles, 0 when nothing changed, -1 when there would be
 * too many. */
static int
changed_rects(const struct picture *p, const uint8_t *rgb, const struct term_caps *tc,
    struct rect *out)
{
	uint32_t w = p->rgb_w, h = p->rgb_h, cw = (uint32_t)tc->cell_w, ch = (uint32_t)tc->cell_h;
	int n = 0;

	for (uint32_t y = 0; y < h; y += ch) {
		uint32_t y1 = y + ch < h ? y + ch : h, l, r;
		if (!changed_cols(p, rgb, y, y1, &l, &r))
			continue;
		l -= l % cw;
		r = r + (cw - r % cw) % cw;
		r = r > w ? w : r;
		if (n > 0 && out[n - 1].y1 == y) {
			struct rect *q = &out[n - 1];
			uint32_t ul = l < q->x0 ? l : q->x0, ur = r > q->x1 ? r : q->x1;
			double apart = (double)(q->x1 - q->x0) * (q->y1 - q->y0)
			    + (double)(r - l) * (y1 - y);
			/* Merge when the union is not much more than the two. */
			if ((double)(ur - ul) * (y1 - q->y0) <= 1.25 * apart) {
				q->x0 = ul;
				q->x1 = ur;
				q->y1 = y1;
				continue;
			}
		}
		if (n == PICTURE_MAX_PARTS)
			return -1;
		out[n++] = (struct rect){ l, y, r, y1 };
	}
	return n;
}

/* What to write for the new picture rgb (w x h, CXR i): the rectangles
 * that changed when they are small, nothing when nothing changed, else the
 * whole; p->rgb becomes rgb. -1 when the picture does not fit
 * tc->max_bytes. */
static int
encode_new(struct picture *p, const struct term_caps *tc, uint8_t *rgb, uint32_t w, uint32_t h,
    size_t i)
{
	struct rect r[PICTURE_MAX_PARTS];
	int same = p->on_screen && p->rgb && p->rgb_w == w && p->rgb_h == h && p->rgb_cxr == i;
	int n = same ? changed_rects(p, rgb, tc, r) : -1, fits = 1;
	double area = 0;

	p->send = PIC_SEND_WHOLE;
	if (n == 0) {
		/* Nothing changed: nothing to write (the whole stays cached). */
		free(rgb);
		p->send = PIC_SEND_NOTHING;
		return 0;
	}
	for (int k = 0; k < n; k++)
		area += (double)(r[k].x1 - r[k].x0) * (r[k].y1 - r[k].y0);
	free(p->full);
	p->full = NULL;
	p->fulllen = 0;
	if (n > 0 && area < PICTURE_PART_MAX * w * h) {
		p->send = PIC_SEND_PART;
		for (int k = 0; k < n; k++) {
			uint32_t pw = r[k].x1 - r[k].x0, ph = r[k].y1 - r[k].y0;
			uint8_t *part = cx_xmalloc((size_t)pw * ph * 3);
			struct picture_part *pp = &p->parts[p->nparts++];
			for (uint32_t y = 0; y < ph; y++)
				memcpy(part + (size_t)y * pw * 3,
				    rgb + ((size_t)(r[k].y0 + y) * w + r[k].x0) * 3, (size_t)pw * 3);
			pp->seq = encode(p, tc, part, pw, ph, &pp->len);
			pp->row = (int)(r[k].y0 / (uint32_t)tc->cell_h);
			pp->col = (int)(r[k].x0 / (uint32_t)tc->cell_w);
			fits &= pp->seq != NULL;
			free(part);
		}
	} else {
		p->full = encode(p, tc, rgb, w, h, &p->fulllen);
		fits = p->full != NULL;
	}
	free(p->rgb);
	p->rgb = rgb;
	p->rgb_w = w;
	p->rgb_h = h;
	p->rgb_cxr = i;
	return fits ? 0 : -1;
}

const char *
picture_whole(struct picture *p, const struct term_caps *tc, size_t *len)
{
	if (tc->mode == GFX_KITTY)
		return picture_kitty_whole(p, tc, len);
	if (tc->mode != GFX_SIXEL) {
		*len = p->seq ? p->seqlen : 0;
		return p->seq;
	}
	/* After a part (or nothing) the whole is made now; a whole that did
	 * not fit is not tried again. */
	if (!p->full && p->rgb && p->send != PIC_SEND_WHOLE)
		p->full = encode(p, tc, p->rgb, p->rgb_w, p->rgb_h, &p->fulllen);
	*len = p->full ? p->fulllen : 0;
	return p->full;
}

void
picture_off_screen(struct picture *p, const struct term_caps *tc, int fd, int cleared)
{
	p->on_screen = 0;
	if (tc->mode == GFX_KITTY)
		picture_kitty_off_screen(p, tc, fd, cleared);
}

int
picture_shown(const struct picture *p)
{
	return p->seq || p->full || p->send != PIC_SEND_WHOLE;
}

/* The picture's box in pixels: the pane's cells (sixel) or half blocks. */
static void
picture_box(const struct picture *p, const struct term_caps *tc, uint32_t *bw, uint32_t *bh)
{
	if (tc->mode == GFX_SIXEL || tc->mode == GFX_KITTY) {
		*bw = (uint32_t)p->img_w * tc->cell_w;
		*bh = (uint32_t)p->img_h * tc->cell_h;
		if (tc->mode == GFX_SIXEL && tc->max_w > 0 && *bw > (uint32_t)tc->max_w)
			*bw = (uint32_t)tc->max_w;
		if (tc->mode == GFX_SIXEL && tc->max_h > 0 && *bh > (uint32_t)tc->max_h)
			*bh = (uint32_t)tc->max_h;
	} else {
		*bw = (uint32_t)p->img_w;
		*bh = (uint32_t)p->img_h * 2;
	}
	if (p->side)
		*bw = *bw > 8 ? (*bw - 4) / 2 : 1;
}

/* Have p->cur hold CXR i decoded for a need_w x need_h box (zoomed: enough
 * pixels for the crop, by DCT scaling); PIC_IMAGE_FAILED with msg when its
 * image cannot be read. */
static int
picture_decode(struct picture *p, const struct model *m, struct workers *w, long i,
    uint32_t need_w, uint32_t need_h, char *msg, size_t n)
{
	struct model_cxr *pre;

	if (p->cur_ok && (long)p->cur.i == i
	    && !(p->cur.img_ok && p->cur.img.w < need_w && p->cur.img.w < p->cur.full_w))
		return 0;
	if (p->cur_ok)
		model_cxr_fini(&p->cur);
	p->cur_ok = 1;
	if ((pre = workers_prefetch_take(w, (size_t)i, need_w, need_h)) != NULL) {
		/* Decoded ahead by the prefetch worker. */
		p->cur = *pre;
		free(pre);
		if (p->cur.img_ok)
			return 0;
	} else if (model_cxr_load(m, &p->cur, (size_t)i, need_w, need_h) == 0)
		return 0;
	cx_err_format(&p->cur.img_err, msg, n);
	return PIC_IMAGE_FAILED;
}

/* The scene at ow x oh, or two of them side by side (the baseline method
 * and the one shown, or GT | prediction); *W is the width made. */
static uint8_t *
picture_compose(struct picture *p, struct model *m, uint32_t ow, uint32_t oh, uint32_t *W)
{
	struct scene l = p->sc, r = p->sc;
	uint8_t *pl, *pr, *rgb;
	uint32_t gap = 4;

	if (!p->side) {
		*W = ow;
		return scene_render(m, &p->cur, &p->sc, ow, oh);
	}
	if (m->meth.n >= 2) {
		/* the baseline | the method shown (or the next one) */
		l.which_pred = m->meth.base;
		r.which_pred = p->sc.which_pred != m->meth.base ? p->sc.which_pred
		    : (m->meth.base + 1) % (int)m->meth.n;
	} else {
		l.force_gt_only = 1;
		r.force_gt_only = -1;
	}
	pl = scene_render(m, &p->cur, &l, ow, oh);
	pr = scene_render(m, &p->cur, &r, ow, oh);
	*W = 2 * ow + gap;
	rgb = cx_xcalloc((size_t)*W * oh, 3);
	for (uint32_t y = 0; y < oh; y++) {
		memcpy(rgb + (size_t)y * *W * 3, pl + (size_t)y * ow * 3, (size_t)ow * 3);
		memcpy(rgb + ((size_t)y * *W + ow + gap) * 3, pr + (size_t)y * ow * 3,
		    (size_t)ow * 3);
	}
	free(pl);
	free(pr);
	return rgb;
}

/* Kitty: this frame's commands as the one part to write (at the pane's
 * first cell), or nothing when the terminal shows it already; m NULL: no
 * picture. */
static void
kitty_send(struct picture *p, struct model *m, const struct term_caps *tc, const uint8_t *rgb,
    uint32_t ow, uint32_t oh)
{
	struct picture_part *pp = &p->parts[0];

	pp->seq = NULL;
	pp->len = 0;
	if (m)
		picture_kitty_frame(p, m, tc, rgb, ow, oh, &pp->seq, &pp->len);
	else
		picture_kitty_none(p, tc, &pp->seq, &pp->len);
	pp->row = pp->col = 0;
	p->nparts = pp->seq ? 1 : 0;
	p->send = pp->seq ? PIC_SEND_PART : PIC_SEND_NOTHING;
}

int
picture_render(struct picture *p, struct model *m, struct workers *w,
    const struct term_caps *tc, long i, long next, char *msg, size_t n)
{
	uint32_t bw, bh, ow, oh, W, need_w, need_h, col, row;
	double t0 = clock_ms();
	uint8_t *rgb;
	int rc;

	atomic_store(&m->want, i);
	free(p->seq);
	p->seq = NULL;
	p->seqlen = 0;
	parts_free(p);
	p->send = PIC_SEND_WHOLE;
	p->pic_w = p->pic_h = 0;
	if (i < 0 || p->img_h <= 0 || p->img_w <= 0) {
		if (tc->mode == GFX_KITTY)
			kitty_send(p, NULL, tc, NULL, 0, 0);
		return 0;
	}
	/* A new CXR starts whole: a zoom was about the last one's masks. */
	if (p->cur_ok && (long)p->cur.i != i)
		picture_zoom_reset(p);
	picture_box(p, tc, &bw, &bh);
	need_w = (uint32_t)(bw * p->sc.zoom);
	need_h = (uint32_t)(bh * p->sc.zoom);
	rc = picture_decode(p, m, w, i, need_w, need_h, msg, n);
	/* Decode the next CXR in the direction of travel meanwhile. */
	if (next >= 0)
		workers_prefetch_start(w, m, (size_t)next, need_w, need_h);
	cx_compose_fit(p->cur.full_w, p->cur.full_h, bw, bh, &ow, &oh);
	if (p->probe_x >= (int)ow)
		p->probe_x = (int)ow - 1;
	if (p->probe_y >= (int)oh)
		p->probe_y = (int)oh - 1;
	scene_to_full(&p->cur, &p->sc, ow, oh, (uint32_t)p->probe_x, (uint32_t)p->probe_y,
	    &col, &row);
	p->sc.px = col;
	p->sc.py = row;
	if (tc->mode == GFX_NONE) {
		/* Live thresholds still need their masks for the table. */
		for (int t = 0; t < CX_NTASKS; t++)
			if (!isnan(p->sc.thr[t]))
				model_cxr_thresh(m, &p->cur, t, p->sc.thr[t]);
		/* No picture, but the probe moves over the picture half blocks
		 * would show (one step = a text row). */
		p->pic_w = ow;
		p->pic_h = oh;
		return rc;
	}
	if (tc->mode == GFX_KITTY) {
		/* Layers of the scene; side by side, the composed picture. */
		rgb = p->side ? picture_compose(p, m, ow, oh, &W) : NULL;
		kitty_send(p, m, tc, rgb, p->side ? W : ow, oh);
		free(rgb);
		p->pic_w = ow;
		p->pic_h = oh;
		p->last_ms = clock_ms() - t0;
		return rc;
	}
	rgb = picture_compose(p, m, ow, oh, &W);
	p->pic_w = ow;
	p->pic_h = oh;
	if (tc->mode == GFX_SIXEL) {
		int fits = encode_new(p, tc, rgb, W, oh, (size_t)i) == 0;	/* takes rgb */
		p->last_ms = clock_ms() - t0;
		return fits ? rc : rc | PIC_TOO_LARGE;
	}
	p->seq = term_blocks(rgb, W, oh, tc->truecolor, 0, p->img_col + 1, &p->seqlen);
	free(rgb);
	p->last_ms = clock_ms() - t0;
	return p->seq ? rc : rc | PIC_TOO_LARGE;
}

void
picture_probe_text(struct picture *p, struct model *m, long i, int t, char *buf, size_t n)
{
	const struct cx_segentry *g, *pr;
	const struct cx_rle *pm;
	struct cx_err err = { 0 };
	uint32_t col, row;
	double hv = NAN;
	int v = -1;

	buf[0] = 0;
	if (i < 0 || !p->cur_ok || !p->sc.probe)
		return;
	g = model_gt(m, (size_t)i);
	pr = model_pred(m, (size_t)i, p->sc.which_pred);
	col = (uint32_t)p->sc.px;
	row = (uint32_t)p->sc.py;
	if (p->cur.img_ok) {
		uint64_t ix = (uint64_t)col * p->cur.img.w / p->cur.full_w;
		uint64_t iy = (uint64_t)row * p->cur.img.h / p->cur.full_h;
		v = p->cur.img.px[iy * p->cur.img.w + ix];
	}
	if (model_cxr_heat(m, &p->cur, t, &err) == 0)
		hv = cx_compose_heat_at(p->cur.heatn[t], p->cur.heat[t].mh, p->cur.heat[t].mw,
		    p->cur.full_w, p->cur.full_h, col, row);
	pm = pr ? &pr->m[t] : NULL;
	if (!isnan(p->sc.thr[t]) && p->cur.thr_of[t] == p->sc.thr[t])
		pm = &p->cur.thr_mask[t];
	snprintf(buf, n, "probe x=%u y=%u  intensity %d  %s: GT %s  pred %s  heat %s%.3f",
	    col, row, v, cx_task_names[t], g ? cx_rle_get(&g->m[t], row, col) ? "in" : "out" : "-",
	    pm ? cx_rle_get(pm, row, col) ? "in" : "out" : "-", isnan(hv) ? "-" : "",
	    isnan(hv) ? 0.0 : hv);
	if (isnan(hv)) {
		char *q = strrchr(buf, '-');
		if (q)
			q[1] = 0;
	}
}

void
picture_pan(struct picture *p, int dx, int dy)
{
	double fw = p->cur.full_w, fh = p->cur.full_h;
	double cx = p->sc.zx < 0 ? fw / 2 : p->sc.zx, cy = p->sc.zy < 0 ? fh / 2 : p->sc.zy;
	double step = 0.25;

	if (!p->cur_ok || p->sc.zoom <= 1)
		return;
	cx += dx * step * fw / p->sc.zoom;
	cy += dy * step * fh / p->sc.zoom;
	/* Keep the centre where a full window still fits. */
	double hw = fw / p->sc.zoom / 2, hh = fh / p->sc.zoom / 2;
	p->sc.zx = cx < hw ? hw : cx > fw - hw ? fw - hw : cx;
	p->sc.zy = cy < hh ? hh : cy > fh - hh ? fh - hh : cy;
}

/* Zooming in: towards the middle of the GT and prediction masks shown (what
 * the reader wants to see), not the middle of the film. */
static void
zoom_to_masks(struct picture *p, const struct model *m, long i)
{
	int t = p->sc.task;
	uint32_t y0 = UINT32_MAX, x0 = UINT32_MAX, y1 = 0, x1 = 0, b[4];
	const struct cx_segentry *e[2];

	if (i < 0)
		return;
	e[0] = model_gt(m, (size_t)i);
	e[1] = model_pred(m, (size_t)i, p->sc.which_pred);
	/* All pathologies: those drawn, the GT-positive ones. */
	for (int u = t < 0 ? 0 : t; u < (t < 0 ? CX_NTASKS : t + 1); u++) {
		if (t < 0 && !(e[0] && cx_rle_area(&e[0]->m[u])))
			continue;
		for (int k = 0; k < 2; k++)
			if (e[k] && cx_rle_bbox(&e[k]->m[u], &b[0], &b[1], &b[2], &b[3])) {
				y0 = b[0] < y0 ? b[0] : y0;
				x0 = b[1] < x0 ? b[1] : x0;
				y1 = b[2] > y1 ? b[2] : y1;
				x1 = b[3] > x1 ? b[3] : x1;
			}
	}
	if (y0 == UINT32_MAX)
		return;
	p->sc.zx = (x0 + (double)x1) / 2;
	p->sc.zy = (y0 + (double)y1) / 2;
}

void
picture_zoom(struct picture *p, const struct model *m, long i, int in)
{
	if (in && p->sc.zoom == 1 && !p->sc.probe)
		zoom_to_masks(p, m, i);
	if (in && p->sc.zoom < 32)
		p->sc.zoom *= 2;
	else if (!in && p->sc.zoom > 1)
		p->sc.zoom /= 2;
	if (p->sc.probe && p->cur_ok && p->sc.zoom > 1 && in) {
		/* Zoom towards the probe. */
		p->sc.zx = p->sc.px;
		p->sc.zy = p->sc.py;
	}
	picture_pan(p, 0, 0);
}

void
picture_zoom_reset(struct picture *p)
{
	p->sc.zoom = 1;
	p->sc.zx = p->sc.zy = -1;
}

static int
clamp_px(int v, uint32_t n)
{
	return v < 0 ? 0 : v >= (int)n ? (int)n - 1 : v;
}

void
picture_probe_move(struct picture *p, int dx, int dy)
{
	p->probe_x = clamp_px(p->probe_x + dx * (int)(p->pic_w / 40 + 1), p->pic_w);
	p->probe_y = clamp_px(p->probe_y + dy * (int)(p->pic_h / 40 + 1), p->pic_h);
}

void
picture_probe_center(struct picture *p)
{
	if (p->sc.probe && p->probe_x == 0 && p->probe_y == 0) {
		p->probe_x = (int)p->pic_w / 2;
		p->probe_y = (int)p->pic_h / 2;
	}
}
