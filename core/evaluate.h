/* evaluate: per-CXR localization metrics (SPEC §3) as a table of ids x 10
 * pathologies, and their per-pathology summaries with bootstrap CIs.
 * IoU and pixel counts work on the runs of the RLE masks, never on pixels. */
#ifndef CX_EVALUATE_H
#define CX_EVALUATE_H

#include <stddef.h>
#include <stdint.h>

#include "bootstrap.h"
#include "points.h"
#include "err.h"
#include "segjson.h"
#include "tasks.h"

/* n rows (ids sorted by strcmp) x CX_NTASKS columns in LOCALIZATION_TASKS
 * order; column t is v[t*n .. t*n + n-1]; NaN = no value (empty). */
struct cx_evaltab {
	size_t	  n;
	char	**id;		/* owned */
	double	 *v;		/* owned, CX_NTASKS * n */
};

/* Things the reference would have done differently (or crashed on); the CLI
 * reports them on stderr. */
struct cx_evalnotes {
	size_t	missing_task;	/* prediction lacks a pathology of a listed id (empty) */
	size_t	missing_id;	/* GT id without any prediction (hit/miss: NaN) */
	size_t	relabeled;	/* hit/miss rows the reference would label by position wrongly */
	size_t	duplicate;	/* duplicate (id, pathology) heatmaps: first kept */
	size_t	skipped;	/* heatmaps of ids without GT, or unknown names */
	size_t	bad_point;	/* salient points outside the image (misses) */
};

#define CX_EVAL_V(t, task, i)	((t)->v[(size_t)(task) * (t)->n + (i)])

/* Per-CXR IoU. true_pos_only: NaN when P or G is empty; otherwise (full mode)
 * NaN only when both are, and prediction ids without GT are added with an
 * empty G. A missing prediction is empty. Masks of different sizes are an
 * error naming the prediction's "id/Pathology" (the caller stamps the file). */
int	cx_evaluate_iou(struct cx_evaltab *t, const struct cx_segfile *gt,
	    const struct cx_segfile *pred, int true_pos_only,
	    struct cx_evalnotes *notes, struct cx_err *err);

/* Hit/miss of salient points: rows = GT ids; NaN if the GT mask is empty,
 * 1 if any point of that id/pathology hits (cx_points_hit), else 0. */
int	cx_evaluate_hitmiss_points(struct cx_evaltab *t, const struct cx_segfile *gt,
	    const struct cx_ptfile *pts, struct cx_evalnotes *notes,
	    struct cx_err *err);

/* Hit/miss of one heatmap's maximum at (row, col) against a GT mask:
 * 1 if set, NaN if the mask is empty, else 0. */
double	cx_evaluate_hit(const struct cx_rle *gt, uint32_t row, uint32_t col);

/* Per-pathology summary of a table. */
struct cx_evalsum {
	size_t		n;	/* non-NaN per-CXR values */
	double		mean;	/* their mean (pandas; NaN if none), unrounded */
	struct cx_ci	ci;	/* bootstrap lower/mean/upper, rounded to 3 decimals */
};
/* Bootstrap the table (seed as --seed) and summarize each pathology (index =
 * task id). boot, if not NULL, receives the CX_BOOTSTRAP_REPLICATES x
 * CX_NTASKS replicate values (row-major). */
void	cx_evaluate_summarize(const struct cx_evaltab *t, uint32_t seed,
	    double *boot, struct cx_evalsum sum[CX_NTASKS]);

/* Pixel counts of one pathology summed over the GT ids (missing prediction =
 * empty): true/false positives/negatives. */
struct cx_pixcounts {
	uint64_t	tp, fp, fn, tn;
};
int	cx_evaluate_pixels(const struct cx_segfile *gt, const struct cx_segfile *pred,
	    struct cx_pixcounts pc[CX_NTASKS], struct cx_evalnotes *notes,
	    struct cx_err *err);

/* Allocate an n-row table with ids copied and every value NaN. */
void	cx_evaltab_init(struct cx_evaltab *t, size_t n, char *const *ids);
void	cx_evaltab_fini(struct cx_evaltab *t);
/* Row of id, or -1 (binary search). */
long	cx_evaltab_find(const struct cx_evaltab *t, const char *id);

#endif
