/* view_main: the main screen's parts in files of their own (the view itself,
 * view_main_ops, is declared in views.h). Event loop thread only. */
#ifndef UI_VIEW_MAIN_H
#define UI_VIEW_MAIN_H

#include "views.h"

/* The pathology table of CXR i (-1: none) at row y, column x, w columns
 * wide: a header line and one line per pathology. */
void	main_table_draw(struct app *a, int y, int x, int w, long i);
/* The study list at rows y .. y + h - 1 (its header at row 1), w columns
 * wide with its border. */
void	main_list_draw(struct app *a, int y, int w, int h);
/* The arrow of the list's sort: up smallest first, down largest first. */
const char *main_sort_arrow(const struct studylist *l);
/* v with the printf format f, or "-" for NaN. */
void	main_fmt_num(char *b, size_t n, double v, const char *f);
/* Are the masks of CXR i of the method shown still being made (derived from
 * heatmaps in the background)? */
int	main_pred_pending(const struct app *a, size_t i);

#endif
