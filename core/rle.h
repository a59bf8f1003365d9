/* rle: binary masks as COCO run lengths in column-major order (SPEC §2.1).
 * Runs alternate 0,1,0,1,... starting with zeros; counts sum to h*w. */
#ifndef CX_RLE_H
#define CX_RLE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* Largest accepted side and pixel count (issue 5: refuse before allocating). */
#define CX_MAX_SIDE	30000u
#define CX_MAX_PIXELS	400000000ull

struct cx_rle {
	uint32_t	 h, w;
	size_t		 n;		/* number of runs */
	uint32_t	*counts;	/* owned */
};

/* Check h, w against the limits; -1 with a message otherwise. */
int	cx_rle_check_size(uint64_t h, uint64_t w, struct cx_err *err);
/* Decode a COCO compressed string. path names the place for errors.
 * On failure r is left empty and -1 returned. */
int	cx_rle_from_string(struct cx_rle *r, const char *s, uint32_t h, uint32_t w,
	    const char *path, struct cx_err *err);
/* Take n counts (validated: non-negative, sum h*w). */
int	cx_rle_from_counts(struct cx_rle *r, const int64_t *c, size_t n,
	    uint32_t h, uint32_t w, const char *path, struct cx_err *err);
/* An all-zero mask. */
void	cx_rle_zero(struct cx_rle *r, uint32_t h, uint32_t w);
/* Encode from a column-major 0/1 byte mask (m[x*h + y]). */
void	cx_rle_from_colmajor(struct cx_rle *r, const uint8_t *m, uint32_t h, uint32_t w);
/* Encode from a row-major 0/1 byte mask (m[y*w + x]). */
void	cx_rle_from_rowmajor(struct cx_rle *r, const uint8_t *m, uint32_t h, uint32_t w);
/* Copy. */
void	cx_rle_copy(struct cx_rle *dst, const struct cx_rle *src);
void	cx_rle_fini(struct cx_rle *r);

/* COCO compressed string; caller frees. */
char	*cx_rle_to_string(const struct cx_rle *r);
/* Number of set pixels. */
uint64_t cx_rle_area(const struct cx_rle *r);
/* |a & b| and |a | b| from the runs (sizes must match). */
void	cx_rle_inter_union(const struct cx_rle *a, const struct cx_rle *b,
	    uint64_t *inter, uint64_t *uni);
/* For every set pixel of m, hist[cls[y * m->w + x]]++: a row-major class
 * image (h x w as m) counted under the mask. */
void	cx_rle_count_under(const struct cx_rle *m, const uint8_t *cls, uint64_t *hist);
/* Is pixel (row y, column x) set? Out of range is 0. */
int	cx_rle_get(const struct cx_rle *r, int64_t y, int64_t x);
/* Row-major 0/1 bitmap of h*w bytes; caller frees. */
uint8_t	*cx_rle_to_rowmajor(const struct cx_rle *r);
/* Fraction of covered source pixels in each cell of an oh x ow grid
 * (row-major floats, caller frees). Source pixel (y,x) maps to cell
 * (y*oh/h, x*ow/w). */
float	*cx_rle_downscale(const struct cx_rle *r, uint32_t oh, uint32_t ow);
/* Same, for the source window rows [y0,y0+ch) x cols [x0,x0+cw). */
float	*cx_rle_downscale_crop(const struct cx_rle *r, uint32_t y0, uint32_t x0,
	    uint32_t ch, uint32_t cw, uint32_t oh, uint32_t ow);
/* Bounding box of set pixels; returns 0 when empty, 1 otherwise. */
int	cx_rle_bbox(const struct cx_rle *r, uint32_t *y0, uint32_t *x0,
	    uint32_t *y1, uint32_t *x1);

#endif
