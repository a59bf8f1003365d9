/* evalmaps: the pointing game over a folder of heatmaps (SPEC §3, eval
 * --metric hitmiss): each map resized to its CXR's size, its first maximum
 * looked up in the ground-truth mask. Rows are joined by id. */
#ifndef CX_EVALMAPS_H
#define CX_EVALMAPS_H

#include "evaluate.h"
#include "heatmap.h"
#include "pool.h"

/* Hit/miss table: rows = GT ids (sorted); a cell without a heatmap is NaN.
 * Heatmaps of ids without GT or of unknown pathologies are skipped, duplicate
 * (id, pathology) pairs keep the first path. nthreads <= 0: all cores.
 * Only heatmaps i with i % shard_n == shard_k - 1 are read (1/1: all); the
 * cells they gave are marked in covered (CX_NTASKS * rows, task-major; may be
 * NULL; the caller frees *covered).
 * A heatmap that cannot be read, lacks cxr_dims or whose size differs from
 * the GT mask is an error naming the heatmap file. */
int	cx_evalmaps_hitmiss(struct cx_evaltab *t, const struct cx_segfile *gt,
	    const struct cx_heatmap_list *l, int shard_k, int shard_n, int nthreads,
	    cx_pool_progress progress, void *pctx, unsigned char **covered,
	    struct cx_evalnotes *notes, struct cx_err *err);

/* np.argmax of the map resized to oh x ow (cx_resize_argmax's result),
 * computing only the output rows that can hold the maximum. */
void	cx_evalmaps_argmax(const float *in, uint32_t ih, uint32_t iw, uint32_t oh,
	    uint32_t ow, uint32_t *row, uint32_t *col);

#endif
