/* fuzz_rle: COCO strings with arbitrary sizes; a decoded mask must re-encode
 * to a string that decodes to the same runs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rle.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cx_rle r, r2;
	struct cx_err err = {0};
	uint32_t h, w;
	char *s, *again;

	if (size < 4)
		return 0;
	h = data[0] | (data[1] << 8);
	w = data[2] | (data[3] << 8);
	s = malloc(size - 4 + 1);
	memcpy(s, data + 4, size - 4);
	s[size - 4] = '\0';
	if (cx_rle_from_string(&r, s, h, w, "fuzz", &err) == 0) {
		again = cx_rle_to_string(&r);
		if (cx_rle_from_string(&r2, again, h, w, "fuzz", &err) != 0
		    || r2.n != r.n || memcmp(r2.counts, r.counts, r.n * sizeof *r.counts) != 0)
			abort();
		(void)cx_rle_area(&r);
		cx_rle_fini(&r2);
		free(again);
		cx_rle_fini(&r);
	}
	free(s);
	return 0;
}
