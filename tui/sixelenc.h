/* sixelenc: our own sixel encoder (median-cut palette over a 6-bit-per-channel
 * histogram, then a size-minded layout of the bands). Faster than libsixel's
 * general path for the explorer's frames and closer to the source; the result
 * is a complete DCS ... ST string. Pure: any thread. */
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

/* Quality presets of ui_sixel_encode_opts. */
enum ui_sixel_quality {
	UI_SIXEL_FULL,		/* as ui_sixel_encode: 6 bits per channel, all registers */
	UI_SIXEL_LOW,		/* slow links: 5 bits per channel, at most 64 registers */
};

struct ui_sixel_opts {
	int	registers;	/* palette registers at most (2..256; 0: the preset's) */
	int	quality;	/* enum ui_sixel_quality */
	size_t	max_len;	/* as ui_sixel_encode_max (0: no limit) */
};

/* Encode with a preset. UI_SIXEL_FULL with registers r is
 * ui_sixel_encode_max(r, max_len); o NULL is FULL with 256 registers.
 * UI_SIXEL_LOW, for slow links, keeps 5 bits per channel and at most 64
 * registers (fewer if o->registers says so): on the demo frames in a 1200x700
 * pane (120x40 cells of 10x20 px) half the bytes of FULL at about 40 dB PSNR
 * instead of 45.5 (BENCHMARKS.md, "sixel writer"). Like ui_sixel_encode_max,
 * the register count is halved until max_len fits (0: no limit). Returns a
 * malloc'd string and *len; NULL only when 16 registers do not fit max_len. */
char	*ui_sixel_encode_opts(const uint8_t *rgb, uint32_t w, uint32_t h,
	    const struct ui_sixel_opts *o, size_t *len);

/* The two stages, for tests and measurements. */
struct ui_sixel_indexed {
	uint32_t	 w, h;
	uint8_t		*idx;		/* w * h register numbers, row-major */
	int		 n;		/* registers 0..n-1 */
	uint8_t		 pct[256][3];	/* register colours, 0..100 per channel */
};
/* Median-cut palette of rgb with at most ncolors registers (2..256), over a
 * histogram of bits (4..6) per channel; registers are numbered by population,
 * most first, so the frequent "#n" are the short ones. q->idx is malloc'd:
 * ui_sixel_indexed_fini. */
void	ui_sixel_quantize(const uint8_t *rgb, uint32_t w, uint32_t h, int ncolors, int bits,
	    struct ui_sixel_indexed *q);
void	ui_sixel_indexed_fini(struct ui_sixel_indexed *q);
/* The sixel of q: it decodes to exactly q's register per pixel and q's colours
 * for the registers used (the others are not defined). malloc'd, *len bytes
 * (also NUL-terminated). */
char	*ui_sixel_write(const struct ui_sixel_indexed *q, size_t *len);

#endif
