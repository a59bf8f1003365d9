/* fmt: shortest round-trip float formatting and the two rounding rules. */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shortest %.*e that reads back as x: digits in dig, decimal exponent in *e10. */
static int
shortest_digits(double x, char *dig, int *e10)
{
	char tmp[40];

	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, x);
		if (strtod(tmp, NULL) == x || prec == 17) {
			int n = 0;
			char *p = tmp;
			if (*p == '-')
				p++;
			for (; *p && *p != 'e'; p++)
				if (*p >= '0' && *p <= '9')
					dig[n++] = *p;
			dig[n] = '\0';
			*e10 = atoi(p + 1);
			while (n > 1 && dig[n - 1] == '0')
				dig[--n] = '\0';
			return n;
		}
	}
	return 0;
}

char *
cx_fmt_repr(double x, char *buf)
{
	char dig[24];
	int e10, n, o = 0;

	if (isnan(x))
		return strcpy(buf, "nan");
	if (isinf(x))
		return strcpy(buf, x > 0 ? "inf" : "-inf");
	if (x == 0)
		return strcpy(buf, signbit(x) ? "-0.0" : "0.0");
	n = shortest_digits(x, dig, &e10);
	if (x < 0)
		buf[o++] = '-';
	if (e10 < -4 || e10 >= 16) {
		/* Python: d[.ddd]e[+-]XX with at least two exponent digits */
		buf[o++] = dig[0];
		if (n > 1) {
			buf[o++] = '.';
			memcpy(buf + o, dig + 1, n - 1);
			o += n - 1;
		}
		o += sprintf(buf + o, "e%c%02d", e10 < 0 ? '-' : '+', abs(e10));
	} else if (e10 < 0) {
		buf[o++] = '0';
		buf[o++] = '.';
		for (int i = 0; i < -e10 - 1; i++)
			buf[o++] = '0';
		memcpy(buf + o, dig, n);
		o += n;
	} else {
		for (int i = 0; i <= e10; i++)
			buf[o++] = i < n ? dig[i] : '0';
		buf[o++] = '.';
		if (n > e10 + 1) {
			memcpy(buf + o, dig + e10 + 1, n - e10 - 1);
			o += n - e10 - 1;
		} else
			buf[o++] = '0';
	}
	buf[o] = '\0';
	return buf;
}

char *
cx_fmt_csv(double x, char *buf)
{
	if (isnan(x)) {
		buf[0] = '\0';
		return buf;
	}
	return cx_fmt_repr(x, buf);
}

double
cx_round_np(double x, int k)
{
	double s = pow(10.0, k);

	return rint(x * s) / s;
}

double
cx_round_py(double x, int k)
{
	char tmp[64];

	/* Python rounds the exact binary value correctly; glibc's printf does too. */
	if (!isfinite(x))
		return x;
	snprintf(tmp, sizeof tmp, "%.*f", k, x);
	return strtod(tmp, NULL);
}

char *
cx_fmt_table(double x, int decimals, const char *suffix, char *buf)
{
	if (isnan(x))
		snprintf(buf, 48, "-");
	else if (isinf(x))
		snprintf(buf, 48, "%s", x < 0 ? "-inf" : "inf");
	else
		snprintf(buf, 48, "%.*f%s", decimals, x, suffix);
	return buf;
}
