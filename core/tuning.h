/* tuning: the tuned values of a folder (SPEC §2.5), read as the reference's
 * heatmap_to_segmentation.py reads them with pandas:
 *   tuning_results.csv (threshold,task): the threshold of a pathology is the
 *   one of its first row (.values[0]); every threshold of a known pathology
 *   must be a number, a repeated row's too (pandas reads the whole column,
 *   and one bad value turns it into strings the reference cannot use);
 *   probability_tuning_results.csv (prob_threshold,mIoU,task): the cutoff of
 *   a pathology is the prob_threshold of its row with the largest mIoU
 *   (idxmax: first on ties, NaN skipped).
 * Rows of unknown pathologies are skipped. "" and "nan" read as NaN. */
#ifndef CX_TUNING_H
#define CX_TUNING_H

#include <stddef.h>

#include "err.h"
#include "tasks.h"

/* One value per pathology: has[t] says whether the file gave one. */
struct cx_tuning {
	int	 has[CX_NTASKS];
	double	 val[CX_NTASKS];
	size_t	 rows[CX_NTASKS];	/* rows naming the pathology (cutoffs: has = 0
					 * with rows > 0 means every mIoU was NaN) */
};

enum cx_tuning_kind {
	CX_TUNING_THRESHOLDS,	/* tuning_results.csv */
	CX_TUNING_CUTOFFS	/* probability_tuning_results.csv */
};

/* The values of the file of that kind at path into *t (zeroed first). -1
 * with err (file and line) on a read error, a missing column or a value
 * that is not a number; *t is then all zero. */
int	cx_tuning_load(struct cx_tuning *t, enum cx_tuning_kind kind, const char *path,
	    struct cx_err *err);
/* Same from memory (len bytes); name goes into err->file. */
int	cx_tuning_parse(struct cx_tuning *t, enum cx_tuning_kind kind, const char *buf,
	    size_t len, const char *name, struct cx_err *err);

#endif
