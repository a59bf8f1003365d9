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
	double		 thr[CX_NTASKS];	/* live thresholds, NaN = pred's masks */
	const struct model_thrcounts *tc[CX_NTASKS];	/* their counts (cache, borrowed) */
	int		 tcol[CX_NTASKS];
	int		 final;		/* every input complete (hit/miss done) */
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
	struct app *a = job->a;
	const struct model *m = &a->m;
	struct stats *st = cx_xcalloc(1, sizeof *st);
	struct cx_evalnotes notes;
	struct cx_err err = { 0 };
	struct cx_evaltab t1, t2;
	size_t step = 0, steps = 5;
	int anythr = 0, base = 0;

	lower_priority();
	memset(&t1, 0, sizeof t1);
	memset(&t2, 0, sizeof t2);
	memcpy(st->thr, job->thr, sizeof st->thr);
	st->final = job->final;
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
	push(a, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
	if (atomic_load(&a->cancel))
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
	push(a, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
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
	push(a, MSG_STATS_PROGRESS, 0, ++step, steps, NULL);
	if (atomic_load(&a->cancel))
		goto out;
	if (m->gt >= 0 && m->heat >= 0 && job->hits_complete) {
		struct cx_evaltab th;
		hit_table(m, job->hit, &th);
		cx_evaluate_summarize(&th, 0, NULL, st->hit);
		st->has_hit = 1;
		cx_evaltab_fini(&th);
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

static int thr_ready(const struct app *a);
static void thr_next(struct app *a);

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
scache_put(struct app *a, const struct stats *st)
{
	struct stats *c = cx_xmalloc(sizeof *c);

	*c = *st;
	for (int k = 0; k < UI_STATS_CACHE; k++)
		if (a->scache[k] && same_thr(a->scache[k]->thr, st->thr)) {
			free(a->scache[k]);
			a->scache[k] = NULL;
		}
	free(a->scache[UI_STATS_CACHE - 1]);
	memmove(a->scache + 1, a->scache, (UI_STATS_CACHE - 1) * sizeof *a->scache);
	a->scache[0] = c;
	/* Keep the slots packed. */
	for (int k = 0, j = 0; k < UI_STATS_CACHE; k++) {
		struct stats *v = a->scache[k];
		a->scache[k] = NULL;
		if (v)
			a->scache[j++] = v;
	}
}

static void
stats_forget(struct app *a)
{
	for (int k = 0; k < UI_STATS_CACHE; k++) {
		free(a->scache[k]);
		a->scache[k] = NULL;
	}
}

void
ui_stats_start(struct app *a)
{
	struct stats_job *job;

	if (a->stats_running || (a->stats && !a->stats_dirty))
		return;
	/* Thresholds already scored (with every input complete). */
	for (int k = 0; k < UI_STATS_CACHE && a->scache[k]; k++)
		if (same_thr(a->scache[k]->thr, a->sc.thr)) {
			struct stats *c = cx_xmalloc(sizeof *c);
			*c = *a->scache[k];
			free(a->stats);
			a->stats = c;
			a->stats_dirty = 0;
			a->stats_wait = 0;
			return;
		}
	/* The counts of a new live threshold first (the counting worker
	 * starts the statistics when they arrive). */
	if (!thr_ready(a)) {
		a->stats_dirty = 1;
		a->stats_wait = 1;
		thr_next(a);
		return;
	}
	a->stats_wait = 0;
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
	job->final = job->hits_complete;
	for (int t = 0; t < CX_NTASKS; t++) {
		job->thr[t] = a->sc.thr[t];
		if (!isnan(a->sc.thr[t]))
			job->tc[t] = ui_thr_find(a, t, a->sc.thr[t], &job->tcol[t], 1);
	}
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

/* ---- live thresholds: pixel counts per (pathology, threshold) ---- */

struct thr_job {
	struct app	*a;
	int		 task, nthr, all;
	double		 thr[MODEL_THR_MAX];
};

static void
thr_progress(void *ctx, size_t done, size_t total)
{
	struct thr_job *job = ctx;

	push(job->a, MSG_PLOT_PROGRESS, (size_t)job->task, done, total, NULL);
}

static void *
thr_main(void *arg)
{
	struct thr_job *job = arg;
	struct app *a = job->a;
	struct model_thrcounts *c = cx_xmalloc(sizeof *c);

	lower_priority();
	if (model_thr_count(&a->m, job->task, job->thr, job->nthr, job->all, c, &a->cancel,
	    thr_progress, job) == -1) {
		model_thrcounts_fini(c);
		free(c);
		c = NULL;
	}
	push(a, MSG_PLOT, (size_t)job->task, 1, 1, c);
	free(job);
	return NULL;
}

const struct model_thrcounts *
ui_thr_find(const struct app *a, int task, double t, int *col, int want)
{
	for (size_t k = a->ntcache; k-- > 0;) {
		const struct model_thrcounts *c = a->tcache[k];
		int j;
		if (want == 1 && !c->complete)
			continue;
		if (want == 2 && c->complete)
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
have_plot(const struct app *a, int task)
{
	for (int k = 0; k < PLOT_N; k++)
		if (!ui_thr_find(a, task, plot_thr(k), NULL, 0))
			return 0;
	return 1;
}

/* The plot of task from the cache (the means are cheap; the counts were
 * made by the worker). */
static void
plot_build(struct app *a, int task)
{
	struct plot *pl;

	if (!have_plot(a, task))
		return;
	pl = cx_xcalloc(1, sizeof *pl);
	pl->task = task;
	for (int k = 0; k < PLOT_N; k++) {
		int col = 0;
		const struct model_thrcounts *c = ui_thr_find(a, task, plot_thr(k), &col, 0);
		size_t n;
		pl->thr[k] = plot_thr(k);
		pl->miou[k] = model_thr_miou(c, col, &n);
	}
	free(a->plot);
	a->plot = pl;
}

int
ui_thr_miou(const struct app *a, int task, double t, double *miou, size_t *n)
{
	int col = 0;
	/* The plot's own column when there is one (the plot's value), else
	 * the live threshold's. */
	const struct model_thrcounts *c = ui_thr_find(a, task, t, &col, 2);

	if (!c)
		c = ui_thr_find(a, task, t, &col, 0);
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
thr_next(struct app *a)
{
	struct thr_job *job;
	int order[CX_NTASKS + 1], no = 0, t = -1, grid = 0;

	if (a->plot_running || a->m.heat < 0 || !a->m.gtf)
		return;
	if (a->plot_want >= 0)
		order[no++] = a->plot_want;
	for (int k = 0; k < CX_NTASKS; k++)
		order[no++] = k;
	for (int k = 0; k < no && t < 0; k++) {
		int u = order[k];
		if (!isnan(a->sc.thr[u]) && !ui_thr_find(a, u, a->sc.thr[u], NULL, 1))
			t = u;
		else if (k == 0 && a->plot_want >= 0 && !have_plot(a, u)) {
			t = u;
			grid = 1;
		}
	}
	if (t < 0)
		return;
	job = cx_xcalloc(1, sizeof *job);
	job->a = a;
	job->task = t;
	if (grid)
		for (int j = 0; j < PLOT_N; j++)
			job->thr[job->nthr++] = plot_thr(j);
	else {
		job->thr[job->nthr++] = a->sc.thr[t];
		job->all = 1;
	}
	a->plot_done = 0;
	a->plot_total = a->m.gtf->n;
	a->plot_task = t;
	if (pthread_create(&a->plot_thr, NULL, thr_main, job) == 0)
		a->plot_running = 1;
	else
		free(job);
}

void
ui_plot_start(struct app *a, int task)
{
	if (a->m.heat < 0 || a->m.gt < 0)
		return;
	a->plot_want = task;
	if (have_plot(a, task)) {
		if (!a->plot || a->plot->task != task)
			plot_build(a, task);
	}
	thr_next(a);
}

void
ui_thr_changed(struct app *a)
{
	/* Statistics shown or asked for are scored again at the new thresholds;
	 * the list's worst IoUs follow (now or when the counts come). */
	a->stats_dirty = 1;
	thr_next(a);
	ui_list_rebuild(a, 1);
}

/* Are the counts of every live threshold cached? */
static int
thr_ready(const struct app *a)
{
	for (int t = 0; t < CX_NTASKS; t++)
		if (!isnan(a->sc.thr[t]) && !ui_thr_find(a, t, a->sc.thr[t], NULL, 1))
			return 0;
	return 1;
}

void
ui_thr_free(struct app *a)
{
	for (size_t k = 0; k < a->ntcache; k++) {
		model_thrcounts_fini(a->tcache[k]);
		free(a->tcache[k]);
	}
	free(a->tcache);
	a->tcache = NULL;
	a->ntcache = 0;
	stats_forget(a);
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
		if (a->stats->final && !atomic_load(&a->cancel))
			scache_put(a, a->stats);
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
		a->plot_task = (int)m->i;
		a->plot_done = m->done;
		a->plot_total = m->total;
		return V_REDRAW;
	case MSG_PLOT:
		pthread_join(a->plot_thr, NULL);
		a->plot_running = 0;
		if (m->data) {
			a->tcache = cx_xreallocarray(a->tcache, a->ntcache + 1, sizeof *a->tcache);
			a->tcache[a->ntcache++] = m->data;
			m->data = NULL;
		}
		if (a->plot_want >= 0 && (!a->plot || a->plot->task != a->plot_want))
			plot_build(a, a->plot_want);
		thr_next(a);
		if (a->stats_wait && thr_ready(a))
			ui_stats_start(a);
		ui_list_rebuild(a, 1);
		return V_REDRAW;
	}
	return 0;
}
