/* bench: `explore --bench N`, the explorer's picture pipeline timed without
 * a terminal. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "clock.h"
#include "scene.h"
#include "sixelenc.h"
#include "xalloc.h"

/* --bench N: the picture pipeline of the explorer without a terminal — open
 * the dataset (the first screen's work), then for N CXRs decode + overlays +
 * sixel encode at a 1000x800 pane (cold), then toggling an overlay (warm). */
static int
cmp_dbl(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

int
explore_bench(const char *dir, int n)
{
	struct model m;
	struct cx_err err = { 0 };
	struct scene sc;
	double t0 = clock_ms(), *cold, *warm, *ccold, *cwarm, open_ms;
	size_t maxlen = 0;
	int k = 0;

	if (model_open(&m, dir, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	open_ms = clock_ms() - t0;
	if (n > (int)m.ds.n)
		n = (int)m.ds.n;
	cold = cx_xcalloc((size_t)n + 1, sizeof *cold);
	warm = cx_xcalloc((size_t)n + 1, sizeof *warm);
	ccold = cx_xcalloc((size_t)n + 1, sizeof *ccold);
	cwarm = cx_xcalloc((size_t)n + 1, sizeof *cwarm);
	scene_init(&sc);
	for (k = 0; k < n; k++) {
		struct model_cxr c;
		uint32_t ow, oh;
		uint8_t *rgb;
		size_t len;
		char *six;
		double t = clock_ms(), tc = clock_cpu_ms();
		model_cxr_load(&m, &c, (size_t)k, 1000, 800);
		cx_compose_fit(c.full_w, c.full_h, 1000, 800, &ow, &oh);
		sc.ov = OV_GT | OV_PRED;
		rgb = scene_render(&m, &c, &sc, ow, oh);
		six = ui_sixel_encode_max(rgb, ow, oh, 256, 1024 * 1024, &len);
		cold[k] = clock_ms() - t;
		ccold[k] = clock_cpu_ms() - tc;
		if (len > maxlen)
			maxlen = len;
		free(rgb);
		free(six);
		t = clock_ms();
		tc = clock_cpu_ms();
		sc.ov = OV_GT | OV_PRED | OV_ERROR;
		rgb = scene_render(&m, &c, &sc, ow, oh);
		six = ui_sixel_encode_max(rgb, ow, oh, 256, 1024 * 1024, &len);
		warm[k] = clock_ms() - t;
		cwarm[k] = clock_cpu_ms() - tc;
		free(rgb);
		free(six);
		model_cxr_fini(&c);
	}
	qsort(cold, (size_t)n, sizeof *cold, cmp_dbl);
	qsort(warm, (size_t)n, sizeof *warm, cmp_dbl);
	qsort(ccold, (size_t)n, sizeof *ccold, cmp_dbl);
	qsort(cwarm, (size_t)n, sizeof *cwarm, cmp_dbl);
	printf("open %zu CXRs: %.1f ms\n", m.ds.n, open_ms);
	if (n > 0)
		printf("picture 1000x800, %d CXRs: cold median %.1f ms (max %.1f), warm median %.1f ms, "
		    "largest sixel %zu bytes\n(CPU time: cold median %.1f ms, warm median %.1f ms)\n",
		    n, cold[n / 2], cold[n - 1], warm[n / 2], maxlen, ccold[n / 2], cwarm[n / 2]);
	free(cold);
	free(warm);
	free(ccold);
	free(cwarm);
	model_close(&m);
	return 0;
}
