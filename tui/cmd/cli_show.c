/* cli_show: one CXR with overlays, rendered to stdout (sixel, half blocks or
 * text), and the picture half of `export`. */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "escape.h"
#include "image.h"
#include "scene.h"
#include "show.h"
#include "sixelenc.h"
#include "term.h"
#include "xalloc.h"

/* The pathologies drawn (all of them in text mode), with colour swatches on
 * a terminal, and what the marks mean. */
static void
legend(FILE *fp, const struct model *m, size_t i, const struct scene *s, int text, int tty)
{
	const struct model_row *r = &m->row[i];
	char esc[1024];
	int colour = !s->nocolor && !text && tty;

	fprintf(fp, "%s", cx_escape_buf(m->ds.cxr[i].id, esc, sizeof esc));
	for (int k = 0; k < CX_NTASKS; k++) {
		int t = cx_task_sorted[k];
		if (s->task >= 0 && t != s->task)
			continue;
		/* All pathologies: those drawn — positive by the GT, or, for a CXR
		 * without GT, those the prediction marks (heatmaps only). */
		if (s->task < 0 && !text && !(r->gt_area[t] > 0) && !((s->ov & OV_HEAT)
		    && isnan(r->gt_area[t]) && r->pred_area[t] > 0))
			continue;
		if (!colour)
			fprintf(fp, "\n  ");
		else
			fprintf(fp, "\n\033[38;2;%d;%d;%dm\u2588\u2588\033[0m ", s->pal[t][0],
			    s->pal[t][1], s->pal[t][2]);
		fprintf(fp, "%-27s GT %6.2f%%  pred %6.2f%%  IoU ", cx_task_names[t],
		    isnan(r->gt_area[t]) ? 0 : 100 * r->gt_area[t],
		    isnan(r->pred_area[t]) ? 0 : 100 * r->pred_area[t]);
		if (isnan(r->iou[t]))
			fprintf(fp, "  -  ");
		else
			fprintf(fp, "%.3f", r->iou[t]);
		if (!isnan(r->hit[t]))
			fprintf(fp, "  %s", r->hit[t] ? "hit" : "miss");
	}
	if (text) {
		fprintf(fp, "\n");
		return;
	}
	if (s->ov & OV_ERROR)
		fprintf(fp, "\n  error map: true positive green, false positive red, false negative blue");
	if (s->task >= 0 && (s->ov & OV_PRED) && !(s->ov & OV_ERROR))
		fprintf(fp, "\n  GT filled, prediction outlined in magenta");
	if ((s->ov & OV_HEAT) && s->task < 0)
		fprintf(fp, "\n  heatmaps: %s", s->nocolor
		    ? "the highest normalized value of the pathologies listed, white = high"
		    : "each pixel in the colour of the pathology whose normalized map is\n"
		    "  highest there, more opaque where higher (none below 0.2)");
	else if (s->ov & OV_HEAT)
		fprintf(fp, "\n  heatmap: normalized value, %s", s->nocolor
		    ? "white = high" : (s->ov & OV_ERROR) ? "one hue, dark low .. bright high "
		    "(apart from the error map's colours)" : "blue low .. red high (jet), none below 0");
	if (s->ov & OV_POINTS)
		fprintf(fp, "\n  + heatmap maximum (pointing game), o human-benchmark salient point");
	fprintf(fp, "\n");
}

/* Terminal rows that text takes on a width-column terminal, long lines
 * wrapping: columns are the UTF-8 lead bytes outside escape sequences. */
static int
text_rows(const char *t, size_t n, int width)
{
	int rows = 0;
	size_t colm = 0;

	for (size_t k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)t[k];
		if (ch == '\033') {
			while (k + 1 < n && !((t[k + 1] >= 'A' && t[k + 1] <= 'Z')
			    || (t[k + 1] >= 'a' && t[k + 1] <= 'z')))
				k++;
			k++;
		} else if (ch == '\n') {
			rows += colm > 0 ? (int)((colm - 1) / (size_t)width) + 1 : 1;
			colm = 0;
		} else if ((ch & 0xc0) != 0x80)
			colm++;
	}
	return rows;
}

/* Inside tmux, through passthrough: tmux does not know the picture is there,
 * and redraws a pane that scrolls (unless it spans the terminal's width) over
 * it. So make room first for the picture and the legend after it (newlines,
 * scrolling now, then back up), ask tmux where its cursor is (DSR), draw the
 * picture there in outer-terminal coordinates, move below it and print the
 * legend, which then scrolls nothing. */
static void
put_passthrough(const struct term_caps *tc, const char *six, size_t len, uint32_t oh,
    const char *legend_text, size_t legend_len, int width)
{
	int rows = (int)((oh + (uint32_t)tc->cell_h - 1) / (uint32_t)tc->cell_h), row = 0, col = 0;
	int tty = open("/dev/tty", O_RDWR | O_NOCTTY);
	int extra = text_rows(legend_text, legend_len, width);

	for (int k = 0; k < rows + extra; k++)
		fputc('\n', stdout);
	printf("\033[%dA\r", rows + extra);
	fflush(stdout);
	if (term_cursor(tty >= 0 ? tty : STDOUT_FILENO, &row, &col, 500) == -1)
		row = col = 0;
	if (tty >= 0)
		close(tty);
	term_put_image(STDOUT_FILENO, tc, row, 0, six, len);
	printf("\033[%dB\n", rows - 1);
	fwrite(legend_text, 1, legend_len, stdout);
}

/* The options of show; export's also --png. */
#define O(f, ...)	CMD_OPT(struct show_args, f, __VA_ARGS__)
#define SHOW_OPTS \
	O(path, "pathology|p", OPT_STR, "P", "one pathology (default: all)"), \
	O(ovs, "overlay|o", OPT_STR, "LIST", \
	    "gt,pred,error,heatmap,points, all or none (default gt,pred)"), \
	O(gfx, "graphics|g", OPT_STR, "MODE", "auto, sixel, blocks or none"), \
	O(width, "width|w", OPT_INT, "PX", "picture width in pixels"), \
	O(height, "height", OPT_INT, "PX", "picture height limit in pixels"), \
	O(zoom, "zoom", OPT_DBL, "Z", "zoom factor around the image centre"), \
	O(thr, "threshold|t", OPT_LIST, "PATHOLOGY=T", "that prediction = normalized heatmap > T " \
	    "(repeatable; a plain T: of --pathology)"), \
	O(method, "method", OPT_STR, "NAME[=PATH]", "the prediction drawn: a method of the " \
	    "dataset (its file, second file, DIR/methods/ NAME) or one more from PATH"), \
	O(alpha, "heat-alpha", OPT_DBL, "A", "heatmap opacity 0..1"), \
	O(pred2, "second", OPT_BOOL, NULL, "use the second prediction file"), \
	O(nocolor, "no-color", OPT_BOOL, NULL, "contours and hatching only"), \
	O(window, "window", OPT_DBL, "W", "window width of the grey values, 1..512 (default 256)"), \
	O(level, "level", OPT_DBL, "L", "window centre (level), 0..255 (default 128)"), \
	O(invert, "invert", OPT_BOOL, NULL, "inverted grey"), \
	O(at, "at", OPT_STR, "COL,ROW", "centre of the zoom in image pixels (default the middle)"), \
	O(colours, "colours|colors", OPT_STR, "LIST", "overlay colours: 14 RRGGBB, the ten " \
	    "pathologies (table order), TP, FP, FN, the heatmap maximum (the explorer's 'o' with a theme)")
static const struct cmd_opt show_opts[] = { SHOW_OPTS, { 0 } };
const struct cmd_opt show_export_opts[] = {
	SHOW_OPTS,
	O(png, "png", OPT_STR, "FILE", "PNG to write (export)"),
	O(annotate, "annotate", OPT_BOOL, NULL, "id, pathology, legend and colour bar drawn in"),
	{ 0 }
};
const struct show_args show_defaults = {
	.gfx = "auto", .zoom = 1, .alpha = -1, .window = 256, .level = 128,
};

/* --threshold T (of --pathology) or PATHOLOGY=T, each in [0, 1]. */
static int
parse_thresholds(const struct cmd_ctx *ctx, const struct opt_list *l, struct scene *s)
{
	for (int k = 0; k < l->n; k++) {
		const char *v = l->v[k], *eq = strrchr(v, '=');
		char name[64];
		int t = s->task;
		double thr;
		if (eq) {
			snprintf(name, sizeof name, "%.*s", (int)(eq - v < 63 ? eq - v : 63), v);
			if ((t = cx_task_id(name)) < 0)
				return cmd_usage(ctx, "--threshold %s: unknown pathology '%s'", v, name);
			v = eq + 1;
		} else if (t < 0)
			return cmd_usage(ctx, "--threshold %s: want PATHOLOGY=T, or --pathology", v);
		if (opt_decimal(v, &thr) == -1)
			return cmd_usage(ctx, "--threshold %s: want a finite decimal number", l->v[k]);
		if (!(thr >= 0 && thr <= 1))
			return cmd_usage(ctx, "--threshold %s: want a value in [0, 1]", l->v[k]);
		s->thr[t] = thr;
	}
	return 0;
}

/* --colours: 14 RRGGBB, comma-separated (a theme's overlay colours, which
 * the explorer takes in colour only). */
static int
use_colours(const struct cmd_ctx *ctx, const char *v, struct scene *s)
{
	uint8_t *dst[SCENE_NCOLOURS];
	const char *q = v;

	scene_colour_slots(s, dst);
	for (int k = 0; k < SCENE_NCOLOURS; k++) {
		unsigned r, g, b;
		int used = 0;
		if (sscanf(q, "%2x%2x%2x%n", &r, &g, &b, &used) != 3 || used != 6
		    || q[6] != (k == SCENE_NCOLOURS - 1 ? '\0' : ','))
			return cmd_usage(ctx, "--colours: want 14 colours RRGGBB separated by commas, "
			    "not '%s'", v);
		if (!s->nocolor) {
			dst[k][0] = (uint8_t)r;
			dst[k][1] = (uint8_t)g;
			dst[k][2] = (uint8_t)b;
		}
		q += 7;
	}
	return 0;
}

/* Do two paths name the same file? */
static int
same_file(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* --method NAME (one of the dataset's) or NAME=PATH (that one, or added as
 * the explorer's --method adds it); a heatmap method's masks of CXR i are
 * derived here (the explorer's workers do it in the background). */
static int
pick_method(const struct cmd_ctx *ctx, struct model *m, size_t i, const char *v,
    struct scene *s)
{
	const char *eq = strchr(v, '=');
	char *name = cx_xstrdup(v);
	struct cx_err err = { 0 };
	int k;

	if (eq)
		name[eq - v] = '\0';
	if (!*name || (eq && !eq[1])) {
		free(name);
		return cmd_usage(ctx, "--method '%s': want NAME or NAME=PATH", v);
	}
	k = methods_find(&m->meth, name);
	if (k >= 0 && eq && !(m->meth.m[k].path && same_file(m->meth.m[k].path, eq + 1))) {
		cli_fail(ctx->entry->name, "--method %s: the dataset's method '%s' is %s", v, name,
		    m->meth.m[k].path ? m->meth.m[k].path : "its own prediction");
		free(name);
		return CMD_USAGE;
	}
	if (k < 0 && !eq) {
		cli_fail(ctx->entry->name, "--method %s: no such method in %s (NAME=PATH adds one)",
		    name, cmd_dir(ctx));
		free(name);
		return CMD_USAGE;
	}
	if (k < 0) {
		if (methods_add(&m->meth, &m->ds, name, eq + 1, &err) == -1) {
			free(name);
			cli_error(&err);
			return CMD_FAILED;
		}
		k = (int)m->meth.n - 1;
	}
	free(name);
	if (m->meth.m[k].kind == METH_HEAT && !m->meth.m[k].der_done[i]) {
		struct cx_segentry e;
		methods_derive(&m->meth.m[k], i, m->ds.cxr[i].id, model_gt(m, i), &e);
		methods_derived_take(&m->meth, k, i, &e);
	}
	s->which_pred = k;
	return 0;
}

static int show_run1(const struct cmd_ctx *ctx, const struct show_args *a, int is_export);

int
show_run(const struct cmd_ctx *ctx, const struct show_args *a, int is_export)
{
	int rc = show_run1(ctx, a, is_export);

	free(a->thr.v);	/* the scanner's list of --threshold */
	return rc;
}

static int
show_run1(const struct cmd_ctx *ctx, const struct show_args *a, int is_export)
{
	const char *cmd = ctx->entry->name, *dir = cmd_dir(ctx);
	const char *path = a->path, *ovs = a->ovs, *gfx = a->gfx, *png = a->png;
	int width = a->width, height = a->height, nocolor = a->nocolor, pred2 = a->pred2;
	int rc = 0, force, legend_done = 0;
	int width_cols = 80;
	char *lg = NULL;	/* the legend, for passthrough */
	size_t lgn = 0;
	double zoom = a->zoom, alpha = a->alpha;
	struct model m;
	struct model_cxr c;
	struct scene s;
	struct cx_err err = { 0 };
	struct term_caps tc;
	uint32_t ow, oh, bw, bh;
	uint8_t *rgb;
	long idx;

	if (ctx->npos != 1)
		return cmd_usage(ctx, "want one image id");
	if (is_export && !png)
		return cmd_usage(ctx, "--png FILE is required");
	force = term_gfx_parse(gfx);
	if (force == -2)
		return cmd_usage(ctx, "--graphics: want auto, sixel, blocks or none, not '%s'", gfx);
	scene_init(&s);
	if (ovs && scene_parse_overlays(ovs, &s.ov) == -1)
		return cmd_usage(ctx, "--overlay: want a list of gt, pred, error, heatmap, points");
	if (path && (s.task = cx_task_id(path)) < 0)
		return cmd_usage(ctx, "--pathology: unknown pathology '%s'", path);
	if ((rc = parse_thresholds(ctx, &a->thr, &s)) != 0)
		return rc;
	if (width < 0 || width > 8192 || height < 0 || height > 8192 || !(zoom >= 1 && zoom <= 64))
		return cmd_usage(ctx, "--width/--height up to 8192, --zoom in [1, 64]");
	if (alpha >= 0)
		s.heat_alpha = alpha > 1 ? 1 : (float)alpha;
	if (!(a->window >= 1 && a->window <= 512) || !(a->level >= 0 && a->level <= 255))
		return cmd_usage(ctx, "--window in [1, 512], --level in [0, 255]");
	s.window = a->window;
	s.level = a->level;
	s.invert = a->invert;
	if (a->at) {
		char *end;
		s.zx = strtod(a->at, &end);
		if (*end != ',' || !(s.zx >= 0 && s.zx < 1e6))
			return cmd_usage(ctx, "--at: want COL,ROW in image pixels, not '%s'", a->at);
		s.zy = strtod(end + 1, &end);
		if (*end != 0 || !(s.zy >= 0 && s.zy < 1e6))
			return cmd_usage(ctx, "--at: want COL,ROW in image pixels, not '%s'", a->at);
	}
	s.zoom = zoom;
	s.which_pred = pred2;
	s.nocolor = nocolor || (getenv("NO_COLOR") && *getenv("NO_COLOR") && !is_export);
	if (a->colours && (rc = use_colours(ctx, a->colours, &s)) != 0)
		return rc;
	if (model_open(&m, dir, &err) == -1)
		return cmd_failed(&err);
	if ((idx = cx_dataset_find(&m.ds, ctx->pos[0])) < 0) {
		char esc[512];
		cli_fail(cmd, "%s: no CXR with id '%s'", dir, cx_escape_buf(ctx->pos[0], esc, sizeof esc));
		model_close(&m);
		return 1;
	}
	if (pred2 && m.pred2 < 0) {
		cli_fail(cmd, "--second: the dataset has one prediction file");
		model_close(&m);
		return 2;
	}
	if (a->method && pred2) {
		model_close(&m);
		return cmd_usage(ctx, "--second and --method: one prediction at a time");
	}
	if (a->method && (rc = pick_method(ctx, &m, (size_t)idx, a->method, &s)) != 0) {
		model_close(&m);
		return rc;
	}
	/* hit/miss, and the masks derived from heatmaps (a dataset without a
	 * prediction JSON): the explorer has them by the time it draws */
	model_hits(&m, (size_t)idx);

	/* Target box in pixels. */
	memset(&tc, 0, sizeof tc);
	if (is_export) {
		bw = width ? (uint32_t)width : 1024;
		bh = height ? (uint32_t)height : 8192;
	} else {
		int fd = isatty(STDOUT_FILENO) ? STDOUT_FILENO : -1;
		int tty = fd >= 0 ? open("/dev/tty", O_RDWR | O_NOCTTY) : -1;
		struct winsize ws;
		/* Queries go to the controlling terminal, read back from it. */
		term_detect(&tc, tty >= 0 ? tty : fd, force, 500);
		if (tty >= 0)
			close(tty);
		bw = 800;
		bh = 8192;
		if (fd >= 0 && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
			if (tc.mode == GFX_SIXEL) {
				bw = (uint32_t)ws.ws_col * tc.cell_w;
				bh = (uint32_t)(ws.ws_row > 3 ? ws.ws_row - 3 : 1) * tc.cell_h;
			} else {
				bw = ws.ws_col;
				bh = (uint32_t)(ws.ws_row > 3 ? ws.ws_row - 3 : 1) * 2;
			}
			if (bw > 1000)
				bw = 1000;
		} else if (tc.mode == GFX_BLOCKS)
			bw = 80, bh = 96;
		if (width)
			bw = (uint32_t)width;
		if (height)
			bh = (uint32_t)height;
		/* Half blocks: one column per pixel, never wider than the terminal. */
		if (tc.mode == GFX_BLOCKS && fd >= 0 && ioctl(fd, TIOCGWINSZ, &ws) == 0
		    && ws.ws_col > 0 && bw > ws.ws_col)
			bw = ws.ws_col;
		if (tc.mode == GFX_SIXEL && tc.max_w > 0 && tc.max_h > 0) {
			if (bw > (uint32_t)tc.max_w)
				bw = (uint32_t)tc.max_w;
			if (bh > (uint32_t)tc.max_h)
				bh = (uint32_t)tc.max_h;
		}
	}
	if (is_export) {
		/* The explorer's 'o' writes through the same function. */
		rc = scene_export(&m, (size_t)idx, &s, bw, bh, a->annotate, png, NULL, NULL, &err);
		if (rc == -1)
			cli_error(&err);
		model_close(&m);
		return rc == -1 ? 1 : 0;
	}
	if (model_cxr_load(&m, &c, (size_t)idx, bw, bh) == -1) {
		cli_error(&c.img_err);
		rc = 1;
	}
	/* Passthrough: the legend is printed with the picture, and both must fit
	 * in the pane (see put_passthrough). */
	if (!is_export && tc.mode == GFX_SIXEL && tc.passthrough) {
		FILE *mf = open_memstream(&lg, &lgn);
		struct winsize ws;
		if (mf) {
			legend(mf, &m, (size_t)idx, &s, 0, 1);
			fclose(mf);
		}
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) {
			int lr = lg ? text_rows(lg, lgn, ws.ws_col) : 0, free_rows = ws.ws_row - lr - 1;
			width_cols = ws.ws_col;
			if (!height && free_rows >= 4 && bh > (uint32_t)free_rows * (uint32_t)tc.cell_h)
				bh = (uint32_t)free_rows * (uint32_t)tc.cell_h;
		}
	}
	{
		/* Aspect of the window shown (the zoom crop is square-ish to the image). */
		uint32_t iw = c.full_w, ih = c.full_h;
		if (!is_export && tc.mode == GFX_BLOCKS)
			ih = (uint32_t)((double)ih * 1.0);	/* half blocks: square pixels */
		cx_compose_fit(iw, ih, bw, bh, &ow, &oh);
	}
	if (!is_export && tc.mode == GFX_NONE) {
		legend(stdout, &m, (size_t)idx, &s, 1, 0);
		model_cxr_fini(&c);
		model_close(&m);
		return rc;
	}
	rgb = scene_render(&m, &c, &s, ow, oh);
	if (tc.mode == GFX_SIXEL) {
		size_t len;
		char *six = ui_sixel_encode_max(rgb, ow, oh, tc.registers, tc.max_bytes, &len);
		if (!six) {
			cli_fail(cmd, "the picture does not fit in %zu bytes of sixel", tc.max_bytes);
			rc = 1;
		} else {
			if (tc.passthrough) {
				put_passthrough(&tc, six, len, oh, lg ? lg : "", lg ? lgn : 0, width_cols);
				legend_done = 1;
			} else {
				fwrite(six, 1, len, stdout);
				fputc('\n', stdout);
			}
			free(six);
		}
	} else {
		size_t len;
		char *blk = term_blocks(rgb, ow, oh, tc.truecolor || !isatty(STDOUT_FILENO), 1, 1,
		    &len);
		fwrite(blk, 1, len, stdout);
		free(blk);
	}
	if (!is_export && isatty(STDOUT_FILENO) && !legend_done)
		legend(stdout, &m, (size_t)idx, &s, 0, 1);
	free(rgb);
	free(lg);
	model_cxr_fini(&c);
	model_close(&m);
	if (fflush(stdout) != 0)
		rc = 1;
	return rc;
}

static int
show_main(const struct cmd_ctx *ctx, void *args)
{
	return show_run(ctx, args, 0);
}

const struct cmd_entry cmd_show_entry = {
	.name = "show", .summary = "render one CXR with overlays to the terminal",
	.usage = "ID [--dir DIR] [--pathology P] [--overlay LIST] "
	    "[--graphics auto|sixel|blocks|none] [options]",
	.about = "Render one CXR with its overlays to the terminal (sixel, half blocks or text).",
	.flags = CMD_DIR, .opts = show_opts, CMD_ARGS(struct show_args, &show_defaults),
	.run = show_main,
};
