/* views: the explorer's screens, one file each, each a struct view_ops —
 * view_main.c (study list, pathology table, picture), view_help.c (the key
 * table), view_stats.c (statistics), view_problems.c (data problems),
 * view_compare.c (the methods compared). Event loop thread only. */
#ifndef UI_VIEWS_H
#define UI_VIEWS_H

#include "app.h"

extern const struct view_ops view_main_ops, view_help_ops, view_stats_ops, view_problems_ops,
	view_compare_ops;

/* Open the help screen over the current view. */
void	view_help_open(struct app *a);
/* Open the problems screen (the data files that failed or were partly read). */
void	view_problems_open(struct app *a);
/* Open the comparison of the methods (compare's table and forest plot). */
void	view_compare_open(struct app *a);
/* Start the statistics (cached or in the background) and open their screen. */
void	view_stats_open(struct app *a);

#endif
