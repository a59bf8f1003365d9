/* workers: hit/miss of every CXR, the statistics screen, the live
 * thresholds' counts and the mIoU-vs-threshold plot, the prefetch — each in
 * its own thread. A thread gets a struct env (the model read-only, the queue,
 * the cancel flag) and a job of its own; it reads what model_open built (or
 * a snapshot in its job) and pushes owned results to the queue. */
#include <math.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "resize.h"
#include "workers.h"
#include "xalloc.h"

enum { MSG_HITS = 1, MSG_HITS_DONE, MSG_STATS, MSG_STATS_PROGRESS, MSG_THR,
	MSG_THR_PROGRESS, MSG_PREFETCH };

/* All a worker thread may touch besides its own job. */
struct env {
	const struct model	*m;
	struct queue		*q;
	atomic_int		*cancel;
};

static struct env
env_of(struct workers *w, const struct model *m)
{
	return (struct env){ .m = m, .q = &w->q, .cancel = &w->cancel };
}

/* ---- hit/miss ---- */

static void *
hits_main(void *arg)
{
	struct env *e = arg;
	size_t n = e->m->ds.n;

	unsigned char *done = cx_xcalloc(n ? n : 1, 1);
	size_t next = 0, ndone = 0;

	queue_worker_nice();
	/* In id order, but the CXR on screen first: with derived predictions
	 * a CXR costs ten Otsu segmentations at full size. */
	while (ndone < n && !atomic_load(e->cancel)) {
		struct model_hitres *r = cx_xmalloc(sizeof *r);
		long w = atomic_load(&e->m->want);
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
		model_hits_compute(e->m, i, r);
		queue_post(e->q, MSG_HITS, i, ndone, n, r);
	}
	free(done);
	queue_post(e->q, MSG_HITS_DONE, 0, n, n, NULL);
	free(e);
	return NULL;
}

void
workers_hits_start(struct workers *w, const struct model *m)
{
	struct env *e;

	methjobs_derive_start(&w->mj, m, &w->q, &w->cancel);
	if (m->heat < 0 || w->hits_running)
		return;
	e = cx_xmalloc(sizeof *e);
	*e = env_of(w, m);
	if (pthread_create(&w->hits_thr, NULL, hits_main, e) == 0)
		w->hits_running = 1;
	else
		free(e);
}

/* ---- statistics ---- */

struct stats_job {
	struct env	 e;
	double		*hit;		/* snapshot: ds.n x CX_NTASKS hit values */
	int		 has_hits;	/* heatmaps, or a salient-point method shown */
	int		 hits_complete;
	struct cx_segfile der;		/* derived predictions (borrowed), n = 0 if none */
	const struct cx_segfile *pred;	/* the predictions scored, NULL = none */
	double		 thr[CX_NTASKS];	/* live thresholds, NaN = pred's masks */
	const struct model_thrcounts *tc[CX_NTASKS];	/* their counts (cache, borrowed) */
	int		 tcol[CX_NTASKS];
	int		 final;		/* every input complete (hit/miss done) */
	int		 meth;		/* the method scored */
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

/* A pathology at its live threshold: its column of the IoU table and its
 * pixel counts from the thresholded heatmaps, as eval would score the
 * output of `segment --maps --thresholds` for that column. */
static void
stats_thr_column(struct cx_evaltab *t, const struct model_thrcounts *c, int col,
    struct cx_pixcounts *pc)
{
	memset(pc, 0, sizeof *pc);
	for (size_t i = 0; i < t->n; i++)
		CX_EVAL_V(t, c->task, i) = NAN;
	for (size_t r = 0; r < c->n; r++) {
		/* Rows are the GT's ids in both (sorted), so r is the table row. */
		size_t k = r * (size_t)c->nthr + (size_t)col;
		uint64_t p = c->pred[k], in = c->inter[k], ga = c->ga[r];
		if (r < t->n)
			CX_EVAL_V(t, c->task, r) = model_thr_iou(c, r, col);
		pc->tp += in;
		pc->fp += p - in;
		pc->fn += ga - in;
		pc->tn += c->npx[r] - (p + ga - in);
	}
}

static void *
stats_main(void *arg)
{
	struct stats_job *job = arg;
	const struct env *e = &job->e;
	const struct model *m = e->m;
	struct stats *st = cx_xcalloc(1, sizeof *st);
	struct cx_evalnotes notes;
	struct cx_err err = { 0 };
	struct cx_evaltab t1, t2;
	size_t step = 0, steps = 5;
	int anythr = 0, base = 0;

	queue_worker_nice();
	memset(&t1, 0, sizeof t1);
	memset(&t2, 0, sizeof t2);
	memcpy(st->thr, job->thr, sizeof st->thr);
	st->final = job->final;
	st->meth = job->meth;
	for (int task = 0; task < CX_NTASKS; task++)
		anythr |= job->tc[task] != NULL;
	if (m->gt >= 0 && job->pred) {
		memset(&notes, 0, sizeof notes);
		if (cx_evaluate_iou(&t1, m->gtf, job->pred, 1, &notes, &err) == 0)
			base = 1;
		else
			cx_err_format(&err, st->err, sizeof st->err);
	}
	if (!base && m->gtf && anythr) {
		/* No predictions to score yet: the thresholded pathologies alone. */
		char **ids = cx_xmalloc((m->gtf->n + 1) * sizeof *ids);
		for (size_t k = 0; k < m->gtf->n; k++)
			ids[k] = m->gtf->e[k].id;
		cx_evaltab_init(&t1, m->gtf->n, ids);
		free(ids);
	}
	queue_post(e->q, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
	if (atomic_load(e->cancel))
		goto out;
	if (base && m->gt >= 0 && m->pred >= 0 && m->pred2 >= 0) {
		memset(&notes, 0, sizeof notes);
		if (cx_evaluate_iou(&t2, m->gtf, &m->ds.file[m->pred2].seg, 1,
		    &notes, &err) == 0 && t2.n == t1.n) {
			/* Paired, the files as they are: the same bootstrap rows
			 * for both. */
			for (size_t k = 0; k < (size_t)CX_NTASKS * t1.n; k++)
				t2.v[k] = t1.v[k] - t2.v[k];
			cx_evaluate_summarize(&t2, 0, NULL, st->diff);
			st->has_diff = 1;
		}
	}
	if (base && m->gt >= 0) {
		memset(&notes, 0, sizeof notes);
		if (cx_evaluate_pixels(m->gtf, job->pred, st->pc, &notes, &err) == 0)
			st->has_pc = 1;
	}
	queue_post(e->q, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
	if (base || anythr) {
		/* Every pathology at its live threshold replaces its column (the
		 * bootstrap draws rows, so the others' CIs do not move). */
		for (int task = 0; task < CX_NTASKS; task++) {
			const struct model_thrcounts *c = job->tc[task];
			if (!c)
				continue;
			stats_thr_column(&t1, c, job->tcol[task], &st->pc[task]);
			if (c->nerr && !st->err[0])
				snprintf(st->err, sizeof st->err, " %s (%zu heatmaps scored as empty)",
				    c->err, c->nerr);
		}
		st->has_pc = 1;
		cx_evaluate_summarize(&t1, 0, NULL, st->iou);
		st->has_iou = 1;
		for (int task = 0; task < CX_NTASKS; task++)
			for (size_t i = 0; i < t1.n; i++) {
				double v = CX_EVAL_V(&t1, task, i);
				if (!isnan(v))
					st->hist[task][v >= 1 ? 9 : (int)(v * 10)]++;
			}
		for (int task = 0; task < CX_NTASKS; task++)
			st->scored[task] = base || job->tc[task];
	}
	queue_post(e->q, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
	if (atomic_load(e->cancel))
		goto out;
	if (m->gt >= 0 && job->has_hits && job->hits_complete) {
		struct cx_evaltab th;
		hit_table(m, job->hit, &th);
		cx_evaluate_summarize(&th, 0, NULL, st->hit);
		st->has_hit = 1;
		cx_evaltab_fini(&th);
	}
	queue_post(e->q, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
out:
	cx_evaltab_fini(&t1);
	cx_evaltab_fini(&t2);
	queue_post(e->q, MSG_STATS, 0, steps, steps, st);
	free(job->hit);
	free(job->der.e);
	free(job);
	return NULL;
}

static int thr_ready(const struct workers *w, const double *thr);
static void thr_next(struct workers *w, const struct model *m, const double *thr);

/* Same live thresholds (as float32, NaN equal to NaN)? */
static int
same_thr(const double *x, const double *y)
{
	for (int t = 0; t < CX_NTASKS; t++)
		if (isnan(x[t]) != isnan(y[t]) || (!isnan(x[t]) && (float)x[t] != (float)y[t]))
			return 0;
	return 1;
}

static void
scache_put(struct workers *w, const struct stats *st)
{
	struct stats *c = cx_xmalloc(sizeof *c);

	*c = *st;
	for (int k = 0; k < WORKERS_STATS_CACHE; k++)
		if (w->scache[k] && same_thr(w->scache[k]->thr, st->thr) && w->scache[k]->meth == st->meth) {
			free(w->scache[k]);
			w->scache[k] = NULL;
		}
	free(w->scache[WORKERS_STATS_CACHE - 1]);
	memmove(w->scache + 1, w->scache, (WORKERS_STATS_CACHE - 1) * sizeof *w->scache);
	w->scache[0] = c;
	/* Keep the slots packed. */
	for (int k = 0, j = 0; k < WORKERS_STATS_CACHE; k++) {
		struct stats *v = w->scache[k];
		w->scache[k] = NULL;
		if (v)
			w->scache[j++] = v;
	}
}

/* Statistics of thresholds already scored (with every input complete). */
static int
stats_from_cache(struct workers *w, const double *thr, int meth)
{
	for (int k = 0; k < WORKERS_STATS_CACHE && w->scache[k]; k++)
		if (same_thr(w->scache[k]->thr, thr) && w->scache[k]->meth == meth) {
			struct stats *c = cx_xmalloc(sizeof *c);
			*c = *w->scache[k];
			free(w->stats);
			w->stats = c;
			w->stats_dirty = 0;
			w->stats_wait = 0;
			return 1;
		}
	return 0;
}

/* The job's inputs, snapshotted: the hit/miss values so far, the
 * predictions to score, the live thresholds' counts (borrowed from the
 * cache, which only grows while the explorer runs). */
static struct stats_job *
stats_job_new(struct workers *w, const struct model *m, const double *thr)
{
	struct stats_job *job = cx_xcalloc(1, sizeof *job);

	job->e = env_of(w, m);
	job->hit = cx_xmalloc((m->ds.n ? m->ds.n : 1) * CX_NTASKS * sizeof(double));
	/* a salient-point method shown: its hits, complete at once */
	job->has_hits = model_has_hits(m);
	job->hits_complete = m->heat < 0 || !w->hits_running || model_shown_points(m);
	for (size_t i = 0; i < m->ds.n; i++)
		memcpy(job->hit + i * CX_NTASKS, m->row[i].hit, CX_NTASKS * sizeof(double));
	/* The method shown, complete (derived masks no longer written). */
	job->pred = model_method_file(m, m->shown, &job->der);
	job->meth = m->shown;
	/* final: kept in the cache; not while the method's masks are made */
	job->final = job->hits_complete && (m->meth.n == 0 || methods_complete(&m->meth, m->shown,
	    m->ds.n));
	for (int t = 0; t < CX_NTASKS; t++) {
		job->thr[t] = thr[t];
		if (!isnan(thr[t]))
			job->tc[t] = workers_thr_find(w, t, thr[t], &job->tcol[t], 1);
	}
	return job;
}

void
workers_stats_start(struct workers *w, const struct model *m, const double *thr)
{
	struct stats_job *job;

	if (w->stats_running || (w->stats && !w->stats_dirty))
		return;
	if (stats_from_cache(w, thr, m->shown))
		return;
	/* The counts of a new live threshold first (the counting worker
	 * starts the statistics when they arrive). */
	if (!thr_ready(w, thr)) {
		w->stats_dirty = 1;
		w->stats_wait = 1;
		thr_next(w, m, thr);
		return;
	}
	w->stats_wait = 0;
	job = stats_job_new(w, m, thr);
	w->stats_done = 0;
	w->stats_total = 5;
	w->stats_dirty = 0;
	if (pthread_create(&w->stats_thr, NULL, stats_main, job) == 0)
		w->stats_running = 1;
	else {
		free(job->hit);
		free(job->der.e);
		free(job);
	}
}

/* ---- live thresholds: pixel counts per (pathology, threshold) ---- */

struct thr_job {
	struct env	 e;
	int		 src;		/* whose heatmaps (model_heat_src) */
	int		 task, nthr, all;
	double		 thr[MODEL_THR_MAX];
};

static void
thr_progress(void *ctx, size_t done, size_t total)
{
	struct thr_job *job = ctx;

	queue_post(job->e.q, MSG_THR_PROGRESS, (size_t)job->task, done, total, NULL);
}

static void *
thr_main(void *arg)
{
	struct thr_job *job = arg;
	struct model_thrcounts *c = cx_xmalloc(sizeof *c);

	queue_worker_nice();
	if (model_thr_count_src(job->e.m, job->src, job->task, job->thr, job->nthr, job->all, c,
	    job->e.cancel, thr_progress, job) == -1) {
		model_thrcounts_fini(c);
		free(c);
		c = NULL;
	}
	queue_post(job->e.q, MSG_THR, (size_t)job->task, 1, 1, c);
	free(job);
	return NULL;
}

const struct model_thrcounts *
workers_thr_find(const struct workers *w, int task, double t, int *col, int want)
{
	for (size_t k = w->ntcache; k-- > 0;) {
		const struct model_thrcounts *c = w->tcache[k];
		int j;
		if (want == 1 && !c->complete)
			continue;
		if (want == 2 && c->complete)
			continue;
		if (c->src + 1 != w->tsrc)	/* another method's heatmaps */
			continue;
		if (c->task == task && (j = model_thr_col(c, t)) >= 0) {
			if (col)
				*col = j;
			return c;
		}
	}
	return NULL;
}

/* The plot's thresholds: 0.05, 0.10, ..., 0.95, as the live threshold keys
 * step them (k / 20). */
static double
plot_thr(int k)
{
	return (k + 1) / 20.0;
}

static int
have_plot(const struct workers *w, int task)
{
	for (int k = 0; k < PLOT_N; k++)
		if (!workers_thr_find(w, task, plot_thr(k), NULL, 0))
			return 0;
	return 1;
}

/* The plot of task from the cache (the means are cheap; the counts were
 * made by the worker). */
static void
plot_build(struct workers *w, int task)
{
	struct plot *pl;

	if (!have_plot(w, task))
		return;
	pl = cx_xcalloc(1, sizeof *pl);
	pl->task = task;
	for (int k = 0; k < PLOT_N; k++) {
		int col = 0;
		const struct model_thrcounts *c = workers_thr_find(w, task, plot_thr(k), &col, 0);
		size_t n;
		pl->thr[k] = plot_thr(k);
		pl->miou[k] = model_thr_miou(c, col, &n);
	}
	free(w->plot);
	w->plot = pl;
}

int
workers_thr_miou(const struct workers *w, int task, double t, double *miou, size_t *n)
{
	int col = 0;
	/* The plot's own column when there is one (the plot's value), else
	 * the live threshold's. */
	const struct model_thrcounts *c = workers_thr_find(w, task, t, &col, 2);

	if (!c)
		c = workers_thr_find(w, task, t, &col, 0);
	if (!c)
		return -1;
	*miou = model_thr_miou(c, col, n);
	return 0;
}

/* Start counting what is wanted and missing, one job at a time (the next
 * starts when one ends): the live threshold of the pathology whose plot was
 * asked for (every row: the statistics need the pixel counts), then its
 * plot (only rows with a GT mask: the IoUs), then the live threshold of any
 * other pathology. */
static void
thr_next(struct workers *w, const struct model *m, const double *thr)
{
	struct thr_job *job;
	int order[CX_NTASKS + 1], no = 0, t = -1, grid = 0;

	if (w->thr_running || (m->heat < 0 && model_heat_src(m) < 0) || !m->gtf)
		return;
	if (w->plot_want >= 0)
		order[no++] = w->plot_want;
	for (int k = 0; k < CX_NTASKS; k++)
		order[no++] = k;
	for (int k = 0; k < no && t < 0; k++) {
		int u = order[k];
		if (!isnan(thr[u]) && !workers_thr_find(w, u, thr[u], NULL, 1))
			t = u;
		else if (k == 0 && w->plot_want >= 0 && !have_plot(w, u)) {
			t = u;
			grid = 1;
		}
	}
	if (t < 0)
		return;
	job = cx_xcalloc(1, sizeof *job);
	job->e = env_of(w, m);
	job->src = w->tsrc - 1;
	job->task = t;
	if (grid)
		for (int j = 0; j < PLOT_N; j++)
			job->thr[job->nthr++] = plot_thr(j);
	else {
		job->thr[job->nthr++] = thr[t];
		job->all = 1;
	}
	w->thr_done = 0;
	w->thr_total = m->gtf->n;
	w->thr_task = t;
	if (pthread_create(&w->thr_thr, NULL, thr_main, job) == 0)
		w->thr_running = 1;
	else
		free(job);
}

void
workers_plot_start(struct workers *w, const struct model *m, int task, const double *thr)
{
	if ((m->heat < 0 && model_heat_src(m) < 0) || m->gt < 0)
		return;
	w->plot_want = task;
	if (have_plot(w, task)) {
		if (!w->plot || w->plot->task != task)
			plot_build(w, task);
	}
	thr_next(w, m, thr);
}

void
workers_method_changed(struct workers *w, const struct model *m, const double *thr)
{
	int asked = w->stats != NULL || w->stats_running;

	free(w->stats);	/* another method's: not shown meanwhile */
	w->stats = NULL;
	w->stats_dirty = 1;
	if (w->tsrc != model_heat_src(m) + 1) {
		/* a live threshold binarizes the heatmaps of the method shown:
		 * the plot and counts of those (cached per source) */
		w->tsrc = model_heat_src(m) + 1;
		free(w->plot);
		w->plot = NULL;
		if (w->plot_want >= 0 && have_plot(w, w->plot_want))
			plot_build(w, w->plot_want);
		thr_next(w, m, thr);
	}
	if (asked)	/* the statistics screen was opened: keep it current */
		workers_stats_start(w, m, thr);
}

void
workers_thr_changed(struct workers *w, const struct model *m, const double *thr)
{
	/* Statistics shown or asked for are scored again at the new thresholds. */
	w->stats_dirty = 1;
	thr_next(w, m, thr);
}

/* Are the counts of every live threshold cached? */
static int
thr_ready(const struct workers *w, const double *thr)
{
	for (int t = 0; t < CX_NTASKS; t++)
		if (!isnan(thr[t]) && !workers_thr_find(w, t, thr[t], NULL, 1))
			return 0;
	return 1;
}

/* ---- prefetch ---- */

struct pre_job {
	struct env		 e;
	struct model_cxr	*c;
	size_t			 i;
	uint32_t		 bw, bh;
};

static void *
pre_main(void *arg)
{
	struct pre_job *job = arg;

	queue_worker_nice();
	model_cxr_load(job->e.m, job->c, job->i, job->bw, job->bh);
	queue_post(job->e.q, MSG_PREFETCH, job->i, 1, 1, job->c);
	free(job);
	return NULL;
}

void
workers_prefetch_start(struct workers *w, const struct model *m, size_t i, uint32_t bw,
    uint32_t bh)
{
	struct pre_job *job;

	if (w->pre_running || (w->pre && w->pre->i == i && w->pre_bw == bw && w->pre_bh == bh))
		return;
	job = cx_xcalloc(1, sizeof *job);
	job->e = env_of(w, m);
	job->c = cx_xcalloc(1, sizeof *job->c);
	job->i = i;
	job->bw = bw;
	job->bh = bh;
	w->pre_bw = bw;
	w->pre_bh = bh;
	if (pthread_create(&w->pre_thr, NULL, pre_main, job) == 0)
		w->pre_running = 1;
	else {
		free(job->c);
		free(job);
	}
}

struct model_cxr *
workers_prefetch_take(struct workers *w, size_t i, uint32_t bw, uint32_t bh)
{
	struct model_cxr *c = w->pre;

	if (!c || c->i != i || w->pre_bw != bw || w->pre_bh != bh)
		return NULL;
	w->pre = NULL;
	return c;
}

/* ---- the loop's side ---- */

int
workers_init(struct workers *w)
{
	memset(w, 0, sizeof *w);
	w->plot_want = -1;
	return queue_init(&w->q);
}

int
workers_fd(const struct workers *w)
{
	return w->q.pipe[0];
}

/* Free what a message still owns. */
static void
msg_free(struct msg *m)
{
	if (m->kind == MSG_PREFETCH && m->data)
		model_cxr_fini(m->data);
	if (m->kind == MSG_HITS && m->data)
		model_hitres_fini(m->data);
	if (m->kind == MSG_THR && m->data)
		model_thrcounts_fini(m->data);
	methjobs_msg_free(m);
	free(m->data);
	free(m);
}

void
workers_stop(struct workers *w)
{
	atomic_store(&w->cancel, 1);
	if (w->hits_running)
		pthread_join(w->hits_thr, NULL);
	if (w->stats_running)
		pthread_join(w->stats_thr, NULL);
	if (w->thr_running)
		pthread_join(w->thr_thr, NULL);
	if (w->pre_running)
		pthread_join(w->pre_thr, NULL);
	w->hits_running = w->stats_running = w->thr_running = w->pre_running = 0;
	methjobs_stop(&w->mj);
}

void
workers_fini(struct workers *w)
{
	workers_stop(w);
	/* Results that arrived after the last turn of the loop. */
	for (struct msg *m = queue_drain(&w->q), *next; m; m = next) {
		next = m->next;
		msg_free(m);
	}
	if (w->pre) {
		model_cxr_fini(w->pre);
		free(w->pre);
	}
	for (size_t k = 0; k < w->ntcache; k++) {
		model_thrcounts_fini(w->tcache[k]);
		free(w->tcache[k]);
	}
	free(w->tcache);
	for (int k = 0; k < WORKERS_STATS_CACHE; k++)
		free(w->scache[k]);
	free(w->stats);
	free(w->plot);
	methjobs_fini(&w->mj);
	queue_fini(&w->q);
}

static int
apply_one(struct workers *w, struct model *m, const double *thr, long cur, struct msg *msg)
{
	switch (msg->kind) {
	case MSG_HITS:
		model_hits_apply(m, msg->i, msg->data);	/* takes what it owns */
		free(msg->data);
		msg->data = NULL;
		w->hits_done = msg->done;
		/* Sorting by misses moves rows while they arrive: rebuild lazily.
		 * A derived prediction for the CXR on screen changes its picture. */
		return WK_REDRAW | ((long)msg->i == cur && m->derive ? WK_IMAGE : 0);
	case MSG_HITS_DONE:
		pthread_join(w->hits_thr, NULL);
		w->hits_running = 0;
		w->hits_done = m->ds.n;
		w->stats_dirty = 1;
		/* Statistics already shown: complete them with the hit rates. */
		if (w->stats && !w->stats_running)
			workers_stats_start(w, m, thr);
		return WK_REDRAW | WK_LIST;
	case MSG_STATS_PROGRESS:
		w->stats_done = msg->done;
		w->stats_total = msg->total;
		return WK_REDRAW;
	case MSG_STATS:
		pthread_join(w->stats_thr, NULL);
		w->stats_running = 0;
		free(w->stats);
		w->stats = msg->data;
		msg->data = NULL;
		if (w->stats->final && !atomic_load(&w->cancel))
			scache_put(w, w->stats);
		w->stats_dirty |= w->stats->meth != m->shown;	/* shown another meanwhile */
		if (w->stats_dirty && !w->hits_running)
			workers_stats_start(w, m, thr);
		return WK_REDRAW;
	case MSG_PREFETCH:
		pthread_join(w->pre_thr, NULL);
		w->pre_running = 0;
		if (w->pre) {
			model_cxr_fini(w->pre);
			free(w->pre);
		}
		w->pre = msg->data;
		msg->data = NULL;
		return 0;
	case MSG_THR_PROGRESS:
		w->thr_task = (int)msg->i;
		w->thr_done = msg->done;
		w->thr_total = msg->total;
		return WK_REDRAW;
	case MSG_THR:
		pthread_join(w->thr_thr, NULL);
		w->thr_running = 0;
		if (msg->data) {
			w->tcache = cx_xreallocarray(w->tcache, w->ntcache + 1, sizeof *w->tcache);
			w->tcache[w->ntcache++] = msg->data;
			msg->data = NULL;
		}
		if (w->plot_want >= 0 && (!w->plot || w->plot->task != w->plot_want))
			plot_build(w, w->plot_want);
		thr_next(w, m, thr);
		if (w->stats_wait && thr_ready(w, thr))
			workers_stats_start(w, m, thr);
		return WK_REDRAW | WK_LIST;
	}
	if (msg->kind == MJ_MSG_DERIVE_DONE) {	/* the heatmap methods can be scored */
		w->stats_dirty = 1;
		if (w->stats && !w->stats_running)
			workers_stats_start(w, m, thr);
	}
	return methjobs_apply(&w->mj, m, cur, msg);	/* MJ_* are WK_* */
}

int
workers_apply(struct workers *w, struct model *m, const double *thr, long cur)
{
	int r = 0;

	for (struct msg *msg = queue_drain(&w->q), *next; msg; msg = next) {
		next = msg->next;
		r |= apply_one(w, m, thr, cur, msg);
		msg_free(msg);
	}
	return r;
}
