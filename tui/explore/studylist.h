/* studylist: the explorer's list of CXRs — which rows are visible (id
 * substring, pathology filter, failing only), in which order, the cursor,
 * the id search — its columns (what a cell shows and how the column sorts:
 * studylist_cols, one table, so a column added there is drawn and sortable)
 * and the numbers a row is sorted and judged by (worst IoU, misses), which
 * follow the live thresholds once the workers have counted them. No curses.
 * Event loop thread only. */
#ifndef UI_STUDYLIST_H
#define UI_STUDYLIST_H

#include <stddef.h>

#include "marks.h"
#include "model.h"
#include "workers.h"

struct studylist;

/* A column of the list. */
struct studylist_col {
	const char	*head;		/* header */
	const char	*head_path;	/* header with a pathology filter; NULL: head */
	const char	*name;		/* in the title and the status line: "worst IoU" */
	int		 width;		/* columns; 0: the id (what the others leave) */
	int		 desc;		/* sorted largest first until reversed */
	/* Row i's sort key: a number (NaN: nothing, sorted last either way);
	 * NULL: the image id. */
	double		(*num)(const struct studylist *l, size_t i);
	/* Row i's cell as shown (unescaped; the drawer escapes it). */
	void		(*cell)(const struct studylist *l, size_t i, char *buf, size_t n);
	/* Whether the column is there now (NULL: always). */
	int		(*on)(const struct studylist *l);
};

/* The columns in the order shown; SL_COL_ID the one sorted by default. */
enum { SL_COL_MARK, SL_COL_ID, SL_COL_POS, SL_COL_WORST, SL_COL_MISS, SL_COL_DIFF, SL_NCOLS };
/* Is column c there now (the diff column only with two or more methods)? */
int	studylist_col_on(const struct studylist *l, int c);
extern const struct studylist_col studylist_cols[SL_NCOLS];

enum filterkind { FK_POSITIVE, FK_GT, FK_PRED, FK_N };

struct studylist {
	/* borrowed: what the rows' numbers come from */
	const struct model	*m;
	const double		*thr;		/* live thresholds (the scene's), NaN = none */
	const struct workers	*w;		/* their counts */
	const struct marks	*marks;		/* the review marks (mark column) */

	size_t			*vis;		/* visible rows (indices into m->row) */
	size_t			 nvis;
	size_t			 sel, top;	/* cursor and first shown, in vis */
	int			 last_dir;	/* -1 when the cursor last moved up */
	int			 sort;		/* studylist_cols index */
	int			 desc;		/* largest first */
	char			 filter[128];	/* id substring, any case */
	char			 search[128];	/* the last id search, any case */
	int			 pfilter;	/* pathology, -1 none */
	enum filterkind		 fkind;
	int			 failing_only;
	int			 dtask;		/* the difference column's pathology without a filter */
};

extern const char *const studylist_fkind_names[FK_N];

void	studylist_init(struct studylist *l, const struct model *m, const double *thr,
	    const struct workers *w, const struct marks *marks);
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
/* Sort by column c (its own direction), or reverse the order when it is
 * the column sorted by already and reverse is set; rebuilds. */
void	studylist_sort_by(struct studylist *l, int c, int reverse);
/* Does s occur in the id, any case? (the filter's and the search's test) */
int	studylist_id_has(const char *id, const char *s);
/* Search the visible rows for ids holding s (any case), from visible row
 * from on (dir 1, from included when incl) or backwards (dir -1), wrapping:
 * the cursor goes to the match found. *nth (1-based, in list order) and
 * *count of the matches; 0 when none (cursor kept). */
int	studylist_search(struct studylist *l, const char *s, size_t from, int dir, int incl,
	    size_t *nth, size_t *count);
/* Put the cursor on the visible CXR whose id is s, else on the first
 * whose id starts with s (any case): 1; 0 when none is visible, with
 * *hidden set when such a CXR exists but the filters hide it. */
int	studylist_jump_id(struct studylist *l, const char *s, int *hidden);
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
