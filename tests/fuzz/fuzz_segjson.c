/* fuzz_segjson: segmentation JSON from arbitrary bytes never crashes; what
 * parses writes out and parses again; the explorer's lazy reading
 * (core/segscan) accepts exactly what the full parser accepts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "segjson.h"
#include "segscan.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cx_segfile f, g;
	struct cx_err err = {0};
	int lazy = cx_segscan_parse(&g, (const char *)data, size, "fuzz", &err);

	if (lazy == 0) {
		if (g.n)
			cx_segscan_at(&g, g.n - 1);
		cx_segfile_fini(&g);
	}
	if (cx_segfile_parse(&f, (const char *)data, size, "fuzz", &err) != lazy)
		abort();
	if (lazy == 0) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		cx_segfile_write(&f, fp, 1);
		fclose(fp);
		if (cx_segfile_parse(&g, buf, len, "again", &err) != 0 || g.n != f.n)
			abort();
		cx_segfile_fini(&g);
		free(buf);
		cx_segfile_fini(&f);
	}
	return 0;
}
