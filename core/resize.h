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

/* Row-at-a-time resizing, for callers that never hold the whole output:
 * cx_resize_init precomputes both axes (in is borrowed, must outlive r). */
struct cx_resize {
	const float	*in;
	uint32_t	 ih, iw, oh, ow;
	uint32_t	*y0, *y1, *x0, *x1;	/* source indices per output row/column */
	float		*hy0, *hy1, *wx0, *wx1;	/* their float32 weights */
};
void	cx_resize_init(struct cx_resize *r, const float *in, uint32_t ih, uint32_t iw,
	    uint32_t oh, uint32_t ow);
/* Output row y (ow floats) into out. */
void	cx_resize_row(const struct cx_resize *r, uint32_t y, float *out);
/* Columns [x0, x1) of output row y into out[0 .. x1 - x0). */
void	cx_resize_span(const struct cx_resize *r, uint32_t y, uint32_t x0, uint32_t x1,
	    float *out);
void	cx_resize_fini(struct cx_resize *r);

#endif
