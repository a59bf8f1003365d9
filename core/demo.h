/* demo: a deterministic synthetic CheXlocalize dataset in the official formats
 * and names (SPEC §2): phantom chest JPEGs, valid.csv, GT and human-benchmark
 * annotations, segmentations and salient points, Grad-CAM-like heatmap pickles
 * (the published legacy torch form) and a prediction segmentation file. */
#ifndef CX_DEMO_H
#define CX_DEMO_H

#include <stdint.h>

#include "err.h"
#include "pool.h"

struct cx_demo_opts {
	uint64_t	 seed;
	unsigned	 count;		/* CXRs (1..5000) */
	int		 full_size;	/* 2000-3000 px images, (3,320,320) cxr_img */
	int		 nthreads;	/* <= 0: one per core */
	cx_pool_progress progress;	/* may be NULL */
	void		*pctx;
};

/* Write the dataset into dir (created if needed). The same seed and options
 * give byte-identical files. The marker DIR/.chexplore-demo is written last.
 * On failure -1 with err (files already written stay). */
int	cx_demo_write(const char *dir, const struct cx_demo_opts *o, struct cx_err *err);

/* Every file the demo writes, relative to dir (NULL-terminated list of the
 * fixed names; images and heatmaps are below valid/ and gradcam_maps_val/). */
extern const char *const cx_demo_files[];

#endif
