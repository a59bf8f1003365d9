/* h2s_time: CPU time per heatmap of the heatmap -> mask stages on maps held
 * in memory (no pickle reading in the figure): MODE 0 the Otsu histogram
 * (cx_h2s_u8_histogram: block bounds, range search, cuts, histogram), MODE 1
 * the whole Otsu segmentation (cx_h2s_segment), with K > 0 after box
 * smoothing; the minimum over R runs. The figure after the brackets is a
 * checksum of the outputs (the same for two builds that agree).
 *
 * Build (not part of `make`; after `make`):
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Icore tests/bench/h2s_time.c \
 *     build/libchexplore.a $(pkg-config --libs libpng libturbojpeg libcjson) -lm -pthread \
 *     -o build/h2s_time
 * Run: build/h2s_time MAPS_DIR MODE [R [K]]   (default 3 runs, no smoothing) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "h2s.h"
#include "heatmap.h"
#include "rle.h"

static double
cpu_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
	struct cx_heatmap_list l;
	struct cx_heatmap *hm;
	struct cx_err err = {0};
	double t0, load, best = 1e30;
	uint64_t sum = 0;
	int mode, reps, k;

	if (argc < 3) {
		fprintf(stderr, "usage: h2s_time MAPS_DIR MODE [R [K]]\n");
		return 2;
	}
	mode = atoi(argv[2]);
	reps = argc > 3 ? atoi(argv[3]) : 3;
	k = argc > 4 ? atoi(argv[4]) : 0;
	if (cx_heatmap_list_dir(&l, argv[1], &err) == -1) {
		fprintf(stderr, "h2s_time: %s: %s\n", argv[1], err.msg);
		return 1;
	}
	hm = calloc(l.n ? l.n : 1, sizeof *hm);
	t0 = cpu_now();
	for (size_t i = 0; i < l.n; i++)
		if (cx_heatmap_load(&hm[i], l.path[i], &err) == -1) {
			fprintf(stderr, "h2s_time: %s: %s\n", l.path[i], err.msg);
			return 1;
		}
	load = cpu_now() - t0;
	for (int r = 0; r < reps; r++) {
		t0 = cpu_now();
		for (size_t i = 0; i < l.n; i++) {
			if (mode == 0) {
				uint64_t h[256];
				cx_h2s_u8_histogram(hm[i].map, hm[i].mh, hm[i].mw, hm[i].cxr_h,
				    hm[i].cxr_w, h);
				for (int b = 0; b < 256; b++)
					sum += h[b] * (uint64_t)b;
			} else {
				struct cx_h2s_opts o = { .otsu = 1, .smooth_k = k };
				struct cx_rle out;
				cx_h2s_segment(&hm[i], hm[i].cxr_h, hm[i].cxr_w, &o, &out);
				sum += out.n;
				cx_rle_fini(&out);
			}
		}
		t0 = cpu_now() - t0;
		best = t0 < best ? t0 : best;
	}
	printf("%zu maps: reading %.2f ms/map, mode %d: %.3f ms/map (best of %d) [%llu]\n", l.n,
	    l.n ? load / (double)l.n * 1e3 : 0, mode, l.n ? best / (double)l.n * 1e3 : 0, reps,
	    (unsigned long long)sum);
	for (size_t i = 0; i < l.n; i++)
		cx_heatmap_fini(&hm[i]);
	free(hm);
	cx_heatmap_list_fini(&l);
	return 0;
}
