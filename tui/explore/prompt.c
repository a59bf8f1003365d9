/* prompt: the status line and the one-line prompt. */
#include "prompt.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "film.h"

void
prompt_open(struct app *a, int kind, const char *initial)
{
	struct ui *u = &a->ui;

	u->prompting = kind;
	snprintf(u->pbuf, sizeof u->pbuf, "%s", initial);
	if (kind == 'f')
		snprintf(u->pold, sizeof u->pold, "%s", initial);
}

/* What the explorer is doing, the probe or the note, the graphics. */
static void
activity(struct app *a, char *buf, size_t cap)
{
	const struct workers *w = &a->w;
	char probe[300];
	int n;

	picture_probe_text(&a->pic, &a->m, app_current(a), a->pic.sc.task >= 0 ? a->pic.sc.task
	    : app_table_task(a), probe, sizeof probe);
	n = snprintf(buf, cap, " ? help  q quit  S stats");
	if (a->m.nproblems)
		n += snprintf(buf + n, cap - (size_t)n, "  ! %zu problem%s", a->m.nproblems,
		    a->m.nproblems == 1 ? "" : "s");
	if (w->hits_running)
		n += snprintf(buf + n, cap - (size_t)n, "  | hit/miss %zu/%zu", w->hits_done,
		    a->m.ds.n);
	if (w->stats_running)
		n += snprintf(buf + n, cap - (size_t)n, "  | statistics %zu/%zu", w->stats_done,
		    w->stats_total);
	if (w->thr_running)
		n += snprintf(buf + n, cap - (size_t)n, "  | thresholds %s %zu/%zu",
		    cx_task_names[w->thr_task], w->thr_done, w->thr_total);
	if (probe[0]) {
		char source[120];
		film_probe_source(a, source, sizeof source);
		snprintf(buf + n, cap - (size_t)n, "  | %s  %s", source, probe);
		return;
	}
	long i = app_current(a);
	const struct mark *mk = i >= 0 ? marks_find(&a->marks, a->m.ds.cxr[i].id) : NULL;
	char esc[300];
	if (mk && mk->note[0])
		n += snprintf(buf + n, cap - (size_t)n, "  | note: %s",
		    cx_escape_buf(mk->note, esc, sizeof esc));
	n += snprintf(buf + n, cap - (size_t)n, "  | %s", a->ui.tc.why);
	if (picture_shown(&a->pic))
		snprintf(buf + n, cap - (size_t)n, "  %.0f ms", a->pic.last_ms);
}

void
prompt_draw_status(struct app *a)
{
	struct ui *u = &a->ui;
	char buf[700];

	if (u->prompting) {
		char esc[600];
		attrset(ui_attr(u, TR_STATUS));
		snprintf(buf, sizeof buf, "%s%s_", u->prompting == 'f' ? "filter ids: " : "note: ",
		    cx_escape_buf(u->pbuf, esc, sizeof esc));
		ui_put(LINES - 1, 0, COLS, buf);
		return;
	}
	if (u->status[0]) {
		attrset(ui_attr(u, u->status_err ? TR_ERROR : TR_STATUS));
		ui_put(LINES - 1, 0, COLS, u->status);
		return;
	}
	activity(a, buf, sizeof buf);
	attrset(ui_attr(u, TR_STATUS));
	ui_put(LINES - 1, 0, COLS, buf);
}

/* Enter: a note is saved; a filter already applies. */
static void
prompt_enter(struct app *a)
{
	long i = app_current(a);
	struct cx_err err = { 0 };

	if (a->ui.prompting != 'n' || i < 0)
		return;
	marks_set_note(marks_get(&a->marks, a->m.ds.cxr[i].id), a->ui.pbuf);
	if (marks_save(&a->marks, &err) == 0)
		ui_status(&a->ui, 0, "note saved");
	else
		ui_status(&a->ui, 1, "marks: %s", err.msg);
}

int
prompt_key(struct app *a, int ch)
{
	struct ui *u = &a->ui;
	size_t n = strlen(u->pbuf);

	if (ch == 27) {
		if (u->prompting == 'f') {
			snprintf(a->list.filter, sizeof a->list.filter, "%s", u->pold);
			app_list_rebuild(a, 1);
		}
		u->prompting = 0;
		return V_REDRAW;
	}
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		prompt_enter(a);
		u->prompting = 0;
		return V_REDRAW;
	}
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		/* Drop a whole UTF-8 character. */
		while (n > 0 && ((unsigned char)u->pbuf[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		u->pbuf[n] = 0;
	} else if (ch >= 32 && ch < 256 && ch != 127 && n + 1 < sizeof u->pbuf) {
		u->pbuf[n] = (char)ch;
		u->pbuf[n + 1] = 0;
	} else
		return V_HANDLED;
	if (u->prompting == 'f') {
		snprintf(a->list.filter, sizeof a->list.filter, "%s", u->pbuf);
		app_list_rebuild(a, 1);
	}
	return V_REDRAW;
}
