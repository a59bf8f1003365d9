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
	double		*map64;		/* the same map when it was stored as float64
					 * (the reference then computes in float64:
					 * core/h2s64), else NULL; owned */
	int		 task;		/* task id (tasks.h), -1 if unknown */
	int		 has_prob;
	double		 prob;		/* the task's probability */
	int		 prob_form;	/* how 'prob' was stored: enum cx_heatmap_prob */
	int		 prob_f32;	/* its elements are float32 */
	int		 gt;		/* 0/1, -1 when absent */
	uint32_t	 cxr_w, cxr_h;	/* original image size (cxr_dims is (w, h)); 0 if absent */
};

/* The forms of 'prob'; each decides the precision of the reference's
 * comparison with a float64 cutoff (see cx_heatmap_prob_below/above). */
enum cx_heatmap_prob {
	CX_PROB_NUMBER,		/* Python float, NumPy scalar, 0-d NumPy array */
	CX_PROB_TENSOR1,	/* a tensor of one element (0-d or not) */
	CX_PROB_TENSOR14,	/* a 14-element tensor, indexed by the task */
	CX_PROB_ARRAY1,		/* a NumPy array of one element, ndim >= 1 */
	CX_PROB_ARRAY14		/* a 14-element NumPy array (the reference stops) */
};

/* heatmap_to_segmentation.py's `pred_prob < prob_cutoff` (segment, the
 * explorer's derived predictions): a 14-element tensor goes through .item()
 * and compares in float64; a one-element tensor or NumPy array (ndim >= 1)
 * compares in its own dtype (torch and NumPy's value-based casting keep
 * float32 against a float64 scalar); numbers and 0-d arrays in float64. */
int	cx_heatmap_prob_below(const struct cx_heatmap *hm, double cutoff);
/* tune_probability_threshold.py's `pred_prob > cutoff` (tune prob-cutoffs):
 * the same, except that a 14-element tensor is indexed without .item(), so
 * a float32 one compares in float32. */
int	cx_heatmap_prob_above(const struct cx_heatmap *hm, double cutoff);

/* Load a heatmap file; by the extension: .pkl, .npy, .png. For .npy/.png the
 * cxr size is 0 unless given. Never touches cxr_img beyond skipping it. */
int	cx_heatmap_load(struct cx_heatmap *hm, const char *path, struct cx_err *err);
void	cx_heatmap_fini(struct cx_heatmap *hm);

/* A heatmap file name split into id and pathology ("<id>_<Pathology>_map.pkl"). */
struct cx_heatmap_name {
	char	*id;
	int	 task;
};
/* Parse a file name (no folder). -1 when it does not follow the pattern;
 * CX_HEATMAP_LUNG_OPACITY when the pathology is "Lung Opacity": the
 * reference's scripts skip such files (heatmap_to_segmentation.py and eval.py
 * find no localization task in the name, tune_*.py match *{task}_map.pkl),
 * so every command and the explorer skip them too, with a note. */
#define CX_HEATMAP_LUNG_OPACITY	(-2)
/* The note every command gives (printf format, one %zu: the count). */
#define CX_HEATMAP_LUNG_OPACITY_NOTE \
	"%zu heatmap file(s) named \"Lung Opacity\" skipped, as the reference " \
	"does (name them \"Airspace Opacity\")"
int	cx_heatmap_parse_name(const char *name, struct cx_heatmap_name *out);

/* All heatmap files of a folder (recursive), sorted by path. */
struct cx_heatmap_list {
	size_t	  n;
	char	**path;		/* owned */
	char	**id;		/* owned */
	int	 *task;
	size_t	  nlungop;	/* "<id>_Lung Opacity_map.*" files skipped */
};
int	cx_heatmap_list_dir(struct cx_heatmap_list *l, const char *dir, struct cx_err *err);
void	cx_heatmap_list_fini(struct cx_heatmap_list *l);

#endif
