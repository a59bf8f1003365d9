/* npy: NumPy .npy arrays (format versions 1-3), either byte order, C or
 * Fortran order. float32 and float64 are kept as they are; float16, the
 * integers and bool (which torch 1.13's interpolate refuses: the reference
 * reads no such map) become what torch's .float() makes of them, the
 * nearest form it reads. The header is parsed as data, never evaluated. */
#ifndef CX_NPY_H
#define CX_NPY_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct cx_npy {
	int		 ndim;
	uint64_t	 shape[8];
	uint64_t	 n;		/* number of elements */
	int		 f32;		/* stored as float32 */
	int		 f64;		/* stored as float64 (computed in float64) */
	double		*v;		/* n values in C order, owned; any other
					 * dtype: its float32 value */
};

/* An IEEE half (float16) as a double (exact). */
double	cx_npy_half(uint16_t u);
/* A 64-bit integer as torch's .float() (and NumPy's astype(float32)) rounds
 * it, once, to float32: no double rounding through a double. */
double	cx_npy_i64(int64_t v);
double	cx_npy_u64(uint64_t v);

/* Read path; at most max_elems elements. Errors name the byte offset. */
int	cx_npy_load(struct cx_npy *a, const char *path, uint64_t max_elems,
	    struct cx_err *err);
/* Same from memory (name is for nothing but symmetry; the caller stamps it). */
int	cx_npy_parse(struct cx_npy *a, const uint8_t *buf, size_t len, uint64_t max_elems,
	    struct cx_err *err);
void	cx_npy_fini(struct cx_npy *a);

#endif
