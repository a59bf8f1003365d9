/* sixel_time: CPU time of the sixel encoder before and after the size-minded
 * writer, on the frames of tests/bench/sixel_bytes.c (first N CXRs, three
 * overlay sets, fitted into a BOXW x BOXH pane): per frame the minimum of R
 * runs of the old ui_sixel_encode (tui/sixelenc.c of b4e27d2, compiled with
 * renamed symbols), the new one, the UI_SIXEL_LOW preset and libsixel's own
 * encoder (256 colours, its defaults, size policy); and their bytes.
 *
 * Build (not part of `make`; after `make`):
 *   git show b4e27d2:tui/sixelenc.c >build/sixelenc_old.c
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icore -Itui \
 *     -Dui_sixel_encode=old_ui_sixel_encode -Dui_sixel_encode_max=old_ui_sixel_encode_max \
 *     -c build/sixelenc_old.c -o build/sixelenc_old.o
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icore -Itui -Itui/explore \
 *     $(pkg-config --cflags libsixel) tests/bench/sixel_time.c build/sixelenc_old.o build/libchexplore-tui.a \
 *     build/libchexplore.a $(pkg-config --libs ncursesw libsixel libpng libturbojpeg libcjson) \
 *     -lm -pthread -o build/sixel_time
 * Run: build/sixel_time DIR [N [R [BOXW BOXH]]]   (default 12 CXRs, 5 runs, 1200x700) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sixel.h>

#include "clock.h"
#include "compose.h"
#include "model.h"
#include "scene.h"
#include "sixelenc.h"

char	*old_ui_sixel_encode(const uint8_t *rgb, uint32_t w, uint32_t h, int ncolors, size_t *len);

static int
count_write(char *data, int size, void *priv)
{
	(void)data;
	*(size_t *)priv += (size_t)size;
	return 0;
}

/* libsixel's encoder on a copy of rgb (it may write to its input). */
static char *
lib_encode(const uint8_t *rgb, uint32_t w, uint32_t h, size_t *len)
{
	sixel_dither_t *d;
	sixel_output_t *o;
	unsigned char *copy = malloc((size_t)w * h * 3);

	*len = 0;
	memcpy(copy, rgb, (size_t)w * h * 3);
	if (sixel_dither_new(&d, 256, NULL) != SIXEL_OK || sixel_output_new(&o, count_write, len,
	    NULL) != SIXEL_OK)
		exit(2);
	sixel_dither_initialize(d, copy, (int)w, (int)h, SIXEL_PIXELFORMAT_RGB888, SIXEL_LARGE_AUTO,
	    SIXEL_REP_AUTO, SIXEL_QUALITY_AUTO);
	sixel_output_set_encode_policy(o, SIXEL_ENCODEPOLICY_SIZE);
	sixel_encode(copy, (int)w, (int)h, 3, d, o);
	sixel_output_unref(o);
	sixel_dither_unref(d);
	return (char *)copy;
}

int
main(int argc, char **argv)
{
	static const unsigned sets[3] = { OV_GT | OV_PRED, OV_GT | OV_PRED | OV_HEAT,
		OV_GT | OV_PRED | OV_ERROR };
	struct ui_sixel_opts low = { .quality = UI_SIXEL_LOW };
	struct model m;
	struct cx_err err = { 0 };
	struct scene sc;
	int n = argc > 2 ? atoi(argv[2]) : 12, R = argc > 3 ? atoi(argv[3]) : 5, nf = 0;
	uint32_t bw = argc > 5 ? (uint32_t)atoi(argv[4]) : 1200;
	uint32_t bh = argc > 5 ? (uint32_t)atoi(argv[5]) : 700;
	double tt[4] = { 0 };
	size_t bytes[4] = { 0 };

	if (argc < 2 || R < 1) {
		fprintf(stderr, "usage: sixel_time DIR [N [R [BOXW BOXH]]]\n");
		return 2;
	}
	if (model_open(&m, argv[1], &err) == -1) {
		fprintf(stderr, "%s: %s\n", argv[1], err.msg);
		return 2;
	}
	if (n > (int)m.ds.n)
		n = (int)m.ds.n;
	scene_init(&sc);
	for (int k = 0; k < n; k++) {
		struct model_cxr c;
		uint32_t ow, oh;

		model_cxr_load(&m, &c, (size_t)k, bw, bh);
		cx_compose_fit(c.full_w, c.full_h, bw, bh, &ow, &oh);
		for (int v = 0; v < 3; v++, nf++) {
			double best[4] = { 1e9, 1e9, 1e9, 1e9 };
			uint8_t *rgb;

			sc.ov = sets[v];
			rgb = scene_render(&m, &c, &sc, ow, oh);
			for (int r = 0; r < R; r++)
				for (int e = 0; e < 4; e++) {
					size_t len;
					double t = clock_cpu_ms();
					char *s = e == 0 ? old_ui_sixel_encode(rgb, ow, oh, 256, &len) :
					    e == 1 ? ui_sixel_encode(rgb, ow, oh, 256, &len) :
					    e == 2 ? ui_sixel_encode_opts(rgb, ow, oh, &low, &len) :
					    lib_encode(rgb, ow, oh, &len);
					t = clock_cpu_ms() - t;
					free(s);
					if (t < best[e])
						best[e] = t;
					if (r == 0)
						bytes[e] += len;
				}
			for (int e = 0; e < 4; e++)
				tt[e] += best[e];
			free(rgb);
		}
		model_cxr_fini(&c);
	}
	if (nf > 0)
		printf("%d frames, box %ux%u: encode CPU ms per frame (min of %d runs): old %.2f, "
		    "new %.2f, low %.2f, libsixel %.2f; mean bytes old %zu, new %zu, low %zu, "
		    "libsixel %zu\n", nf, bw, bh, R, tt[0] / nf, tt[1] / nf, tt[2] / nf, tt[3] / nf,
		    bytes[0] / (size_t)nf, bytes[1] / (size_t)nf, bytes[2] / (size_t)nf,
		    bytes[3] / (size_t)nf);
	model_close(&m);
	return 0;
}
