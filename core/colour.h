/* colour: sRGB to CIELAB (D65) and the CIEDE2000 colour difference (Sharma,
 * Wu and Dalal 2005), to keep the overlay colours drawn together apart. Pure
 * arithmetic. */
#ifndef CX_COLOUR_H
#define CX_COLOUR_H

#include <stddef.h>
#include <stdint.h>

/* 8-bit sRGB to L*, a*, b* (D65 white). */
void	cx_colour_lab(const uint8_t rgb[3], double lab[3]);
/* CIEDE2000 difference of two CIELAB colours (kL = kC = kH = 1). */
double	cx_colour_de2000(const double a[3], const double b[3]);
/* The same of two sRGB colours. */
double	cx_colour_de2000_rgb(const uint8_t a[3], const uint8_t b[3]);
/* Of a few one-hue ramps (low, high), the one farthest from the n colours
 * avoid: the least CIEDE2000 difference between its visible part (t in
 * [0.2, 1], as compose's heatmap fades in below) and any of them is the
 * largest. That least difference is returned. */
double	cx_colour_ramp_apart(const uint8_t (*avoid)[3], size_t n, uint8_t lo[3], uint8_t hi[3]);
/* The colour of that ramp at t (compose's CX_CMAP_RAMP). */
void	cx_colour_ramp_at(const uint8_t lo[3], const uint8_t hi[3], double t, uint8_t rgb[3]);

#endif
