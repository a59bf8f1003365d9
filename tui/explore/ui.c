/* ui: curses helpers, themes as colour pairs, the status line and the view
 * stack — the services views call. */
#include "ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

attr_t
ui_attr(const struct ui *u, enum theme_role r)
{
	const struct theme_style *s = &u->th.s[r];
	attr_t at = 0;

	if (u->nocolor) {
		switch (r) {
		case TR_TITLE: return A_REVERSE | A_BOLD;
		case TR_HEADER: return A_BOLD | A_UNDERLINE;
		case TR_SELECT: return A_REVERSE;
		case TR_SELECT_DIM: return A_UNDERLINE;
		case TR_STATUS: return A_REVERSE;
		case TR_ERROR: return A_REVERSE | A_BOLD;
		case TR_FAIL: return A_BOLD;
		case TR_DIM: return A_DIM;
		case TR_MARK: return A_BOLD;
		default: return A_NORMAL;
		}
	}
	if (s->attr & THEME_A_BOLD)
		at |= A_BOLD;
	if (s->attr & THEME_A_REVERSE)
		at |= A_REVERSE;
	if (s->attr & THEME_A_UNDERLINE)
		at |= A_UNDERLINE;
	if (s->attr & THEME_A_DIM)
		at |= A_DIM;
	if (has_colors())
		at |= COLOR_PAIR(r + 1);
	return at;
}

static int
map_colour(int c, int *bold)
{
	if (c < 0 || c < COLORS)
		return c;
	/* 256-colour indices on a smaller terminal: the nearest basic colour
	 * (bright ones as bold for text; a background stays dark) */
	if (c >= 16)
		c = theme_nearest_basic(c, bold != NULL ? 16 : 8);
	if (c < COLORS)
		return c;
	if (bold != NULL)
		*bold = 1;
	return c - 8;
}

/* Legend swatches: the overlay colours, nearest in the 6x6x6 cube. */
static void
legend_pairs(struct ui *u, const struct scene *sc)
{
	static const uint8_t pred[3] = { 255, 0, 255 };
	const uint8_t *extra[] = { sc->tp, sc->fp, sc->fn, pred, sc->point };
	int bg = map_colour(u->th.s[TR_DIM].bg, NULL);
	unsigned char bgc[3];

	theme_bg_rgb(&u->th, TR_DIM, bgc);
	for (int t = 0; t < UI_PAIR_NLEGEND; t++) {
		const uint8_t *orig = t < CX_NTASKS ? sc->pal[t] : extra[t - CX_NTASKS];
		uint8_t c[3], q[3];
		int idx = 0;
		/* The overlay colours are made for the X-ray; as text they
		 * must stay readable on the theme's background (yellow on
		 * a light one is not): darkened or lightened, same hue,
		 * until the nearest cube colour has 4.5:1. */
		for (double want = 4.5; want <= 21; want += 0.5) {
			memcpy(c, orig, 3);
			theme_readable(c, bgc, want);
			idx = 16 + 36 * ((c[0] * 5 + 127) / 255) + 6 * ((c[1] * 5 + 127) / 255)
			    + (c[2] * 5 + 127) / 255;
			theme_index_rgb(idx, q);
			if (theme_contrast(q, bgc) >= 4.5)
				break;
		}
		/* 8 or 16 colours (TERM=xterm): the nearest chromatic basic
		 * one (white or black may be the terminal's background) */
		if (COLORS < 256)
			idx = theme_basic_swatch(orig, COLORS);
		/* On the info line's background, whatever the theme. */
		init_pair((short)(UI_PAIR_PAL + t), (short)idx, (short)bg);
	}
}

void
ui_theme_apply(struct ui *u, struct scene *sc)
{
	struct scene d;

	if (u->nocolor || !has_colors())
		return;
	for (int r = 0; r < TR_COUNT; r++) {
		int bold = 0, fg = map_colour(u->th.s[r].fg, &bold);
		int bg = map_colour(u->th.s[r].bg, NULL);
		init_pair((short)(r + 1), (short)fg, (short)bg);
		if (bold)
			u->th.s[r].attr |= THEME_A_BOLD;
	}
	scene_init(&d);
	memcpy(sc->pal, u->th.has_pal ? u->th.pal : d.pal, sizeof sc->pal);
	memcpy(sc->tp, u->th.has_pal ? u->th.tp : d.tp, 3);
	memcpy(sc->fp, u->th.has_pal ? u->th.fp : d.fp, 3);
	memcpy(sc->fn, u->th.has_pal ? u->th.fn : d.fn, 3);
	memcpy(sc->point, u->th.has_pal ? u->th.point : d.point, 3);
	bkgdset(' ' | ui_attr(u, TR_NORMAL));
	if (COLORS >= 8 && COLOR_PAIRS > UI_PAIR_PAL + UI_PAIR_NLEGEND)
		legend_pairs(u, sc);
}

int
ui_theme_load(struct ui *u, const char *name)
{
	char *path = theme_find(name);
	struct theme t;

	theme_default(&t);
	u->theme_warn[0] = 0;
	if (!path || theme_load(&t, path, u->theme_warn, sizeof u->theme_warn) == -1) {
		free(path);
		return -1;
	}
	free(path);
	u->th = t;
	return 0;
}

void
ui_put(int y, int x, int w, const char *s)
{
	int cols = 0;
	const unsigned char *p = (const unsigned char *)s;

	if (w <= 0 || y < 0 || y >= LINES)
		return;
	move(y, x);
	/* Clip by columns (one per character; the strings are escaped ASCII or
	 * our own UTF-8 symbols). */
	while (*p && cols < w) {
		int len = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
		addnstr((const char *)p, len);
		p += len;
		cols++;
	}
	for (; cols < w; cols++)
		addch(' ');
}

void
ui_status(struct ui *u, int err, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	cx_escape_buf(buf, u->status, sizeof u->status);
	u->status_err = err;
	u->dirty = 1;
}

void
ui_push(struct ui *u, const struct view_ops *ops, void *data)
{
	if (u->nstack >= UI_MAX_VIEWS) {
		ops->free(data);
		return;
	}
	/* A text screen over the picture: the terminal clears it first, or
	 * stripes of the picture stay between the lines (kitty images are
	 * deleted by their own command, and a clear would free them). */
	if (u->nstack > 0 && u->stack[u->nstack - 1].ops->shows_image && !ops->shows_image
	    && u->tc.mode != GFX_KITTY)
		ui_clear(u);
	u->stack[u->nstack].ops = ops;
	u->stack[u->nstack].data = data;
	u->nstack++;
	u->dirty = 1;
}

void
ui_pop(struct ui *u)
{
	const struct view *v;
	int over_pane;

	if (u->nstack <= 1)
		return;
	v = &u->stack[--u->nstack];
	over_pane = v->ops->popup && u->popup.h > 0;
	v->ops->free(v->data);
	u->popup.h = 0;
	/* A full text screen was on top: clear and put the picture back (kitty:
	 * placed again, the images are still in the terminal). A popup over the
	 * pane: curses rewrites the pane's cells, blanking the popup, and the
	 * picture goes over them — the pane held nothing else (sixel and half
	 * blocks were cleared when it opened, kitty's placements deleted). */
	if (u->tc.mode != GFX_KITTY && !over_pane)
		ui_clear(u);
	u->emit = 1;
	u->dirty = 1;
}

const struct view *
ui_top(const struct ui *u)
{
	return &u->stack[u->nstack - 1];
}

void
ui_clear(struct ui *u)
{
	clearok(curscr, TRUE);
	u->cleared = 1;
}

int
ui_scroll(int *top, int max, enum action act)
{
	return ui_scroll_page(top, max, LINES - 3, act);
}

int
ui_scroll_page(int *top, int max, int page, enum action act)
{
	if (page < 1)
		page = 1;
	switch (act) {
	case A_DOWN:
	case A_PGDOWN:
		*top += act == A_DOWN ? 1 : page;
		break;
	case A_UP:
	case A_PGUP:
		*top -= act == A_UP ? 1 : page;
		break;
	default:
		return V_IGNORED;
	}
	*top = *top > max ? max : *top < 0 ? 0 : *top;
	return V_REDRAW;
}

int
ui_wheel(unsigned long bstate)
{
	if (bstate & BUTTON4_PRESSED)
		return -1;
#ifdef BUTTON5_PRESSED
	if (bstate & BUTTON5_PRESSED)
		return 1;
#endif
	return 0;
}

void
ui_popup_place(struct ui *u, struct ui_box pane)
{
	u->popup = pane;
	if (pane.w < UI_POPUP_MIN_W || pane.h < UI_POPUP_MIN_H || pane.y < 0 || pane.x < 0
	    || pane.y + pane.h > LINES || pane.x + pane.w > COLS)
		u->popup.h = 0;
}

void
ui_popup_frame(struct ui *u, const char *title, struct ui_box *in)
{
	const struct ui_box *b = &u->popup;
	int bottom = b->y + b->h - 1;

	/* A title bar and a line below; the left edge is the view below's (the
	 * main screen's list separator runs beside the pane). */
	attrset(ui_attr(u, TR_TITLE));
	ui_put(b->y, b->x, b->w, title);
	attrset(ui_attr(u, TR_NORMAL));
	for (int y = b->y + 1; y < bottom; y++)
		ui_put(y, b->x, b->w, "");
	attrset(ui_attr(u, TR_BORDER));
	mvhline(bottom, b->x, ACS_HLINE, b->w);
	attrset(ui_attr(u, TR_NORMAL));
	/* a column of room after the edge */
	in->y = b->y + 1;
	in->x = b->x + 1;
	in->h = b->h - 2;
	in->w = b->w - 1;
}

int
ui_text_key(enum action act, enum action close_act)
{
	return act == A_BACK || act == A_QUIT || act == close_act ? V_POP : V_HANDLED;
}

int
ui_resize_redraw(struct app *a, void *data)
{
	return V_REDRAW;
}
