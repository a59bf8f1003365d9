/* mapseg: the precision dispatch (see mapseg.h). */
#include "mapseg.h"

#include "h2s64.h"
#include "resize.h"
#include "resize64.h"

void
cx_mapseg_segment(const struct cx_heatmap *hm, uint32_t h, uint32_t w,
    const struct cx_h2s_opts *o, struct cx_rle *out)
{
	if (hm->map64 != NULL)
		cx_h2s64_segment(hm, h, w, o, out);
	else
		cx_h2s_segment(hm, h, w, o, out);
}

int
cx_mapseg_classify(const struct cx_heatmap *hm, uint32_t h, uint32_t w, const double *t,
    int n, uint8_t *cls)
{
	float tf[255];

	if (hm->map64 != NULL)
		return cx_h2s64_classify(hm, h, w, t, n, cls);
	if (n > 255)
		n = 255;
	/* a float32 array against a float64 scalar compares in float32 */
	for (int k = 0; k < n; k++)
		tf[k] = (float)t[k];
	return cx_h2s_classify(hm->map, hm->mh, hm->mw, h, w, tf, n, cls);
}

void
cx_mapseg_argmax(const struct cx_heatmap *hm, uint32_t oh, uint32_t ow, uint32_t *row,
    uint32_t *col)
{
	if (hm->map64 != NULL)
		cx_resize64_argmax(hm->map64, hm->mh, hm->mw, oh, ow, row, col);
	else
		cx_resize_argmax(hm->map, hm->mh, hm->mw, oh, ow, row, col);
}
