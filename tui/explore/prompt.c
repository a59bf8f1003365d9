/* prompt: the status line and the one-line prompt. */
#include "prompt.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "escape.h"
#include "film.h"
#include "tasks.h"

/* The prompt being typed: where the cursor was (a search's Esc goes back
 * there, a search as typed starts there), the mark a note is for. */
static struct {
	size_t	origin;
	char	id[256];
	int	task;
} pr;

int
prompt_mark_task(const struct app *a)
{
	if (a->main.focus == F_TABLE)
		return app_table_task(a);
	return a->list.pfilter >= 0 ? a->list.pfilter : MARK_CXR;
}

const char *
prompt_task_label(int task)
{
	return task >= 0 && task < CX_NTASKS ? cx_task_names[task] : "the CXR";
}

void
prompt_open(struct app *a, int kind, const char *initial)
{
	struct ui *u = &a->ui;

	u->prompting = kind;
	snprintf(u->pbuf, sizeof u->pbuf, "%s", initial);
	if (kind == 'f')
		snprintf(u->pold, sizeof u->pold, "%s", initial);
	pr.origin = a->list.sel;
}

void
prompt_open_note(struct app *a, int task)
{
	long i = app_current(a);
	const struct mark *mk;

	if (i < 0)
		return;
	snprintf(pr.id, sizeof pr.id, "%s", a->m.ds.cxr[i].id);
	pr.task = task;
	mk = marks_find(&a->marks, pr.id, task);
	prompt_open(a, 'n', mk ? mk->note : "");
}

void
prompt_set_pathology(struct app *a, int task)
{
	a->list.pfilter = task;
	a->pic.sc.task = task;
	for (int k = 0; k < CX_NTASKS; k++)
		if (cx_task_sorted[k] == task)
			a->main.trow = k;
	app_list_rebuild(a, 1);
	a->ui.img_dirty = 1;
}

/* Word starts of name that s begins (any case): 2 at the name's start, 1 at
 * a later word's, 0 inside a word, -1 not in it. */
static int
match_rank(const char *name, const char *s)
{
	size_t n = strlen(s);
	int best = -1;

	for (const char *p = name; *p; p++)
		if (strncasecmp(p, s, n) == 0) {
			int r = p == name ? 2 : p[-1] == ' ' ? 1 : 0;
			if (r > best)
				best = r;
		}
	return best;
}

/* The pathologies whose names hold s (any case), the best first: those it
 * begins, then those with a word it begins, then the rest; each group in
 * table order. Their count. */
static int
pathology_matches(const char *s, int out[CX_NTASKS])
{
	int n = 0;

	if (!s[0])
		return 0;
	for (int r = 2; r >= 0; r--)
		for (int k = 0; k < CX_NTASKS; k++)
			if (match_rank(cx_task_names[cx_task_sorted[k]], s) == r)
				out[n++] = cx_task_sorted[k];
	return n;
}

/* What the explorer is doing, the probe or the mark, the graphics. */
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
	/* The mark and note of what m and e act on. */
	long i = app_current(a);
	int task = prompt_mark_task(a);
	const struct mark *mk = i >= 0 ? marks_find(&a->marks, a->m.ds.cxr[i].id, task) : NULL;
	char esc[300];
	if (mk && (mk->kind || mk->note[0])) {
		n += snprintf(buf + n, cap - (size_t)n, "  | %s:", prompt_task_label(task));
		if (mk->kind)
			n += snprintf(buf + n, cap - (size_t)n, " %s", marks_kind_label(mk->kind));
		if (mk->note[0])
			n += snprintf(buf + n, cap - (size_t)n, " note: %s",
			    cx_escape_buf(mk->note, esc, sizeof esc));
	}
	n += snprintf(buf + n, cap - (size_t)n, "  | %s", a->ui.tc.why);
	if (picture_shown(&a->pic))
		snprintf(buf + n, cap - (size_t)n, "  %.0f ms", a->pic.last_ms);
}

void
prompt_draw_status(struct app *a)
{
	struct ui *u = &a->ui;
	char buf[900];

	if (u->prompting) {
		char esc[600], what[300] = "";
		const char *label = u->prompting == 'f' ? "filter ids: " : u->prompting == '/'
		    ? "search ids: " : u->prompting == ':' ? "jump to id: " : u->prompting == 'p'
		    ? "pathology: " : "";
		if (u->prompting == 'n')
			snprintf(what, sizeof what, "note on %s: ", prompt_task_label(pr.task));
		else
			snprintf(what, sizeof what, "%s", label);
		int n = snprintf(buf, sizeof buf, "%s%s_", what, cx_escape_buf(u->pbuf, esc, sizeof esc));
		if (u->prompting == 'p') {
			int t[CX_NTASKS], k = pathology_matches(u->pbuf, t);
			if (!u->pbuf[0])
				n += snprintf(buf + n, sizeof buf - (size_t)n,
				    "   (Enter: no pathology filter)");
			else if (k == 0)
				n += snprintf(buf + n, sizeof buf - (size_t)n, "   (no match)");
			for (int j = 0; j < k && n < (int)sizeof buf; j++)
				n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%s", j ? ", " : "   -> ",
				    cx_task_names[t[j]]);
		}
		attrset(ui_attr(u, TR_STATUS));
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

/* The search as typed: the cursor on the first match from where it was. */
static void
search_live(struct app *a)
{
	long before = app_current(a);
	size_t nth, cnt;

	if (!studylist_search(&a->list, a->ui.pbuf, pr.origin, 1, 1, &nth, &cnt))
		a->list.sel = pr.origin < a->list.nvis ? pr.origin : a->list.sel;
	if (app_current(a) != before)
		a->ui.img_dirty = 1;
}

static void
search_status(struct app *a, int found, size_t nth, size_t cnt)
{
	char esc[400];

	if (found)
		ui_status(&a->ui, 0, "%zu/%zu matches", nth, cnt);
	else
		ui_status(&a->ui, 1, "no match: %s", cx_escape_buf(a->list.search, esc, sizeof esc));
}

/* Enter. */
static void
prompt_enter(struct app *a)
{
	struct ui *u = &a->ui;
	struct cx_err err = { 0 };
	long before = app_current(a);
	char esc[400];

	switch (u->prompting) {
	case 'n':
		marks_set_note(marks_get(&a->marks, pr.id, pr.task), u->pbuf);
		if (marks_save(&a->marks, &err) == 0)
			ui_status(u, 0, "note on %s saved", prompt_task_label(pr.task));
		else
			ui_status(u, 1, "marks: %s", err.msg);
		break;
	case '/': {
		size_t nth, cnt;
		int found;
		/* An empty search is the last one again, from the next row. */
		if (u->pbuf[0]) {
			snprintf(a->list.search, sizeof a->list.search, "%s", u->pbuf);
			found = studylist_search(&a->list, a->list.search, pr.origin, 1, 1, &nth, &cnt);
		} else
			found = studylist_search(&a->list, a->list.search, pr.origin, 1, 0, &nth, &cnt);
		if (!a->list.search[0])
			ui_status(u, 1, "no search yet");
		else
			search_status(a, found, nth, cnt);
		break;
	}
	case ':': {
		int hidden;
		if (!u->pbuf[0])
			break;
		if (!studylist_jump_id(&a->list, u->pbuf, &hidden))
			ui_status(u, 1, hidden ? "%s: hidden by the filters (c clears them)"
			    : "no CXR id is or starts with %s", cx_escape_buf(u->pbuf, esc, sizeof esc));
		break;
	}
	case 'p': {
		int t[CX_NTASKS];
		if (!u->pbuf[0])
			prompt_set_pathology(a, -1);
		else if (pathology_matches(u->pbuf, t) == 0)
			ui_status(u, 1, "no pathology name holds %s", cx_escape_buf(u->pbuf, esc,
			    sizeof esc));
		else
			prompt_set_pathology(a, t[0]);
		break;
	}
	default:
		break;
	}
	if (app_current(a) != before)
		u->img_dirty = 1;
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
		if (u->prompting == '/' && pr.origin < a->list.nvis && pr.origin != a->list.sel) {
			a->list.sel = pr.origin;
			u->img_dirty = 1;
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
	if (u->prompting == '/')
		search_live(a);
	return V_REDRAW;
}
