/* fmt: numbers written the way Python/pandas/NumPy write them (SPEC §3). */
#ifndef CX_FMT_H
#define CX_FMT_H

#include <stddef.h>

/* Python repr() of a float64: shortest round-trip digits; "nan", "inf", "-inf".
 * buf must hold 32 bytes. Returns buf. */
char	*cx_fmt_repr(double x, char *buf);
/* pandas CSV field: repr, but NaN as the empty string. Returns buf. */
char	*cx_fmt_csv(double x, char *buf);
/* A number for a printed table: "-" for NaN (of either sign: never "-nan"),
 * "inf"/"-inf", else printf's %.*f with the given decimals and the suffix
 * (e.g. "%"; "" for none). buf must hold 48 bytes. Returns buf. */
char	*cx_fmt_table(double x, int decimals, const char *suffix, char *buf);
/* NumPy round(x, k): rint(x * 10^k) / 10^k. */
double	 cx_round_np(double x, int k);
/* Python round(x, k) (correctly rounded, half to even on the decimal value). */
double	 cx_round_py(double x, int k);

#endif
