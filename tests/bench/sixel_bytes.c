/* sixel_bytes: bytes, time and quality of the sixel writer on real explorer
 * frames (the numbers in BENCHMARKS.md, "sixel writer"). For the first N CXRs
 * of a dataset and three overlay sets, the picture is rendered as the explorer
 * renders it (scene_render) fitted into a BOX pane, quantized once, and written
 * by the old layout (tests/bench/sixel_old.h), the new one, libsixel's
 * size-policy layout of the same indexed pixels, and libsixel's own encoder
 * (same register count, its defaults). Every new output is decoded back with
 * libsixel and must give the same registers (else exit 1). Then the quality
 * presets: bytes and PSNR of the decoded picture against the rendered RGB (what
 * `export` writes as PNG).
 *
 * Build (not part of `make`):
 *   make -s tests && cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Icore -Itui \
 *     -Itui/explore $(pkg-config --cflags libsixel) tests/bench/sixel_bytes.c \
 *     build/libchexplore-tui.a build/libchexplore.a \
 *     $(pkg-config --libs ncursesw libsixel libpng libturbojpeg libcjson) -lm -pthread \
 *     -o build/sixel_bytes
 * Run: build/sixel_bytes DIR [N [BOXW BOXH]]   (default 12 CXRs, 1200x700) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sixel.h>

#include "clock.h"
#include "compose.h"
#include "model.h"
#include "scene.h"
#include "sixelenc.h"
#include "../bench/sixel_old.h"

struct sink {
	char	*p;
	size_t	 n;
};

static int
sink_write(char *data, int size, void *priv)
{
	struct sink *s = priv;

	s->p = realloc(s->p, s->n + (size_t)size + 1);
	memcpy(s->p + s->n, data, (size_t)size);
	s->n += (size_t)size;
	return 0;
}

/* libsixel's layout (SIXEL_ENCODEPOLICY_SIZE) of q's pixels and palette. */
static size_t
lib_same_pixels(const struct ui_sixel_indexed *q, double *ms)
{
	sixel_dither_t *d;
	sixel_output_t *o;
	struct sink s = { 0 };
	unsigned char pal[256 * 3];
	double t;

	for (int i = 0; i < q->n; i++)
		for (int k = 0; k < 3; k++)
			pal[3 * i + k] = (unsigned char)((q->pct[i][k] * 255 + 50) / 100);
	if (sixel_dither_new(&d, q->n, NULL) != SIXEL_OK || sixel_output_new(&o, sink_write, &s,
	    NULL) != SIXEL_OK)
		exit(2);
	sixel_dither_set_palette(d, pal);
	sixel_dither_set_pixelformat(d, SIXEL_PIXELFORMAT_PAL8);
	sixel_output_set_encode_policy(o, SIXEL_ENCODEPOLICY_SIZE);
	t = clock_ms();
	sixel_encode(q->idx, (int)q->w, (int)q->h, 1, d, o);
	*ms = clock_ms() - t;
	sixel_output_unref(o);
	sixel_dither_unref(d);
	free(s.p);
	return s.n;
}

/* libsixel's own encoder on the RGB: median cut, its default diffusion,
 * size policy. */
static int check_decode(const char *, size_t, const struct ui_sixel_indexed *, const uint8_t *,
    uint32_t, uint32_t, double *);

static size_t
lib_rgb(const uint8_t *rgb, uint32_t w, uint32_t h, int ncolors, double *ms, double *psnr)
{
	sixel_dither_t *d;
	sixel_output_t *o;
	struct sink s = { 0 };
	double t = clock_ms();
	unsigned char *copy = malloc((size_t)w * h * 3);

	memcpy(copy, rgb, (size_t)w * h * 3);
	if (sixel_dither_new(&d, ncolors, NULL) != SIXEL_OK || sixel_output_new(&o, sink_write, &s,
	    NULL) != SIXEL_OK)
		exit(2);
	sixel_dither_initialize(d, copy, (int)w, (int)h, SIXEL_PIXELFORMAT_RGB888, SIXEL_LARGE_AUTO,
	    SIXEL_REP_AUTO, SIXEL_QUALITY_AUTO);
	sixel_output_set_encode_policy(o, SIXEL_ENCODEPOLICY_SIZE);
	sixel_encode(copy, (int)w, (int)h, 3, d, o);
	*ms = clock_ms() - t;
	sixel_output_unref(o);
	sixel_dither_unref(d);
	free(copy);
	if (check_decode(s.p, s.n, NULL, rgb, w, h, psnr) == -1)
		*psnr = 0;
	free(s.p);
	return s.n;
}

/* Decode s with libsixel; compare registers with q when q != NULL; PSNR of the
 * decoded colours against rgb. -1 when it does not decode or differs. */
static int
check_decode(const char *s, size_t len, const struct ui_sixel_indexed *q, const uint8_t *rgb,
    uint32_t w, uint32_t h, double *psnr)
{
	unsigned char *px, *pal;
	int dw, dh, nc, bad = 0;
	double se = 0;

	if (sixel_decode_raw((unsigned char *)s, (int)len, &px, &dw, &dh, &pal, &nc, NULL) !=
	    SIXEL_OK)
		return -1;
	if (dw != (int)w || dh != (int)h)
		bad = 1;
	for (size_t i = 0; !bad && i < (size_t)w * h; i++) {
		const unsigned char *c = pal + 3 * px[i];
		if (q && px[i] != q->idx[i])
			bad = 1;
		for (int k = 0; k < 3; k++) {
			double e = (double)c[k] - rgb[3 * i + k];
			se += e * e;
		}
	}
	free(px);
	free(pal);
	*psnr = se > 0 ? 10 * log10(255.0 * 255.0 / (se / (3.0 * w * h))) : 99;
	return bad ? -1 : 0;
}

static int
cmp_dbl(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

int
main(int argc, char **argv)
{
	static const unsigned sets[3] = { OV_GT | OV_PRED, OV_GT | OV_PRED | OV_HEAT,
		OV_GT | OV_PRED | OV_ERROR };
	static const char *const setname[3] = { "gt,pred", "gt,pred,heatmap", "gt,pred,error" };
	static const struct { int reg, bits; const char *name; } pre[] = {
		{ 256, 6, "256 reg, 6 bit (default)" }, { 128, 6, "128 reg, 6 bit" },
		{ 64, 6, "64 reg, 6 bit" }, { 64, 5, "64 reg, 5 bit (LOW)" },
		{ 48, 5, "48 reg, 5 bit" }, { 32, 5, "32 reg, 5 bit" }, { 32, 4, "32 reg, 4 bit" },
		{ 16, 4, "16 reg, 4 bit" },
	};
	enum { NPRE = sizeof pre / sizeof pre[0] };
	struct model m;
	struct cx_err err = { 0 };
	struct scene sc;
	int n = argc > 2 ? atoi(argv[2]) : 12, nf = 0, fails = 0;
	uint32_t bw = argc > 4 ? (uint32_t)atoi(argv[3]) : 1200;
	uint32_t bh = argc > 4 ? (uint32_t)atoi(argv[4]) : 700;
	double *told, *tnew, *tq, *tlib, *tlibq;
	double sum_old = 0, sum_new = 0, sum_lib = 0, sum_librgb = 0, max_new = 0, max_old = 0;
	double pbytes[NPRE] = { 0 }, ppsnr[NPRE] = { 0 }, pmin[NPRE], psnr_lib = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: sixel_bytes DIR [N [BOXW BOXH]]\n");
		return 2;
	}
	if (model_open(&m, argv[1], &err) == -1) {
		fprintf(stderr, "%s: %s\n", argv[1], err.msg);
		return 2;
	}
	if (n > (int)m.ds.n)
		n = (int)m.ds.n;
	told = calloc((size_t)n * 3 + 1, sizeof *told);
	tnew = calloc((size_t)n * 3 + 1, sizeof *tnew);
	tq = calloc((size_t)n * 3 + 1, sizeof *tq);
	tlib = calloc((size_t)n * 3 + 1, sizeof *tlib);
	tlibq = calloc((size_t)n * 3 + 1, sizeof *tlibq);
	for (int i = 0; i < NPRE; i++)
		pmin[i] = 1e9;
	scene_init(&sc);
	printf("%-4s %-16s %9s %9s %9s %9s %6s\n", "cxr", "overlays", "old", "new", "lib-same",
	    "lib-rgb", "new/old");
	for (int k = 0; k < n; k++) {
		struct model_cxr c;
		uint32_t ow, oh;

		model_cxr_load(&m, &c, (size_t)k, bw, bh);
		cx_compose_fit(c.full_w, c.full_h, bw, bh, &ow, &oh);
		for (int v = 0; v < 3; v++, nf++) {
			struct ui_sixel_indexed q;
			size_t lo, ln, ll, lr;
			double t, ps;
			char *so, *sn;
			uint8_t *rgb;

			sc.ov = sets[v];
			rgb = scene_render(&m, &c, &sc, ow, oh);
			t = clock_ms();
			ui_sixel_quantize(rgb, ow, oh, 256, 6, &q);
			tq[nf] = clock_ms() - t;
			t = clock_ms();
			so = old_sixel_write(&q, &lo);
			told[nf] = clock_ms() - t;
			t = clock_ms();
			sn = ui_sixel_write(&q, &ln);
			tnew[nf] = clock_ms() - t;
			if (check_decode(sn, ln, &q, rgb, ow, oh, &ps) == -1) {
				printf("FAIL cxr %d %s: the new sixel does not decode to the same "
				    "registers\n", k, setname[v]);
				fails++;
			}
			ll = lib_same_pixels(&q, &tlib[nf]);
			lr = lib_rgb(rgb, ow, oh, 256, &tlibq[nf], &ps);
			if (v == 0)
				psnr_lib += ps;
			printf("%-4d %-16s %9zu %9zu %9zu %9zu %6.3f  (%ux%u)\n", k, setname[v], lo, ln,
			    ll, lr, (double)ln / (double)lo, ow, oh);
			sum_old += (double)lo;
			sum_new += (double)ln;
			sum_lib += (double)ll;
			sum_librgb += (double)lr;
			if ((double)ln > max_new)
				max_new = (double)ln;
			if ((double)lo > max_old)
				max_old = (double)lo;
			free(so);
			free(sn);
			ui_sixel_indexed_fini(&q);
			if (v == 0) {
				/* The presets on the first overlay set. */
				size_t len;
				char *s;
				for (int p = 0; p < NPRE; p++) {
					struct ui_sixel_indexed pq;
					ui_sixel_quantize(rgb, ow, oh, pre[p].reg, pre[p].bits, &pq);
					s = ui_sixel_write(&pq, &len);
					if (check_decode(s, len, &pq, rgb, ow, oh, &ps) == -1) {
						printf("FAIL cxr %d preset %s\n", k, pre[p].name);
						fails++;
					}
					pbytes[p] += (double)len;
					ppsnr[p] += ps;
					if (ps < pmin[p])
						pmin[p] = ps;
					free(s);
					ui_sixel_indexed_fini(&pq);
				}
			}
			free(rgb);
		}
		model_cxr_fini(&c);
	}
	qsort(told, (size_t)nf, sizeof *told, cmp_dbl);
	qsort(tnew, (size_t)nf, sizeof *tnew, cmp_dbl);
	qsort(tq, (size_t)nf, sizeof *tq, cmp_dbl);
	qsort(tlib, (size_t)nf, sizeof *tlib, cmp_dbl);
	qsort(tlibq, (size_t)nf, sizeof *tlibq, cmp_dbl);
	printf("\n%d frames, box %ux%u, 256 registers\n", nf, bw, bh);
	printf("mean bytes: old %.0f, new %.0f (%.1f%% smaller), libsixel same pixels %.0f, "
	    "libsixel own %.0f\n", sum_old / nf, sum_new / nf, 100 * (1 - sum_new / sum_old),
	    sum_lib / nf, sum_librgb / nf);
	printf("largest: old %.0f, new %.0f\n", max_old, max_new);
	printf("median ms: quantize %.2f, write old %.2f, write new %.2f, libsixel layout %.2f, "
	    "libsixel whole %.2f\n", tq[nf / 2], told[nf / 2], tnew[nf / 2], tlib[nf / 2],
	    tlibq[nf / 2]);
	printf("\npresets (first overlay set, %d frames): mean bytes, mean / min PSNR dB\n", n);
	for (int p = 0; p < NPRE; p++)
		printf("  %-26s %9.0f  %6.2f / %6.2f\n", pre[p].name, pbytes[p] / n, ppsnr[p] / n,
		    pmin[p]);
	printf("  %-26s %9s  %6.2f\n", "libsixel own, 256", "", psnr_lib / n);
	free(told);
	free(tnew);
	free(tq);
	free(tlib);
	free(tlibq);
	model_close(&m);
	return fails ? 1 : 0;
}
