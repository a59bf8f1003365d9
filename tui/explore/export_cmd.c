/* export_cmd: a view as the `export` options that make it again. */
#include "export_cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct out {
	char	*b;
	size_t	 n, k;
	int	 over;
};

static void
put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(o->b + o->k, o->k < o->n ? o->n - o->k : 0, fmt, ap);
	va_end(ap);
	if (r < 0 || o->k + (size_t)r >= o->n)
		o->over = 1;
	else
		o->k += (size_t)r;
}

/* One word, single-quoted unless it is plain (' as '\''). */
static void
word(struct out *o, const char *s)
{
	int plain = *s != 0;

	for (const char *q = s; *q; q++)
		plain &= (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')
		    || strchr("-_./,=:+@%", *q) != NULL;
	if (o->k)
		put(o, " ");
	if (plain) {
		put(o, "%s", s);
		return;
	}
	put(o, "'");
	for (const char *q = s; *q; q++)
		put(o, *q == '\'' ? "'\\''" : "%c", *q);
	put(o, "'");
}

/* The shortest decimal that reads back as v (export parses a double; when
 * f, one then made a float). */
static void
num(char *buf, size_t n, double v, int f)
{
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, n, "%.*g", p, v);
		if (f ? (float)strtod(buf, NULL) == (float)v : strtod(buf, NULL) == v)
			return;
	}
}

static void
opt_num(struct out *o, const char *flag, double v, int f)
{
	char b[40];

	num(b, sizeof b, v, f);
	put(o, " %s", flag);
	word(o, b);
}

/* An absolute path of p (the explorer's folder is not the reader's). */
static void
opt_path(struct out *o, const char *flag, const char *p)
{
	char abs[PATH_MAX];

	put(o, " %s", flag);
	word(o, realpath(p, abs) ? abs : p);
}

static int
same_colours(const struct scene *a, const struct scene *b)
{
	return !memcmp(a->pal, b->pal, sizeof a->pal) && !memcmp(a->tp, b->tp, 3)
	    && !memcmp(a->fp, b->fp, 3) && !memcmp(a->fn, b->fn, 3)
	    && !memcmp(a->point, b->point, 3);
}

int
export_command(const struct model *m, size_t i, const struct scene *s, const char *exe,
    const char *png, char *buf, size_t n)
{
	static const struct { unsigned bit; const char *name; } ovs[] = {
		{ OV_GT, "gt" }, { OV_PRED, "pred" }, { OV_ERROR, "error" }, { OV_HEAT, "heatmap" },
		{ OV_POINTS, "points" },
	};
	struct out o = { buf, n, 0, 0 };
	struct scene d;
	char list[64] = "";

	buf[0] = 0;
	scene_init(&d);
	/* A theme's colours are taken in colour only (as export --colours). */
	if (s->nocolor && !same_colours(s, &d)) {
		snprintf(buf, n, "a theme's overlay colours without colour");
		return -1;
	}
	if (s->force_gt_only || s->mask_alpha != d.mask_alpha) {
		snprintf(buf, n, "the side-by-side view");
		return -1;
	}
	word(&o, exe ? exe : "chexplore");
	put(&o, " export");
	word(&o, m->ds.cxr[i].id);
	opt_path(&o, "--dir", m->ds.dir);
	opt_path(&o, "--png", png);
	put(&o, " --annotate");
	if (s->task >= 0) {
		put(&o, " --pathology");
		word(&o, cx_task_names[s->task]);
	}
	for (size_t k = 0; k < sizeof ovs / sizeof ovs[0]; k++)
		if (s->ov & ovs[k].bit)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
			    list[0] ? "," : "", ovs[k].name);
	put(&o, " --overlay %s", list[0] ? list : "none");
	for (int t = 0; t < CX_NTASKS; t++)
		if (!isnan(s->thr[t])) {
			char v[120], b[40];
			num(b, sizeof b, s->thr[t], 0);
			snprintf(v, sizeof v, "%s=%s", cx_task_names[t], b);
			put(&o, " --threshold");
			word(&o, v);
		}
	if (s->which_pred > 0 && (size_t)s->which_pred < m->meth.n) {
		const struct method *me = &m->meth.m[s->which_pred];
		put(&o, " --method");
		if (me->kind == METH_SEG || me->kind == METH_HEAT) {
			char abs[PATH_MAX], v[PATH_MAX + 200];
			snprintf(v, sizeof v, "%s=%s", me->name, realpath(me->path, abs) ? abs
			    : me->path);
			word(&o, v);
		} else
			word(&o, me->name);
	}
	if (s->zoom > 1) {
		opt_num(&o, "--zoom", s->zoom, 0);
		if (s->zx >= 0 && s->zy >= 0)
			put(&o, " --at %.0f,%.0f", s->zx, s->zy);
	}
	if (s->window != d.window)
		opt_num(&o, "--window", s->window, 0);
	if (s->level != d.level)
		opt_num(&o, "--level", s->level, 0);
	if (s->invert)
		put(&o, " --invert");
	if (s->heat_alpha != d.heat_alpha)
		opt_num(&o, "--heat-alpha", s->heat_alpha, 1);
	if (s->nocolor)
		put(&o, " --no-color");
	/* The colours themselves, not the theme's name: the command stays
	 * true when the theme file changes. */
	if (!same_colours(s, &d)) {
		struct scene cs = *s;	/* the slots are writable pointers */
		uint8_t *c[SCENE_NCOLOURS];
		scene_colour_slots(&cs, c);
		put(&o, " --colours ");
		for (int k = 0; k < SCENE_NCOLOURS; k++)
			put(&o, "%s%02x%02x%02x", k ? "," : "", c[k][0], c[k][1], c[k][2]);
	}
	if (o.over) {
		snprintf(buf, n, "a command longer than %zu bytes", n);
		return -1;
	}
	return 0;
}

int
export_command_write(const char *path, const char *cmd, const char *about)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0755);
	FILE *fp;
	int bad;

	if (fd < 0)
		return -1;
	if (!(fp = fdopen(fd, "w"))) {
		close(fd);
		unlink(path);
		return -1;
	}
	fprintf(fp, "#!/bin/sh\n# %s\n%s\n", about, cmd);
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad) {
		unlink(path);
		return -1;
	}
	return 0;
}
