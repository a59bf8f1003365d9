/* paired: paired bootstrap differences, their interval and p-value. */
#include "paired.h"

#include <math.h>
#include <stdlib.h>

#include "bootstrap.h"
#include "xalloc.h"

void
cx_paired_diff(const double *a, const double *b, size_t nrep, size_t stride,
    struct cx_paired *out)
{
	double *d = cx_xreallocarray(NULL, nrep ? nrep : 1, sizeof *d);
	size_t le = 0, ge = 0, valid = 0;
	struct cx_ci ci;

	for (size_t r = 0; r < nrep; r++) {
		d[r] = a[r * stride] - b[r * stride];
		if (isnan(d[r]))
			continue;
		valid++;
		/* an exact zero counts on both sides */
		le += d[r] <= 0;
		ge += d[r] >= 0;
	}
	cx_bootstrap_ci_raw(d, nrep, 1, &ci);
	out->lower = ci.lower;
	out->mean = ci.mean;
	out->upper = ci.upper;
	out->nvalid = valid;
	if (valid == 0)
		out->p = NAN;
	else {
		double p = 2.0 * (double)(le < ge ? le : ge) / (double)valid;
		out->p = p > 1 ? 1 : p;
	}
	free(d);
}
