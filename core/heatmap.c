/* heatmap: one map per file, from a pickle (data-only reader), a .npy or a
 * 16-bit grayscale PNG (SPEC §2.4). */
#include "heatmap.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "image.h"
#include "imgid.h"
#include "npy.h"
#include "pickle.h"
#include "rle.h"
#include "tasks.h"
#include "xalloc.h"

/* Maps are model-resolution grids; anything near this is hostile. */
#define HM_MAX_ELEMS	(1u << 24)

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* Squeeze leading 1s: the map must be (h, w) or (1, ..., 1, h, w). */
static int
map_shape(int ndim, const uint64_t *shape, uint32_t *h, uint32_t *w)
{
	if (ndim < 2)
		return -1;
	for (int i = 0; i < ndim - 2; i++)
		if (shape[i] != 1)
			return -1;
	if (shape[ndim - 2] == 0 || shape[ndim - 1] == 0 ||
	    shape[ndim - 2] > CX_MAX_SIDE || shape[ndim - 1] > CX_MAX_SIDE)
		return -1;
	*h = (uint32_t)shape[ndim - 2];
	*w = (uint32_t)shape[ndim - 1];
	return 0;
}

/* The float32 map every view and the float32 arithmetic use; a float64
 * source is kept as well, for the float64 arithmetic torch applies to it. */
static void
set_map(struct cx_heatmap *hm, const double *v, uint32_t h, uint32_t w, int f64)
{
	hm->mh = h;
	hm->mw = w;
	hm->map = cx_xmalloc((size_t)h * w * sizeof *hm->map);
	for (size_t i = 0; i < (size_t)h * w; i++)
		hm->map[i] = (float)v[i];
	hm->map64 = NULL;
	if (f64) {
		hm->map64 = cx_xmalloc((size_t)h * w * sizeof *hm->map64);
		memcpy(hm->map64, v, (size_t)h * w * sizeof *hm->map64);
	}
}

/* Whether no value is NaN or infinite (its exponent bits all set: adding
 * one to the exponent carries into bit 31 then only), without a branch per
 * value; the first bad value is looked for only when there is one. */
static int
all_finite(const float *v, size_t n)
{
	uint32_t bad = 0, u[4];
	size_t i = 0;

	for (; i + 4 <= n; i += 4) {
		memcpy(u, &v[i], sizeof u);
		bad |= ((u[0] & 0x7f800000u) + 0x00800000u) | ((u[1] & 0x7f800000u) + 0x00800000u) |
		    ((u[2] & 0x7f800000u) + 0x00800000u) | ((u[3] & 0x7f800000u) + 0x00800000u);
	}
	for (; i < n; i++) {
		memcpy(u, &v[i], 4);
		bad |= (u[0] & 0x7f800000u) + 0x00800000u;
	}
	return !(bad >> 31);
}

static int
where_err(struct cx_err *err, const struct cx_pk_obj *o, const char *msg)
{
	char where[64];

	snprintf(where, sizeof where, "byte %llu", (unsigned long long)cx_pk_offset(o));
	return cx_err_at(err, where, "%s", msg);
}

static int
load_pkl(struct cx_heatmap *hm, const char *path, int name_task, struct cx_err *err)
{
	struct cx_pickle *pk;
	const struct cx_pk_obj *root, *o;
	struct cx_pk_array a;
	int rc = -1;

	if (cx_pickle_load(&pk, path, err) == -1)
		return -1;
	root = cx_pickle_root(pk);
	if (cx_pk_kind(root) != CX_PK_DICT) {
		where_err(err, root, "not a dict of heatmap fields");
		goto out;
	}
	/* task first: a 14-element prob is indexed by it */
	hm->task = name_task;
	if ((o = cx_pk_dict_get(pk, root, "task")) != NULL) {
		const uint8_t *s;
		size_t n;
		int t;
		if (cx_pk_blob(pk, o, &s, &n, err) == -1 ||
		    (t = cx_task_idn((const char *)s, n)) == -1) {
			where_err(err, o, "'task' is not a known pathology name");
			goto out;
		}
		hm->task = t;
	}
	if ((o = cx_pk_dict_get(pk, root, "map")) == NULL) {
		where_err(err, root, "no 'map' entry");
		goto out;
	}
	if (cx_pk_array_f32(pk, o, HM_MAX_ELEMS, &a, err) == -1)
		goto out;
	if (map_shape(a.ndim, a.shape, &hm->mh, &hm->mw) == -1) {
		free(a.v);
		free(a.f);
		where_err(err, o, "'map' must have shape (h, w) or (1, 1, h, w)");
		goto out;
	}
	if (a.f != NULL) {
		/* float32 already: the map itself */
		hm->map = a.f;
		hm->map64 = NULL;
	} else {
		set_map(hm, a.v, hm->mh, hm->mw, a.f64);
		free(a.v);
	}
	if ((o = cx_pk_dict_get(pk, root, "prob")) != NULL) {
		if (cx_pk_number(o, &hm->prob) == 0) {
			/* a Python float, or a NumPy scalar, which NumPy compares
			 * with the float64 cutoff in float64 */
			hm->has_prob = 1;
		} else if (cx_pk_kind(o) == CX_PK_TENSOR || cx_pk_kind(o) == CX_PK_NDARRAY) {
			if (cx_pk_array(pk, o, 1u << 16, &a, err) == -1)
				goto out;
			int tensor = cx_pk_kind(o) == CX_PK_TENSOR;
			if (a.n == 1) {
				hm->prob = a.v[0];
				hm->prob_form = tensor ? CX_PROB_TENSOR1 :
				    a.ndim == 0 ? CX_PROB_NUMBER : CX_PROB_ARRAY1;
			} else if (a.n == CX_NCHEXPERT && hm->task >= 0) {
				hm->prob = a.v[cx_task_chexpert_index(hm->task)];
				hm->prob_form = tensor ? CX_PROB_TENSOR14 : CX_PROB_ARRAY14;
			} else {
				free(a.v);
				where_err(err, o, "'prob' must be a number or a 14-element vector");
				goto out;
			}
			hm->has_prob = 1;
			hm->prob_f32 = a.f32;
			free(a.v);
		} else if (cx_pk_kind(o) != CX_PK_NONE) {
			where_err(err, o, "'prob' must be a number or a 14-element vector");
			goto out;
		}
	}
	if ((o = cx_pk_dict_get(pk, root, "gt")) != NULL) {
		double g;
		if (cx_pk_number(o, &g) == 0)
			hm->gt = g != 0;
	}
	if ((o = cx_pk_dict_get(pk, root, "cxr_dims")) != NULL) {
		int64_t w, h;
		struct cx_err e2 = {0};
		if (cx_pk_len(o) != 2 || cx_pk_int(cx_pk_item(o, 0), &w) == -1 ||
		    cx_pk_int(cx_pk_item(o, 1), &h) == -1 || w <= 0 || h <= 0 ||
		    cx_rle_check_size((uint64_t)h, (uint64_t)w, &e2) == -1) {
			where_err(err, o, "'cxr_dims' must be (width, height) within the size limits");
			goto out;
		}
		hm->cxr_w = (uint32_t)w;
		hm->cxr_h = (uint32_t)h;
	}
	rc = 0;
out:
	cx_pickle_free(pk);
	return rc;
}

static int
load_npy(struct cx_heatmap *hm, const char *path, struct cx_err *err)
{
	struct cx_npy a;

	if (cx_npy_load(&a, path, HM_MAX_ELEMS, err) == -1)
		return -1;
	if (map_shape(a.ndim, a.shape, &hm->mh, &hm->mw) == -1) {
		cx_npy_fini(&a);
		cx_err_set(err, "the array must have shape (h, w) or (1, 1, h, w)");
		return -1;
	}
	set_map(hm, a.v, hm->mh, hm->mw, a.f64);
	cx_npy_fini(&a);
	return 0;
}

/* A grayscale PNG heatmap: 16-bit values / 65535 (8-bit / 255), decoded by
 * the image module (its own libpng error context, size and bomb checks). */
static int
load_png(struct cx_heatmap *hm, const char *path, struct cx_err *err)
{
	struct cx_image im;
	size_t n;

	if (cx_image_load(&im, path, err) == -1)
		return -1;
	n = (size_t)im.w * im.h;
	if (im.channels != 1 || n > HM_MAX_ELEMS) {
		cx_image_fini(&im);
		return cx_err_set(err, "want a 16-bit (or 8-bit) grayscale PNG heatmap of at most "
		    "%u pixels", HM_MAX_ELEMS);
	}
	hm->map = cx_xmalloc(n * sizeof *hm->map);
	for (size_t i = 0; i < n; i++)
		hm->map[i] = im.depth == 16 ? (float)(((const uint16_t *)im.px)[i] / 65535.0) :
		    (float)(im.px[i] / 255.0);
	hm->mh = im.h;
	hm->mw = im.w;
	cx_image_fini(&im);
	return 0;
}

int
cx_heatmap_load(struct cx_heatmap *hm, const char *path, struct cx_err *err)
{
	struct cx_heatmap_name nm;
	const char *base = strrchr(path, '/');
	int rc, name_task = -1;

	memset(hm, 0, sizeof *hm);
	hm->task = -1;
	hm->gt = -1;
	base = base ? base + 1 : path;
	if (cx_heatmap_parse_name(base, &nm) == 0) {
		name_task = nm.task;
		free(nm.id);
	}
	if (ends_with(path, ".pkl") || ends_with(path, ".pickle"))
		rc = load_pkl(hm, path, name_task, err);
	else if (ends_with(path, ".npy"))
		rc = load_npy(hm, path, err);
	else if (ends_with(path, ".png"))
		rc = load_png(hm, path, err);
	else
		rc = cx_err_set(err, "unknown heatmap file type (want .pkl, .npy or .png)");
	/* NaN or infinity (or a float64 beyond float32) makes the min-max
	 * normalization NaN and Otsu's histogram walk off its bins */
	if (rc == 0 && !all_finite(hm->map, (size_t)hm->mh * hm->mw))
		for (size_t i = 0; rc == 0 && i < (size_t)hm->mh * hm->mw; i++)
			if (!isfinite(hm->map[i])) {
				char w[64];
				snprintf(w, sizeof w, "map[%zu][%zu]", i / hm->mw, i % hm->mw);
				rc = cx_err_at(err, w, "not a finite float32 number");
			}
	if (rc == -1) {
		cx_err_file(err, path);
		cx_heatmap_fini(hm);
		return -1;
	}
	if (hm->task == -1)
		hm->task = name_task;
	return 0;
}

/* Whether the comparison is made in float32: a float32 tensor or NumPy array
 * of one element keeps its dtype against the float64 cutoff; the 14-element
 * tensor only where it is not turned into a Python float first (item). */
static int
prob_in_f32(const struct cx_heatmap *hm, int item)
{
	if (!hm->prob_f32)
		return 0;
	switch (hm->prob_form) {
	case CX_PROB_TENSOR1:
	case CX_PROB_ARRAY1:
		return 1;
	case CX_PROB_TENSOR14:
		return !item;
	default:
		return 0;
	}
}

int
cx_heatmap_prob_below(const struct cx_heatmap *hm, double cutoff)
{
	if (prob_in_f32(hm, 1))
		return (float)hm->prob < (float)cutoff;
	return hm->prob < cutoff;
}

int
cx_heatmap_prob_above(const struct cx_heatmap *hm, double cutoff)
{
	if (prob_in_f32(hm, 0))
		return (float)hm->prob > (float)cutoff;
	return hm->prob > cutoff;
}

void
cx_heatmap_fini(struct cx_heatmap *hm)
{
	free(hm->map);
	free(hm->map64);
	hm->map = NULL;
	hm->map64 = NULL;
}

int
cx_heatmap_parse_name(const char *name, struct cx_heatmap_name *out)
{
	const char *last, *prev, *p;
	int task;

	/* "<id>_<Pathology>_map.<ext>": the last '_' field is "map.<ext>" */
	if ((last = strrchr(name, '_')) == NULL)
		return -1;
	if (!(strcasecmp(last, "_map.pkl") == 0 || strcasecmp(last, "_map.npy") == 0 ||
	    strcasecmp(last, "_map.png") == 0))
		return -1;
	for (prev = NULL, p = name; p < last; p++)
		if (*p == '_')
			prev = p;
	if (prev == NULL || prev == name)
		return -1;
	/* CheXpert's "Lung Opacity" is not a localization task for the
	 * reference's scripts (LOCALIZATION_TASKS, *{task}_map.pkl): skipped
	 * everywhere, told apart so that commands can say so. */
	if (last - prev - 1 == 12 && memcmp(prev + 1, "Lung Opacity", 12) == 0)
		return CX_HEATMAP_LUNG_OPACITY;
	if ((task = cx_task_idn(prev + 1, (unsigned long)(last - prev - 1))) == -1)
		return -1;
	out->task = task;
	out->id = cx_xmalloc((size_t)(prev - name) + 1);
	memcpy(out->id, name, (size_t)(prev - name));
	out->id[prev - name] = '\0';
	/* a name whose id could not be an image id is not a heatmap of ours */
	if (cx_imgid_check(out->id) != NULL) {
		free(out->id);
		out->id = NULL;
		return -1;
	}
	return 0;
}

struct walk {
	struct cx_heatmap_list	*l;
	size_t			 cap;
};

static int
walk_dir(struct walk *wk, const char *dir, int depth, struct cx_err *err)
{
	DIR *d;
	struct dirent *de;

	if (depth > 64)
		return 0;
	if ((d = opendir(dir)) == NULL) {
		cx_err_set(err, "cannot open folder: %s", strerror(errno));
		cx_err_file(err, dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		struct cx_heatmap_name nm;
		struct stat st;
		size_t n;
		char *p;
		int rc;

		if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
		    (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		n = strlen(dir) + strlen(de->d_name) + 2;
		p = cx_xmalloc(n);
		snprintf(p, n, "%s/%s", dir, de->d_name);
		/* Directories are entered only when real (no symlink loops). */
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			int rc = walk_dir(wk, p, depth + 1, err);
			free(p);
			if (rc == -1) {
				closedir(d);
				return -1;
			}
			continue;
		}
		if ((rc = cx_heatmap_parse_name(de->d_name, &nm)) < 0 || stat(p, &st) == -1 ||
		    !S_ISREG(st.st_mode)) {
			if (rc == CX_HEATMAP_LUNG_OPACITY && stat(p, &st) == 0 &&
			    S_ISREG(st.st_mode))
				wk->l->nlungop++;
			if (rc == 0)
				free(nm.id);
			free(p);
			continue;
		}
		if (wk->l->n == wk->cap) {
			wk->cap = wk->cap ? wk->cap * 2 : 64;
			wk->l->path = cx_xreallocarray(wk->l->path, wk->cap, sizeof *wk->l->path);
			wk->l->id = cx_xreallocarray(wk->l->id, wk->cap, sizeof *wk->l->id);
			wk->l->task = cx_xreallocarray(wk->l->task, wk->cap, sizeof *wk->l->task);
		}
		wk->l->path[wk->l->n] = p;
		wk->l->id[wk->l->n] = nm.id;
		wk->l->task[wk->l->n] = nm.task;
		wk->l->n++;
	}
	closedir(d);
	return 0;
}

struct ent {
	char	*path, *id;
	int	 task;
};

static int
ent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->path, ((const struct ent *)b)->path);
}

int
cx_heatmap_list_dir(struct cx_heatmap_list *l, const char *dir, struct cx_err *err)
{
	struct walk wk = { l, 0 };
	struct ent *e;
	char *root;
	size_t n;

	memset(l, 0, sizeof *l);
	root = cx_xstrdup(dir);
	n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		root[--n] = '\0';
	if (walk_dir(&wk, root, 0, err) == -1) {
		free(root);
		cx_heatmap_list_fini(l);
		return -1;
	}
	free(root);
	e = cx_xmalloc((l->n ? l->n : 1) * sizeof *e);
	for (size_t i = 0; i < l->n; i++)
		e[i] = (struct ent){ l->path[i], l->id[i], l->task[i] };
	qsort(e, l->n, sizeof *e, ent_cmp);
	for (size_t i = 0; i < l->n; i++) {
		l->path[i] = e[i].path;
		l->id[i] = e[i].id;
		l->task[i] = e[i].task;
	}
	free(e);
	return 0;
}

void
cx_heatmap_list_fini(struct cx_heatmap_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->path[i]);
		free(l->id[i]);
	}
	free(l->path);
	free(l->id);
	free(l->task);
	memset(l, 0, sizeof *l);
}
