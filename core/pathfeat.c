/* pathfeat: compute_pathology_features.py, reproduced. */
#include "pathfeat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "contour.h"
#include "fmt.h"
#include "xalloc.h"

const char *const cx_pathfeat_files[CX_NFEAT] = {
	"num_instances.csv", "area_ratio.csv", "elongation.csv", "rec_area_ratio.csv",
};

/* The measures from the contours of a mask (see cx_pathfeat_shape); the
 * contours are freed. */
static int
shape_of(struct cx_contours *cs_, double *elong, double *rect)
{
	struct cx_contours cs = *cs_;
	size_t best = 0;
	double rw, rh, area;

	*elong = *rect = NAN;
	if (cs.n == 0) {
		cx_contours_fini(&cs);
		return 0;
	}
	/* np.argmax over the lengths: the first longest in OpenCV's order */
	for (size_t i = 1; i < cs.n; i++)
		if (cs.c[i].n > cs.c[best].n)
			best = i;
	cx_contour_min_area_rect(&cs.c[best], &rw, &rh);
	area = cx_contour_area(&cs.c[best]);
	cx_contours_fini(&cs);
	if (rw == 0 || rh == 0)
		return 1;
	*elong = (rw > rh ? rw : rh) / (rw < rh ? rw : rh);
	*rect = area / (rw * rh);
	return 0;
}

int
cx_pathfeat_shape(const uint8_t *m, uint32_t h, uint32_t w, double *elong,
    double *rect)
{
	struct cx_contours cs;

	cx_contours_find(&cs, m, h, w, CX_RETR_LIST, CX_CHAIN_NONE);
	return shape_of(&cs, elong, rect);
}

/* The mask cropped to its bounding box (row-major) inside a one-pixel zero
 * frame, as cx_contours_find_framed takes it. Contours, contour area and
 * rectangle sides only depend on coordinate differences, and the scan order
 * inside the box is the same, so the crop changes nothing but speed. Runs
 * are cut at column ends, so no pixel needs a division. */
static uint8_t *
crop_mask(const struct cx_rle *r, uint32_t *ch, uint32_t *cw, uint64_t *set)
{
	uint32_t y0, x0, y1, x1;
	uint64_t pos = 0;
	uint8_t *m;
	size_t W;

	*set = 0;
	if (!cx_rle_bbox(r, &y0, &x0, &y1, &x1))
		return NULL;
	*ch = y1 - y0 + 1;
	*cw = x1 - x0 + 1;
	W = (size_t)*cw + 2;
	m = cx_xcalloc(((size_t)*ch + 2) * W, 1);
	for (size_t i = 0; i < r->n; i++) {
		uint64_t s = pos, e = pos + r->counts[i], x, y;
		pos = e;
		if (!(i & 1) || s == e)
			continue;
		*set += e - s;
		x = s / r->h;
		y = s % r->h;
		while (s < e) {
			uint64_t len = e - s < r->h - y ? e - s : r->h - y;
			uint8_t *q = m + (size_t)(y - y0 + 1) * W + (size_t)(x - x0 + 1);
			for (uint64_t k = 0; k < len; k++, q += W)
				*q = 1;
			s += len;
			x++;
			y = 0;
		}
	}
	return m;
}

int
cx_pathfeat_compute(struct cx_pathfeat *f, const struct cx_annfile *ann,
    const struct cx_segfile *seg)
{
	memset(f, 0, sizeof *f);
	f->id = cx_xreallocarray(NULL, ann->n ? ann->n : 1, sizeof *f->id);
	for (int k = 0; k < CX_NFEAT; k++)
		f->v[k] = cx_xreallocarray(NULL, ann->n * CX_NTASKS + 1, sizeof(double));
	/* the annotation file's ids, sorted, are the rows */
	for (size_t r = 0; r < ann->n; r++) {
		const struct cx_annentry *a = &ann->e[r];
		const struct cx_segentry *e = cx_segfile_find(seg, a->id);

		f->id[f->n++] = cx_xstrdup(a->id);
		for (int t = 0; t < CX_NTASKS; t++) {
			size_t at = r * CX_NTASKS + (size_t)t;
			uint32_t ch = 0, cw = 0;
			uint64_t set = 0;
			uint8_t *m;
			struct cx_contours cs;

			f->v[CX_FEAT_NINST][at] = 0;
			f->v[CX_FEAT_AREA][at] = 0;
			f->v[CX_FEAT_ELONG][at] = NAN;
			f->v[CX_FEAT_RECT][at] = NAN;
			if (e == NULL || (m = crop_mask(&e->m[t], &ch, &cw, &set)) == NULL)
				continue;
			/* instances come from the annotation, the rest from the mask */
			f->v[CX_FEAT_NINST][at] = (double)a->npoly[t];
			f->v[CX_FEAT_AREA][at] = (double)set /
			    ((double)e->m[t].h * (double)e->m[t].w);
			cx_contours_find_framed(&cs, m, ch, cw, CX_RETR_LIST, CX_CHAIN_NONE);
			if (shape_of(&cs, &f->v[CX_FEAT_ELONG][at],
			    &f->v[CX_FEAT_RECT][at]) == 1) {
				if (f->nthin++ == 0)
					snprintf(f->thin_first, sizeof f->thin_first,
					    "%s/%s", a->id, cx_task_names[t]);
			}
			free(m);
		}
	}
	return 0;
}

void
cx_pathfeat_write(const struct cx_pathfeat *f, enum cx_feature which, FILE *fp)
{
	const double *v = f->v[which];
	int isint[CX_NTASKS];
	char buf[40];

	/* pandas keeps a column of Python ints as int64: num_instances always,
	 * area_ratio when no CXR has that pathology (0 instead of 0.0) */
	for (int t = 0; t < CX_NTASKS; t++) {
		isint[t] = which == CX_FEAT_NINST;
		if (which == CX_FEAT_AREA) {
			isint[t] = 1;
			for (size_t r = 0; r < f->n; r++)
				if (v[r * CX_NTASKS + (size_t)t] != 0)
					isint[t] = 0;
		}
	}
	for (int k = 0; k < CX_NTASKS; k++)
		fprintf(fp, "%s,", cx_task_names[cx_task_sorted[k]]);
	fputs("img_id\n", fp);
	for (size_t r = 0; r < f->n; r++) {
		for (int k = 0; k < CX_NTASKS; k++) {
			int t = cx_task_sorted[k];
			double x = v[r * CX_NTASKS + (size_t)t];
			if (isint[t])
				fprintf(fp, "%.0f,", x);
			else
				fprintf(fp, "%s,", cx_fmt_csv(x, buf));
		}
		/* ids with a comma or quote would need CSV quoting */
		if (strpbrk(f->id[r], ",\"\n\r") != NULL) {
			fputc('"', fp);
			for (const char *p = f->id[r]; *p; p++) {
				if (*p == '"')
					fputc('"', fp);
				fputc(*p, fp);
			}
			fputs("\"\n", fp);
		} else
			fprintf(fp, "%s\n", f->id[r]);
	}
}

void
cx_pathfeat_fini(struct cx_pathfeat *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->id[i]);
	free(f->id);
	for (int k = 0; k < CX_NFEAT; k++)
		free(f->v[k]);
	memset(f, 0, sizeof *f);
}
