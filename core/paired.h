/* paired: the difference of two methods on the same bootstrap replicates
 * (compare): replicate r's difference is a[r] - b[r] (each the NaN-skipping
 * mean of its method over the rows drawn in replicate r); the interval and the
 * value are eval's compute_cis on the differences, and a two-sided p-value
 * from the sign of the differences. */
#ifndef CX_PAIRED_H
#define CX_PAIRED_H

#include <stddef.h>

struct cx_paired {
	double	lower, mean, upper;	/* sorted (NaN last) [int(0.025*nrep)-1], pandas
					 * mean, [int(0.975*nrep)-1]; unrounded */
	double	p;			/* min(1, 2 min(#{d <= 0}, #{d >= 0}) / #{d not NaN});
					 * NaN when every difference is NaN */
	size_t	nvalid;			/* differences that are not NaN */
};

/* The replicates of a and b are a[r * stride], b[r * stride], r < nrep. */
void	cx_paired_diff(const double *a, const double *b, size_t nrep, size_t stride,
	    struct cx_paired *out);

#endif
