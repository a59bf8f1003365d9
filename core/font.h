/* font: a small built-in bitmap font (5x9 pixels: 7 above the baseline, 2
 * for descenders; printable ASCII) to write
 * the id, the pathology and the legend into an exported picture. Pure pixel
 * work. */
#ifndef CX_FONT_H_INCLUDED
#define CX_FONT_H_INCLUDED

#include <stdint.h>

#define CX_FONT_W	5
#define CX_FONT_H	9
/* A character's advance (glyph and gap) and a line's height, at scale 1. */
#define CX_FONT_ADV	6
#define CX_FONT_LINE	10

/* The 9 rows of ch (bit 4 the leftmost pixel); a character outside 32..126
 * is drawn as '?'. */
const uint8_t *cx_font_glyph(int ch);
/* Width in pixels of s at scale (>= 1). */
uint32_t cx_font_width(const char *s, int scale);
/* Draw s with its top-left at (x, y) on the w x h RGB picture, clipped;
 * returns the x after it. */
uint32_t cx_font_draw(uint8_t *rgb, uint32_t w, uint32_t h, uint32_t x, uint32_t y,
	    const char *s, const uint8_t col[3], int scale);

#endif
