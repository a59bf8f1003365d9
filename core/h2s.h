/* h2s: heatmap -> binary segmentation (SPEC §3 "Heatmap -> segmentation"):
 * torch resize, float32 min-max normalization, then a fixed threshold
 * (m > t in float32) or Otsu on uint8(255*m) (OpenCV THRESH_OTSU) followed by
 * contour filling (RETR_TREE, CHAIN_APPROX_SIMPLE, single points dropped,
 * each contour drawn with the Pillow polygon rule), optionally after JET
 * colormap smoothing. The pieces are exported so that threshold tuning can
 * normalize a map once and try several thresholds on it. */
#ifndef CX_H2S_H
#define CX_H2S_H

#include <stddef.h>
#include <stdint.h>

#include "heatmap.h"
#include "rle.h"

struct cx_h2s_opts {
	int	 otsu;		/* 1: Otsu (default), 0: fixed threshold */
	float	 threshold;	/* float32 threshold for otsu == 0 */
	double	 threshold64;	/* the same as given, for a float64 map (h2s64) */
	int	 smooth_k;	/* > 0: JET/box smoothing with a k x k kernel (Otsu only) */
};

/* Resize hm->map to h x w (torch bilinear) and normalize in float32:
 * out = (m - min) / max(m - min), h*w row-major floats (caller allocates).
 * Returns 1 when the resized map is constant (0/0: NaN everywhere, an empty
 * mask whatever the method; out is then filled with NaN), else 0. */
int	cx_h2s_normalized(const struct cx_heatmap *hm, uint32_t h, uint32_t w, float *out);
/* Same on a bare map. */
int	cx_h2s_normalize_map(const float *map, uint32_t mh, uint32_t mw, uint32_t h,
	    uint32_t w, float *out);
/* mask[i] = norm[i] > t, compared in float32 (NaN gives 0). */
void	cx_h2s_threshold(const float *norm, size_t n, float t, uint8_t *mask);
/* NumPy's uint8(255 * m) on float32 m (truncation; NaN gives 0). */
void	cx_h2s_to_u8(const float *norm, size_t n, uint8_t *u8);
/* OpenCV getThreshVal_Otsu_8u on a 256-bin histogram of n pixels. */
int	cx_h2s_otsu_hist(const uint64_t hist[256], uint64_t n);
/* OpenCV smoothing used by the reference, in place on a row-major u8 image:
 * applyColorMap(JET), cvtColor(RGB2GRAY) on the BGR result, boxFilter k x k
 * (normalized, BORDER_REFLECT_101), then 255 - gray. */
void	cx_h2s_smooth(uint8_t *u8, uint32_t h, uint32_t w, int k);
/* Fill the contours (RETR_TREE, CHAIN_APPROX_SIMPLE, more than one point) of
 * the nonzero pixels of bin into mask (both row-major h x w; mask zeroed
 * here). */
void	cx_h2s_fill_contours(const uint8_t *bin, uint32_t h, uint32_t w, uint8_t *mask);
/* The 256-bin histogram of uint8(255 * normalized map) at h x w, as
 * cx_h2s_to_u8 on the full map would count it, without the full map.
 * Returns 1 (hist zero) for a NaN, constant or empty map, else 0. */
int	cx_h2s_u8_histogram(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w,
	    uint64_t hist[256]);
/* Threshold classes without materializing the resized map: cls[i] (h*w
 * bytes, row-major, caller allocates) = the number of k < n (n <= 255) with
 * norm(v_i) > t[k] in float32, computing only the blocks where that is not
 * decided by bounds. Returns 1 (all classes 0) for a constant or NaN map,
 * else 0. */
int	cx_h2s_classify(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w,
	    const float *t, int n, uint8_t *cls);
/* For the tests: 1 makes the histogram take its row-segment path even where
 * its stretches apply, 2 its stretches with the two-cut loop even on a CPU
 * with AVX2, 0 (the default) the fastest path that applies. */
void	cx_h2s_force_path(int path);
/* For the tests: 1 makes cx_h2s_segment smooth through the full float32
 * map (cx_h2s_segment_norm) instead of cx_h2s_smooth_segment. */
void	cx_h2s_force_smooth_full(int on);
/* Otsu after smoothing with a k x k box (k >= 1) straight from the map
 * (h2s_smooth.c): the same mask as cx_h2s_segment_norm without the float32
 * map at full size. Returns -1 (out untouched) for an empty, NaN or
 * constant map, which the full path handles, else 0. */
int	cx_h2s_smooth_segment(const float *map, uint32_t mh, uint32_t mw, uint32_t h,
	    uint32_t w, int k, struct cx_rle *out);
struct cx_contours;
/* The filled contours (each of more than one point drawn with the Pillow
 * polygon rule) straight to the column-major RLE of an h x w mask. */
void	cx_h2s_fill_contours_rle(const struct cx_contours *cs, uint32_t h, uint32_t w,
	    struct cx_rle *out);
/* The whole pipeline for one heatmap at output size h x w. */
void	cx_h2s_segment(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
	    const struct cx_h2s_opts *o, struct cx_rle *out);
/* Otsu from uint8(255 * normalized map) on: smoothing (o->smooth_k), the
 * histogram, Otsu's threshold, contour filling; a is clobbered. */
void	cx_h2s_segment_u8(uint8_t *a, uint32_t h, uint32_t w, const struct cx_h2s_opts *o,
	    struct cx_rle *out);
/* Same from an already normalized map (norm is clobbered when o->otsu). */
void	cx_h2s_segment_norm(float *norm, int degenerate, uint32_t h, uint32_t w,
	    const struct cx_h2s_opts *o, struct cx_rle *out);

#endif
