/* app: make and free the explorer's parts, and the glue between them. */
#include "app.h"

#include <string.h>

#include "tasks.h"

int
app_open(struct app *a, const char *dir, double fail_iou, struct cx_err *err)
{
	struct cx_err merr = { 0 };

	a->dir = dir;
	if (model_open(&a->m, dir, err) == -1)
		return -1;
	a->m.fail_iou = fail_iou;
	if (workers_init(&a->w) == -1) {
		model_close(&a->m);
		return APP_NO_PIPE;
	}
	picture_init(&a->pic);
	a->pic.sc.nocolor = a->ui.nocolor;
	studylist_init(&a->list, &a->m, a->pic.sc.thr, &a->w, &a->marks);
	if (marks_load(&a->marks, dir, NULL, &merr) == -1) {
		char b[1200];
		cx_err_format(&merr, b, sizeof b);
		ui_status(&a->ui, 1, "marks: %s", b);
	}
	return 0;
}

void
app_close(struct app *a)
{
	workers_fini(&a->w);
	while (a->ui.nstack > 0) {
		a->ui.nstack--;
		a->ui.stack[a->ui.nstack].ops->free(a->ui.stack[a->ui.nstack].data);
	}
	picture_fini(&a->pic);
	studylist_fini(&a->list);
	marks_fini(&a->marks);
	model_close(&a->m);
}

long
app_current(const struct app *a)
{
	return studylist_current(&a->list);
}

int
app_table_task(const struct app *a)
{
	return cx_task_sorted[a->main.trow];
}

void
app_list_rebuild(struct app *a, int keep)
{
	if (studylist_rebuild(&a->list, keep))
		a->ui.img_dirty = 1;
	a->ui.dirty = 1;
}

void
app_thr_changed(struct app *a)
{
	/* Statistics shown or asked for are scored again at the new thresholds;
	 * the list's worst IoUs follow (now or when the counts come). */
	workers_thr_changed(&a->w, &a->m, a->pic.sc.thr);
	app_list_rebuild(a, 1);
}

/* A data file that could not be read is news the first screen must keep in
 * the status line; the CXR's own image error is in the info pane too. */
static int
keep_file_error(const struct app *a)
{
	return a->m.status[0] && a->first_ms == 0;
}

void
app_render(struct app *a)
{
	const struct studylist *l = &a->list;
	long next = (long)l->sel + (l->last_dir < 0 ? -1 : 1);
	char msg[1200];
	int rc;

	next = next >= 0 && next < (long)l->nvis ? (long)l->vis[next] : -1;
	rc = picture_render(&a->pic, &a->m, &a->w, &a->ui.tc, app_current(a), next, msg,
	    sizeof msg);
	if ((rc & PIC_IMAGE_FAILED) && !keep_file_error(a))
		ui_status(&a->ui, 1, "%s", msg);
	if (rc & PIC_TOO_LARGE)
		ui_status(&a->ui, 1, "picture too large for the terminal (%zu bytes)",
		    a->ui.tc.max_bytes);
}

int
app_apply_workers(struct app *a)
{
	int wk = workers_apply(&a->w, &a->m, a->pic.sc.thr, app_current(a)), r = 0;

	if (wk & WK_LIST)
		app_list_rebuild(a, 1);
	if (wk & (WK_REDRAW | WK_LIST))
		r |= V_REDRAW;
	if (wk & WK_IMAGE)
		r |= V_IMAGE;
	return r;
}
