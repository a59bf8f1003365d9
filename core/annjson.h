/* annjson: annotation JSON files (SPEC §2.2), radiologists' polygons:
 * {id: {"img_size": [h, w], Pathology: [[[x, y], ...], ...], ...}}. */
#ifndef CX_ANNJSON_H
#define CX_ANNJSON_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "rle.h"
#include "tasks.h"

/* Bounded work (issue 15): the public annotations have at most a few hundred
 * points per polygon and a few polygons per pathology; rasterizing costs
 * points x rows, so larger ones are refused. */
#define CX_ANN_MAX_POINTS	10000	/* per polygon */
#define CX_ANN_MAX_POLYS	1000	/* per pathology of one CXR */
#define CX_ANN_MAX_FILE_POLYS	200000	/* per file */

struct cx_annpoly {
	size_t		 n;	/* points */
	double		*xy;	/* xy[2*i] = x (column), xy[2*i+1] = y (row); owned */
};

struct cx_annentry {
	char			*id;
	uint32_t		 h, w;			/* img_size */
	unsigned char		 present[CX_NTASKS];	/* pathology key in the file */
	size_t			 npoly[CX_NTASKS];	/* polygons (instances); 0 when absent */
	struct cx_annpoly	*poly[CX_NTASKS];	/* owned; NULL when npoly is 0 */
};

struct cx_annfile {
	size_t			 n;
	struct cx_annentry	*e;	/* sorted by id (strcmp) */
};

/* Scratch space reused across cx_annentry_rle calls (zero-initialize it). */
struct cx_annbuf {
	uint8_t		*win;		/* column-major window */
	size_t		 wincap;
	uint32_t	*spans;		/* y, x0, x1 triples */
	size_t		 nspan, spancap;
	uint32_t	*runs;
	size_t		 runcap;
};

/* Read an annotation JSON file. "Lung Opacity" is Airspace Opacity; unknown
 * keys, a pathology given twice, a missing or bad img_size, and points that are
 * not [x, y] pairs of finite numbers are errors with the JSON path, e.g.
 * "patient1_study1_view1_frontal/Edema/0/3". Sizes are checked against the
 * limits of rle.h. On failure f is empty. */
int	cx_annfile_load(struct cx_annfile *f, const char *path, struct cx_err *err);
/* Parse from memory (len bytes); name is for errors. */
int	cx_annfile_parse(struct cx_annfile *f, const char *buf, size_t len,
	    const char *name, struct cx_err *err);
/* One entry, the value o of id, read as the readers read it (img_size,
 * pathologies, polygons, points and the limits above): the one walk, which
 * validate uses too. *polys counts the polygons of a file's entries so far
 * (start it at 0). e is filled even on failure: cx_annentry_fini it. */
struct cJSON;
int	cx_annentry_parse(struct cx_annentry *e, const struct cJSON *o, const char *id,
	    size_t *polys, struct cx_err *err);
void	cx_annentry_fini(struct cx_annentry *e);
/* Entry for id, or NULL. Binary search. */
const struct cx_annentry *cx_annfile_find(const struct cx_annfile *f, const char *id);
void	cx_annfile_fini(struct cx_annfile *f);

/* Rasterize pathology t of e (every polygon, Pillow's rule, SPEC §2.2) into
 * the row-major h x w mask m, which the caller has cleared. */
void	cx_annentry_draw(const struct cx_annentry *e, int t, uint8_t *m);
/* The same mask as RLE (r is overwritten; caller cx_rle_fini's it). Only the
 * polygons' bounding window is rasterized; b is scratch (cx_annbuf_fini). */
void	cx_annentry_rle(const struct cx_annentry *e, int t, struct cx_rle *r,
	    struct cx_annbuf *b);
void	cx_annbuf_fini(struct cx_annbuf *b);
/* Every entry's ten masks (empty where a pathology has no polygon), as
 * `segment --annotations` makes them, added to out and sorted by id. */
struct cx_segfile;
void	cx_annfile_rasterize(const struct cx_annfile *f, struct cx_segfile *out);

#endif
