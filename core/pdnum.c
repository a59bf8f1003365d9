/* pdnum: pandas' default CSV float conversion (see pdnum.h). */
#include "pdnum.h"

#include <stdio.h>
#include <stdlib.h>

#define MAXDIG	17	/* digits pandas keeps */
#define MAXEXP	308

/* 10^k correctly rounded, 0 <= k <= 308 (what pandas' table of literals
 * holds); strtod each time keeps this free of state. */
static double
pow10_cr(int k)
{
	char b[16];

	snprintf(b, sizeof b, "1e%d", k);
	return strtod(b, NULL);
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

int
cx_pdnum_parse(const char *s, double *out)
{
	const char *p = s;
	double d = 0;
	int neg = 0, ndig = 0, exp = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; isdig(*p); p++) {
		if (ndig < MAXDIG) {
			d = d * 10. + (*p - '0');
			ndig++;
		} else
			exp++;
	}
	if (*p == '.') {
		for (p++; isdig(*p); p++)
			if (ndig < MAXDIG) {
				d = d * 10. + (*p - '0');
				ndig++;
				exp--;
			}
	}
	if (ndig == 0)
		return -1;
	if (neg)
		d = -d;
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1;
		int eneg = 0, n = 0, k = 0;
		if (*q == '-' || *q == '+')
			eneg = *q++ == '-';
		for (; k < MAXDIG && isdig(*q); q++, k++)
			n = n * 10 + (*q - '0');
		if (k > 0) {
			exp += eneg ? -n : n;
			p = q;
		}
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' || exp > MAXEXP)
		return -1;
	if (exp > 0)
		d *= pow10_cr(exp);
	else if (exp < -2 * MAXEXP)
		d = 0.;
	else if (exp < -MAXEXP) {
		d /= pow10_cr(-MAXEXP - exp);
		d /= pow10_cr(MAXEXP);
	} else
		d /= pow10_cr(-exp);
	*out = d;
	return 0;
}
