/* cli_validate: check segmentation, annotation and salient-point JSON files
 * against the formats of SPEC §2 and report every problem with its place
 * (unlike the loaders, which stop at the first). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annjson.h"
#include "cli.h"
#include "imgid.h"
#include "dataset.h"
#include "escape.h"
#include "image.h"
#include "json.h"
#include "jsonout.h"
#include "rle.h"
#include "tasks.h"
#include "xalloc.h"

enum kind { K_UNKNOWN, K_SEG, K_ANN, K_PTS };

static const char *const kind_names[] = {
	"unknown", "segmentation", "annotation", "salient-point",
};

struct problem {
	char	*where;
	char	*msg;
};

struct report {
	const char	*file;
	enum kind	 kind;
	size_t		 ncxr;
	size_t		 polys;		/* annotation polygons so far (the file limit) */
	size_t		 n, cap;
	struct problem	*p;
	const struct cx_dataset *ds;	/* for image sizes; NULL without --dir */
	unsigned	 want;		/* segmentations: the pathologies every CXR must
					 * hold (--pathologies, else those the file holds) */
	int		 want_given;
};

static void add(struct report *r, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add(struct report *r, const char *where, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->p = cx_xreallocarray(r->p, r->cap, sizeof *r->p);
	}
	r->p[r->n].where = cx_xstrdup(where ? where : "");
	r->p[r->n].msg = cx_xstrdup(buf);
	r->n++;
}

static void
add_err(struct report *r, const struct cx_err *err)
{
	add(r, err->where, "%s", err->msg);
}

static void
report_fini(struct report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->p[i].where);
		free(r->p[i].msg);
	}
	free(r->p);
}

/* [h, w] of non-negative integers within the limits; -1 (and a problem) if not. */
static int
check_hw(struct report *r, const cJSON *a, const char *where, uint32_t *h, uint32_t *w)
{
	const cJSON *x, *y;
	struct cx_err err = {0};
	double dh, dw;

	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != 2 ||
	    !cJSON_IsNumber(x = cJSON_GetArrayItem(a, 0)) ||
	    !cJSON_IsNumber(y = cJSON_GetArrayItem(a, 1))) {
		add(r, where, "want [height, width]");
		return -1;
	}
	dh = x->valuedouble;
	dw = y->valuedouble;
	if (!(dh >= 0 && dw >= 0) || dh != floor(dh) || dw != floor(dw)) {
		add(r, where, "want [height, width] of non-negative integers");
		return -1;
	}
	if (cx_rle_check_size(dh > 1e12 ? 1e12 : dh, dw > 1e12 ? 1e12 : dw, &err) == -1) {
		add(r, where, "%s", err.msg);
		return -1;
	}
	*h = (uint32_t)dh;
	*w = (uint32_t)dw;
	return 0;
}

/* A point [x, y] of finite numbers. */
static int
is_point(const cJSON *p)
{
	const cJSON *x, *y;

	return cJSON_IsArray(p) && cJSON_GetArraySize(p) == 2 &&
	    cJSON_IsNumber(x = cJSON_GetArrayItem(p, 0)) &&
	    cJSON_IsNumber(y = cJSON_GetArrayItem(p, 1)) &&
	    isfinite(x->valuedouble) && isfinite(y->valuedouble);
}

/* The kind one CXR's value looks like, or K_UNKNOWN. */
static enum kind
guess(const cJSON *o)
{
	const cJSON *p;

	if (!cJSON_IsObject(o))
		return K_UNKNOWN;
	if (cJSON_GetObjectItemCaseSensitive(o, "img_size") != NULL)
		return K_ANN;
	cJSON_ArrayForEach(p, o) {
		const cJSON *c;
		if (cJSON_IsObject(p))
			return K_SEG;
		if (!cJSON_IsArray(p))
			continue;
		c = cJSON_GetArrayItem(p, 0);
		if (c == NULL)
			continue;
		if (cJSON_IsArray(c) && cJSON_IsArray(cJSON_GetArrayItem(c, 0)))
			return K_ANN;
		return K_PTS;
	}
	return K_UNKNOWN;
}

/* Pathology key at where: known and not given twice. Returns the task or -1. */
static int
check_task(struct report *r, const char *name, const char *where, unsigned char *seen)
{
	int t = cx_task_id(name);

	if (t < 0) {
		add(r, where, "unknown pathology");
		return -1;
	}
	if (seen[t]) {
		add(r, where, "pathology given twice (\"Lung Opacity\" is Airspace Opacity)");
		return -1;
	}
	seen[t] = 1;
	return t;
}

/* The image of id, when --dir found one: compare its size with [h, w]. */
static void
check_image(struct report *r, const char *id, const char *where, uint32_t h, uint32_t w)
{
	uint32_t ih, iw;
	int ch, depth;
	struct cx_err err = {0};
	long i;
	char buf[1400];

	if (r->ds == NULL)
		return;
	i = cx_dataset_find(r->ds, id);
	if (i < 0 || r->ds->cxr[i].image == NULL)
		return;
	if (cx_image_probe(r->ds->cxr[i].image, &iw, &ih, &ch, &depth, &err) == -1) {
		add(r, where, "cannot read the CXR image: %s", cx_err_format(&err, buf, sizeof buf));
		return;
	}
	if (ih != h || iw != w)
		add(r, where, "size [%u, %u] differs from the image's [%u, %u] (%s)",
		    h, w, ih, iw, r->ds->cxr[i].image);
}

/* The pathologies some CXR of the file holds: a file of fewer than 10
 * (segment --maps on some pathologies' heatmaps) is whole when every CXR
 * holds the same ones. */
static unsigned
held_by_any(const cJSON *root)
{
	const cJSON *o, *p;
	unsigned m = 0;

	cJSON_ArrayForEach(o, root)
		if (cJSON_IsObject(o))
			cJSON_ArrayForEach(p, o) {
				int t = p->string ? cx_task_id(p->string) : -1;
				if (t >= 0)
					m |= 1u << t;
			}
	return m;
}

static void
check_seg(struct report *r, const cJSON *o, const char *id)
{
	unsigned char seen[CX_NTASKS] = {0};
	const cJSON *p;
	uint32_t h0 = 0, w0 = 0;
	const char *first = NULL;
	char where[1024], missing[512] = "";
	int nmiss = 0;

	cJSON_ArrayForEach(p, o) {
		const cJSON *c;
		uint32_t h, w;
		struct cx_rle m;
		struct cx_err err = {0};
		int t;

		snprintf(where, sizeof where, "%s/%s", id, p->string);
		if ((t = check_task(r, p->string, where, seen)) < 0)
			continue;
		if (!cJSON_IsObject(p)) {
			add(r, where, "want an object with size and counts");
			continue;
		}
		snprintf(where, sizeof where, "%s/%s/size", id, p->string);
		if (check_hw(r, cJSON_GetObjectItemCaseSensitive(p, "size"), where, &h, &w) == -1)
			continue;
		if (first == NULL) {
			first = p->string;
			h0 = h;
			w0 = w;
			check_image(r, id, where, h, w);
		} else if (h != h0 || w != w0)
			add(r, where, "size [%u, %u] differs from [%u, %u] of %s", h, w, h0, w0, first);
		snprintf(where, sizeof where, "%s/%s/counts", id, p->string);
		c = cJSON_GetObjectItemCaseSensitive(p, "counts");
		if (cJSON_IsString(c)) {
			if (cx_rle_from_string(&m, c->valuestring, h, w, where, &err) == -1)
				add_err(r, &err);
			else
				cx_rle_fini(&m);
		} else if (cJSON_IsArray(c)) {
			size_t n = (size_t)cJSON_GetArraySize(c), i = 0;
			int64_t *v = cx_xmalloc((n ? n : 1) * sizeof *v);
			const cJSON *it;
			int ok = 1;
			cJSON_ArrayForEach(it, c) {
				double d = it->valuedouble;
				if (!cJSON_IsNumber(it) || d != floor(d) || d < 0 || d > 1e12) {
					char w2[1100];
					snprintf(w2, sizeof w2, "%s/%zu", where, i);
					add(r, w2, "want a non-negative integer");
					ok = 0;
					break;
				}
				v[i++] = (int64_t)d;
			}
			if (ok && cx_rle_from_counts(&m, v, n, h, w, where, &err) == -1)
				add_err(r, &err);
			else if (ok)
				cx_rle_fini(&m);
			free(v);
		} else
			add(r, where, c == NULL ? "counts missing" :
			    "want a string or an array of integers");
	}
	for (int t = 0; t < CX_NTASKS; t++)
		if (!seen[t] && ((r->want >> t) & 1u)) {
			size_t l = strlen(missing);
			snprintf(missing + l, sizeof missing - l, "%s%s", nmiss ? ", " : "",
			    cx_task_names[t]);
			nmiss++;
		}
	if (nmiss > 0 && r->want_given)
		add(r, id, "missing %d of the pathologies --pathologies names (%s)", nmiss, missing);
	else if (nmiss > 0)
		add(r, id, "missing %d of the 10 pathologies (%s); the reference needs all 10",
		    nmiss, missing);
}

/* An annotation entry: read by the readers' own walk (cx_annentry_parse:
 * img_size, polygons, points, the limits), whose first problem is reported;
 * then what only validate checks (the image's size, polygons Pillow fails on). */
static void
check_ann(struct report *r, const cJSON *o, const char *id)
{
	struct cx_annentry e;
	struct cx_err err = {0};
	const cJSON *p;
	char where[1024];

	if (cx_annentry_parse(&e, o, id, &r->polys, &err) == -1) {
		add_err(r, &err);
		cx_annentry_fini(&e);
		return;
	}
	snprintf(where, sizeof where, "%s/img_size", id);
	check_image(r, id, where, e.h, e.w);
	cJSON_ArrayForEach(p, o) {
		int t = cx_task_id(p->string);
		if (t < 0 || strcmp(p->string, "img_size") == 0)
			continue;
		for (size_t i = 0; i < e.npoly[t]; i++)
			if (e.poly[t][i].n < 2) {
				snprintf(where, sizeof where, "%s/%s/%zu", id, p->string, i);
				add(r, where, "polygon of %zu point%s: the reference (Pillow) fails on "
				    "fewer than 2", e.poly[t][i].n, e.poly[t][i].n == 1 ? "" : "s");
			}
	}
	cx_annentry_fini(&e);
}

static void
check_pts(struct report *r, const cJSON *o, const char *id)
{
	unsigned char seen[CX_NTASKS] = {0};
	const cJSON *p;
	char where[1024];

	cJSON_ArrayForEach(p, o) {
		const cJSON *q;
		size_t k = 0;

		snprintf(where, sizeof where, "%s/%s", id, p->string);
		if (check_task(r, p->string, where, seen) < 0)
			continue;
		if (!cJSON_IsArray(p)) {
			add(r, where, "want a list of points [[x, y], ...]");
			continue;
		}
		cJSON_ArrayForEach(q, p) {
			if (!is_point(q)) {
				snprintf(where, sizeof where, "%s/%s/%zu", id, p->string, k);
				add(r, where, "want a point [x, y] of finite numbers");
			}
			k++;
		}
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
check_id(struct report *r, const char *id)
{
	for (const unsigned char *s = (const unsigned char *)id; *s; s++)
		if (*s < 0x20 || *s == 0x7f) {
			add(r, id, "image id holds control bytes");
			return;
		}
	if (*id == '\0')
		add(r, id, "empty image id");
	else if (strchr(id, '/') != NULL)
		add(r, id, "image id holds '/' (ids are paths with '/' replaced by '_')");
	else if (cx_imgid_check(id) != NULL)	/* what the readers refuse */
		add(r, id, "%s", cx_imgid_check(id));
}

static void
check_file(struct report *r, const char *path, enum kind want)
{
	struct cx_err err = {0};
	size_t len, n = 0;
	int nonempty = 0;
	char *buf = cx_read_file(path, &len, CX_JSON_MAX, &err);
	cJSON *root, *o;
	const char **ids;

	r->kind = want;
	if (buf == NULL) {
		add_err(r, &err);
		return;
	}
	root = cx_json_parse(buf, len, path, &err);
	free(buf);
	if (root == NULL) {
		add_err(r, &err);
		return;
	}
	if (!cJSON_IsObject(root)) {
		add(r, "1:1", "want a JSON object of image ids");
		cJSON_Delete(root);
		return;
	}
	if (r->kind == K_UNKNOWN)
		cJSON_ArrayForEach(o, root)
			if ((r->kind = guess(o)) != K_UNKNOWN)
				break;
	r->ncxr = (size_t)cJSON_GetArraySize(root);
	if (!r->want_given)
		r->want = held_by_any(root);
	ids = cx_xcalloc(r->ncxr ? r->ncxr : 1, sizeof *ids);
	cJSON_ArrayForEach(o, root) {
		ids[n++] = o->string;
		nonempty |= cJSON_GetArraySize(o) > 0;
		check_id(r, o->string);
		if (!cJSON_IsObject(o)) {
			add(r, o->string, "want an object of pathologies");
			continue;
		}
		switch (r->kind) {
		case K_SEG:
			check_seg(r, o, o->string);
			break;
		case K_ANN:
			check_ann(r, o, o->string);
			break;
		case K_PTS:
			check_pts(r, o, o->string);
			break;
		case K_UNKNOWN:
			break;
		}
	}
	qsort(ids, n, sizeof *ids, cmp_str);
	for (size_t i = 1; i < n; i++)
		if (strcmp(ids[i - 1], ids[i]) == 0 && (i < 2 || strcmp(ids[i - 2], ids[i]) != 0))
			add(r, ids[i], "image id given more than once");
	if (r->kind == K_UNKNOWN && nonempty)
		add(r, NULL, "cannot tell the file kind (no pathology holds data); use --kind");
	free(ids);
	cJSON_Delete(root);
}

static void
print_text(const struct report *r)
{
	char f[2048], w[2048], m[4096];

	cx_escape_buf(r->file, f, sizeof f);
	for (size_t i = 0; i < r->n; i++) {
		cx_escape_buf(r->p[i].where, w, sizeof w);
		cx_escape_buf(r->p[i].msg, m, sizeof m);
		printf("%s:%s%s %s\n", f, w, *w ? ":" : "", m);
	}
	if (r->kind == K_UNKNOWN && r->n == 0)
		printf("%s: ok: %zu CXR%s without data\n", f, r->ncxr, r->ncxr == 1 ? "" : "s");
	else if (r->kind == K_UNKNOWN)
		printf("%s: %zu problem%s\n", f, r->n, r->n == 1 ? "" : "s");
	else if (r->n == 0)
		printf("%s: ok: %s file, %zu CXR%s\n", f, kind_names[r->kind], r->ncxr,
		    r->ncxr == 1 ? "" : "s");
	else
		printf("%s: %zu problem%s: %s file, %zu CXR%s\n", f, r->n, r->n == 1 ? "" : "s",
		    kind_names[r->kind], r->ncxr, r->ncxr == 1 ? "" : "s");
}

static void
print_json(const struct report *r)
{
	printf("{\"file\": ");
	cli_json_str(stdout, r->file);
	printf(", \"kind\": \"%s\", \"cxrs\": %zu, \"valid\": %s, \"problems\": [",
	    kind_names[r->kind], r->ncxr, r->n == 0 ? "true" : "false");
	for (size_t i = 0; i < r->n; i++) {
		printf("%s{\"where\": ", i ? ", " : "");
		cli_json_str(stdout, r->p[i].where);
		printf(", \"message\": ");
		cli_json_str(stdout, r->p[i].msg);
		printf("}");
	}
	printf("]}\n");
}

static const char about[] =
    "Check segmentation, annotation and salient-point JSON files against the\n"
    "formats (keys, pathology names, all 10 pathologies per CXR in segmentation\n"
    "files, sizes consistent per CXR, RLE counts summing to h*w, points as [x, y])\n"
    "and print every problem as FILE:PLACE: MESSAGE. With --dir, sizes are also\n"
    "checked against the dataset's CXR images. Exit 0 only when every file is valid.";

struct validate_args {
	const char	*kind;
};

static const struct cmd_opt validate_opts[] = {
	CMD_OPT(struct validate_args, kind, "kind", OPT_STR, "seg|ann|points",
	    "file kind (default: from the content)"),
	{ 0 }
};

static int
validate_run(const struct cmd_ctx *c, void *args)
{
	const struct validate_args *a = args;
	const char *dir = c->dir, *kind = a->kind;
	struct cx_dataset ds;
	struct cx_err err = {0};
	enum kind want = K_UNKNOWN;
	int bad = 0, have_ds = 0;

	if (c->npos == 0)
		return cmd_usage(c, "give at least one FILE (try --help)");
	if (kind != NULL) {
		if (strcmp(kind, "seg") == 0 || strcmp(kind, "segmentation") == 0)
			want = K_SEG;
		else if (strcmp(kind, "ann") == 0 || strcmp(kind, "annotation") == 0)
			want = K_ANN;
		else if (strcmp(kind, "points") == 0 || strcmp(kind, "salient-point") == 0)
			want = K_PTS;
		else
			return cmd_usage(c, "--kind: want seg, ann or points");
	}
	if (dir != NULL) {
		if (cx_dataset_open(&ds, dir, NULL, &err) == -1)
			return cmd_failed(&err);
		have_ds = 1;
	}
	for (int i = 0; i < c->npos; i++) {
		struct report r = { .file = c->pos[i], .ds = have_ds ? &ds : NULL,
		    .want = c->tasks, .want_given = c->tasks_given };
		check_file(&r, c->pos[i], want);
		if (r.kind == K_SEG && r.n == 0 && !r.want_given && r.want != (1u << CX_NTASKS) - 1 &&
		    r.want != 0)
			cli_note("%s: every CXR holds the same %d of the 10 pathologies: the "
			    "reference's eval needs all 10; chexplore's takes --pathologies", c->pos[i],
			    __builtin_popcount(r.want));
		if (c->json)
			print_json(&r);
		else
			print_text(&r);
		bad |= r.n > 0;
		report_fini(&r);
	}
	if (have_ds)
		cx_dataset_fini(&ds);
	return bad ? CMD_FAILED : CMD_OK;
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate", .summary = "check segmentation/annotation/salient-point files against the format",
	.usage = "FILE ... [--json] [--dir DIR] [--kind KIND] [--pathologies LIST]", .about = about,
	.flags = CMD_DIR | CMD_PATHOLOGIES | CMD_JSON, .help = { [CMD_C_DIR] = "dataset folder: check sizes against its images",
	    [CMD_C_JSON] = "one JSON object per file (one per line)" },
	.opts = validate_opts, CMD_ARGS(struct validate_args, NULL), .run = validate_run,
};
