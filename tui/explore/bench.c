/* bench: `explore --bench N`, the explorer's picture pipeline timed without
 * a terminal. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "film.h"
#include "clock.h"
#include "scene.h"
#include "sixelenc.h"
#include "xalloc.h"

/* --bench N: the picture pipeline of the explorer without a terminal — open
 * the dataset (the first screen's work), then for N CXRs decode + overlays +
 * sixel encode at a 1000x800 pane (cold), then toggling an overlay (warm);
 * and the probe's source pixel: its first move on a CXR (the full-size
 * decode), then moves (lookups). */
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
	double t0 = clock_ms(), *cold, *warm, *ccold, *cwarm, *pfirst, open_ms, pmove = 0;
	struct film_source fs = { -1, 0, { 0 } };
	uint64_t px = 0;
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
	pfirst = cx_xcalloc((size_t)n + 1, sizeof *pfirst);
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
		/* the probe: its first move decodes the source image, the next 100
		 * read it */
		{
			char buf[120];
			t = clock_ms();
			film_source_text(&fs, k, m.ds.cxr[k].image, c.full_w / 2, c.full_h / 2, buf,
			    sizeof buf);
			pfirst[k] = clock_ms() - t;
			px += (uint64_t)c.full_w * c.full_h;
			t = clock_ms();
			for (uint32_t j = 0; j < 100; j++)
				film_source_text(&fs, k, m.ds.cxr[k].image, c.full_w / 2 + j,
				    c.full_h / 2, buf, sizeof buf);
			pmove += (clock_ms() - t) / 100;
		}
		model_cxr_fini(&c);
	}
	film_source_fini(&fs);
	qsort(cold, (size_t)n, sizeof *cold, cmp_dbl);
	qsort(warm, (size_t)n, sizeof *warm, cmp_dbl);
	qsort(ccold, (size_t)n, sizeof *ccold, cmp_dbl);
	qsort(cwarm, (size_t)n, sizeof *cwarm, cmp_dbl);
	printf("open %zu CXRs: %.1f ms\n", m.ds.n, open_ms);
	if (n > 0)
		printf("picture 1000x800, %d CXRs: cold median %.1f ms (max %.1f), warm median %.1f ms, "
		    "largest sixel %zu bytes\n(CPU time: cold median %.1f ms, warm median %.1f ms)\n",
		    n, cold[n / 2], cold[n - 1], warm[n / 2], maxlen, ccold[n / 2], cwarm[n / 2]);
	qsort(pfirst, (size_t)n, sizeof *pfirst, cmp_dbl);
	if (n > 0)
		printf("probe source pixel, %d CXRs (%.1f Mpixel each on average): first move on a "
		    "CXR (decode) median %.1f ms (max %.1f), a move after it %.2f us\n", n,
		    (double)px / n / 1e6, pfirst[n / 2], pfirst[n - 1], pmove / n * 1000);
	free(pfirst);
	free(cold);
	free(warm);
	free(ccold);
	free(cwarm);
	model_close(&m);
	return 0;
}
