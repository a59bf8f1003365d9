/* picture_kitty: the picture as kitty graphics layers. */
#include "picture_kitty.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kittyenc.h"
#include "picture.h"
#include "scene.h"
#include "xalloc.h"

/* The layers, bottom to top: the order scene_render draws them in (the
 * heatmaps first, then the masks, the points, the probe last). */
enum { KL_XRAY, KL_HEAT, KL_ERROR, KL_GT, KL_PRED, KL_POINTS, KL_PROBE, KL_N };

/* A layer no further from the picture it stands for than this (per channel,
 * 0..255) is exact up to the rounding of 8-bit alpha. */
#define KITTY_TOLERANCE	4

/* The X-ray's gray levels are rounded to multiples of this: steps of 4 are
 * 64 levels, 46 dB PSNR, and about half the bytes of all 256 levels (the
 * film's noise is most of a PNG's bytes); --bandwidth low: steps of 8, 32
 * levels, 41 dB, half again. */
#define KITTY_STEP	4
#define KITTY_STEP_LOW	8

struct layer {
	uint8_t		*px;		/* w x h x ch: the X-ray gray (1) or RGB (3), an
					 * overlay RGBA with straight alpha (4) */
	uint32_t	 x, y, w, h;	/* where, in picture pixels */
	int		 ch;
	uint8_t		*png;		/* px as PNG, once sent */
	size_t		 pnglen;
	uint32_t	 id;		/* the terminal's image id; 0: none */
	int		 stored;	/* the terminal holds the image */
	int		 placed;	/* and shows it */
};

struct picture_kitty {
	struct layer		 l[KL_N];
	uint32_t		 serial;
	const struct term_caps	*tc;	/* the last frame's (for the deletes at exit) */
	struct ui_buf		 whole;
};

static struct picture_kitty *
state(struct picture *p)
{
	if (!p->kitty)
		p->kitty = cx_xcalloc(1, sizeof *p->kitty);
	return p->kitty;
}

static void
layer_clear(struct layer *l)
{
	free(l->px);
	free(l->png);
	memset(l, 0, sizeof *l);
}

/* A fresh image id: this process's (ids are shared by every program on
 * the terminal) and never one still in use. */
static uint32_t
new_id(struct picture_kitty *k)
{
	k->serial = (k->serial + 1) & 0xffffff;
	if (k->serial == 0)
		k->serial = 1;
	return (uint32_t)(getpid() % 200 + 1) << 24 | k->serial;
}

/* The scene with only the overlays ov (and the probe when probe) drawn over
 * a film of one gray value g: what a layer adds, seen on black and on white. */
static uint8_t *
render_over(struct picture *p, struct model *m, unsigned ov, int probe, uint8_t *g,
    uint32_t ow, uint32_t oh)
{
	struct scene s = p->sc;
	/* A shallow copy: it shares the heatmaps and live-threshold masks the
	 * full render made, and loads nothing of its own. */
	struct model_cxr c = p->cur;

	s.ov = ov;
	s.probe = probe;
	c.img.px = g;
	c.img.w = c.img.h = 1;
	c.img.channels = 1;
	c.img.depth = 8;
	return scene_render(m, &c, &s, ow, oh);
}

/* The overlays ov (or the probe) as one RGBA layer cut to the box of its
 * visible pixels: over black a pixel is alpha*colour, over white
 * alpha*colour + (1 - alpha)*255, which gives both. 0 when it shows
 * nothing. */
static int
overlay_layer(struct picture *p, struct model *m, unsigned ov, int probe, uint32_t ow,
    uint32_t oh, struct layer *l)
{
	uint8_t g0 = 0, g1 = 255, *b0 = render_over(p, m, ov, probe, &g0, ow, oh);
	uint8_t *b1 = render_over(p, m, ov, probe, &g1, ow, oh), *rgba;
	uint32_t x0 = ow, y0 = oh, x1 = 0, y1 = 0;
	size_t npx = (size_t)ow * oh;

	rgba = cx_xmalloc(npx * 4);
	for (size_t i = 0; i < npx; i++) {
		int d = 0, a;
		uint8_t *o = rgba + 4 * i;
		for (int k = 0; k < 3; k++)
			d += b1[3 * i + k] > b0[3 * i + k] ? b1[3 * i + k] - b0[3 * i + k] : 0;
		a = 255 - (d + 1) / 3;
		if (a <= 0) {
			memset(o, 0, 4);
			continue;
		}
		for (int k = 0; k < 3; k++) {
			int v = (b0[3 * i + k] * 255 + a / 2) / a;
			o[k] = (uint8_t)(v > 255 ? 255 : v);
		}
		o[3] = (uint8_t)a;
		uint32_t x = (uint32_t)(i % ow), y = (uint32_t)(i / ow);
		x0 = x < x0 ? x : x0;
		x1 = x + 1 > x1 ? x + 1 : x1;
		y0 = y < y0 ? y : y0;
		y1 = y + 1 > y1 ? y + 1 : y1;
	}
	free(b0);
	free(b1);
	if (x1 == 0) {
		free(rgba);
		return 0;
	}
	l->x = x0;
	l->y = y0;
	l->w = x1 - x0;
	l->h = y1 - y0;
	l->ch = 4;
	l->px = cx_xmalloc((size_t)l->w * l->h * 4);
	for (uint32_t y = 0; y < l->h; y++)
		memcpy(l->px + (size_t)y * l->w * 4, rgba + ((size_t)(y0 + y) * ow + x0) * 4,
		    (size_t)l->w * 4);
	free(rgba);
	return 1;
}

/* An RGB picture as the bottom layer: gray when it is (one byte a pixel),
 * its levels rounded to multiples of step. */
static void
base_layer(const uint8_t *rgb, uint32_t ow, uint32_t oh, int step, struct layer *l)
{
	size_t npx = (size_t)ow * oh, i;
	uint8_t lv[256];

	for (int v = 0; v < 256; v++) {
		int q = (v + step / 2) / step * step;
		lv[v] = (uint8_t)(q > 255 ? 255 : q);
	}

	for (i = 0; i < npx; i++)
		if (rgb[3 * i] != rgb[3 * i + 1] || rgb[3 * i] != rgb[3 * i + 2])
			break;
	l->x = l->y = 0;
	l->w = ow;
	l->h = oh;
	l->ch = i == npx ? 1 : 3;
	l->px = cx_xmalloc(npx * (size_t)l->ch);
	if (l->ch == 3)
		for (i = 0; i < npx * 3; i++)
			l->px[i] = lv[rgb[i]];
	else
		for (i = 0; i < npx; i++)
			l->px[i] = lv[rgb[3 * i]];
}

/* The largest difference (per channel) between want and the layers as the
 * terminal composes them (8-bit "over", bottom to top). */
static int
composite_error(const struct layer *nl, const uint8_t *want, uint32_t ow, uint32_t oh)
{
	uint8_t *c = cx_xmalloc((size_t)ow * oh * 3);
	int worst = 0;

	for (size_t i = 0; i < (size_t)ow * oh; i++)
		for (int k = 0; k < 3; k++)
			c[3 * i + k] = nl[KL_XRAY].px[nl[KL_XRAY].ch == 1 ? i : 3 * i + k];
	for (int s = 1; s < KL_N; s++) {
		const struct layer *l = &nl[s];
		if (!l->px)
			continue;
		for (uint32_t y = 0; y < l->h; y++)
			for (uint32_t x = 0; x < l->w; x++) {
				const uint8_t *q = l->px + ((size_t)y * l->w + x) * 4;
				uint8_t *o = c + ((size_t)(l->y + y) * ow + l->x + x) * 3;
				for (int k = 0; k < 3; k++)
					o[k] = (uint8_t)((q[k] * q[3] + o[k] * (255 - q[3]) + 127) / 255);
			}
	}
	for (size_t i = 0; i < (size_t)ow * oh * 3; i++) {
		int d = abs((int)c[i] - want[i]);
		worst = d > worst ? d : worst;
	}
	free(c);
	return worst;
}

/* The layers of the picture: each overlay on its own where that composes
 * to the picture the scene draws (overlapping masks of two pathologies
 * interleave GT and prediction: then the masks are one layer; anything
 * else: all overlays one layer; as a last resort the picture is one
 * image). */
static void
make_layers(struct picture *p, struct model *m, const uint8_t *side_rgb, uint32_t ow,
    uint32_t oh, struct layer *nl)
{
	static const unsigned groups[3][KL_N] = {
		{ 0, OV_HEAT, OV_ERROR, OV_GT, OV_PRED, OV_POINTS, 0 },
		{ 0, OV_HEAT, 0, OV_ERROR | OV_GT | OV_PRED, 0, OV_POINTS, 0 },
		{ 0, 0, 0, OV_HEAT | OV_ERROR | OV_GT | OV_PRED | OV_POINTS, 0, 0, 0 },
	};
	struct scene bare = p->sc;
	uint8_t *full, *xray;
	int step = p->low_bandwidth ? KITTY_STEP_LOW : KITTY_STEP;

	memset(nl, 0, KL_N * sizeof *nl);
	if (side_rgb) {
		base_layer(side_rgb, ow, oh, step, &nl[KL_XRAY]);
		return;
	}
	/* The picture itself first: it also loads what the layers share. */
	full = scene_render(m, &p->cur, &p->sc, ow, oh);
	bare.ov = 0;
	bare.probe = 0;
	xray = scene_render(m, &p->cur, &bare, ow, oh);
	for (int g = 0; g < 3; g++) {
		/* Checked against the film's own levels: the rounding is not
		 * the layers' error. */
		base_layer(xray, ow, oh, 1, &nl[KL_XRAY]);
		for (int s = 1; s < KL_N; s++) {
			unsigned ov = groups[g][s] & p->sc.ov;
			if (s == KL_PROBE ? p->sc.probe : ov != 0)
				overlay_layer(p, m, s == KL_PROBE ? 0 : ov, s == KL_PROBE, ow, oh, &nl[s]);
		}
		if (composite_error(nl, full, ow, oh) <= KITTY_TOLERANCE) {
			layer_clear(&nl[KL_XRAY]);
			base_layer(xray, ow, oh, step, &nl[KL_XRAY]);
			free(full);
			free(xray);
			return;
		}
		for (int s = 0; s < KL_N; s++)
			layer_clear(&nl[s]);
	}
	base_layer(full, ow, oh, step, &nl[KL_XRAY]);
	free(full);
	free(xray);
}

/* Cursor from the pane's first cell to the layer's cell and back. */
static void
move(struct ui_buf *b, const struct term_caps *tc, const struct layer *l, int back)
{
	uint32_t r = l->y / (uint32_t)tc->cell_h, c = l->x / (uint32_t)tc->cell_w;

	if (r)
		ui_buf_printf(b, "\033[%u%c", r, back ? 'A' : 'B');
	if (c)
		ui_buf_printf(b, "\033[%u%c", c, back ? 'D' : 'C');
}

/* Show layer s: transmitted with its placement (a=T), or placed again. */
static void
put_layer(struct ui_buf *b, const struct term_caps *tc, struct layer *l, int s, int transmit)
{
	char keys[128];
	int n = snprintf(keys, sizeof keys, "%s,i=%u,p=1,z=%d,C=1",
	    transmit ? "a=T,f=100" : "a=p", l->id, s + 1);
	uint32_t X = l->x % (uint32_t)tc->cell_w, Y = l->y % (uint32_t)tc->cell_h;

	if (X)
		n += snprintf(keys + n, sizeof keys - (size_t)n, ",X=%u", X);
	if (Y)
		snprintf(keys + n, sizeof keys - (size_t)n, ",Y=%u", Y);
	move(b, tc, l, 0);
	if (transmit) {
		if (!l->png)
			l->png = ui_kitty_png(l->px, l->w, l->h, l->ch, &l->pnglen);
		ui_kitty_transmit(b, keys, l->png, l->pnglen);
	} else
		ui_kitty_cmd(b, keys);
	move(b, tc, l, 1);
	l->stored = l->placed = 1;
}

static void
delete_image(struct ui_buf *b, uint32_t id, int keep_data)
{
	char keys[64];

	snprintf(keys, sizeof keys, "a=d,d=%c,i=%u", keep_data ? 'i' : 'I', id);
	ui_kitty_cmd(b, keys);
}

static void
done(struct ui_buf *b, char **seq, size_t *len)
{
	*seq = b->p;
	*len = b->n;
}

void
picture_kitty_frame(struct picture *p, struct model *m, const struct term_caps *tc,
    const uint8_t *rgb, uint32_t ow, uint32_t oh, char **seq, size_t *len)
{
	struct picture_kitty *k = state(p);
	struct layer nl[KL_N];
	struct ui_buf b = { 0 };

	k->tc = tc;
	make_layers(p, m, rgb, ow, oh, nl);
	for (int s = 0; s < KL_N; s++) {
		struct layer *l = &k->l[s], *n = &nl[s];
		if (!n->px) {
			if (l->id)
				delete_image(&b, l->id, 0);
			layer_clear(l);
			continue;
		}
		if (l->id && l->stored && l->w == n->w && l->h == n->h && l->ch == n->ch
		    && memcmp(l->px, n->px, (size_t)n->w * n->h * (size_t)n->ch) == 0) {
			/* The same pixels: the terminal has them (the probe that moved
			 * is a placement elsewhere). */
			if (!l->placed || l->x != n->x || l->y != n->y) {
				l->x = n->x;
				l->y = n->y;
				put_layer(&b, tc, l, s, 0);
			}
			layer_clear(n);
			continue;
		}
		/* New pixels under a new id; the old image goes after the new one
		 * is up (no gap between the two). */
		n->id = new_id(k);
		put_layer(&b, tc, n, s, 1);
		if (l->id)
			delete_image(&b, l->id, 0);
		layer_clear(l);
		*l = *n;
	}
	done(&b, seq, len);
}

void
picture_kitty_none(struct picture *p, const struct term_caps *tc, char **seq, size_t *len)
{
	struct picture_kitty *k = state(p);
	struct ui_buf b = { 0 };

	k->tc = tc;
	for (int s = 0; s < KL_N; s++) {
		if (k->l[s].id)
			delete_image(&b, k->l[s].id, 0);
		layer_clear(&k->l[s]);
	}
	done(&b, seq, len);
}

const char *
picture_kitty_whole(struct picture *p, const struct term_caps *tc, size_t *len)
{
	struct picture_kitty *k = state(p);

	free(k->whole.p);
	memset(&k->whole, 0, sizeof k->whole);
	for (int s = 0; s < KL_N; s++) {
		struct layer *l = &k->l[s];
		if (!l->id)
			continue;
		if (!l->stored)
			put_layer(&k->whole, tc, l, s, 1);
		else if (!l->placed)
			put_layer(&k->whole, tc, l, s, 0);
	}
	*len = k->whole.n;
	return k->whole.p;
}

void
picture_kitty_off_screen(struct picture *p, const struct term_caps *tc, int fd, int cleared)
{
	struct picture_kitty *k = p->kitty;
	struct ui_buf b = { 0 };

	if (!k)
		return;
	for (int s = 0; s < KL_N; s++) {
		struct layer *l = &k->l[s];
		if (!l->id || (!cleared && !l->placed) || (cleared && !l->stored))
			continue;
		delete_image(&b, l->id, !cleared);
		l->placed = 0;
		if (cleared)
			l->stored = 0;
	}
	if (b.n)
		term_put_image(fd, tc, 0, 0, b.p, b.n);
	free(b.p);
}

void
picture_kitty_free(struct picture *p, int fd)
{
	struct picture_kitty *k = p->kitty;
	struct ui_buf b = { 0 };

	if (!k)
		return;
	for (int s = 0; s < KL_N; s++) {
		if (k->l[s].id && k->l[s].stored)
			delete_image(&b, k->l[s].id, 0);
		layer_clear(&k->l[s]);
	}
	if (b.n && k->tc)
		term_put_image(fd, k->tc, 0, 0, b.p, b.n);
	free(b.p);
	free(k->whole.p);
	free(k);
	p->kitty = NULL;
}
