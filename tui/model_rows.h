/* model_rows: the model's per-CXR rows (model_gt, model_pred,
 * model_pred_numbers and model_show of tui/model.h live there too). For
 * tui/model.c; the thread rules are model.h's. */
#ifndef UI_MODEL_ROWS_H
#define UI_MODEL_ROWS_H

#include "model.h"

/* Does method k have a mask of every CXR it names (a file: a CXR it lacks is
 * an empty prediction), rather than masks still being derived? */
int	model_method_is_file(const struct model *m, int k);
/* Row i's hits: the salient-point method shown, else the heatmaps'. */
void	model_row_hits(struct model *m, size_t i);
/* Row i's worst IoU and misses from its IoUs and hits. */
void	model_row_summary(struct model_row *r);
/* Row i in full: labels, GT areas, the method shown's numbers. */
void	model_row_compute(struct model *m, size_t i);
/* Every row in full (model_open), on a few threads. */
void	model_rows_compute(struct model *m);

#endif
