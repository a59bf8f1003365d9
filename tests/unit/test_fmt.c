/* test_fmt: Python repr and the two roundings. */
#include "check.h"
#include "fmt.h"

static void
test_fmt_repr(void)
{
	char b[32];

	CHECK_STR(cx_fmt_repr(0.1, b), "0.1");
	CHECK_STR(cx_fmt_repr(0.30000000000000004, b), "0.30000000000000004");
	CHECK_STR(cx_fmt_repr(1e-05, b), "1e-05");
	CHECK_STR(cx_fmt_repr(0.0001, b), "0.0001");
	CHECK_STR(cx_fmt_repr(123.0, b), "123.0");
	CHECK_STR(cx_fmt_repr(1e16, b), "1e+16");
	CHECK_STR(cx_fmt_repr(1234567890123456.0, b), "1234567890123456.0");
	CHECK_STR(cx_fmt_repr(-2.5e-07, b), "-2.5e-07");
	CHECK_STR(cx_fmt_repr(0.0, b), "0.0");
	CHECK_STR(cx_fmt_repr(1.0 / 0.0, b), "inf");
	CHECK_STR(cx_fmt_csv(NAN, b), "");
	CHECK_STR(cx_fmt_repr(0.6666666666666666, b), "0.6666666666666666");
}

static void
test_fmt_round(void)
{
	CHECK(cx_round_np(0.0125, 3) == 0.012);	/* rint(12.5) = 12 */
	CHECK(cx_round_np(0.334, 1) == 0.3);
	CHECK(cx_round_py(2.675, 2) == 2.67);	/* binary value below 2.675 */
	CHECK(cx_round_py(0.125, 2) == 0.12);
}

int
main(void)
{
	RUN(test_fmt_repr);
	RUN(test_fmt_round);
	return CHECK_DONE();
}
