/* view_main: the study list, the pathology table of the selected CXR and its
 * picture. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "labels.h"
#include "ui.h"
#include "xalloc.h"

static const char *const sort_names[SORT_N] = { "id", "worst IoU", "positives", "misses" };
static const char *const fkind_names[FK_N] = { "positive", "GT present", "prediction present" };
static const char *const mark_short[] = { " ", "o", "G", "M" };

long
ui_current(const struct app *a)
{
	return a->nvis ? (long)a->vis[a->sel] : -1;
}

/* Sorting needs the app: qsort_r is not POSIX, so a file-local pointer set for
 * the duration of one qsort (the event loop is the only caller). */
static const struct app *sort_app;

static int
cmp_nan_last(double x, double y)
{
	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return x < y ? -1 : x > y;
}

/* With a pathology filter the list is about that pathology: "the ten worst
 * Cardiomegaly localizations" sort by the Cardiomegaly IoU, and failing means
 * its IoU below the bound or its miss. */
/* Row i's IoU for pathology t: at its live threshold once the worker has
 * counted it (the same exact counts as the plot and the statistics), else
 * the dataset's predictions'. */
static double
row_iou(const struct app *a, size_t i, int t)
{
	const struct model_thrcounts *c;
	const struct cx_segentry *g;
	int col;

	if (isnan(a->sc.thr[t]) || a->m.gtf == NULL ||
	    (c = ui_thr_find(a, t, a->sc.thr[t], &col, 0)) == NULL)
		return a->m.row[i].iou[t];
	if ((g = model_gt(&a->m, i)) == NULL)
		return NAN;
	return model_thr_iou(c, (size_t)(g - a->m.gtf->e), col);
}

static double
row_worst(const struct app *a, size_t i)
{
	double w = NAN;

	if (a->pfilter >= 0)
		return row_iou(a, i, a->pfilter);
	for (int t = 0; t < CX_NTASKS; t++) {
		double v = row_iou(a, i, t);
		if (!isnan(v) && (isnan(w) || v < w))
			w = v;
	}
	return w;
}

static int
row_misses(const struct app *a, size_t i)
{
	return a->pfilter >= 0 ? a->m.row[i].hit[a->pfilter] == 0 : a->m.row[i].misses;
}

static int
row_failing(const struct app *a, size_t i)
{
	double w = row_worst(a, i);

	return (!isnan(w) && w < a->m.fail_iou) || row_misses(a, i) > 0;
}

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct app *a = sort_app;
	size_t i = *(const size_t *)pa, j = *(const size_t *)pb;
	const struct model_row *x = &a->m.row[i], *y = &a->m.row[j];
	int c = 0, mi, mj;

	switch (a->sort) {
	case SORT_WORST:
		c = cmp_nan_last(row_worst(a, i), row_worst(a, j));
		break;
	case SORT_POS:
		c = (y->gt_pos > x->gt_pos) - (y->gt_pos < x->gt_pos);
		break;
	case SORT_MISSES:
		mi = row_misses(a, i);
		mj = row_misses(a, j);
		c = (mj > mi) - (mj < mi);
		break;
	default:
		break;
	}
	return c ? c : strcmp(a->m.ds.cxr[i].id, a->m.ds.cxr[j].id);
}

static int
row_visible(const struct app *a, size_t i)
{
	const struct model_row *r = &a->m.row[i];

	if (a->filter[0] && !strstr(a->m.ds.cxr[i].id, a->filter))
		return 0;
	if (a->failing_only && !row_failing(a, i))
		return 0;
	if (a->pfilter >= 0) {
		int t = a->pfilter;
		switch (a->fkind) {
		case FK_POSITIVE:
			if (!(r->label[t] == CX_LABEL_POS || (r->label[t] == CX_LABEL_NONE
			    && r->gt_area[t] > 0)))
				return 0;
			break;
		case FK_GT:
			if (!(r->gt_area[t] > 0))
				return 0;
			break;
		case FK_PRED:
			if (!(r->pred_area[t] > 0))
				return 0;
			break;
		default:
			break;
		}
	}
	return 1;
}

void
ui_list_rebuild(struct app *a, int keep)
{
	long cur = keep ? ui_current(a) : -1;

	free(a->vis);
	a->vis = cx_xmalloc((a->m.ds.n ? a->m.ds.n : 1) * sizeof *a->vis);
	a->nvis = 0;
	for (size_t i = 0; i < a->m.ds.n; i++)
		if (row_visible(a, i))
			a->vis[a->nvis++] = i;
	sort_app = a;
	qsort(a->vis, a->nvis, sizeof *a->vis, cmp_rows);
	sort_app = NULL;
	a->sel = 0;
	if (cur >= 0)
		for (size_t k = 0; k < a->nvis; k++)
			if ((long)a->vis[k] == cur)
				a->sel = k;
	a->dirty = 1;
	if (ui_current(a) != cur)
		a->img_dirty = 1;
}

/* ---- layout ---- */

struct layout {
	int list_w, list_h, list_y;
	int right_x, right_w;
	int table_y, table_h;
	int info_y;
	int img_y, img_h;
};

static void
layout(const struct app *a, struct layout *l)
{
	int rows = LINES, cols = COLS;

	l->list_y = 2;
	l->list_h = rows - 3;
	l->list_w = cols >= 120 ? 52 : cols >= 90 ? 42 : cols / 2;
	if (l->list_w < 20)
		l->list_w = cols;
	l->right_x = l->list_w + 1;
	l->right_w = cols - l->right_x;
	l->table_y = 1;
	l->table_h = CX_NTASKS + 1;
	l->info_y = l->table_y + l->table_h;
	l->img_y = l->info_y + 2;
	l->img_h = rows - 1 - l->img_y;
	if (l->right_w < 10 || l->img_h < 2)
		l->img_h = 0;
}

/* ---- drawing ---- */

static void
fmt_num(char *b, size_t n, double v, const char *f)
{
	if (isnan(v))
		snprintf(b, n, "%s", "-");
	else
		snprintf(b, n, f, v);
}

static void
draw_list(struct app *a, const struct layout *l)
{
	char line[512], w[16], esc[256];
	int h = l->list_h;

	attrset(ui_attr(a, TR_HEADER));
	snprintf(line, sizeof line, "  %-*s %3s %6s %4s", l->list_w - 19, "CXR", "pos",
	    a->pfilter >= 0 ? "IoU" : "worst", "miss");
	ui_put(1, 0, l->list_w, line);
	if (a->sel < a->top)
		a->top = a->sel;
	if (h > 0 && a->sel >= a->top + (size_t)h)
		a->top = a->sel - (size_t)h + 1;
	for (int r = 0; r < h; r++) {
		size_t k = a->top + (size_t)r;
		if (k >= a->nvis)
			break;
		size_t i = a->vis[k];
		const struct model_row *row = &a->m.row[i];
		const struct cx_ds_cxr *c = &a->m.ds.cxr[i];
		struct mark *mk = marks_find(a, c->id, 0);
		char name[300];
		if (c->patient && c->study && c->view)
			snprintf(name, sizeof name, "%s/%s/%s", c->patient, c->study, c->view);
		else
			snprintf(name, sizeof name, "%s", c->id);
		char miss[16];
		fmt_num(w, sizeof w, row_worst(a, i), "%.3f");
		snprintf(miss, sizeof miss, "%d", row_misses(a, i));
		snprintf(line, sizeof line, "%s %-*.*s %3d %6s %4s", mk ? mark_short[mk->kind] : " ",
		    l->list_w - 19, l->list_w - 19, cx_escape_buf(name, esc, sizeof esc),
		    row->gt_pos, w, a->m.heat < 0 ? "" : !row->hits_done ? "." : miss);
		if (k == a->sel)
			attrset(ui_attr(a, a->focus == F_LIST ? TR_SELECT : TR_SELECT_DIM));
		else if (row_failing(a, i))
			attrset(ui_attr(a, TR_FAIL));
		else
			attrset(ui_attr(a, TR_NORMAL));
		ui_put(l->list_y + r, 0, l->list_w, line);
		if (k == a->sel)
			mvchgat(l->list_y + r, 0, l->list_w,
			    ui_attr(a, a->focus == F_LIST ? TR_SELECT : TR_SELECT_DIM) & ~A_COLOR,
			    (short)PAIR_NUMBER(ui_attr(a, a->focus == F_LIST ? TR_SELECT : TR_SELECT_DIM)),
			    NULL);
	}
	if (a->nvis == 0) {
		attrset(ui_attr(a, TR_DIM));
		ui_put(l->list_y, 2, l->list_w - 2, "(no CXR matches the filters)");
	}
	attrset(ui_attr(a, TR_BORDER));
	mvvline(1, l->list_w, ACS_VLINE, LINES - 2);
}

static const char *
label_str(int v)
{
	switch (v) {
	case CX_LABEL_POS: return "1";
	case CX_LABEL_NEG: return "0";
	case CX_LABEL_UNC: return "-1";
	default: return "";
	}
}

static void
draw_table(struct app *a, const struct layout *l, long i)
{
	char line[512], g[16], p[16], iou[16], pr[16], th[16], cut[16];
	const struct model_row *r;

	attrset(ui_attr(a, TR_HEADER));
	/* The probability-cutoff column only when cutoffs apply (derived
	 * predictions and a probability_tuning_results.csv). */
	int hascut = 0;
	for (int t = 0; t < CX_NTASKS; t++)
		hascut |= a->m.pred < 0 && a->m.derive && a->m.has_cut[t];
	int fixed = hascut ? 56 : 50;
	int nw = l->right_w - fixed > 26 ? 26 : l->right_w - fixed < 12 ? 12 : l->right_w - fixed;
	snprintf(line, sizeof line, " %-*s %3s %7s %7s %6s %5s %6s %6s %.5s", nw, "pathology", "lbl",
	    "GT %", "pred %", "IoU", "hit", "prob", "thr", hascut ? "  cut" : "");
	ui_put(l->table_y, l->right_x, l->right_w, line);
	if (i < 0)
		return;
	r = &a->m.row[i];
	for (int k = 0; k < CX_NTASKS; k++) {
		int t = cx_task_sorted[k];
		double iouv = r->iou[t];
		double pa = r->pred_area[t];
		/* Live threshold: the exact IoU of the thresholded heatmap. */
		if (!isnan(a->sc.thr[t]) && a->cur_ok && (long)a->cur.i == i
		    && a->cur.thr_of[t] == a->sc.thr[t]) {
			const struct cx_segentry *ge = model_gt(&a->m, (size_t)i);
			uint64_t in, un, ar = cx_rle_area(&a->cur.thr_mask[t]);
			pa = (double)ar / ((double)a->cur.full_w * a->cur.full_h);
			iouv = NAN;
			if (ge && ar && cx_rle_area(&ge->m[t]) && ge->m[t].h == a->cur.thr_mask[t].h
			    && ge->m[t].w == a->cur.thr_mask[t].w) {
				cx_rle_inter_union(&ge->m[t], &a->cur.thr_mask[t], &in, &un);
				iouv = un ? (double)in / un : NAN;
			}
		}
		fmt_num(g, sizeof g, r->gt_area[t] * 100, "%.2f");
		fmt_num(p, sizeof p, pa * 100, "%.2f");
		fmt_num(iou, sizeof iou, iouv, "%.3f");
		fmt_num(pr, sizeof pr, r->prob[t], "%.3f");
		if (a->m.derive && !r->hits_done && isnan(a->sc.thr[t]))
			snprintf(p, sizeof p, "...");
		/* The threshold the prediction on screen was made with. */
		if (!isnan(a->sc.thr[t]))
			snprintf(th, sizeof th, "%.2f*", a->sc.thr[t]);
		else
			model_thr_label(&a->m, t, th, sizeof th);
		if (!hascut)
			cut[0] = 0;
		else if (a->m.has_cut[t])
			snprintf(cut, sizeof cut, "%5.2f", a->m.cut[t]);
		else
			snprintf(cut, sizeof cut, "    -");
		snprintf(line, sizeof line, " %-*.*s %3s %7s %7s %6s %5s %6s %6s %s", nw, nw, cx_task_names[t],
		    label_str(r->label[t]), g, p, iou,
		    a->m.heat < 0 ? "" : !r->hits_done ? "..." : isnan(r->hit[t]) ? "-"
		    : r->hit[t] ? "hit" : "MISS", pr, th, cut);
		if (k == a->trow)
			attrset(ui_attr(a, a->focus == F_TABLE ? TR_SELECT : TR_SELECT_DIM));
		else if ((!isnan(iouv) && iouv < a->m.fail_iou) || r->hit[t] == 0)
			attrset(ui_attr(a, TR_FAIL));
		else if (r->gt_area[t] > 0)
			attrset(ui_attr(a, TR_NORMAL) | A_BOLD);
		else
			attrset(ui_attr(a, TR_DIM));
		ui_put(l->table_y + 1 + k, l->right_x, l->right_w, line);
		if (k == a->trow && l->right_w > 0)
			mvchgat(l->table_y + 1 + k, l->right_x, l->right_w,
			    ui_attr(a, a->focus == F_TABLE ? TR_SELECT : TR_SELECT_DIM) & ~A_COLOR,
			    (short)PAIR_NUMBER(ui_attr(a, a->focus == F_TABLE ? TR_SELECT : TR_SELECT_DIM)),
			    NULL);
		/* Legend: a swatch in the overlay colour where the GT is drawn. */
		if (r->gt_area[t] > 0 && !a->nocolor && COLORS >= 8 && l->right_w > 0) {
			attrset(COLOR_PAIR(UI_PAIR_PAL + t));
			mvaddstr(l->table_y + 1 + k, l->right_x, "\u258c");
		}
	}
}

/* One line: overlays, legend, live-threshold plot. */
static void
draw_info(struct app *a, const struct layout *l)
{
	static const char spark[8][4] = { "\u2581", "\u2582", "\u2583", "\u2584", "\u2585",
		"\u2586", "\u2587", "\u2588" };
	char line[600];
	int t = cx_task_sorted[a->trow], n = 0;
	const struct scene *s = &a->sc;

	long i = ui_current(a);
	char esc[300];

	char at[48] = "";
	/* Where the zoomed crop is centred, in full-resolution pixels. */
	if (s->zoom > 1 && a->cur_ok)
		snprintf(at, sizeof at, " @ %.0f,%.0f", s->zx < 0 ? a->cur.full_w / 2.0 : s->zx,
		    s->zy < 0 ? a->cur.full_h / 2.0 : s->zy);
	n = snprintf(line, sizeof line, " %s | %s | %s%s%s%s%s| zoom %.0fx%s%s%s",
	    i >= 0 ? cx_escape_buf(a->m.ds.cxr[i].id, esc, sizeof esc) : "-",
	    s->task < 0 ? "all pathologies" : cx_task_names[s->task],
	    s->ov & OV_GT ? "GT " : "", s->ov & OV_PRED ? "pred " : "",
	    s->ov & OV_ERROR ? s->nocolor ? "error(TP diagonal/FP rows/FN columns) "
	    : "error(TP/FP/FN) " : "", !(s->ov & OV_HEAT) ? "" : s->task >= 0 ? "heat "
	    : s->nocolor ? "heat(max) " : "heat(colour=pathology) ",
	    s->ov & OV_POINTS ? "point " : "", s->zoom, at,
	    a->side ? a->m.pred2 >= 0 ? " | pred1 | pred2" : " | GT | pred" : "",
	    s->which_pred ? " | 2nd prediction" : "");
	attrset(ui_attr(a, TR_DIM));
	ui_put(l->info_y, l->right_x, l->right_w, line);
	(void)n;
	/* Legend: the overlay names in their colours (after the id, which is
	 * escaped ASCII, so bytes are columns). */
	if (!a->nocolor && COLORS >= 8 && COLOR_PAIRS > UI_PAIR_PAL + UI_PAIR_NLEGEND) {
		static const struct { const char *tok; int len, pair; } leg[] = {
			{ "GT ", 2, -1 }, { "pred ", 4, UI_PAIR_PRED }, { "TP", 2, UI_PAIR_TP },
			{ "FP", 2, UI_PAIR_FP }, { "FN", 2, UI_PAIR_FN }, { "point ", 5, UI_PAIR_POINT },
		};
		const char *from = strstr(line, " | ");
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
			col = (int)(q - line);
			if (col + leg[k].len <= l->right_w)
				mvchgat(l->info_y, l->right_x + col, leg[k].len, A_BOLD,
				    (short)(UI_PAIR_PAL + pair), NULL);
		}
	}
	/* Plot row: mIoU against threshold (sparkline), when computed. */
	move(l->info_y + 1, l->right_x);
	clrtoeol();
	if (a->plot && a->plot->task == t) {
		double lo = 1, hi = 0;
		for (int k = 0; k < PLOT_N; k++)
			if (!isnan(a->plot->miou[k])) {
				if (a->plot->miou[k] < lo)
					lo = a->plot->miou[k];
				if (a->plot->miou[k] > hi)
					hi = a->plot->miou[k];
			}
		attrset(ui_attr(a, TR_PLOT));
		n = snprintf(line, sizeof line, " mIoU %.2f ", a->plot->thr[0]);
		for (int k = 0; k < PLOT_N; k++) {
			double v = a->plot->miou[k];
			int b = isnan(v) || hi <= lo ? 0 : (int)((v - lo) / (hi - lo) * 7 + 0.5);
			int cur = !isnan(s->thr[t]) && fabs(a->plot->thr[k] - s->thr[t]) < 0.026;
			n += snprintf(line + n, sizeof line - n, "%s%s", cur ? "[" : "", spark[b]);
			if (cur)
				n += snprintf(line + n, sizeof line - n, "]");
		}
		n += snprintf(line + n, sizeof line - n, " %.2f  (%.3f..%.3f)",
		    a->plot->thr[PLOT_N - 1], lo, hi);
	} else if (a->plot_running && a->plot_task == t) {
		attrset(ui_attr(a, TR_DIM));
		n = snprintf(line, sizeof line, " mIoU vs threshold: %zu/%zu", a->plot_done,
		    a->plot_total);
	} else if (!isnan(s->thr[t])) {
		attrset(ui_attr(a, TR_PLOT));
		n = snprintf(line, sizeof line, " live threshold");
	} else
		n = -1;
	/* The pathology at the live threshold: its exact mIoU over the dataset
	 * (full resolution, as eval scores `segment --thresholds`) and the hit
	 * rate (which the threshold does not change). */
	if (!isnan(s->thr[t]) && n >= 0) {
		double mi;
		size_t mn;
		if (ui_thr_miou(a, t, s->thr[t], &mi, &mn) == 0)
			n += snprintf(line + n, sizeof line - n, "  at %.2f: mIoU %.3f (n %zu)",
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
			snprintf(line + n, sizeof line - n, "  hit rate %.3f", hs / hn);
	}
	if (n >= 0)
		ui_put(l->info_y + 1, l->right_x, l->right_w, line);
}

static void
draw_text_picture(struct app *a, const struct layout *l, long i)
{
	const struct cx_ds_cxr *c = &a->m.ds.cxr[i];
	char line[600], esc[512];
	int y = l->img_y;

	attrset(ui_attr(a, TR_NORMAL));
	snprintf(line, sizeof line, " image: %s", c->image ? cx_escape_buf(c->image, esc,
	    sizeof esc) : "(none found)");
	ui_put(y++, l->right_x, l->right_w, line);
	if (a->cur_ok && a->cur.img_ok) {
		snprintf(line, sizeof line, " %u x %u pixels (graphics off: %s)", a->cur.full_w,
		    a->cur.full_h, a->tc.why);
		ui_put(y++, l->right_x, l->right_w, line);
	} else if (a->cur_ok) {
		char b[1200];
		cx_err_format(&a->cur.img_err, b, sizeof b);
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
view_main_draw(struct app *a, void *data)
{
	struct layout l;
	long i = ui_current(a);
	char line[600], esc[400];

	layout(a, &l);
	attrset(ui_attr(a, TR_TITLE));
	char fesc[400];
	cx_escape_buf(a->filter, fesc, sizeof fesc);
	snprintf(line, sizeof line, " chexplore  %s  %zu/%zu CXRs  sort: %s%s%s%s%s%s%s",
	    cx_escape_buf(a->dir, esc, sizeof esc), a->nvis, a->m.ds.n, sort_names[a->sort],
	    a->filter[0] ? "  filter: " : "", a->filter[0] ? fesc : "",
	    a->pfilter >= 0 ? "  " : "", a->pfilter >= 0 ? cx_task_names[a->pfilter] : "",
	    a->pfilter >= 0 ? fkind_names[a->fkind] : "",
	    a->failing_only ? "  failing only" : "");
	if (a->pfilter >= 0) {
		/* "Cardiomegaly positive" reads better with a space. */
		snprintf(line, sizeof line, " chexplore  %s  %zu/%zu CXRs  sort: %s%s%s  %s %s%s",
		    cx_escape_buf(a->dir, esc, sizeof esc), a->nvis, a->m.ds.n, sort_names[a->sort],
		    a->filter[0] ? "  filter: " : "", a->filter[0] ? fesc : "",
		    cx_task_names[a->pfilter], fkind_names[a->fkind],
		    a->failing_only ? "  failing only" : "");
	}
	ui_put(0, 0, COLS, line);
	draw_list(a, &l);
	draw_table(a, &l, i);
	draw_info(a, &l);
	a->img_row = l.img_y;
	a->img_col = l.right_x;
	a->img_h = l.img_h;
	a->img_w = l.right_w;
	if (i >= 0 && l.img_h > 0 && a->tc.mode == GFX_NONE)
		draw_text_picture(a, &l, i);
}

/* ---- keys ---- */

static void
move_sel(struct app *a, long d)
{
	long n = (long)a->nvis, s = (long)a->sel + d;

	if (n == 0)
		return;
	if (s < 0)
		s = 0;
	if (s >= n)
		s = n - 1;
	if ((size_t)s != a->sel) {
		a->last_dir = s < (long)a->sel ? -1 : 1;
		a->sel = (size_t)s;
		a->img_dirty = 1;
	}
}

static int
jump_failing(struct app *a, int dir)
{
	for (long k = (long)a->sel + dir; k >= 0 && k < (long)a->nvis; k += dir)
		if (row_failing(a, a->vis[k])) {
			a->sel = (size_t)k;
			a->img_dirty = 1;
			return V_REDRAW;
		}
	ui_status(a, 0, "no %s failing CXR", dir > 0 ? "further" : "earlier");
	return V_REDRAW;
}

static void
pan(struct app *a, int dx, int dy)
{
	double fw = a->cur.full_w, fh = a->cur.full_h;
	double cx = a->sc.zx < 0 ? fw / 2 : a->sc.zx, cy = a->sc.zy < 0 ? fh / 2 : a->sc.zy;
	double step = 0.25;

	if (!a->cur_ok || a->sc.zoom <= 1)
		return;
	cx += dx * step * fw / a->sc.zoom;
	cy += dy * step * fh / a->sc.zoom;
	/* Keep the centre where a full window still fits. */
	double hw = fw / a->sc.zoom / 2, hh = fh / a->sc.zoom / 2;
	a->sc.zx = cx < hw ? hw : cx > fw - hw ? fw - hw : cx;
	a->sc.zy = cy < hh ? hh : cy > fh - hh ? fh - hh : cy;
}

/* Zooming in: towards the middle of the GT and prediction masks shown (what
 * the reader wants to see), not the middle of the film. */
static void
zoom_to_masks(struct app *a)
{
	long i = ui_current(a);
	int t = a->sc.task;
	uint32_t y0 = UINT32_MAX, x0 = UINT32_MAX, y1 = 0, x1 = 0, b[4];
	const struct cx_segentry *e[2];

	if (i < 0)
		return;
	e[0] = model_gt(&a->m, (size_t)i);
	e[1] = model_pred(&a->m, (size_t)i, a->sc.which_pred);
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
	a->sc.zx = (x0 + (double)x1) / 2;
	a->sc.zy = (y0 + (double)y1) / 2;
}

static int
view_main_key(struct app *a, void *data, enum action act, int key)
{
	long i = ui_current(a);
	int t = cx_task_sorted[a->trow];
	int page = LINES - 4 > 1 ? LINES - 4 : 1;

	switch (act) {
	case A_DOWN:
	case A_UP: {
		int d = act == A_DOWN ? 1 : -1;
		if (a->focus == F_LIST)
			move_sel(a, d);
		else if (a->focus == F_TABLE) {
			/* The row under the cursor selects the overlay ('a': all again). */
			a->trow = (a->trow + d + CX_NTASKS) % CX_NTASKS;
			a->sc.task = cx_task_sorted[a->trow];
			return V_REDRAW | V_IMAGE;
		} else {
			a->probe_y += d * (int)(a->pic_h / 40 + 1);
			if (a->probe_y < 0)
				a->probe_y = 0;
			if (a->probe_y >= (int)a->pic_h)
				a->probe_y = (int)a->pic_h - 1;
			return V_REDRAW | V_IMAGE;
		}
		return V_REDRAW;
	}
	case A_PGDOWN:
		move_sel(a, page);
		return V_REDRAW;
	case A_PGUP:
		move_sel(a, -page);
		return V_REDRAW;
	case A_HOME:
		move_sel(a, -(long)a->nvis);
		return V_REDRAW;
	case A_END:
		move_sel(a, (long)a->nvis);
		return V_REDRAW;
	case A_FOCUS:
		a->focus = (a->focus + 1) % 3;
		if (a->focus == F_IMAGE && a->tc.mode == GFX_NONE)
			a->focus = F_LIST;
		a->sc.probe = a->focus == F_IMAGE;
		if (a->sc.probe && a->probe_x == 0 && a->probe_y == 0) {
			a->probe_x = (int)a->pic_w / 2;
			a->probe_y = (int)a->pic_h / 2;
		}
		return V_REDRAW | V_IMAGE;
	case A_SORT:
		a->sort = (a->sort + 1) % SORT_N;
		ui_list_rebuild(a, 1);
		ui_status(a, 0, "sorted by %s", sort_names[a->sort]);
		return V_REDRAW;
	case A_FILTER:
		a->prompting = 'f';
		snprintf(a->pbuf, sizeof a->pbuf, "%s", a->filter);
		snprintf(a->pold, sizeof a->pold, "%s", a->filter);
		return V_REDRAW;
	case A_PATHFILTER: {
		int k = -1;
		for (int j = 0; j < CX_NTASKS; j++)
			if (cx_task_sorted[j] == a->pfilter)
				k = j;
		k++;
		a->pfilter = k < CX_NTASKS ? cx_task_sorted[k] : -1;
		/* Show that pathology's overlay alone, its table row selected. */
		if (k < CX_NTASKS) {
			a->trow = k;
			a->sc.task = a->pfilter;
		} else
			a->sc.task = -1;
		ui_list_rebuild(a, 1);
		return V_REDRAW | V_IMAGE;
	}
	case A_FILTERKIND:
		a->fkind = (a->fkind + 1) % FK_N;
		ui_list_rebuild(a, 1);
		return V_REDRAW;
	case A_FAILING:
		a->failing_only = !a->failing_only;
		ui_list_rebuild(a, 1);
		return V_REDRAW;
	case A_CLEARFILTER:
		a->filter[0] = 0;
		a->pfilter = -1;
		a->failing_only = 0;
		ui_list_rebuild(a, 1);
		return V_REDRAW;
	case A_NEXTFAIL:
		return jump_failing(a, 1);
	case A_PREVFAIL:
		return jump_failing(a, -1);
	case A_ALLPATH:
		a->sc.task = a->sc.task < 0 ? t : -1;
		return V_REDRAW | V_IMAGE;
	case A_OV_GT:
	case A_OV_PRED:
	case A_OV_ERROR:
	case A_OV_HEAT:
	case A_OV_POINTS: {
		static const unsigned bits[] = { OV_GT, OV_PRED, OV_ERROR, OV_HEAT, OV_POINTS };
		a->sc.ov ^= bits[act - A_OV_GT];
		if ((a->sc.ov & (OV_HEAT | OV_POINTS)) && a->m.heat < 0)
			ui_status(a, 0, "no heatmaps in this dataset");
		if ((a->sc.ov & OV_HEAT) && a->sc.task < 0 && a->m.heat >= 0)
			ui_status(a, 0, "heatmaps of all pathologies: the strongest per pixel, "
			    "in its colour; 'a' selects one for the colormap");
		return V_REDRAW | V_IMAGE;
	}
	case A_HEAT_MORE:
	case A_HEAT_LESS:
		a->sc.heat_alpha += act == A_HEAT_MORE ? 0.1f : -0.1f;
		if (a->sc.heat_alpha < 0.05f)
			a->sc.heat_alpha = 0.05f;
		if (a->sc.heat_alpha > 1)
			a->sc.heat_alpha = 1;
		ui_status(a, 0, "heatmap opacity %.0f%%", a->sc.heat_alpha * 100);
		return V_REDRAW | V_IMAGE;
	case A_ZOOMIN:
	case A_ZOOMOUT:
		if (act == A_ZOOMIN && a->sc.zoom == 1 && !a->sc.probe)
			zoom_to_masks(a);
		if (act == A_ZOOMIN && a->sc.zoom < 32)
			a->sc.zoom *= 2;
		else if (act == A_ZOOMOUT && a->sc.zoom > 1)
			a->sc.zoom /= 2;
		if (a->sc.probe && a->cur_ok && a->sc.zoom > 1 && act == A_ZOOMIN) {
			/* Zoom towards the probe. */
			a->sc.zx = a->sc.px;
			a->sc.zy = a->sc.py;
		}
		pan(a, 0, 0);
		return V_REDRAW | V_IMAGE;
	case A_ZOOMRESET:
		a->sc.zoom = 1;
		a->sc.zx = a->sc.zy = -1;
		return V_REDRAW | V_IMAGE;
	case A_PANL: pan(a, -1, 0); return V_REDRAW | V_IMAGE;
	case A_PANR: pan(a, 1, 0); return V_REDRAW | V_IMAGE;
	case A_PANU: pan(a, 0, -1); return V_REDRAW | V_IMAGE;
	case A_PAND: pan(a, 0, 1); return V_REDRAW | V_IMAGE;
	case A_SIDE:
		a->side = !a->side;
		return V_REDRAW | V_IMAGE;
	case A_SECOND:
		if (a->m.pred2 < 0) {
			ui_status(a, 0, "only one prediction file");
			return V_REDRAW;
		}
		a->sc.which_pred = !a->sc.which_pred;
		return V_REDRAW | V_IMAGE;
	case A_PROBE:
		a->sc.probe = !a->sc.probe;
		a->focus = a->sc.probe ? F_IMAGE : F_LIST;
		if (a->sc.probe && a->probe_x == 0 && a->probe_y == 0) {
			a->probe_x = (int)a->pic_w / 2;
			a->probe_y = (int)a->pic_h / 2;
		}
		return V_REDRAW | V_IMAGE;
	case A_THR_UP:
	case A_THR_DOWN: {
		if (a->m.heat < 0) {
			ui_status(a, 0, "live threshold needs heatmaps");
			return V_REDRAW;
		}
		/* From the tuned threshold when the dataset has one. */
		double v = !isnan(a->sc.thr[t]) ? a->sc.thr[t] + (act == A_THR_UP ? 0.05 : -0.05)
		    : a->m.has_thr[t] ? a->m.thr[t] : 0.5;
		v = round(v * 20) / 20;
		a->sc.thr[t] = v < 0 ? 0 : v > 0.95 ? 0.95 : v;
		ui_plot_start(a, t);
		ui_thr_changed(a);
		return V_REDRAW | V_IMAGE;
	}
	case A_THR_RESET:
		a->sc.thr[t] = NAN;
		ui_thr_changed(a);
		return V_REDRAW | V_IMAGE;
	case A_THR_PLOT:
		if (a->m.heat < 0 || a->m.gt < 0)
			ui_status(a, 0, "the plot needs heatmaps and ground truth");
		ui_plot_start(a, t);
		return V_REDRAW;
	case A_MARK:
		if (i >= 0) {
			struct mark *mk = marks_find(a, a->m.ds.cxr[i].id, 1);
			static const char *const names[] = { "none", "ok", "wrong GT", "model failure" };
			mk->kind = (mk->kind + 1) % 4;
			if (marks_save(a) == 0)
				ui_status(a, 0, "mark: %s", names[mk->kind]);
		}
		return V_REDRAW;
	case A_NOTE:
		if (i >= 0) {
			struct mark *mk = marks_find(a, a->m.ds.cxr[i].id, 0);
			a->prompting = 'n';
			snprintf(a->pbuf, sizeof a->pbuf, "%s", mk ? mk->note : "");
		}
		return V_REDRAW;
	case A_EXPORT_MARKS: {
		char msg[600];
		int rc = marks_export_csv(a, "chexplore_marks.csv", msg, sizeof msg);
		ui_status(a, rc != 0, "%s", msg);
		return V_REDRAW;
	}
	case A_STATS:
		ui_stats_start(a);
		ui_push(a, &view_stats_ops, NULL);
		return V_REDRAW;
	case A_HELP:
		ui_push(a, &view_help_ops, NULL);
		return V_REDRAW;
	case A_QUIT:
		return V_QUIT;
	default:
		return V_IGNORED;
	}
}

/* Mouse: rows of the list and the table select; the picture places the probe. */
int
ui_main_mouse(struct app *a, int y, int x, unsigned long bstate)
{
	struct layout l;

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
		size_t k = a->top + (size_t)(y - l.list_y);
		a->focus = F_LIST;
		if (k < a->nvis && k != a->sel) {
			a->sel = k;
			a->img_dirty = 1;
		}
		return V_REDRAW;
	}
	if (x > l.list_w && y > l.table_y && y <= l.table_y + CX_NTASKS) {
		a->trow = y - l.table_y - 1;
		a->focus = F_TABLE;
		a->sc.task = cx_task_sorted[a->trow];
		return V_REDRAW | V_IMAGE;
	}
	if (x >= a->img_col && y >= a->img_row && y < a->img_row + a->img_h && a->pic_w) {
		int cw = a->tc.mode == GFX_SIXEL ? a->tc.cell_w : 1;
		int ch = a->tc.mode == GFX_SIXEL ? a->tc.cell_h : 2;
		a->probe_x = (x - a->img_col) * cw + cw / 2;
		a->probe_y = (y - a->img_row) * ch + ch / 2;
		if (a->side)
			a->probe_x %= (int)(a->pic_w / 2 > 0 ? a->pic_w / 2 : 1);
		if (a->probe_x >= (int)a->pic_w)
			a->probe_x = (int)a->pic_w - 1;
		if (a->probe_y >= (int)a->pic_h)
			a->probe_y = (int)a->pic_h - 1;
		a->sc.probe = 1;
		a->focus = F_IMAGE;
		return V_REDRAW | V_IMAGE;
	}
	return V_IGNORED;
}

static int
view_main_resize(struct app *a, void *data)
{
	return V_REDRAW | V_IMAGE;
}

static void
view_main_free(void *data)
{
}

const struct view_ops view_main_ops = {
	"main", view_main_draw, view_main_key, view_main_resize, view_main_free, 1,
};

/* Probe read-out for the status line. */
void
ui_probe_text(struct app *a, char *buf, size_t n)
{
	long i = ui_current(a);
	const struct cx_segentry *g, *p;
	uint32_t col, row;
	int t = a->sc.task >= 0 ? a->sc.task : cx_task_sorted[a->trow];
	struct cx_err err = { 0 };
	int v = -1;
	double hv = NAN;

	buf[0] = 0;
	if (i < 0 || !a->cur_ok || !a->sc.probe)
		return;
	g = model_gt(&a->m, (size_t)i);
	p = model_pred(&a->m, (size_t)i, a->sc.which_pred);
	col = (uint32_t)a->sc.px;
	row = (uint32_t)a->sc.py;
	if (a->cur.img_ok) {
		uint64_t ix = (uint64_t)col * a->cur.img.w / a->cur.full_w;
		uint64_t iy = (uint64_t)row * a->cur.img.h / a->cur.full_h;
		v = a->cur.img.px[iy * a->cur.img.w + ix];
	}
	if (model_cxr_heat(&a->m, &a->cur, t, &err) == 0)
		hv = cx_compose_heat_at(a->cur.heatn[t], a->cur.heat[t].mh, a->cur.heat[t].mw,
		    a->cur.full_w, a->cur.full_h, col, row);
	const struct cx_rle *pm = p ? &p->m[t] : NULL;
	if (!isnan(a->sc.thr[t]) && a->cur.thr_of[t] == a->sc.thr[t])
		pm = &a->cur.thr_mask[t];
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
