/* kittyenc: pictures for the kitty graphics protocol — PNG made in memory
 * (gray, RGB, RGBA, or a palette with transparency; rows filtered, zlib) and
 * the APC commands that carry them (base64 in chunks of 4096 bytes, as the
 * protocol requires). Strings only, no terminal I/O. Pure: any thread. */
#ifndef UI_KITTYENC_H
#define UI_KITTYENC_H

#include <stddef.h>
#include <stdint.h>

/* A growing byte string (p is malloc'd, NUL-terminated; free(p) when done). */
struct ui_buf {
	char	*p;
	size_t	 n, cap;
};

void	ui_buf_put(struct ui_buf *b, const void *s, size_t n);
void	ui_buf_printf(struct ui_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* PNG of w x h pixels of ch channels (1 gray, 3 RGB, 4 RGBA with straight
 * alpha). RGBA with at most 256 colours is written as a palette with a tRNS
 * chunk. Returns a malloc'd buffer and its length in *len. */
uint8_t	*ui_kitty_png(const uint8_t *px, uint32_t w, uint32_t h, int ch, size_t *len);
/* Append the graphics command "ESC _ G keys ; base64(data) ESC \", cut into
 * chunks of at most 4096 base64 bytes (m=1 on all but the last; q=2 on
 * every chunk: the terminal never answers). keys: "a=T,f=100,i=7,..." */
void	ui_kitty_transmit(struct ui_buf *b, const char *keys, const uint8_t *data, size_t n);
/* Append a command without payload (a placement, a delete), with q=2. */
void	ui_kitty_cmd(struct ui_buf *b, const char *keys);

#endif
