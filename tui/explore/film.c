/* film: window / level, invert, 1:1 zoom, the probe's source pixel, 'o'. */
#include "film.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "escape.h"
#include "export_cmd.h"
#include "image.h"
#include "xalloc.h"

void
film_label(const struct scene *s, char *buf, size_t n)
{
	buf[0] = 0;
	if (!scene_film_plain(s))
		snprintf(buf, n, "W %.0f L %.0f%s", s->window, s->level, s->invert ? " inv" : "");
}

int
film_is_1to1(const struct picture *p)
{
	return p->cur_ok && p->pic_w && p->sc.zoom > 1
	    && fabs(p->sc.zoom * p->pic_w - p->cur.full_w) < 1;
}

static void
film_status(struct app *a)
{
	const struct scene *s = &a->pic.sc;

	ui_status(&a->ui, 0, "window %.0f level %.0f%s (w/W contrast, b/B brightness, I invert, "
	    "O original)", s->window, s->level, s->invert ? " inverted" : "");
}

/* One image pixel a picture pixel, centred at the probe or the middle of
 * what is shown; again: the whole image. */
static void
zoom_1to1(struct app *a)
{
	struct picture *p = &a->pic;
	struct scene *s = &p->sc;

	if (!p->cur_ok || !p->pic_w)
		return;
	if (film_is_1to1(p)) {
		picture_zoom_reset(p);
		ui_status(&a->ui, 0, "whole image");
		return;
	}
	if (p->cur.full_w <= p->pic_w) {
		ui_status(&a->ui, 0, "the picture already shows every pixel (%u of %u wide)",
		    p->cur.full_w, p->pic_w);
		return;
	}
	if (s->probe) {
		s->zx = s->px;
		s->zy = s->py;
	} else if (s->zoom <= 1)
		s->zx = s->zy = -1;
	s->zoom = (double)p->cur.full_w / p->pic_w;
	ui_status(&a->ui, 0, "1:1 (zoom %.3gx)", s->zoom);
}

int
film_export_name(const char *dir, const char *id, int task, char *path, size_t n)
{
	char base[400];
	const char *what = task < 0 ? "all" : cx_task_names[task];
	size_t k;

	snprintf(base, sizeof base, "%s_%s", id, what);
	/* A file name of the id and pathology: no separators or blanks. */
	for (k = 0; base[k]; k++)
		if (base[k] == ' ' || base[k] == '/' || (unsigned char)base[k] < 32)
			base[k] = '_';
	for (int v = 1; v < 1000; v++) {
		int fd;
		if (v == 1)
			snprintf(path, n, "%s/%s.png", dir, base);
		else
			snprintf(path, n, "%s/%s-%d.png", dir, base, v);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) >= 0) {
			close(fd);
			return 0;
		}
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

/* Are CXR i's masks of method k still to be derived? A heatmap method's
 * are derived here and now (as `export --method` does; a worker's copy
 * arriving later is dropped); the dataset's own derived masks come with its
 * hit/miss, which a worker is making. */
static int
pred_pending(struct app *a, size_t i, int k)
{
	struct method *me;

	if (k < 0 || (size_t)k >= a->m.meth.n)
		return 0;
	me = &a->m.meth.m[k];
	if (me->kind == METH_MAIN)
		return a->m.pred < 0 && a->m.derive && !a->m.row[i].hits_done;
	if (me->kind == METH_HEAT && !me->der_done[i]) {
		struct cx_segentry e;
		methods_derive(me, i, a->m.ds.cxr[i].id, model_gt(&a->m, i), &e);
		model_method_apply(&a->m, k, i, &e);
	}
	return 0;
}

/* After 'o': the `export` command that writes the same PNG, saved beside it
 * (NAME.sh for NAME.png) and shown after the file's name. */
static void
report(struct app *a, const struct scene *v, size_t i, const char *path, uint32_t w, uint32_t h)
{
	char exe[4096], sh[4100], cmd[16384], about[600], esc[4200], esc2[4200];
	ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	size_t n = strlen(path);

	exe[k > 0 ? k : 0] = 0;
	cx_escape_buf(path, esc, sizeof esc);
	if (export_command(&a->m, i, v, k > 0 ? exe : NULL, path, cmd, sizeof cmd) == -1) {
		ui_status(&a->ui, 0, "wrote %s (%ux%u); no export command makes %s", esc, w, h, cmd);
		return;
	}
	snprintf(sh, sizeof sh, "%.*s.sh", (int)(n > 4 && strcmp(path + n - 4, ".png") == 0 ? n - 4
	    : n), path);
	snprintf(about, sizeof about, "writes %s again, byte for byte (the explorer's 'o')",
	    cx_escape_buf(path, esc2, sizeof esc2));
	if (export_command_write(sh, cmd, about) == -1)
		ui_status(&a->ui, 0, "wrote %s (%ux%u); %s not saved (%s): %s", esc, w, h,
		    cx_escape_buf(sh, esc2, sizeof esc2), strerror(errno), cmd);
	else
		ui_status(&a->ui, 0, "wrote %s (%ux%u), its command in %s: %s", esc, w, h,
		    cx_escape_buf(sh, esc2, sizeof esc2), cmd);
}

/* 'o': the view as `export --annotate` writes it (same size rule, same
 * function), the probe left out. */
static void
export_png(struct app *a)
{
	struct explore_config cfg = { .gfx = "auto" };
	long i = app_current(a);
	char path[4096];
	struct cx_err err = { 0 };
	struct scene v = a->pic.sc;
	uint32_t w, h;

	if (i < 0)
		return;
	/* The zoom's centre as the info line names it (whole pixels), so that
	 * `export --at` of those numbers makes the same picture. */
	if (v.zx >= 0)
		v.zx = nearbyint(v.zx);	/* as printf's %.0f rounds: halves to even */
	if (v.zy >= 0)
		v.zy = nearbyint(v.zy);
	if (pred_pending(a, (size_t)i, v.which_pred)) {
		ui_status(&a->ui, 1, "export: this CXR's derived masks are still being made; o again "
		    "in a moment");
		return;
	}
	explore_read_config(&cfg);
	if (film_export_name(cfg.export_dir[0] ? cfg.export_dir : ".", a->m.ds.cxr[i].id,
	    a->pic.sc.task, path, sizeof path) == -1) {
		ui_status(&a->ui, 1, "export: cannot make a file in %s: %s",
		    cfg.export_dir[0] ? cfg.export_dir : ".", strerror(errno));
		return;
	}
	if (scene_export(&a->m, (size_t)i, &v, FILM_EXPORT_W, FILM_EXPORT_H, 1, path, &w,
	    &h, &err) == -1) {
		char b[1200];
		unlink(path);
		cx_err_format(&err, b, sizeof b);
		ui_status(&a->ui, 1, "export: %s", b);
		return;
	}
	report(a, &v, (size_t)i, path, w, h);
}

int
film_key(struct app *a, enum action act)
{
	struct scene *s = &a->pic.sc;

	switch (act) {
	case A_WIN_NARROW:
	case A_WIN_WIDE:
		s->window = round(s->window * (act == A_WIN_NARROW ? 0.8 : 1.25));
		s->window = s->window < 2 ? 2 : s->window > 512 ? 512 : s->window;
		film_status(a);
		return V_REDRAW | V_IMAGE;
	case A_LEVEL_DARK:
	case A_LEVEL_BRIGHT:
		s->level += act == A_LEVEL_DARK ? 8 : -8;
		s->level = s->level < 0 ? 0 : s->level > 255 ? 255 : s->level;
		film_status(a);
		return V_REDRAW | V_IMAGE;
	case A_INVERT:
		s->invert = !s->invert;
		film_status(a);
		return V_REDRAW | V_IMAGE;
	case A_FILM_RESET:
		s->window = 256;
		s->level = 128;
		s->invert = 0;
		ui_status(&a->ui, 0, "original film");
		return V_REDRAW | V_IMAGE;
	case A_ZOOM_1TO1:
		zoom_1to1(a);
		return V_REDRAW | V_IMAGE;
	case A_EXPORT_PNG:
		export_png(a);
		return V_REDRAW;
	default:
		return V_IGNORED;
	}
}

/* The source image of one CXR, full size, native depth: decoded on the
 * first ask for CXR i, then read from memory (a probe move is a lookup). */
static struct film_source src = { -1, 0, { 0 } };

void
film_source_text(struct film_source *fs, long i, const char *path, uint32_t col, uint32_t row,
    char *buf, size_t n)
{
	struct cx_err err = { 0 };

	if (fs->i != i) {
		if (fs->ok)
			cx_image_fini(&fs->img);
		fs->i = i;
		fs->ok = path && cx_image_load(&fs->img, path, &err) == 0;
	}
	if (!fs->ok || col >= fs->img.w || row >= fs->img.h) {
		snprintf(buf, n, "source -");
		return;
	}
	size_t at = ((size_t)row * fs->img.w + col) * (size_t)fs->img.channels;
	if (fs->img.depth == 16) {
		const uint16_t *v = (const uint16_t *)fs->img.px + at;
		if (fs->img.channels == 1)
			snprintf(buf, n, "source (%u,%u) %u/65535", col, row, v[0]);
		else
			snprintf(buf, n, "source (%u,%u) %u,%u,%u/65535", col, row, v[0], v[1], v[2]);
	} else if (fs->img.channels == 1)
		snprintf(buf, n, "source (%u,%u) %u", col, row, fs->img.px[at]);
	else
		snprintf(buf, n, "source (%u,%u) %u,%u,%u", col, row, fs->img.px[at],
		    fs->img.px[at + 1], fs->img.px[at + 2]);
}

void
film_source_fini(struct film_source *fs)
{
	if (fs->ok)
		cx_image_fini(&fs->img);
	fs->i = -1;
	fs->ok = 0;
}

void
film_probe_source(struct app *a, char *buf, size_t n)
{
	const struct picture *p = &a->pic;
	long i = app_current(a);

	buf[0] = 0;
	if (i < 0 || !p->cur_ok || !p->sc.probe || !p->cur.img_ok || (long)p->cur.i != i)
		return;
	film_source_text(&src, i, a->m.ds.cxr[i].image, (uint32_t)p->sc.px, (uint32_t)p->sc.py,
	    buf, n);
}
