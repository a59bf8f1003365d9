/* fuzz_pickle: arbitrary bytes as a heatmap pickle or .npy never crash the
 * data-only reader; a small map that loads is segmented by the block-skipping
 * fast path and by the full computation, which must agree. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "h2s.h"
#include "heatmap.h"
#include "npy.h"
#include "pickle.h"

static void
compare(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w)
{
	struct cx_heatmap hm = { .mh = mh, .mw = mw, .map = (float *)map };
	float *norm = malloc(sizeof *norm * h * w);
	int deg = cx_h2s_normalized(&hm, h, w, norm);

	for (int m = 0; m < 2; m++) {
		struct cx_h2s_opts o = { .otsu = m == 0, .threshold = 0.5f };
		struct cx_rle a, b;
		float *copy = malloc(sizeof *copy * h * w);
		memcpy(copy, norm, sizeof *copy * h * w);
		cx_h2s_segment(&hm, h, w, &o, &a);
		cx_h2s_segment_norm(copy, deg, h, w, &o, &b);
		if (a.n != b.n || memcmp(a.counts, b.counts, a.n * sizeof *a.counts) != 0)
			abort();
		cx_rle_fini(&a);
		cx_rle_fini(&b);
		free(copy);
	}
	free(norm);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cx_pickle *pk;
	struct cx_err err = {0};
	struct cx_npy npy;

	if (cx_pickle_load_mem(&pk, data, size, &err) == 0) {
		const struct cx_pk_obj *root = cx_pickle_root(pk), *m;
		struct cx_pk_array a;
		if ((m = cx_pk_dict_get(pk, root, "map")) != NULL &&
		    cx_pk_array(pk, m, 4096, &a, &err) == 0) {
			int ok = a.ndim >= 2 && a.n > 0 && a.shape[a.ndim - 1] <= 64 &&
			    a.shape[a.ndim - 2] <= 64;
			float *f = malloc(sizeof *f * (a.n ? a.n : 1));
			for (uint64_t i = 0; i < a.n; i++) {
				f[i] = (float)a.v[i];
				if (!(fabsf(f[i]) < 1e30f))
					ok = 0;
			}
			if (ok) {
				uint32_t mh = (uint32_t)a.shape[a.ndim - 2], mw = (uint32_t)a.shape[a.ndim - 1];
				if ((uint64_t)mh * mw == a.n)
					compare(f, mh, mw, 1 + data[0] % 61, 1 + data[size - 1] % 67);
			}
			free(f);
			free(a.v);
		}
		if ((m = cx_pk_dict_get(pk, root, "prob")) != NULL &&
		    cx_pk_array(pk, m, 4096, &a, &err) == 0)
			free(a.v);
		cx_pickle_free(pk);
	}
	if (cx_npy_parse(&npy, data, size, 1u << 16, &err) == 0)
		cx_npy_fini(&npy);
	return 0;
}
