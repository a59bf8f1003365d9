/* heatmap: one saliency map with its metadata (SPEC §2.4), read from a
 * *_map.pkl pickle (data-only reader, never executes anything), a .npy or a
 * 16-bit grayscale PNG. */
#ifndef CX_HEATMAP_H
#define CX_HEATMAP_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct cx_heatmap {
	uint32_t	 mh, mw;	/* map size (model resolution) */
	float		*map;		/* mh*mw row-major, owned */
	int		 task;		/* task id (tasks.h), -1 if unknown */
	int		 has_prob;
	double		 prob;		/* the task's probability */
	int		 prob_f32;	/* prob came from a float32 tensor element */
	int		 gt;		/* 0/1, -1 when absent */
	uint32_t	 cxr_w, cxr_h;	/* original image size (cxr_dims is (w, h)); 0 if absent */
};

/* Load a heatmap file; by the extension: .pkl, .npy, .png. For .npy/.png the
 * cxr size is 0 unless given. Never touches cxr_img beyond skipping it. */
int	cx_heatmap_load(struct cx_heatmap *hm, const char *path, struct cx_err *err);
void	cx_heatmap_fini(struct cx_heatmap *hm);

/* A heatmap file name split into id and pathology ("<id>_<Pathology>_map.pkl"). */
struct cx_heatmap_name {
	char	*id;
	int	 task;
};
/* Parse a file name (no folder). -1 when it does not follow the pattern. */
int	cx_heatmap_parse_name(const char *name, struct cx_heatmap_name *out);

/* All heatmap files of a folder (recursive), sorted by path. */
struct cx_heatmap_list {
	size_t	  n;
	char	**path;		/* owned */
	char	**id;		/* owned */
	int	 *task;
};
int	cx_heatmap_list_dir(struct cx_heatmap_list *l, const char *dir, struct cx_err *err);
void	cx_heatmap_list_fini(struct cx_heatmap_list *l);

#endif
