/* pathfeat: the pathology features of compute_pathology_features.py (SPEC §3
 * "Pathology features"): per annotation id and pathology, the number of
 * annotated polygons, the mask's area ratio, and the elongation and
 * rectangularity of its longest contour.
 * (Not "features.h": with -Icore that name would shadow glibc's <features.h>.) */
#ifndef CX_PATHFEAT_H
#define CX_PATHFEAT_H

#include <stdint.h>
#include <stdio.h>

#include "annjson.h"
#include "segjson.h"
#include "tasks.h"

enum cx_feature { CX_FEAT_NINST, CX_FEAT_AREA, CX_FEAT_ELONG, CX_FEAT_RECT, CX_NFEAT };

struct cx_pathfeat {
	size_t	  n;		/* rows: the annotation ids, sorted */
	char	**id;
	/* v[f][row * CX_NTASKS + task] with task in LOCALIZATION_TASKS order */
	double	 *v[CX_NFEAT];
	/* masks whose minimum-area rectangle is degenerate (zero width or
	 * height: one pixel wide or a single pixel); the reference divides by
	 * zero there, we write NaN. */
	size_t	  nthin;
	char	  thin_first[256];	/* "id/Pathology" of the first one */
};

/* Names of the four CSV files, indexed by enum cx_feature. */
extern const char *const cx_pathfeat_files[CX_NFEAT];

/* Compute from an annotation file (its ids are the rows) and the matching
 * segmentation file (an id or pathology missing there is an empty mask).
 * Always succeeds; returns 0. */
int	cx_pathfeat_compute(struct cx_pathfeat *f, const struct cx_annfile *ann,
	    const struct cx_segfile *seg);
/* Write one feature table as the reference's CSV (pathology columns sorted,
 * then img_id). */
void	cx_pathfeat_write(const struct cx_pathfeat *f, enum cx_feature which, FILE *fp);
/* Geometric features of one row-major h x w mask with at least one pixel set:
 * *elong and *rect get NaN when the rectangle is degenerate (returns 1 then). */
int	cx_pathfeat_shape(const uint8_t *m, uint32_t h, uint32_t w, double *elong,
	    double *rect);
void	cx_pathfeat_fini(struct cx_pathfeat *f);

#endif
