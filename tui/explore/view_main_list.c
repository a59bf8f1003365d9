/* view_main_list: the main screen's study list — a header naming the
 * columns (the sorted one with its arrow) and one line per visible CXR, the
 * cells from studylist_cols, so a column added there shows here too. */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "view_main.h"

/* The arrow of the column sorted by: smallest first (up) or largest. */
const char *
main_sort_arrow(const struct studylist *l)
{
	return l->desc ? "\u2193" : "\u2191";
}

/* Columns of a UTF-8 string (one a character). */
static int
text_cols(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A cell of width w (the id column: left-aligned), to line at *k: text
 * cut to fit; the header's sorted column keeps its arrow. */
static void
put_cell(char *line, size_t cap, int *k, const char *text, int w, int left, const char *arrow)
{
	char t[300];
	int tw;

	snprintf(t, sizeof t, "%s", text);
	tw = text_cols(t) + (arrow ? 1 : 0);
	if (tw > w) {
		/* cut to w columns (arrow included), at a character boundary */
		int keep = w - (arrow ? 1 : 0), c = 0;
		char *p = t;
		while (*p && c < keep) {
			p++;
			while (((unsigned char)*p & 0xc0) == 0x80)
				p++;
			c++;
		}
		*p = 0;
		tw = c + (arrow ? 1 : 0);
	}
	if (*k >= (int)cap)
		return;
	*k += snprintf(line + *k, cap - (size_t)*k, "%*s%s%s%*s", left ? 0 : w - tw, "", t,
	    arrow ? arrow : "", left ? w - tw : 0, "");
}

/* One line of the list: the cells of every column, one space apart (the
 * id column takes what the others leave); header when i is (size_t)-1. */
static void
list_line(const struct app *a, size_t i, int width, char *line, size_t cap)
{
	const struct studylist *l = &a->list;
	int k = 0, idw = width;

	for (int c = 0; c < SL_NCOLS; c++)
		if (studylist_cols[c].width && studylist_col_on(l, c))
			idw -= studylist_cols[c].width + 1;
	if (idw < 4)
		idw = 4;
	line[0] = 0;
	for (int c = 0; c < SL_NCOLS; c++) {
		const struct studylist_col *col = &studylist_cols[c];
		char cell[300], esc[300];
		if (!studylist_col_on(l, c))
			continue;
		int w = col->width ? col->width : idw;
		const char *h = l->pfilter >= 0 && col->head_path ? col->head_path : col->head;
		/* The header's arrow: in the space before a right-aligned head that
		 * fills its column ("pos" over 3 columns), else in the column. */
		int sep_arrow = i == (size_t)-1 && c == l->sort && c && col->width &&
		    text_cols(h) >= w;
		if (c && k < (int)cap - 4)
			k += snprintf(line + k, cap - (size_t)k, "%s", sep_arrow ? main_sort_arrow(l) : " ");
		if (i == (size_t)-1) {
			put_cell(line, cap, &k, h, w, !col->width, c == l->sort && !sep_arrow
			    ? main_sort_arrow(l) : NULL);
		} else {
			col->cell(l, i, cell, sizeof cell);
			if (c == SL_COL_WORST && main_pred_pending(a, i))
				snprintf(cell, sizeof cell, ".");	/* masks still being made */
			put_cell(line, cap, &k, cx_escape_buf(cell, esc, sizeof esc), w, !col->width,
			    NULL);
		}
	}
}

void
main_list_draw(struct app *a, int y, int w, int h)
{
	char line[512];

	/* the diff column's pathology without a filter: the table's */
	a->list.dtask = app_table_task(a);
	attrset(ui_attr(&a->ui, TR_HEADER));
	list_line(a, (size_t)-1, w - 1, line, sizeof line);
	ui_put(1, 0, w, line);
	if (a->list.sel < a->list.top)
		a->list.top = a->list.sel;
	if (h > 0 && a->list.sel >= a->list.top + (size_t)h)
		a->list.top = a->list.sel - (size_t)h + 1;
	for (int r = 0; r < h; r++) {
		size_t k = a->list.top + (size_t)r;
		if (k >= a->list.nvis)
			break;
		size_t i = a->list.vis[k];
		list_line(a, i, w - 1, line, sizeof line);
		if (k == a->list.sel)
			attrset(ui_attr(&a->ui, a->main.focus == F_LIST ? TR_SELECT : TR_SELECT_DIM));
		else if (studylist_failing(&a->list, i))
			attrset(ui_attr(&a->ui, TR_FAIL));
		else
			attrset(ui_attr(&a->ui, TR_NORMAL));
		ui_put(y + r, 0, w, line);
		if (k == a->list.sel)
			mvchgat(y + r, 0, w,
			    ui_attr(&a->ui, a->main.focus == F_LIST ? TR_SELECT : TR_SELECT_DIM) & ~A_COLOR,
			    (short)PAIR_NUMBER(ui_attr(&a->ui, a->main.focus == F_LIST ? TR_SELECT : TR_SELECT_DIM)),
			    NULL);
	}
	if (a->list.nvis == 0) {
		attrset(ui_attr(&a->ui, TR_DIM));
		ui_put(y, 2, w - 2, "(no CXR matches the filters)");
	}
	attrset(ui_attr(&a->ui, TR_BORDER));
	mvvline(1, w, ACS_VLINE, LINES - 2);
}

