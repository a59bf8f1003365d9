/* theme: colours of the explorer's roles, from themes/NAME.theme files
 * ("role = fg,bg,attr"); compiled-in defaults; a bad line is a file:line:
 * warning and the default stays. No curses here: the explorer maps roles to
 * colour pairs. Event loop thread (themes load at start and on 't'). */
#ifndef UI_THEME_H
#define UI_THEME_H

#include <stddef.h>

enum theme_role {
	TR_NORMAL, TR_TITLE, TR_HEADER, TR_SELECT, TR_SELECT_DIM, TR_STATUS,
	TR_ERROR, TR_FAIL, TR_GOOD, TR_DIM, TR_MARK, TR_BORDER, TR_PLOT,
	TR_COUNT
};

/* Colour -1 = terminal default; 0..255 = palette index. */
struct theme_style {
	int		fg, bg;
	unsigned	attr;	/* THEME_A_* */
};

#define THEME_A_BOLD		1u
#define THEME_A_REVERSE		2u
#define THEME_A_UNDERLINE	4u
#define THEME_A_DIM		8u

struct theme {
	char			name[64];
	struct theme_style	s[TR_COUNT];
	/* Overlay colours: pathologies, TP / FP / FN, prediction, point. */
	unsigned char		pal[10][3];
	unsigned char		tp[3], fp[3], fn[3], point[3];
	int			has_pal;
	int			light;	/* "background = light": default colours are dark on light */
};

/* Compiled-in dark defaults. */
void	theme_default(struct theme *t);
/* Apply a theme file over t. Warnings ("file:line: message") go to warn
 * (one per line, appended, NUL-terminated, truncated to n). -1 when the file
 * cannot be read. */
int	theme_load(struct theme *t, const char *path, char *warn, size_t n);
/* Find a theme by name or path: the path itself, then
 * $XDG_CONFIG_HOME/chexplore/themes, ./themes, the installed share folder.
 * Returns a malloc'd path or NULL. */
char	*theme_find(const char *name);
/* xterm's RGB of palette index idx (0..255; the default 16 colours). */
void	theme_index_rgb(int idx, unsigned char rgb[3]);
/* The nearest (RGB distance) of xterm's first n (8 or 16) colours to
 * palette index idx: how a 256-colour theme degrades on a smaller terminal. */
int	theme_nearest_basic(int idx, int n);
/* A swatch colour (an overlay's rgb shown as text) on a terminal of n < 256
 * colours: the nearest of the chromatic basic colours (red .. cyan, and
 * their bright forms when n >= 16), or -1 (the terminal's own foreground)
 * for a grey. Never black or white: on the terminal's unknown background
 * one of them is invisible. */
int	theme_basic_swatch(const unsigned char rgb[3], int n);
/* The RGB a role's background shows: its colour, or the terminal's default
 * (black, or white for a light theme). */
void	theme_bg_rgb(const struct theme *t, int role, unsigned char rgb[3]);
/* WCAG 2 contrast ratio of two colours (1..21). */
double	theme_contrast(const unsigned char a[3], const unsigned char b[3]);
/* Darken (on a light bg) or lighten c, keeping its hue, until its contrast
 * with bg is at least ratio: overlay colours reused as text colours. */
void	theme_readable(unsigned char c[3], const unsigned char bg[3], double ratio);
/* Role name ("title", ...) for documentation; NULL past the end. */
const char *theme_role_name(int role);

#endif
