/* annjson: read annotation JSON (polygons per CXR and pathology) and turn a
 * pathology's polygons into a mask. */
#include "annjson.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imgid.h"
#include "json.h"
#include "polygon.h"
#include "segjson.h"
#include "xalloc.h"

/* [h, w] of positive integers within the size limits: the format has no
 * empty image (an img_size of [0, 0] made segment write empty masks). */
static int
ann_size(const cJSON *a, struct cx_annentry *e, const char *path, struct cx_err *err)
{
	const cJSON *x, *y;
	double dh, dw;

	if (a == NULL)
		return cx_err_at(err, path, "img_size missing, want [height, width]");
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != 2)
		return cx_err_at(err, path, "want [height, width]");
	x = cJSON_GetArrayItem(a, 0);
	y = cJSON_GetArrayItem(a, 1);
	if (!cJSON_IsNumber(x) || !cJSON_IsNumber(y))
		return cx_err_at(err, path, "want [height, width] of integers");
	dh = x->valuedouble;
	dw = y->valuedouble;
	if (!(dh >= 0 && dw >= 0) || dh != floor(dh) || dw != floor(dw))
		return cx_err_at(err, path, "want [height, width] of non-negative integers");
	if (dh == 0 || dw == 0)
		return cx_err_at(err, path, "an empty image [%.0f, %.0f]: want a height and width of "
		    "at least 1", dh, dw);
	if (cx_rle_check_size(dh > 1e12 ? 1e12 : dh, dw > 1e12 ? 1e12 : dw, err) == -1) {
		char msg[sizeof err->msg];
		/* copied first: the message must not be formatted from itself */
		snprintf(msg, sizeof msg, "%s", err->msg);
		return cx_err_at(err, path, "%s", msg);
	}
	e->h = (uint32_t)dh;
	e->w = (uint32_t)dw;
	return 0;
}

/* One [x, y] point of finite numbers. */
static int
ann_point(const cJSON *p, double *xy)
{
	const cJSON *x, *y;

	if (!cJSON_IsArray(p) || cJSON_GetArraySize(p) != 2)
		return -1;
	x = cJSON_GetArrayItem(p, 0);
	y = cJSON_GetArrayItem(p, 1);
	if (!cJSON_IsNumber(x) || !cJSON_IsNumber(y) || !isfinite(x->valuedouble) ||
	    !isfinite(y->valuedouble))
		return -1;
	xy[0] = x->valuedouble;
	xy[1] = y->valuedouble;
	return 0;
}

/* Polygons read so far in the file being parsed (per thread: files may be
 * read on several at once); reset by cx_annfile_parse and _load. */
static _Thread_local size_t file_polys;

/* A pathology's list of polygons at path. */
static int
ann_polys(const cJSON *a, struct cx_annentry *e, int t, const char *path,
    struct cx_err *err)
{
	const cJSON *c, *p;
	size_t i = 0;
	char where[1024];

	if (!cJSON_IsArray(a))
		return cx_err_at(err, path, "want a list of polygons [[[x, y], ...], ...]");
	e->npoly[t] = (size_t)cJSON_GetArraySize(a);
	if (e->npoly[t] == 0)
		return 0;
	/* bounded work: rasterizing costs points x rows per polygon */
	if (e->npoly[t] > CX_ANN_MAX_POLYS) {
		size_t n = e->npoly[t];
		e->npoly[t] = 0;
		return cx_err_at(err, path, "%zu polygons, more than the limit of %d per pathology",
		    n, CX_ANN_MAX_POLYS);
	}
	if ((file_polys += e->npoly[t]) > CX_ANN_MAX_FILE_POLYS) {
		e->npoly[t] = 0;
		return cx_err_at(err, path, "more than the limit of %d polygons in one file",
		    CX_ANN_MAX_FILE_POLYS);
	}
	e->poly[t] = cx_xcalloc(e->npoly[t], sizeof *e->poly[t]);
	cJSON_ArrayForEach(c, a) {
		struct cx_annpoly *q = &e->poly[t][i];
		size_t k = 0;
		if (!cJSON_IsArray(c)) {
			snprintf(where, sizeof where, "%s/%zu", path, i);
			return cx_err_at(err, where, "want a polygon: a list of [x, y] points");
		}
		q->n = (size_t)cJSON_GetArraySize(c);
		if (q->n > CX_ANN_MAX_POINTS) {
			snprintf(where, sizeof where, "%s/%zu", path, i);
			return cx_err_at(err, where, "%zu points, more than the limit of %d per polygon",
			    q->n, CX_ANN_MAX_POINTS);
		}
		q->xy = cx_xreallocarray(NULL, q->n ? q->n : 1, 2 * sizeof *q->xy);
		cJSON_ArrayForEach(p, c) {
			if (ann_point(p, &q->xy[2 * k]) == -1) {
				snprintf(where, sizeof where, "%s/%zu/%zu", path, i, k);
				return cx_err_at(err, where, "want a point [x, y] of finite numbers");
			}
			k++;
		}
		i++;
	}
	return 0;
}

static void
entry_fini(struct cx_annentry *e)
{
	free(e->id);
	for (int t = 0; t < CX_NTASKS; t++) {
		for (size_t i = 0; i < e->npoly[t] && e->poly[t] != NULL; i++)
			free(e->poly[t][i].xy);
		free(e->poly[t]);
	}
	memset(e, 0, sizeof *e);
}

static int
ann_entry(const cJSON *o, void *entry, struct cx_err *err)
{
	struct cx_annentry *e = entry;
	const cJSON *p;
	char path[1024];

	if (!cJSON_IsObject(o))
		return cx_err_at(err, e->id, "want an object with img_size and pathologies");
	snprintf(path, sizeof path, "%s/img_size", e->id);
	if (ann_size(cJSON_GetObjectItemCaseSensitive(o, "img_size"), e, path, err) == -1)
		return -1;
	cJSON_ArrayForEach(p, o) {
		int t;
		if (strcmp(p->string, "img_size") == 0)
			continue;
		t = cx_task_id(p->string);
		snprintf(path, sizeof path, "%s/%s", e->id, p->string);
		if (t < 0)
			return cx_err_at(err, path, "unknown pathology");
		if (e->present[t])
			return cx_err_at(err, path, "pathology given twice");
		e->present[t] = 1;
		if (ann_polys(p, e, t, path, err) == -1)
			return -1;
	}
	return 0;
}

int
cx_annentry_parse(struct cx_annentry *e, const cJSON *o, const char *id, size_t *polys,
    struct cx_err *err)
{
	int rc;

	memset(e, 0, sizeof *e);
	e->id = cx_xstrdup(id);
	file_polys = *polys;
	rc = ann_entry(o, e, err);
	*polys = file_polys;
	return rc;
}

void
cx_annentry_fini(struct cx_annentry *e)
{
	entry_fini(e);
}

static void
entry_fini_void(void *entry)
{
	entry_fini(entry);
}

static const struct cx_json_idkind kind = { sizeof(struct cx_annentry), ann_entry, entry_fini_void };

void
cx_annfile_fini(struct cx_annfile *f)
{
	if (f == NULL)
		return;
	cx_json_idfile_free(&kind, f->e, f->n);
	f->e = NULL;
	f->n = 0;
}

int
cx_annfile_parse(struct cx_annfile *f, const char *buf, size_t len, const char *name,
    struct cx_err *err)
{
	void *e;
	int rc;

	file_polys = 0;
	rc = cx_json_idfile_parse(&kind, buf, len, name, &e, &f->n, err);

	f->e = e;
	return rc;
}

int
cx_annfile_load(struct cx_annfile *f, const char *path, struct cx_err *err)
{
	void *e;
	int rc;

	file_polys = 0;
	rc = cx_json_idfile_load(&kind, path, &e, &f->n, err);

	f->e = e;
	return rc;
}

const struct cx_annentry *
cx_annfile_find(const struct cx_annfile *f, const char *id)
{
	return cx_imgid_find(f->e, f->n, sizeof *f->e, id);
}

void
cx_annentry_draw(const struct cx_annentry *e, int t, uint8_t *m)
{
	for (size_t i = 0; i < e->npoly[t]; i++)
		cx_polygon_draw(m, e->h, e->w, e->poly[t][i].xy, e->poly[t][i].n);
}

/* Spans kept for the second pass, at most this many (y, x0, x1 triples):
 * past it, a second scan paints the window directly, so that a small file of
 * many huge polygons cannot make us hold billions of spans. */
#define SPAN_CAP	(3u << 20)

struct collect {
	struct cx_annbuf *b;
	uint32_t	 y0, y1, x0, x1;	/* bounding box of all runs */
	int		 any, over;
	uint32_t	 hh;			/* window height (painting) */
};

static void
collect(void *ctx, uint32_t y, uint32_t x0, uint32_t x1)
{
	struct collect *c = ctx;
	struct cx_annbuf *b = c->b;

	if (!c->any || y < c->y0)
		c->y0 = y;
	if (!c->any || y > c->y1)
		c->y1 = y;
	if (!c->any || x0 < c->x0)
		c->x0 = x0;
	if (!c->any || x1 > c->x1)
		c->x1 = x1;
	c->any = 1;
	if (c->over)
		return;
	if (b->nspan + 3 > SPAN_CAP) {
		c->over = 1;
		return;
	}
	if (b->nspan + 3 > b->spancap) {
		b->spancap = b->spancap ? 2 * b->spancap : 3 * 1024;
		b->spans = cx_xreallocarray(b->spans, b->spancap, sizeof *b->spans);
	}
	b->spans[b->nspan++] = y;
	b->spans[b->nspan++] = x0;
	b->spans[b->nspan++] = x1;
}

/* Set row y, columns x0..x1 of the column-major window. */
static void
paint(void *ctx, uint32_t y, uint32_t x0, uint32_t x1)
{
	struct collect *c = ctx;
	uint8_t *p = c->b->win + (size_t)(x0 - c->x0) * c->hh + (y - c->y0);

	for (uint32_t x = x0; x <= x1; x++, p += c->hh)
		*p = 1;
}

static void
push_run(struct cx_annbuf *b, size_t *n, uint32_t v)
{
	if (*n == b->runcap) {
		b->runcap = b->runcap ? 2 * b->runcap : 1024;
		b->runs = cx_xreallocarray(b->runs, b->runcap, sizeof *b->runs);
	}
	b->runs[(*n)++] = v;
}

void
cx_annentry_rle(const struct cx_annentry *e, int t, struct cx_rle *r, struct cx_annbuf *b)
{
	struct collect c = { .b = b };
	uint32_t h = e->h, y0, x0, hh, ww;
	uint64_t total = (uint64_t)h * e->w, end = 0;
	size_t nrun = 0;
	int have = 0;

	b->nspan = 0;
	for (size_t i = 0; i < e->npoly[t]; i++)
		cx_polygon_spans(h, e->w, e->poly[t][i].xy, e->poly[t][i].n, collect, &c);
	if (!c.any) {
		cx_rle_zero(r, h, e->w);
		return;
	}
	/* Rasterize only the bounding window of the runs, column-major so that
	 * the runs come out in COCO's order as one pass over memory. */
	y0 = c.y0;
	x0 = c.x0;
	hh = c.y1 - c.y0 + 1;
	ww = c.x1 - c.x0 + 1;
	c.hh = hh;
	if ((size_t)hh * ww > b->wincap) {
		free(b->win);
		b->wincap = (size_t)hh * ww;
		b->win = cx_xmalloc(b->wincap);
	}
	memset(b->win, 0, (size_t)hh * ww);
	if (c.over) {
		for (size_t i = 0; i < e->npoly[t]; i++)
			cx_polygon_spans(h, e->w, e->poly[t][i].xy, e->poly[t][i].n, paint, &c);
	} else {
		for (size_t s = 0; s < b->nspan; s += 3)
			paint(&c, b->spans[s], b->spans[s + 1], b->spans[s + 2]);
	}
	/* runs of ones as (start, length) in column-major order, joined across
	 * column ends; zero runs are the gaps */
	for (uint32_t c = 0; c < ww; c++) {
		const uint8_t *col = b->win + (size_t)c * hh;
		uint32_t y = 0;
		while (y < hh) {
			uint32_t ya;
			uint64_t start;
			while (y < hh && !col[y])
				y++;
			if (y == hh)
				break;
			ya = y;
			while (y < hh && col[y])
				y++;
			start = (uint64_t)(x0 + c) * h + y0 + ya;
			if (have && start == end)
				b->runs[nrun - 1] += y - ya;
			else {
				push_run(b, &nrun, (uint32_t)(start - end));
				push_run(b, &nrun, y - ya);
			}
			end = start + (y - ya);
			have = 1;
		}
	}
	if (end < total)
		push_run(b, &nrun, (uint32_t)(total - end));
	r->h = h;
	r->w = e->w;
	r->n = nrun;
	r->counts = cx_xreallocarray(NULL, nrun, sizeof *r->counts);
	memcpy(r->counts, b->runs, nrun * sizeof *r->counts);
}

void
cx_annbuf_fini(struct cx_annbuf *b)
{
	if (b == NULL)
		return;
	free(b->win);
	free(b->spans);
	free(b->runs);
	memset(b, 0, sizeof *b);
}

void
cx_annfile_rasterize(const struct cx_annfile *f, struct cx_segfile *out)
{
	struct cx_annbuf ab;

	memset(&ab, 0, sizeof ab);
	for (size_t i = 0; i < f->n; i++) {
		struct cx_segentry e;
		memset(&e, 0, sizeof e);
		e.id = cx_xstrdup(f->e[i].id);
		e.h = f->e[i].h;
		e.w = f->e[i].w;
		for (int t = 0; t < CX_NTASKS; t++) {
			e.present[t] = 1;
			cx_annentry_rle(&f->e[i], t, &e.m[t], &ab);
		}
		cx_segfile_add(out, &e);
	}
	cx_segfile_sort(out);
	cx_annbuf_fini(&ab);
}
