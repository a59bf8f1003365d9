/* methods: the set of saliency methods, their files and derived masks. */
#include "methods.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <math.h>

#include "h2s.h"
#include "json.h"
#include "mapseg.h"
#include "outfile.h"
#include "tuning.h"
#include "xalloc.h"

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcmp(s + n - k, suf) == 0;
}

int
methods_find(const struct methods *ms, const char *name)
{
	for (size_t k = 0; k < ms->n; k++)
		if (strcmp(ms->m[k].name, name) == 0)
			return (int)k;
	return -1;
}

int
methods_add_kind(struct methods *ms, enum meth_kind kind, const char *name, const char *path,
    int file, const char *how)
{
	struct method *me;

	if (ms->n >= METHODS_MAX)
		return -1;
	me = &ms->m[ms->n];
	memset(me, 0, sizeof *me);
	me->kind = kind;
	me->name = cx_xstrdup(name);
	me->path = cx_xstrdup(path ? path : "");
	me->file = file;
	snprintf(me->how, sizeof me->how, "%s", how);
	return (int)ms->n++;
}

/* The one *.json of a folder (NULL when none or several). */
static char *
only_json(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;
	int n = 0;

	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && ends_with(e->d_name, ".json") && n++ == 0)
			found = cx_path_join(dir, e->d_name);
	closedir(d);
	if (n != 1) {
		free(found);
		return NULL;
	}
	return found;
}

/* A heatmap folder: its files by (CXR, pathology), its tuning files read as
 * `segment --maps` reads them from the folder. */
static int
add_heat(struct method *me, const struct cx_dataset *ds, struct cx_err *err)
{
	static const char *const name[2] = { "tuning_results.csv",
	    "probability_tuning_results.csv" };
	int *has[2] = { me->has_thr, me->has_cut };
	double *val[2] = { me->thr, me->cut };
	char *path[2] = { me->thr_path, me->cut_path };

	if (cx_heatmap_list_dir(&me->hl, me->path, err) == -1) {
		cx_err_file(err, me->path);
		return -1;
	}
	if (me->hl.n == 0) {
		cx_heatmap_list_fini(&me->hl);
		cx_err_file(err, me->path);
		return cx_err_set(err, "neither a segmentation JSON nor heatmaps (*_map.pkl)");
	}
	me->heat = cx_xcalloc((ds->n ? ds->n : 1) * CX_NTASKS, sizeof *me->heat);
	for (size_t k = 0; k < me->hl.n; k++) {
		long i = cx_dataset_find(ds, me->hl.id[k]);
		const char **slot;
		if (i < 0 || me->hl.task[k] < 0 || me->hl.task[k] >= CX_NTASKS)
			continue;
		slot = &me->heat[(size_t)i * CX_NTASKS + (size_t)me->hl.task[k]];
		if (!*slot)	/* the first of duplicates, as eval keeps it */
			*slot = me->hl.path[k];
	}
	for (int k = 0; k < 2; k++) {
		struct cx_tuning t;
		char *p = cx_path_join(me->path, name[k]);
		if (access(p, R_OK) == 0) {
			if (cx_tuning_load(&t, k ? CX_TUNING_CUTOFFS : CX_TUNING_THRESHOLDS, p, err)
			    == -1) {
				cx_err_file(err, p);
				free(p);
				free(me->heat);
				cx_heatmap_list_fini(&me->hl);
				return -1;
			}
			memcpy(has[k], t.has, sizeof t.has);
			memcpy(val[k], t.val, sizeof t.val);
			snprintf(path[k], 4096, "%s", p);
		}
		free(p);
	}
	me->der = cx_xcalloc(ds->n ? ds->n : 1, sizeof *me->der);
	me->der_done = cx_xcalloc(ds->n ? ds->n : 1, 1);
	snprintf(me->how, sizeof me->how, "%s from heatmaps%s",
	    me->thr_path[0] ? "tuned thresholds" : "Otsu",
	    me->cut_path[0] ? ", probability cutoffs" : "");
	return 0;
}

int
methods_looks_like_points(const char *s)
{
	int depth = 0, in_str = 0;

	for (; *s; s++) {
		if (in_str) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == '"')
				in_str = 0;
		} else if (*s == '"')
			in_str = 1;
		else if (*s == '{' || *s == '[') {
			if (++depth > 2)
				return 0;
		} else if (*s == '}' || *s == ']')
			depth--;
		else if (*s == ':' && depth == 2) {
			for (s++; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'; s++)
				;
			return *s == '[';
		}
	}
	return 0;
}

/* A JSON file: salient points (METH_POINTS) or a segmentation (METH_SEG),
 * told apart as compare tells them. */
static int
add_json(struct method *me, const char *path, struct cx_err *err)
{
	size_t len;
	char *buf = cx_read_file(path, &len, CX_JSON_MAX, err);
	int rc;

	if (buf == NULL)
		return -1;
	if (methods_looks_like_points(buf)) {
		me->kind = METH_POINTS;
		snprintf(me->how, sizeof me->how, "salient points");
		rc = cx_points_parse(&me->pts, buf, len, path, err);
	} else
		rc = cx_segfile_parse(&me->seg, buf, len, path, err);
	free(buf);
	return rc;
}

void
methods_points_hits(const struct method *me, const char *id, const struct cx_segentry *gt,
    double hit[CX_NTASKS])
{
	const struct cx_ptentry *pe = me->kind == METH_POINTS ? cx_points_find(&me->pts, id) : NULL;

	for (int t = 0; t < CX_NTASKS; t++) {
		hit[t] = NAN;
		if (me->kind != METH_POINTS || !gt || !gt->present[t] || cx_rle_area(&gt->m[t]) == 0)
			continue;
		hit[t] = pe ? cx_points_any_hit(pe, t, &gt->m[t]) : 0.0;
	}
}

int
methods_add(struct methods *ms, const struct cx_dataset *ds, const char *name,
    const char *path, struct cx_err *err)
{
	struct method *me;
	char *json = NULL;
	int rc;

	if (methods_find(ms, name) >= 0) {
		cx_err_file(err, path);
		return cx_err_set(err, "a method named '%s' is already there", name);
	}
	if (methods_add_kind(ms, METH_SEG, name, path, -1, "file") < 0) {
		cx_err_file(err, path);
		return cx_err_set(err, "more than %d methods", METHODS_MAX);
	}
	me = &ms->m[ms->n - 1];
	if (is_dir(path) && (json = only_json(path)) == NULL) {
		me->kind = METH_HEAT;
		rc = add_heat(me, ds, err);
	} else {
		rc = add_json(me, json ? json : path, err);
		if (rc == -1)
			cx_err_file(err, json ? json : path);
		else if (json) {
			free(me->path);
			me->path = json;
			json = NULL;
		}
	}
	free(json);
	if (rc == -1) {
		free(me->name);
		free(me->path);
		ms->n--;
	}
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
methods_how(struct method *me, const int *has_thr, const int *has_cut)
{
	int thr = 0, cut = 0;

	for (int t = 0; t < CX_NTASKS; t++) {
		thr |= has_thr[t];
		cut |= has_cut[t];
	}
	snprintf(me->how, sizeof me->how, "%s from heatmaps%s", thr ? "tuned thresholds" : "Otsu",
	    cut ? ", probability cutoffs" : "");
}

static void
methods_discover(struct methods *ms, const struct cx_dataset *ds,
    void (*problem)(void *ctx, const struct cx_err *err), void *ctx)
{
	char *dir = cx_path_join(ds->dir, "methods");
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	if (!d) {
		free(dir);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char *p;
		if (e->d_name[0] == '.')
			continue;
		p = cx_path_join(dir, e->d_name);
		if (is_dir(p) || ends_with(e->d_name, ".json")) {
			names = cx_xreallocarray(names, n + 1, sizeof *names);
			names[n++] = cx_xstrdup(e->d_name);
		}
		free(p);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t k = 0; k < n; k++) {
		char *p = cx_path_join(dir, names[k]), *name = cx_xstrdup(names[k]);
		struct cx_err err = { 0 };
		if (ends_with(name, ".json"))
			name[strlen(name) - 5] = 0;
		if (methods_add(ms, ds, name, p, &err) == -1 && problem)
			problem(ctx, &err);
		free(p);
		free(name);
		free(names[k]);
	}
	free(names);
	free(dir);
}

void
methods_open(struct methods *ms, const struct cx_dataset *ds, int pred, int pred2, int heat,
    void (*problem)(void *ctx, const struct cx_err *err), void *ctx)
{
	memset(ms, 0, sizeof *ms);
	if (pred >= 0)
		methods_add_kind(ms, METH_MAIN, ds->file[pred].name, ds->file[pred].path, pred,
		    "file");
	else if (heat >= 0)
		methods_add_kind(ms, METH_MAIN, ds->file[heat].name, ds->file[heat].path, heat,
		    "from heatmaps");
	if (pred2 >= 0)
		methods_add_kind(ms, METH_FILE, ds->file[pred2].name, ds->file[pred2].path, pred2,
		    "file");
	methods_discover(ms, ds, problem, ctx);
}

void
methods_masks(const struct method *me, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s%s", me->thr_path[0] ? "thresholds of " : "Otsu", me->thr_path,
	    me->cut_path[0] ? ", probability cutoffs of " : "", me->cut_path);
}

int
methods_complete(const struct methods *ms, int k, size_t n)
{
	return ms->m[k].kind != METH_HEAT || ms->m[k].nder >= n;
}

const struct cx_segfile *
methods_file(const struct methods *ms, int k, size_t n, struct cx_segfile *tmp)
{
	const struct method *me = &ms->m[k];

	memset(tmp, 0, sizeof *tmp);
	if (me->kind == METH_SEG)
		return &me->seg;
	if (me->kind != METH_HEAT || me->nder < n)
		return NULL;
	tmp->e = cx_xcalloc(n ? n : 1, sizeof *tmp->e);
	for (size_t i = 0; i < n; i++)	/* sorted by id, as ds.cxr */
		if (me->der[i].h)
			tmp->e[tmp->n++] = me->der[i];
	return tmp;
}

const struct cx_segentry *
methods_entry(const struct methods *ms, int k, size_t i, const char *id)
{
	const struct method *me = &ms->m[k];

	if (me->kind == METH_SEG)
		return cx_segfile_find(&me->seg, id);
	if (me->kind == METH_HEAT && me->der_done[i] && me->der[i].h)
		return &me->der[i];
	return NULL;
}

void
methods_derive(const struct method *me, size_t i, const char *id,
    const struct cx_segentry *gt, struct cx_segentry *out)
{
	memset(out, 0, sizeof *out);
	for (int t = 0; t < CX_NTASKS; t++) {
		const char *path = me->heat[i * CX_NTASKS + (size_t)t];
		struct cx_heatmap hm;
		struct cx_err err = { 0 };
		uint32_t fw, fh;

		if (!path || cx_heatmap_load(&hm, path, &err) == -1)
			continue;
		fw = hm.cxr_w ? hm.cxr_w : gt ? gt->m[t].w : 0;
		fh = hm.cxr_h ? hm.cxr_h : gt ? gt->m[t].h : 0;
		if (fw && fh && hm.mh && hm.mw) {
			struct cx_h2s_opts o = { .otsu = !me->has_thr[t],
			    .threshold = (float)me->thr[t], .threshold64 = me->thr[t] };
			if (!out->h) {
				out->h = fh;
				out->w = fw;
			}
			/* segment --prob-cutoffs: an empty mask when prob < cutoff. */
			if (me->has_cut[t] && hm.has_prob && cx_heatmap_prob_below(&hm, me->cut[t]))
				cx_rle_zero(&out->m[t], fh, fw);
			else
				cx_mapseg_segment(&hm, fh, fw, &o, &out->m[t]);
			out->present[t] = 1;
		}
		cx_heatmap_fini(&hm);
	}
	if (out->h) {
		out->id = cx_xstrdup(id);
		/* Pathologies without a heatmap: an empty mask of the CXR's size. */
		for (int t = 0; t < CX_NTASKS; t++)
			if (!out->present[t])
				cx_rle_zero(&out->m[t], out->h, out->w);
	}
}

void
methods_derived_take(struct methods *ms, int k, size_t i, struct cx_segentry *e)
{
	struct method *me = &ms->m[k];

	if (me->kind != METH_HEAT || me->der_done[i]) {
		for (int t = 0; t < CX_NTASKS; t++)
			cx_rle_fini(&e->m[t]);
		free(e->id);
	} else {
		me->der[i] = *e;
		me->der_done[i] = 1;
		me->nder++;
	}
	memset(e, 0, sizeof *e);
}

void
methods_fini(struct methods *ms, size_t ncxr)
{
	for (size_t k = 0; k < ms->n; k++) {
		struct method *me = &ms->m[k];
		if (me->kind == METH_SEG)
			cx_segfile_fini(&me->seg);
		if (me->kind == METH_POINTS)
			cx_points_fini(&me->pts);
		if (me->kind == METH_HEAT) {
			for (size_t i = 0; i < ncxr; i++) {
				for (int t = 0; t < CX_NTASKS; t++)
					cx_rle_fini(&me->der[i].m[t]);
				free(me->der[i].id);
			}
			free(me->der);
			free(me->der_done);
			free(me->heat);
			cx_heatmap_list_fini(&me->hl);
		}
		free(me->name);
		free(me->path);
	}
	memset(ms, 0, sizeof *ms);
}
