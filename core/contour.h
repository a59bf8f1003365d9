/* contour: OpenCV 4.6 findContours on a binary image, reproduced exactly
 * (Suzuki-Abe border following), and the shape measures built on it. */
#ifndef CX_CONTOUR_H
#define CX_CONTOUR_H

#include <stddef.h>
#include <stdint.h>

struct cx_contour {
	size_t	 n;
	int32_t	*xy;	/* n points, xy[2*i] = x (column), xy[2*i+1] = y (row) */
};

struct cx_contours {
	size_t			 n;
	struct cx_contour	*c;	/* in OpenCV's output order */
};

enum cx_contour_mode { CX_RETR_LIST, CX_RETR_TREE };
enum cx_contour_approx { CX_CHAIN_NONE, CX_CHAIN_SIMPLE };

/* Contours of the nonzero pixels of a row-major h x w byte image. */
void	cx_contours_find(struct cx_contours *out, const uint8_t *img, uint32_t h,
	    uint32_t w, enum cx_contour_mode mode, enum cx_contour_approx approx);
/* Same on an image the caller already framed: img is (h+2) x (w+2),
 * row-major, 0/1 pixels inside a zero one-pixel frame (points come back in
 * unframed coordinates). img is the scratch of the scan: clobbered. Spares
 * the copy when the caller can write its binary image that way. */
void	cx_contours_find_framed(struct cx_contours *out, uint8_t *img, uint32_t h,
	    uint32_t w, enum cx_contour_mode mode, enum cx_contour_approx approx);
/* Same on a framed crop: img is the (h+2) x (w+2) framed box whose pixel
 * (0, 0) is image pixel (x0, y0); the box must hold every nonzero pixel. */
void	cx_contours_find_framed_at(struct cx_contours *out, uint8_t *img, uint32_t h,
	    uint32_t w, uint32_t x0, uint32_t y0, enum cx_contour_mode mode,
	    enum cx_contour_approx approx);
void	cx_contours_fini(struct cx_contours *c);
/* cv2.contourArea (shoelace, absolute value). */
double	cx_contour_area(const struct cx_contour *c);
/* cv2.minAreaRect: width and height of the minimum-area enclosing rectangle. */
void	cx_contour_min_area_rect(const struct cx_contour *c, double *w, double *h);

#endif
