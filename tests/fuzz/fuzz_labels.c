/* fuzz_labels: a label CSV from arbitrary bytes never crashes; what parses has
 * sorted, unique ids of the patient*_study*_view* form. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cx_labels l;
	struct cx_err err = {0};

	if (cx_labels_parse(&l, (const char *)data, size, "fuzz", &err) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			if (strncmp(l.r[i].id, "patient", 7) != 0)
				abort();
			if (i > 0 && strcmp(l.r[i - 1].id, l.r[i].id) >= 0)
				abort();
			if (cx_labels_find(&l, l.r[i].id) != &l.r[i])
				abort();
		}
		cx_labels_fini(&l);
	}
	return 0;
}
