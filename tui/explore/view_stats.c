/* view_stats: the statistics screen — per pathology n, mIoU and hit rate
 * with bootstrap CIs (as eval computes them), pixel precision / recall /
 * specificity, an IoU histogram, the paired difference of two prediction
 * files; rows at a live threshold re-scored over every CXR. Computed by the
 * workers; this only draws what they sent. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "escape.h"
#include "views.h"
#include "xalloc.h"

/* The screen scrolls (80x24 cuts it): its page is drawn at page rows — 0
 * the title and 1 the header, which stay, the rest shifted by the vertical
 * scroll — and every line but the title cut on the left by the horizontal
 * one. stats_page's ui_put calls go through stats_put (the macro below), so
 * a line added there scrolls too. */
struct stats_view {
	int	top, left;		/* scrolled by rows, columns */
	int	rows, cols;		/* the page's size, as last drawn */
	int	measure;		/* a pass that only measures */
};

/* The columns that stay on a line scrolled sideways: " " and the
 * pathology's 27. */
#define FROZEN	28

/* The view being drawn (stats_draw sets it; the event loop thread only). */
static struct stats_view *drawing;

/* The page rows from 2 on that the screen shows: up to the status line,
 * less the indicator's row when the page is taller. */
static int
body_rows(const struct stats_view *v)
{
	int h = LINES - 1 - 2;

	if (v->rows - 2 > h || v->cols > COLS)
		h--;
	return h > 1 ? h : 1;
}

static int
text_cols(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* s from its column n on (whole UTF-8 characters). */
static const char *
skip_cols(const char *s, int n)
{
	while (*s && n > 0) {
		s++;
		while (((unsigned char)*s & 0xc0) == 0x80)
			s++;
		n--;
	}
	return s;
}

static void
stats_put(int y, int x, int w, const char *s)
{
	struct stats_view *v = drawing;
	int cols = x + text_cols(s);

	if (y + 1 > v->rows)
		v->rows = y + 1;
	if (y > 0 && cols > v->cols)
		v->cols = cols;
	if (v->measure)
		return;
	if (y >= 2) {
		y -= v->top;
		if (y < 2 || y >= 2 + body_rows(v))
			return;
	}
	/* A line wider than the screen scrolls, its first FROZEN columns (the
	 * pathology) staying; one that fits stays as it is. */
	if (y > 0 && v->left > 0 && x == 0 && cols > COLS && w > FROZEN) {
		char head[FROZEN * 4 + 1];
		const char *rest = skip_cols(s, FROZEN);
		snprintf(head, sizeof head, "%.*s", (int)(rest - s), s);
		ui_put(y, 0, FROZEN, head);
		ui_put(y, FROZEN, w - FROZEN, skip_cols(rest, v->left));
		return;
	}
	ui_put(y, x, w, s);
}

#define ui_put	stats_put


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

/* A value of the table: "-" where there is none (NaN), as the CLI's tables
 * print it (cx_fmt_table). */
static void
num3(char b[16], double v)
{
	snprintf(b, 16, isnan(v) ? "-" : "%.3f", v);
}

static void
stats_page(struct app *a)
{
	static const char spark[9][4] = { " ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585",
		"\u2586", "\u2587", "\u2588" };
	const struct stats *st = a->w.stats;
	char line[700], m1[64], m2[64], m3[64];
	int y = 1;

	/* The title (a row that never scrolls) says what is scored: the method
	 * shown and how its masks were made. */
	char scored[400] = "";
	if (st && (size_t)st->meth < a->m.meth.n) {
		const struct method *me = &a->m.meth.m[st->meth];
		char esc[300];
		snprintf(scored, sizeof scored, " | scored: %s (%s)%s | D: the %zu method%s compared",
		    cx_escape_buf(me->name, esc, sizeof esc), me->how, st->meth == a->m.meth.base
		    && a->m.meth.n > 1 ? ", the baseline" : "", a->m.meth.n, a->m.meth.n == 1 ? "" : "s");
	}
	snprintf(line, sizeof line, " chexplore statistics (bootstrap 95%% CI, 1000 replicates, "
	    "seed 0)%s  Esc/q: back", scored);
	attrset(ui_attr(&a->ui, TR_TITLE));
	ui_put(0, 0, COLS, line);
	attrset(ui_attr(&a->ui, TR_HEADER));
	/* mIoU and hit rate: the summary CSV's values (the bootstrap
	 * replicates' mean); "plain": the mean of the per-CXR values, labelled
	 * as eval's table and stats' *_plain columns label it. */
	snprintf(line, sizeof line, " %-27s %6s %4s %-23s %6s %-23s %6s %6s %6s %6s  %s",
	    "pathology", "thr", "n", "mIoU [CI]", "plain", "hit rate [CI]", "plain", "prec",
	    "recall", "spec", "IoU histogram 0..1");
	ui_put(y++, 0, COLS, line);
	if (!st) {
		attrset(ui_attr(&a->ui, TR_DIM));
		ui_put(y++, 0, COLS, a->w.stats_running || a->w.stats_wait ? " computing..."
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
		char v[5][16];
		/* no value scored (a salient-point method has no masks): "-" */
		num3(v[0], st->iou[t].n ? st->iou[t].mean : NAN);
		num3(v[1], st->has_hit && st->hit[t].n ? st->hit[t].mean : NAN);
		num3(v[2], pok && pc->tp + pc->fp ? (double)pc->tp / (pc->tp + pc->fp) : NAN);
		num3(v[3], pok && pc->tp + pc->fn ? (double)pc->tp / (pc->tp + pc->fn) : NAN);
		num3(v[4], pok && pc->tn + pc->fp ? (double)pc->tn / (pc->tn + pc->fp) : NAN);
		snprintf(line, sizeof line, " %-27s %6s %4zu %-23s %6s %-23s %6s %6s %6s %6s"
		    "  |%s|", cx_task_names[t], m3,
		    st->iou[t].n || !st->has_hit ? st->iou[t].n : st->hit[t].n, m1, v[0], m2, v[1], v[2], v[3],
		    v[4], hist);
		attrset(ui_attr(&a->ui, TR_NORMAL));
		ui_put(y++, 0, COLS, line);
	}
	if (st && st->has_diff) {
		y++;
		attrset(ui_attr(&a->ui, TR_HEADER));
		ui_put(y++, 0, COLS, " paired difference of mIoU, first minus second prediction file");
		for (int k = 0; k < CX_NTASKS; k++) {
			int t = cx_task_sorted[k];
			ci_str(m1, sizeof m1, &st->diff[t]);
			snprintf(line, sizeof line, " %-27s %4zu %s", cx_task_names[t], st->diff[t].n, m1);
			attrset(ui_attr(&a->ui, TR_NORMAL));
			ui_put(y++, 0, COLS, line);
		}
	}
	if (st) {
		int live = 0;
		for (int t = 0; t < CX_NTASKS; t++)
			live |= !isnan(st->thr[t]);
		if (live) {
			attrset(ui_attr(&a->ui, TR_DIM));
			ui_put(y++, 0, COLS, " (thr *: the pathology re-scored at its live threshold over "
			    "every CXR, as eval would score segment --thresholds)");
		}
	}
	if (st && (a->w.stats_running || a->w.stats_wait)) {
		attrset(ui_attr(&a->ui, TR_DIM));
		ui_put(y++, 0, COLS, " (scoring the current thresholds...)");
	}
	if (st && st->err[0]) {
		attrset(ui_attr(&a->ui, TR_ERROR));
		ui_put(y++, 0, COLS, st->err);
	}
	if (a->m.gt < 0 || (a->m.pred < 0 && !a->m.derive)) {
		attrset(ui_attr(&a->ui, TR_DIM));
		ui_put(y++, 0, COLS, " (mIoU needs a GT and a prediction segmentation file)");
	} else if (a->m.derive) {
		attrset(ui_attr(&a->ui, TR_DIM));
		ui_put(y++, 0, COLS, a->w.hits_running
		    ? " (predictions derived from the heatmaps: mIoU once every CXR is done)"
		    : " (predictions derived from the heatmaps, thresholds as in the table's thr/cut)");
	}
}

#undef ui_put

/* The scroll kept in range of the page. */
static void
clamp_scroll(struct stats_view *v)
{
	int maxt = v->rows - 2 - body_rows(v), maxl = v->cols - COLS;

	v->top = v->top > maxt ? maxt : v->top;
	v->top = v->top < 0 ? 0 : v->top;
	v->left = v->left > maxl ? maxl : v->left;
	v->left = v->left < 0 ? 0 : v->left;
}

static void
stats_draw(struct app *a, void *data)
{
	struct stats_view *v = data;
	char line[300];
	int y, n = 0, h;

	/* Measure the page, then draw the part in sight and, when there is
	 * more, say where the screen is and how to move. */
	drawing = v;
	v->rows = v->cols = 0;
	v->measure = 1;
	stats_page(a);
	clamp_scroll(v);
	v->rows = v->cols = 0;
	v->measure = 0;
	stats_page(a);
	drawing = NULL;
	h = body_rows(v);
	attrset(ui_attr(&a->ui, TR_NORMAL));
	for (y = v->rows - v->top > 2 ? v->rows - v->top : 2; y < 2 + h; y++)
		ui_put(y, 0, COLS, "");
	if (v->rows - 2 > h || v->cols > COLS) {
		if (v->rows - 2 > h)
			n += snprintf(line + n, sizeof line - (size_t)n, " lines %d-%d/%d%s%s  j/k "
			    "PgUp/PgDn g/G", v->top + 1, v->top + h < v->rows - 2 ? v->top + h
			    : v->rows - 2, v->rows - 2, v->top > 0 ? " \u2191" : "",
			    v->top + h < v->rows - 2 ? " \u2193more" : "");
		if (v->cols > COLS)
			snprintf(line + n, sizeof line - (size_t)n, "  columns \u2190%d \u2192%d  h/l",
			    v->left, v->cols - COLS - v->left);
		attrset(ui_attr(&a->ui, TR_DIM));
		ui_put(2 + h, 0, COLS, line);
	}
}

static int
stats_key(struct app *a, void *data, enum action act, int key)
{
	struct stats_view *v = data;
	int page = body_rows(v) > 1 ? body_rows(v) - 1 : 1;

	switch (act) {
	case A_HELP:
		view_help_open(a);
		return V_REDRAW;
	case A_SORT_DIFF:	/* D: the methods compared */
		view_compare_open(a);
		return V_REDRAW;
	case A_DOWN: v->top++; break;
	case A_UP: v->top--; break;
	case A_PGDOWN: v->top += page; break;
	case A_PGUP: v->top -= page; break;
	case A_HOME: v->top = 0; break;
	case A_END: v->top = v->rows; break;
	case A_PROBE_RIGHT: v->left += 10; break;
	case A_PROBE_LEFT: v->left -= 10; break;
	default:
		return ui_text_key(act, A_STATS);
	}
	clamp_scroll(v);
	return V_REDRAW;
}

const struct view_ops view_stats_ops = {
	.name = "stats", .draw = stats_draw, .key = stats_key, .resize = ui_resize_redraw,
	.free = free,
};

void
view_stats_open(struct app *a)
{
	workers_stats_start(&a->w, &a->m, a->pic.sc.thr);
	ui_push(&a->ui, &view_stats_ops, cx_xcalloc(1, sizeof(struct stats_view)));
}
