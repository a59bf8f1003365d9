/* view_problems: every data file that failed or was partly read, as
 * "file:place: message", wrapped to the width and scrollable — what the
 * status line's "N problems" badge is about. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "views.h"
#include "xalloc.h"

struct problems {
	int top;		/* first screen line shown */
};

/* Lines of s wrapped at w columns (escaped ASCII: a byte a column). */
static int
wrapped_lines(const char *s, int w)
{
	int n = (int)strlen(s);

	return w > 0 && n > 0 ? (n + w - 1) / w : 1;
}

static void
problems_draw(struct app *a, void *data)
{
	struct problems *p = data;
	const struct model *m = &a->m;
	char title[200], esc[4096];
	int y = 1, line = 0, w = COLS - 3;

	snprintf(title, sizeof title, " chexplore problems: %zu (Esc or q to close, j/k to scroll)",
	    m->nproblems);
	attrset(ui_attr(&a->ui, TR_TITLE));
	ui_put(0, 0, COLS, title);
	if (m->nproblems == 0) {
		attrset(ui_attr(&a->ui, TR_DIM));
		ui_put(y++, 0, COLS, " every file was read");
	}
	for (size_t k = 0; k < m->nproblems && y < LINES - 1; k++) {
		int nl;
		cx_escape_buf(m->problems[k], esc, sizeof esc);
		nl = wrapped_lines(esc, w);
		for (int j = 0; j < nl && y < LINES - 1; j++, line++) {
			if (line < p->top)
				continue;
			attrset(ui_attr(&a->ui, TR_ERROR));
			ui_put(y, 0, 1, j == 0 ? "!" : " ");
			attrset(ui_attr(&a->ui, TR_NORMAL));
			ui_put(y++, 2, COLS - 2, esc + (size_t)j * (size_t)w);
		}
	}
	attrset(ui_attr(&a->ui, TR_NORMAL));
	while (y < LINES - 1)
		ui_put(y++, 0, COLS, "");
}

static int
problems_key(struct app *a, void *data, enum action act, int key)
{
	struct problems *p = data;
	int r = ui_scroll(&p->top, (int)a->m.nproblems * 8, act);

	if (r != V_IGNORED)
		return r;
	if (act == A_HELP) {
		view_help_open(a);
		return V_REDRAW;
	}
	return ui_text_key(act, A_PROBLEMS);
}

const struct view_ops view_problems_ops = {
	.name = "problems", .draw = problems_draw, .key = problems_key,
	.resize = ui_resize_redraw, .free = free,
};

void
view_problems_open(struct app *a)
{
	ui_push(&a->ui, &view_problems_ops, cx_xcalloc(1, sizeof(struct problems)));
}
