/* compose: the picture the explorer, `show` and `export` display — a CXR
 * resampled to a target pixel size with masks, error maps, heatmaps and points
 * drawn over it, into an 8-bit RGB buffer. Pure pixel work: no terminal. */
#ifndef CX_COMPOSE_H
#define CX_COMPOSE_H

#include <stddef.h>
#include <stdint.h>

#include "rle.h"

/* Heat values below this fade in linearly (opacity alpha * v / fade). */
#define CX_HEAT_FADE	0.2f

enum cx_layer_kind {
	CX_LAYER_MASK,		/* one mask: fill + contour in one colour */
	CX_LAYER_ERROR,		/* a (GT) vs b (prediction): TP / FP / FN colours */
	CX_LAYER_HEAT,		/* heatmap through a colormap */
	CX_LAYER_HEATSET,	/* several pathologies' heatmaps at once (see below) */
};

/* CX_CMAP_RAMP: from the layer's ramp[0] (low) to ramp[1] (high), one hue:
 * the heatmap drawn with an error map, apart from its TP / FP / FN colours. */
enum cx_colormap { CX_CMAP_JET, CX_CMAP_VIRIDIS, CX_CMAP_GRAY, CX_CMAP_RAMP };

/* Hatching patterns without colour (NO_COLOR): one per pathology, told
 * apart by direction and spacing. */
#define CX_NPATTERNS	10
/* and the error map's three (true / false positive, false negative) */
enum { CX_PAT_TP = CX_NPATTERNS, CX_PAT_FP, CX_PAT_FN };

/* One heatmap of a CX_LAYER_HEATSET: normalized to [0,1] at model resolution,
 * with its pathology's colour. */
struct cx_heatsrc {
	const float	*heat;		/* hh*hw row-major */
	uint32_t	 hh, hw;
	uint8_t		 rgb[3];
};

struct cx_layer {
	enum cx_layer_kind	 kind;
	const struct cx_rle	*a;		/* mask, or the GT of an error map */
	const struct cx_rle	*b;		/* prediction of an error map */
	uint8_t			 rgb[3];	/* mask colour */
	uint8_t			 tp[3], fp[3], fn[3];
	float			 alpha;		/* fill opacity 0..1 (0: contour only) */
	int			 contour;	/* draw the outline in full colour */
	int			 hatch;		/* hatching instead of a fill */
	int			 pattern;	/* which hatching, 0..CX_NPATTERNS-1 */
	uint8_t			 ramp[2][3];	/* CX_CMAP_RAMP's low and high colours */
	const float		*heat;		/* hh*hw row-major, model resolution */
	uint32_t		 hh, hw;
	enum cx_colormap	 cmap;
	float			 heat_min;	/* heat values <= min are transparent */
	/* CX_LAYER_HEATSET: at each pixel the pathology whose map is highest
	 * there wins; the pixel takes its colour with an opacity rising linearly
	 * from 0 at heat_min to alpha at 1 (by_cmap: the highest value through
	 * cmap instead, for NO_COLOR). Values <= heat_min stay transparent. */
	const struct cx_heatsrc	*set;
	size_t			 nset;
	int			 by_cmap;
};

struct cx_point {
	double		x, y;		/* full-resolution column, row */
	uint8_t		rgb[3];
	int		ring;		/* 1: ring (salient point), 0: crosshair */
};

struct cx_compose {
	const uint8_t	*gray;		/* gw*gh 8-bit, possibly a DCT-scaled decode */
	uint32_t	 gw, gh;
	uint32_t	 full_w, full_h;	/* original size: masks and points live here */
	uint32_t	 cx, cy, cw, ch;	/* crop window in full-resolution pixels */
	const struct cx_layer	*layers;	/* drawn in order */
	size_t		 nlayers;
	const struct cx_point	*points;
	size_t		 npoints;
	/* Window / level of the film (grey values, as DICOM's linear VOI
	 * function): centre and width; width 0 or (128, 256) = as decoded. */
	double		 level, window;
	int		 invert;	/* dark for bright (after the window) */
};

/* Largest (w, h) inside (box_w, box_h) with the aspect of (img_w, img_h);
 * both at least 1. */
void	cx_compose_fit(uint32_t img_w, uint32_t img_h, uint32_t box_w, uint32_t box_h,
	    uint32_t *w, uint32_t *h);
/* Crop window of a zoom level (1 = whole image, 2 = half the side, ...) centred
 * at (col, row) full-resolution, clamped inside the image. */
void	cx_compose_zoom(struct cx_compose *c, double zoom, double col, double row);
/* Render ow x oh RGB (caller frees). The crop window must lie inside the image
 * and masks must be full_h x full_w (others are skipped). */
uint8_t	*cx_compose_render(const struct cx_compose *c, uint32_t ow, uint32_t oh);
/* Full-resolution (col, row) under output pixel (ox, oy). */
void	cx_compose_to_full(const struct cx_compose *c, uint32_t ow, uint32_t oh,
	    uint32_t ox, uint32_t oy, uint32_t *col, uint32_t *row);
/* A colormap value for t in [0,1] (CX_CMAP_RAMP: grey, see cx_colormap_ramp). */
void	cx_colormap(enum cx_colormap m, float t, uint8_t rgb[3]);
/* The ramp from lo to hi at t in [0,1]. */
void	cx_colormap_ramp(const uint8_t lo[3], const uint8_t hi[3], float t, uint8_t rgb[3]);
/* Is output pixel (x, y) on the lines of hatching pattern k? */
int	cx_compose_pattern(int k, uint32_t x, uint32_t y);
/* The film's grey g after window / level and invert (c's fields). */
uint8_t	cx_compose_window(const struct cx_compose *c, uint8_t g);
/* Heatmap value at a full-resolution pixel, bilinear on the model-resolution map
 * (same convention as the renderer). */
float	cx_compose_heat_at(const float *heat, uint32_t hh, uint32_t hw,
	    uint32_t full_w, uint32_t full_h, double col, double row);

#endif
