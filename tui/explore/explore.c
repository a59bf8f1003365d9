/* explore: the explorer's command — options and settings, terminal queries,
 * curses set-up, then the loop; everything put back on the way out. */
#include "explore.h"

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
#include "opts.h"
#include "xalloc.h"

static const char *const theme_names[] = { "default", "light", "high-contrast", "colorblind" };

struct explore_opts {
	const char	*dir, *gfx, *theme, *script;
	int		 nocolor, keys_mdoc, nbench, force;
	double		 fail_iou;
	char		 cfg_theme[256], cfg_gfx[32], cfg_warn[600];
};

/* The settings file, then the options. Exit code, or -1 to go on. */
static int
parse_options(struct explore_opts *o, int argc, char **argv)
{
	const char *dir_opt = NULL;
	int npos = 0, rc;
	struct opt opts[] = {
		{ "dir|d", OPT_STR, &dir_opt, "DIR", "dataset folder (or the one positional DIR)" },
		{ "graphics|g", OPT_STR, &o->gfx, "MODE", "auto, sixel, blocks or none" },
		{ "theme", OPT_STR, &o->theme, "NAME", "default, light, high-contrast, colorblind or a file" },
		{ "no-color", OPT_BOOL, &o->nocolor, NULL, "no colours (also when NO_COLOR is set)" },
		{ "fail-iou", OPT_DBL, &o->fail_iou, "X", "failing: worst IoU below X (default 0.2) or a miss" },
		{ "keys", OPT_STR, &o->script, "STR", "type these keys after the first screen (tests, demos)" },
		{ "bench", OPT_INT, &o->nbench, "N", "time the picture pipeline on N CXRs and exit" },
		{ "keys-mdoc", OPT_BOOL, &o->keys_mdoc, NULL, "print the key table for the man page" },
		{ NULL, 0, NULL, NULL, NULL },
	};

	o->fail_iou = 0.2;
	snprintf(o->cfg_gfx, sizeof o->cfg_gfx, "auto");
	explore_read_config(o->cfg_theme, sizeof o->cfg_theme, o->cfg_gfx, sizeof o->cfg_gfx,
	    &o->fail_iou, o->cfg_warn, sizeof o->cfg_warn);
	o->gfx = o->cfg_gfx;
	if (o->cfg_theme[0])
		o->theme = o->cfg_theme;
	rc = opt_parse("explore", "[DIR] [options]",
	    "Browse a dataset: study list, pathology table, the CXR with its overlays.",
	    opts, argc, argv, &npos);
	if (rc != 0)
		return rc < 0 ? 2 : 0;
	if (dir_opt != NULL) {
		if (npos > 0) {
			cli_fail("explore", "give the folder once: --dir DIR or DIR");
			return 2;
		}
		argv[1] = (char *)dir_opt;	/* argc >= 3 here: "--dir X" */
		npos = 1;
	}
	if (o->keys_mdoc) {
		keys_print_mdoc();
		return 0;
	}
	if (npos > 1) {
		cli_fail("explore", "want at most one folder");
		return 2;
	}
	o->dir = npos ? argv[1] : ".";
	if (o->nbench > 0)
		return explore_bench(o->dir, o->nbench);
	if ((o->force = term_gfx_parse(o->gfx)) == -2) {
		cli_fail("explore", "--graphics: want auto, sixel, blocks or none, not '%s'", o->gfx);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_fail("explore", "needs a terminal (use show or export for pictures)");
		return 2;
	}
	return -1;
}

/* The theme asked for (or the default), its place in the 't' cycle. */
static int
choose_theme(struct ui *u, const char *theme)
{
	theme_default(&u->th);
	if (theme && ui_theme_load(u, theme) == -1) {
		cli_fail("explore", "--theme: no theme '%s'", theme);
		return -1;
	}
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
first_status(struct app *a, const struct explore_opts *o, double t0)
{
	struct ui *u = &a->ui;

	if (a->m.status[0])
		ui_status(u, 1, "%s", a->m.status);
	else if (u->status[0] && u->status_err)
		;	/* the marks file could not be read */
	else if (o->cfg_warn[0])
		ui_status(u, 1, "%s", o->cfg_warn);
	else if (u->theme_warn[0])
		ui_status(u, 1, "%.*s", (int)strcspn(u->theme_warn, "\n"), u->theme_warn);
	else if (a->m.ds.n == 0)
		ui_status(u, 1, "no CXR found in %s", a->dir);
	else
		ui_status(u, 0, "%zu CXRs loaded in %.0f ms  (%s)", a->m.ds.n, clock_ms() - t0,
		    u->tc.why);
}

int
cli_explore(int argc, char **argv)
{
	struct explore_opts o = { 0 };
	struct cx_err err = { 0 };
	double t0 = clock_ms();
	struct app *a;
	int rc;

	if ((rc = parse_options(&o, argc, argv)) >= 0)
		return rc;
	a = cx_xcalloc(1, sizeof *a);
	a->t_start = t0;
	a->ui.nocolor = o.nocolor || (getenv("NO_COLOR") && *getenv("NO_COLOR"));
	if (choose_theme(&a->ui, o.theme) == -1) {
		free(a);
		return 2;
	}
	if ((rc = app_open(a, o.dir, o.fail_iou, &err)) < 0) {
		if (rc == APP_NO_PIPE)
			cli_fail("explore", "cannot create a pipe");
		else
			cli_error(&err);
		free(a);
		return rc == APP_NO_PIPE ? 2 : 1;
	}
	start_terminal(a, o.force);
	app_list_rebuild(a, 0);
	first_status(a, &o, t0);
	workers_hits_start(&a->w, &a->m);
	loop_run(a, o.script);
	/* Threads stop before curses goes: nothing draws after endwin. */
	workers_stop(&a->w);
	endwin();
	app_close(a);
	free(a);
	return 0;
}
