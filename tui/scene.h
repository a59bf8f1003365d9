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
	int		which_pred;	/* the method drawn (index into model.meth) */
	double		thr[CX_NTASKS];	/* live thresholds, NaN = the file's masks */
	uint8_t		pal[CX_NTASKS][3];	/* pathology colours */
	uint8_t		tp[3], fp[3], fn[3], point[3];
	int		force_gt_only;	/* side by side: 1 only GT, -1 only prediction (filled) */
	int		probe;		/* draw the probe crosshair at (px, py) */
	double		px, py;
	/* Reading the film: window / level of the grey values (centre and
	 * width, 128 / 256 = as decoded) and inverted grey. */
	double		level, window;
	int		invert;
};

/* The one-hue ramp (low, high) of a heatmap drawn beside the error map. */
void	scene_heat_ramp(const struct scene *s, uint8_t lo[3], uint8_t hi[3]);
/* The film as decoded (window / level and invert at their defaults)? */
int	scene_film_plain(const struct scene *s);

/* What the legend says about a picture: one item per thing drawn, in the
 * order shown. The explorer lays them out in terminal cells, the annotated
 * export in pixels: one list for both. */
enum legend_kind {
	LG_FILL,	/* a filled swatch (NO_COLOR: its hatching) */
	LG_OUTLINE,	/* an outlined swatch */
	LG_BAR,		/* a colour bar from lo to hi */
	LG_MARK,	/* a point's mark ('+' or 'o') */
	LG_NOTE,	/* text only */
};

struct legend_item {
	enum legend_kind	 kind;
	uint8_t			 rgb[3];
	int			 pattern;	/* NO_COLOR hatching (cx_compose_pattern), -1 none */
	char			 mark;		/* LG_MARK: '+' or 'o' */
	char			 text[96];
	enum cx_colormap	 cmap;		/* LG_BAR */
	uint8_t			 ramp[2][3];
	float			 t0;		/* the bar starts at this value of the map */
	char			 lo[24], hi[24];	/* the bar's ends as labelled */
};

#define SCENE_LEGEND_MAX	32

/* The legend of CXR c drawn with s; returns the number of items. */
size_t	scene_legend(struct model *m, struct model_cxr *c, const struct scene *s,
	    struct legend_item *it, size_t max);
/* The longest legend any CXR of the dataset may have with s: as if the
 * npos longest pathology names were drawn and a heatmap's range took its
 * widest form (the explorer keeps that many rows, whatever CXR is shown). */
size_t	scene_legend_worst(struct model *m, const struct scene *s, int npos,
	    struct legend_item *it, size_t max);
/* The colour of a bar at u in [0, 1] along it. */
void	scene_legend_bar(const struct legend_item *it, double u, uint8_t rgb[3]);
/* The picture's title: id, pathology, prediction shown, threshold, zoom,
 * window / level. */
void	scene_title(const struct model *m, const struct model_cxr *c, const struct scene *s,
	    char *buf, size_t n);
/* The picture rgb (w x h, rendered from s) with a title band above and the
 * legend below, drawn in the built-in font: the annotated export, the same
 * for the explorer's 'o' and `export --annotate`. *W x *H is its size. */
uint8_t	*scene_annotate(struct model *m, struct model_cxr *c, const struct scene *s,
	    const uint8_t *rgb, uint32_t w, uint32_t h, uint32_t *W, uint32_t *H);
/* CXR i drawn with s (without the probe), fitted to bw x bh pixels, as a PNG
 * at path (atomically), annotated or not: `export` and the explorer's 'o'.
 * The CXR is decoded for the box times the zoom. *pw x *ph is the size
 * written. -1 with err when the image cannot be read or the file written. */
int	scene_export(struct model *m, size_t i, const struct scene *s, uint32_t bw, uint32_t bh,
	    int annotate, const char *path, uint32_t *pw, uint32_t *ph, struct cx_err *err);

/* The single-pathology prediction outline's colour (magenta). */
extern const uint8_t scene_pred_rgb[3];

/* Default scene (all overlays off except GT, pathology palette). */
void	scene_init(struct scene *s);
/* Parse "gt,pred,error,heatmap,points" (also "all", "none"); -1 when bad. */
int	scene_parse_overlays(const char *s, unsigned *ov);
/* Full-resolution pixel under picture pixel (ox, oy) of an ow x oh render. */
void	scene_to_full(const struct model_cxr *c, const struct scene *s, uint32_t ow,
	    uint32_t oh, uint32_t ox, uint32_t oy, uint32_t *col, uint32_t *row);
/* The overlay colours in the order of --colours (the ten pathologies in
 * table order, TP, FP, FN, the heatmap maximum): export reads them, 'o'
 * writes them, in this one order. */
#define SCENE_NCOLOURS	(CX_NTASKS + 4)
void	scene_colour_slots(struct scene *s, uint8_t *slot[SCENE_NCOLOURS]);
/* The salient points of CXR i of method which, when that is a salient-point
 * method (drawn as the prediction: it has no masks); else NULL. */
const struct cx_ptentry *scene_pred_points(const struct model *m, size_t i, int which);
/* Render CXR c with the scene at ow x oh (caller frees). */
uint8_t	*scene_render(struct model *m, struct model_cxr *c, const struct scene *s,
	    uint32_t ow, uint32_t oh);

#endif
