/* methods: the saliency methods a dataset shows and compares. Method 0 is
 * the dataset's own prediction (its first prediction JSON, or the masks
 * derived from its heatmaps), then its second prediction JSON, then one
 * method per entry of DIR/methods/ (sorted by name), then each
 * `--method NAME=PATH` of the explorer. A DIR/methods/ entry is NAME.json or
 * a folder NAME/ holding one *.json (a predicted segmentation, or salient
 * points: a file whose first entry holds an array, compare's rule) or
 * heatmaps (*_map.pkl at any depth, with an optional tuning_results.csv and
 * probability_tuning_results.csv, segmented as `segment --maps` would).
 * No curses. methods_derive only reads what methods_add made, so workers
 * may call it; the rest is for the thread that owns the model. */
#ifndef UI_METHODS_H
#define UI_METHODS_H

#include <stddef.h>

#include "dataset.h"
#include "err.h"
#include "heatmap.h"
#include "points.h"
#include "segjson.h"
#include "tasks.h"

#define METHODS_MAX	16

enum meth_kind {
	METH_MAIN,	/* the dataset's predictions: file or derived (model.c) */
	METH_FILE,	/* a prediction JSON of the dataset (ds.file[file]) */
	METH_SEG,	/* a segmentation JSON of its own */
	METH_HEAT,	/* a heatmap folder of its own, segmented in the background */
	METH_POINTS	/* a salient-point JSON: hit/miss only, no masks */
};

struct method {
	char		*name;		/* what the screens show */
	char		*path;		/* file or folder */
	enum meth_kind	 kind;
	int		 file;		/* METH_FILE: ds.file index */
	struct cx_segfile seg;		/* METH_SEG */
	struct cx_ptfile pts;		/* METH_POINTS */
	/* METH_HEAT */
	struct cx_heatmap_list hl;
	const char	**heat;		/* ds.n x CX_NTASKS paths borrowed from hl, NULL none */
	int		 has_thr[CX_NTASKS], has_cut[CX_NTASKS];
	double		 thr[CX_NTASKS], cut[CX_NTASKS];
	char		 thr_path[4096], cut_path[4096];	/* "" when none */
	struct cx_segentry *der;	/* ds.n entries */
	unsigned char	*der_done;	/* ds.n flags */
	size_t		 nder;		/* CXRs done */
	char		 how[160];	/* "file", "Otsu from heatmaps", ... */
};

struct methods {
	size_t		 n;
	struct method	 m[METHODS_MAX];
	int		 base;		/* the baseline of differences */
};

/* Add a method of kind METH_SEG, METH_POINTS or METH_HEAT from path (a
 * folder: one *.json in it, else heatmaps). -1 with err when it cannot be
 * read, the name is taken, or there are METHODS_MAX already. */
int	methods_add(struct methods *ms, const struct cx_dataset *ds, const char *name,
	    const char *path, struct cx_err *err);
/* Add a method the model makes (METH_MAIN, METH_FILE); returns its index. */
int	methods_add_kind(struct methods *ms, enum meth_kind kind, const char *name,
	    const char *path, int file, const char *how);
/* The dataset's methods: its predictions (ds.file[pred], or derived from
 * ds.file[heat]: METH_MAIN, when either is >= 0), its second prediction file
 * (pred2), then every entry of ds->dir/methods/; one problem(ctx, err) per
 * entry that does not read. */
void	methods_open(struct methods *ms, const struct cx_dataset *ds, int pred, int pred2,
	    int heat, void (*problem)(void *ctx, const struct cx_err *err), void *ctx);
/* Say how derived masks are made ("Otsu from heatmaps", ...). */
void	methods_how(struct method *me, const int *has_thr, const int *has_cut);
/* Is the JSON text a salient-point file rather than a segmentation: does
 * its first entry's first value hold an array (not an object)? The text
 * only: the reader says what else is wrong. compare and the explorer. */
int	methods_looks_like_points(const char *text);
/* Hit/miss of CXR id for every pathology with METH_POINTS method me, as
 * eval --metric hitmiss scores a salient-point file: NaN where the GT mask
 * (gt, NULL: none) is empty or absent, else 1 when a point hits it, 0 when
 * none does or there is none. Any thread. */
void	methods_points_hits(const struct method *me, const char *id,
	    const struct cx_segentry *gt, double hit[CX_NTASKS]);
/* Index of a method by name, or -1. */
int	methods_find(const struct methods *ms, const char *name);
/* How a heatmap method's masks are made, as `segment --maps` would: "Otsu",
 * "thresholds of FILE", with ", probability cutoffs of FILE" (compare's
 * words). */
void	methods_masks(const struct method *me, char *buf, size_t n);
/* Does method k have masks for every CXR (METH_HEAT: all derived)? */
int	methods_complete(const struct methods *ms, int k, size_t n);
/* The masks of METH_SEG or METH_HEAT method k (n CXRs) as one file:
 * borrowed, or made in tmp (entries borrowed; the caller frees tmp->e); NULL
 * while heatmaps are still being segmented. */
const struct cx_segfile *methods_file(const struct methods *ms, int k, size_t n,
	    struct cx_segfile *tmp);
/* The entry of CXR i (id) of a METH_SEG or METH_HEAT method, NULL when none
 * (yet). */
const struct cx_segentry *methods_entry(const struct methods *ms, int k, size_t i,
	    const char *id);
/* Segment CXR i's heatmaps of METH_HEAT method me into out (out->h = 0 when
 * it has none); gt gives the size when a heatmap does not. Any thread. */
void	methods_derive(const struct method *me, size_t i, const char *id,
	    const struct cx_segentry *gt, struct cx_segentry *out);
/* Keep a derived entry (takes e's masks). */
void	methods_derived_take(struct methods *ms, int k, size_t i, struct cx_segentry *e);
void	methods_fini(struct methods *ms, size_t ncxr);

#endif
