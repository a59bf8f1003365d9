/* view_help: the key table as a scrollable help screen, its text wrapped to
 * the width (an 80-column terminal reads every line whole). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "views.h"
#include "xalloc.h"

struct help {
	int top;		/* first line shown */
	int nlines;		/* lines of the page, as last drawn */
};

/* The key names' column: help text starts there. */
#define HELP_COL	22

/* Put page line *line at screen row *y when in sight; count it. */
static void
help_line(struct app *a, const struct help *h, int *line, int *y, enum theme_role role,
    const char *s)
{
	if ((*line)++ >= h->top && *y < LINES - 1) {
		attrset(ui_attr(&a->ui, role));
		ui_put((*y)++, 0, COLS, s);
	}
}

/* One key's lines: its names, then its text wrapped at spaces to the width
 * (continuations under the text's column). */
static void
help_key_lines(struct app *a, const struct help *h, int *line, int *y, const char *names,
    const char *text)
{
	int width = COLS - HELP_COL - 1 > 20 ? COLS - HELP_COL - 1 : 20, first = 1;
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
		snprintf(buf, sizeof buf, "%-*s%.*s", HELP_COL, first ? names : "", (int)n, text);
		help_line(a, h, line, y, TR_NORMAL, buf);
		text += n;
		while (*text == ' ')
			text++;
		first = 0;
	}
}

static void
help_draw(struct app *a, void *data)
{
	struct help *h = data;
	int y = 1, line = 0;
	char names[200];

	attrset(ui_attr(&a->ui, TR_TITLE));
	ui_put(0, 0, COLS, " chexplore help: keys (Esc or q to close, j/k PgUp/PgDn g/G to scroll)");
	for (const struct keybind *k = ui_keys; k->name; k++) {
		const struct keybind *al;
		int n;
		if (!k->help)
			continue;
		if (k->section)
			help_line(a, h, &line, &y, TR_HEADER, k->section);
		n = snprintf(names, sizeof names, "  %s", k->name);
		for (al = k + 1; al->name && !al->help; al++)
			n += snprintf(names + n, sizeof names - (size_t)n, " %s", al->name);
		if (n >= HELP_COL) {
			/* names too long for their column: the text on the next line */
			help_line(a, h, &line, &y, TR_NORMAL, names);
			names[0] = 0;
		}
		help_key_lines(a, h, &line, &y, names, k->help);
	}
	h->nlines = line;
	attrset(ui_attr(&a->ui, TR_NORMAL));
	while (y < LINES - 1)
		ui_put(y++, 0, COLS, "");
}

static int
help_key(struct app *a, void *data, enum action act, int key)
{
	struct help *h = data;
	int max = h->nlines - (LINES - 2) > 0 ? h->nlines - (LINES - 2) : 0;

	if (act == A_HOME || act == A_END) {
		h->top = act == A_HOME ? 0 : max;
		return V_REDRAW;
	}
	int r = ui_scroll(&h->top, max, act);
	return r != V_IGNORED ? r : ui_text_key(act, A_HELP);
}

const struct view_ops view_help_ops = {
	.name = "help", .draw = help_draw, .key = help_key, .resize = ui_resize_redraw, .free = free,
};

void
view_help_open(struct app *a)
{
	ui_push(&a->ui, &view_help_ops, cx_xcalloc(1, sizeof(struct help)));
	((struct help *)ui_top(&a->ui)->data)->nlines = 1000;
}
