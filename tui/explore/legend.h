/* legend: the picture's legend on the main screen, in terminal cells below
 * the info line — the items of scene_legend (filled = GT, outline =
 * prediction, TP / FP / FN, the pathologies' colours, the heatmap's colour
 * bar with its range, the points), wrapped to the pane's width. Event loop
 * thread only (curses). */
#ifndef UI_LEGEND_H
#define UI_LEGEND_H

#include "app.h"

/* Rows the legend takes at width w (at most max, at least 1), after the
 * text prefix (what of the info line did not fit: its " | " parts wrap as
 * wholes). */
int	legend_rows(struct app *a, int w, int max, const char *prefix);
/* Draw it at (y, x), width w, in at most rows rows. */
void	legend_draw(struct app *a, int y, int x, int w, int rows, const char *prefix);
/* What stands for hatching pattern k in text ("//", "\\\\", "==", ...). */
const char *legend_pattern_text(int k);

#endif
