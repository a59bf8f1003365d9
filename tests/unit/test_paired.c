/* test_paired: paired differences, their interval and the sign p-value,
 * on hand-made replicates. */
#include <math.h>

#include "check.h"
#include "paired.h"

/* 1000 replicates, a - b = r - 100 for r < 1000: 101 of them <= 0 (r <= 100,
 * with the zero), 900 >= 0: p = 2 * 101 / 1000; sorted [24] = -76, [974] = 874. */
static void
test_paired_counts(void)
{
	static double a[1000], b[1000];
	struct cx_paired p;

	for (int r = 0; r < 1000; r++) {
		a[999 - r] = r;
		b[999 - r] = 100;
	}
	cx_paired_diff(a, b, 1000, 1, &p);
	CHECK(p.nvalid == 1000);
	CHECK(p.lower == -76);
	CHECK(p.upper == 874);
	CHECK(p.mean == 399.5);
	CHECK(p.p == 0.202);
}

/* NaN differences are left out of the fractions and sort last; all equal:
 * p = 1 (the zero counts on both sides); no valid one: NaN. */
static void
test_paired_nan(void)
{
	static double a[1000], b[1000];
	struct cx_paired p;

	for (int r = 0; r < 1000; r++) {
		a[r] = r < 500 ? NAN : 0.5;
		b[r] = 0.5;
	}
	cx_paired_diff(a, b, 1000, 1, &p);
	CHECK(p.nvalid == 500);
	CHECK(p.p == 1);
	CHECK(p.lower == 0);
	CHECK(isnan(p.upper));
	CHECK(p.mean == 0);
	for (int r = 0; r < 1000; r++)
		a[r] = r < 990 ? 1 : -1;
	/* stride 2: indices 0, 2, .. 998; 990 .. 998 (5) below zero */
	cx_paired_diff(a, b, 500, 2, &p);
	CHECK(p.nvalid == 500 && p.p == 0.02);
	for (int r = 0; r < 1000; r++)
		a[r] = NAN;
	cx_paired_diff(a, b, 1000, 1, &p);
	CHECK(p.nvalid == 0 && isnan(p.p) && isnan(p.mean));
}

int
main(void)
{
	RUN(test_paired_counts);
	RUN(test_paired_nan);
	return CHECK_DONE();
}
