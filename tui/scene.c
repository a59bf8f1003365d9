/* scene: what is drawn over one CXR (overlays, pathology, zoom, probe,
 * live thresholds) and its rendering to RGB through core/compose. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "colour.h"
#include "scene.h"
#include "xalloc.h"

/* Ten hues drawn together when all pathologies are shown: every two at
 * least 24 apart in CIEDE2000 (tests/unit/test_colour.c), and each at least
 * 27 from the magenta of the single-pathology prediction outline: orange,
 * sky blue, green, yellow, blue, red, pink, white, teal, olive. */
static const uint8_t default_pal[CX_NTASKS][3] = {
	{ 0xff, 0x99, 0x00 }, { 0x33, 0xcc, 0xff }, { 0x22, 0xdd, 0x44 }, { 0xff, 0xee, 0x00 },
	{ 0x33, 0x66, 0xff }, { 0xff, 0x22, 0x22 }, { 0xff, 0x99, 0xaa }, { 0xff, 0xff, 0xff },
	{ 0x00, 0x99, 0x88 }, { 0x99, 0x88, 0x00 },
};

const uint8_t scene_pred_rgb[3] = { 255, 0, 255 };

void
scene_init(struct scene *s)
{
	memset(s, 0, sizeof *s);
	s->task = -1;
	s->ov = OV_GT | OV_PRED;
	s->mask_alpha = 0.35f;
	s->heat_alpha = 0.45f;
	s->zoom = 1;
	s->zx = s->zy = -1;
	s->level = 128;
	s->window = 256;
	for (int t = 0; t < CX_NTASKS; t++) {
		s->thr[t] = NAN;
		memcpy(s->pal[t], default_pal[t], 3);
	}
	memcpy(s->tp, (uint8_t[3]){ 0, 200, 80 }, 3);
	memcpy(s->fp, (uint8_t[3]){ 230, 40, 40 }, 3);
	memcpy(s->fn, (uint8_t[3]){ 40, 120, 255 }, 3);
	memcpy(s->point, (uint8_t[3]){ 255, 255, 0 }, 3);
}

int
scene_film_plain(const struct scene *s)
{
	return s->level == 128 && s->window == 256 && !s->invert;
}

/* The one-hue ramp the heatmap takes beside an error map: apart from its
 * TP / FP / FN colours. */
void
scene_heat_ramp(const struct scene *s, uint8_t lo[3], uint8_t hi[3])
{
	const uint8_t avoid[3][3] = { { s->tp[0], s->tp[1], s->tp[2] },
	    { s->fp[0], s->fp[1], s->fp[2] }, { s->fn[0], s->fn[1], s->fn[2] } };

	cx_colour_ramp_apart(avoid, 3, lo, hi);
}

int
scene_parse_overlays(const char *s, unsigned *ov)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "gt", OV_GT }, { "pred", OV_PRED }, { "prediction", OV_PRED },
		{ "error", OV_ERROR }, { "heatmap", OV_HEAT }, { "heat", OV_HEAT },
		{ "points", OV_POINTS }, { "point", OV_POINTS },
		{ "all", OV_GT | OV_PRED | OV_ERROR | OV_HEAT | OV_POINTS }, { "none", 0 },
	};
	unsigned r = 0;

	while (*s) {
		size_t n = strcspn(s, ","), k;
		for (k = 0; k < sizeof names / sizeof names[0]; k++)
			if (strlen(names[k].name) == n && strncmp(s, names[k].name, n) == 0)
				break;
		if (k == sizeof names / sizeof names[0])
			return -1;
		r |= names[k].bit;
		s += n;
		if (*s == ',')
			s++;
	}
	*ov = r;
	return 0;
}

void
scene_to_full(const struct model_cxr *c, const struct scene *s, uint32_t ow, uint32_t oh,
    uint32_t ox, uint32_t oy, uint32_t *col, uint32_t *row)
{
	struct cx_compose cc = { .full_w = c->full_w, .full_h = c->full_h,
	    .cw = c->full_w, .ch = c->full_h };

	if (s->zoom > 1)
		cx_compose_zoom(&cc, s->zoom, s->zx < 0 ? c->full_w / 2.0 : s->zx,
		    s->zy < 0 ? c->full_h / 2.0 : s->zy);
	cx_compose_to_full(&cc, ow, oh, ox, oy, col, row);
}

void
scene_colour_slots(struct scene *s, uint8_t *slot[SCENE_NCOLOURS])
{
	int k;

	for (k = 0; k < CX_NTASKS; k++)
		slot[k] = s->pal[cx_task_sorted[k]];
	slot[k++] = s->tp;
	slot[k++] = s->fp;
	slot[k++] = s->fn;
	slot[k] = s->point;
}

const struct cx_ptentry *
scene_pred_points(const struct model *m, size_t i, int which)
{
	const struct method *me;

	if (which < 0 || (size_t)which >= m->meth.n)
		return NULL;
	me = &m->meth.m[which];
	return me->kind == METH_POINTS ? cx_points_find(&me->pts, m->ds.cxr[i].id) : NULL;
}

uint8_t *
scene_render(struct model *m, struct model_cxr *c, const struct scene *s, uint32_t ow,
    uint32_t oh)
{
	const struct cx_segentry *g = model_gt(m, c->i), *p = model_pred(m, c->i, s->which_pred);
	struct cx_layer layers[4 * CX_NTASKS + 1];
	struct cx_heatsrc hset[CX_NTASKS];
	size_t nh = 0;
	int heatset = (s->ov & OV_HEAT) && s->task < 0;
	struct cx_point pts[CX_NTASKS + 1 + 64];
	const struct cx_ptentry *hb = m->has_pts ? cx_points_find(&m->pts, m->ds.cxr[c->i].id) : NULL;
	struct cx_compose cc = {
		.gray = c->img.px, .gw = c->img.w, .gh = c->img.h,
		.full_w = c->full_w, .full_h = c->full_h,
		.cw = c->full_w, .ch = c->full_h, .layers = layers, .points = pts,
		.level = s->level, .window = s->window, .invert = s->invert,
	};
	size_t nl = 0, np = 0;
	const uint8_t *pred_col = scene_pred_rgb;
	const struct cx_ptentry *mp = scene_pred_points(m, c->i, s->which_pred);

	if (s->zoom > 1)
		cx_compose_zoom(&cc, s->zoom, s->zx < 0 ? c->full_w / 2.0 : s->zx,
		    s->zy < 0 ? c->full_h / 2.0 : s->zy);
	/* All pathologies' heatmaps: one layer under the masks (slot 0). */
	if (heatset)
		nl = 1;
	for (int t = 0; t < CX_NTASKS; t++) {
		const struct cx_rle *gm = g ? &g->m[t] : NULL, *pm = p ? &p->m[t] : NULL;
		struct cx_err err = { 0 };
		if (s->task >= 0 && t != s->task)
			continue;
		if (!isnan(s->thr[t])) {
			const struct cx_rle *tm = model_cxr_thresh(m, c, t, s->thr[t]);
			if (tm)
				pm = tm;
		}
		/* "All pathologies" shows only the positive ones (by the GT); a
		 * single pathology shows everything, false positives included. */
		if (s->task < 0 && !(gm && cx_rle_area(gm))) {
			/* Without any GT for the CXR, heatmaps of the pathologies the
			 * prediction marks. */
			if (heatset && !g && pm && cx_rle_area(pm)
			    && model_cxr_heat(m, c, t, &err) == 0)
				hset[nh++] = (struct cx_heatsrc){ c->heatn[t], c->heat[t].mh,
				    c->heat[t].mw, { s->pal[t][0], s->pal[t][1], s->pal[t][2] } };
			continue;
		}
		if (heatset && model_cxr_heat(m, c, t, &err) == 0)
			hset[nh++] = (struct cx_heatsrc){ c->heatn[t], c->heat[t].mh, c->heat[t].mw,
			    { s->pal[t][0], s->pal[t][1], s->pal[t][2] } };
		if ((s->ov & OV_HEAT) && s->task >= 0 && model_cxr_heat(m, c, t, &err) == 0) {
			struct cx_layer *l = &layers[nl++];
			memset(l, 0, sizeof *l);
			l->kind = CX_LAYER_HEAT;
			l->heat = c->heatn[t];
			l->hh = c->heat[t].mh;
			l->hw = c->heat[t].mw;
			l->alpha = s->nocolor ? 0.6f : s->heat_alpha;
			l->cmap = s->nocolor ? CX_CMAP_GRAY : CX_CMAP_JET;
			l->heat_min = 0.0f;
			/* Beside an error map, jet's greens, reds and blues would
			 * read as TP, FP and FN: one hue apart from them instead. */
			if (!s->nocolor && (s->ov & OV_ERROR) && gm && pm) {
				l->cmap = CX_CMAP_RAMP;
				scene_heat_ramp(s, l->ramp[0], l->ramp[1]);
			}
		}
		if ((s->ov & OV_ERROR) && gm && pm) {
			struct cx_layer *l = &layers[nl++];
			memset(l, 0, sizeof *l);
			l->kind = CX_LAYER_ERROR;
			l->a = gm;
			l->b = pm;
			memcpy(l->tp, s->tp, 3);
			memcpy(l->fp, s->fp, 3);
			memcpy(l->fn, s->fn, 3);
			l->alpha = 0.55f;
			l->hatch = s->nocolor;
		} else {
			if ((s->ov & OV_GT) && gm && s->force_gt_only >= 0) {
				struct cx_layer *l = &layers[nl++];
				memset(l, 0, sizeof *l);
				l->kind = CX_LAYER_MASK;
				l->a = gm;
				memcpy(l->rgb, s->nocolor ? (const uint8_t *)"\xff\xff\xff" : s->pal[t], 3);
				l->alpha = s->mask_alpha;
				l->contour = 1;
				l->hatch = s->nocolor;
				l->pattern = t;	/* without colour, each its own hatching */
			}
			if ((s->ov & OV_PRED) && pm && s->force_gt_only <= 0) {
				struct cx_layer *l = &layers[nl++];
				memset(l, 0, sizeof *l);
				l->kind = CX_LAYER_MASK;
				l->a = pm;
				/* One pathology: the prediction in its own colour, outline only,
				 * so the GT fill stays readable underneath. */
				memcpy(l->rgb, s->nocolor ? (const uint8_t *)"\xc0\xc0\xc0"
				    : s->task >= 0 ? pred_col : s->pal[t], 3);
				l->alpha = s->force_gt_only < 0 ? s->mask_alpha : 0;
				l->contour = 1;
			}
		}
		if ((s->ov & OV_POINTS) && model_cxr_heat(m, c, t, &err) == 0) {
			struct cx_point *q = &pts[np++];
			q->x = c->arg_col[t] + 0.5;
			q->y = c->arg_row[t] + 0.5;
			memcpy(q->rgb, s->task >= 0 ? s->point : s->pal[t], 3);
			q->ring = 0;
		}
		/* Human-benchmark salient points: rings (at most 64 in all). */
		if ((s->ov & OV_POINTS) && hb && hb->present[t])
			for (size_t k = 0; k < hb->n[t] && np < sizeof pts / sizeof pts[0] - 1; k++) {
				struct cx_point *q = &pts[np++];
				q->x = hb->xy[t][2 * k];
				q->y = hb->xy[t][2 * k + 1];
				memcpy(q->rgb, s->task >= 0 ? (const uint8_t *)"\x00\xff\xff" : s->pal[t], 3);
				q->ring = 1;
			}
		/* A salient-point method as the prediction (it has no masks): its
		 * points, filled, in the prediction's colour. */
		if ((s->ov & OV_PRED) && s->force_gt_only <= 0 && mp && mp->present[t])
			for (size_t k = 0; k < mp->n[t] && np < sizeof pts / sizeof pts[0] - 1; k++) {
				struct cx_point *q = &pts[np++];
				q->x = mp->xy[t][2 * k];
				q->y = mp->xy[t][2 * k + 1];
				memcpy(q->rgb, s->nocolor ? (const uint8_t *)"\xc0\xc0\xc0"
				    : s->task >= 0 ? pred_col : s->pal[t], 3);
				q->ring = 0;
			}
	}
	if (s->probe) {
		struct cx_point *q = &pts[np++];
		q->x = s->px + 0.5;
		q->y = s->py + 0.5;
		memcpy(q->rgb, "\xff\xff\xff", 3);
		q->ring = 1;
	}
	if (heatset) {
		struct cx_layer *l = &layers[0];
		memset(l, 0, sizeof *l);
		l->kind = CX_LAYER_HEATSET;
		l->set = hset;
		l->nset = nh;
		l->alpha = s->nocolor ? 0.6f : s->heat_alpha;
		l->by_cmap = s->nocolor;
		l->cmap = CX_CMAP_GRAY;
		/* The low end of min-max normalized maps is background: left out,
		 * it would haze the whole film in the strongest pathology's colour. */
		l->heat_min = CX_HEAT_FADE;
	}
	cc.nlayers = nl;
	cc.npoints = np;
	return cx_compose_render(&cc, ow, oh);
}
