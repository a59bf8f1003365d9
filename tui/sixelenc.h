/* sixelenc: our own sixel encoder (median-cut palette over a 6-bit-per-channel
 * histogram, run-length bands). Faster than libsixel's general path for the
 * explorer's frames; the result is a complete DCS ... ST string. Pure: any
 * thread. */
#ifndef UI_SIXELENC_H
#define UI_SIXELENC_H

#include <stddef.h>
#include <stdint.h>

/* Encode w x h RGB with at most ncolors palette registers (2..256).
 * Returns a malloc'd string and its length in *len. */
char	*ui_sixel_encode(const uint8_t *rgb, uint32_t w, uint32_t h, int ncolors, size_t *len);
/* Same, shrinking the colour count until the result fits in max_len bytes
 * (0: no limit). NULL when even 16 colours do not fit. */
char	*ui_sixel_encode_max(const uint8_t *rgb, uint32_t w, uint32_t h, int ncolors,
	    size_t max_len, size_t *len);

#endif
