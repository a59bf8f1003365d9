/* workers: hit/miss of every CXR, the statistics screen and the mIoU-vs-
 * threshold plot, each in its own thread. They only read what model_open
 * built (or a snapshot handed to them) and push owned results to the queue. */
#include <math.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "resize.h"
#include "ui.h"
#include "xalloc.h"

static void
push(struct app *a, int kind, size_t i, size_t done, size_t total, void *data)
{
	struct msg *m = cx_xcalloc(1, sizeof *m);

	m->kind = kind;
	m->i = i;
	m->done = done;
	m->total = total;
	m->data = data;
	queue_push(&a->q, m);
}

/* ---- hit/miss ---- */

/* Background work yields to the event loop on a busy machine (Linux:
 * priorities are per thread). */
static void
lower_priority(void)
{
#ifdef SYS_gettid
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
}

static void *
hits_main(void *arg)
{
	struct app *a = arg;
	size_t n = a->m.ds.n;

	unsigned char *done = cx_xcalloc(n ? n : 1, 1);
	size_t next = 0, ndone = 0;

	lower_priority();
	/* In id order, but the CXR on screen first: with derived predictions
	 * a CXR costs ten Otsu segmentations at full size. */
	while (ndone < n && !atomic_load(&a->cancel)) {
		struct model_hitres *r = cx_xmalloc(sizeof *r);
		long w = atomic_load(&a->m.want);
		size_t i;
		if (w >= 0 && (size_t)w < n && !done[w])
			i = (size_t)w;
		else {
			while (done[next])
				next++;
			i = next;
		}
		done[i] = 1;
		ndone++;
		model_hits_compute(&a->m, i, r);
		push(a, MSG_HITS, i, ndone, n, r);
	}
	free(done);
	push(a, MSG_HITS_DONE, 0, n, n, NULL);
	return NULL;
}

void
ui_hits_start(struct app *a)
{
	if (a->m.heat < 0 || a->hits_running)
		return;
	if (pthread_create(&a->hits_thr, NULL, hits_main, a) == 0)
		a->hits_running = 1;
}

/* ---- statistics ---- */

struct stats_job {
	struct app	*a;
	double		*hit;		/* snapshot: ds.n x CX_NTASKS hit values */
	int		 hits_complete;
	struct cx_segfile der;		/* derived predictions (borrowed), n = 0 if none */
	const struct cx_segfile *pred;	/* the predictions scored, NULL = none */
};

static void
hit_table(const struct model *m, const double *hit, struct cx_evaltab *t)
{
	const struct cx_segfile *g = m->gtf;
	char **ids = cx_xmalloc((g->n ? g->n : 1) * sizeof *ids);

	for (size_t k = 0; k < g->n; k++)
		ids[k] = g->e[k].id;
	cx_evaltab_init(t, g->n, ids);
	free(ids);
	for (size_t k = 0; k < g->n; k++) {
		long i = cx_dataset_find(&m->ds, g->e[k].id);
		if (i < 0)
			continue;
		for (int task = 0; task < CX_NTASKS; task++)
			CX_EVAL_V(t, task, k) = hit[(size_t)i * CX_NTASKS + task];
	}
}

static void *
stats_main(void *arg)
{
	struct stats_job *job = arg;
	struct app *a = job->a;
	const struct model *m = &a->m;
	struct stats *st = cx_xcalloc(1, sizeof *st);
	struct cx_evalnotes notes;
	struct cx_err err = { 0 };
	struct cx_evaltab t1, t2;
	size_t step = 0, steps = 5;

	lower_priority();
	memset(&t1, 0, sizeof t1);
	memset(&t2, 0, sizeof t2);
	if (m->gt >= 0 && job->pred) {
		memset(&notes, 0, sizeof notes);
		if (cx_evaluate_iou(&t1, m->gtf, job->pred, 1,
		    &notes, &err) == 0) {
			cx_evaluate_summarize(&t1, 0, NULL, st->iou);
			st->has_iou = 1;
			for (int task = 0; task < CX_NTASKS; task++)
				for (size_t i = 0; i < t1.n; i++) {
					double v = CX_EVAL_V(&t1, task, i);
					if (!isnan(v))
						st->hist[task][v >= 1 ? 9 : (int)(v * 10)]++;
				}
		} else
			cx_err_format(&err, st->err, sizeof st->err);
	}
	push(a, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
	if (atomic_load(&a->cancel))
		goto out;
	if (m->gt >= 0 && m->pred >= 0 && m->pred2 >= 0 && st->has_iou) {
		memset(&notes, 0, sizeof notes);
		if (cx_evaluate_iou(&t2, m->gtf, &m->ds.file[m->pred2].seg, 1,
		    &notes, &err) == 0 && t2.n == t1.n) {
			/* Paired: the same bootstrap rows for both files. */
			for (size_t k = 0; k < (size_t)CX_NTASKS * t1.n; k++)
				t2.v[k] = t1.v[k] - t2.v[k];
			cx_evaluate_summarize(&t2, 0, NULL, st->diff);
			st->has_diff = 1;
		}
	}
	push(a, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
	if (m->gt >= 0 && m->heat >= 0 && job->hits_complete) {
		struct cx_evaltab th;
		hit_table(m, job->hit, &th);
		cx_evaluate_summarize(&th, 0, NULL, st->hit);
		st->has_hit = 1;
		cx_evaltab_fini(&th);
	}
	push(a, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
	if (atomic_load(&a->cancel))
		goto out;
	if (m->gt >= 0 && job->pred) {
		memset(&notes, 0, sizeof notes);
		if (cx_evaluate_pixels(m->gtf, job->pred, st->pc,
		    &notes, &err) == 0)
			st->has_pc = 1;
	}
	push(a, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
out:
	cx_evaltab_fini(&t1);
	cx_evaltab_fini(&t2);
	free(job->hit);
	free(job->der.e);
	free(job);
	push(a, MSG_STATS, 0, steps, steps, st);
	return NULL;
}

void
ui_stats_start(struct app *a)
{
	struct stats_job *job;

	if (a->stats_running || (a->stats && !a->stats_dirty))
		return;
	job = cx_xcalloc(1, sizeof *job);
	job->a = a;
	job->hit = cx_xmalloc((a->m.ds.n ? a->m.ds.n : 1) * CX_NTASKS * sizeof(double));
	job->hits_complete = a->m.heat < 0 || !a->hits_running;
	for (size_t i = 0; i < a->m.ds.n; i++)
		memcpy(job->hit + i * CX_NTASKS, a->m.row[i].hit, CX_NTASKS * sizeof(double));
	if (a->m.pred >= 0)
		job->pred = &a->m.ds.file[a->m.pred].seg;
	else if (job->hits_complete && model_derived_file(&a->m, &job->der))
		job->pred = &job->der;	/* complete and no longer written */
	a->stats_done = 0;
	a->stats_total = 5;
	a->stats_dirty = 0;
	if (pthread_create(&a->stats_thr, NULL, stats_main, job) == 0)
		a->stats_running = 1;
	else {
		free(job->hit);
		free(job->der.e);
		free(job);
	}
}

/* ---- mIoU against threshold ---- */

struct plot_job {
	struct app	*a;
	int		 task;
};

/* Quarter-resolution approximation: the GT mask as coverage >= 1/2 of each
 * 4x4 block, the heatmap resized to that grid. Good enough for the curve's
 * shape; the table's IoU at the live threshold is exact. */
static void *
plot_main(void *arg)
{
	struct plot_job *job = arg;
	struct app *a = job->a;
	const struct model *m = &a->m;
	int task = job->task;
	struct plot *pl = cx_xcalloc(1, sizeof *pl);
	double sum[PLOT_N] = { 0 };
	size_t cnt[PLOT_N] = { 0 }, n = m->ds.n;

	lower_priority();
	pl->task = task;
	for (int k = 0; k < PLOT_N; k++)
		pl->thr[k] = (k + 1) * 0.05;
	for (size_t i = 0; i < n && !atomic_load(&a->cancel); i++) {
		const struct cx_segentry *g = model_gt(m, i);
		const char *path = m->heat >= 0 ? cx_dataset_heatmap(&m->ds, m->heat, i, task) : NULL;
		struct cx_heatmap hm;
		struct cx_err err = { 0 };

		if (i % 8 == 0)
			push(a, MSG_PLOT_PROGRESS, 0, i, n, NULL);
		if (!g || !path || cx_rle_area(&g->m[task]) == 0)
			continue;
		if (cx_heatmap_load(&hm, path, &err) == -1)
			continue;
		uint32_t oh = (g->h + 3) / 4, ow = (g->w + 3) / 4;
		float *cov = cx_rle_downscale(&g->m[task], oh, ow);
		float *r = cx_xmalloc((size_t)oh * ow * sizeof *r);
		float lo, span = 0;
		cx_resize_bilinear(hm.map, hm.mh, hm.mw, r, oh, ow);
		lo = r[0];
		for (size_t k = 1; k < (size_t)oh * ow; k++)
			if (r[k] < lo)
				lo = r[k];
		for (size_t k = 0; k < (size_t)oh * ow; k++)
			if (r[k] - lo > span)
				span = r[k] - lo;
		for (int k = 0; k < PLOT_N; k++) {
			size_t in = 0, un = 0, pa = 0;
			float t = (float)pl->thr[k];
			for (size_t p = 0; p < (size_t)oh * ow; p++) {
				int pg = cov[p] >= 0.5f;
				int pp = span > 0 && (r[p] - lo) / span > t;
				in += pg && pp;
				un += pg || pp;
				pa += pp;
			}
			if (pa && un) {
				sum[k] += (double)in / un;
				cnt[k]++;
			}
		}
		free(cov);
		free(r);
		cx_heatmap_fini(&hm);
	}
	for (int k = 0; k < PLOT_N; k++)
		pl->miou[k] = cnt[k] ? sum[k] / cnt[k] : NAN;
	free(job);
	push(a, MSG_PLOT, 0, n, n, pl);
	return NULL;
}

void
ui_plot_start(struct app *a, int task)
{
	struct plot_job *job;

	if (a->plot_running || a->m.heat < 0 || a->m.gt < 0)
		return;
	if (a->plot && a->plot->task == task)
		return;
	job = cx_xcalloc(1, sizeof *job);
	job->a = a;
	job->task = task;
	a->plot_done = 0;
	a->plot_total = a->m.ds.n;
	if (pthread_create(&a->plot_thr, NULL, plot_main, job) == 0)
		a->plot_running = 1;
	else
		free(job);
}

/* ---- prefetch ---- */

struct pre_job {
	struct app		*a;
	struct model_cxr	*c;
	size_t			 i;
	uint32_t		 bw, bh;
};

static void *
pre_main(void *arg)
{
	struct pre_job *job = arg;

	lower_priority();
	model_cxr_load(&job->a->m, job->c, job->i, job->bw, job->bh);
	push(job->a, MSG_PREFETCH, job->i, 1, 1, job->c);
	free(job);
	return NULL;
}

void
ui_prefetch_start(struct app *a, size_t i, uint32_t bw, uint32_t bh)
{
	struct pre_job *job;

	if (a->pre_running || (a->pre && a->pre->i == i && a->pre_bw == bw && a->pre_bh == bh))
		return;
	job = cx_xcalloc(1, sizeof *job);
	job->a = a;
	job->c = cx_xcalloc(1, sizeof *job->c);
	job->i = i;
	job->bw = bw;
	job->bh = bh;
	a->pre_bw = bw;
	a->pre_bh = bh;
	if (pthread_create(&a->pre_thr, NULL, pre_main, job) == 0)
		a->pre_running = 1;
	else {
		free(job->c);
		free(job);
	}
}

void
ui_workers_stop(struct app *a)
{
	atomic_store(&a->cancel, 1);
	if (a->hits_running)
		pthread_join(a->hits_thr, NULL);
	if (a->stats_running)
		pthread_join(a->stats_thr, NULL);
	if (a->plot_running)
		pthread_join(a->plot_thr, NULL);
	if (a->pre_running)
		pthread_join(a->pre_thr, NULL);
	a->hits_running = a->stats_running = a->plot_running = a->pre_running = 0;
}

int
ui_apply_msg(struct app *a, struct msg *m)
{
	switch (m->kind) {
	case MSG_HITS: {
		long cur = ui_current(a);
		model_hits_apply(&a->m, m->i, m->data);
		a->hits_done = m->done;
		/* Sorting by misses moves rows while they arrive: rebuild lazily.
		 * A derived prediction for the CXR on screen changes its picture. */
		return V_REDRAW | ((long)m->i == cur && a->m.derive ? V_IMAGE : 0);
	}
	case MSG_HITS_DONE:
		pthread_join(a->hits_thr, NULL);
		a->hits_running = 0;
		a->hits_done = a->m.ds.n;
		a->stats_dirty = 1;
		/* Statistics already shown: complete them with the hit rates. */
		if (a->stats && !a->stats_running)
			ui_stats_start(a);
		ui_list_rebuild(a, 1);
		return V_REDRAW;
	case MSG_STATS_PROGRESS:
		a->stats_done = m->done;
		a->stats_total = m->total;
		return V_REDRAW;
	case MSG_STATS:
		pthread_join(a->stats_thr, NULL);
		a->stats_running = 0;
		free(a->stats);
		a->stats = m->data;
		m->data = NULL;
		if (a->stats_dirty && !a->hits_running)
			ui_stats_start(a);
		return V_REDRAW;
	case MSG_PREFETCH:
		pthread_join(a->pre_thr, NULL);
		a->pre_running = 0;
		if (a->pre) {
			model_cxr_fini(a->pre);
			free(a->pre);
		}
		a->pre = m->data;
		m->data = NULL;
		return 0;
	case MSG_PLOT_PROGRESS:
		a->plot_done = m->done;
		a->plot_total = m->total;
		return V_REDRAW;
	case MSG_PLOT:
		pthread_join(a->plot_thr, NULL);
		a->plot_running = 0;
		free(a->plot);
		a->plot = m->data;
		m->data = NULL;
		return V_REDRAW;
	}
	return 0;
}
