/* scene: the overlay settings of a picture and its rendering (RGB, no
 * terminal). Shared by the explorer, `show` and `export`. The thread that owns
 * the struct model_cxr (the explorer's event loop) renders it. */
#ifndef UI_SCENE_H
#define UI_SCENE_H

#include <stdint.h>

#include "model.h"

/* Overlay switches. */
enum {
	OV_GT = 1, OV_PRED = 2, OV_ERROR = 4, OV_HEAT = 8, OV_POINTS = 16,
};

struct scene {
	int		task;		/* pathology, -1 = all */
	unsigned	ov;
	float		mask_alpha, heat_alpha;
	int		nocolor;	/* contours and hatching instead of fills */
	double		zoom, zx, zy;	/* zoom level and centre (full-res pixels) */
	int		which_pred;	/* 0 first prediction file, 1 the second */
	double		thr[CX_NTASKS];	/* live thresholds, NaN = the file's masks */
	uint8_t		pal[CX_NTASKS][3];	/* pathology colours */
	uint8_t		tp[3], fp[3], fn[3], point[3];
	int		force_gt_only;	/* side by side: 1 only GT, -1 only prediction (filled) */
	int		probe;		/* draw the probe crosshair at (px, py) */
	double		px, py;
};

/* Default scene (all overlays off except GT, pathology palette). */
void	scene_init(struct scene *s);
/* Parse "gt,pred,error,heatmap,points" (also "all", "none"); -1 when bad. */
int	scene_parse_overlays(const char *s, unsigned *ov);
/* Full-resolution pixel under picture pixel (ox, oy) of an ow x oh render. */
void	scene_to_full(const struct model_cxr *c, const struct scene *s, uint32_t ow,
	    uint32_t oh, uint32_t ox, uint32_t oy, uint32_t *col, uint32_t *row);
/* Render CXR c with the scene at ow x oh (caller frees). */
uint8_t	*scene_render(struct model *m, struct model_cxr *c, const struct scene *s,
	    uint32_t ow, uint32_t oh);

#endif
