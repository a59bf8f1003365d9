/* legend: scene_legend's items laid out in cells. */
#include "legend.h"

#include <stdio.h>
#include <string.h>

#include "colour.h"

/* Colour pairs of the swatches and the colour bar, after the theme's. */
#define LEGEND_PAIR0	(UI_PAIR_PAL + UI_PAIR_NLEGEND + 1)
#define LEGEND_NPAIRS	40
#define BAR_CELLS	8

const char *
legend_pattern_text(int k)
{
	static const char *const p[CX_NPATTERNS] = {
		"//", "\\\\", "==", "||", "xx", "##", "::", "/ ", "\\ ", ". ",
	};

	if (k == CX_PAT_TP)
		return "//";
	if (k == CX_PAT_FP)
		return "==";
	if (k == CX_PAT_FN)
		return "||";
	return k >= 0 ? p[k % CX_NPATTERNS] : "  ";
}

/* The terminal colour nearest (CIEDE2000) to rgb among the first n. */
static int
nearest(const uint8_t rgb[3], int n)
{
	double best = 1e9;
	int pick = 7;

	for (int k = 0; k < n && k < 256; k++) {
		unsigned char c[3];
		double d;
		theme_index_rgb(k, c);
		d = cx_colour_de2000_rgb(rgb, c);
		if (d < best) {
			best = d;
			pick = k;
		}
	}
	return pick;
}

struct lay {
	struct app	*a;
	int		 y0, x0, w, rows, draw;
	int		 row, col;	/* where the next cell goes, from (y0, x0) */
	int		 npairs;
	int		 colour;
};

/* A pair showing rgb as its foreground (0 when there is none to spare). */
static int
pair_of(struct lay *l, const uint8_t rgb[3])
{
	int bg = l->a->ui.th.s[TR_DIM].bg;

	if (!l->colour || !l->draw || l->npairs >= LEGEND_NPAIRS
	    || COLOR_PAIRS <= LEGEND_PAIR0 + l->npairs)
		return 0;
	if (bg >= COLORS)
		bg = theme_nearest_basic(bg, COLORS >= 16 ? 16 : 8);
	init_pair((short)(LEGEND_PAIR0 + l->npairs), (short)(COLORS >= 256 ? nearest(rgb, 256)
	    : theme_basic_swatch(rgb, COLORS)), (short)bg);
	return LEGEND_PAIR0 + l->npairs++;
}

/* Put s (cols columns) in the pair; a new row first when it does not fit
 * (unless the row is empty). */
static void
put(struct lay *l, const char *s, int cols, int pair)
{
	if (l->col > 0 && l->col + cols > l->w) {
		l->row++;
		l->col = 0;
	}
	if (l->draw && l->row < l->rows && l->col < l->w) {
		/* Clipped to the pane: the bytes of the columns that fit. */
		int room = l->w - l->col, nb = 0, c = 0;
		while (s[nb] && (c < room || ((unsigned char)s[nb] & 0xc0) == 0x80))
			c += ((unsigned char)s[nb++] & 0xc0) != 0x80;
		attrset(pair ? COLOR_PAIR(pair) | A_BOLD : ui_attr(&l->a->ui, TR_DIM));
		mvaddnstr(l->y0 + l->row, l->x0 + l->col, s, nb);
	}
	l->col += cols;
}

/* Columns of UTF-8 text (one a character). */
static int
cols_of(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int
lay_out(struct lay *l, const char *prefix)
{
	struct app *a = l->a;
	struct legend_item it[SCENE_LEGEND_MAX];
	size_t n = 0;
	char part[600];

	/* The info line's rest, its parts kept whole. */
	while (prefix && *prefix) {
		const char *e = strstr(prefix, " | ");
		size_t len = e ? (size_t)(e - prefix) : strlen(prefix);
		snprintf(part, sizeof part, "%.*s", (int)len, prefix);
		if (l->col > 0 && l->col + cols_of(part) > l->w) {
			l->row++;
			l->col = 0;
		}
		put(l, part, cols_of(part), 0);
		put(l, e ? " | " : "", e ? 3 : 0, 0);
		prefix = e ? e + 3 : prefix + len;
	}
	if (l->col > 0) {
		l->row++;
		l->col = 0;
	}

	if (!l->draw) {
		/* Measured for any CXR and every overlay: the rows follow
		 * neither the CXR shown nor an overlay toggled, so the picture
		 * never moves (its parts are sent where they were). */
		int npos = 0;
		struct scene all = a->pic.sc;
		all.ov |= OV_GT | OV_PRED | OV_ERROR | OV_HEAT | OV_POINTS;
		for (size_t i = 0; i < a->m.ds.n; i++)
			npos = a->m.row[i].gt_pos > npos ? a->m.row[i].gt_pos : npos;
		n = scene_legend_worst(&a->m, &all, a->m.gt < 0 ? CX_NTASKS : npos, it,
		    SCENE_LEGEND_MAX);
	} else if (a->pic.cur_ok && (long)a->pic.cur.i == app_current(a))
		n = scene_legend(&a->m, &a->pic.cur, &a->pic.sc, it, SCENE_LEGEND_MAX);
	l->colour = !a->ui.nocolor && !a->pic.sc.nocolor && has_colors() && COLORS >= 8;
	for (size_t k = 0; k < n; k++) {
		const struct legend_item *q = &it[k];
		char sw[32];
		int need = cols_of(q->text) + 3, pair;
		if (q->kind == LG_BAR)
			need += cols_of(q->lo) + cols_of(q->hi) + BAR_CELLS + 2;
		/* An item stays on one row when it can. */
		if (l->col > 0 && l->col + need > l->w) {
			l->row++;
			l->col = 0;
		}
		switch (q->kind) {
		case LG_FILL:
			if (q->pattern >= 0)
				put(l, legend_pattern_text(q->pattern), 2, 0);
			else if (!l->colour)
				put(l, "\u2591\u2591", 2, 0);	/* hatched, any pathology */
			else
				put(l, "\u2588\u2588", 2, pair_of(l, q->rgb));
			break;
		case LG_OUTLINE:
			put(l, "[]", 2, l->colour ? pair_of(l, q->rgb) : 0);
			break;
		case LG_MARK:
			snprintf(sw, sizeof sw, " %c", q->mark);
			put(l, sw, 2, l->colour ? pair_of(l, q->rgb) : 0);
			break;
		default:
			break;
		}
		if (q->kind != LG_NOTE)
			put(l, " ", 1, 0);
		put(l, q->text, cols_of(q->text), 0);
		if (q->kind == LG_BAR) {
			static const char *const shade[BAR_CELLS] = { "\u2591", "\u2591", "\u2592",
			    "\u2592", "\u2593", "\u2593", "\u2588", "\u2588" };
			put(l, " ", 1, 0);
			put(l, q->lo, cols_of(q->lo), 0);
			put(l, " ", 1, 0);
			for (int b = 0; b < BAR_CELLS; b++) {
				uint8_t c[3];
				scene_legend_bar(q, (b + 0.5) / BAR_CELLS, c);
				pair = l->colour ? pair_of(l, c) : 0;
				put(l, pair ? "\u2588" : shade[b], 1, pair);
			}
			put(l, " ", 1, 0);
			put(l, q->hi, cols_of(q->hi), 0);
		}
		put(l, "  ", 2, 0);
	}
	return l->col > 0 ? l->row + 1 : l->row;
}

/* The rows kept for the legend: measured for the longest legend any CXR
 * may have with the overlays shown (the picture does not move from CXR to
 * CXR), they grow when an overlay needs more and never shrink until the
 * terminal's size changes, so that toggling an overlay does not move the
 * picture either (its changed parts are sent where they were). */
static struct {
	int	lines, cols, rows;
} kept;

int
legend_rows(struct app *a, int w, int max, const char *prefix)
{
	struct lay l = { .a = a, .w = w, .rows = max };
	int r = w > 0 ? lay_out(&l, prefix) : 1;

	if (kept.lines != LINES || kept.cols != COLS) {
		kept.lines = LINES;
		kept.cols = COLS;
		/* Room for the usual: masks, or the error map and a colour bar. */
		kept.rows = w < 100 ? 2 : 1;
	}
	if (r > kept.rows)
		kept.rows = r;
	return kept.rows < 1 ? 1 : kept.rows > max ? max : kept.rows;
}

void
legend_draw(struct app *a, int y, int x, int w, int rows, const char *prefix)
{
	struct lay l = { .a = a, .y0 = y, .x0 = x, .w = w, .rows = rows, .draw = 1 };

	for (int r = 0; r < rows; r++) {
		move(y + r, x);
		clrtoeol();
	}
	if (w > 0)
		lay_out(&l, prefix);
}
