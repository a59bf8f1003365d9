/* tune: the reference's threshold and probability-cutoff sweeps (SPEC §3)
 * reduced to counts per heatmap, so every candidate is scored in one pass. */
#ifndef CX_TUNE_H
#define CX_TUNE_H

#include <stdint.h>

#include "err.h"
#include "heatmap.h"
#include "rle.h"

/* NumPy's arange(0.2, 0.8, 0.1): 7 float64 candidates, 0.2 .. 0.8000000000000003. */
#define CX_TUNE_NTHR	7
void	cx_tune_thresholds(double t[CX_TUNE_NTHR]);

/* Probability cutoffs 0.0, 0.1, ..., 0.8 (i * 0.1); Lung Lesion starts at 0.1.
 * Returns the number written (9 or 8). */
#define CX_TUNE_NCUT	9
int	cx_tune_cutoffs(int task, double c[CX_TUNE_NCUT]);

/* Most thresholds cx_tune_count scores in one pass. */
#define CX_TUNE_MAXTHR	255

/* IoU at several thresholds, as pixel counts: hm's map resized to h x w and
 * normalized ((m - min) / max(m - min) in float32); for each of the n
 * (<= CX_TUNE_MAXTHR) thresholds thr[k] (ascending),
 * pred[k] = the pixels with m > (float)thr[k] and inter[k] = those also set
 * in gt (h x w; NULL counts 0). A constant map gives 0 everywhere. One pass
 * for all thresholds: tune and the explorer's threshold plot use it. */
void	cx_tune_count(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
	    const struct cx_rle *gt, const double *thr, int n, uint64_t *pred,
	    uint64_t *inter);
/* True-positive IoU from those counts and the GT area ga: NaN when the
 * prediction or the GT is empty (eval's default mode). */
double	cx_tune_iou(uint64_t pred, uint64_t inter, uint64_t ga);

/* Probability-cutoff mode for one heatmap of pathology task: its Otsu
 * segmentation kept when prob > cutoff (cx_heatmap_prob_above: the
 * reference's precision for each form of 'prob'), else empty; full-mode IoU against gt (NULL = empty) for
 * each cutoff of cx_tune_cutoffs(task) into iou. -1 with err on failure. */
int	cx_tune_prob(const struct cx_heatmap *hm, const struct cx_rle *gt, int task,
	    double *iou, struct cx_err *err);

#endif
