/* fuzz_csvread: arbitrary bytes as a generic CSV table (pctdec, regress,
 * threshold and cutoff CSVs) never crash; what parses has a rectangular table
 * whose every cell reads as a number or fails cleanly with a place. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cx_csvread t;
	struct cx_err err = {0};

	if (cx_csvread_parse(&t, (const char *)data, size, "fuzz", &err) == 0) {
		for (size_t c = 0; c < t.ncol; c++) {
			if (t.head[c] == NULL || cx_csvread_col(&t, t.head[c]) < 0)
				abort();
		}
		for (size_t r = 0; r < t.nrow; r++) {
			for (size_t c = 0; c < t.ncol; c++) {
				double v;
				struct cx_err e2 = {0};
				if (t.cell[r * t.ncol + c] == NULL)
					abort();
				if (cx_csvread_num(&t, r, c, &v, &e2) == -1 && e2.msg[0] == '\0')
					abort();
			}
		}
		cx_csvread_fini(&t);
	} else if (err.msg[0] == '\0') {
		abort();	/* a failure always says why */
	}
	return 0;
}
