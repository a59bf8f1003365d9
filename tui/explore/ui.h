/* ui: the services the explorer's views use — the terminal's text screen
 * (curses), its theme, the status line, the view stack and the redraw flags —
 * and the view interface itself. Views call these, never the loop's
 * internals. Event loop thread only: curses is not thread-safe and workers
 * never call anything here. */
#ifndef UI_UI_H
#define UI_UI_H

#include <curses.h>

#include "keys.h"
#include "scene.h"
#include "tasks.h"
#include "term.h"
#include "theme.h"

/* What a view handler asks the loop to do (htop's HandlerResult). */
enum {
	V_IGNORED = 0,
	V_HANDLED = 1,
	V_REDRAW = 2,		/* redraw the text */
	V_IMAGE = 4,		/* re-render the picture */
	V_EMIT = 8,		/* write the (unchanged) picture again */
	V_POP = 16,		/* close this view */
	V_QUIT = 32,
};

struct app;

/* A screen of the explorer (tmux's window_mode, htop's Panel): the top of
 * the view stack draws and gets the keys. */
struct view_ops {
	const char	*name;
	void		(*draw)(struct app *a, void *data);
	int		(*key)(struct app *a, void *data, enum action act, int key);
	/* A mouse event at cell (y, x); NULL: the view ignores the mouse. */
	int		(*mouse)(struct app *a, void *data, int y, int x, unsigned long bstate);
	int		(*resize)(struct app *a, void *data);
	void		(*free)(void *data);
	int		shows_image;	/* the main screen's picture stays visible */
	/* A popup: drawn over the picture pane of the view below it (drawn
	 * first, unchanged), in ui.popup, when that pane holds UI_POPUP_MIN_W x
	 * UI_POPUP_MIN_H cells; else full screen. The picture is off screen
	 * either way, but leaving a popup rewrites only the pane. */
	int		popup;
};

struct view {
	const struct view_ops	*ops;
	void			*data;
};

#define UI_MAX_VIEWS	8

/* The smallest picture pane a popup is drawn in (cells). */
#define UI_POPUP_MIN_W	48
#define UI_POPUP_MIN_H	10

/* A rectangle of cells. */
struct ui_box {
	int	y, x, h, w;
};

/* The key code the terminal's DA1 reply reads as (define_key of tc.da1). */
#define UI_KEY_PING	(KEY_MAX + 1)
/* A reply that has not come by then was lost: pictures go out again. */
#define UI_PING_TIMEOUT_MS	3000

/* Colour pairs UI_PAIR_PAL + task: the pathologies' overlay colours. */
#define UI_PAIR_PAL	32
/* then TP, FP, FN, the single-pathology prediction outline and the point */
enum { UI_PAIR_TP = CX_NTASKS, UI_PAIR_FP, UI_PAIR_FN, UI_PAIR_PRED, UI_PAIR_POINT, UI_PAIR_NLEGEND };

struct ui {
	struct term_caps	 tc;		/* what the terminal can show */
	struct theme		 th;
	int			 nocolor;
	int			 theme_idx;	/* in the 't' cycle */
	char			 theme_warn[1024];

	struct view		 stack[UI_MAX_VIEWS];
	int			 nstack;
	/* Where the top view, a popup, was last drawn (set by the loop before
	 * it draws the popup); h 0: full screen. */
	struct ui_box		 popup;

	char			 status[512];	/* escaped */
	int			 status_err;
	int			 prompting;	/* 0, 'f' filter, 'n' note */
	char			 pbuf[256];	/* what the prompt holds */
	char			 pold[128];	/* filter before the prompt, for Esc */

	/* At most one picture in flight: after a picture the terminal is asked
	 * for DA1 (term_ping) and no new picture goes out until it answers. */
	int			 ping_pending;
	double			 ping_ms;	/* when it was asked */
	/* Keys faster than the terminal takes a picture (a burst on a slow
	 * link) hold the picture until they pause: the list moves, and the
	 * CXR the keys stop at is the one sent (loop.c, burst_hold_ms). */
	double			 render_ms;	/* when the last picture's render began */
	double			 pic_cost;	/* from its render to the terminal's answer, ms */
	double			 key_ms;	/* when the last key came */
	double			 key_gap;	/* ms between the last two keys */
	double			 pic_ms;	/* when the last picture was sent */

	int			 cleared;	/* the terminal is cleared on the next update:
						 * no picture stays on it */
	int			 dirty;		/* redraw the text */
	int			 img_dirty;	/* render the picture again */
	int			 emit;		/* write the picture again */
};

/* Colour pair / attributes of a theme role. */
attr_t	ui_attr(const struct ui *u, enum theme_role r);
/* Put an escaped string at (y, x), clipped to width w (columns). */
void	ui_put(int y, int x, int w, const char *s);
/* Status line message (printf-style; escaped here). */
void	ui_status(struct ui *u, int err, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Push a view (takes data; ops->free frees it when the view closes). */
void	ui_push(struct ui *u, const struct view_ops *ops, void *data);
/* Close the top view (not the last one). */
void	ui_pop(struct ui *u);
/* The top view. */
const struct view *ui_top(const struct ui *u);
/* Clear the whole terminal on the next update (pictures too). */
void	ui_clear(struct ui *u);
/* Scroll a text screen's first line *top (0..max) for the moving keys;
 * V_REDRAW, or V_IGNORED for any other action. */
int	ui_scroll(int *top, int max, enum action act);
/* The same with a page of `page` lines (a popup's height). */
int	ui_scroll_page(int *top, int max, int page, enum action act);
/* The mouse wheel in a mouse event: -1 up, 1 down, 0 neither. */
int	ui_wheel(unsigned long bstate);
/* Place the top popup over pane (the picture's, of the view below): u->popup
 * is pane when it holds UI_POPUP_MIN_W x UI_POPUP_MIN_H, else h 0 (full
 * screen). */
void	ui_popup_place(struct ui *u, struct ui_box pane);
/* Draw the frame of a popup in u->popup — its title bar (title clipped to
 * the width) and a line at the bottom — and blank its inside; the inside's
 * cells in *in. */
void	ui_popup_frame(struct ui *u, const char *title, struct ui_box *in);
/* What a text screen does with a key it does not use: its own key
 * (close_act), Esc or q close it (V_POP); the rest is swallowed. */
int	ui_text_key(enum action act, enum action close_act);
/* A view's resize handler when a resize only needs a redraw. */
int	ui_resize_redraw(struct app *a, void *data);
/* Load a theme by name or path into u->th; -1 when not found (u->th kept).
 * Warnings of a theme file go to u->theme_warn. */
int	ui_theme_load(struct ui *u, const char *name);
/* Make the colour pairs of u->th (after initscr) and set the scene's overlay
 * colours from the theme (or the defaults). */
void	ui_theme_apply(struct ui *u, struct scene *sc);

#endif
