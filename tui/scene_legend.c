/* scene_legend: what a picture's legend says (one list of items for the
 * explorer's cells and the annotated export) and the annotated export
 * itself: a title band, the picture, the legend, in the built-in font. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "font.h"
#include "scene.h"
#include "xalloc.h"

static struct legend_item *
add(struct legend_item *it, size_t *n, size_t max, enum legend_kind kind, const uint8_t rgb[3],
    int pattern, const char *text)
{
	struct legend_item *q;

	if (*n >= max)
		return NULL;
	q = &it[(*n)++];
	memset(q, 0, sizeof *q);
	q->kind = kind;
	if (rgb)
		memcpy(q->rgb, rgb, 3);
	q->pattern = pattern;
	snprintf(q->text, sizeof q->text, "%s", text);
	return q;
}

/* The pathologies by the length of their names, longest first: the worst
 * case of a legend's width. */
static int
longest_rank(int t)
{
	int r = 0;

	for (int u = 0; u < CX_NTASKS; u++)
		r += strlen(cx_task_names[u]) > strlen(cx_task_names[t])
		    || (strlen(cx_task_names[u]) == strlen(cx_task_names[t]) && u < t);
	return r;
}

/* Is pathology t drawn when all are shown (scene_render's rule)? Without a
 * CXR (the worst case): the npos longest names. */
static int
drawn_all(struct model *m, struct model_cxr *c, const struct scene *s, int t, int npos)
{
	const struct cx_segentry *g, *p;

	if (!c)
		return longest_rank(t) < npos;
	g = model_gt(m, c->i);
	p = model_pred(m, c->i, s->which_pred);

	if (g && cx_rle_area(&g->m[t]))
		return 1;
	return (s->ov & OV_HEAT) && !g && p && cx_rle_area(&p->m[t]) && c->heat_ok[t] == 1;
}

static size_t
legend_items(struct model *m, struct model_cxr *c, const struct scene *s, int npos,
    struct legend_item *it, size_t max)
{
	static const uint8_t white[3] = { 255, 255, 255 }, grey[3] = { 192, 192, 192 };
	static const uint8_t ring[3] = { 0, 255, 255 };
	int one = s->task >= 0, t = s->task, nc = s->nocolor;
	int err = (s->ov & OV_ERROR) != 0, heat = (s->ov & OV_HEAT) && model_has_heatmaps(m);
	size_t n = 0;
	struct legend_item *q;
	char buf[96];

	if (err) {
		add(it, &n, max, LG_FILL, s->tp, nc ? CX_PAT_TP : -1, "TP: GT and prediction");
		add(it, &n, max, LG_FILL, s->fp, nc ? CX_PAT_FP : -1, "FP: prediction only");
		add(it, &n, max, LG_FILL, s->fn, nc ? CX_PAT_FN : -1, "FN: GT only");
	} else {
		/* Without colour the picture outlines each GT and hatches it in
		 * its pathology's pattern: one pathology's swatch shows that
		 * pattern; for all, each name below carries its own. */
		if ((s->ov & OV_GT) && nc && !one)
			add(it, &n, max, LG_NOTE, NULL, -1, "GT: outlined, hatching = pathology");
		else if (s->ov & OV_GT)
			add(it, &n, max, LG_FILL, nc ? white : one ? s->pal[t] : grey,
			    nc ? t : -1, nc ? "hatched: GT" : one ? "filled: GT"
			    : "filled: GT (colour = pathology)");
		if ((s->ov & OV_PRED) && c && scene_pred_points(m, c->i, s->which_pred)) {
			if ((q = add(it, &n, max, LG_MARK, nc ? grey : one ? scene_pred_rgb : grey, -1,
			    "the method's salient points")) != NULL)
				q->mark = '+';
		} else if (s->ov & OV_PRED)
			add(it, &n, max, LG_OUTLINE, nc ? grey : one ? scene_pred_rgb : grey, -1,
			    "outline: prediction");
	}
	if (one && !isnan(s->thr[t])) {
		snprintf(buf, sizeof buf, "prediction = heatmap > %.2f", s->thr[t]);
		add(it, &n, max, LG_NOTE, NULL, -1, buf);
	}
	/* All pathologies: each drawn one in its colour (or hatching). */
	if (!one && (!err || heat))
		for (int k = 0; k < CX_NTASKS; k++) {
			int u = cx_task_sorted[k];
			if (drawn_all(m, c, s, u, npos) && (s->ov & (OV_GT | OV_PRED | OV_HEAT)))
				add(it, &n, max, LG_FILL, nc ? white : s->pal[u], nc ? u : -1,
				    cx_task_names[u]);
		}
	/* (loaded here too: without graphics nothing else reads the map) */
	if (heat && one && (!c || model_cxr_heat(m, c, t, &(struct cx_err){ 0 }) == 0)) {
		float lo = -0.00012345f, hi = -0.00012345f;
		const struct cx_heatmap *h = c ? &c->heat[t] : NULL;
		if (h) {
			lo = INFINITY;
			hi = -INFINITY;
		}
		for (size_t k = 0; h && k < (size_t)h->mh * h->mw; k++) {
			lo = h->map[k] < lo ? h->map[k] : lo;
			hi = h->map[k] > hi ? h->map[k] : hi;
		}
		if ((q = add(it, &n, max, LG_BAR, NULL, -1, "heat")) != NULL) {
			q->cmap = nc ? CX_CMAP_GRAY : CX_CMAP_JET;
			if (!nc && err) {
				q->cmap = CX_CMAP_RAMP;
				scene_heat_ramp(s, q->ramp[0], q->ramp[1]);
			}
			snprintf(q->lo, sizeof q->lo, "0");
			snprintf(q->hi, sizeof q->hi, "1");
		}
		/* The bar is of the min-max normalized map: its raw range. */
		snprintf(buf, sizeof buf, "(raw %.2g..%.2g)", lo, hi);
		add(it, &n, max, LG_NOTE, NULL, -1, buf);
	} else if (heat && !one) {
		if (nc) {
			if ((q = add(it, &n, max, LG_BAR, NULL, -1, "heatmap, highest")) != NULL) {
				q->cmap = CX_CMAP_GRAY;
				q->t0 = CX_HEAT_FADE;
				snprintf(q->lo, sizeof q->lo, "%.1f", CX_HEAT_FADE);
				snprintf(q->hi, sizeof q->hi, "1");
			}
		} else {
			snprintf(buf, sizeof buf, "heatmap: colour = pathology, opacity %.1f..1",
			    CX_HEAT_FADE);
			add(it, &n, max, LG_NOTE, NULL, -1, buf);
		}
	}
	if ((s->ov & OV_POINTS) && model_has_heatmaps(m) && (q = add(it, &n, max, LG_MARK,
	    one ? s->point : white, -1, "heatmap maximum")) != NULL)
		q->mark = '+';
	if ((s->ov & OV_POINTS) && m->has_pts && (q = add(it, &n, max, LG_MARK,
	    one ? ring : white, -1, "salient point")) != NULL)
		q->mark = 'o';
	return n;
}

size_t
scene_legend(struct model *m, struct model_cxr *c, const struct scene *s,
    struct legend_item *it, size_t max)
{
	return legend_items(m, c, s, CX_NTASKS, it, max);
}

size_t
scene_legend_worst(struct model *m, const struct scene *s, int npos, struct legend_item *it,
    size_t max)
{
	return legend_items(m, NULL, s, npos, it, max);
}

void
scene_legend_bar(const struct legend_item *it, double u, uint8_t rgb[3])
{
	float v = (float)(it->t0 + (1 - it->t0) * (u < 0 ? 0 : u > 1 ? 1 : u));

	if (it->cmap == CX_CMAP_RAMP)
		cx_colormap_ramp(it->ramp[0], it->ramp[1], v, rgb);
	else
		cx_colormap(it->cmap, v, rgb);
}

void
scene_title(const struct model *m, const struct model_cxr *c, const struct scene *s,
    char *buf, size_t n)
{
	char esc[300];
	int k = snprintf(buf, n, "%s  %s", cx_escape_buf(m->ds.cxr[c->i].id, esc, sizeof esc),
	    s->task < 0 ? "all pathologies" : cx_task_names[s->task]);

	/* the prediction drawn: its method's name and how it was made */
	if (s->which_pred >= 0 && (size_t)s->which_pred < m->meth.n && k >= 0 && (size_t)k < n)
		k += snprintf(buf + k, n - (size_t)k, "  pred: %s (%s)",
		    cx_escape_buf(m->meth.m[s->which_pred].name, esc, sizeof esc),
		    m->meth.m[s->which_pred].how);
	if (s->zoom > 1 && k >= 0 && (size_t)k < n)
		k += snprintf(buf + k, n - (size_t)k, "  zoom %.3gx @ %.0f,%.0f", s->zoom,
		    s->zx < 0 ? c->full_w / 2.0 : s->zx, s->zy < 0 ? c->full_h / 2.0 : s->zy);
	if (!scene_film_plain(s) && k >= 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, "  window %.0f level %.0f%s", s->window, s->level,
		    s->invert ? " inverted" : "");
}

/* ---- the annotated export ---- */

static const uint8_t band_bg[3] = { 24, 24, 24 }, band_fg[3] = { 235, 235, 235 };

static void
box(uint8_t *rgb, uint32_t W, uint32_t H, uint32_t x, uint32_t y, uint32_t w, uint32_t h,
    const uint8_t col[3])
{
	for (uint32_t yy = y; yy < y + h && yy < H; yy++)
		for (uint32_t xx = x; xx < x + w && xx < W; xx++)
			memcpy(rgb + ((size_t)yy * W + xx) * 3, col, 3);
}

/* The swatch of an item, sw x sw at (x, y). */
static void
swatch(uint8_t *rgb, uint32_t W, uint32_t H, uint32_t x, uint32_t y, uint32_t sw,
    const struct legend_item *it, int scale)
{
	uint32_t b = 2 * (uint32_t)scale;
	char mk[2] = { it->mark, 0 };

	switch (it->kind) {
	case LG_FILL:
		/* As the picture draws a hatched mask: its pattern, and a GT's
		 * one-pixel outline (the error map's classes have none). */
		if (it->pattern >= 0) {
			int edge = it->pattern < CX_NPATTERNS;
			for (uint32_t yy = 0; yy < sw; yy++)
				for (uint32_t xx = 0; xx < sw; xx++)
					if ((edge && (xx == 0 || yy == 0 || xx == sw - 1 || yy == sw - 1))
					    || cx_compose_pattern(it->pattern, xx, yy))
						box(rgb, W, H, x + xx, y + yy, 1, 1, it->rgb);
		} else
			box(rgb, W, H, x, y, sw, sw, it->rgb);
		break;
	case LG_OUTLINE:
		box(rgb, W, H, x, y, sw, b, it->rgb);
		box(rgb, W, H, x, y + sw - b, sw, b, it->rgb);
		box(rgb, W, H, x, y, b, sw, it->rgb);
		box(rgb, W, H, x + sw - b, y, b, sw, it->rgb);
		break;
	case LG_MARK:
		cx_font_draw(rgb, W, H, x + (sw - cx_font_width(mk, scale)) / 2,
		    y + (sw - CX_FONT_H * (uint32_t)scale) / 2, mk, it->rgb, scale);
		break;
	default:
		break;
	}
}

/* Lay the items out in rows of width W from y (drawn when rgb is not
 * NULL); returns the y after the last row. */
static uint32_t
lay_out(const struct legend_item *it, size_t n, uint8_t *rgb, uint32_t W, uint32_t H,
    uint32_t y, int scale)
{
	uint32_t pad = 6 * (uint32_t)scale, sw = 9 * (uint32_t)scale, line = 14 * (uint32_t)scale;
	uint32_t bar = 80 * (uint32_t)scale, x = pad;

	if (n == 0)
		return y;
	for (size_t k = 0; k < n; k++) {
		const struct legend_item *q = &it[k];
		uint32_t tw = cx_font_width(q->text, scale), w;
		if (q->kind == LG_BAR)
			w = tw + pad + cx_font_width(q->lo, scale) + pad + bar + pad
			    + cx_font_width(q->hi, scale);
		else
			w = (q->kind == LG_NOTE ? 0 : sw + pad) + tw;
		if (x > pad && x + w + pad > W) {
			x = pad;
			y += line;
		}
		if (rgb) {
			uint32_t ty = y + (line - CX_FONT_H * (uint32_t)scale) / 2, cx = x;
			if (q->kind == LG_BAR) {
				cx = cx_font_draw(rgb, W, H, cx, ty, q->text, band_fg, scale) + pad;
				cx = cx_font_draw(rgb, W, H, cx, ty, q->lo, band_fg, scale) + pad;
				for (uint32_t b = 0; b < bar; b++) {
					uint8_t c[3];
					scene_legend_bar(q, bar > 1 ? (double)b / (bar - 1) : 0, c);
					box(rgb, W, H, cx + b, y + (line - sw) / 2, 1, sw, c);
				}
				cx_font_draw(rgb, W, H, cx + bar + pad, ty, q->hi, band_fg, scale);
			} else {
				if (q->kind != LG_NOTE) {
					swatch(rgb, W, H, cx, y + (line - sw) / 2, sw, q, scale);
					cx += sw + pad;
				}
				cx_font_draw(rgb, W, H, cx, ty, q->text, band_fg, scale);
			}
		}
		x += w + 3 * pad;
	}
	return y + line;
}

uint8_t *
scene_annotate(struct model *m, struct model_cxr *c, const struct scene *s,
    const uint8_t *rgb, uint32_t w, uint32_t h, uint32_t *W, uint32_t *H)
{
	struct legend_item it[SCENE_LEGEND_MAX];
	size_t n = scene_legend(m, c, s, it, SCENE_LEGEND_MAX);
	int scale = w >= 900 ? 2 : 1;
	uint32_t pad = 6 * (uint32_t)scale, line = 14 * (uint32_t)scale, top, bottom;
	char title[600];
	uint8_t *out;

	scene_title(m, c, s, title, sizeof title);
	*W = w < 240 ? 240 : w;
	/* The title's parts (two blanks apart) wrap as wholes. */
	char lines[4][600];
	int nl = 0;
	{
		const char *q = title;
		lines[0][0] = 0;
		while (*q && nl < 4) {
			const char *e = strstr(q, "  ");
			size_t len = e ? (size_t)(e - q) : strlen(q), have = strlen(lines[nl]);
			char part[600];
			snprintf(part, sizeof part, "%s%.*s", have ? "  " : "", (int)len, q);
			if (have && cx_font_width(lines[nl], scale) + cx_font_width(part, scale) + 2 * pad
			    > *W) {
				if (++nl == 4)
					break;
				snprintf(lines[nl], sizeof lines[nl], "%.*s", (int)len, q);
			} else
				snprintf(lines[nl] + have, sizeof lines[nl] - have, "%s", part);
			q = e ? e + 2 : q + len;
		}
		nl = nl < 4 ? nl + 1 : 4;
	}
	top = (uint32_t)nl * line + pad;
	bottom = lay_out(it, n, NULL, *W, 0, 0, scale) + pad;
	*H = top + h + bottom;
	out = cx_xmalloc((size_t)*W * *H * 3);
	for (size_t k = 0; k < (size_t)*W * *H; k++)
		memcpy(out + k * 3, band_bg, 3);
	for (int k = 0; k < nl; k++)
		cx_font_draw(out, *W, *H, pad, pad / 2 + (uint32_t)k * line
		    + (line - CX_FONT_H * (uint32_t)scale) / 2, lines[k], band_fg, scale);
	for (uint32_t y = 0; y < h; y++)
		memcpy(out + ((size_t)(top + y) * *W + (*W - w) / 2) * 3, rgb + (size_t)y * w * 3,
		    (size_t)w * 3);
	lay_out(it, n, out, *W, *H, top + h + pad / 2, scale);
	return out;
}

int
scene_export(struct model *m, size_t i, const struct scene *s, uint32_t bw, uint32_t bh,
    int annotate, const char *path, uint32_t *pw, uint32_t *ph, struct cx_err *err)
{
	struct model_cxr c;
	struct scene v = *s;
	uint32_t ow, oh, W, H;
	uint8_t *rgb, *out;
	int rc = 0;

	v.probe = 0;
	/* Enough pixels for the crop of a zoom (the loader caps at full size). */
	if (model_cxr_load(m, &c, i, (uint32_t)(bw * (v.zoom > 1 ? v.zoom : 1)),
	    (uint32_t)(bh * (v.zoom > 1 ? v.zoom : 1))) == -1) {
		*err = c.img_err;
		model_cxr_fini(&c);
		return -1;
	}
	cx_compose_fit(c.full_w, c.full_h, bw, bh, &ow, &oh);
	rgb = scene_render(m, &c, &v, ow, oh);
	W = ow;
	H = oh;
	out = annotate ? scene_annotate(m, &c, &v, rgb, ow, oh, &W, &H) : rgb;
	if (cx_image_write_png(path, out, W, H, 3, err) == -1)
		rc = -1;
	if (out != rgb)
		free(out);
	free(rgb);
	model_cxr_fini(&c);
	if (pw)
		*pw = W;
	if (ph)
		*ph = H;
	return rc;
}
