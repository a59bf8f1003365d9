/* fuzz_heatmap: arbitrary bytes loaded as a heatmap file (.pkl, .npy or .png
 * by the first byte) never crash; a loaded map has a sane size, its mh*mw
 * floats are readable, and a small one segments (Otsu, smoothed Otsu, a
 * threshold) to a mask of the asked size whatever its values. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "h2s.h"
#include "heatmap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ext[] = {
		"patient1_study1_view1_frontal_Cardiomegaly_map.pkl",
		"patient1_study1_view1_frontal_Edema_map.npy", "m.png",
	};
	char path[128];
	struct cx_heatmap hm;
	struct cx_err err = {0};
	volatile float sink = 0;
	FILE *fp;

	if (size < 1)
		return 0;
	/* the heatmap API reads files: one scratch folder per process */
	snprintf(path, sizeof path, "/tmp/cx-fuzz-heat-%ld-%s", (long)getpid(),
	    ext[data[0] % 3]);
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data + 1, 1, size - 1, fp);
	fclose(fp);
	if (cx_heatmap_load(&hm, path, &err) == 0) {
		if (hm.mh == 0 || hm.mw == 0 || hm.map == NULL)
			abort();
		for (uint64_t i = 0; i < (uint64_t)hm.mh * hm.mw; i++)
			sink += hm.map[i];
		if ((uint64_t)hm.mh * hm.mw <= 4096 && size > 2) {
			uint32_t h = 1 + data[1] % 53, w = 1 + data[size - 1] % 59;
			for (int m = 0; m < 3; m++) {
				struct cx_h2s_opts o = { .otsu = m != 2, .threshold = 0.5f,
				    .smooth_k = m == 1 ? 1 + data[size / 2] % 7 : 0 };
				struct cx_rle r;
				uint64_t sum = 0;
				cx_h2s_segment(&hm, h, w, &o, &r);
				for (uint32_t k = 0; k < r.n; k++)
					sum += r.counts[k];
				if (r.h != h || r.w != w || sum != (uint64_t)h * w)
					abort();
				cx_rle_fini(&r);
			}
		}
		cx_heatmap_fini(&hm);
	} else if (err.msg[0] == '\0') {
		abort();
	}
	(void)sink;
	unlink(path);
	return 0;
}
