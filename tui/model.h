/* model: what the explorer, `show` and `export` display — a dataset with its
 * per-CXR, per-pathology numbers (IoU as `eval` computes it, hit/miss of the
 * heatmaps' maxima, mask areas) and the pixels of one CXR at a time. No curses.
 * Threads: model_hits_compute, model_thr_count, model_cxr_load and the
 * getters (model_gt, model_pred, model_thr_*) only read what model_open
 * built, so workers may call them; everything that writes (model_open/close,
 * model_hits_apply, model_problem*, model_cxr_heat/thresh) is for the thread
 * that owns the model (the explorer's event loop). */
#ifndef UI_MODEL_H
#define UI_MODEL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "compose.h"
#include "dataset.h"
#include "heatmap.h"
#include "image.h"
#include "methods.h"
#include "points.h"
#include "tasks.h"

struct model_row {
	double		iou[CX_NTASKS];		/* true-positive-only IoU, NaN = none */
	double		hit[CX_NTASKS];		/* 1 / 0 / NaN of the method shown: its
						 * salient points, else heat_hit */
	double		heat_hit[CX_NTASKS];	/* the dataset heatmaps'; NaN until computed */
	double		prob[CX_NTASKS];	/* heatmap probability, NaN = none */
	double		gt_area[CX_NTASKS];	/* fraction of the image, NaN = no GT */
	double		pred_area[CX_NTASKS];
	int		label[CX_NTASKS];	/* CX_LABEL_*, CX_LABEL_NONE without a CSV */
	int		gt_pos;			/* non-empty GT masks */
	double		worst;			/* smallest IoU, NaN when none */
	int		misses;			/* hits == 0 */
	int		hits_done;
	unsigned	heat_failed;		/* bit t: task t's heatmap could not be read */
};

struct model {
	struct cx_dataset	 ds;
	int			 gt, pred, pred2, heat;	/* ds.file indices or -1 */
	const struct cx_segfile	*gtf;		/* the GT masks (file, or from annotations) */
	struct cx_segfile	 gt_ann;	/* GT rasterized from annotations */
	int			 gt_from_ann;
	struct cx_ptfile	 pts;		/* human-benchmark salient points */
	int			 has_pts;
	struct model_row	*row;		/* ds.n rows */
	double			 fail_iou;	/* "failing": worst IoU below this, or a miss */
	atomic_int		 hits_progress;	/* CXRs whose hit/miss is done */
	/* No prediction JSON but heatmaps: predictions derived per CXR by the
	 * hit/miss worker, as `segment --maps` would (Otsu, or the thresholds of
	 * the dataset's tuning_results.csv; zeroed below the cutoffs of its
	 * probability_tuning_results.csv). */
	int			 derive;
	int			 has_thr[CX_NTASKS], has_cut[CX_NTASKS];
	double			 thr[CX_NTASKS], cut[CX_NTASKS];
	struct cx_segentry	*der;		/* ds.n entries, valid when row.hits_done */
	atomic_long		 want;		/* CXR the user looks at: derive it first, -1 */
	char			 status[512];	/* first data error, for the status line */
	/* Every file that failed or was partly read, as "file:place: message"
	 * (the problems screen); grows while the explorer runs, loop thread. */
	char			**problems;
	size_t			 nproblems;
	int			 pred_failed;	/* a prediction file was found but not read */
	/* The methods (tui/methods.h): method 0 the dataset's predictions
	 * (file or derived), its second prediction file, DIR/methods/, the
	 * explorer's --method. The rows' IoU, areas and worst IoU are those of
	 * method shown (model_show). */
	struct methods		 meth;
	int			 shown;
	size_t			 rows_nmeth;	/* meth.n when the rows were computed */
	int			 rows_all;	/* rows_run: whole rows, or the method's numbers */
};

/* Open a dataset folder and compute the table (not hit/miss: model_hits).
 * -1 with err when the folder cannot be read. */
int	model_open(struct model *m, const char *dir, struct cx_err *err);
void	model_close(struct model *m);
/* Add a data problem (formatted "file:place: message"; a repeat is not
 * added again); the first is also m->status. Loop thread. */
void	model_problem(struct model *m, const struct cx_err *err);
void	model_problem_str(struct model *m, const char *line);
/* Hit/miss of CXR i (loads its heatmaps). compute only reads what model_open
 * built, so workers may call it; apply writes the row (event loop only) and
 * takes res's derived masks (res->has_der cleared; finishing res with
 * model_hitres_fini stays safe). */
struct model_hitres {
	double		hit[CX_NTASKS], prob[CX_NTASKS];
	int		has_der;		/* der holds derived predictions */
	struct cx_segentry der;
	unsigned	failed;			/* bit t: task t's heatmap could not be read */
	char		err[CX_NTASKS][600];	/* and why ("file:place: message") */
};
void	model_hits_compute(const struct model *m, size_t i, struct model_hitres *out);
void	model_hits_apply(struct model *m, size_t i, struct model_hitres *res);
void	model_hits(struct model *m, size_t i);
/* Free what a result not applied still owns. */
void	model_hitres_fini(struct model_hitres *res);
/* What the "thr" column says for a task of the method shown: "file",
 * "otsu", "0.40", ... */
void	model_thr_label(const struct model *m, int task, char *buf, size_t n);
/* The derived predictions of every CXR as a segmentation file (entries
 * borrowed; the caller frees only f->e). 0 when none. */
int	model_derived_file(const struct model *m, struct cx_segfile *f);
/* eval's true-positive-only IoU (NaN when either mask is empty) and the
 * predicted area (fraction of the image) of CXR i for every pathology, with
 * method which (0: the dataset's predictions, file or derived). */
void	model_pred_numbers(const struct model *m, size_t i, int which, double iou[CX_NTASKS],
	    double area[CX_NTASKS]);
/* Show method k (an index of m->meth): every row's IoU, predicted areas and
 * worst IoU become its own (a salient-point method: its hit/miss, no
 * masks). Loop thread. */
void	model_show(struct model *m, int k);
/* Whose heatmaps the picture's overlay and a live threshold use: the
 * heatmap method shown (METH_HEAT: its index), else the dataset's (-1). */
int	model_heat_src(const struct model *m);
/* The heatmap of CXR i and task of src (model_heat_src's value), NULL when
 * none. Any thread. */
const char *model_heat_path(const struct model *m, int src, size_t i, int task);
/* Is hm below the probability cutoff src applies (a heatmap method's own
 * probability_tuning_results.csv, else the derived predictions')? */
int	model_heat_below_cut(const struct model *m, int src, int task, const struct cx_heatmap *hm);
/* Are there heatmaps to draw and threshold (the dataset's, or the heatmap
 * method shown)? */
int	model_has_heatmaps(const struct model *m);
/* Is the method shown salient points (METH_POINTS)? Then every row's hit
 * holds its hit/miss, complete from the start. */
int	model_shown_points(const struct model *m);
/* Are there hit/miss values to show: the dataset's heatmaps, or a
 * salient-point method shown? */
int	model_has_hits(const struct model *m);
/* Keep CXR i's masks of heatmap method k derived by a worker (takes e's);
 * the row follows when k is shown. Loop thread. */
void	model_method_apply(struct model *m, int k, size_t i, struct cx_segentry *e);
/* The masks of method k as one segmentation file: borrowed, or made in tmp
 * (entries borrowed; the caller frees tmp->e); NULL while derived masks are
 * still being made (or there is none). */
const struct cx_segfile *model_method_file(const struct model *m, int k, struct cx_segfile *tmp);
/* GT / prediction entry of CXR i (NULL when absent); which: a method. */
const struct cx_segentry *model_gt(const struct model *m, size_t i);
const struct cx_segentry *model_pred(const struct model *m, size_t i, int which);

/* Live thresholds for the whole dataset: one pathology's heatmaps binarized
 * at several thresholds at full resolution, exactly as `segment --maps
 * --thresholds` does (float32 normalization, m > (float)t, the derived
 * predictions' probability cutoff), reduced to pixel counts per GT row. From
 * them come eval's per-CXR IoU (true positives only), its pixel counts and
 * the mIoU of every threshold at once. Immutable once made, so workers may
 * share it while the event loop keeps it in its cache. */
#define MODEL_THR_MAX	64
struct model_thrcounts {
	int		 task;
	int		 src;			/* whose heatmaps: model_heat_src */
	int		 nthr;
	double		 thr[MODEL_THR_MAX];	/* ascending, distinct as float32 */
	size_t		 n;			/* rows: m->gtf's entries, in order (sorted ids) */
	int		 complete;		/* every row counted; else only those with
						 * a GT mask (enough for the IoUs) */
	uint64_t	*pred, *inter;		/* row r, threshold k at r * nthr + k */
	uint64_t	*ga, *npx;		/* GT area and image pixels of row r */
	size_t		 nerr;			/* rows whose heatmap could not be used (empty) */
	char		 err[512];		/* the first of them */
};
/* Count task's rows at the nthr thresholds thr (any order; at most
 * MODEL_THR_MAX): all rows, or only those with a GT mask. One threshold
 * takes segment's own path (straight to the RLE); several share one pass
 * (cx_h2s_classify). progress(ctx, done, total) now and then; stops early
 * (and returns -1) when *cancel becomes nonzero. */
int	model_thr_count(const struct model *m, int task, const double *thr, int nthr, int all,
	    struct model_thrcounts *out, atomic_int *cancel,
	    void (*progress)(void *ctx, size_t done, size_t total), void *ctx);
/* The same on the heatmaps of src (model_heat_src's value, taken by the
 * caller on the loop thread): a heatmap method's own maps and probability
 * cutoffs, as segment --maps --thresholds would binarize that folder. */
int	model_thr_count_src(const struct model *m, int src, int task, const double *thr,
	    int nthr, int all, struct model_thrcounts *out, atomic_int *cancel,
	    void (*progress)(void *ctx, size_t done, size_t total), void *ctx);
void	model_thrcounts_fini(struct model_thrcounts *c);
/* Column of threshold t (same float32), or -1. */
int	model_thr_col(const struct model_thrcounts *c, double t);
/* eval's true-positive-only IoU of row r at column k: NaN when either mask is
 * empty. */
double	model_thr_iou(const struct model_thrcounts *c, size_t r, int k);
/* mIoU at column k as eval prints it (pandas mean of the non-NaN IoUs) and
 * their number. */
double	model_thr_miou(const struct model_thrcounts *c, int k, size_t *n);

/* Everything needed to draw CXR i. */
struct model_cxr {
	size_t			 i;
	struct cx_image		 img;		/* 8-bit gray, possibly reduced */
	uint32_t		 full_w, full_h;
	int			 img_ok;
	struct cx_err		 img_err;
	int			 heat_ok[CX_NTASKS];	/* 1 loaded, -1 failed, 0 not tried */
	struct cx_heatmap	 heat[CX_NTASKS];
	float			*heatn[CX_NTASKS];	/* min-max normalized map */
	uint32_t		 arg_row[CX_NTASKS], arg_col[CX_NTASKS];
	struct cx_rle		 thr_mask[CX_NTASKS];	/* live-threshold prediction */
	double			 thr_of[CX_NTASKS];	/* threshold thr_mask was made at, NaN */
	int			 heat_src;	/* whose heatmaps heat[] holds: model_heat_src + 1 */
};

/* Load CXR i's image for display inside a box_w x box_h pixel box: decoded
 * (DCT scaling) at the smallest size that still covers the picture fitted to
 * the box. */
int	model_cxr_load(const struct model *m, struct model_cxr *c, size_t i, uint32_t box_w,
	    uint32_t box_h);
/* Load (once) the heatmap of a task; 0 ok, -1 none/failed (err filled). */
int	model_cxr_heat(struct model *m, struct model_cxr *c, int task, struct cx_err *err);
/* Prediction at threshold t from the heatmap (normalized as the reference
 * does, > t); NULL when no heatmap. Cached per task. */
const struct cx_rle *model_cxr_thresh(struct model *m, struct model_cxr *c, int task,
	    double t);
void	model_cxr_fini(struct model_cxr *c);

#endif
