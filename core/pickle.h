/* pickle: a data-only Python pickle reader (protocols 0-5 opcodes, as
 * written by protocols 2-4) for heatmap files (SPEC §2.4). It never executes
 * anything: GLOBAL/STACK_GLOBAL resolve only a fixed whitelist (torch tensor
 * rebuild and storage types, collections.OrderedDict, numpy reconstruct,
 * ndarray, dtype, scalar, _codecs.encode), everything else is an error
 * "byte OFFSET: unknown global 'module.name'". Every size is checked against
 * the file before use. Large bytes objects stay in the file until asked for,
 * so an unused tensor (cxr_img) is skipped, not read. */
#ifndef CX_PICKLE_H
#define CX_PICKLE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum cx_pk_kind {
	CX_PK_NONE, CX_PK_BOOL, CX_PK_INT, CX_PK_BIGINT, CX_PK_FLOAT, CX_PK_STR,
	CX_PK_BYTES, CX_PK_TUPLE, CX_PK_LIST, CX_PK_DICT, CX_PK_SET, CX_PK_GLOBAL,
	CX_PK_TENSOR, CX_PK_STORAGE, CX_PK_NDARRAY, CX_PK_DTYPE, CX_PK_PSTORAGE
};

struct cx_pickle;
struct cx_pk_obj;

/* Parse the pickle file at path. On success *out owns everything reachable
 * from cx_pickle_root; free with cx_pickle_free. Errors: "byte N: ..." with
 * the file stamped. */
int	cx_pickle_load(struct cx_pickle **out, const char *path, struct cx_err *err);
/* Parse a pickle held in memory (buf must outlive the result). */
int	cx_pickle_load_mem(struct cx_pickle **out, const void *buf, size_t len,
	    struct cx_err *err);
void	cx_pickle_free(struct cx_pickle *pk);
const struct cx_pk_obj *cx_pickle_root(const struct cx_pickle *pk);

enum cx_pk_kind cx_pk_kind(const struct cx_pk_obj *o);
/* Byte offset (in the file) of the opcode that made o. */
uint64_t cx_pk_offset(const struct cx_pk_obj *o);
/* Value of a dict entry whose key is the str key; NULL when absent. */
const struct cx_pk_obj *cx_pk_dict_get(struct cx_pickle *pk, const struct cx_pk_obj *d,
	    const char *key);
/* Number of items of a tuple/list/set; 0 otherwise. */
size_t	cx_pk_len(const struct cx_pk_obj *o);
const struct cx_pk_obj *cx_pk_item(const struct cx_pk_obj *o, size_t i);
/* Bool, int or float as a double; -1 for other kinds. */
int	cx_pk_number(const struct cx_pk_obj *o, double *v);
/* 1 when o is a float read from a float32 numpy scalar. */
int	cx_pk_number_f32(const struct cx_pk_obj *o);
/* Int or bool as int64; -1 otherwise. */
int	cx_pk_int(const struct cx_pk_obj *o, int64_t *v);
/* Bytes of a str (UTF-8) or bytes object, read from the file if needed; the
 * pointer lives as long as pk. o stays const in value: the bytes read are
 * cached in it (the one write, owned by pk). */
int	cx_pk_blob(struct cx_pickle *pk, const struct cx_pk_obj *o, const uint8_t **p,
	    size_t *n, struct cx_err *err);

/* A numeric array (torch tensor or numpy ndarray) converted to doubles. */
struct cx_pk_array {
	int		 ndim;
	uint64_t	 shape[8];
	uint64_t	 n;		/* number of elements */
	int		 f32;		/* the source elements are float32 */
	int		 f64;		/* ... float64 (computed in float64, as torch does) */
	double		*v;		/* n values, row-major (C order); caller frees */
	float		*f;		/* instead of v (NULL then), from cx_pk_array_f32 */
};
/* Materialize a tensor or ndarray (at most max_elems elements, else an error).
 * For a torch tensor this decodes the legacy torch.save stream of its storage. */
int	cx_pk_array(struct cx_pickle *pk, const struct cx_pk_obj *o, uint64_t max_elems,
	    struct cx_pk_array *a, struct cx_err *err);
/* The same, but a contiguous float32 tensor comes as floats in a->f (a->v
 * NULL), copied as they are: a heatmap's map needs no trip through double.
 * Anything else comes in a->v as from cx_pk_array. */
int	cx_pk_array_f32(struct cx_pickle *pk, const struct cx_pk_obj *o, uint64_t max_elems,
	    struct cx_pk_array *a, struct cx_err *err);

#endif
