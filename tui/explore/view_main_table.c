/* view_main_table: the main screen's pathology table — one row per
 * pathology of the selected CXR (IoU as eval computes it, hit/miss, GT and
 * prediction areas, probability, review mark, threshold, label, cutoff), its
 * columns by priority, scrolled on narrow terminals, the header naming the
 * prediction shown. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "labels.h"
#include "view_main.h"

void
main_fmt_num(char *b, size_t n, double v, const char *f)
{
	if (isnan(v))
		snprintf(b, n, "%s", "-");
	else
		snprintf(b, n, f, v);
}

int
main_pred_pending(const struct app *a, size_t i)
{
	const struct model *m = &a->m;
	const struct method *me = (size_t)m->shown < m->meth.n ? &m->meth.m[m->shown] : NULL;

	if (!me)
		return 0;
	if (me->kind == METH_HEAT)
		return !me->der_done[i];
	return me->kind == METH_MAIN && m->derive && !m->row[i].hits_done;
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

/* What the prediction columns show: the method and how its masks were made
 * (a file, derived from heatmaps, a live threshold of the table's
 * pathology) — and when a prediction file could not be read, that it was
 * not. */
static void
pred_source(const struct app *a, char *buf, size_t n)
{
	const struct model *m = &a->m;
	const struct method *me = (size_t)m->shown < m->meth.n ? &m->meth.m[m->shown] : NULL;
	char e2[300], live[64] = "", mth[32] = "";
	int t = app_table_task(a);

	/* The table's pathology at a live threshold: the heatmap method
	 * shown binarized, else the dataset's heatmaps (model_heat_src). */
	if (!isnan(a->pic.sc.thr[t]) && model_has_heatmaps(m))
		snprintf(live, sizeof live, "; threshold %.2f (live)", a->pic.sc.thr[t]);
	if (m->meth.n >= 2)
		snprintf(mth, sizeof mth, " [%d/%zu%s]", m->shown + 1, m->meth.n,
		    m->shown == m->meth.base ? " baseline" : "");
	if (me)
		snprintf(buf, n, "  pred: %s (%s)%s%s%s", cx_escape_buf(me->name, e2, sizeof e2),
		    me->how, mth, live, m->pred_failed && m->shown == 0 && m->pred < 0
		    ? " (pred file failed: !)" : "");
	else if (m->pred_failed)
		snprintf(buf, n, "  pred: none (pred file failed: !)");
	else
		buf[0] = 0;
}

/* The table's columns, in the order shown: by priority, so that on a
 * narrow pane the pathology, IoU, hit, GT and prediction areas and the
 * probability come first (an 80-column terminal still shows what a reader
 * looks for); the columns that do not fit scroll in (h/l or the arrows
 * without the probe), the pathology's name staying. */
enum { COL_NAME, COL_IOU, COL_HIT, COL_GT, COL_PRED, COL_PROB, COL_MARK, COL_THR, COL_LBL,
	COL_CUT, COL_N };
static const struct column {
	const char	*head;
	int		 width;		/* after one space */
} columns[COL_N] = {
	[COL_NAME] = { "pathology", 0 }, [COL_IOU] = { "IoU", 6 }, [COL_HIT] = { "hit", 5 },
	[COL_GT] = { "GT %", 7 }, [COL_PRED] = { "pred %", 7 }, [COL_PROB] = { "prob", 6 },
	[COL_MARK] = { "mark", 4 }, [COL_THR] = { "thr", 6 }, [COL_LBL] = { "lbl", 3 },
	[COL_CUT] = { "cut", 5 },
};

/* Which columns show in w (show[c]) with the table scrolled by *scroll
 * columns (clamped: no further than the last column in sight), whether
 * columns are out of sight on the left (*left) or the right (*right); the
 * pathology column's width. */
static int
fit_columns(int w, int hascut, int *scroll, int show[COL_N], int *left, int *right)
{
	int avail[COL_N], na = 0, need = 0, nw, s, tail = 0, last = -1;

	for (int c = 1; c < COL_N; c++)
		if (c != COL_CUT || hascut)
			avail[na++] = c;
	/* A 12-column name stays; the furthest scroll shows the last column. */
	int budget = w - 1 - 12, maxs = na;
	for (int k = na - 1; k >= 0 && tail + 1 + columns[avail[k]].width <= budget; k--) {
		tail += 1 + columns[avail[k]].width;
		maxs = k;
	}
	s = *scroll < 0 ? 0 : *scroll > maxs ? maxs : *scroll;
	*scroll = s;
	for (int c = 0; c < COL_N; c++)
		show[c] = c == COL_NAME;
	for (int k = s; k < na && need + 1 + columns[avail[k]].width <= budget; k++) {
		show[avail[k]] = 1;
		need += 1 + columns[avail[k]].width;
		last = k;
	}
	*left = s > 0;
	*right = last < na - 1;
	nw = w - 1 - need - (*right ? 2 : 0);
	return nw > 26 ? 26 : nw < 10 ? 10 : nw;
}

/* One line of the table from its cells. */
static void
table_line(char *line, size_t n, const int show[COL_N], int nw, const char *const cell[COL_N])
{
	int k = snprintf(line, n, " %-*.*s", nw, nw, cell[COL_NAME]);

	for (int c = 1; c < COL_N && k < (int)n; c++)
		if (show[c])
			k += snprintf(line + k, n - (size_t)k, " %*s", columns[c].width, cell[c]);
}

void
main_table_draw(struct app *a, int y, int x, int w, long i)
{
	char line[512], g[16], p[16], iou[16], pr[16], th[16], cut[16], mk[8];
	const struct model_row *r;
	int show[COL_N], hascut = 0, nw, n, left, right;

	attrset(ui_attr(&a->ui, TR_HEADER));
	/* The probability-cutoff column only when cutoffs apply (derived
	 * predictions and a probability_tuning_results.csv). */
	const struct method *me = (size_t)a->m.shown < a->m.meth.n ? &a->m.meth.m[a->m.shown] : NULL;
	int heat = me && me->kind == METH_HEAT;
	for (int t = 0; t < CX_NTASKS; t++)
		hascut |= heat ? me->has_cut[t] : me && me->kind == METH_MAIN && a->m.pred < 0
		    && a->m.derive && a->m.has_cut[t];
	nw = fit_columns(w, hascut, &a->main.tcol, show, &left, &right);
	{
		const char *head[COL_N];
		for (int c = 0; c < COL_N; c++)
			head[c] = columns[c].head;
		/* Columns out of sight: \u00ab on the left, \u00bb on the right. */
		if (left)
			head[COL_NAME] = "pathology \u00ab";
		table_line(line, sizeof line, show, nw, head);
	}
	n = (int)strlen(line);
	if (right)
		n += snprintf(line + n, sizeof line - (size_t)n, " \u00bb");
	pred_source(a, line + n, sizeof line - (size_t)n);
	ui_put(y, x, w, line);
	if (i < 0)
		return;
	r = &a->m.row[i];
	/* The rows' numbers are the method shown's (model_show). */
	for (int k = 0; k < CX_NTASKS; k++) {
		int t = cx_task_sorted[k];
		double iouv = r->iou[t];
		double pa = r->pred_area[t];
		const char *cell[COL_N];
		/* Live threshold: the exact IoU of the thresholded heatmap. */
		if (!isnan(a->pic.sc.thr[t]) && a->pic.cur_ok && (long)a->pic.cur.i == i
		    && a->pic.cur.thr_of[t] == a->pic.sc.thr[t]) {
			const struct cx_segentry *ge = model_gt(&a->m, (size_t)i);
			uint64_t in, un, ar = cx_rle_area(&a->pic.cur.thr_mask[t]);
			pa = (double)ar / ((double)a->pic.cur.full_w * a->pic.cur.full_h);
			iouv = NAN;
			if (ge && ar && cx_rle_area(&ge->m[t]) && ge->m[t].h == a->pic.cur.thr_mask[t].h
			    && ge->m[t].w == a->pic.cur.thr_mask[t].w) {
				cx_rle_inter_union(&ge->m[t], &a->pic.cur.thr_mask[t], &in, &un);
				iouv = un ? (double)in / un : NAN;
			}
		}
		main_fmt_num(g, sizeof g, r->gt_area[t] * 100, "%.2f");
		main_fmt_num(p, sizeof p, pa * 100, "%.2f");
		main_fmt_num(iou, sizeof iou, iouv, "%.3f");
		main_fmt_num(pr, sizeof pr, r->prob[t], "%.3f");
		if (isnan(a->pic.sc.thr[t]) && main_pred_pending(a, (size_t)i))
			snprintf(p, sizeof p, "...");
		/* The threshold the prediction on screen was made with ("no map":
		 * a live threshold whose heatmap did not load, the method's mask
		 * drawn and scored). */
		if (!isnan(a->pic.sc.thr[t]) && a->pic.cur_ok && (long)a->pic.cur.i == i
		    && a->pic.cur.heat_ok[t] < 0)
			snprintf(th, sizeof th, "no map");
		else if (!isnan(a->pic.sc.thr[t]))
			snprintf(th, sizeof th, "%.2f*", a->pic.sc.thr[t]);
		else
			model_thr_label(&a->m, t, th, sizeof th);
		if (heat ? me->has_cut[t] : a->m.has_cut[t])
			snprintf(cut, sizeof cut, "%.2f", heat ? me->cut[t] : a->m.cut[t]);
		else
			snprintf(cut, sizeof cut, "-");
		{
			static const char letter[MARK_NKINDS] = { ' ', 'o', 'G', 'M' };
			const struct mark *m = marks_find(&a->marks, a->m.ds.cxr[i].id, t);
			snprintf(mk, sizeof mk, "%c%s", m ? letter[m->kind] : ' ',
			    m && m->note[0] ? "*" : " ");
		}
		cell[COL_MARK] = mk;
		cell[COL_NAME] = cx_task_names[t];
		cell[COL_LBL] = label_str(r->label[t]);
		cell[COL_GT] = g;
		cell[COL_PRED] = p;
		cell[COL_IOU] = iou;
		if (model_shown_points(&a->m))	/* a salient-point method: its own, at once */
			cell[COL_HIT] = isnan(r->hit[t]) ? "-" : r->hit[t] ? "hit" : "MISS";
		else
			cell[COL_HIT] = a->m.heat < 0 ? "" : r->heat_failed & (1u << t) ? "err"
			    : !r->hits_done ? "..." : isnan(r->hit[t]) ? "-" : r->hit[t] ? "hit" : "MISS";
		cell[COL_PROB] = pr;
		cell[COL_THR] = th;
		cell[COL_CUT] = cut;
		table_line(line, sizeof line, show, nw, cell);
		if (k == a->main.trow)
			attrset(ui_attr(&a->ui, a->main.focus == F_TABLE ? TR_SELECT : TR_SELECT_DIM));
		else if ((!isnan(iouv) && iouv < a->m.fail_iou) || r->hit[t] == 0)
			attrset(ui_attr(&a->ui, TR_FAIL));
		else if (r->gt_area[t] > 0)
			attrset(ui_attr(&a->ui, TR_NORMAL) | A_BOLD);
		else
			attrset(ui_attr(&a->ui, TR_DIM));
		ui_put(y + 1 + k, x, w, line);
		if (k == a->main.trow && w > 0)
			mvchgat(y + 1 + k, x, w,
			    ui_attr(&a->ui, a->main.focus == F_TABLE ? TR_SELECT : TR_SELECT_DIM) & ~A_COLOR,
			    (short)PAIR_NUMBER(ui_attr(&a->ui, a->main.focus == F_TABLE ? TR_SELECT : TR_SELECT_DIM)),
			    NULL);
		/* Legend: a swatch in the overlay colour where the GT is drawn. */
		if (r->gt_area[t] > 0 && !a->ui.nocolor && COLORS >= 8 && w > 0) {
			attrset(COLOR_PAIR(UI_PAIR_PAL + t));
			mvaddstr(y + 1 + k, x, "\u258c");
		}
	}
}

