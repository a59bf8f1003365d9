/* pdnum: numbers read the way pandas' C parser reads a CSV field by default
 * (float_precision "high"), so that means and percentiles of a CSV that
 * pandas reads match the reference to the bit. */
#ifndef CX_PDNUM_H
#define CX_PDNUM_H

/* Parse a plain decimal (optional sign, digits, '.', digits, optional
 * exponent) as pandas' default converter does: the first 17 digits (a leading
 * "0" counts) are accumulated in double as d = d * 10 + digit, the rest are
 * dropped, then d is multiplied or divided once by the correctly rounded
 * power of ten. This is not strtod's correctly rounded value: about half of
 * the 17-digit fields repr() writes parse one ulp away. Returns 0 and *out,
 * or -1 when s is not such a number (nan, inf, text: the caller's business). */
int	cx_pdnum_parse(const char *s, double *out);

#endif
