/* segjson: read and write segmentation JSON (RLE masks per CXR and pathology). */
#include "segjson.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "imgid.h"
#include "json.h"
#include "outfile.h"
#include "segscan.h"
#include "xalloc.h"

/* [h, w] of non-negative integers. */
static int
json_hw(const cJSON *a, uint32_t *h, uint32_t *w)
{
	const cJSON *x, *y;
	double dh, dw;

	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != 2)
		return -1;
	x = cJSON_GetArrayItem(a, 0);
	y = cJSON_GetArrayItem(a, 1);
	if (!cJSON_IsNumber(x) || !cJSON_IsNumber(y))
		return -1;
	dh = x->valuedouble;
	dw = y->valuedouble;
	if (dh < 0 || dw < 0 || dh != floor(dh) || dw != floor(dw) || dh > 4e9 || dw > 4e9)
		return -1;
	*h = (uint32_t)dh;
	*w = (uint32_t)dw;
	return 0;
}

/* One {"size","counts"} mask at path. */
static int
seg_mask(const cJSON *o, const char *path, struct cx_rle *r, struct cx_err *err)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(o, "counts");
	uint32_t h, w;
	char where[1024];

	if (!cJSON_IsObject(o))
		return cx_err_at(err, path, "want an object with size and counts");
	snprintf(where, sizeof where, "%s/size", path);
	if (json_hw(cJSON_GetObjectItemCaseSensitive(o, "size"), &h, &w) == -1)
		return cx_err_at(err, where, "want [height, width] of non-negative integers");
	if (cx_rle_check_size(h, w, err) == -1)
		return cx_err_at(err, where, "%s", err->msg);
	snprintf(where, sizeof where, "%s/counts", path);
	if (cJSON_IsString(c))
		return cx_rle_from_string(r, c->valuestring, h, w, where, err);
	if (cJSON_IsArray(c)) {
		size_t n = (size_t)cJSON_GetArraySize(c), i = 0;
		int64_t *v = cx_xmalloc((n ? n : 1) * sizeof *v);
		const cJSON *it;
		int rc;
		cJSON_ArrayForEach(it, c) {
			double d = it->valuedouble;
			if (!cJSON_IsNumber(it) || d != floor(d) || d < 0 || d > 1e12) {
				free(v);
				snprintf(where, sizeof where, "%s/counts/%zu", path, i);
				return cx_err_at(err, where, "want a non-negative integer");
			}
			v[i++] = (int64_t)d;
		}
		rc = cx_rle_from_counts(r, v, n, h, w, where, err);
		free(v);
		return rc;
	}
	return cx_err_at(err, where, "want a string or an array of integers");
}

void
cx_segentry_fini(struct cx_segentry *e)
{
	free(e->id);
	for (int t = 0; t < CX_NTASKS; t++)
		cx_rle_fini(&e->m[t]);
	memset(e, 0, sizeof *e);
}

void
cx_segfile_fini(struct cx_segfile *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++)
		cx_segentry_fini(&f->e[i]);
	free(f->e);
	cx_segscan_free(f->lazy);
	f->lazy = NULL;
	f->e = NULL;
	f->n = f->cap = 0;
}

void
cx_segfile_add(struct cx_segfile *f, struct cx_segentry *e)
{
	if (f->n >= f->cap) {
		f->cap = f->n ? 2 * f->n : 16;
		f->e = cx_xreallocarray(f->e, f->cap, sizeof *f->e);
	}
	f->e[f->n++] = *e;
	memset(e, 0, sizeof *e);
}

void
cx_segfile_sort(struct cx_segfile *f)
{
	cx_imgid_sort(f->e, f->n, sizeof *f->e);
}

long
cx_segfile_index(const struct cx_segfile *f, const char *id)
{
	return cx_imgid_index(f->e, f->n, sizeof *f->e, id);
}

const struct cx_segentry *
cx_segfile_find(const struct cx_segfile *f, const char *id)
{
	long i;

	if (f->lazy == NULL)
		return cx_imgid_find(f->e, f->n, sizeof *f->e, id);
	i = cx_segfile_index(f, id);
	return i < 0 ? NULL : cx_segscan_at(f, (size_t)i);
}

static int
seg_entry(const cJSON *o, void *entry, struct cx_err *err)
{
	struct cx_segentry *e = entry;
	const cJSON *p;
	int first = 1;
	char path[1024];

	if (!cJSON_IsObject(o))
		return cx_err_at(err, e->id, "want an object of pathologies");
	cJSON_ArrayForEach(p, o) {
		int t = cx_task_id(p->string);
		snprintf(path, sizeof path, "%s/%s", e->id, p->string);
		if (t < 0)
			return cx_err_at(err, path, "unknown pathology");
		if (e->present[t])
			return cx_err_at(err, path, "pathology given twice");
		if (seg_mask(p, path, &e->m[t], err) == -1)
			return -1;
		e->present[t] = 1;
		if (first) {
			e->h = e->m[t].h;
			e->w = e->m[t].w;
			first = 0;
		} else if (e->m[t].h != e->h || e->m[t].w != e->w)
			return cx_err_at(err, path, "size [%u, %u] differs from [%u, %u] of this CXR's other masks",
			    e->m[t].h, e->m[t].w, e->h, e->w);
	}
	for (int t = 0; t < CX_NTASKS; t++)
		if (!e->present[t])
			cx_rle_zero(&e->m[t], e->h, e->w);
	return 0;
}

static void
entry_fini(void *entry)
{
	cx_segentry_fini(entry);
}

static const struct cx_json_idkind kind = { sizeof(struct cx_segentry), seg_entry, entry_fini };

int
cx_segfile_parse(struct cx_segfile *f, const char *buf, size_t len, const char *name,
    struct cx_err *err)
{
	void *e;
	int rc = cx_json_idfile_parse(&kind, buf, len, name, &e, &f->n, err);

	f->e = e;
	f->cap = f->n;
	f->lazy = NULL;
	return rc;
}

int
cx_segfile_load(struct cx_segfile *f, const char *path, struct cx_err *err)
{
	void *e;
	int rc = cx_json_idfile_load(&kind, path, &e, &f->n, err);

	f->e = e;
	f->cap = f->n;
	f->lazy = NULL;
	return rc;
}

int
cx_segfile_write(const struct cx_segfile *f, FILE *fp, int all_tasks)
{
	cx_segscan_realize(f);
	fputc('{', fp);
	for (size_t i = 0; i < f->n; i++) {
		const struct cx_segentry *e = &f->e[i];
		int first = 1;
		if (i)
			fputs(", ", fp);
		cx_json_write_string(fp, e->id);
		fputs(": {", fp);
		for (int t = 0; t < CX_NTASKS; t++) {
			char *s;
			if (!all_tasks && !e->present[t])
				continue;
			s = cx_rle_to_string(&e->m[t]);
			/* COCO strings may hold a backslash (byte 92): escape them */
			fprintf(fp, "%s\"%s\": {\"size\": [%u, %u], \"counts\": ",
			    first ? "" : ", ", cx_task_names[t], e->m[t].h, e->m[t].w);
			cx_json_write_string(fp, s);
			fputc('}', fp);
			free(s);
			first = 0;
		}
		fputc('}', fp);
	}
	fputs("}", fp);
	return ferror(fp) ? -1 : 0;
}

int
cx_segfile_save(const struct cx_segfile *f, const char *path, int all_tasks,
    struct cx_err *err)
{
	struct cx_outfile o;

	if (cx_outfile_open(&o, path, err) == -1)
		return -1;
	if (cx_segfile_write(f, o.fp, all_tasks) == -1) {
		int e = errno ? errno : EIO;	/* the failed write's: abort unlinks */
		cx_outfile_abort(&o);
		cx_err_file(err, path);
		return cx_err_set(err, "cannot write: %s", strerror(e));
	}
	return cx_outfile_commit(&o, err);
}
