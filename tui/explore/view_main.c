/* view_main: the study list, the pathology table of the selected CXR and its
 * picture. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "film.h"
#include "legend.h"
#include "labels.h"
#include "prompt.h"
#include "view_main.h"
#include "views.h"
#include "xalloc.h"

/* ---- layout ---- */

struct layout {
	int list_w, list_h, list_y;
	int right_x, right_w;
	int table_y, table_h;
	int info_y;
	int leg_y, leg_rows;	/* the legend, wrapped (legend.c) */
	int plot_y;
	int img_y, img_h;
};

static void info_text(const struct app *a, const struct scene *s, int right_w, char *line,
    size_t cap);
static size_t info_cut(const char *line, int w);

static void
layout(const struct app *a, struct layout *l)
{
	int rows = LINES, cols = COLS;

	l->list_y = 2;
	l->list_h = rows - 3;
	/* Narrow terminals give the table the room: its IoU and hit columns
	 * matter more than the end of a long id. */
	l->list_w = cols >= 120 ? 52 : cols >= 90 ? 42 : cols * 2 / 5;
	if (l->list_w < 20)
		l->list_w = cols;
	l->right_x = l->list_w + 1;
	l->right_w = cols - l->right_x;
	l->table_y = 1;
	l->table_h = CX_NTASKS + 1;
	l->info_y = l->table_y + l->table_h;
	/* The legend wraps below the info line; the picture keeps at least
	 * 5 rows (3 on a small terminal; rows - 1 status line). */
	int keep = rows < 30 ? 3 : 5;
	l->leg_y = l->info_y + 1;
	{
		/* What of the info line does not fit goes first in the legend;
		 * measured with every overlay on, so that toggling one never
		 * moves the picture. */
		char line[600];
		size_t cut;
		struct scene all = a->pic.sc;
		all.ov |= OV_GT | OV_PRED | OV_ERROR | OV_HEAT | OV_POINTS;
		info_text(a, &all, l->right_w, line, sizeof line);
		cut = info_cut(line, l->right_w);
		l->leg_rows = legend_rows((struct app *)a, l->right_w,
		    rows - 1 - keep - 1 - l->leg_y > 1 ? rows - 1 - keep - 1 - l->leg_y : 1,
		    line[cut] ? line + cut + (strncmp(line + cut, " | ", 3) == 0 ? 3 : 0) : "");
	}
	l->plot_y = l->leg_y + l->leg_rows;
	l->img_y = l->plot_y + 1;
	l->img_h = rows - 1 - l->img_y;
	if (l->right_w < 10 || l->img_h < 2)
		l->img_h = 0;
}

/* ---- drawing ---- */

/* The info line's text: id (when the pane is wide), pathology, overlays,
 * zoom, window / level, side by side, which prediction. */
static void
info_text(const struct app *a, const struct scene *s, int right_w, char *line, size_t cap)
{
	long i = app_current(a);
	char esc[300];
	int n;

	char at[48] = "", film[48];
	film_label(s, film, sizeof film);
	/* Where the zoomed crop is centred, in full-resolution pixels. */
	if (s->zoom > 1 && a->pic.cur_ok)
		snprintf(at, sizeof at, " @ %.0f,%.0f", s->zx < 0 ? a->pic.cur.full_w / 2.0 : s->zx,
		    s->zy < 0 ? a->pic.cur.full_h / 2.0 : s->zy);
	/* A narrow pane leaves out the id (the list's selected row says it):
	 * the legend must stay in sight. */
	char idpart[320] = "";
	if (right_w >= 72)
		snprintf(idpart, sizeof idpart, " %s |",
		    i >= 0 ? cx_escape_buf(a->m.ds.cxr[i].id, esc, sizeof esc) : "-");
	/* Side by side with two or more methods: the baseline left, the method
	 * shown (or the next) right, as picture.c composes them. */
	char side[640] = "", e1[300], e2[300];
	if (a->m.meth.n >= 2) {
		int b = a->m.meth.base, r = s->which_pred != b ? s->which_pred
		    : (b + 1) % (int)a->m.meth.n;
		snprintf(side, sizeof side, " | %s | %s", cx_escape_buf(a->m.meth.m[b].name, e1,
		    sizeof e1), cx_escape_buf(a->m.meth.m[r].name, e2, sizeof e2));
	}
	n = snprintf(line, cap, "%s %s | %s%s%s%s%s| zoom %.3gx%s%s%s%s%s", idpart,
	    s->task < 0 ? "all pathologies" : cx_task_names[s->task],
	    s->ov & OV_GT ? "GT " : "", s->ov & OV_PRED ? "pred " : "",
	    s->ov & OV_ERROR ? s->nocolor ? "error(TP diagonal/FP rows/FN columns) "
	    : "error(TP/FP/FN) " : "", !(s->ov & OV_HEAT) ? "" : s->task >= 0 ? "heat "
	    : s->nocolor ? "heat(max) " : "heat(colour=pathology) ",
	    s->ov & OV_POINTS ? "point " : "", s->zoom, at, film_is_1to1(&a->pic) ? " (1:1)" : "",
	    film[0] ? " | " : "", film,
	    a->pic.side ? a->m.meth.n >= 2 ? side : " | GT | pred" : "");
	(void)n;
}

/* Where the info line breaks to fit w columns (at a " | "); its length
 * when it fits. */
static size_t
info_cut(const char *line, int w)
{
	size_t len = strlen(line), cut = 0;

	if ((int)len <= w)
		return len;
	for (const char *q = strstr(line, " | "); q && q - line <= w; q = strstr(q + 1, " | "))
		cut = (size_t)(q - line);
	return cut ? cut : (size_t)w;
}

/* One line: overlays, legend, live-threshold plot. */
static void
draw_info(struct app *a, const struct layout *l)
{
	static const char spark[8][4] = { "\u2581", "\u2582", "\u2583", "\u2584", "\u2585",
		"\u2586", "\u2587", "\u2588" };
	char line[600];
	int t = cx_task_sorted[a->main.trow], n = 0;
	const struct scene *s = &a->pic.sc;

	info_text(a, &a->pic.sc, l->right_w, line, sizeof line);
	size_t cut = info_cut(line, l->right_w);
	const char *rest = line[cut] ? line + cut + (strncmp(line + cut, " | ", 3) == 0 ? 3 : 0) : "";
	char first[600];
	snprintf(first, sizeof first, "%.*s", (int)cut, line);
	attrset(ui_attr(&a->ui, TR_DIM));
	ui_put(l->info_y, l->right_x, l->right_w, first);
	(void)n;
	/* Legend: the overlay names in their colours (after the id, which is
	 * escaped ASCII, so bytes are columns). */
	if (!a->ui.nocolor && COLORS >= 8 && COLOR_PAIRS > UI_PAIR_PAL + UI_PAIR_NLEGEND) {
		static const struct { const char *tok; int len, pair; } leg[] = {
			{ "GT ", 2, -1 }, { "pred ", 4, UI_PAIR_PRED }, { "TP", 2, UI_PAIR_TP },
			{ "FP", 2, UI_PAIR_FP }, { "FN", 2, UI_PAIR_FN }, { "point ", 5, UI_PAIR_POINT },
		};
		const char *from = strstr(first, " | ");
		for (size_t k = 0; from && k < sizeof leg / sizeof leg[0]; k++) {
			const char *q = strstr(from, leg[k].tok);
			int pair = leg[k].pair, col;
			if (!q)
				continue;
			/* GT and the prediction of all pathologies: the palette colours;
			 * one pathology: its colour for GT, magenta for the prediction. */
			if (pair < 0 || (s->task < 0 && (pair == UI_PAIR_PRED
			    || pair == UI_PAIR_POINT))) {
				if (s->task < 0)
					continue;
				pair = s->task;
			}
			col = (int)(q - first);
			if (col + leg[k].len <= l->right_w)
				mvchgat(l->info_y, l->right_x + col, leg[k].len, A_BOLD,
				    (short)(UI_PAIR_PAL + pair), NULL);
		}
	}
	legend_draw(a, l->leg_y, l->right_x, l->right_w, l->leg_rows, rest);
	/* Plot row: mIoU against threshold (sparkline), when computed. */
	move(l->plot_y, l->right_x);
	clrtoeol();
	if (a->w.plot && a->w.plot->task == t) {
		double lo = 1, hi = 0;
		for (int k = 0; k < PLOT_N; k++)
			if (!isnan(a->w.plot->miou[k])) {
				if (a->w.plot->miou[k] < lo)
					lo = a->w.plot->miou[k];
				if (a->w.plot->miou[k] > hi)
					hi = a->w.plot->miou[k];
			}
		attrset(ui_attr(&a->ui, TR_PLOT));
		n = snprintf(line, sizeof line, " mIoU %.2f ", a->w.plot->thr[0]);
		for (int k = 0; k < PLOT_N; k++) {
			double v = a->w.plot->miou[k];
			int b = isnan(v) || hi <= lo ? 0 : (int)((v - lo) / (hi - lo) * 7 + 0.5);
			int cur = !isnan(s->thr[t]) && fabs(a->w.plot->thr[k] - s->thr[t]) < 0.026;
			n += snprintf(line + n, sizeof line - n, "%s%s", cur ? "[" : "", spark[b]);
			if (cur)
				n += snprintf(line + n, sizeof line - n, "]");
		}
		n += snprintf(line + n, sizeof line - n, " %.2f  (%.3f..%.3f)",
		    a->w.plot->thr[PLOT_N - 1], lo, hi);
	} else if (a->w.thr_running && a->w.thr_task == t) {
		attrset(ui_attr(&a->ui, TR_DIM));
		n = snprintf(line, sizeof line, " mIoU vs threshold: %zu/%zu", a->w.thr_done,
		    a->w.thr_total);
	} else if (!isnan(s->thr[t])) {
		attrset(ui_attr(&a->ui, TR_PLOT));
		n = snprintf(line, sizeof line, " live threshold");
	} else
		n = -1;
	/* The pathology at the live threshold: its exact mIoU over the dataset
	 * (full resolution, as eval scores `segment --thresholds`) and the hit
	 * rate (which the threshold does not change). */
	if (!isnan(s->thr[t]) && n >= 0) {
		double mi;
		size_t mn;
		if (workers_thr_miou(&a->w, t, s->thr[t], &mi, &mn) == 0)
			n += snprintf(line + n, sizeof line - n, "  at %.2f: mIoU %.3f plain (n %zu)",
			    s->thr[t], mi, mn);
	}
	if (n >= 0) {
		double hs = 0;
		size_t hn = 0;
		for (size_t i = 0; i < a->m.ds.n; i++)
			if (!isnan(a->m.row[i].hit[t])) {
				hs += a->m.row[i].hit[t];
				hn++;
			}
		if (hn && n < (int)sizeof line)
			snprintf(line + n, sizeof line - n, "  hit rate %.3f plain", hs / hn);
	}
	if (n >= 0)
		ui_put(l->plot_y, l->right_x, l->right_w, line);
}

static void
draw_text_picture(struct app *a, const struct layout *l, long i)
{
	const struct cx_ds_cxr *c = &a->m.ds.cxr[i];
	char line[600], esc[512];
	int y = l->img_y;

	attrset(ui_attr(&a->ui, TR_NORMAL));
	snprintf(line, sizeof line, " image: %s", c->image ? cx_escape_buf(c->image, esc,
	    sizeof esc) : "(none found)");
	ui_put(y++, l->right_x, l->right_w, line);
	if (a->pic.cur_ok && a->pic.cur.img_ok) {
		snprintf(line, sizeof line, " %u x %u pixels (graphics off: %s)", a->pic.cur.full_w,
		    a->pic.cur.full_h, a->ui.tc.why);
		ui_put(y++, l->right_x, l->right_w, line);
	} else if (a->pic.cur_ok) {
		char b[1200];
		cx_err_format(&a->pic.cur.img_err, b, sizeof b);
		ui_put(y++, l->right_x, l->right_w, cx_escape_buf(b, esc, sizeof esc));
	}
	if (c->labels) {
		char e2[128], e3[128];
		snprintf(line, sizeof line, " %s %s %s age %d", cx_escape_buf(c->labels->sex, esc,
		    sizeof esc), cx_escape_buf(c->labels->view, e2, sizeof e2),
		    cx_escape_buf(c->labels->appa, e3, sizeof e3), c->labels->age);
		ui_put(y++, l->right_x, l->right_w, line);
	}
}

static void
main_draw(struct app *a, void *data)
{
	struct layout l;
	long i = app_current(a);
	char line[600], esc[400];

	layout(a, &l);
	attrset(ui_attr(&a->ui, TR_TITLE));
	char fesc[400], sortby[64];
	cx_escape_buf(a->list.filter, fesc, sizeof fesc);
	snprintf(sortby, sizeof sortby, "%s %s", a->list.pfilter >= 0 && a->list.sort == SL_COL_WORST
	    ? "IoU" : studylist_cols[a->list.sort].name, main_sort_arrow(&a->list));
	/* "Cardiomegaly positive" reads better with a space. */
	snprintf(line, sizeof line, " chexplore  %s  %zu/%zu CXRs  sort: %s%s%s%s%s%s%s",
	    cx_escape_buf(a->dir, esc, sizeof esc), a->list.nvis, a->m.ds.n, sortby,
	    a->list.filter[0] ? "  filter: " : "", a->list.filter[0] ? fesc : "",
	    a->list.pfilter >= 0 ? "  " : "", a->list.pfilter >= 0 ? cx_task_names[a->list.pfilter] : "",
	    a->list.pfilter >= 0 ? " " : "",
	    a->list.pfilter >= 0 ? studylist_fkind_names[a->list.fkind] : "");
	if (a->list.failing_only)
		snprintf(line + strlen(line), sizeof line - strlen(line), "  failing only");
	ui_put(0, 0, COLS, line);
	main_list_draw(a, l.list_y, l.list_w, l.list_h);
	main_table_draw(a, l.table_y, l.right_x, l.right_w, i);
	draw_info(a, &l);
	/* The legend grew: the picture moves down, whole (a part would land
	 * where the old one was). */
	if (a->pic.img_row && a->pic.img_row != l.img_y) {
		ui_clear(&a->ui);
		a->pic.on_screen = 0;
		a->ui.img_dirty = 1;
	}
	a->pic.img_row = l.img_y;
	a->pic.img_col = l.right_x;
	a->pic.img_h = l.img_h;
	a->pic.img_w = l.right_w;
	if (i >= 0 && l.img_h > 0 && a->ui.tc.mode == GFX_NONE)
		draw_text_picture(a, &l, i);
}

/* ---- keys ---- */

/* ---- keys, by what they act on ---- */

static void
move_sel(struct app *a, long d)
{
	if (studylist_move(&a->list, d))
		a->ui.img_dirty = 1;
}

/* Moving: the cursor of the focused pane (list, table, probe). */
static int
key_move(struct app *a, enum action act)
{
	int page = LINES - 4 > 1 ? LINES - 4 : 1;

	switch (act) {
	case A_DOWN:
	case A_UP: {
		int d = act == A_DOWN ? 1 : -1;
		if (a->main.focus == F_LIST) {
			move_sel(a, d);
			return V_REDRAW;
		}
		if (a->main.focus == F_TABLE) {
			/* The row under the cursor selects the overlay ('a': all again). */
			a->main.trow = (a->main.trow + d + CX_NTASKS) % CX_NTASKS;
			a->pic.sc.task = cx_task_sorted[a->main.trow];
		} else
			picture_probe_move(&a->pic, 0, d);
		return V_REDRAW | V_IMAGE;
	}
	case A_PROBE_LEFT:
	case A_PROBE_RIGHT:
		/* Without the probe: the table's columns that did not fit. */
		if (a->main.focus != F_IMAGE && !a->pic.sc.probe) {
			a->main.tcol += act == A_PROBE_RIGHT ? 1 : -1;
			if (a->main.tcol < 0)
				a->main.tcol = 0;
			return V_REDRAW;
		}
		picture_probe_move(&a->pic, act == A_PROBE_RIGHT ? 1 : -1, 0);
		return V_REDRAW | V_IMAGE;
	case A_PGDOWN: move_sel(a, page); return V_REDRAW;
	case A_PGUP: move_sel(a, -page); return V_REDRAW;
	case A_HOME: move_sel(a, -(long)a->list.nvis); return V_REDRAW;
	case A_END: move_sel(a, (long)a->list.nvis); return V_REDRAW;
	case A_FOCUS:
		a->main.focus = (a->main.focus + 1) % 3;
		if (a->main.focus == F_IMAGE && a->ui.tc.mode == GFX_NONE)
			a->main.focus = F_LIST;
		a->pic.sc.probe = a->main.focus == F_IMAGE;
		picture_probe_center(&a->pic);
		return V_REDRAW | V_IMAGE;
	case A_NEXTFAIL:
	case A_PREVFAIL: {
		int dir = act == A_NEXTFAIL ? 1 : -1;
		if (studylist_jump_failing(&a->list, dir))
			a->ui.img_dirty = 1;
		else
			ui_status(&a->ui, 0, "no %s failing CXR", dir > 0 ? "further" : "earlier");
		return V_REDRAW;
	}
	default:
		return V_IGNORED;
	}
}

/* The pathology filter d steps on (none, then each pathology in table
 * order, wrapping): that pathology's overlay alone, its table row selected. */
static void
step_pathology_filter(struct app *a, int d)
{
	int k = CX_NTASKS;	/* none */

	for (int j = 0; j < CX_NTASKS; j++)
		if (cx_task_sorted[j] == a->list.pfilter)
			k = j;
	k = (k + d + CX_NTASKS + 1) % (CX_NTASKS + 1);
	prompt_set_pathology(a, k < CX_NTASKS ? cx_task_sorted[k] : -1);
}

/* n / N: the last search's next or previous match. */
static int
search_again(struct app *a, int dir)
{
	char esc[400];
	size_t nth, cnt;

	if (!a->list.search[0]) {
		ui_status(&a->ui, 1, "no search yet: / searches the ids");
		return V_REDRAW;
	}
	long before = app_current(a);
	if (studylist_search(&a->list, a->list.search, a->list.sel, dir, 0, &nth, &cnt))
		ui_status(&a->ui, 0, "%zu/%zu matches", nth, cnt);
	else
		ui_status(&a->ui, 1, "no match: %s", cx_escape_buf(a->list.search, esc, sizeof esc));
	if (app_current(a) != before)
		a->ui.img_dirty = 1;
	return V_REDRAW;
}

/* The study list: search, order and filters. */
static int
key_list(struct app *a, enum action act)
{
	switch (act) {
	case A_SORT:
	case A_SORT_REV: {
		const struct studylist *l = &a->list;
		/* The cursor stays on its CXR: the picture is the same. */
		int next = l->sort;
		/* the next column that is there (diff: with two or more methods) */
		do
			next = (next + 1) % SL_NCOLS;
		while (act == A_SORT && !studylist_col_on(l, next));
		studylist_sort_by(&a->list, act == A_SORT ? next : l->sort, act == A_SORT_REV);
		ui_status(&a->ui, 0, "sorted by %s, %s", studylist_cols[l->sort].name,
		    l->desc ? "largest first" : "smallest first");
		return V_REDRAW;
	}
	case A_SEARCH:
		prompt_open(a, '/', "");
		return V_REDRAW;
	case A_SEARCH_NEXT:
	case A_SEARCH_PREV:
		return search_again(a, act == A_SEARCH_NEXT ? 1 : -1);
	case A_JUMP:
		prompt_open(a, ':', "");
		return V_REDRAW;
	case A_SORT_DIFF:
		if (a->m.meth.n < 2) {
			ui_status(&a->ui, 0, "the difference needs two or more methods");
			return V_REDRAW;
		}
		a->list.dtask = app_table_task(a);
		studylist_sort_by(&a->list, SL_COL_DIFF, 0);
		ui_status(&a->ui, 0, "sorted by %s IoU minus the baseline's (%s), worst first",
		    cx_task_names[a->list.pfilter >= 0 ? a->list.pfilter : a->list.dtask],
		    cx_escape_buf(a->m.meth.m[a->m.meth.base].name, (char[300]){0}, 300));
		return V_REDRAW;
	case A_FILTER:
		prompt_open(a, 'f', a->list.filter);
		return V_REDRAW;
	case A_PATHPICK:
		prompt_open(a, 'p', "");
		return V_REDRAW;
	case A_PATHNEXT:
	case A_PATHPREV:
		step_pathology_filter(a, act == A_PATHNEXT ? 1 : -1);
		return V_REDRAW | V_IMAGE;
	case A_FILTERKIND:
		a->list.fkind = (a->list.fkind + 1) % FK_N;
		app_list_rebuild(a, 1);
		ui_status(&a->ui, 0, "pathology filter kind: %s%s", studylist_fkind_names[a->list.fkind],
		    a->list.pfilter < 0 ? " (no pathology filter yet: p picks one)" : "");
		return V_REDRAW;
	case A_FAILING:
		a->list.failing_only = !a->list.failing_only;
		app_list_rebuild(a, 1);
		return V_REDRAW;
	case A_CLEARFILTER:
		a->list.filter[0] = 0;
		a->list.pfilter = -1;
		a->list.failing_only = 0;
		app_list_rebuild(a, 1);
		return V_REDRAW;
	default:
		return V_IGNORED;
	}
}

/* Show method k: the picture, the rows' numbers, the list's order and the
 * statistics follow (model_show). */
static void
show_method(struct app *a, int k)
{
	const struct method *me = &a->m.meth.m[k];
	char esc[300];

	model_show(&a->m, k);
	a->pic.sc.which_pred = k;
	workers_method_changed(&a->w, &a->m, a->pic.sc.thr);
	app_list_rebuild(a, 1);
	ui_status(&a->ui, 0, "method %d/%zu: %s (%s)%s", k + 1, a->m.meth.n,
	    cx_escape_buf(me->name, esc, sizeof esc), me->how, k == a->m.meth.base ? ", the baseline" : "");
}

/* The picture: what is drawn, and where. */
static int
key_image(struct app *a, enum action act)
{
	struct scene *sc = &a->pic.sc;

	switch (act) {
	case A_ALLPATH:
		sc->task = sc->task < 0 ? app_table_task(a) : -1;
		return V_REDRAW | V_IMAGE;
	case A_OV_GT:
	case A_OV_PRED:
	case A_OV_ERROR:
	case A_OV_HEAT:
	case A_OV_POINTS: {
		static const unsigned bits[] = { OV_GT, OV_PRED, OV_ERROR, OV_HEAT, OV_POINTS };
		sc->ov ^= bits[act - A_OV_GT];
		if ((sc->ov & (OV_HEAT | OV_POINTS)) && !model_has_heatmaps(&a->m))
			ui_status(&a->ui, 0, "no heatmaps in this dataset");
		if ((sc->ov & OV_HEAT) && sc->task < 0 && model_has_heatmaps(&a->m))
			ui_status(&a->ui, 0, "heatmaps of all pathologies: the strongest per pixel, "
			    "in its colour; 'a' selects one for the colormap");
		return V_REDRAW | V_IMAGE;
	}
	case A_HEAT_MORE:
	case A_HEAT_LESS:
		sc->heat_alpha += act == A_HEAT_MORE ? 0.1f : -0.1f;
		if (sc->heat_alpha < 0.05f)
			sc->heat_alpha = 0.05f;
		if (sc->heat_alpha > 1)
			sc->heat_alpha = 1;
		ui_status(&a->ui, 0, "heatmap opacity %.0f%%", sc->heat_alpha * 100);
		return V_REDRAW | V_IMAGE;
	case A_ZOOMIN:
	case A_ZOOMOUT:
		picture_zoom(&a->pic, &a->m, app_current(a), act == A_ZOOMIN);
		return V_REDRAW | V_IMAGE;
	case A_ZOOMRESET:
		picture_zoom_reset(&a->pic);
		return V_REDRAW | V_IMAGE;
	case A_PANL: picture_pan(&a->pic, -1, 0); return V_REDRAW | V_IMAGE;
	case A_PANR: picture_pan(&a->pic, 1, 0); return V_REDRAW | V_IMAGE;
	case A_PANU: picture_pan(&a->pic, 0, -1); return V_REDRAW | V_IMAGE;
	case A_PAND: picture_pan(&a->pic, 0, 1); return V_REDRAW | V_IMAGE;
	case A_SIDE:
		a->pic.side = !a->pic.side;
		return V_REDRAW | V_IMAGE;
	case A_METHOD:
		if (a->m.meth.n < 2) {
			ui_status(&a->ui, 0, "only one method (prediction file, DIR/methods/, --method)");
			return V_REDRAW;
		}
		show_method(a, (a->m.shown + 1) % (int)a->m.meth.n);
		return V_REDRAW | V_IMAGE;
	case A_PROBE:
		sc->probe = !sc->probe;
		a->main.focus = sc->probe ? F_IMAGE : F_LIST;
		picture_probe_center(&a->pic);
		return V_REDRAW | V_IMAGE;
	default:
		return V_IGNORED;
	}
}

/* The live threshold of the table's pathology, and its plot. */
static int
key_threshold(struct app *a, enum action act)
{
	int t = app_table_task(a);
	double *thr = a->pic.sc.thr;

	switch (act) {
	case A_THR_UP:
	case A_THR_DOWN: {
		int src = model_heat_src(&a->m);
		const int *has = src >= 0 ? a->m.meth.m[src].has_thr : a->m.has_thr;
		const double *tuned = src >= 0 ? a->m.meth.m[src].thr : a->m.thr;
		if (!model_has_heatmaps(&a->m)) {
			ui_status(&a->ui, 0, "live threshold needs heatmaps");
			return V_REDRAW;
		}
		/* From the tuned threshold of the heatmaps thresholded (the
		 * heatmap method shown, else the dataset) when there is one. */
		double v = !isnan(thr[t]) ? thr[t] + (act == A_THR_UP ? 0.05 : -0.05)
		    : has[t] ? tuned[t] : 0.5;
		v = round(v * 20) / 20;
		thr[t] = v < 0 ? 0 : v > 0.95 ? 0.95 : v;
		workers_plot_start(&a->w, &a->m, t, thr);
		app_thr_changed(a);
		return V_REDRAW | V_IMAGE;
	}
	case A_THR_RESET:
		thr[t] = NAN;
		app_thr_changed(a);
		return V_REDRAW | V_IMAGE;
	case A_THR_PLOT:
		if (!model_has_heatmaps(&a->m) || a->m.gt < 0)
			ui_status(&a->ui, 0, "the plot needs heatmaps and ground truth");
		workers_plot_start(&a->w, &a->m, t, thr);
		return V_REDRAW;
	default:
		return V_IGNORED;
	}
}

/* Review marks and notes of the current CXR: on the table's pathology, the
 * filter's or the CXR as a whole (prompt_mark_task). */
static int
key_review(struct app *a, enum action act)
{
	long i = app_current(a);
	struct cx_err err = { 0 };
	int task = prompt_mark_task(a);

	switch (act) {
	case A_MARK:
		if (i >= 0) {
			struct mark *mk = marks_get(&a->marks, a->m.ds.cxr[i].id, task);
			int kind = (mk->kind + 1) % MARK_NKINDS;
			marks_set_kind(mk, kind);
			if (marks_save(&a->marks, &err) == 0)	/* mk is gone: the marks are merged */
				ui_status(&a->ui, 0, "mark on %s: %s", prompt_task_label(task),
				    marks_kind_label(kind));
			else
				ui_status(&a->ui, 1, "marks: %s", err.msg);
			if (a->list.sort == SL_COL_MARK)
				app_list_rebuild(a, 1);
		}
		return V_REDRAW;
	case A_NOTE:
		if (i >= 0)
			prompt_open_note(a, task);
		return V_REDRAW;
	case A_EXPORT_MARKS: {
		const char *path = "chexplore_marks.csv";
		size_t n = 0;
		if (marks_export_csv(&a->marks, path, &n, &err) == 0)
			ui_status(&a->ui, 0, "%zu marks written to %s", n, path);
		else
			ui_status(&a->ui, 1, "%s", err.msg);
		return V_REDRAW;
	}
	default:
		return V_IGNORED;
	}
}

static int
main_key(struct app *a, void *data, enum action act, int key)
{
	int (*const groups[])(struct app *, enum action) = {
		key_move, key_list, key_image, key_threshold, key_review, film_key,
	};
	int r;

	for (size_t k = 0; k < sizeof groups / sizeof groups[0]; k++)
		if ((r = groups[k](a, act)) != V_IGNORED)
			return r;
	switch (act) {
	case A_STATS:
		view_stats_open(a);
		return V_REDRAW;
	case A_PROBLEMS:
		view_problems_open(a);
		return V_REDRAW;
	case A_HELP:
		view_help_open(a);
		return V_REDRAW;
	case A_QUIT:
		return V_QUIT;
	default:
		return V_IGNORED;
	}
}

/* Mouse: rows of the list and the table select; the picture places the probe. */
static int
main_mouse(struct app *a, void *data, int y, int x, unsigned long bstate)
{
	struct layout l;
	struct picture *p = &a->pic;

	layout(a, &l);
	if (ui_wheel(bstate) != 0) {
		move_sel(a, 3 * ui_wheel(bstate));
		return V_REDRAW;
	}
	if (!(bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)))
		return V_IGNORED;
	if (x < l.list_w && y >= l.list_y && y < l.list_y + l.list_h) {
		a->main.focus = F_LIST;
		if (studylist_select(&a->list, a->list.top + (size_t)(y - l.list_y)))
			a->ui.img_dirty = 1;
		return V_REDRAW;
	}
	if (x > l.list_w && y > l.table_y && y <= l.table_y + CX_NTASKS) {
		a->main.trow = y - l.table_y - 1;
		a->main.focus = F_TABLE;
		a->pic.sc.task = cx_task_sorted[a->main.trow];
		return V_REDRAW | V_IMAGE;
	}
	if (x >= p->img_col && y >= p->img_row && y < p->img_row + p->img_h && p->pic_w) {
		int cw = a->ui.tc.mode == GFX_SIXEL ? a->ui.tc.cell_w : 1;
		int ch = a->ui.tc.mode == GFX_SIXEL ? a->ui.tc.cell_h : 2;
		p->probe_x = (x - p->img_col) * cw + cw / 2;
		p->probe_y = (y - p->img_row) * ch + ch / 2;
		if (p->side)
			p->probe_x %= (int)(p->pic_w / 2 > 0 ? p->pic_w / 2 : 1);
		if (p->probe_x >= (int)p->pic_w)
			p->probe_x = (int)p->pic_w - 1;
		if (p->probe_y >= (int)p->pic_h)
			p->probe_y = (int)p->pic_h - 1;
		p->sc.probe = 1;
		a->main.focus = F_IMAGE;
		return V_REDRAW | V_IMAGE;
	}
	return V_IGNORED;
}

static int
main_resize(struct app *a, void *data)
{
	return V_REDRAW | V_IMAGE;
}

static void
main_free(void *data)
{
}

const struct view_ops view_main_ops = {
	.name = "main", .draw = main_draw, .key = main_key, .mouse = main_mouse,
	.resize = main_resize, .free = main_free, .shows_image = 1,
};
