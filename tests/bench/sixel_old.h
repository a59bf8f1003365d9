/* sixel_old.h: the sixel layout chexplore wrote before the size-minded writer
 * (tui/sixelenc.c of b4e27d2, the writer half), kept as the yardstick for
 * tests/unit/test_sixelenc.c (never larger than this) and
 * tests/bench/sixel_bytes.c. Per band, every colour in order of first
 * appearance: "#n", a skip to its first column, its exact bits run-length
 * coded ("!n" above three), '$' between colours and '-' after the last; every
 * register defined. Header-only (static): include it in one .c. */
#ifndef SIXEL_OLD_H
#define SIXEL_OLD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sixelenc.h"

struct old_buf {
	char	*p;
	size_t	 n, cap;
};

static void
old_add(struct old_buf *b, const char *s, size_t n)
{
	if (b->n + n > b->cap) {
		while (b->n + n > b->cap)
			b->cap = b->cap ? b->cap * 2 : 65536;
		b->p = realloc(b->p, b->cap);
		if (b->p == NULL)
			abort();
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void
old_num(struct old_buf *b, unsigned v)
{
	char t[16];
	int n = snprintf(t, sizeof t, "%u", v);

	old_add(b, t, (size_t)n);
}

static char *
old_sixel_write(const struct ui_sixel_indexed *q, size_t *len)
{
	uint32_t w = q->w, h = q->h;
	struct old_buf b = { 0 };
	uint8_t *bits = calloc((size_t)256 * (w ? w : 1), 1);

	old_add(&b, "\033P0;1;0q\"1;1;", 13);
	old_num(&b, w);
	old_add(&b, ";", 1);
	old_num(&b, h);
	for (int i = 0; i < q->n; i++) {
		old_add(&b, "#", 1);
		old_num(&b, (unsigned)i);
		old_add(&b, ";2;", 3);
		for (int k = 0; k < 3; k++) {
			old_num(&b, q->pct[i][k]);
			if (k < 2)
				old_add(&b, ";", 1);
		}
	}
	for (uint32_t y0 = 0; y0 < h; y0 += 6) {
		int nl = 0, list[256];
		uint32_t lo[256], hi[256];
		uint8_t used[256] = { 0 };
		for (uint32_t r = 0; r < 6 && y0 + r < h; r++)
			for (uint32_t x = 0; x < w; x++) {
				uint8_t c = q->idx[(size_t)(y0 + r) * w + x];
				if (!used[c]) {
					used[c] = 1;
					list[nl++] = c;
					lo[c] = hi[c] = x;
					memset(bits + (size_t)c * w, 0, w);
				}
				if (x > hi[c])
					hi[c] = x;
				if (x < lo[c])
					lo[c] = x;
				bits[(size_t)c * w + x] |= (uint8_t)(1u << r);
			}
		for (int l = 0; l < nl; l++) {
			int c = list[l];
			const uint8_t *s = bits + (size_t)c * w;
			uint32_t end = hi[c] + 1, x = lo[c];
			old_add(&b, "#", 1);
			old_num(&b, (unsigned)c);
			if (x > 3) {
				old_add(&b, "!", 1);
				old_num(&b, x);
				old_add(&b, "?", 1);
			} else if (x > 0)
				old_add(&b, "???", x);
			while (x < end) {
				uint32_t run = 1;
				char ch = (char)(63 + s[x]);
				while (x + run < end && s[x + run] == s[x])
					run++;
				if (run > 3) {
					old_add(&b, "!", 1);
					old_num(&b, run);
					old_add(&b, &ch, 1);
				} else
					for (uint32_t i = 0; i < run; i++)
						old_add(&b, &ch, 1);
				x += run;
			}
			old_add(&b, l + 1 < nl ? "$" : "-", 1);
		}
		if (nl == 0)
			old_add(&b, "-", 1);
	}
	old_add(&b, "\033\\", 2);
	old_add(&b, "", 1);
	free(bits);
	*len = b.n - 1;
	return b.p;
}

#endif
