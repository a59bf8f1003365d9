/* npy: NumPy .npy arrays (format versions 1-3) of float32/float64, either
 * byte order, C or Fortran order. The header is parsed as data, never
 * evaluated. */
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
	double		*v;		/* n values in C order, owned */
};

/* Read path; at most max_elems elements. Errors name the byte offset. */
int	cx_npy_load(struct cx_npy *a, const char *path, uint64_t max_elems,
	    struct cx_err *err);
/* Same from memory (name is for nothing but symmetry; the caller stamps it). */
int	cx_npy_parse(struct cx_npy *a, const uint8_t *buf, size_t len, uint64_t max_elems,
	    struct cx_err *err);
void	cx_npy_fini(struct cx_npy *a);

#endif
