/* segscan: a segmentation file read in one pass without a JSON tree, its
 * masks kept as the file's COCO strings and decoded when first asked — the
 * explorer opens 10 000 CXRs without decoding 300 000 masks. What it accepts
 * is exactly what cx_segfile_load accepts, with the same content: anything
 * off the usual shape (a syntax error, a mask that does not check, an
 * escape in an id, counts as an array, a key given twice, ...) is read by
 * cx_segfile_load's own parser instead, which gives its result or its error.
 * Threads: the accessors may be called from any thread at once (a mutex
 * per file guards the decoding). */
#ifndef CX_SEGSCAN_H
#define CX_SEGSCAN_H

#include "err.h"
#include "rlesrc.h"
#include "segjson.h"

/* Load path into f: lazily (f->lazy set; ids, sizes and which pathologies
 * are there known, masks not decoded) when the file has the usual shape,
 * else as cx_segfile_load does. Errors as cx_segfile_load's. */
int	cx_segscan_load(struct cx_segfile *f, const char *path, struct cx_err *err);
/* The same from a buffer (copied when kept). */
int	cx_segscan_parse(struct cx_segfile *f, const char *buf, size_t len, const char *name,
	    struct cx_err *err);
/* Entry i with its masks decoded (decoded now if not yet). */
const struct cx_segentry *cx_segscan_at(const struct cx_segfile *f, size_t i);
/* Decode every entry (whole-file readers: evaluate, tune counts). */
void	cx_segscan_realize(const struct cx_segfile *f);
/* Mask t of entry i without decoding it (its COCO string when lazy). */
void	cx_segscan_mask(const struct cx_segfile *f, size_t i, int t, struct cx_rlesrc *src);
/* Free what a lazy file keeps (cx_segfile_fini calls it). */
void	cx_segscan_free(struct cx_seglazy *z);

#endif
