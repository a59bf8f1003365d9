/* theme: role colours from files. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escape.h"
#include "json.h"
#include "theme.h"
#include "xalloc.h"

static const char *const role_names[TR_COUNT] = {
	"normal", "title", "header", "select", "select-dim", "status", "error", "fail",
	"good", "dim", "mark", "border", "plot",
};

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

const char *
theme_role_name(int role)
{
	return role >= 0 && role < TR_COUNT ? role_names[role] : NULL;
}

void
theme_default(struct theme *t)
{
	static const struct theme_style d[TR_COUNT] = {
		[TR_NORMAL] = { -1, -1, 0 },
		[TR_TITLE] = { 15, 4, THEME_A_BOLD },
		[TR_HEADER] = { 6, -1, THEME_A_BOLD },
		[TR_SELECT] = { 0, 6, 0 },
		[TR_SELECT_DIM] = { -1, -1, THEME_A_REVERSE },
		[TR_STATUS] = { 0, 7, 0 },
		[TR_ERROR] = { 15, 1, THEME_A_BOLD },
		[TR_FAIL] = { 9, -1, 0 },
		[TR_GOOD] = { 10, -1, 0 },
		[TR_DIM] = { 8, -1, 0 },
		[TR_MARK] = { 11, -1, THEME_A_BOLD },
		[TR_BORDER] = { 12, -1, 0 },
		[TR_PLOT] = { 14, -1, 0 },
	};
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "default");
	memcpy(t->s, d, sizeof d);
}

void
theme_index_rgb(int idx, unsigned char rgb[3])
{
	static const unsigned char base[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 }, { 0, 0, 238 },
		{ 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 }, { 127, 127, 127 },
		{ 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 }, { 92, 92, 255 }, { 255, 0, 255 },
		{ 0, 255, 255 }, { 255, 255, 255 },
	};
	static const unsigned char lv[6] = { 0, 95, 135, 175, 215, 255 };

	if (idx < 0 || idx > 255)
		idx = 0;
	if (idx < 16)
		memcpy(rgb, base[idx], 3);
	else if (idx >= 232)
		rgb[0] = rgb[1] = rgb[2] = (unsigned char)(8 + 10 * (idx - 232));
	else {
		idx -= 16;
		rgb[0] = lv[idx / 36];
		rgb[1] = lv[idx / 6 % 6];
		rgb[2] = lv[idx % 6];
	}
}

/* The nearest (RGB distance) to rgb of xterm's colours 0 .. n - 1 (n <= 16),
 * without the black, white and greys (0, 7, 8, 15) when chromatic is set;
 * -1 when none is a candidate. */
static int
nearest_basic_rgb(const unsigned char rgb[3], int n, int chromatic)
{
	long best = -1;
	int pick = -1;

	for (int k = 0; k < n && k < 16; k++) {
		unsigned char c[3];
		long d = 0;
		if (chromatic && (k == 0 || k == 7 || k == 8 || k == 15))
			continue;
		theme_index_rgb(k, c);
		for (int j = 0; j < 3; j++)
			d += (long)(c[j] - rgb[j]) * (c[j] - rgb[j]);
		if (best < 0 || d < best) {
			best = d;
			pick = k;
		}
	}
	return pick;
}

int
theme_basic_swatch(const unsigned char rgb[3], int n)
{
	int mx = rgb[0], mn = rgb[0];

	for (int j = 1; j < 3; j++) {
		mx = rgb[j] > mx ? rgb[j] : mx;
		mn = rgb[j] < mn ? rgb[j] : mn;
	}
	return mx - mn < 48 ? -1 : nearest_basic_rgb(rgb, n >= 16 ? 16 : 8, 1);
}

int
theme_nearest_basic(int idx, int n)
{
	unsigned char want[3];

	theme_index_rgb(idx, want);
	return nearest_basic_rgb(want, n, 0);
}

void
theme_bg_rgb(const struct theme *t, int role, unsigned char rgb[3])
{
	int bg = role >= 0 && role < TR_COUNT ? t->s[role].bg : -1;

	if (bg >= 0)
		theme_index_rgb(bg, rgb);
	else
		memset(rgb, t->light ? 255 : 0, 3);
}

static double
lum(const unsigned char c[3])
{
	double l = 0;
	static const double w[3] = { 0.2126, 0.7152, 0.0722 };

	for (int k = 0; k < 3; k++) {
		double v = c[k] / 255.0;
		l += w[k] * (v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4));
	}
	return l;
}

double
theme_contrast(const unsigned char a[3], const unsigned char b[3])
{
	double x = lum(a), y = lum(b);

	return x > y ? (x + 0.05) / (y + 0.05) : (y + 0.05) / (x + 0.05);
}

void
theme_readable(unsigned char c[3], const unsigned char bg[3], double ratio)
{
	unsigned char orig[3];
	int dark = lum(bg) > 0.18;	/* a light background wants darker text */

	memcpy(orig, c, 3);
	for (int step = 1; step <= 20 && theme_contrast(c, bg) < ratio; step++)
		for (int k = 0; k < 3; k++) {
			double f = step / 20.0;
			c[k] = (unsigned char)(dark ? orig[k] * (1 - f) + 0.5
			    : orig[k] + (255 - orig[k]) * f + 0.5);
		}
}

static void
warnf(char *warn, size_t n, const char *file, size_t line, const char *msg)
{
	size_t len = strlen(warn);
	char esc[600];

	if (len + 1 < n)
		snprintf(warn + len, n - len, "%s:%zu: %s\n",
		    cx_escape_buf(file, esc, sizeof esc), line, msg);
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

/* "default", a name, or 0..255; -2 when bad. */
static int
parse_colour(const char *s)
{
	char *end;
	long v;

	if (*s == 0 || strcmp(s, "default") == 0)
		return -1;
	for (int i = 0; i < 8; i++) {
		if (strcmp(s, colour_names[i]) == 0)
			return i;
		if (strncmp(s, "bright", 6) == 0 && strcmp(s + 6, colour_names[i]) == 0)
			return i + 8;
	}
	v = strtol(s, &end, 10);
	if (*end == 0 && v >= 0 && v <= 255)
		return (int)v;
	return -2;
}

static int
parse_rgb(const char *s, unsigned char rgb[3])
{
	unsigned v;
	char extra;

	if (*s == '#')
		s++;
	if (strlen(s) != 6 || sscanf(s, "%6x%c", &v, &extra) != 1)
		return -1;
	rgb[0] = (unsigned char)(v >> 16);
	rgb[1] = (unsigned char)(v >> 8);
	rgb[2] = (unsigned char)v;
	return 0;
}

static int
overlay_slot(struct theme *t, const char *key, unsigned char **dst)
{
	static const char *const pal[10] = {
		"pathology0", "pathology1", "pathology2", "pathology3", "pathology4",
		"pathology5", "pathology6", "pathology7", "pathology8", "pathology9",
	};
	for (int i = 0; i < 10; i++)
		if (strcmp(key, pal[i]) == 0) {
			*dst = t->pal[i];
			t->has_pal = 1;
			return 0;
		}
	if (strcmp(key, "tp") == 0)
		*dst = t->tp;
	else if (strcmp(key, "fp") == 0)
		*dst = t->fp;
	else if (strcmp(key, "fn") == 0)
		*dst = t->fn;
	else if (strcmp(key, "point") == 0)
		*dst = t->point;
	else
		return -1;
	t->has_pal = 1;
	return 0;
}

int
theme_load(struct theme *t, const char *path, char *warn, size_t n)
{
	struct cx_err err = { 0 };
	/* the one way a user's file is opened: a FIFO is refused, never waited on */
	FILE *fp = cx_fopen_regular(path, &err);
	char line[1024];
	size_t ln = 0;
	const char *base = strrchr(path, '/');

	if (!fp)
		return -1;
	snprintf(t->name, sizeof t->name, "%s", base ? base + 1 : path);
	if (strchr(t->name, '.'))
		*strchr(t->name, '.') = 0;
	while (fgets(line, sizeof line, fp)) {
		char *s, *eq, *key, *val, *f[3] = { NULL, NULL, NULL };
		struct theme_style st = { -1, -1, 0 };
		unsigned char *rgb;
		int role = -1, bad = 0;

		ln++;
		if (!strchr(line, '\n') && !feof(fp)) {
			int ch;
			while ((ch = fgetc(fp)) != EOF && ch != '\n')
				;
			warnf(warn, n, path, ln, "line too long");
			continue;
		}
		s = trim(line);
		if (*s == 0 || *s == '#')
			continue;
		if (!(eq = strchr(s, '='))) {
			warnf(warn, n, path, ln, "want 'role = fg,bg,attr'");
			continue;
		}
		*eq = 0;
		key = trim(s);
		val = trim(eq + 1);
		if (strcmp(key, "background") == 0) {
			if (strcmp(val, "light") == 0 || strcmp(val, "dark") == 0)
				t->light = strcmp(val, "light") == 0;
			else
				warnf(warn, n, path, ln, "want 'background = light' or 'dark'");
			continue;
		}
		if (overlay_slot(t, key, &rgb) == 0) {
			if (parse_rgb(val, rgb) == -1)
				warnf(warn, n, path, ln, "want an RGB colour like #e69f00");
			continue;
		}
		for (int r = 0; r < TR_COUNT; r++)
			if (strcmp(key, role_names[r]) == 0)
				role = r;
		if (role < 0) {
			warnf(warn, n, path, ln, "unknown role");
			continue;
		}
		f[0] = val;
		if ((s = strchr(val, ',')) != NULL) {
			*s = 0;
			f[1] = s + 1;
			if ((s = strchr(f[1], ',')) != NULL) {
				*s = 0;
				f[2] = s + 1;
			}
		}
		st.fg = parse_colour(trim(f[0]));
		st.bg = f[1] ? parse_colour(trim(f[1])) : -1;
		bad = st.fg == -2 || st.bg == -2;
		if (f[2]) {
			char *a = trim(f[2]), *tok;
			while (!bad && (tok = strsep(&a, " +|")) != NULL) {
				if (*tok == 0 || strcmp(tok, "none") == 0)
					continue;
				else if (strcmp(tok, "bold") == 0)
					st.attr |= THEME_A_BOLD;
				else if (strcmp(tok, "reverse") == 0)
					st.attr |= THEME_A_REVERSE;
				else if (strcmp(tok, "underline") == 0)
					st.attr |= THEME_A_UNDERLINE;
				else if (strcmp(tok, "dim") == 0)
					st.attr |= THEME_A_DIM;
				else
					bad = 1;
			}
		}
		if (bad) {
			warnf(warn, n, path, ln, "bad colour or attribute (default kept)");
			continue;
		}
		t->s[role] = st;
	}
	fclose(fp);
	return 0;
}

static char *
try_path(const char *dir, const char *name)
{
	char buf[4096];
	struct stat st;

	snprintf(buf, sizeof buf, "%s/%s%s", dir, name,
	    strstr(name, ".theme") ? "" : ".theme");
	return stat(buf, &st) == 0 && S_ISREG(st.st_mode) ? cx_xstrdup(buf) : NULL;
}

char *
theme_find(const char *name)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char dir[4096], exe[4096];
	struct stat st;
	char *p;
	ssize_t n;

	if ((strchr(name, '/') || strstr(name, ".theme")) && stat(name, &st) == 0)
		return cx_xstrdup(name);
	if (x && *x)
		snprintf(dir, sizeof dir, "%s/chexplore/themes", x);
	else
		snprintf(dir, sizeof dir, "%s/.config/chexplore/themes", home ? home : ".");
	if ((p = try_path(dir, name)) || (p = try_path("themes", name)))
		return p;
	/* Beside the binary: <prefix>/bin/chexplore -> <prefix>/share/chexplore/themes,
	 * or the build tree's themes/. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		if ((p = strrchr(exe, '/')) != NULL)
			*p = 0;
		snprintf(dir, sizeof dir, "%s/../share/chexplore/themes", exe);
		if ((p = try_path(dir, name)))
			return p;
		snprintf(dir, sizeof dir, "%s/themes", exe);
		if ((p = try_path(dir, name)))
			return p;
	}
	return try_path("/usr/local/share/chexplore/themes", name);
}
