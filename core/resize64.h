/* resize64: torch 1.13 F.interpolate(mode='bilinear', align_corners=False) on
 * a (1,1,h,w) float64 tensor, bit for bit. Its channels-last kernel (a
 * one-channel NCHW tensor is also channels-last contiguous) compiled with FMA
 * contraction: the source index is fma(in/out, d + 0.5, -0.5), the weights
 * 1 - l and l, their four products, then
 * fma(w11, v11, fma(w10, v10, fma(w00, v00, w01 * v01))).
 * Found by probing torch itself (maps with one cell per parity class set give
 * the weight products; 24 orders of the sum were tried): 0 of 8.8 M pixels
 * differ on five map/output shapes, 10x10 to 320x320. */
#ifndef CX_RESIZE64_H
#define CX_RESIZE64_H

#include <stdint.h>

struct cx_resize64 {
	const double	*in;
	uint32_t	 ih, iw, oh, ow;
	uint32_t	*y0, *y1, *x0, *x1;
	double		*hy0, *hy1, *wx0, *wx1;
};
/* Both axes precomputed; in is borrowed and must outlive r. */
void	cx_resize64_init(struct cx_resize64 *r, const double *in, uint32_t ih, uint32_t iw,
	    uint32_t oh, uint32_t ow);
/* Output row y (ow values). */
void	cx_resize64_row(const struct cx_resize64 *r, uint32_t y, double *out);
void	cx_resize64_fini(struct cx_resize64 *r);
/* np.argmax (first maximum, row-major) of the resized map. */
void	cx_resize64_argmax(const double *in, uint32_t ih, uint32_t iw, uint32_t oh,
	    uint32_t ow, uint32_t *row, uint32_t *col);

#endif
