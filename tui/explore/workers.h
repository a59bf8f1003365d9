/* workers: the explorer's background work — hit/miss of every CXR (and the
 * derived predictions), the statistics screen, the live thresholds' pixel
 * counts and the mIoU-vs-threshold plot, the next CXR decoded ahead — each
 * in its own thread, and the caches of their results.
 *
 * Threads: every function here is for the event loop thread. The worker
 * threads run static functions of workers.c with a narrow environment (the
 * model read-only, the queue, the cancel flag); they push owned results to
 * the queue and never touch curses, the view state or struct workers. */
#ifndef UI_WORKERS_H
#define UI_WORKERS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "evaluate.h"
#include "methjobs.h"
#include "model.h"
#include "queue.h"

/* Statistics of the dataset (the statistics screen). */
struct stats {
	struct cx_evalsum	iou[CX_NTASKS], hit[CX_NTASKS], diff[CX_NTASKS];
	struct cx_pixcounts	pc[CX_NTASKS];
	int			has_iou, has_hit, has_pc, has_diff;
	size_t			hist[CX_NTASKS][10];
	double			thr[CX_NTASKS];	/* live threshold a row was scored at, NaN = the dataset's predictions */
	int			scored[CX_NTASKS];	/* the row has predictions to score */
	int			final;		/* inputs complete: kept in the cache */
	int			meth;		/* the method scored (model.shown) */
	char			err[768];
};

/* mIoU against threshold for one pathology. */
#define PLOT_N	19	/* thresholds 0.05, 0.10, ..., 0.95 */
struct plot {
	int	task;
	double	thr[PLOT_N], miou[PLOT_N];
};

#define WORKERS_STATS_CACHE	8

struct workers {
	struct queue		 q;
	atomic_int		 cancel;

	/* hit/miss of every CXR */
	pthread_t		 hits_thr;
	int			 hits_running;
	size_t			 hits_done;

	/* statistics: the last made, and by live thresholds (most recent
	 * first; complete inputs only) so that going back shows them at once */
	pthread_t		 stats_thr;
	int			 stats_running;
	struct stats		*stats;
	int			 stats_dirty;	/* an input changed since */
	int			 stats_wait;	/* waiting for threshold counts */
	size_t			 stats_done, stats_total;
	struct stats		*scache[WORKERS_STATS_CACHE];

	/* pixel counts per (pathology, threshold), immutable once made, and
	 * the plot made of them */
	pthread_t		 thr_thr;
	int			 thr_running;
	size_t			 thr_done, thr_total;
	int			 thr_task;	/* pathology being counted */
	struct model_thrcounts	**tcache;
	size_t			 ntcache;
	int			 tsrc;		/* the heatmaps counted now: model_heat_src + 1 */
	struct plot		*plot;
	int			 plot_want;	/* pathology whose plot was asked for, -1 */

	/* the heatmap methods segmented, the comparison (methjobs.c) */
	struct methjobs		 mj;

	/* the next CXR in the direction of travel, decoded ahead */
	pthread_t		 pre_thr;
	int			 pre_running;
	struct model_cxr	*pre;
	uint32_t		 pre_bw, pre_bh;
};

/* What applying the workers' results asks of the explorer. */
enum {
	WK_REDRAW = 1,		/* numbers changed: redraw the text */
	WK_IMAGE = 2,		/* the CXR on screen changed: render it again */
	WK_LIST = 4,		/* the study list's order or filters may change */
};

/* -1 when the queue's pipe cannot be made. */
int	workers_init(struct workers *w);
/* Cancel every thread and wait for it. */
void	workers_stop(struct workers *w);
/* Stop, then free what arrived and every cache. */
void	workers_fini(struct workers *w);
/* The descriptor the loop polls for results. */
int	workers_fd(const struct workers *w);
/* Apply every result waiting: thr are the live thresholds (NaN = none), cur
 * the CXR on screen (-1 none). Returns WK_* flags. */
int	workers_apply(struct workers *w, struct model *m, const double *thr, long cur);

/* Hit/miss of every CXR (the one m->want names first), and the heatmap
 * methods' masks. */
void	workers_hits_start(struct workers *w, const struct model *m);
/* Statistics at the live thresholds thr: from the cache, or made (after
 * their threshold counts) in the background. */
void	workers_stats_start(struct workers *w, const struct model *m, const double *thr);
/* The plot of task, counting what is missing. */
void	workers_plot_start(struct workers *w, const struct model *m, int task,
	    const double *thr);
/* The method shown changed: its statistics (cached, or made now). */
void	workers_method_changed(struct workers *w, const struct model *m, const double *thr);
/* A live threshold changed: count it in the background, statistics dirty. */
void	workers_thr_changed(struct workers *w, const struct model *m, const double *thr);
/* Cached counts of task at threshold t (and their column), or NULL; want:
 * 0 any, 1 every row counted, 2 only the plot's (rows with a GT mask). */
const struct model_thrcounts *workers_thr_find(const struct workers *w, int task, double t,
	    int *col, int want);
/* mIoU (as eval prints it) of task's heatmaps at threshold t and the number
 * of IoUs averaged; -1 when not counted yet. */
int	workers_thr_miou(const struct workers *w, int task, double t, double *miou, size_t *n);
/* Decode CXR i for a bw x bh box in the background (once). */
void	workers_prefetch_start(struct workers *w, const struct model *m, size_t i, uint32_t bw,
	    uint32_t bh);
/* The CXR decoded ahead when it is i for that box (the caller owns it, then
 * model_cxr_fini + free), else NULL. */
struct model_cxr *workers_prefetch_take(struct workers *w, size_t i, uint32_t bw, uint32_t bh);

#endif
