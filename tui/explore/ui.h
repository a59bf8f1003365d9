/* ui: the explorer's application state, views and helpers shared by the
 * view files. One struct app, owned by cli_explore. */
#ifndef UI_UI_H
#define UI_UI_H

#include <curses.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "evaluate.h"
#include "keys.h"
#include "scene.h"
#include "queue.h"
#include "term.h"
#include "theme.h"

/* What a view handler asks the loop to do (htop's HandlerResult). */
enum {
	V_IGNORED = 0,
	V_HANDLED = 1,
	V_REDRAW = 2,		/* redraw the text */
	V_IMAGE = 4,		/* re-render the picture */
	V_EMIT = 8,		/* write the (unchanged) picture again */
	V_POP = 16,		/* close this view */
	V_QUIT = 32,
};

struct app;

struct view_ops {
	const char	*name;
	void		(*draw)(struct app *a, void *data);
	int		(*key)(struct app *a, void *data, enum action act, int key);
	int		(*resize)(struct app *a, void *data);
	void		(*free)(void *data);
	int		shows_image;	/* the main screen's picture stays visible */
};

struct view {
	const struct view_ops	*ops;
	void			*data;
};

enum sortkey { SORT_ID, SORT_WORST, SORT_POS, SORT_MISSES, SORT_N };
enum filterkind { FK_POSITIVE, FK_GT, FK_PRED, FK_N };
enum focus { F_LIST, F_TABLE, F_IMAGE };
enum { MSG_HITS = 1, MSG_HITS_DONE, MSG_STATS, MSG_STATS_PROGRESS, MSG_PLOT,
	MSG_PLOT_PROGRESS, MSG_PREFETCH };

/* Statistics computed by the worker (owned by a MSG_STATS message). */
struct stats {
	struct cx_evalsum	iou[CX_NTASKS], hit[CX_NTASKS], diff[CX_NTASKS];
	struct cx_pixcounts	pc[CX_NTASKS];
	int			has_iou, has_hit, has_pc, has_diff;
	size_t			hist[CX_NTASKS][10];
	double			thr[CX_NTASKS];	/* live threshold a row was scored at, NaN = the dataset's predictions */
	int			scored[CX_NTASKS];	/* the row has predictions to score */
	int			final;		/* inputs complete: kept in the cache */
	char			err[768];
};

/* mIoU against threshold for one pathology (MSG_PLOT). */
#define PLOT_N	19	/* thresholds 0.05, 0.10, ..., 0.95 */
struct plot {
	int	task;
	double	thr[PLOT_N], miou[PLOT_N];
};

struct mark {
	char	*id;
	int	 kind;		/* 0 none, 1 ok, 2 wrong GT, 3 model failure */
	char	*note;
};

struct app {
	struct model		 m;
	const char		*dir;
	struct term_caps	 tc;
	struct theme		 th;
	int			 nocolor;
	int			 theme_idx;
	char			 theme_warn[1024];

	/* study list */
	size_t			*vis;		/* visible rows (indices into m.row) */
	size_t			 nvis;
	size_t			 sel, top;	/* cursor and first shown, in vis */
	enum sortkey		 sort;
	char			 filter[128];
	int			 pfilter;	/* pathology, -1 none */
	enum filterkind		 fkind;
	int			 failing_only;
	enum focus		 focus;
	int			 trow;		/* pathology table cursor (sorted index) */

	/* picture */
	struct scene		 sc;
	int			 side;
	struct model_cxr	 cur;
	int			 cur_ok;		/* cur holds m.row index cur.i */
	char			*seq;		/* encoded picture */
	size_t			 seqlen;
	int			 img_row, img_col, img_h, img_w;	/* pane in cells */
	uint32_t		 pic_w, pic_h;	/* picture in pixels */
	int			 probe_x, probe_y;	/* picture pixels */
	double			 last_ms;	/* render time of the last picture */
	double			 t_start, first_ms;	/* start, first full screen */

	/* views */
	struct view		 stack[8];
	int			 nstack;

	/* background work */
	struct queue		 q;
	pthread_t		 hits_thr, stats_thr, plot_thr;
	int			 hits_running, stats_running, plot_running;
	atomic_int		 cancel;
	size_t			 hits_done;
	struct stats		*stats;		/* cached until an input changes */
	int			 stats_dirty;
	size_t			 stats_done, stats_total;
	struct plot		*plot;
	size_t			 plot_done, plot_total;
	int			 plot_task;	/* pathology being counted */
	int			 plot_want;	/* pathology whose plot was asked for, -1 */
	int			 stats_wait;	/* statistics wait for threshold counts */
	/* Pixel counts per (pathology, threshold), immutable, shared with the
	 * workers, freed at exit (ui_thr_free). */
	struct model_thrcounts	**tcache;
	size_t			 ntcache;
	/* Statistics by live thresholds (most recent first), complete inputs
	 * only: going back to thresholds seen shows them at once. */
#define UI_STATS_CACHE	8
	struct stats		*scache[UI_STATS_CACHE];
	/* the next CXR in the direction of travel, decoded ahead */
	pthread_t		 pre_thr;
	int			 pre_running;
	struct model_cxr	*pre;
	uint32_t		 pre_bw, pre_bh;
	int			 last_dir;

	/* review */
	struct mark		*marks;
	size_t			 nmarks;
	char			*marks_path;

	char			 status[512];
	int			 prompting;	/* 0, 'f' filter, 'n' note */
	char			 pbuf[256];
	char			 pold[128];	/* filter before the prompt, for Esc */
	int			 status_err;
	int			 dirty, img_dirty, emit;
};

/* Colour pairs UI_PAIR_PAL + task: the pathologies' overlay colours. */
#define UI_PAIR_PAL	32
/* then TP, FP, FN, the single-pathology prediction outline and the point */
enum { UI_PAIR_TP = CX_NTASKS, UI_PAIR_FP, UI_PAIR_FN, UI_PAIR_PRED, UI_PAIR_POINT,
	UI_PAIR_NLEGEND };

/* Colour pair / attributes of a theme role. */
attr_t	ui_attr(struct app *a, enum theme_role r);
/* Put an escaped string at (y, x), clipped to width w (columns). */
void	ui_put(int y, int x, int w, const char *s);
/* Status line message (printf-style). */
void	ui_status(struct app *a, int err, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Push a view. */
void	ui_push(struct app *a, const struct view_ops *ops, void *data);
/* Workers (workers.c). */
void	ui_hits_start(struct app *a);
void	ui_stats_start(struct app *a);
void	ui_plot_start(struct app *a, int task);
void	ui_prefetch_start(struct app *a, size_t i, uint32_t bw, uint32_t bh);
void	ui_workers_stop(struct app *a);
/* A live threshold changed: count it in the background, statistics dirty. */
void	ui_thr_changed(struct app *a);
/* Cached counts of task at threshold t (and their column), or NULL; want:
 * 0 any, 1 every row counted, 2 only the plot's (rows with a GT mask). */
const struct model_thrcounts *ui_thr_find(const struct app *a, int task, double t, int *col,
	    int want);
/* mIoU (as eval prints it) of task's heatmaps at threshold t and the number
 * of IoUs averaged; -1 when not counted yet. */
int	ui_thr_miou(const struct app *a, int task, double t, double *miou, size_t *n);
void	ui_thr_free(struct app *a);
/* Apply a worker message; returns V_* flags. */
int	ui_apply_msg(struct app *a, struct msg *m);
/* Study list (view_main.c). */
void	ui_list_rebuild(struct app *a, int keep_selection);
/* Current CXR (m.row index), or -1 when the list is empty. */
long	ui_current(const struct app *a);
/* Review marks (marks.c). */
void	marks_load(struct app *a);
int	marks_save(struct app *a);
struct mark *marks_find(struct app *a, const char *id, int create);
int	marks_export_csv(struct app *a, const char *path, char *msg, size_t n);
void	marks_free(struct app *a);

extern const struct view_ops view_main_ops, view_help_ops, view_stats_ops;

#endif
