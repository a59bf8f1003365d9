/* h2s64: heatmap -> segmentation for a map stored as float64. The reference
 * then computes in float64 throughout (torch resizes a double tensor in
 * double, min-max normalizes it in double, NumPy compares it with the
 * float64 threshold in double and takes uint8(255 * mask) from doubles), so
 * a float32 copy would move pixels across a bin edge or a threshold. Every
 * pixel is computed (no block bounds): float64 maps are rare and this path
 * favours being plainly right. */
#ifndef CX_H2S64_H
#define CX_H2S64_H

#include <stdint.h>

#include "h2s.h"
#include "heatmap.h"
#include "rle.h"

/* cx_h2s_segment for hm->map64 (Otsu, smoothing or o->threshold64). */
void	cx_h2s64_segment(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
	    const struct cx_h2s_opts *o, struct cx_rle *out);
/* cx_h2s_classify for hm->map64: cls[i] = the number of k < n (n <= 255)
 * with norm(v_i) > t[k] in float64. Returns 1 (all 0) for a constant map. */
int	cx_h2s64_classify(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
	    const double *t, int n, uint8_t *cls);

#endif
