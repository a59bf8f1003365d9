/* kittyenc: PNG in memory and kitty graphics commands. */
#include "kittyenc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xalloc.h"

void
ui_buf_put(struct ui_buf *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		b->p = cx_xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

void
ui_buf_printf(struct ui_buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (k > 0)
		ui_buf_put(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

static void
put32(uint8_t *o, uint32_t v)
{
	o[0] = (uint8_t)(v >> 24);
	o[1] = (uint8_t)(v >> 16);
	o[2] = (uint8_t)(v >> 8);
	o[3] = (uint8_t)v;
}

static void
chunk(struct ui_buf *b, const char *type, const uint8_t *data, size_t n)
{
	uint8_t h[8], c[4];
	uLong crc = crc32(0, (const Bytef *)type, 4);

	put32(h, (uint32_t)n);
	memcpy(h + 4, type, 4);
	ui_buf_put(b, h, 8);
	if (n) {
		ui_buf_put(b, data, n);
		crc = crc32(crc, data, (uInt)n);
	}
	put32(c, (uint32_t)crc);
	ui_buf_put(b, c, 4);
}

static int
paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Row y filtered into out (1 + rowlen bytes): the filter of the five with
 * the smallest sum of absolute values (the PNG book's heuristic), or None
 * for palette rows (indices are not magnitudes). */
static void
filter_row(const uint8_t *cur, const uint8_t *prev, size_t rowlen, int bpp, int palette,
    uint8_t *out, uint8_t *tmp)
{
	unsigned long best = ~0ul;

	if (palette) {
		out[0] = 0;
		memcpy(out + 1, cur, rowlen);
		return;
	}
	for (int f = 0; f < 5; f++) {
		unsigned long sum = 0;
		for (size_t i = 0; i < rowlen; i++) {
			int a = i >= (size_t)bpp ? cur[i - bpp] : 0, up = prev ? prev[i] : 0;
			int c = prev && i >= (size_t)bpp ? prev[i - bpp] : 0, v;
			switch (f) {
			case 0: v = cur[i]; break;
			case 1: v = cur[i] - a; break;
			case 2: v = cur[i] - up; break;
			case 3: v = cur[i] - ((a + up) >> 1); break;
			default: v = cur[i] - paeth(a, up, c); break;
			}
			tmp[i] = (uint8_t)v;
			sum += (unsigned long)abs((int8_t)tmp[i]);
			if (sum >= best)
				break;
		}
		if (sum < best) {
			best = sum;
			out[0] = (uint8_t)f;
			memcpy(out + 1, tmp, rowlen);
		}
	}
}

/* The colours of RGBA pixels when there are at most 256 (*n), with each
 * pixel's index in idx; -1 when there are more. */
static int
palette_of(const uint8_t *px, size_t npx, uint32_t *pal, int *n, uint8_t *idx)
{
	enum { HS = 1024 };
	uint32_t key[HS];
	int16_t slot[HS];

	memset(slot, 0xff, sizeof slot);
	*n = 0;
	for (size_t i = 0; i < npx; i++) {
		const uint8_t *q = px + 4 * i;
		/* Every fully transparent pixel is the same colour. */
		uint32_t v = q[3] ? (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8
		    | q[3] : 0;
		uint32_t h = (v * 2654435761u) >> 22;
		while (slot[h] >= 0 && key[h] != v)
			h = (h + 1) & (HS - 1);
		if (slot[h] < 0) {
			if (*n == 256)
				return -1;
			key[h] = v;
			slot[h] = (int16_t)*n;
			pal[(*n)++] = v;
		}
		idx[i] = (uint8_t)slot[h];
	}
	return 0;
}

/* zlib stream of n bytes into z (*zlen: its room, then its length). */
static int
deflate_all(const uint8_t *s, size_t n, uint8_t *z, uLongf *zlen, int level, int strategy)
{
	z_stream st;
	int rc;

	memset(&st, 0, sizeof st);
	if (deflateInit2(&st, level, Z_DEFLATED, 15, 9, strategy) != Z_OK)
		return -1;
	st.next_in = (Bytef *)s;
	st.avail_in = (uInt)n;
	st.next_out = z;
	st.avail_out = (uInt)*zlen;
	rc = deflate(&st, Z_FINISH);
	*zlen = st.total_out;
	deflateEnd(&st);
	return rc == Z_STREAM_END ? 0 : -1;
}

/* The PNG of px, as a palette when allowed and possible. */
static uint8_t *
png_make(const uint8_t *px, uint32_t w, uint32_t h, int ch, int allow_palette, int *npal_out,
    size_t *len)
{
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	struct ui_buf b = { 0 };
	uint8_t ihdr[13], *idx = NULL, *raw, *tmp, *z;
	const uint8_t *src = px;
	uint32_t pal[256];
	int npal = 0, bpp = ch, palette = 0;
	size_t rowlen, rawlen;
	uLongf zlen;

	if (ch == 4 && allow_palette) {
		idx = cx_xmalloc((size_t)w * h + 1);
		if (palette_of(px, (size_t)w * h, pal, &npal, idx) == 0) {
			palette = 1;
			src = idx;
			bpp = 1;
		}
	}
	rowlen = (size_t)w * bpp;
	rawlen = (rowlen + 1) * h;
	raw = cx_xmalloc(rawlen);
	tmp = cx_xmalloc(rowlen + 1);
	for (uint32_t y = 0; y < h; y++)
		filter_row(src + y * rowlen, y ? src + (y - 1) * rowlen : NULL, rowlen, bpp, palette,
		    raw + y * (rowlen + 1), tmp);
	zlen = compressBound(rawlen) + 64;
	z = cx_xmalloc(zlen);
	/* A film's filtered rows are noise: run-length matches only (Z_RLE)
	 * give within 10 % of level 9's bytes in a hundredth of its time (3
	 * against 900 ms for a 511x500 CXR). Overlays: mostly runs too, and
	 * level 6 where colours repeat. */
	if (deflate_all(raw, rawlen, z, &zlen, ch == 4 ? 6 : 9, ch == 4 ? Z_DEFAULT_STRATEGY
	    : Z_RLE) != 0)
		zlen = 0;	/* cannot happen with a big enough buffer */
	ui_buf_put(&b, sig, 8);
	put32(ihdr, w);
	put32(ihdr + 4, h);
	ihdr[8] = 8;
	ihdr[9] = palette ? 3 : ch == 1 ? 0 : ch == 3 ? 2 : 6;
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	chunk(&b, "IHDR", ihdr, 13);
	if (palette) {
		uint8_t plte[768], trns[256];
		int last = 0;
		for (int k = 0; k < npal; k++) {
			plte[3 * k] = (uint8_t)(pal[k] >> 24);
			plte[3 * k + 1] = (uint8_t)(pal[k] >> 16);
			plte[3 * k + 2] = (uint8_t)(pal[k] >> 8);
			trns[k] = (uint8_t)pal[k];
			if (trns[k] != 255)
				last = k + 1;
		}
		chunk(&b, "PLTE", plte, (size_t)npal * 3);
		if (last)
			chunk(&b, "tRNS", trns, (size_t)last);
	}
	chunk(&b, "IDAT", z, zlen);
	chunk(&b, "IEND", NULL, 0);
	free(z);
	free(raw);
	free(tmp);
	free(idx);
	*npal_out = palette ? npal : 0;
	*len = b.n;
	return (uint8_t *)b.p;
}

uint8_t *
ui_kitty_png(const uint8_t *px, uint32_t w, uint32_t h, int ch, size_t *len)
{
	int npal;
	uint8_t *png = png_make(px, w, h, ch, 1, &npal, len), *rgba;
	size_t n;

	/* Many colours (a heatmap's ramp): the filtered RGBA may be smaller
	 * than the indices (unfiltered: they are not magnitudes). */
	if (npal > 32) {
		rgba = png_make(px, w, h, ch, 0, &npal, &n);
		if (n < *len) {
			free(png);
			*len = n;
			return rgba;
		}
		free(rgba);
	}
	return png;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of n bytes (n a multiple of 3 except at the end) into o. */
static size_t
base64(const uint8_t *s, size_t n, char *o)
{
	size_t k = 0, i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
		o[k++] = b64[v >> 18];
		o[k++] = b64[(v >> 12) & 63];
		o[k++] = b64[(v >> 6) & 63];
		o[k++] = b64[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)s[i] << 16 | (i + 1 < n ? (uint32_t)s[i + 1] << 8 : 0);
		o[k++] = b64[v >> 18];
		o[k++] = b64[(v >> 12) & 63];
		o[k++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		o[k++] = '=';
	}
	return k;
}

void
ui_kitty_transmit(struct ui_buf *b, const char *keys, const uint8_t *data, size_t n)
{
	/* 3072 bytes make 4096 of base64: every chunk but the last a multiple of 4. */
	enum { RAW = 3072 };
	char enc[4096];
	size_t off = 0;

	do {
		size_t take = n - off < RAW ? n - off : RAW, k = base64(data + off, take, enc);
		int more = off + take < n;
		if (off == 0)
			ui_buf_printf(b, "\033_G%s,q=2,m=%d;", keys, more);
		else
			ui_buf_printf(b, "\033_Gq=2,m=%d;", more);
		ui_buf_put(b, enc, k);
		ui_buf_put(b, "\033\\", 2);
		off += take;
	} while (off < n);
}

void
ui_kitty_cmd(struct ui_buf *b, const char *keys)
{
	ui_buf_printf(b, "\033_G%s,q=2\033\\", keys);
}
