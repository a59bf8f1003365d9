/* segment: the two halves of `chexplore segment` (annotations or heatmaps). */
#ifndef UI_SEGMENT_H
#define UI_SEGMENT_H

#include <stddef.h>

struct segment_opts {
	const char	*ann_path;	/* --annotations / --ann_path */
	const char	*map_dir;	/* --maps / --map_dir */
	const char	*threshold_path;	/* --thresholds / --threshold_path */
	const char	*prob_path;	/* --prob-cutoffs / --probability_threshold_path */
	const char	*out;		/* --out / --output_path */
	int		 smooth;	/* --if_smoothing True, or --smooth K */
	int		 k;		/* box filter size (--k / --smooth K) */
	unsigned	 dims_w, dims_h;	/* --dims WxH for heatmaps without cxr_dims */
	const struct cx_segfile *dims_from;	/* else the size of this file's mask of the id */
	int		 jobs;		/* -j N, 0 = all cores */
	int		 quiet;
	unsigned	 tasks;		/* --pathologies: bit per task id; 0 = all */
	const char	*shard;		/* --shard "K/N" as given, or NULL */
	int		 shard_k, shard_n;	/* and parsed by cmd.c (0/0 without) */
};

/* Polygons -> masks (tui/segment_ann.c). Returns the exit code. */
int	segment_from_annotations(const struct segment_opts *o);
/* Heatmaps -> masks in memory (o->out unused): the exit code; *out is set
 * (caller frees) only on 0. Errors are printed. */
struct cx_segfile;
int	segment_maps_build(const struct segment_opts *o, struct cx_segfile *out);
/* The order that groups n ids (a stable sort: equal ids keep their order)
 * into ord; returns the number of id comparisons made, at most
 * n * ceil(log2 n) (tests/unit/test_segment_group.c holds it to that). */
size_t	segment_maps_group(const char *const *id, size_t n, size_t *ord);
/* Heatmaps -> masks (tui/segment_maps.c). Returns the exit code. */
int	segment_from_maps(const struct segment_opts *o);

#endif
