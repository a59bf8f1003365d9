/* polygon: Pillow 9.4 ImageDraw.polygon(coords, outline=1, fill=1) on a 1-bit
 * image, reproduced exactly (SPEC §2.2): interior and outline are set. */
#ifndef CX_POLYGON_H
#define CX_POLYGON_H

#include <stddef.h>
#include <stdint.h>

/* Draw one polygon (n points, xy[2*i] = x = column, xy[2*i+1] = y = row) into the
 * row-major h x w byte mask m (pixels set to 1). Points may lie outside. */
void	cx_polygon_draw(uint8_t *m, uint32_t h, uint32_t w, const double *xy, size_t n);

/* One horizontal run of a drawn polygon: row y, columns x0..x1 (inclusive),
 * already clipped to the image. Runs may overlap and repeat. */
typedef void	(*cx_polygon_span_fn)(void *ctx, uint32_t y, uint32_t x0, uint32_t x1);

/* The same scan conversion as cx_polygon_draw, reporting each run to fn
 * instead of writing a mask (for callers that rasterize into a window). */
void	cx_polygon_spans(uint32_t h, uint32_t w, const double *xy, size_t n,
	    cx_polygon_span_fn fn, void *ctx);

#endif
