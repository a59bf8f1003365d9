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

static const char *const mark_short[] = { " ", "o", "G", "M" };

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

static void info_text(const struct app *a, int right_w, char *line, size_t cap);
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
		/* What of the info line does not fit goes first in the legend. */
		char line[600];
		size_t cut;
		info_text(a, l->right_w, line, sizeof line);
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

static void
draw_list(struct app *a, const struct layout *l)
{
	char line[512], w[16], esc[256];
	int h = l->list_h;

	attrset(ui_attr(&a->ui, TR_HEADER));
	snprintf(line, sizeof line, "  %-*s %3s %6s %4s", l->list_w - 19, "CXR", "pos",
	    a->list.pfilter >= 0 ? "IoU" : "worst", "miss");
	ui_put(1, 0, l->list_w, line);
	if (a->list.sel < a->list.top)
		a->list.top = a->list.sel;
	if (h > 0 && a->list.sel >= a->list.top + (size_t)h)
		a->list.top = a->list.sel - (size_t)h + 1;
	for (int r = 0; r < h; r++) {
		size_t k = a->list.top + (size_t)r;
		if (k >= a->list.nvis)
			break;
		size_t i = a->list.vis[k];
		const struct model_row *row = &a->m.row[i];
		const struct cx_ds_cxr *c = &a->m.ds.cxr[i];
		struct mark *mk = marks_find(&a->marks, c->id);
		char name[300];
		if (c->patient && c->study && c->view)
			snprintf(name, sizeof name, "%s/%s/%s", c->patient, c->study, c->view);
		else
			snprintf(name, sizeof name, "%s", c->id);
		char miss[16];
		main_fmt_num(w, sizeof w, studylist_worst(&a->list, i), "%.3f");
		snprintf(miss, sizeof miss, "%d", studylist_misses(&a->list, i));
		snprintf(line, sizeof line, "%s %-*.*s %3d %6s %4s", mk ? mark_short[mk->kind] : " ",
		    l->list_w - 19, l->list_w - 19, cx_escape_buf(name, esc, sizeof esc),
		    row->gt_pos, w, a->m.heat < 0 ? "" : !row->hits_done ? "." : miss);
		if (k == a->list.sel)
			attrset(ui_attr(&a->ui, a->main.focus == F_LIST ? TR_SELECT : TR_SELECT_DIM));
		else if (studylist_failing(&a->list, i))
			attrset(ui_attr(&a->ui, TR_FAIL));
		else
			attrset(ui_attr(&a->ui, TR_NORMAL));
		ui_put(l->list_y + r, 0, l->list_w, line);
		if (k == a->list.sel)
			mvchgat(l->list_y + r, 0, l->list_w,
			    ui_attr(&a->ui, a->main.focus == F_LIST ? TR_SELECT : TR_SELECT_DIM) & ~A_COLOR,
			    (short)PAIR_NUMBER(ui_attr(&a->ui, a->main.focus == F_LIST ? TR_SELECT : TR_SELECT_DIM)),
			    NULL);
	}
	if (a->list.nvis == 0) {
		attrset(ui_attr(&a->ui, TR_DIM));
		ui_put(l->list_y, 2, l->list_w - 2, "(no CXR matches the filters)");
	}
	attrset(ui_attr(&a->ui, TR_BORDER));
	mvvline(1, l->list_w, ACS_VLINE, LINES - 2);
}

/* The info line's text: id (when the pane is wide), pathology, overlays,
 * zoom, window / level, side by side, which prediction. */
static void
info_text(const struct app *a, int right_w, char *line, size_t cap)
{
	const struct scene *s = &a->pic.sc;
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
	n = snprintf(line, cap, "%s %s | %s%s%s%s%s| zoom %.3gx%s%s%s%s%s%s", idpart,
	    s->task < 0 ? "all pathologies" : cx_task_names[s->task],
	    s->ov & OV_GT ? "GT " : "", s->ov & OV_PRED ? "pred " : "",
	    s->ov & OV_ERROR ? s->nocolor ? "error(TP diagonal/FP rows/FN columns) "
	    : "error(TP/FP/FN) " : "", !(s->ov & OV_HEAT) ? "" : s->task >= 0 ? "heat "
	    : s->nocolor ? "heat(max) " : "heat(colour=pathology) ",
	    s->ov & OV_POINTS ? "point " : "", s->zoom, at, film_is_1to1(&a->pic) ? " (1:1)" : "",
	    film[0] ? " | " : "", film,
	    a->pic.side ? a->m.pred2 >= 0 ? " | pred1 | pred2" : " | GT | pred" : "",
	    s->which_pred ? " | 2nd prediction" : "");
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

	info_text(a, l->right_w, line, sizeof line);
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
	char fesc[400];
	cx_escape_buf(a->list.filter, fesc, sizeof fesc);
	snprintf(line, sizeof line, " chexplore  %s  %zu/%zu CXRs  sort: %s%s%s%s%s%s%s",
	    cx_escape_buf(a->dir, esc, sizeof esc), a->list.nvis, a->m.ds.n, studylist_sort_names[a->list.sort],
	    a->list.filter[0] ? "  filter: " : "", a->list.filter[0] ? fesc : "",
	    a->list.pfilter >= 0 ? "  " : "", a->list.pfilter >= 0 ? cx_task_names[a->list.pfilter] : "",
	    a->list.pfilter >= 0 ? studylist_fkind_names[a->list.fkind] : "",
	    a->list.failing_only ? "  failing only" : "");
	if (a->list.pfilter >= 0) {
		/* "Cardiomegaly positive" reads better with a space. */
		snprintf(line, sizeof line, " chexplore  %s  %zu/%zu CXRs  sort: %s%s%s  %s %s%s",
		    cx_escape_buf(a->dir, esc, sizeof esc), a->list.nvis, a->m.ds.n, studylist_sort_names[a->list.sort],
		    a->list.filter[0] ? "  filter: " : "", a->list.filter[0] ? fesc : "",
		    cx_task_names[a->list.pfilter], studylist_fkind_names[a->list.fkind],
		    a->list.failing_only ? "  failing only" : "");
	}
	ui_put(0, 0, COLS, line);
	draw_list(a, &l);
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
		if (a->main.focus != F_IMAGE && !a->pic.sc.probe)
			return V_HANDLED;
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

/* The next pathology filter (none, then each pathology in table order):
 * that pathology's overlay alone, its table row selected. */
static void
next_pathology_filter(struct app *a)
{
	int k = -1;

	for (int j = 0; j < CX_NTASKS; j++)
		if (cx_task_sorted[j] == a->list.pfilter)
			k = j;
	k++;
	a->list.pfilter = k < CX_NTASKS ? cx_task_sorted[k] : -1;
	if (k < CX_NTASKS) {
		a->main.trow = k;
		a->pic.sc.task = a->list.pfilter;
	} else
		a->pic.sc.task = -1;
}

/* The study list: order and filters. */
static int
key_list(struct app *a, enum action act)
{
	switch (act) {
	case A_SORT:
		a->list.sort = (a->list.sort + 1) % SORT_N;
		app_list_rebuild(a, 1);
		ui_status(&a->ui, 0, "sorted by %s", studylist_sort_names[a->list.sort]);
		return V_REDRAW;
	case A_FILTER:
		prompt_open(a, 'f', a->list.filter);
		return V_REDRAW;
	case A_PATHFILTER:
		next_pathology_filter(a);
		app_list_rebuild(a, 1);
		return V_REDRAW | V_IMAGE;
	case A_FILTERKIND:
		a->list.fkind = (a->list.fkind + 1) % FK_N;
		app_list_rebuild(a, 1);
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
		if ((sc->ov & (OV_HEAT | OV_POINTS)) && a->m.heat < 0)
			ui_status(&a->ui, 0, "no heatmaps in this dataset");
		if ((sc->ov & OV_HEAT) && sc->task < 0 && a->m.heat >= 0)
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
	case A_SECOND:
		if (a->m.pred2 < 0) {
			ui_status(&a->ui, 0, "only one prediction file");
			return V_REDRAW;
		}
		sc->which_pred = !sc->which_pred;
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
		if (a->m.heat < 0) {
			ui_status(&a->ui, 0, "live threshold needs heatmaps");
			return V_REDRAW;
		}
		/* From the tuned threshold when the dataset has one. */
		double v = !isnan(thr[t]) ? thr[t] + (act == A_THR_UP ? 0.05 : -0.05)
		    : a->m.has_thr[t] ? a->m.thr[t] : 0.5;
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
		if (a->m.heat < 0 || a->m.gt < 0)
			ui_status(&a->ui, 0, "the plot needs heatmaps and ground truth");
		workers_plot_start(&a->w, &a->m, t, thr);
		return V_REDRAW;
	default:
		return V_IGNORED;
	}
}

/* Review marks and notes of the current CXR. */
static int
key_review(struct app *a, enum action act)
{
	long i = app_current(a);
	struct cx_err err = { 0 };

	switch (act) {
	case A_MARK:
		if (i >= 0) {
			struct mark *mk = marks_get(&a->marks, a->m.ds.cxr[i].id);
			int kind = (mk->kind + 1) % MARK_NKINDS;
			marks_set_kind(mk, kind);
			if (marks_save(&a->marks, &err) == 0)	/* mk is gone: the marks are merged */
				ui_status(&a->ui, 0, "mark: %s", marks_kind_label(kind));
			else
				ui_status(&a->ui, 1, "marks: %s", err.msg);
		}
		return V_REDRAW;
	case A_NOTE:
		if (i >= 0) {
			const struct mark *mk = marks_find(&a->marks, a->m.ds.cxr[i].id);
			prompt_open(a, 'n', mk ? mk->note : "");
		}
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
	if (bstate & BUTTON4_PRESSED) {
		move_sel(a, -3);
		return V_REDRAW;
	}
#ifdef BUTTON5_PRESSED
	if (bstate & BUTTON5_PRESSED) {
		move_sel(a, 3);
		return V_REDRAW;
	}
#endif
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
