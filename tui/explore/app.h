/* app: the explorer's state, made of parts that each own their fields:
 *   m      the dataset and its numbers (model.c; workers read it, the loop
 *          writes the hit/miss results it applies)
 *   ui     terminal, theme, status line, view stack, redraw flags (ui.c)
 *   list   visible CXRs, order, cursor (studylist.c)
 *   pic    the scene and the picture of the CXR on screen (picture.c)
 *   w      worker threads, their results and caches (workers.c)
 *   marks  review marks and notes (marks.c)
 *   main   the main screen's focus and pathology row (view_main.c)
 * and the glue between parts (app.c). One struct app, owned by explore.c.
 * Event loop thread only. */
#ifndef UI_APP_H
#define UI_APP_H

#include "marks.h"
#include "model.h"
#include "picture.h"
#include "studylist.h"
#include "ui.h"
#include "workers.h"

enum focus { F_LIST, F_TABLE, F_IMAGE };

struct app {
	struct model		 m;
	const char		*dir;
	struct ui		 ui;
	struct studylist	 list;
	struct picture		 pic;
	struct workers		 w;
	struct marks		 marks;
	struct {
		enum focus	 focus;
		int		 trow;		/* pathology table cursor (sorted index) */
		int		 tcol;		/* the table scrolled by so many columns */
	}			 main;
	double			 t_start, first_ms;	/* start, first full screen */
};

/* Open the dataset at dir and make every part (no terminal yet). -1 with
 * err when the folder cannot be read, APP_NO_PIPE when the workers' pipe
 * cannot be made (nothing to close then). A marks file that cannot be read
 * is a status message, not a failure. */
enum { APP_NO_PIPE = -2 };
int	app_open(struct app *a, const char *dir, double fail_iou, struct cx_err *err);
/* Stop the workers and free every part. */
void	app_close(struct app *a);
/* Current CXR (m.row index), or -1 when the list is empty. */
long	app_current(const struct app *a);
/* Filter and sort the study list again (keep: the current CXR); the
 * picture follows when the current CXR changes. */
void	app_list_rebuild(struct app *a, int keep);
/* A live threshold changed: counts in the background, the list follows. */
void	app_thr_changed(struct app *a);
/* Render the picture of the current CXR; errors go to the status line. */
void	app_render(struct app *a);
/* Apply what the workers sent; returns V_* flags. */
int	app_apply_workers(struct app *a);
/* The pathology the table's cursor is on (what the probe and the live
 * threshold keys speak of unless the scene shows one pathology). */
int	app_table_task(const struct app *a);

#endif
