/* evalout: the three CSVs of eval (per-CXR values, bootstrap replicates,
 * summary) and its table on stdout; also the shard parts that merge joins. */
#ifndef UI_EVALOUT_H
#define UI_EVALOUT_H

#include <stdint.h>

#include "evaluate.h"

/* Bootstrap t with seed, write <metric>_[humanbenchmark_]{results_per_cxr,
 * bootstrap_results_per_cxr,summary_results}.csv into save_dir (all or none)
 * and print the table unless quiet; only the pathologies whose bit is set in
 * tasks (--pathologies; the bootstrap draws rows, so the values of those
 * written do not depend on the others). Returns the exit code (0 or 1). */
int	evalout_write(const char *save_dir, const char *metric, int hb,
	    const struct cx_evaltab *t, uint32_t seed, int quiet, unsigned tasks);
/* How many of the ground truth's ngt CXRs the prediction pred (of npred
 * CXRs) covers: none of a non-empty prediction is an error (a ground truth of
 * another split gives n = 0 everywhere), some is a note saying how many
 * (unless quiet); an empty prediction is legal (NaN everywhere). Returns -1
 * with err for none, else 0. */
int	evalout_overlap(const char *gt, size_t ngt, const char *pred, size_t npred,
	    size_t shared, int quiet, struct cx_err *err);
/* A shard's part: <metric>_[humanbenchmark_]results_per_cxr.part-K-of-N.csv,
 * the per-CXR table with "-" in the cells this shard did not compute
 * (covered[task*n + i] == 0). Returns the exit code. */
int	evalout_write_part(const char *save_dir, const char *metric, int hb, int k,
	    int n, const struct cx_evaltab *t, const unsigned char *covered);
/* Join parts written by evalout_write_part into t (a cell given by two parts
 * is an error); *metric and *hb are taken from the first part's name. */
int	evalout_read_parts(struct cx_evaltab *t, char **paths, int nparts,
	    const char **metric, int *hb, struct cx_err *err);

#endif
