/* view_help: the key table as a scrollable help screen. */
#include <stdio.h>
#include <stdlib.h>

#include "views.h"
#include "xalloc.h"

struct help {
	int top;		/* first line shown */
};

static void
help_draw(struct app *a, void *data)
{
	struct help *h = data;
	int y = 1, line = 0;
	char buf[300];

	attrset(ui_attr(&a->ui, TR_TITLE));
	ui_put(0, 0, COLS, " chexplore help: keys (Esc or q to close, j/k to scroll)");
	for (const struct keybind *k = ui_keys; k->name; k++) {
		const struct keybind *al;
		int n;
		if (!k->help)
			continue;
		if (k->section) {
			if (line++ >= h->top && y < LINES - 1) {
				attrset(ui_attr(&a->ui, TR_HEADER));
				ui_put(y++, 0, COLS, k->section);
			}
		}
		n = snprintf(buf, sizeof buf, "  %s", k->name);
		for (al = k + 1; al->name && !al->help; al++)
			n += snprintf(buf + n, sizeof buf - (size_t)n, " %s", al->name);
		snprintf(buf + n, sizeof buf - (size_t)n, "%*s%s", n < 22 ? 22 - n : 1, "", k->help);
		if (line++ >= h->top && y < LINES - 1) {
			attrset(ui_attr(&a->ui, TR_NORMAL));
			ui_put(y++, 0, COLS, buf);
		}
	}
	attrset(ui_attr(&a->ui, TR_NORMAL));
	while (y < LINES - 1)
		ui_put(y++, 0, COLS, "");
}

static int
help_key(struct app *a, void *data, enum action act, int key)
{
	struct help *h = data;
	int r = ui_scroll(&h->top, 70, act);

	return r != V_IGNORED ? r : ui_text_key(act, A_HELP);
}

const struct view_ops view_help_ops = {
	.name = "help", .draw = help_draw, .key = help_key, .resize = ui_resize_redraw, .free = free,
};

void
view_help_open(struct app *a)
{
	ui_push(&a->ui, &view_help_ops, cx_xcalloc(1, sizeof(struct help)));
}
