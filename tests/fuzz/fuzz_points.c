/* fuzz_points: salient-point JSON from arbitrary bytes never crashes, and
 * the hit rule stays inside the mask for any coordinate. */
#include <stdint.h>
#include <stdlib.h>

#include "points.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cx_ptfile f;
	struct cx_err err = {0};
	struct cx_rle m;

	if (cx_points_parse(&f, (const char *)data, size, "fuzz", &err) != 0)
		return 0;
	cx_rle_zero(&m, 7, 5);
	m.counts[0] = 3;	/* hand-made: 3 zeros, then 32 ones */
	m.counts = realloc(m.counts, 2 * sizeof *m.counts);
	m.counts[1] = 32;
	m.n = 2;
	for (size_t i = 0; i < f.n; i++)
		for (int t = 0; t < CX_NTASKS; t++)
			(void)cx_points_any_hit(&f.e[i], t, &m);
	cx_rle_fini(&m);
	cx_points_fini(&f);
	return 0;
}
