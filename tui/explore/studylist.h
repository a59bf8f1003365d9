/* studylist: the explorer's list of CXRs — which rows are visible (id
 * substring, pathology filter, failing only), in which order, the cursor —
 * and the numbers a row is sorted and judged by (worst IoU, misses), which
 * follow the live thresholds once the workers have counted them. No curses.
 * Event loop thread only. */
#ifndef UI_STUDYLIST_H
#define UI_STUDYLIST_H

#include <stddef.h>

#include "model.h"
#include "workers.h"

enum sortkey { SORT_ID, SORT_WORST, SORT_POS, SORT_MISSES, SORT_DIFF, SORT_N };
enum filterkind { FK_POSITIVE, FK_GT, FK_PRED, FK_N };

struct studylist {
	/* borrowed: what the rows' numbers come from */
	const struct model	*m;
	const double		*thr;		/* live thresholds (the scene's), NaN = none */
	const struct workers	*w;		/* their counts */

	size_t			*vis;		/* visible rows (indices into m->row) */
	size_t			 nvis;
	size_t			 sel, top;	/* cursor and first shown, in vis */
	int			 last_dir;	/* -1 when the cursor last moved up */
	enum sortkey		 sort;
	char			 filter[128];	/* id substring */
	int			 pfilter;	/* pathology, -1 none */
	enum filterkind		 fkind;
	int			 failing_only;
	int			 dtask;		/* the difference column's pathology without a filter */
	double			*dval;		/* SORT_DIFF: every row's difference, at the rebuild */
};

extern const char *const studylist_sort_names[SORT_N];
extern const char *const studylist_fkind_names[FK_N];

void	studylist_init(struct studylist *l, const struct model *m, const double *thr,
	    const struct workers *w);
void	studylist_fini(struct studylist *l);
/* Filter and sort again; keep: stay on the current CXR if still visible.
 * Returns 1 when the current CXR changed. */
int	studylist_rebuild(struct studylist *l, int keep);
/* Current CXR (m->row index), or -1 when the list is empty. */
long	studylist_current(const struct studylist *l);
/* Move the cursor by d rows (clamped); 1 when it moved. */
int	studylist_move(struct studylist *l, long d);
/* Put the cursor on visible row k; 1 when it moved. */
int	studylist_select(struct studylist *l, size_t k);
/* Move to the next (dir 1) or previous (-1) failing row; 0 when none. */
int	studylist_jump_failing(struct studylist *l, int dir);
/* Row i's numbers: its IoU for pathology t (at its live threshold when
 * counted), its worst IoU (the filter's pathology, if any), its misses,
 * whether it is failing. */
double	studylist_iou(const struct studylist *l, size_t i, int t);
double	studylist_worst(const struct studylist *l, size_t i);
int	studylist_misses(const struct studylist *l, size_t i);
int	studylist_failing(const struct studylist *l, size_t i);
/* With two or more methods: row i's IoU of the method shown (at its live
 * threshold when counted) minus the baseline method's, for the filter's
 * pathology (else dtask); NaN when either is. */
double	studylist_diff(const struct studylist *l, size_t i);

#endif
