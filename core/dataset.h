/* dataset: a CheXlocalize folder found by the official file names (SPEC §2),
 * joined by image id. Discovery never decodes an image or reads a heatmap:
 * it lists folders, reads the label CSVs and the segmentation JSONs, and only
 * scans the top-level keys of annotation and salient-point files. */
#ifndef CX_DATASET_H
#define CX_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "labels.h"
#include "segjson.h"
#include "segscan.h"
#include "tasks.h"

enum cx_ds_role {
	CX_DS_LABELS,		/* valid.csv, val_labels.csv, test_labels.csv */
	CX_DS_GT_SEG,		/* gt_segmentations_*.json */
	CX_DS_GT_ANN,		/* gt_annotations_*.json */
	CX_DS_HB_SEG,		/* hb_segmentations_*.json */
	CX_DS_HB_ANN,		/* hb_annotations_*.json */
	CX_DS_HB_PTS,		/* hb_salient_pt*.json */
	CX_DS_PRED_SEG,		/* *saliency*.json, gradcam_segmentations_*.json, pred*.json */
	CX_DS_HEATMAPS,		/* gradcam_maps_* or any folder of *_map.pkl */
	CX_DS_NROLES
};

/* Most files (or heatmap folders) joined: one bit each in cx_ds_cxr.in. */
#define CX_DS_MAXFILES	64

struct cx_ds_file {
	enum cx_ds_role	 role;
	char		*path;		/* file, or folder for CX_DS_HEATMAPS */
	char		*name;		/* basename */
	size_t		 nids;		/* CXRs it holds */
	size_t		 nitems;	/* heatmaps (CX_DS_HEATMAPS) */
	int		 failed;	/* could not be read: see err */
	int		 rasterized;	/* *_SEG made from the annotation file at path */
	struct cx_err	 err;
	struct cx_segfile seg;		/* loaded for *_SEG roles */
	struct cx_labels labels;	/* loaded for CX_DS_LABELS */
	char		**heat;		/* CX_DS_HEATMAPS: ds->n * CX_NTASKS paths (NULL = none), cxr-major */
};

struct cx_ds_cxr {
	char		*id;		/* patient64541_study1_view1_frontal */
	char		*patient;	/* patient64541 */
	char		*study;		/* study1 */
	char		*view;		/* view1_frontal */
	char		*image;		/* path, NULL when no image was found */
	const struct cx_labelrow *labels;	/* NULL when no CSV has it */
	uint64_t	 in;		/* bit f: ds->file[f] holds this id */
};

struct cx_dataset {
	char			*dir;
	size_t			 nfile;
	struct cx_ds_file	 file[CX_DS_MAXFILES];
	size_t			 n;
	struct cx_ds_cxr	*cxr;		/* sorted by id */
	size_t			 npatients;
	size_t			 nnotes;
	char			**notes;	/* what is missing or odd, one line each */
};

/* Explicit paths override discovery of their role (NULL: discover). */
struct cx_dataset_opts {
	const char	*path[CX_DS_NROLES];
	const char	*images;	/* folder holding patient*\/study*\/view* images */
	/* When GT (or HB) annotations exist but no segmentation file of that kind,
	 * rasterize them (SPEC §2.2) into a CX_DS_GT_SEG (CX_DS_HB_SEG) file entry
	 * whose path is the annotation file. Costs a few tens of ms at 234 CXRs. */
	int		 rasterize;
	/* Segmentation files read by cx_segscan_load: masks decoded when first
	 * asked (the explorer); 0: every mask decoded at open (the commands). */
	int		 lazy_masks;
};

/* Discover and join. opts may be NULL. Fails (-1) only when dir cannot be read
 * or an explicit path is unreadable; a discovered file that fails to parse is
 * kept with failed = 1 and its err, and a note. */
int	cx_dataset_open(struct cx_dataset *ds, const char *dir,
	    const struct cx_dataset_opts *opts, struct cx_err *err);
/* Parses every annotation and salient-point file in full (cx_dataset_open
 * only scans their keys), marking a file that does not parse as failed with
 * its error. Returns the number of failed files. */
int	cx_dataset_check_files(struct cx_dataset *ds);
void	cx_dataset_fini(struct cx_dataset *ds);

/* Index of a CXR id, or -1. */
long	cx_dataset_find(const struct cx_dataset *ds, const char *id);
/* First file of a role (index into ds->file), or -1. */
int	cx_dataset_role(const struct cx_dataset *ds, enum cx_ds_role role);
/* Heatmap path of CXR i for a task in heatmap folder f, or NULL. */
const char *cx_dataset_heatmap(const struct cx_dataset *ds, int f, size_t i, int task);
/* Short name of a role ("GT segmentations", ...). */
const char *cx_dataset_role_name(enum cx_ds_role role);
/* Role of a file name by the official names, or -1 when not a dataset file. */
int	cx_dataset_classify(const char *name);

#endif
