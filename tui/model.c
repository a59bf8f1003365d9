/* model: the dataset and its numbers, and one CXR's pixels. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annjson.h"
#include "bootstrap.h"
#include "h2s.h"
#include "mapseg.h"
#include "labels.h"
#include "model.h"
#include "model_rows.h"
#include "resize.h"
#include "segscan.h"
#include "tune.h"
#include "tuning.h"
#include "xalloc.h"

void
model_thr_label(const struct model *m, int task, char *buf, size_t n)
{
	const struct method *me = (size_t)m->shown < m->meth.n ? &m->meth.m[m->shown] : NULL;

	if (model_method_is_file(m, m->shown))
		snprintf(buf, n, "file");
	else if (me && me->kind == METH_POINTS)
		snprintf(buf, n, "-");
	else if (me && me->kind == METH_HEAT)
		snprintf(buf, n, me->has_thr[task] ? "%.2f" : "otsu", me->thr[task]);
	else if (!m->derive)
		snprintf(buf, n, "-");
	else if (m->has_thr[task])
		snprintf(buf, n, "%.2f", m->thr[task]);
	else
		snprintf(buf, n, "otsu");
}

int
model_derived_file(const struct model *m, struct cx_segfile *f)
{
	memset(f, 0, sizeof *f);
	if (!m->derive)
		return 0;
	f->e = cx_xcalloc(m->ds.n ? m->ds.n : 1, sizeof *f->e);
	/* ds.cxr is sorted by id, so the entries are too. */
	for (size_t i = 0; i < m->ds.n; i++)
		if (m->row[i].hits_done && m->der[i].h)
			f->e[f->n++] = m->der[i];
	return 1;
}

void
model_problem_str(struct model *m, const char *line)
{
	for (size_t k = 0; k < m->nproblems; k++)
		if (strcmp(m->problems[k], line) == 0)
			return;
	if (!m->status[0])
		snprintf(m->status, sizeof m->status, "%s", line);
	m->problems = cx_xreallocarray(m->problems, m->nproblems + 1, sizeof *m->problems);
	m->problems[m->nproblems++] = cx_xstrdup(line);
}

void
model_problem(struct model *m, const struct cx_err *err)
{
	char buf[1200];

	cx_err_format(err, buf, sizeof buf);
	model_problem_str(m, buf);
}

static void
status_err(struct model *m, struct cx_err *err, const char *path)
{
	cx_err_file(err, path);
	model_problem(m, err);
}

/* The folder's tuning_results.csv and probability_tuning_results.csv, read
 * as `segment --thresholds/--prob-cutoffs` read them (core/tuning); a file
 * that does not read gives no values and the status line says why. */
static void
load_tuning(struct model *m)
{
	static const char *const name[2] = { "tuning_results.csv",
	    "probability_tuning_results.csv" };
	int *has[2] = { m->has_thr, m->has_cut };
	double *val[2] = { m->thr, m->cut };

	for (int k = 0; k < 2; k++) {
		char path[4096];
		struct cx_tuning t;
		struct cx_err err = { 0 };
		snprintf(path, sizeof path, "%s/%s", m->ds.dir, name[k]);
		if (access(path, R_OK) != 0)
			continue;
		if (cx_tuning_load(&t, k ? CX_TUNING_CUTOFFS : CX_TUNING_THRESHOLDS, path,
		    &err) == -1)
			status_err(m, &err, path);
		memcpy(has[k], t.has, sizeof t.has);
		memcpy(val[k], t.val, sizeof t.val);
	}
}

/* Only polygons (gt_annotations_*.json): rasterize them (Pillow's rule, the
 * polygons' windows only), as `segment --annotations` would. */
static void
gt_from_annotations(struct model *m)
{
	int f = cx_dataset_role(&m->ds, CX_DS_GT_ANN);
	struct cx_annfile af;
	struct cx_err err = { 0 };

	if (f < 0 || m->ds.file[f].failed)
		return;
	if (cx_annfile_load(&af, m->ds.file[f].path, &err) == -1) {
		status_err(m, &err, m->ds.file[f].path);
		return;
	}
	memset(&m->gt_ann, 0, sizeof m->gt_ann);
	cx_annfile_rasterize(&af, &m->gt_ann);
	cx_annfile_fini(&af);
	m->gt = f;
	m->gtf = &m->gt_ann;
	m->gt_from_ann = 1;
}

static void
method_problem(void *ctx, const struct cx_err *err)
{
	model_problem(ctx, err);
}

void
model_method_apply(struct model *m, int k, size_t i, struct cx_segentry *e)
{
	methods_derived_take(&m->meth, k, i, e);
	if (k == m->shown)
		model_pred_numbers(m, i, k, m->row[i].iou, m->row[i].pred_area);
	model_row_summary(&m->row[i]);
}

const struct cx_segfile *
model_method_file(const struct model *m, int k, struct cx_segfile *tmp)
{
	const struct method *me = &m->meth.m[k];

	memset(tmp, 0, sizeof *tmp);
	if (k < 0 || (size_t)k >= m->meth.n)
		return NULL;
	if (me->kind == METH_FILE || (me->kind == METH_MAIN && m->pred >= 0))
		return &m->ds.file[me->file].seg;
	if (me->kind != METH_MAIN)
		return methods_file(&m->meth, k, m->ds.n, tmp);
	for (size_t i = 0; i < m->ds.n; i++)
		if (!m->row[i].hits_done)
			return NULL;
	return model_derived_file(m, tmp) ? tmp : NULL;
}

int
model_open(struct model *m, const char *dir, struct cx_err *err)
{
	memset(m, 0, sizeof *m);
	m->gt = m->pred = m->pred2 = m->heat = -1;
	m->fail_iou = 0.2;
	/* the masks are decoded when first needed: a list of 10 000 CXRs
	 * opens on the files' strings (their numbers straight from the runs) */
	struct cx_dataset_opts o = { .lazy_masks = 1 };

	if (cx_dataset_open(&m->ds, dir, &o, err) == -1)
		return -1;
	for (size_t f = 0; f < m->ds.nfile; f++) {
		const struct cx_ds_file *df = &m->ds.file[f];
		if (df->failed) {
			model_problem(m, &df->err);
			if (df->role == CX_DS_PRED_SEG)
				m->pred_failed = 1;
			continue;
		}
		switch (df->role) {
		case CX_DS_GT_SEG:
			if (m->gt < 0)
				m->gt = (int)f;
			break;
		case CX_DS_PRED_SEG:
			if (m->pred < 0)
				m->pred = (int)f;
			else if (m->pred2 < 0)
				m->pred2 = (int)f;
			break;
		case CX_DS_HEATMAPS:
			if (m->heat < 0)
				m->heat = (int)f;
			break;
		default:
			break;
		}
	}
	if (m->gt >= 0)
		m->gtf = &m->ds.file[m->gt].seg;
	else
		gt_from_annotations(m);
	{
		int f = cx_dataset_role(&m->ds, CX_DS_HB_PTS);
		struct cx_err perr = { 0 };
		if (f >= 0 && !m->ds.file[f].failed) {
			if (cx_points_load(&m->pts, m->ds.file[f].path, &perr) == 0)
				m->has_pts = 1;
			else
				status_err(m, &perr, m->ds.file[f].path);
		}
	}
	methods_open(&m->meth, &m->ds, m->pred, m->pred2, m->heat, method_problem, m);
	m->row = cx_xcalloc(m->ds.n ? m->ds.n : 1, sizeof *m->row);
	model_rows_compute(m);
	if (m->heat < 0)
		atomic_store(&m->hits_progress, (int)m->ds.n);
	atomic_store(&m->want, -1);
	if (m->pred < 0 && m->heat >= 0) {
		m->derive = 1;
		m->der = cx_xcalloc(m->ds.n ? m->ds.n : 1, sizeof *m->der);
	}
	load_tuning(m);
	if (m->meth.n && m->meth.m[0].kind == METH_MAIN && m->pred < 0)
		methods_how(&m->meth.m[0], m->has_thr, m->has_cut);
	return 0;
}

void
model_close(struct model *m)
{
	if (m->der)
		for (size_t i = 0; i < m->ds.n; i++) {
			for (int t = 0; t < CX_NTASKS; t++)
				cx_rle_fini(&m->der[i].m[t]);
			free(m->der[i].id);
		}
	free(m->der);
	free(m->row);
	methods_fini(&m->meth, m->ds.n);
	if (m->gt_from_ann)
		cx_segfile_fini(&m->gt_ann);
	if (m->has_pts)
		cx_points_fini(&m->pts);
	cx_dataset_fini(&m->ds);
	for (size_t k = 0; k < m->nproblems; k++)
		free(m->problems[k]);
	free(m->problems);
	memset(m, 0, sizeof *m);
}

/* Derived predictions: `segment --prob-cutoffs` leaves the mask empty when
 * the model probability is below the pathology's cutoff (the reference's
 * precision per form of 'prob': cx_heatmap_prob_below). */
static int
below_cut(const struct model *m, int task, const struct cx_heatmap *hm)
{
	if (!m->derive || !m->has_cut[task] || !hm->has_prob)
		return 0;
	return cx_heatmap_prob_below(hm, m->cut[task]);
}

int
model_heat_src(const struct model *m)
{
	return m->shown >= 0 && (size_t)m->shown < m->meth.n &&
	    m->meth.m[m->shown].kind == METH_HEAT ? m->shown : -1;
}

int
model_has_heatmaps(const struct model *m)
{
	return m->heat >= 0 || model_heat_src(m) >= 0;
}

const char *
model_heat_path(const struct model *m, int src, size_t i, int task)
{
	if (src >= 0)
		return m->meth.m[src].heat[i * CX_NTASKS + (size_t)task];
	return m->heat >= 0 ? cx_dataset_heatmap(&m->ds, m->heat, i, task) : NULL;
}

int
model_heat_below_cut(const struct model *m, int src, int task, const struct cx_heatmap *hm)
{
	const struct method *me;

	if (src < 0)
		return below_cut(m, task, hm);
	me = &m->meth.m[src];
	return me->has_cut[task] && hm->has_prob && cx_heatmap_prob_below(hm, me->cut[task]);
}

/* Pointing game: the first maximum of the map resized to the image. */
static void
heat_argmax(const struct cx_heatmap *hm, uint32_t fw, uint32_t fh, uint32_t *row,
    uint32_t *col)
{
	cx_mapseg_argmax(hm, fh, fw, row, col);
}

void
model_hits_compute(const struct model *m, size_t i, struct model_hitres *out)
{
	const struct cx_segentry *g = model_gt(m, i);

	memset(out, 0, sizeof *out);
	for (int t = 0; t < CX_NTASKS; t++)
		out->hit[t] = out->prob[t] = NAN;
	if (m->heat < 0)
		return;
	if (m->derive) {
		out->has_der = 1;
		out->der.id = cx_xstrdup(m->ds.cxr[i].id);
	}
	for (int t = 0; t < CX_NTASKS; t++) {
		const char *path = cx_dataset_heatmap(&m->ds, m->heat, i, t);
		struct cx_heatmap hm;
		struct cx_err err = { 0 };
		uint32_t row, col, fw, fh;

		if (!path)
			continue;
		if (cx_heatmap_load(&hm, path, &err) == -1) {
			cx_err_file(&err, path);
			cx_err_format(&err, out->err[t], sizeof out->err[t]);
			out->failed |= 1u << t;
			continue;
		}
		if (hm.has_prob)
			out->prob[t] = hm.prob;
		fw = hm.cxr_w ? hm.cxr_w : g ? g->m[t].w : 0;
		fh = hm.cxr_h ? hm.cxr_h : g ? g->m[t].h : 0;
		/* eval hitmiss: NaN when the GT mask is empty, else whether the
		 * first maximum of the resized map falls inside it. */
		if (g && fw && fh && hm.mh && hm.mw && cx_rle_area(&g->m[t]) > 0) {
			heat_argmax(&hm, fw, fh, &row, &col);
			out->hit[t] = cx_rle_get(&g->m[t], row, col) ? 1 : 0;
		}
		if (m->derive && fw && fh && hm.mh && hm.mw) {
			struct cx_h2s_opts o = { .otsu = !m->has_thr[t],
			    .threshold = (float)m->thr[t], .threshold64 = m->thr[t] };
			struct cx_segentry *e = &out->der;
			if (!e->h) {
				e->h = fh;
				e->w = fw;
			}
			/* segment --prob-cutoffs: an empty mask when prob < cutoff. */
			if (below_cut(m, t, &hm))
				cx_rle_zero(&e->m[t], fh, fw);
			else
				cx_mapseg_segment(&hm, fh, fw, &o, &e->m[t]);
			e->present[t] = 1;
		}
		cx_heatmap_fini(&hm);
	}
}

void
model_hits_apply(struct model *m, size_t i, struct model_hitres *res)
{
	struct model_row *r = &m->row[i];

	memcpy(r->heat_hit, res->hit, sizeof r->heat_hit);
	model_row_hits(m, i);
	memcpy(r->prob, res->prob, sizeof r->prob);
	if (res->has_der && m->derive) {
		/* Tasks without a heatmap: an empty mask of the CXR's size. */
		for (int t = 0; t < CX_NTASKS; t++)
			if (!res->der.present[t] && res->der.h)
				cx_rle_zero(&res->der.m[t], res->der.h, res->der.w);
		m->der[i] = res->der;
		memset(&res->der, 0, sizeof res->der);
		res->has_der = 0;
		r->hits_done = 1;
		model_row_compute(m, i);
		memcpy(r->prob, res->prob, sizeof r->prob);
	}
	model_row_summary(r);
	r->hits_done = 1;
	r->heat_failed |= res->failed;
	for (int t = 0; t < CX_NTASKS; t++)
		if (res->failed & (1u << t))
			model_problem_str(m, res->err[t]);
}

void
model_hitres_fini(struct model_hitres *res)
{
	if (!res || !res->has_der)
		return;
	for (int t = 0; t < CX_NTASKS; t++)
		cx_rle_fini(&res->der.m[t]);
	free(res->der.id);
	res->has_der = 0;
}

void
model_hits(struct model *m, size_t i)
{
	struct model_hitres res;

	if (m->heat < 0 || m->row[i].hits_done)
		return;
	model_hits_compute(m, i, &res);
	model_hits_apply(m, i, &res);
}

int
model_cxr_load(const struct model *m, struct model_cxr *c, size_t i, uint32_t box_w,
    uint32_t box_h)
{
	const char *path = m->ds.cxr[i].image;
	const struct cx_segentry *g = model_gt(m, i);
	uint32_t min_w = box_w, min_h = box_h, pw, ph;
	int ch, depth;
	struct cx_err perr = { 0 };

	/* The header gives the aspect: ask the decoder only for the fitted
	 * picture's size, not the whole box (a portrait CXR in a landscape box
	 * decodes at a smaller DCT scale). */
	if (path && cx_image_probe(path, &pw, &ph, &ch, &depth, &perr) == 0)
		cx_compose_fit(pw, ph, box_w, box_h, &min_w, &min_h);

	memset(c, 0, sizeof *c);
	c->i = i;
	for (int t = 0; t < CX_NTASKS; t++)
		c->thr_of[t] = NAN;
	if (!path) {
		cx_err_set(&c->img_err, "%s: no image found", m->ds.cxr[i].id);
	} else if (cx_image_load_gray_scaled(&c->img, path, min_w, min_h, &c->full_w,
	    &c->full_h, &c->img_err) == 0) {
		c->img_ok = 1;
		cx_err_file(&c->img_err, path);
	} else
		cx_err_file(&c->img_err, path);
	if (!c->img_ok) {
		/* Without an image the masks still show, on black. */
		c->full_w = g ? g->w : 256;
		c->full_h = g ? g->h : 256;
		c->img.w = 1;
		c->img.h = 1;
		c->img.channels = 1;
		c->img.depth = 8;
		c->img.px = cx_xcalloc(1, 1);
	}
	return c->img_ok ? 0 : -1;
}

int
model_cxr_heat(struct model *m, struct model_cxr *c, int task, struct cx_err *err)
{
	const char *path;
	struct cx_heatmap *hm = &c->heat[task];
	float lo, hi;
	size_t n;

	if (c->heat_src != model_heat_src(m) + 1) {
		/* another method shown: its heatmaps, not those loaded */
		for (int t = 0; t < CX_NTASKS; t++) {
			if (c->heat_ok[t] > 0 || c->heatn[t])
				cx_heatmap_fini(&c->heat[t]);
			free(c->heatn[t]);
			c->heatn[t] = NULL;
			c->heat_ok[t] = 0;
			cx_rle_fini(&c->thr_mask[t]);
			c->thr_of[t] = NAN;
		}
		c->heat_src = model_heat_src(m) + 1;
	}
	if (c->heat_ok[task])
		return c->heat_ok[task] > 0 ? 0 : -1;
	c->heat_ok[task] = -1;
	path = model_heat_path(m, c->heat_src - 1, c->i, task);
	if (!path)
		return cx_err_set(err, "no heatmap for %s", cx_task_names[task]);
	if (cx_heatmap_load(hm, path, err) == -1) {
		cx_err_file(err, path);
		model_problem(m, err);
		if (c->heat_src == 0)	/* the dataset's heatmap: its hit column says so */
			m->row[c->i].heat_failed |= 1u << task;
		return -1;
	}
	if (hm->mh == 0 || hm->mw == 0) {
		cx_err_set(err, "%s: empty heatmap", path);
		model_problem(m, err);
		return -1;
	}
	n = (size_t)hm->mh * hm->mw;
	lo = hi = hm->map[0];
	for (size_t k = 1; k < n; k++) {
		if (hm->map[k] < lo)
			lo = hm->map[k];
		if (hm->map[k] > hi)
			hi = hm->map[k];
	}
	c->heatn[task] = cx_xmalloc(n * sizeof(float));
	for (size_t k = 0; k < n; k++)
		c->heatn[task][k] = hi > lo ? (hm->map[k] - lo) / (hi - lo) : 0;
	heat_argmax(hm, c->full_w, c->full_h, &c->arg_row[task], &c->arg_col[task]);
	c->heat_ok[task] = 1;
	return 0;
}

const struct cx_rle *
model_cxr_thresh(struct model *m, struct model_cxr *c, int task, double t)
{
	struct cx_err err = { 0 };
	uint64_t n;
	float *full, tf = (float)t;
	uint8_t *bm;

	if (model_cxr_heat(m, c, task, &err) == -1)	/* first: the source may change */
		return NULL;
	if (c->thr_of[task] == t)
		return &c->thr_mask[task];
	n = (uint64_t)c->full_w * c->full_h;
	/* A full-resolution float map: refuse what would not fit comfortably
	 * (CheXpert images are about 6 megapixels). */
	if (n == 0 || n > 64ull * 1024 * 1024)
		return NULL;
	full = cx_xmalloc(n * sizeof *full);
	bm = cx_xmalloc(n);
	/* Derived predictions keep their probability cutoff (the table's "cut"
	 * column): below it the mask stays empty at any threshold. */
	if (model_heat_below_cut(m, c->heat_src - 1, task, &c->heat[task]))
		memset(bm, 0, n);
	else if (c->heat[task].map64 != NULL) {
		/* a float64 map: resized, normalized and compared in float64 */
		struct cx_h2s_opts o = { .otsu = 0, .threshold = tf, .threshold64 = t };
		cx_rle_fini(&c->thr_mask[task]);
		cx_mapseg_segment(&c->heat[task], c->full_h, c->full_w, &o, &c->thr_mask[task]);
		free(full);
		free(bm);
		c->thr_of[task] = t;
		return &c->thr_mask[task];
	} else {
		/* the reference's resize, normalization and m > t (core/h2s) */
		cx_h2s_normalized(&c->heat[task], c->full_h, c->full_w, full);
		cx_h2s_threshold(full, n, tf, bm);
	}
	free(full);
	cx_rle_fini(&c->thr_mask[task]);
	cx_rle_from_rowmajor(&c->thr_mask[task], bm, c->full_h, c->full_w);
	free(bm);
	c->thr_of[task] = t;
	return &c->thr_mask[task];
}

void
model_cxr_fini(struct model_cxr *c)
{
	cx_image_fini(&c->img);
	for (int t = 0; t < CX_NTASKS; t++) {
		if (c->heat_ok[t] > 0 || c->heatn[t])
			cx_heatmap_fini(&c->heat[t]);
		free(c->heatn[t]);
		cx_rle_fini(&c->thr_mask[t]);
	}
	memset(c, 0, sizeof *c);
}
