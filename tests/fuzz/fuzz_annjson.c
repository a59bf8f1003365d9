/* fuzz_annjson: annotation JSON from arbitrary bytes never crashes; what
 * parses rasterizes, and the windowed RLE path gives the same mask as the
 * full row-major path. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "annjson.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cx_annfile f;
	struct cx_err err = {0};
	struct cx_annbuf b = {0};

	if (cx_annfile_parse(&f, (const char *)data, size, "fuzz", &err) != 0)
		return 0;
	for (size_t i = 0; i < f.n; i++) {
		const struct cx_annentry *e = &f.e[i];
		/* keep the fuzzer's memory bounded: small images only */
		if ((uint64_t)e->h * e->w > (1u << 20))
			continue;
		for (int t = 0; t < CX_NTASKS; t++) {
			uint8_t *m = calloc((size_t)e->h * e->w + 1, 1);
			struct cx_rle a, r;
			cx_annentry_draw(e, t, m);
			cx_rle_from_rowmajor(&a, m, e->h, e->w);
			cx_annentry_rle(e, t, &r, &b);
			if (a.n != r.n || memcmp(a.counts, r.counts, a.n * sizeof *a.counts) != 0)
				abort();
			cx_rle_fini(&a);
			cx_rle_fini(&r);
			free(m);
		}
	}
	cx_annbuf_fini(&b);
	cx_annfile_fini(&f);
	return 0;
}
