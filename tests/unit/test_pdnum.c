/* test_pdnum: pandas' default CSV float conversion, value by value (the
 * expected bits are what pandas 1.5.3's read_csv gives). */
#include "check.h"
#include "pdnum.h"

static void
test_pdnum_pandas(void)
{
	double d;

	/* strtod gives 0x1.cda59e9d3bd09p-9: the three leading zeros count as
	 * digits, so pandas drops the last significant ones. */
	CHECK(cx_pdnum_parse("0.0035220867272226547", &d) == 0 && d == 0x1.cda59e9d3bc8bp-9);
	CHECK(cx_pdnum_parse("0.1", &d) == 0 && d == 0.1);
	CHECK(cx_pdnum_parse("-2.5e-07", &d) == 0 && d == -2.5e-07);
	CHECK(cx_pdnum_parse("1E+3", &d) == 0 && d == 1000.0);
	CHECK(cx_pdnum_parse(" 7 ", &d) == 0 && d == 7.0);
	CHECK(cx_pdnum_parse("123456789012345678901", &d) == 0 && d == 1.2345678901234568e+20);
	CHECK(cx_pdnum_parse("nan", &d) == -1);
	CHECK(cx_pdnum_parse("inf", &d) == -1);
	CHECK(cx_pdnum_parse("", &d) == -1);
	CHECK(cx_pdnum_parse("1.5x", &d) == -1);
	CHECK(cx_pdnum_parse("1e999", &d) == -1);
}

int
main(void)
{
	RUN(test_pdnum_pandas);
	return CHECK_DONE();
}
