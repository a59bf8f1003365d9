/* view_help: the key table as a scrollable help screen, its text wrapped to
 * the width (an 80-column terminal reads every line whole). A popup over the
 * picture pane when that is big enough (the list and table stay in sight,
 * and leaving rewrites only the pane), else the whole screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "views.h"
#include "xalloc.h"

struct help {
	int top;		/* first line shown */
	int nlines;		/* lines of the page, as last drawn */
	int rows;		/* lines in sight, as last drawn */
	struct ui_box in;	/* where the lines go, as last drawn */
	int col;		/* where the text starts after the key names */
};

/* The key names' column on the whole screen: help text starts there. Names
 * that do not fit go on a line of their own. */
#define HELP_COL	22

/* Put page line *line at row *y of the text's box when in sight; count it. */
static void
help_line(struct app *a, const struct help *h, int *line, int *y, enum theme_role role,
    const char *s)
{
	if ((*line)++ >= h->top && *y < h->in.y + h->in.h) {
		attrset(ui_attr(&a->ui, role));
		ui_put((*y)++, h->in.x, h->in.w, s);
	}
}

/* One key's lines: its names, then its text wrapped at spaces to the width
 * (continuations under the text's column). */
static void
help_key_lines(struct app *a, const struct help *h, int *line, int *y, const char *names,
    const char *text)
{
	int width = h->in.w - h->col - 1 > 20 ? h->in.w - h->col - 1 : 20, first = 1;
	char buf[400];

	while (*text) {
		size_t n = strlen(text);
		if ((int)n > width) {
			n = (size_t)width;
			while (n > 0 && text[n] != ' ')
				n--;
			if (n == 0)
				n = (size_t)width;
		}
		snprintf(buf, sizeof buf, "%-*s%.*s", h->col, first ? names : "", (int)n, text);
		help_line(a, h, line, y, TR_NORMAL, buf);
		text += n;
		while (*text == ' ')
			text++;
		first = 0;
	}
}

/* The title, as long as fits w columns. */
static const char *
help_title(int w)
{
	static const char *const t[] = {
		" chexplore help: keys (Esc or q to close, j/k PgUp/PgDn g/G to scroll)",
		" chexplore help (Esc/q: close; j/k PgUp/PgDn g/G: scroll)",
		" chexplore help (Esc/q: close; j/k PgUp/PgDn: scroll)",
		" chexplore help (Esc/q: close)",
	};
	size_t k = 0;

	while (k + 1 < sizeof t / sizeof t[0] && (int)strlen(t[k]) > w)
		k++;
	return t[k];
}

/* A key's names ("  PgDn Space"): of k and its aliases after it; length. */
static int
help_names(const struct keybind *k, char *names, size_t cap)
{
	int n = snprintf(names, cap, "  %s", k->name);

	for (const struct keybind *al = k + 1; al->name && !al->help && n < (int)cap; al++)
		n += snprintf(names + n, cap - (size_t)n, " %s", al->name);
	return n;
}

/* The popup's names column: as wide as the longest names that fit
 * HELP_COL, for the text's sake in a narrow pane. */
static int
help_popup_col(void)
{
	char names[200];
	int col = 0;

	for (const struct keybind *k = ui_keys; k->name; k++) {
		int n = k->help ? help_names(k, names, sizeof names) : 0;
		if (n < HELP_COL && n + 2 > col)
			col = n + 2;
	}
	return col;
}

/* The text's box: inside the popup's frame, or the screen below the title. */
static void
help_frame(struct app *a, struct help *h)
{
	struct ui *u = &a->ui;

	if (u->popup.h > 0) {
		ui_popup_frame(u, help_title(u->popup.w), &h->in);
		h->col = help_popup_col();
		return;
	}
	attrset(ui_attr(u, TR_TITLE));
	ui_put(0, 0, COLS, help_title(COLS));
	h->in = (struct ui_box){ 1, 0, LINES - 2, COLS };
	h->col = HELP_COL;
}

static void
help_draw(struct app *a, void *data)
{
	struct help *h = data;
	int line = 0, y;
	char names[200];

	help_frame(a, h);
	h->rows = h->in.h > 1 ? h->in.h : 1;
	y = h->in.y;
	for (const struct keybind *k = ui_keys; k->name; k++) {
		if (!k->help)
			continue;
		if (k->section)
			help_line(a, h, &line, &y, TR_HEADER, k->section);
		if (help_names(k, names, sizeof names) >= h->col) {
			/* names too long for their column: the text on the next line */
			help_line(a, h, &line, &y, TR_NORMAL, names);
			names[0] = 0;
		}
		help_key_lines(a, h, &line, &y, names, k->help);
	}
	h->nlines = line;
	attrset(ui_attr(&a->ui, TR_NORMAL));
	while (y < h->in.y + h->in.h)
		ui_put(y++, h->in.x, h->in.w, "");
}

static int
help_max(const struct help *h)
{
	return h->nlines - h->rows > 0 ? h->nlines - h->rows : 0;
}

static int
help_key(struct app *a, void *data, enum action act, int key)
{
	struct help *h = data;
	int max = help_max(h);

	if (act == A_HOME || act == A_END) {
		h->top = act == A_HOME ? 0 : max;
		return V_REDRAW;
	}
	int r = ui_scroll_page(&h->top, max, h->rows, act);
	return r != V_IGNORED ? r : ui_text_key(act, A_HELP);
}

/* The wheel scrolls the help; nothing else of the mouse does anything (the
 * list beneath a popup is not the mouse's while help is up). */
static int
help_mouse(struct app *a, void *data, int y, int x, unsigned long bstate)
{
	struct help *h = data;
	int top = h->top + 3 * ui_wheel(bstate);

	if (ui_wheel(bstate) == 0)
		return V_IGNORED;
	h->top = top > help_max(h) ? help_max(h) : top < 0 ? 0 : top;
	return V_REDRAW;
}

const struct view_ops view_help_ops = {
	.name = "help", .draw = help_draw, .key = help_key, .mouse = help_mouse,
	.resize = ui_resize_redraw, .free = free, .popup = 1,
};

void
view_help_open(struct app *a)
{
	ui_push(&a->ui, &view_help_ops, cx_xcalloc(1, sizeof(struct help)));
	((struct help *)ui_top(&a->ui)->data)->nlines = 1000;
}
