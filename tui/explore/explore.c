/* explore: the explorer's command — options and settings, terminal queries,
 * curses set-up, then the loop; everything put back on the way out. */

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "bench.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "loop.h"
#include "xalloc.h"

static const char *const theme_names[] = { "default", "light", "high-contrast", "colorblind" };

struct explore_args {
	const char	*gfx, *theme, *script, *bandwidth, *baseline;
	struct opt_list	 method;
	int		 nocolor, keys_mdoc, nbench;
	double		 fail_iou;
	struct explore_config cfg;	/* what the settings file said (the
					 * strings above may point here) */
};

static const struct explore_args explore_defaults = {
	.fail_iou = 0.2, .cfg = { .gfx = "auto", .bandwidth = "normal", .fail_iou = 0.2 },
};

#define O(f, ...)	CMD_OPT(struct explore_args, f, __VA_ARGS__)
static const struct cmd_opt explore_opts[] = {
	O(gfx, "graphics|g", OPT_STR, "MODE", "auto, kitty, sixel, blocks or none"),
	O(bandwidth, "bandwidth", OPT_STR, "normal|low",
	    "low: sixel pictures in about half the bytes (64 colours, 5 bits a channel)"),
	O(theme, "theme", OPT_STR, "NAME", "default, light, high-contrast, colorblind or a file"),
	O(nocolor, "no-color", OPT_BOOL, NULL, "no colours (also when NO_COLOR is set)"),
	O(fail_iou, "fail-iou", OPT_DBL, "X", "failing: worst IoU below X (default 0.2) or a miss"),
	O(method, "method", OPT_LIST, "NAME=PATH",
	    "one more method (repeatable): segmentation JSON, salient-point JSON or heatmap folder"),
	O(baseline, "baseline", OPT_STR, "NAME", "the method differences are taken against "
	    "(default: the first)"),
	O(script, "keys", OPT_STR, "STR", "type these keys after the first screen (tests, demos)"),
	O(nbench, "bench", OPT_INT, "N", "time the picture pipeline on N CXRs and exit"),
	O(keys_mdoc, "keys-mdoc", OPT_BOOL, NULL, "print the key table for the man page"),
	{ 0 }
};
#undef O

/* The settings file, before the options (which override it). */
static void
explore_init(void *args)
{
	struct explore_args *o = args;

	explore_read_config(&o->cfg);
	o->gfx = o->cfg.gfx;
	o->bandwidth = o->cfg.bandwidth;
	o->fail_iou = o->cfg.fail_iou;
	if (o->cfg.theme[0])
		o->theme = o->cfg.theme;
}

/* The theme asked for (or the default), its place in the 't' cycle. */
static int
choose_theme(struct ui *u, const char *theme)
{
	theme_default(&u->th);
	if (theme && ui_theme_load(u, theme) == -1)
		return -1;
	if (!theme)
		ui_theme_load(u, "default");
	for (int k = 0; k < 4; k++)
		if (theme && strcmp(theme, theme_names[k]) == 0)
			u->theme_idx = k;
	return 0;
}

static void
restore_terminal(void)
{
	endwin();
}

/* Terminal queries before curses owns the terminal, then curses. */
static void
start_terminal(struct app *a, int force)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);

	term_detect(&a->ui.tc, fd >= 0 ? fd : STDOUT_FILENO, force, 400);
	if (fd >= 0)
		close(fd);
	setlocale(LC_ALL, "");
	cx_xalloc_set_fatal_hook(restore_terminal);
	ESCDELAY = 25;
	initscr();
	if (has_colors() && !a->ui.nocolor) {
		start_color();
		use_default_colors();
	}
	ui_theme_apply(&a->ui, &a->pic.sc);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	/* Arrows in the terminal's normal mode too (some terminals and
	 * multiplexers ignore the application-keypad switch). */
	static const struct { const char *seq; int key; } arrows[] = {
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033[C", KEY_RIGHT },
		{ "\033[D", KEY_LEFT },
	};
	for (size_t k = 0; k < sizeof arrows / sizeof arrows[0]; k++)
		if (key_defined(arrows[k].seq) == 0)
			define_key(arrows[k].seq, arrows[k].key);
	/* The terminal's DA1 answer, asked after each picture, reads as one key. */
	if (a->ui.tc.da1[0] && a->ui.tc.mode != GFX_NONE)
		define_key(a->ui.tc.da1, UI_KEY_PING);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(0);
	curs_set(0);
}

/* The first status line: the most important news first. */
static void
first_status(struct app *a, const struct explore_args *o, double t0)
{
	struct ui *u = &a->ui;

	if (a->m.status[0])
		ui_status(u, 1, "%s", a->m.status);
	else if (u->status[0] && u->status_err)
		;	/* the marks file could not be read */
	else if (o->cfg.warn[0])
		ui_status(u, 1, "%s", o->cfg.warn);
	else if (u->theme_warn[0])
		ui_status(u, 1, "%.*s", (int)strcspn(u->theme_warn, "\n"), u->theme_warn);
	else if (a->m.ds.n == 0)
		ui_status(u, 1, "no CXR found in %s", a->dir);
	else
		ui_status(u, 0, "%zu CXRs loaded in %.0f ms  (%s)", a->m.ds.n, clock_ms() - t0,
		    u->tc.why);
}

/* Everything but the explorer itself (the key list, --bench), then the
 * terminal, the app and the loop. */
/* --method NAME=PATH (after the dataset's methods) and --baseline: a
 * CMD_* code when one is wrong (usage: a bad form, a name twice, an unknown
 * baseline; failed: a file that does not read), else -1. */
static int
add_methods(struct app *a, const struct cmd_ctx *c, const struct explore_args *o)
{
	struct cx_err err = { 0 };

	for (int k = 0; k < o->method.n; k++) {
		const char *v = o->method.v[k], *eq = strchr(v, '=');
		char *name;
		int rc;
		if (eq == NULL || eq == v || eq[1] == '\0')
			return cmd_usage(c, "--method '%s': want NAME=PATH", v);
		name = cx_xstrdup(v);
		name[eq - v] = '\0';
		if (methods_find(&a->m.meth, name) >= 0) {
			rc = cmd_usage(c, "--method: the name '%s' is given twice (or is the "
			    "dataset's)", name);
			free(name);
			return rc;
		}
		rc = methods_add(&a->m.meth, &a->m.ds, name, eq + 1, &err);
		free(name);
		if (rc == -1)
			return cmd_failed(&err);
	}
	if (o->baseline && (a->m.meth.base = methods_find(&a->m.meth, o->baseline)) < 0)
		return cmd_usage(c, "--baseline '%s' is not one of the methods", o->baseline);
	/* Without a prediction of the dataset's own the first --method is shown. */
	model_show(&a->m, a->m.shown);
	return -1;
}

static int
explore_run1(const struct cmd_ctx *c, void *args)
{
	const struct explore_args *o = args;
	const char *dir = cmd_dir(c);
	struct cx_err err = { 0 };
	double t0 = clock_ms();
	struct app *a;
	int rc, force;

	if (o->keys_mdoc) {
		keys_print_mdoc();
		return CMD_OK;
	}
	if (c->npos > 0)
		return cmd_usage(c, "unexpected argument '%s' (try --help)", c->pos[0]);
	if (o->nbench > 0)
		return explore_bench(dir, o->nbench);
	if ((force = term_gfx_parse_kitty(o->gfx)) == -2)
		return cmd_usage(c, "--graphics: want auto, kitty, sixel, blocks or none, not '%s'",
		    o->gfx);
	if (strcmp(o->bandwidth, "normal") != 0 && strcmp(o->bandwidth, "low") != 0)
		return cmd_usage(c, "--bandwidth: want normal or low, not '%s'", o->bandwidth);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cmd_usage(c, "needs a terminal (use show or export for pictures)");
	a = cx_xcalloc(1, sizeof *a);
	a->t_start = t0;
	a->ui.nocolor = o->nocolor || (getenv("NO_COLOR") && *getenv("NO_COLOR"));
	if (choose_theme(&a->ui, o->theme) == -1) {
		free(a);
		return cmd_usage(c, "--theme: no theme '%s'", o->theme);
	}
	if ((rc = app_open(a, dir, o->fail_iou, &err)) < 0) {
		free(a);
		if (rc == APP_NO_PIPE)
			return cmd_usage(c, "cannot create a pipe");
		return cmd_failed(&err);
	}
	if ((rc = add_methods(a, c, o)) >= 0) {
		app_close(a);
		free(a);
		return rc;
	}
	a->pic.low_bandwidth = strcmp(o->bandwidth, "low") == 0;
	start_terminal(a, force);
	if (a->pic.low_bandwidth && (a->ui.tc.mode == GFX_SIXEL || a->ui.tc.mode == GFX_KITTY)) {
		size_t n = strlen(a->ui.tc.why);
		snprintf(a->ui.tc.why + n, sizeof a->ui.tc.why - n, ", low bandwidth");
	}
	app_list_rebuild(a, 0);
	first_status(a, o, t0);
	workers_hits_start(&a->w, &a->m);
	loop_run(a, o->script);
	/* Threads stop before curses goes: nothing draws after endwin. */
	workers_stop(&a->w);
	endwin();
	app_close(a);
	free(a);
	return CMD_OK;
}

/* The list of the repeatable option is the command's to free. */
static int
explore_run(const struct cmd_ctx *c, void *args)
{
	struct explore_args *o = args;
	int rc = explore_run1(c, args);

	free(o->method.v);
	return rc;
}

const struct cmd_entry cmd_explore_entry = {
	.name = "explore",
	.summary = "the interactive explorer (default)",
	.usage = "[DIR | --dir DIR] [--graphics auto|kitty|sixel|blocks|none] [--bandwidth normal|low] "
	    "[--theme NAME] [--no-color] [--fail-iou X] [--method NAME=PATH ...] [--baseline NAME] "
	    "[--keys STR]",
	.about = "Browse a dataset: study list, pathology table, the CXR with its overlays.",
	.flags = CMD_DIR | CMD_DIRPOS | CMD_DEFAULT, .opts = explore_opts,
	CMD_ARGS(struct explore_args, &explore_defaults), .init = explore_init,
	.run = explore_run,
};
