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
	const struct view *top = ui_top(&a->ui);

	erase();
	/* The main screen is drawn under popups only when it shows through. */
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

/* Is there something to draw now? Text always; a picture only when the last
 * one has arrived (keys meanwhile change the state; the latest is drawn). */
static int
frame_wanted(struct app *a)
{
	return a->ui.dirty || ((a->ui.img_dirty || a->ui.emit) && !picture_in_flight(a));
}

/* How long poll() may sleep: for ever, or until a lost reply times out. */
static int
poll_timeout(struct app *a)
{
	double left;

	if (frame_wanted(a))
		return 0;
	if (!a->ui.ping_pending || !(a->ui.img_dirty || a->ui.emit))
		return -1;
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

	if (term_ping(STDOUT_FILENO, &u->tc) == 0) {
		u->ping_pending = 1;
		u->ping_ms = clock_ms();
	}
}

/* Text first, then the picture over its pane (inside a synchronized update
 * where the terminal has one) when none is in flight. */
static void
draw_frame(struct app *a)
{
	struct ui *u = &a->ui;
	int main_top = ui_top(u)->ops->shows_image, newpic = 0;
	int held = picture_in_flight(a);

	/* A cleared terminal, or a text screen on top, shows no picture. */
	if (u->cleared || !main_top)
		picture_off_screen(&a->pic, &u->tc, STDOUT_FILENO, u->cleared);
	redraw(a);
	if (u->img_dirty && main_top && !held) {
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
