/* points: salient-point JSON files (SPEC §2.3), the human benchmark's most
 * representative points: {id: {Pathology: [[x, y], ...], ...}}. */
#ifndef CX_POINTS_H
#define CX_POINTS_H

#include <stddef.h>

#include "err.h"
#include "rle.h"
#include "tasks.h"

struct cx_ptentry {
	char		*id;
	unsigned char	 present[CX_NTASKS];
	size_t		 n[CX_NTASKS];		/* points per pathology */
	double		*xy[CX_NTASKS];		/* x, y pairs (x = column); owned, NULL if none */
};

struct cx_ptfile {
	size_t			 n;
	struct cx_ptentry	*e;	/* sorted by id (strcmp) */
};

/* Read a salient-point JSON file. "Lung Opacity" is Airspace Opacity; unknown
 * pathologies, a pathology given twice and points that are not [x, y] pairs of
 * finite numbers are errors with the JSON path ("id/Edema/2"). */
int	cx_points_load(struct cx_ptfile *f, const char *path, struct cx_err *err);
/* Parse from memory (len bytes); name is for errors. */
int	cx_points_parse(struct cx_ptfile *f, const char *buf, size_t len,
	    const char *name, struct cx_err *err);
const struct cx_ptentry *cx_points_find(const struct cx_ptfile *f, const char *id);
void	cx_points_fini(struct cx_ptfile *f);

/* Does the point (x = column, y = row) hit mask m? The reference reads
 * m[int(y)][int(x)]: coordinates are truncated toward zero (-0.4 reads index
 * 0); an index below 0 or past the size, or a non-finite coordinate, misses. */
int	cx_points_hit(const struct cx_rle *m, double x, double y);
/* 1 when any of e's points for pathology t hits m, else 0 (also when none). */
int	cx_points_any_hit(const struct cx_ptentry *e, int t, const struct cx_rle *m);

#endif
