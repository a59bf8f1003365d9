/* resize: torch 1.13 F.interpolate(mode='bilinear', align_corners=False),
 * float32, bit for bit (SPEC §3). */
#ifndef CX_RESIZE_H
#define CX_RESIZE_H

#include <stdint.h>

/* Resize a row-major ih x iw map to oh x ow into out (caller allocates). */
void	cx_resize_bilinear(const float *in, uint32_t ih, uint32_t iw, float *out,
	    uint32_t oh, uint32_t ow);
/* First maximum (row-major, np.argmax) of the resized map, without allocating
 * the full oh x ow map. */
void	cx_resize_argmax(const float *in, uint32_t ih, uint32_t iw, uint32_t oh,
	    uint32_t ow, uint32_t *row, uint32_t *col);

#endif
