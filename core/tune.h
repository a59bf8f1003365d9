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

/* Resize hm's map to (cxr_h, cxr_w), normalize it ((m - min) / max(m - min)
 * in float32) and, for each of the n ascending thresholds thr[k] (compared in
 * float32: pixel set when m > (float)thr[k]), count the set pixels pred[k]
 * and those also set in gt, inter[k]. gt must be cxr_h x cxr_w. */
void	cx_tune_count(const struct cx_heatmap *hm, const struct cx_rle *gt,
	    const double *thr, int n, uint64_t *pred, uint64_t *inter);

/* Probability-cutoff mode for one heatmap of pathology task: its Otsu
 * segmentation kept when prob > cutoff (float32 probabilities compared as
 * float32 values), else empty; full-mode IoU against gt (NULL = empty) for
 * each cutoff of cx_tune_cutoffs(task) into iou. -1 with err on failure. */
int	cx_tune_prob(const struct cx_heatmap *hm, const struct cx_rle *gt, int task,
	    double *iou, struct cx_err *err);

#endif
