/* csvread: CSVs as pandas reads them (issue 15): a BOM, CRLF and lone-CR line
 * ends; a NUL in a quoted field refused (it was cut); numbers as pandas
 * parses a float column (no hex floats, its NA words, its infinity words). */
#include "check.h"
#include "csvread.h"

#include <math.h>
#include <string.h>

static int
parse(struct cx_csvread *t, const char *s, size_t len, struct cx_err *err)
{
	memset(err, 0, sizeof *err);
	return cx_csvread_parse(t, s, len ? len : strlen(s), "t.csv", err);
}

static void
test_csvread_line_ends(void)
{
	static const char *cases[] = {
		"\xef\xbb\xbf" "task,threshold\nEdema,0.5\nAtelectasis,0.25\n",
		"task,threshold\r\nEdema,0.5\r\nAtelectasis,0.25\r\n",
		"task,threshold\rEdema,0.5\rAtelectasis,0.25\r",
		"\xef\xbb\xbf" "task,threshold\r\nEdema,0.5\r\n\r\nAtelectasis,0.25",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct cx_csvread t;
		struct cx_err err;
		double v = 0;
		CHECK(parse(&t, cases[i], 0, &err) == 0);
		CHECK(t.ncol == 2 && t.nrow == 2);
		if (t.nrow != 2)
			continue;
		CHECK(cx_csvread_col(&t, "task") == 0);
		CHECK(cx_csvread_col(&t, "threshold") == 1);
		CHECK_STR(t.cell[2], "Atelectasis");
		CHECK(cx_csvread_num(&t, 1, 1, &v, &err) == 0 && v == 0.25);
		CHECK(t.line[0] == 2);
		cx_csvread_fini(&t);
	}
	/* a lone CR counts as a line in error places */
	{
		struct cx_csvread t;
		struct cx_err err;
		CHECK(parse(&t, "a,b\r1,2\r3\r", 0, &err) == -1);
		CHECK_STR(err.where, "3");
	}
}

static void
test_csvread_nul(void)
{
	static const char q[] = "task,threshold\n\"Edema\",\"0.7\0" "999\"\n";
	static const char u[] = "task,threshold\nEdema,0.7\0" "999\n";
	struct cx_csvread t;
	struct cx_err err;

	CHECK(parse(&t, q, sizeof q - 1, &err) == -1);
	CHECK_STR(err.where, "2");
	CHECK(strstr(err.msg, "NUL") != NULL);
	CHECK(parse(&t, u, sizeof u - 1, &err) == -1);
	CHECK(strstr(err.msg, "NUL") != NULL);
}

static void
test_csv_number(void)
{
	static const struct { const char *s; double v; } good[] = {
		{ "0.5", 0.5 }, { "-1", -1 }, { "+2.5e-1", 0.25 }, { ".5", 0.5 }, { "5.", 5 },
		{ " 0.5 ", 0.5 }, { "1E2", 100 }, { "inf", INFINITY }, { "-Infinity", -INFINITY },
		{ "+INF", INFINITY },
	};
	static const char *na[] = { "", "nan", "NaN", "NA", "N/A", "null", "NULL", "-nan", "<NA>" };
	static const char *bad[] = {
		"0x1p-1", "0X10", "nan(1)", "NAN", "1e", "1e+", ".", "-", "1.2.3", "1,5", "abc",
		"infx", "1 2", "in", "1_000", "None", "  ",
	};
	double v;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		CHECK(cx_csv_number(good[i].s, &v) == 0 && v == good[i].v);
		if (!(cx_csv_number(good[i].s, &v) == 0 && v == good[i].v))
			fprintf(stderr, "  good case %s\n", good[i].s);
	}
	for (size_t i = 0; i < sizeof na / sizeof na[0]; i++)
		CHECK(cx_csv_number(na[i], &v) == 0 && isnan(v));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(cx_csv_number(bad[i], &v) == -1);
		if (cx_csv_number(bad[i], &v) != -1)
			fprintf(stderr, "  bad case %s accepted\n", bad[i]);
	}
}

int
main(void)
{
	RUN(test_csvread_line_ends);
	RUN(test_csvread_nul);
	RUN(test_csv_number);
	return CHECK_DONE();
}
