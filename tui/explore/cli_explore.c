/* cli_explore: the interactive explorer — options, terminal set-up, the one
 * event loop, the picture (rendered, encoded, written after doupdate), the
 * help and statistics screens. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "escape.h"
#include "opts.h"
#include "sixelenc.h"
#include "ui.h"
#include "xalloc.h"

int	ui_main_mouse(struct app *a, int y, int x, unsigned long bstate);
void	ui_probe_text(struct app *a, char *buf, size_t n);

static const char *const theme_cycle[] = { "default", "light", "high-contrast", "colorblind" };

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- curses helpers ---- */

attr_t
ui_attr(struct app *a, enum theme_role r)
{
	const struct theme_style *s = &a->th.s[r];
	attr_t at = 0;

	if (a->nocolor) {
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

static void
apply_theme(struct app *a)
{
	if (a->nocolor || !has_colors())
		return;
	for (int r = 0; r < TR_COUNT; r++) {
		int bold = 0, fg = map_colour(a->th.s[r].fg, &bold);
		int bg = map_colour(a->th.s[r].bg, NULL);
		init_pair((short)(r + 1), (short)fg, (short)bg);
		if (bold)
			a->th.s[r].attr |= THEME_A_BOLD;
	}
	if (a->th.has_pal) {
		memcpy(a->sc.pal, a->th.pal, sizeof a->sc.pal);
		memcpy(a->sc.tp, a->th.tp, 3);
		memcpy(a->sc.fp, a->th.fp, 3);
		memcpy(a->sc.fn, a->th.fn, 3);
		memcpy(a->sc.point, a->th.point, 3);
	} else {
		struct scene d;
		scene_init(&d);
		memcpy(a->sc.pal, d.pal, sizeof a->sc.pal);
		memcpy(a->sc.tp, d.tp, 3);
		memcpy(a->sc.fp, d.fp, 3);
		memcpy(a->sc.fn, d.fn, 3);
		memcpy(a->sc.point, d.point, 3);
	}
	bkgdset(' ' | ui_attr(a, TR_NORMAL));
	/* Legend swatches: the overlay colours, nearest in the 6x6x6 cube. */
	if (COLORS >= 8 && COLOR_PAIRS > UI_PAIR_PAL + UI_PAIR_NLEGEND) {
		static const uint8_t pred[3] = { 255, 0, 255 };
		const uint8_t *extra[] = { a->sc.tp, a->sc.fp, a->sc.fn, pred, a->sc.point };
		int bg = map_colour(a->th.s[TR_DIM].bg, NULL);
		unsigned char bgc[3];
		theme_bg_rgb(&a->th, TR_DIM, bgc);
		for (int t = 0; t < UI_PAIR_NLEGEND; t++) {
			const uint8_t *orig = t < CX_NTASKS ? a->sc.pal[t] : extra[t - CX_NTASKS];
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
			/* 8 colours (TERM=xterm): the nearest of the basic ones. */
			if (COLORS < 256)
				idx = (c[0] > 127) | (c[1] > 127) << 1 | (c[2] > 127) << 2;
			/* On the info line's background, whatever the theme. */
			init_pair((short)(UI_PAIR_PAL + t), (short)idx, (short)bg);
		}
	}
}

static int
load_theme(struct app *a, const char *name)
{
	char *path = theme_find(name);
	struct theme t;

	theme_default(&t);
	a->theme_warn[0] = 0;
	if (!path || theme_load(&t, path, a->theme_warn, sizeof a->theme_warn) == -1) {
		free(path);
		return -1;
	}
	free(path);
	a->th = t;
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
ui_status(struct app *a, int err, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	cx_escape_buf(buf, a->status, sizeof a->status);
	a->status_err = err;
	a->dirty = 1;
}

void
ui_push(struct app *a, const struct view_ops *ops, void *data)
{
	if (a->nstack >= (int)(sizeof a->stack / sizeof a->stack[0]))
		return;
	a->stack[a->nstack].ops = ops;
	a->stack[a->nstack].data = data;
	a->nstack++;
	a->dirty = 1;
}

static void
pop_view(struct app *a)
{
	if (a->nstack <= 1)
		return;
	a->nstack--;
	a->stack[a->nstack].ops->free(a->stack[a->nstack].data);
	/* The screen under the popup was text: clear and put the picture back. */
	clearok(curscr, TRUE);
	a->emit = 1;
	a->dirty = 1;
}

/* ---- help ---- */

struct help {
	int top;
};

static void
view_help_draw(struct app *a, void *data)
{
	struct help *h = data;
	int y = 1, line = 0;
	char buf[300];

	attrset(ui_attr(a, TR_TITLE));
	ui_put(0, 0, COLS, " chexplore help: keys (Esc or q to close, j/k to scroll)");
	for (const struct keybind *k = ui_keys; k->name; k++) {
		const struct keybind *al;
		int n;
		if (!k->help)
			continue;
		if (k->section) {
			if (line++ >= h->top && y < LINES - 1) {
				attrset(ui_attr(a, TR_HEADER));
				ui_put(y++, 0, COLS, k->section);
			}
		}
		n = snprintf(buf, sizeof buf, "  %s", k->name);
		for (al = k + 1; al->name && !al->help; al++)
			n += snprintf(buf + n, sizeof buf - (size_t)n, " %s", al->name);
		snprintf(buf + n, sizeof buf - (size_t)n, "%*s%s", n < 22 ? 22 - n : 1, "", k->help);
		if (line++ >= h->top && y < LINES - 1) {
			attrset(ui_attr(a, TR_NORMAL));
			ui_put(y++, 0, COLS, buf);
		}
	}
	attrset(ui_attr(a, TR_NORMAL));
	while (y < LINES - 1)
		ui_put(y++, 0, COLS, "");
}

static int
view_help_key(struct app *a, void *data, enum action act, int key)
{
	struct help *h = data;

	switch (act) {
	case A_DOWN:
	case A_PGDOWN:
		h->top += act == A_DOWN ? 1 : LINES - 3;
		if (h->top > 70)
			h->top = 70;
		return V_REDRAW;
	case A_UP:
	case A_PGUP:
		h->top -= act == A_UP ? 1 : LINES - 3;
		if (h->top < 0)
			h->top = 0;
		return V_REDRAW;
	case A_BACK:
	case A_QUIT:
	case A_HELP:
		return V_POP;
	default:
		return V_HANDLED;
	}
}

static int
view_resize_redraw(struct app *a, void *data)
{
	return V_REDRAW;
}

static void
view_free_plain(void *data)
{
	free(data);
}

const struct view_ops view_help_ops = {
	"help", view_help_draw, view_help_key, view_resize_redraw, view_free_plain, 0,
};

/* ---- statistics ---- */

static void
ci_str(char *b, size_t n, const struct cx_evalsum *s)
{
	char lo[16], hi[16];

	if (s->n == 0 || isnan(s->ci.mean)) {
		snprintf(b, n, "%s", "-");
		return;
	}
	/* A bound the bootstrap cannot give (too few values) is "-", as eval
	 * prints it. */
	snprintf(lo, sizeof lo, isnan(s->ci.lower) ? "-" : "%.3f", s->ci.lower);
	snprintf(hi, sizeof hi, isnan(s->ci.upper) ? "-" : "%.3f", s->ci.upper);
	snprintf(b, n, "%.3f [%s, %s]", s->ci.mean, lo, hi);
}

static void
view_stats_draw(struct app *a, void *data)
{
	static const char spark[9][4] = { " ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585",
		"\u2586", "\u2587", "\u2588" };
	const struct stats *st = a->stats;
	char line[700], m1[64], m2[64], m3[64];
	int y = 1;

	attrset(ui_attr(a, TR_TITLE));
	ui_put(0, 0, COLS, " chexplore statistics (bootstrap 95% CI, 1000 replicates, seed 0)  "
	    "Esc/q: back");
	attrset(ui_attr(a, TR_HEADER));
	snprintf(line, sizeof line, " %-27s %6s %4s %-23s %-23s %6s %6s %6s  %s", "pathology", "thr",
	    "n", "mIoU [CI]", "hit rate [CI]", "prec", "recall", "spec", "IoU histogram 0..1");
	ui_put(y++, 0, COLS, line);
	if (!st) {
		attrset(ui_attr(a, TR_DIM));
		ui_put(y++, 0, COLS, a->stats_running || a->stats_wait ? " computing..."
		    : " no statistics");
	}
	for (int k = 0; st && k < CX_NTASKS; k++) {
		int t = cx_task_sorted[k], n;
		const struct cx_pixcounts *pc = &st->pc[t];
		size_t mx = 0;
		char hist[64];
		ci_str(m1, sizeof m1, &st->iou[t]);
		if (st->has_hit)
			ci_str(m2, sizeof m2, &st->hit[t]);
		else
			snprintf(m2, sizeof m2, "%s", a->m.heat < 0 ? "-" : "(heatmaps loading)");
		for (int b = 0; b < 10; b++)
			if (st->hist[t][b] > mx)
				mx = st->hist[t][b];
		n = 0;
		for (int b = 0; b < 10; b++)
			n += snprintf(hist + n, sizeof hist - (size_t)n, "%s",
			    spark[mx ? (st->hist[t][b] * 8 + mx - 1) / mx : 0]);
		/* The threshold the row was scored at: a live one (*) or the
		 * dataset's predictions. */
		if (!isnan(st->thr[t]))
			snprintf(m3, sizeof m3, "%.2f*", st->thr[t]);
		else
			model_thr_label(&a->m, t, m3, sizeof m3);
		int pok = st->has_pc && st->scored[t];
		snprintf(line, sizeof line, " %-27s %6s %4zu %-23s %-23s %6.3f %6.3f %6.3f  |%s|",
		    cx_task_names[t], m3, st->iou[t].n, m1, m2,
		    pok && pc->tp + pc->fp ? (double)pc->tp / (pc->tp + pc->fp) : NAN,
		    pok && pc->tp + pc->fn ? (double)pc->tp / (pc->tp + pc->fn) : NAN,
		    pok && pc->tn + pc->fp ? (double)pc->tn / (pc->tn + pc->fp) : NAN, hist);
		attrset(ui_attr(a, TR_NORMAL));
		ui_put(y++, 0, COLS, line);
	}
	if (st && st->has_diff) {
		y++;
		attrset(ui_attr(a, TR_HEADER));
		ui_put(y++, 0, COLS, " paired difference of mIoU, first minus second prediction file");
		for (int k = 0; k < CX_NTASKS && y < LINES - 1; k++) {
			int t = cx_task_sorted[k];
			ci_str(m1, sizeof m1, &st->diff[t]);
			snprintf(line, sizeof line, " %-27s %4zu %s", cx_task_names[t], st->diff[t].n, m1);
			attrset(ui_attr(a, TR_NORMAL));
			ui_put(y++, 0, COLS, line);
		}
	}
	if (st) {
		int live = 0;
		for (int t = 0; t < CX_NTASKS; t++)
			live |= !isnan(st->thr[t]);
		if (live) {
			attrset(ui_attr(a, TR_DIM));
			ui_put(y++, 0, COLS, " (thr *: the pathology re-scored at its live threshold over "
			    "every CXR, as eval would score segment --thresholds)");
		}
	}
	if (st && (a->stats_running || a->stats_wait)) {
		attrset(ui_attr(a, TR_DIM));
		ui_put(y++, 0, COLS, " (scoring the current thresholds...)");
	}
	if (st && st->err[0]) {
		attrset(ui_attr(a, TR_ERROR));
		ui_put(y++, 0, COLS, st->err);
	}
	if (a->m.gt < 0 || (a->m.pred < 0 && !a->m.derive)) {
		attrset(ui_attr(a, TR_DIM));
		ui_put(y++, 0, COLS, " (mIoU needs a GT and a prediction segmentation file)");
	} else if (a->m.derive) {
		attrset(ui_attr(a, TR_DIM));
		ui_put(y++, 0, COLS, a->hits_running
		    ? " (predictions derived from the heatmaps: mIoU once every CXR is done)"
		    : " (predictions derived from the heatmaps, thresholds as in the table's thr/cut)");
	}
	attrset(ui_attr(a, TR_NORMAL));
	while (y < LINES - 1)
		ui_put(y++, 0, COLS, "");
}

static int
view_stats_key(struct app *a, void *data, enum action act, int key)
{
	switch (act) {
	case A_BACK:
	case A_QUIT:
	case A_STATS:
		return V_POP;
	case A_HELP:
		ui_push(a, &view_help_ops, cx_xcalloc(1, sizeof(struct help)));
		return V_REDRAW;
	default:
		return V_HANDLED;
	}
}

static void
view_free_none(void *data)
{
}

const struct view_ops view_stats_ops = {
	"stats", view_stats_draw, view_stats_key, view_resize_redraw, view_free_none, 0,
};

/* ---- the picture ---- */

/* A data file that could not be read is news the first screen must keep in
 * the status line; the CXR's own image error is in the info pane too. */
static int
keep_file_error(const struct app *a)
{
	return a->m.status[0] && a->first_ms == 0;
}

static void
render_picture(struct app *a)
{
	long i = ui_current(a);
	uint32_t bw, bh, ow, oh, W, full_need;

	atomic_store(&a->m.want, i);
	uint8_t *rgb;
	double t0 = now_ms();

	free(a->seq);
	a->seq = NULL;
	a->seqlen = 0;
	a->pic_w = a->pic_h = 0;
	if (i < 0 || a->img_h <= 0 || a->img_w <= 0)
		return;
	if (a->tc.mode == GFX_SIXEL) {
		bw = (uint32_t)a->img_w * a->tc.cell_w;
		bh = (uint32_t)a->img_h * a->tc.cell_h;
		if (a->tc.max_w > 0 && bw > (uint32_t)a->tc.max_w)
			bw = (uint32_t)a->tc.max_w;
		if (a->tc.max_h > 0 && bh > (uint32_t)a->tc.max_h)
			bh = (uint32_t)a->tc.max_h;
	} else {
		bw = (uint32_t)a->img_w;
		bh = (uint32_t)a->img_h * 2;
	}
	if (a->side)
		bw = bw > 8 ? (bw - 4) / 2 : 1;
	full_need = (uint32_t)(bw * a->sc.zoom);
	if (!a->cur_ok || (long)a->cur.i != i
	    || (a->cur.img_ok && a->cur.img.w < full_need && a->cur.img.w < a->cur.full_w)) {
		if (a->cur_ok)
			model_cxr_fini(&a->cur);
		if (a->pre && (long)a->pre->i == i && a->pre_bw == full_need
		    && a->pre_bh == (uint32_t)(bh * a->sc.zoom)) {
			/* Decoded ahead by the prefetch worker. */
			a->cur = *a->pre;
			free(a->pre);
			a->pre = NULL;
			if (!a->cur.img_ok && !keep_file_error(a)) {
				char b[1200];
				cx_err_format(&a->cur.img_err, b, sizeof b);
				ui_status(a, 1, "%s", b);
			}
		} else if (model_cxr_load(&a->m, &a->cur, (size_t)i, full_need,
		    (uint32_t)(bh * a->sc.zoom)) == -1) {
			/* Zoomed: decode enough pixels for the crop (DCT scaling). */
			char b[1200];
			cx_err_format(&a->cur.img_err, b, sizeof b);
			if (!keep_file_error(a))
				ui_status(a, 1, "%s", b);
		}
		a->cur_ok = 1;
	}
	/* Decode the next CXR in the direction of travel meanwhile. */
	{
		long nk = (long)a->sel + (a->last_dir < 0 ? -1 : 1);
		if (nk >= 0 && nk < (long)a->nvis)
			ui_prefetch_start(a, a->vis[nk], full_need, (uint32_t)(bh * a->sc.zoom));
	}
	cx_compose_fit(a->cur.full_w, a->cur.full_h, bw, bh, &ow, &oh);
	if (a->probe_x >= (int)ow)
		a->probe_x = (int)ow - 1;
	if (a->probe_y >= (int)oh)
		a->probe_y = (int)oh - 1;
	{
		uint32_t col, row;
		scene_to_full(&a->cur, &a->sc, ow, oh, (uint32_t)a->probe_x, (uint32_t)a->probe_y,
		    &col, &row);
		a->sc.px = col;
		a->sc.py = row;
	}
	if (a->tc.mode == GFX_NONE) {
		/* Live thresholds still need their masks for the table. */
		for (int t = 0; t < CX_NTASKS; t++)
			if (!isnan(a->sc.thr[t]))
				model_cxr_thresh(&a->m, &a->cur, t, a->sc.thr[t]);
		/* No picture, but the probe moves over the picture half blocks
		 * would show (one step = a text row). */
		a->pic_w = ow;
		a->pic_h = oh;
		return;
	}
	if (!a->side) {
		rgb = scene_render(&a->m, &a->cur, &a->sc, ow, oh);
		W = ow;
	} else {
		struct scene l = a->sc, r = a->sc;
		uint8_t *pl, *pr;
		uint32_t gap = 4;
		if (a->m.pred2 >= 0) {
			l.which_pred = 0;
			r.which_pred = 1;
		} else {
			l.force_gt_only = 1;
			r.force_gt_only = -1;
		}
		pl = scene_render(&a->m, &a->cur, &l, ow, oh);
		pr = scene_render(&a->m, &a->cur, &r, ow, oh);
		W = 2 * ow + gap;
		rgb = cx_xcalloc((size_t)W * oh, 3);
		for (uint32_t y = 0; y < oh; y++) {
			memcpy(rgb + (size_t)y * W * 3, pl + (size_t)y * ow * 3, (size_t)ow * 3);
			memcpy(rgb + ((size_t)y * W + ow + gap) * 3, pr + (size_t)y * ow * 3,
			    (size_t)ow * 3);
		}
		free(pl);
		free(pr);
	}
	if (a->tc.mode == GFX_SIXEL)
		a->seq = ui_sixel_encode_max(rgb, W, oh, a->tc.registers, a->tc.max_bytes, &a->seqlen);
	else
		a->seq = term_blocks(rgb, W, oh, a->tc.truecolor, 0, a->img_col + 1, &a->seqlen);
	free(rgb);
	a->pic_w = ow;
	a->pic_h = oh;
	a->last_ms = now_ms() - t0;
	if (!a->seq)
		ui_status(a, 1, "picture too large for the terminal (%zu bytes)", a->tc.max_bytes);
}

/* --bench N: the picture pipeline of the explorer without a terminal — open
 * the dataset (the first screen's work), then for N CXRs decode + overlays +
 * sixel encode at a 1000x800 pane (cold), then toggling an overlay (warm). */
static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_dbl(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static int
bench(const char *dir, int n)
{
	struct model m;
	struct cx_err err = { 0 };
	struct scene sc;
	double t0 = now_ms(), *cold, *warm, *ccold, *cwarm, open_ms;
	size_t maxlen = 0;
	int k = 0;

	if (model_open(&m, dir, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	open_ms = now_ms() - t0;
	if (n > (int)m.ds.n)
		n = (int)m.ds.n;
	cold = cx_xcalloc((size_t)n + 1, sizeof *cold);
	warm = cx_xcalloc((size_t)n + 1, sizeof *warm);
	ccold = cx_xcalloc((size_t)n + 1, sizeof *ccold);
	cwarm = cx_xcalloc((size_t)n + 1, sizeof *cwarm);
	scene_init(&sc);
	for (k = 0; k < n; k++) {
		struct model_cxr c;
		uint32_t ow, oh;
		uint8_t *rgb;
		size_t len;
		char *six;
		double t = now_ms(), tc = cpu_ms();
		model_cxr_load(&m, &c, (size_t)k, 1000, 800);
		cx_compose_fit(c.full_w, c.full_h, 1000, 800, &ow, &oh);
		sc.ov = OV_GT | OV_PRED;
		rgb = scene_render(&m, &c, &sc, ow, oh);
		six = ui_sixel_encode_max(rgb, ow, oh, 256, 1024 * 1024, &len);
		cold[k] = now_ms() - t;
		ccold[k] = cpu_ms() - tc;
		if (len > maxlen)
			maxlen = len;
		free(rgb);
		free(six);
		t = now_ms();
		tc = cpu_ms();
		sc.ov = OV_GT | OV_PRED | OV_ERROR;
		rgb = scene_render(&m, &c, &sc, ow, oh);
		six = ui_sixel_encode_max(rgb, ow, oh, 256, 1024 * 1024, &len);
		warm[k] = now_ms() - t;
		cwarm[k] = cpu_ms() - tc;
		free(rgb);
		free(six);
		model_cxr_fini(&c);
	}
	qsort(cold, (size_t)n, sizeof *cold, cmp_dbl);
	qsort(warm, (size_t)n, sizeof *warm, cmp_dbl);
	qsort(ccold, (size_t)n, sizeof *ccold, cmp_dbl);
	qsort(cwarm, (size_t)n, sizeof *cwarm, cmp_dbl);
	printf("open %zu CXRs: %.1f ms\n", m.ds.n, open_ms);
	if (n > 0)
		printf("picture 1000x800, %d CXRs: cold median %.1f ms (max %.1f), warm median %.1f ms, "
		    "largest sixel %zu bytes\n(CPU time: cold median %.1f ms, warm median %.1f ms)\n",
		    n, cold[n / 2], cold[n - 1], warm[n / 2], maxlen, ccold[n / 2], cwarm[n / 2]);
	free(cold);
	free(warm);
	free(ccold);
	free(cwarm);
	model_close(&m);
	return 0;
}

/* ---- status line and prompt ---- */

static void
draw_status(struct app *a)
{
	char buf[700], probe[300];

	if (a->prompting) {
		attrset(ui_attr(a, TR_STATUS));
		char esc[600];
		snprintf(buf, sizeof buf, "%s%s_", a->prompting == 'f' ? "filter ids: " : "note: ",
		    cx_escape_buf(a->pbuf, esc, sizeof esc));
		ui_put(LINES - 1, 0, COLS, buf);
		return;
	}
	if (a->status[0]) {
		attrset(ui_attr(a, a->status_err ? TR_ERROR : TR_STATUS));
		ui_put(LINES - 1, 0, COLS, a->status);
		return;
	}
	ui_probe_text(a, probe, sizeof probe);
	attrset(ui_attr(a, TR_STATUS));
	{
		int n = snprintf(buf, sizeof buf, " ? help  q quit  S stats");
		if (a->hits_running)
			n += snprintf(buf + n, sizeof buf - (size_t)n, "  | hit/miss %zu/%zu",
			    a->hits_done, a->m.ds.n);
		if (a->stats_running)
			n += snprintf(buf + n, sizeof buf - (size_t)n, "  | statistics %zu/%zu",
			    a->stats_done, a->stats_total);
		if (a->plot_running)
			n += snprintf(buf + n, sizeof buf - (size_t)n, "  | thresholds %s %zu/%zu",
			    cx_task_names[a->plot_task], a->plot_done, a->plot_total);
		if (probe[0])
			n += snprintf(buf + n, sizeof buf - (size_t)n, "  | %s", probe);
		else {
			long i = ui_current(a);
			struct mark *mk = i >= 0 ? marks_find(a, a->m.ds.cxr[i].id, 0) : NULL;
			char esc[300];
			if (mk && mk->note[0])
				n += snprintf(buf + n, sizeof buf - (size_t)n, "  | note: %s",
				    cx_escape_buf(mk->note, esc, sizeof esc));
			n += snprintf(buf + n, sizeof buf - (size_t)n, "  | %s", a->tc.why);
			if (a->seq)
				n += snprintf(buf + n, sizeof buf - (size_t)n, "  %.0f ms",
				    a->last_ms);
		}
	}
	ui_put(LINES - 1, 0, COLS, buf);
}

static int
prompt_key(struct app *a, int ch)
{
	size_t n = strlen(a->pbuf);

	if (ch == 27) {
		if (a->prompting == 'f') {
			snprintf(a->filter, sizeof a->filter, "%s", a->pold);
			ui_list_rebuild(a, 1);
		}
		a->prompting = 0;
		return V_REDRAW;
	}
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		if (a->prompting == 'n') {
			long i = ui_current(a);
			if (i >= 0) {
				struct mark *mk = marks_find(a, a->m.ds.cxr[i].id, 1);
				free(mk->note);
				mk->note = cx_xstrdup(a->pbuf);
				if (marks_save(a) == 0)
					ui_status(a, 0, "note saved");
			}
		}
		a->prompting = 0;
		return V_REDRAW;
	}
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		/* Drop a whole UTF-8 character. */
		while (n > 0 && ((unsigned char)a->pbuf[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		a->pbuf[n] = 0;
	} else if (ch >= 32 && ch < 256 && ch != 127 && n + 1 < sizeof a->pbuf) {
		a->pbuf[n] = (char)ch;
		a->pbuf[n + 1] = 0;
	} else
		return V_HANDLED;
	if (a->prompting == 'f') {
		snprintf(a->filter, sizeof a->filter, "%s", a->pbuf);
		ui_list_rebuild(a, 1);
	}
	return V_REDRAW;
}

/* ---- the loop ---- */

static void
restore_terminal(void)
{
	endwin();
}

static void
redraw(struct app *a)
{
	struct view *top = &a->stack[a->nstack - 1];

	erase();
	/* The main screen is drawn under popups only when it shows through. */
	top->ops->draw(a, top->data);
	draw_status(a);
	if (a->prompting)
		curs_set(1);
	else
		curs_set(0);
}

static int
handle_key(struct app *a, int ch)
{
	struct view *top = &a->stack[a->nstack - 1];
	enum action act;
	int r;

	if (ch == KEY_RESIZE) {
		term_update_cells(&a->tc, STDOUT_FILENO);
		clearok(curscr, TRUE);
		return V_REDRAW | V_IMAGE | top->ops->resize(a, top->data);
	}
	if (a->prompting)
		return prompt_key(a, ch);
	if (ch == KEY_MOUSE) {
		MEVENT ev;
		if (getmouse(&ev) == OK && top->ops == &view_main_ops)
			return ui_main_mouse(a, ev.y, ev.x, (unsigned long)ev.bstate);
		return V_IGNORED;
	}
	/* A key clears the last message. */
	if (a->status[0]) {
		a->status[0] = 0;
		a->dirty = 1;
	}
	act = key_action(ch);
	if (act == A_REDRAW) {
		clearok(curscr, TRUE);
		return V_REDRAW | V_EMIT;
	}
	if (act == A_THEME) {
		a->theme_idx = (a->theme_idx + 1) % 4;
		if (load_theme(a, theme_cycle[a->theme_idx]) == 0) {
			apply_theme(a);
			ui_status(a, 0, "theme %s", a->th.name);
		} else
			ui_status(a, 1, "theme %s not found", theme_cycle[a->theme_idx]);
		return V_REDRAW | V_IMAGE;
	}
	if (act == A_HELP && top->ops == &view_main_ops) {
		ui_push(a, &view_help_ops, cx_xcalloc(1, sizeof(struct help)));
		return V_REDRAW;
	}
	r = top->ops->key(a, top->data, act, ch);
	if (r & V_POP)
		pop_view(a);
	return r;
}

static int
run(struct app *a, const char *script)
{
	int quit = 0;

	ui_push(a, &view_main_ops, NULL);
	a->dirty = a->img_dirty = 1;
	while (!quit) {
		struct pollfd pfd[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = a->q.pipe[0], .events = POLLIN },
		};
		struct msg *m, *next;
		int ch, r = 0, main_top = a->stack[a->nstack - 1].ops->shows_image;

		if (a->dirty || a->img_dirty || a->emit) {
			int newpic = 0;
			redraw(a);
			if (a->img_dirty && main_top) {
				render_picture(a);
				/* Let curses rewrite the pane's cells, wiping the old picture. */
				if (a->img_h > 0)
					wredrawln(stdscr, a->img_row, a->img_h);
				redraw(a);
				newpic = 1;
				a->img_dirty = 0;
			}
			if (a->tc.sync)
				term_write_all(STDOUT_FILENO, "\033[?2026h", 8);
			wnoutrefresh(stdscr);
			doupdate();
			if (main_top && a->seq && (newpic || a->emit))
				term_put_image(STDOUT_FILENO, &a->tc, a->img_row, a->img_col, a->seq,
				    a->seqlen);
			if (a->tc.sync)
				term_write_all(STDOUT_FILENO, "\033[?2026l", 8);
			a->dirty = a->emit = 0;
			if (a->first_ms == 0 && newpic) {
				a->first_ms = now_ms() - a->t_start;
				if (!a->status_err)
					ui_status(a, 0, "%zu CXRs, first screen in %.0f ms (%s)", a->m.ds.n,
					    a->first_ms, a->tc.why);
			}
		}
		if (script && *script) {
			/* --keys: typed as if by the user, one per frame. */
			r = handle_key(a, (unsigned char)*script++);
			if (r & V_QUIT)
				break;
			pfd[0].revents = pfd[1].revents = 0;
			if (poll(pfd, 2, 0) < 0 && errno != EINTR)
				break;
		} else if (poll(pfd, 2, a->dirty || a->img_dirty || a->emit ? 0 : -1) < 0
		    && errno != EINTR)
			break;
		if (pfd[1].revents & POLLIN) {
			for (m = queue_drain(&a->q); m; m = next) {
				next = m->next;
				r |= ui_apply_msg(a, m);
				free(m->data);
				free(m);
			}
		}
		while ((ch = getch()) != ERR) {
			r |= handle_key(a, ch);
			if (r & V_QUIT) {
				quit = 1;
				break;
			}
		}
		if (r & (V_REDRAW | V_HANDLED))
			a->dirty = 1;
		if (r & V_IMAGE)
			a->img_dirty = 1;
		if (r & V_EMIT)
			a->emit = 1;
	}
	return 0;
}

/* $XDG_CONFIG_HOME/chexplore/config: "theme = NAME", "graphics = MODE",
 * "fail-iou = X" lines, read before the options (which override them). A bad
 * line is a file:line: warning. */
static void
read_config(char *theme, size_t tn, char *gfx, size_t gn, double *fail_iou, char *warn,
    size_t wn)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char path[4096], line[512];
	size_t ln = 0;
	FILE *fp;

	if (x && *x == '/')
		snprintf(path, sizeof path, "%s/chexplore/config", x);
	else
		snprintf(path, sizeof path, "%s/.config/chexplore/config", home ? home : ".");
	if (!(fp = fopen(path, "r")))
		return;
	while (fgets(line, sizeof line, fp)) {
		char key[64], val[256];
		ln++;
		if (line[strspn(line, " \t")] == '#' || line[strspn(line, " \t\r\n")] == 0)
			continue;
		if (sscanf(line, " %63[a-z-] = %255s", key, val) != 2) {
			if (!warn[0])
				snprintf(warn, wn, "%s:%zu: want 'key = value'", path, ln);
			continue;
		}
		if (strcmp(key, "theme") == 0)
			snprintf(theme, tn, "%s", val);
		else if (strcmp(key, "graphics") == 0 && term_gfx_parse(val) != -2)
			snprintf(gfx, gn, "%s", val);
		else if (strcmp(key, "fail-iou") == 0 && atof(val) > 0)
			*fail_iou = atof(val);
		else if (!warn[0])
			snprintf(warn, wn, "%s:%zu: unknown setting or bad value", path, ln);
	}
	fclose(fp);
}

int
cli_explore(int argc, char **argv)
{
	const char *gfx = "auto", *theme = NULL, *script = NULL, *dir_opt = NULL;
	int npos = 0, keys_mdoc = 0, nocolor = 0, rc, force, fd, nbench = 0;
	double fail_iou = 0.2;
	struct opt opts[] = {
		{ "dir|d", OPT_STR, &dir_opt, "DIR", "dataset folder (or the one positional DIR)" },
		{ "graphics|g", OPT_STR, &gfx, "MODE", "auto, sixel, blocks or none" },
		{ "theme", OPT_STR, &theme, "NAME", "default, light, high-contrast, colorblind or a file" },
		{ "no-color", OPT_BOOL, &nocolor, NULL, "no colours (also when NO_COLOR is set)" },
		{ "fail-iou", OPT_DBL, &fail_iou, "X", "failing: worst IoU below X (default 0.2) or a miss" },
		{ "keys", OPT_STR, &script, "STR", "type these keys after the first screen (tests, demos)" },
		{ "bench", OPT_INT, &nbench, "N", "time the picture pipeline on N CXRs and exit" },
		{ "keys-mdoc", OPT_BOOL, &keys_mdoc, NULL, "print the key table for the man page" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	struct app *a;
	struct cx_err err = { 0 };
	double t0 = now_ms();
	static char cfg_theme[256], cfg_gfx[32] = "auto", cfg_warn[600];

	read_config(cfg_theme, sizeof cfg_theme, cfg_gfx, sizeof cfg_gfx, &fail_iou, cfg_warn,
	    sizeof cfg_warn);
	gfx = cfg_gfx;
	if (cfg_theme[0])
		theme = cfg_theme;
	rc = opt_parse("explore", "[DIR] [options]",
	    "Browse a dataset: study list, pathology table, the CXR with its overlays.",
	    opts, argc, argv, &npos);
	if (rc != 0)
		return rc < 0 ? 2 : 0;
	if (dir_opt != NULL) {
		if (npos > 0) {
			cli_fail("explore", "give the folder once: --dir DIR or DIR");
			return 2;
		}
		argv[1] = (char *)dir_opt;	/* argc >= 3 here: "--dir X" */
		npos = 1;
	}
	if (keys_mdoc) {
		keys_print_mdoc();
		return 0;
	}
	if (npos > 1) {
		cli_fail("explore", "want at most one folder");
		return 2;
	}
	if (nbench > 0)
		return bench(npos ? argv[1] : ".", nbench);
	if ((force = term_gfx_parse(gfx)) == -2) {
		cli_fail("explore", "--graphics: want auto, sixel, blocks or none, not '%s'", gfx);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_fail("explore", "needs a terminal (use show or export for pictures)");
		return 2;
	}
	a = cx_xcalloc(1, sizeof *a);
	a->t_start = t0;
	a->dir = npos ? argv[1] : ".";
	a->pfilter = -1;
	a->plot_want = -1;
	a->nocolor = nocolor || (getenv("NO_COLOR") && *getenv("NO_COLOR"));
	scene_init(&a->sc);
	a->sc.nocolor = a->nocolor;
	theme_default(&a->th);
	if (theme && load_theme(a, theme) == -1) {
		cli_fail("explore", "--theme: no theme '%s'", theme);
		free(a);
		return 2;
	}
	if (!theme)
		load_theme(a, "default");
	for (int k = 0; k < 4; k++)
		if (theme && strcmp(theme, theme_cycle[k]) == 0)
			a->theme_idx = k;
	if (model_open(&a->m, a->dir, &err) == -1) {
		cli_error(&err);
		free(a);
		return 1;
	}
	a->m.fail_iou = fail_iou;
	marks_load(a);
	if (queue_init(&a->q) == -1) {
		cli_fail("explore", "cannot create a pipe");
		model_close(&a->m);
		free(a);
		return 2;
	}
	/* Terminal queries before curses owns the terminal. */
	fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	term_detect(&a->tc, fd >= 0 ? fd : STDOUT_FILENO, force, 400);
	if (fd >= 0)
		close(fd);
	setlocale(LC_ALL, "");
	cx_xalloc_set_fatal_hook(restore_terminal);
	ESCDELAY = 25;
	initscr();
	if (has_colors() && !a->nocolor) {
		start_color();
		use_default_colors();
	}
	apply_theme(a);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(0);
	curs_set(0);
	ui_list_rebuild(a, 0);
	if (a->m.status[0])
		ui_status(a, 1, "%s", a->m.status);
	else if (cfg_warn[0])
		ui_status(a, 1, "%s", cfg_warn);
	else if (a->theme_warn[0])
		ui_status(a, 1, "%.*s", (int)strcspn(a->theme_warn, "\n"), a->theme_warn);
	else if (a->m.ds.n == 0)
		ui_status(a, 1, "no CXR found in %s", a->dir);
	else
		ui_status(a, 0, "%zu CXRs loaded in %.0f ms  (%s)", a->m.ds.n, now_ms() - t0,
		    a->tc.why);
	ui_hits_start(a);
	run(a, script);
	ui_workers_stop(a);
	endwin();
	/* Results that arrived after the last turn of the loop. */
	for (struct msg *m = queue_drain(&a->q), *next; m; m = next) {
		next = m->next;
		if (m->kind == MSG_PREFETCH && m->data)
			model_cxr_fini(m->data);
		if (m->kind == MSG_HITS)
			model_hitres_fini(m->data);
		if (m->kind == MSG_PLOT && m->data)
			model_thrcounts_fini(m->data);
		free(m->data);
		free(m);
	}
	while (a->nstack > 0) {
		a->nstack--;
		a->stack[a->nstack].ops->free(a->stack[a->nstack].data);
	}
	if (a->cur_ok)
		model_cxr_fini(&a->cur);
	if (a->pre) {
		model_cxr_fini(a->pre);
		free(a->pre);
	}
	free(a->seq);
	free(a->vis);
	free(a->stats);
	free(a->plot);
	ui_thr_free(a);
	queue_fini(&a->q);
	marks_free(a);
	model_close(&a->m);
	free(a);
	return 0;
}
