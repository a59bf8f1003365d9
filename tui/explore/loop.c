/* loop: poll, keys, worker results, redraw, picture. */
#include "loop.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "clock.h"
#include "prompt.h"
#include "views.h"

static const char *const theme_cycle[] = { "default", "light", "high-contrast", "colorblind" };

static void
redraw(struct app *a)
{
	struct ui *u = &a->ui;
	const struct view *top = ui_top(u);

	erase();
	u->popup.h = 0;
	/* A popup over a view with a picture: that view first, unchanged (its
	 * draw lays out the pane), then the popup over the pane when it fits. */
	if (top->ops->popup && u->nstack >= 2 && top[-1].ops->shows_image) {
		top[-1].ops->draw(a, top[-1].data);
		ui_popup_place(u, (struct ui_box){ a->pic.img_row, a->pic.img_col, a->pic.img_h,
		    a->pic.img_w });
		if (u->popup.h == 0)
			erase();
	}
	top->ops->draw(a, top->data);
	prompt_draw_status(a);
	curs_set(a->ui.prompting ? 1 : 0);
}

static int
next_theme(struct app *a)
{
	struct ui *u = &a->ui;

	u->theme_idx = (u->theme_idx + 1) % 4;
	if (ui_theme_load(u, theme_cycle[u->theme_idx]) == 0) {
		ui_theme_apply(u, &a->pic.sc);
		ui_status(u, 0, "theme %s", u->th.name);
	} else
		ui_status(u, 1, "theme %s not found", theme_cycle[u->theme_idx]);
	return V_REDRAW | V_IMAGE;
}

/* One key: what every view shares (resize, prompt, mouse, redraw, theme),
 * else the top view's. */
static int
handle_key(struct app *a, int ch)
{
	const struct view *top = ui_top(&a->ui);
	enum action act;
	int r;

	if (ch == UI_KEY_PING) {
		/* The last picture has reached the terminal. */
		if (a->ui.ping_pending)
			a->ui.pic_cost = clock_ms() - a->ui.render_ms;
		a->ui.ping_pending = 0;
		return V_IGNORED;
	}

	if (ch == KEY_RESIZE) {
		term_update_cells(&a->ui.tc, STDOUT_FILENO);
		ui_clear(&a->ui);
		return V_REDRAW | V_IMAGE | top->ops->resize(a, top->data);
	}
	if (a->ui.prompting)
		return prompt_key(a, ch);
	if (ch == KEY_MOUSE) {
		MEVENT ev;
		if (getmouse(&ev) == OK && top->ops->mouse)
			return top->ops->mouse(a, top->data, ev.y, ev.x, (unsigned long)ev.bstate);
		return V_IGNORED;
	}
	/* A key clears the last message. */
	if (a->ui.status[0]) {
		a->ui.status[0] = 0;
		a->ui.dirty = 1;
	}
	act = key_action(ch);
	if (act == A_REDRAW) {
		ui_clear(&a->ui);
		return V_REDRAW | V_EMIT;
	}
	if (act == A_THEME)
		return next_theme(a);
	r = top->ops->key(a, top->data, act, ch);
	if (r & V_POP)
		ui_pop(&a->ui);
	return r;
}

/* Is a picture still on its way to the terminal? A reply lost (or never
 * coming) stops holding pictures back after UI_PING_TIMEOUT_MS. */
static int
picture_in_flight(struct app *a)
{
	struct ui *u = &a->ui;

	if (u->ping_pending && clock_ms() - u->ping_ms >= UI_PING_TIMEOUT_MS)
		u->ping_pending = 0;
	return u->ping_pending;
}

/* How long a new picture waits for the keys to pause, in ms (0: none).
 * A picture costs its render, its transfer and the terminal's decode (from
 * the render to the terminal's answer: 20-40 ms for sixel on a local
 * terminal, more for kitty's layers, 100 ms and up on a slow link). While
 * keys come faster than twice that, each picture would show a CXR already
 * left behind by the time it is seen: the first key after a pause draws at
 * once, the following ones wait for a pause longer than their rhythm (1.5
 * gaps, at least one cost, at most two), so the CXR the keys stop at is the
 * one sent. A key held down still shows a picture every BURST_MAX_MS; under
 * BURST_MIN_COST_MS nothing waits. Measured on ptyterm's 10 Mbit/s link,
 * ten keys 50 ms apart: see BENCHMARKS.md, "Terminal bytes per key". */
#define BURST_MIN_COST_MS	15.0
#define BURST_MAX_MS		250.0
static double
burst_hold_ms(const struct app *a)
{
	const struct ui *u = &a->ui;
	double now = clock_ms(), cost = u->pic_cost, hold, left;

	if (cost < BURST_MIN_COST_MS || u->key_gap >= 2 * cost || now - u->pic_ms >= BURST_MAX_MS)
		return 0;
	hold = 1.5 * u->key_gap;
	hold = hold < cost ? cost : hold > 2 * cost ? 2 * cost : hold;
	left = u->key_ms + hold - now;
	return left > 0 ? left : 0;
}

/* Is a picture held back now: one in flight, or keys still coming fast? */
static int
picture_held(struct app *a)
{
	return picture_in_flight(a) || burst_hold_ms(a) > 0;
}

/* Is there something to draw now? Text always; a picture only when the last
 * one has arrived (keys meanwhile change the state; the latest is drawn). */
static int
frame_wanted(struct app *a)
{
	return a->ui.dirty || ((a->ui.img_dirty || a->ui.emit) && !picture_held(a));
}

/* How long poll() may sleep: for ever, or until a lost reply times out. */
static int
poll_timeout(struct app *a)
{
	double left;

	if (frame_wanted(a))
		return 0;
	if (!(a->ui.img_dirty || a->ui.emit))
		return -1;
	if (!a->ui.ping_pending)
		return (int)burst_hold_ms(a) + 1;
	left = a->ui.ping_ms + UI_PING_TIMEOUT_MS - clock_ms();
	return left > 0 ? (int)left + 1 : 0;
}

/* Write seq at (row, col) cells of the pane. */
static void
put_picture(struct app *a, const char *seq, size_t len, int row, int col)
{
	term_put_image(STDOUT_FILENO, &a->ui.tc, a->pic.img_row + row, a->pic.img_col + col, seq,
	    len);
	a->pic.on_screen = 1;
}

/* The terminal is asked to say when it has the picture. */
static void
picture_sent(struct app *a)
{
	struct ui *u = &a->ui;

	u->pic_ms = clock_ms();
	if (term_ping(STDOUT_FILENO, &u->tc) == 0) {
		u->ping_pending = 1;
		u->ping_ms = u->pic_ms;
	}
}

/* Text first, then the picture over its pane (inside a synchronized update
 * where the terminal has one) when none is in flight. */
static void
draw_frame(struct app *a)
{
	struct ui *u = &a->ui;
	int main_top = ui_top(u)->ops->shows_image, newpic = 0;
	int held = picture_held(a);

	/* A cleared terminal, or a text screen on top, shows no picture. */
	if (u->cleared || !main_top)
		picture_off_screen(&a->pic, &u->tc, STDOUT_FILENO, u->cleared);
	redraw(a);
	if (u->img_dirty && main_top && !held) {
		u->render_ms = clock_ms();
		app_render(a);
		/* A whole new picture: let curses rewrite the pane's cells, wiping
		 * the old one (a part goes over it). */
		if (a->pic.img_h > 0 && a->pic.send == PIC_SEND_WHOLE)
			wredrawln(stdscr, a->pic.img_row, a->pic.img_h);
		redraw(a);
		newpic = 1;
		u->img_dirty = 0;
	}
	if (u->tc.sync)
		term_write_all(STDOUT_FILENO, "\033[?2026h", 8);
	wnoutrefresh(stdscr);
	doupdate();
	if (main_top && newpic && a->pic.send == PIC_SEND_PART) {
		for (int k = 0; k < a->pic.nparts; k++)
			if (a->pic.parts[k].seq)
				put_picture(a, a->pic.parts[k].seq, a->pic.parts[k].len,
				    a->pic.parts[k].row, a->pic.parts[k].col);
		picture_sent(a);
	} else if (main_top && ((newpic && a->pic.send == PIC_SEND_WHOLE)
	    || (u->emit && !held))) {
		size_t len;
		const char *whole = picture_whole(&a->pic, &u->tc, &len);
		if (whole) {
			put_picture(a, whole, len, 0, 0);
			picture_sent(a);
		}
	}
	if (u->tc.sync)
		term_write_all(STDOUT_FILENO, "\033[?2026l", 8);
	u->cleared = 0;
	u->dirty = 0;
	if (!held || !main_top)
		u->emit = 0;
	if (a->first_ms == 0 && newpic) {
		a->first_ms = clock_ms() - a->t_start;
		if (!u->status_err)
			ui_status(u, 0, "%zu CXRs, first screen in %.0f ms (%s)", a->m.ds.n,
			    a->first_ms, u->tc.why);
	}
}

/* A terminal reply that came after detection stopped waiting for it (a slow
 * link, a terminal slow to start: kitty under software GL took over a
 * second): curses hands its bytes over as keys, and "\033[?62;c" would open
 * help, "\033_Gi=31;OK\033\\" toggle overlays. After an Esc, the rest of an
 * escape sequence already waiting is read and dropped; an Esc with nothing
 * behind it is the key. Returns 1 when a sequence was dropped. */
static int
late_reply_dropped(void)
{
	int c = getch(), prev = 0;

	if (c == '[') {
		/* CSI: parameter and intermediate bytes, then one final byte */
		while ((c = getch()) >= 0x20 && c <= 0x3f)
			;
		if (c != ERR && !(c >= 0x40 && c <= 0x7e))
			ungetch(c);
		return 1;
	}
	if (c == '_' || c == 'P' || c == ']') {
		/* APC (kitty), DCS, OSC: up to the string terminator or BEL */
		while ((c = getch()) != ERR && c != 7 && !(prev == 27 && c == '\\'))
			prev = c;
		return 1;
	}
	if (c != ERR)
		ungetch(c);
	return 0;
}

/* Leaving with a picture in flight: take the terminal's answer (briefly), so
 * that it does not land on the shell's command line. */
static void
drain_ping(struct app *a)
{
	double end = clock_ms() + 500;

	while (a->ui.ping_pending && clock_ms() < end) {
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		int ch;
		if (poll(&pfd, 1, 50) < 0 && errno != EINTR)
			break;
		while ((ch = getch()) != ERR)
			if (ch == UI_KEY_PING)
				a->ui.ping_pending = 0;
	}
}

void
loop_run(struct app *a, const char *script)
{
	struct ui *u = &a->ui;
	int quit = 0;

	ui_push(u, &view_main_ops, NULL);
	u->dirty = u->img_dirty = 1;
	while (!quit) {
		struct pollfd pfd[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = workers_fd(&a->w), .events = POLLIN },
		};
		int ch, r = 0;

		if (frame_wanted(a))
			draw_frame(a);
		if (script && *script) {
			/* --keys: typed as if by the user, one per frame. */
			r = handle_key(a, (unsigned char)*script++);
			if (r & V_QUIT)
				break;
			pfd[0].revents = pfd[1].revents = 0;
			if (poll(pfd, 2, 0) < 0 && errno != EINTR)
				break;
		} else if (poll(pfd, 2, poll_timeout(a)) < 0 && errno != EINTR)
			break;
		if (pfd[1].revents & POLLIN)
			r |= app_apply_workers(a);
		while ((ch = getch()) != ERR) {
			if (ch == 27 && late_reply_dropped())
				continue;
			/* a key typed (not --keys, not the terminal's reply): its time,
			 * for burst_hold_ms */
			if (ch != UI_KEY_PING && ch != KEY_RESIZE) {
				double now = clock_ms();
				u->key_gap = now - u->key_ms;
				u->key_ms = now;
			}
			r |= handle_key(a, ch);
			if (r & V_QUIT) {
				quit = 1;
				break;
			}
		}
		if (r & (V_REDRAW | V_HANDLED))
			u->dirty = 1;
		if (r & V_IMAGE)
			u->img_dirty = 1;
		if (r & V_EMIT)
			u->emit = 1;
	}
	drain_ping(a);
}
