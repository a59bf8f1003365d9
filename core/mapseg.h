/* mapseg: one heatmap -> mask / classes / pointing-game point, in the
 * precision the reference computes that map in: float32 maps by core/h2s
 * (and cx_resize_argmax), float64 maps by core/h2s64 (and
 * cx_resize64_argmax). Every command and the explorer call these. */
#ifndef CX_MAPSEG_H
#define CX_MAPSEG_H

#include <stdint.h>

#include "h2s.h"
#include "heatmap.h"
#include "rle.h"

/* cx_h2s_segment, or its float64 twin (o->threshold64 then). */
void	cx_mapseg_segment(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
	    const struct cx_h2s_opts *o, struct cx_rle *out);
/* cx_h2s_classify on the thresholds t (float32 compare for a float32 map,
 * float64 for a float64 one). */
int	cx_mapseg_classify(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
	    const double *t, int n, uint8_t *cls);
/* np.argmax of the map resized to oh x ow. */
void	cx_mapseg_argmax(const struct cx_heatmap *hm, uint32_t oh, uint32_t ow,
	    uint32_t *row, uint32_t *col);

#endif
