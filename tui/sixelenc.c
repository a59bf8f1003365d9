/* sixelenc: RGB to a sixel DCS string. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sixelenc.h"
#include "xalloc.h"

#define QBITS	6
#define QSIZE	(1u << (3 * QBITS))
#define QKEY(p)	((((uint32_t)(p)[0] >> (8 - QBITS)) << (2 * QBITS)) \
		| (((uint32_t)(p)[1] >> (8 - QBITS)) << QBITS) | ((uint32_t)(p)[2] >> (8 - QBITS)))

struct bin {
	uint32_t	key, n;
};

struct box {
	uint32_t	a, b;		/* bins [a, b) */
	uint64_t	n;		/* pixels */
	int		range, axis;
};

struct buf {
	char	*p;
	size_t	 n, cap;
};

static void
buf_grow(struct buf *b, size_t more)
{
	if (b->n + more <= b->cap)
		return;
	while (b->n + more > b->cap)
		b->cap = b->cap ? b->cap * 2 : 65536;
	b->p = cx_xrealloc(b->p, b->cap);
}

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void
buf_num(struct buf *b, unsigned v)
{
	char t[12];
	int n = 0;

	do
		t[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	buf_grow(b, (size_t)n);
	while (n > 0)
		b->p[b->n++] = t[--n];
}

static int
chan(uint32_t key, int axis)
{
	return (int)((key >> (QBITS * (2 - axis))) & ((1u << QBITS) - 1));
}

static void
box_measure(struct box *x, const struct bin *bins)
{
	int lo[3] = { 255, 255, 255 }, hi[3] = { 0, 0, 0 };

	x->n = 0;
	for (uint32_t i = x->a; i < x->b; i++) {
		x->n += bins[i].n;
		for (int k = 0; k < 3; k++) {
			int v = chan(bins[i].key, k);
			if (v < lo[k])
				lo[k] = v;
			if (v > hi[k])
				hi[k] = v;
		}
	}
	x->range = -1;
	for (int k = 0; k < 3; k++)
		if (hi[k] - lo[k] > x->range) {
			x->range = hi[k] - lo[k];
			x->axis = k;
		}
}

/* Stable counting sort of bins [a,b) on one channel: no comparator state, so
 * the encoder stays safe to call from worker threads. */
static void
sort_axis(struct bin *bins, struct bin *tmp, uint32_t a, uint32_t b, int axis)
{
	uint32_t cnt[(1u << QBITS) + 1] = { 0 };

	for (uint32_t i = a; i < b; i++)
		cnt[chan(bins[i].key, axis) + 1]++;
	for (unsigned v = 1; v <= (1u << QBITS); v++)
		cnt[v] += cnt[v - 1];
	for (uint32_t i = a; i < b; i++)
		tmp[cnt[chan(bins[i].key, axis)]++] = bins[i];
	memcpy(bins + a, tmp, (b - a) * sizeof *bins);
}

/* Median cut: split the box with the largest range x population. */
static int
median_cut(struct bin *bins, uint32_t nbins, struct box *boxes, int ncolors)
{
	struct bin *tmp = cx_xmalloc((size_t)nbins * sizeof *tmp);
	int nb = 1;

	boxes[0].a = 0;
	boxes[0].b = nbins;
	box_measure(&boxes[0], bins);
	while (nb < ncolors) {
		int best = -1;
		double score = 0;
		for (int i = 0; i < nb; i++) {
			double s = (double)boxes[i].range * (double)boxes[i].n;
			if (boxes[i].b - boxes[i].a > 1 && boxes[i].range > 0 && s > score) {
				score = s;
				best = i;
			}
		}
		if (best < 0)
			break;
		struct box *x = &boxes[best];
		sort_axis(bins, tmp, x->a, x->b, x->axis);
		uint64_t half = x->n / 2, acc = 0;
		uint32_t m = x->a;
		while (m < x->b - 1 && acc + bins[m].n <= half)
			acc += bins[m++].n;
		if (m == x->a)
			m++;
		boxes[nb].a = m;
		boxes[nb].b = x->b;
		x->b = m;
		box_measure(x, bins);
		box_measure(&boxes[nb], bins);
		nb++;
	}
	free(tmp);
	return nb;
}

char *
ui_sixel_encode(const uint8_t *rgb, uint32_t w, uint32_t h, int ncolors, size_t *len)
{
	uint32_t *hist = cx_xcalloc(QSIZE, sizeof *hist);
	uint32_t *key;
	uint8_t *lut, *idx, *bits, used[256];
	struct bin *bins;
	struct box boxes[256];
	uint64_t (*sum)[4];
	uint32_t nbins = 0;
	size_t npx = (size_t)w * h;
	int nb, list[256];
	struct buf b = { 0 };

	if (ncolors < 2)
		ncolors = 2;
	if (ncolors > 256)
		ncolors = 256;
	key = cx_xmalloc((npx ? npx : 1) * sizeof *key);
	for (size_t i = 0; i < npx; i++)
		hist[key[i] = QKEY(rgb + 3 * i)]++;
	for (uint32_t k = 0; k < QSIZE; k++)
		nbins += hist[k] != 0;
	bins = cx_xmalloc((nbins ? nbins : 1) * sizeof *bins);
	nbins = 0;
	for (uint32_t k = 0; k < QSIZE; k++)
		if (hist[k]) {
			bins[nbins].key = k;
			bins[nbins++].n = hist[k];
		}
	nb = nbins ? median_cut(bins, nbins, boxes, ncolors) : 0;
	/* Palette: the population-weighted mean of each box's bin centres (within
	 * half a bin of the pixels' own mean, without another pass over them). */
	sum = cx_xcalloc(256, sizeof *sum);
	for (int i = 0; i < nb; i++)
		for (uint32_t j = boxes[i].a; j < boxes[i].b; j++) {
			uint32_t k = bins[j].key, n = bins[j].n;
			for (int c = 0; c < 3; c++)
				sum[i][c] += (uint64_t)n * (((uint32_t)chan(k, c) << (8 - QBITS))
				    + (1u << (7 - QBITS)));
			sum[i][3] += n;
		}
	/* hist doubles as the bin -> palette index table. */
	lut = (uint8_t *)hist;
	for (int i = 0; i < nb; i++)
		for (uint32_t j = boxes[i].a; j < boxes[i].b; j++)
			lut[bins[j].key] = (uint8_t)i;
	idx = cx_xmalloc(npx ? npx : 1);
	for (size_t i = 0; i < npx; i++)
		idx[i] = lut[key[i]];
	free(key);
	free(hist);
	free(bins);

	/* DCS P1=0 (aspect 2:1 default, overridden by raster attributes),
	 * P2=1 (zero bits keep the background), then raster attributes. */
	buf_add(&b, "\033P0;1;0q\"1;1;", 13);
	buf_num(&b, w);
	buf_add(&b, ";", 1);
	buf_num(&b, h);
	for (int i = 0; i < nb; i++) {
		buf_add(&b, "#", 1);
		buf_num(&b, (unsigned)i);
		buf_add(&b, ";2;", 3);
		for (int k = 0; k < 3; k++) {
			uint64_t n = sum[i][3] ? sum[i][3] : 1;
			unsigned v = (unsigned)((sum[i][k] * 100 + n * 255 / 2) / (n * 255));
			buf_num(&b, v);
			if (k < 2)
				buf_add(&b, ";", 1);
		}
	}
	free(sum);

	bits = cx_xmalloc((size_t)256 * (w ? w : 1));
	for (uint32_t y0 = 0; y0 < h; y0 += 6) {
		int nl = 0;
		uint32_t lo[256], hi[256];
		memset(used, 0, sizeof used);
		for (uint32_t r = 0; r < 6 && y0 + r < h; r++) {
			const uint8_t *row = idx + (size_t)(y0 + r) * w;
			uint8_t bit = (uint8_t)(1u << r);
			for (uint32_t x = 0; x < w; x++) {
				uint8_t c = row[x];
				if (!used[c]) {
					used[c] = 1;
					list[nl++] = c;
					lo[c] = hi[c] = x;
					bits[(size_t)c * w + x] = 0;
				}
				/* Cells between the colour's extent so far and x are
				 * cleared as the extent grows: no full-row memset. */
				if (x > hi[c]) {
					memset(bits + (size_t)c * w + hi[c] + 1, 0, x - hi[c]);
					hi[c] = x;
				} else if (x < lo[c]) {
					memset(bits + (size_t)c * w + x, 0, lo[c] - x);
					lo[c] = x;
				}
				bits[(size_t)c * w + x] |= bit;
			}
		}
		for (int l = 0; l < nl; l++) {
			int c = list[l];
			const uint8_t *s = bits + (size_t)c * w;
			uint32_t end = hi[c] + 1, x = lo[c];
			buf_add(&b, "#", 1);
			buf_num(&b, (unsigned)c);
			if (x > 0) {
				/* Skip to the colour's first column. */
				if (x > 3) {
					buf_add(&b, "!", 1);
					buf_num(&b, x);
					buf_add(&b, "?", 1);
				} else
					buf_add(&b, "???", x);
			}
			while (x < end) {
				uint32_t run = 1;
				uint64_t pat = 0x0101010101010101ull * s[x], word;
				/* Most of a colour's row is one repeated byte (often "?"):
				 * compare eight at a time. */
				while (x + run + 8 <= end) {
					memcpy(&word, s + x + run, 8);
					if (word != pat)
						break;
					run += 8;
				}
				while (x + run < end && s[x + run] == s[x])
					run++;
				char ch = (char)(63 + s[x]);
				if (run > 3) {
					buf_add(&b, "!", 1);
					buf_num(&b, run);
					buf_add(&b, &ch, 1);
				} else {
					buf_grow(&b, run);
					memset(b.p + b.n, ch, run);
					b.n += run;
				}
				x += run;
			}
			buf_add(&b, l + 1 < nl ? "$" : "-", 1);
		}
		if (nl == 0)
			buf_add(&b, "-", 1);
	}
	buf_add(&b, "\033\\", 2);
	free(bits);
	free(idx);
	buf_add(&b, "", 1);
	*len = b.n - 1;
	return b.p;
}

char *
ui_sixel_encode_max(const uint8_t *rgb, uint32_t w, uint32_t h, int ncolors, size_t max_len,
    size_t *len)
{
	for (;;) {
		char *s = ui_sixel_encode(rgb, w, h, ncolors, len);
		if (max_len == 0 || *len <= max_len)
			return s;
		free(s);
		if (ncolors <= 16)
			return NULL;
		ncolors /= 2;
	}
}
