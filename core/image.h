/* image: decode CXR images (JPEG via TurboJPEG, PNG via libpng) and write PNGs.
 * Every decode has its own error context: no global state. */
#ifndef CX_IMAGE_H
#define CX_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* Most scans a JPEG may have: each scan of a progressive file costs a pass
 * over every block (libjpeg-turbo 3 suggests 500 for its scan limit). */
#define CX_IMAGE_JPEG_SCANS	500

struct cx_image {
	uint32_t	 w, h;
	int		 channels;	/* 1 (gray) or 3 (RGB) */
	int		 depth;		/* 8 or 16 bits per sample */
	uint8_t		*px;		/* 8-bit: w*h*channels bytes; 16-bit: native uint16_t */
};

/* Size and depth only (reads the header). */
int	cx_image_probe(const char *path, uint32_t *w, uint32_t *h, int *channels,
	    int *depth, struct cx_err *err);
/* Decode the whole image. */
int	cx_image_load(struct cx_image *im, const char *path, struct cx_err *err);
/* Decode 8-bit grayscale at a reduced size: for JPEG the largest DCT scaling
 * whose result is still >= (min_w, min_h) (or full size); PNG at full size.
 * *full_w and *full_h get the original size. */
int	cx_image_load_gray_scaled(struct cx_image *im, const char *path, uint32_t min_w,
	    uint32_t min_h, uint32_t *full_w, uint32_t *full_h, struct cx_err *err);
/* Write 8-bit RGB (channels 3) or gray (1) as PNG, atomically. */
int	cx_image_write_png(const char *path, const uint8_t *px, uint32_t w, uint32_t h,
	    int channels, struct cx_err *err);
/* Write 8-bit gray as JPEG (quality 1..100), atomically. */
int	cx_image_write_jpeg(const char *path, const uint8_t *gray, uint32_t w, uint32_t h,
	    int quality, struct cx_err *err);
void	cx_image_fini(struct cx_image *im);

#endif
