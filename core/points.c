/* points: read salient-point JSON and apply the reference's hit rule. */
#include "points.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imgid.h"
#include "json.h"
#include "xalloc.h"

static int
pt_pair(const cJSON *p, double *xy)
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

static void
entry_fini(struct cx_ptentry *e)
{
	free(e->id);
	for (int t = 0; t < CX_NTASKS; t++)
		free(e->xy[t]);
	memset(e, 0, sizeof *e);
}

static int
pt_entry(const cJSON *o, void *entry, struct cx_err *err)
{
	struct cx_ptentry *e = entry;
	const cJSON *p, *q;
	char path[1024];

	if (!cJSON_IsObject(o))
		return cx_err_at(err, e->id, "want an object of pathologies");
	cJSON_ArrayForEach(p, o) {
		int t = cx_task_id(p->string);
		size_t k = 0;
		snprintf(path, sizeof path, "%s/%s", e->id, p->string);
		if (t < 0)
			return cx_err_at(err, path, "unknown pathology");
		if (e->present[t])
			return cx_err_at(err, path, "pathology given twice");
		e->present[t] = 1;
		if (!cJSON_IsArray(p))
			return cx_err_at(err, path, "want a list of points [[x, y], ...]");
		e->n[t] = (size_t)cJSON_GetArraySize(p);
		if (e->n[t] == 0)
			continue;
		e->xy[t] = cx_xreallocarray(NULL, e->n[t], 2 * sizeof *e->xy[t]);
		cJSON_ArrayForEach(q, p) {
			if (pt_pair(q, &e->xy[t][2 * k]) == -1) {
				snprintf(path, sizeof path, "%s/%s/%zu", e->id, p->string, k);
				return cx_err_at(err, path, "want a point [x, y] of finite numbers");
			}
			k++;
		}
	}
	return 0;
}

static void
entry_fini_void(void *entry)
{
	entry_fini(entry);
}

static const struct cx_json_idkind kind = { sizeof(struct cx_ptentry), pt_entry, entry_fini_void };

void
cx_points_fini(struct cx_ptfile *f)
{
	if (f == NULL)
		return;
	cx_json_idfile_free(&kind, f->e, f->n);
	f->e = NULL;
	f->n = 0;
}

int
cx_points_parse(struct cx_ptfile *f, const char *buf, size_t len, const char *name,
    struct cx_err *err)
{
	void *e;
	int rc = cx_json_idfile_parse(&kind, buf, len, name, &e, &f->n, err);

	f->e = e;
	return rc;
}

int
cx_points_load(struct cx_ptfile *f, const char *path, struct cx_err *err)
{
	void *e;
	int rc = cx_json_idfile_load(&kind, path, &e, &f->n, err);

	f->e = e;
	return rc;
}

const struct cx_ptentry *
cx_points_find(const struct cx_ptfile *f, const char *id)
{
	return cx_imgid_find(f->e, f->n, sizeof *f->e, id);
}

int
cx_points_hit(const struct cx_rle *m, double x, double y)
{
	double tx, ty;

	if (!isfinite(x) || !isfinite(y))
		return 0;
	/* Python's int() truncates toward zero: -0.4 -> 0, -1.2 -> -1 */
	tx = trunc(x);
	ty = trunc(y);
	if (tx < 0 || ty < 0 || tx >= m->w || ty >= m->h)
		return 0;
	return cx_rle_get(m, (int64_t)ty, (int64_t)tx);
}

int
cx_points_any_hit(const struct cx_ptentry *e, int t, const struct cx_rle *m)
{
	for (size_t i = 0; i < e->n[t]; i++)
		if (cx_points_hit(m, e->xy[t][2 * i], e->xy[t][2 * i + 1]))
			return 1;
	return 0;
}
