/* methjobs: heatmap methods segmented, and the comparison, in the
 * background. */
#include "methjobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evalmaps.h"
#include "xalloc.h"

struct derived {
	int			 k;	/* method */
	struct cx_segentry	 e;
};

struct env {
	const struct model	*m;
	struct queue		*q;
	atomic_int		*cancel;
};

/* ---- heatmap methods ---- */

static void *
derive_main(void *arg)
{
	struct env *e = arg;
	const struct model *m = e->m;
	size_t n = m->ds.n, nm = m->meth.n, total = 0, ndone = 0, next = 0;
	unsigned char *done = cx_xcalloc((n ? n : 1) * (nm ? nm : 1), 1);

	queue_worker_nice();
	for (size_t k = 0; k < nm; k++)
		if (m->meth.m[k].kind == METH_HEAT)
			total += n;
		else
			memset(done + k * n, 1, n);
	/* Method by method in id order, but the CXR on screen first (every
	 * method of it: side by side shows two). */
	while (ndone < total && !atomic_load(e->cancel)) {
		long w = atomic_load(&m->want);
		size_t j = (size_t)-1;
		if (w >= 0 && (size_t)w < n)
			for (size_t k = 0; k < nm && j == (size_t)-1; k++)
				if (!done[k * n + (size_t)w])
					j = k * n + (size_t)w;
		if (j == (size_t)-1) {
			while (done[next])
				next++;
			j = next;
		}
		done[j] = 1;
		ndone++;
		struct derived *d = cx_xcalloc(1, sizeof *d);
		d->k = (int)(j / n);
		methods_derive(&m->meth.m[d->k], j % n, m->ds.cxr[j % n].id, model_gt(m, j % n),
		    &d->e);
		queue_post(e->q, MJ_MSG_DERIVED, j % n, ndone, total, d);
	}
	free(done);
	queue_post(e->q, MJ_MSG_DERIVE_DONE, 0, total, total, NULL);
	free(e);
	return NULL;
}

void
methjobs_derive_start(struct methjobs *mj, const struct model *m, struct queue *q,
    atomic_int *cancel)
{
	struct env *e;
	int any = 0;

	for (size_t k = 0; k < m->meth.n; k++)
		any |= m->meth.m[k].kind == METH_HEAT;
	if (!any || mj->der_running)
		return;
	e = cx_xmalloc(sizeof *e);
	*e = (struct env){ .m = m, .q = q, .cancel = cancel };
	if (pthread_create(&mj->der_thr, NULL, derive_main, e) == 0)
		mj->der_running = 1;
	else
		free(e);
}

/* ---- the comparison ---- */

struct cmp_job {
	struct env		 e;
	struct cmpview		*v;
	const struct cx_segfile	*iou[METHODS_MAX];	/* masks, NULL: no mIoU */
	struct cx_segfile	 tmp[METHODS_MAX];	/* derived masks (entries borrowed) */
	const char		*heat[METHODS_MAX];	/* heatmap folder: hit rate */
	const struct cx_ptfile	*pts[METHODS_MAX];	/* salient points: hit rate */
	const struct cx_segfile	*hb_seg;
	const struct cx_ptfile	*hb_pts;
};

/* One table as compare makes it (eval's); -1 with err. */
static int
cmp_table(struct cmp_src *s, int k, const struct cmp_job *job, int meth, struct cx_err *err)
{
	const struct model *m = job->e.m;
	struct cx_evalnotes notes = { 0 };
	struct cx_heatmap_list l = { 0 };
	int rc;

	if (k == CMP_IOU)
		return cx_evaluate_iou(&s->tab[k], m->gtf, meth < 0 ? job->hb_seg : job->iou[meth], 1,
		    &notes, err);
	if (meth < 0 || job->pts[meth])	/* eval --metric hitmiss of a point file */
		return cx_evaluate_hitmiss_points(&s->tab[k], m->gtf, meth < 0 ? job->hb_pts :
		    job->pts[meth], &notes, err);
	if (cx_heatmap_list_dir(&l, job->heat[meth], err) == -1) {
		cx_err_file(err, job->heat[meth]);
		return -1;
	}
	rc = cx_evalmaps_hitmiss(&s->tab[k], m->gtf, &l, 1, 1, 1, NULL, NULL, NULL, &notes, err);
	cx_heatmap_list_fini(&l);
	return rc;
}

static void *
cmp_main(void *arg)
{
	struct cmp_job *job = arg;
	const struct model *m = job->e.m;
	struct cmpview *v = job->v;
	size_t nm = v->r.nm;
	struct cmp_src *src = cx_xcalloc(nm + 1, sizeof *src);

	queue_worker_nice();
	for (size_t i = 0; i <= nm; i++) {
		struct cmp_method *cm = i < nm ? &v->r.m[i] : &v->r.hb;
		int meth = i < nm ? (int)i : -1;
		src[i].m = cm;
		for (int k = 0; k < CMP_NMETRIC; k++) {
			struct cx_err err = { 0 };
			int want = meth >= 0 ? k == CMP_IOU ? job->iou[i] != NULL
			    : job->heat[i] != NULL || job->pts[i] != NULL
			    : k == CMP_IOU ? job->hb_seg != NULL : job->hb_pts != NULL;
			if (!want || atomic_load(job->e.cancel))
				continue;
			if (cmp_table(&src[i], k, job, meth, &err) == 0 && src[i].tab[k].n == m->gtf->n)
				cm->has[k] = 1;
			else if (!v->err[0]) {
				char b[700];
				cx_err_format(&err, b, sizeof b);
				snprintf(v->err, sizeof v->err, " %s: %s", cm->name, b);
			}
		}
		if (meth < 0)
			for (int k = 0; k < CMP_NMETRIC; k++)
				v->r.has_hb[k] = cm->has[k];
	}
	if (!atomic_load(job->e.cancel))
		cmp_compute(&v->r, src, nm + 1, m->gtf->n, 0);
	for (size_t i = 0; i <= nm; i++)
		cmp_src_fini(&src[i]);
	free(src);
	for (size_t i = 0; i < nm; i++)
		free(job->tmp[i].e);
	queue_post(job->e.q, MJ_MSG_CMP, 0, 1, 1, v);
	free(job);
	return NULL;
}

static void
cmpview_free(struct cmpview *v)
{
	if (!v)
		return;
	free(v->r.m);
	free(v);
}

int
methjobs_cmp_start(struct methjobs *mj, const struct model *m, struct queue *q,
    atomic_int *cancel, const char **why)
{
	struct cmp_job *job;
	int f;

	*why = NULL;
	if (mj->cmp || mj->cmp_running)
		return 1;
	if (!m->gtf || m->meth.n == 0) {
		*why = !m->gtf ? "no ground truth" : "no method";
		return 0;
	}
	job = cx_xcalloc(1, sizeof *job);
	job->e = (struct env){ .m = m, .q = q, .cancel = cancel };
	for (size_t k = 0; k < m->meth.n; k++) {
		const struct method *me = &m->meth.m[k];
		int heat = me->kind == METH_HEAT || (me->kind == METH_MAIN && m->pred < 0);
		if (me->kind == METH_POINTS) {	/* no masks: the hit rate only */
			job->pts[k] = &me->pts;
			continue;
		}
		job->iou[k] = model_method_file(m, (int)k, &job->tmp[k]);
		if (!job->iou[k]) {
			for (size_t j = 0; j <= k; j++)
				free(job->tmp[j].e);
			free(job);
			*why = "heatmaps being segmented";
			return 0;
		}
		job->heat[k] = heat ? me->kind == METH_HEAT ? me->path : m->ds.file[m->heat].path
		    : NULL;
	}
	f = cx_dataset_role(&m->ds, CX_DS_HB_SEG);
	if (f >= 0 && !m->ds.file[f].failed)
		job->hb_seg = &m->ds.file[f].seg;
	if (m->has_pts)
		job->hb_pts = &m->pts;
	job->v = cx_xcalloc(1, sizeof *job->v);
	job->v->r.nm = m->meth.n;
	job->v->r.m = cx_xcalloc(m->meth.n + 1, sizeof *job->v->r.m);
	job->v->r.base = m->meth.base;
	job->v->r.ngt = m->gtf->n;
	job->v->r.seed = 0;
	for (size_t k = 0; k < m->meth.n; k++) {
		const struct method *me = &m->meth.m[k];
		struct cmp_method *cm = &job->v->r.m[k];
		cm->name = me->name;
		cm->path = me->path;
		cm->input = job->heat[k] ? "heatmaps" : job->pts[k] ? "points" : "segmentation";
		if (me->kind == METH_HEAT)
			methods_masks(me, cm->masks, sizeof cm->masks);
	}
	job->v->r.hb.name = "human benchmark";
	job->v->r.hb.input = "human benchmark";
	if (pthread_create(&mj->cmp_thr, NULL, cmp_main, job) == 0)
		mj->cmp_running = 1;
	else {
		for (size_t k = 0; k < m->meth.n; k++)
			free(job->tmp[k].e);
		cmpview_free(job->v);
		free(job);
	}
	return 1;
}

int
methjobs_apply(struct methjobs *mj, struct model *m, long cur, struct msg *msg)
{
	switch (msg->kind) {
	case MJ_MSG_DERIVED: {
		struct derived *d = msg->data;
		model_method_apply(m, d->k, msg->i, &d->e);	/* takes the masks */
		mj->der_done = msg->done;
		mj->der_total = msg->total;
		return MJ_REDRAW | ((long)msg->i == cur ? MJ_IMAGE : 0);
	}
	case MJ_MSG_DERIVE_DONE:
		pthread_join(mj->der_thr, NULL);
		mj->der_running = 0;
		return MJ_REDRAW | MJ_LIST;
	case MJ_MSG_CMP:
		pthread_join(mj->cmp_thr, NULL);
		mj->cmp_running = 0;
		cmpview_free(mj->cmp);
		mj->cmp = msg->data;
		msg->data = NULL;
		return MJ_REDRAW;
	}
	return 0;
}

void
methjobs_msg_free(struct msg *msg)
{
	if (msg->kind == MJ_MSG_DERIVED && msg->data) {
		struct derived *d = msg->data;
		for (int t = 0; t < CX_NTASKS; t++)
			cx_rle_fini(&d->e.m[t]);
		free(d->e.id);
	}
	if (msg->kind == MJ_MSG_CMP && msg->data) {
		cmpview_free(msg->data);
		msg->data = NULL;
	}
}

void
methjobs_stop(struct methjobs *mj)
{
	if (mj->der_running)
		pthread_join(mj->der_thr, NULL);
	if (mj->cmp_running)
		pthread_join(mj->cmp_thr, NULL);
	mj->der_running = mj->cmp_running = 0;
}

void
methjobs_fini(struct methjobs *mj)
{
	methjobs_stop(mj);
	cmpview_free(mj->cmp);
	mj->cmp = NULL;
}
