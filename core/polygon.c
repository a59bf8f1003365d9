/* polygon: the scan conversion of Pillow 9.4's ImageDraw.polygon(xy, outline=1,
 * fill=1) on a 1-bit image (SPEC §2.2), reproduced rule for rule.
 *
 * What Pillow 9.4 does, and therefore what we do:
 * - ImageDraw.polygon draws only the fill when outline == fill (it skips the
 *   outline pass when ink == fill), so there is no separate outline.
 * - The float coordinates are cut to int by a C cast: truncation toward zero.
 * - Edges join consecutive points; a closing edge is added unless the last point
 *   equals the first. Horizontal edges are drawn as they are, as one run each.
 * - Every other edge is scanned on each row y of [ymin, ymax] (its end rows
 *   included): x = (y - y0) * dx + x0 in float32. An edge ending on a row that is
 *   not the last scanned row contributes its crossing twice.
 * - "Discontiguous corners": when a sloped edge's crossing is a whole number and
 *   an earlier edge of the same slope sign starts (or ends) on that same row at
 *   the same x, the crossing list entry at the EARLIER EDGE'S INDEX is replaced
 *   by a value taken from the neighbouring row. The index is an edge index used
 *   as a crossing index (a Pillow quirk); it must be reproduced as is.
 * - The crossings are sorted and paired; each pair (a, b) fills the columns
 *   ROUND_UP(a) .. ROUND_DOWN(b) (swapped when reversed, as hline does), where ROUND_UP/DOWN round half away from /
 *   toward zero with float32 arithmetic for positive values and double for
 *   negative ones (a Pillow macro detail that matters at .5 boundaries).
 * - Scanning runs from max(0, min(h - 1, ymin)) to min(h, max(0, ymax)): the
 *   row h is scanned (and only clipped when drawn), which changes the "last
 *   row" tests above for polygons crossing the bottom border. */
#include "polygon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Coordinates beyond this are clamped: Pillow's int cast is undefined there and
 * our int arithmetic must not overflow. Real annotations are far inside. */
#define COORD_LIM	100000000.0

struct edge {
	int	 x0, y0;		/* first point as given */
	int	 xmin, ymin, xmax, ymax;
	float	 dx;			/* x step per row; 0 for horizontal edges */
};

struct scan {
	uint32_t	 h, w;
	cx_polygon_span_fn fn;
	void		*ctx;
};

static int
coord(double v)
{
	if (!(v == v))
		return 0;
	if (v > COORD_LIM)
		v = COORD_LIM;
	if (v < -COORD_LIM)
		v = -COORD_LIM;
	return (int)v;		/* truncation toward zero, as Pillow's (int) cast */
}

/* Pillow's ROUND_UP / ROUND_DOWN on a float: the positive branch adds 0.5f in
 * float32, the negative branch goes through fabs() and so adds in double. */
static long
round_up(float f)
{
	if (f >= 0.0)
		return (long)floor((double)(f + 0.5f));
	return (long)-floor(fabs((double)f) + 0.5);
}

static long
round_down(float f)
{
	if (f >= 0.0)
		return (long)ceil((double)(f - 0.5f));
	return (long)-ceil(fabs((double)f) - 0.5);
}

/* Pillow's hline: reversed ends are swapped before clipping. A pair of
 * crossings both at k + 0.5 gives ROUND_UP = k + 1 > ROUND_DOWN = k, and Pillow
 * then sets both k and k + 1 (found by differential testing against 9.4). */
static void
run(const struct scan *s, long y, long x0, long x1)
{
	if (y < 0 || y >= (long)s->h)
		return;
	if (x0 > x1) {
		long t = x0;
		x0 = x1;
		x1 = t;
	}
	if (x0 < 0)
		x0 = 0;
	else if (x0 >= (long)s->w)
		return;
	if (x1 < 0)
		return;
	if (x1 >= (long)s->w)
		x1 = (long)s->w - 1;
	if (x0 <= x1)
		s->fn(s->ctx, (uint32_t)y, (uint32_t)x0, (uint32_t)x1);
}

static void
edge_set(struct edge *e, int x0, int y0, int x1, int y1)
{
	e->xmin = x0 <= x1 ? x0 : x1;
	e->xmax = x0 <= x1 ? x1 : x0;
	e->ymin = y0 <= y1 ? y0 : y1;
	e->ymax = y0 <= y1 ? y1 : y0;
	/* float32 division of the int differences, as Pillow */
	e->dx = y0 == y1 ? 0.0f : (float)(x1 - x0) / (float)(y1 - y0);
	e->x0 = x0;
	e->y0 = y0;
}

/* x of edge e on row y, in float32 as Pillow computes it (ISO C mode keeps
 * the compiler from contracting this into an fma). */
static float
edge_x(const struct edge *e, long y)
{
	return (float)(y - e->y0) * e->dx + (float)e->x0;
}

static int
cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* Edge indices sorted by their first row (stable on the index). */
struct order {
	int	 ymin;
	size_t	 idx;
};

static int
cmp_order(const void *a, const void *b)
{
	const struct order *p = a, *q = b;
	if (p->ymin != q->ymin)
		return p->ymin < q->ymin ? -1 : 1;
	return (p->idx > q->idx) - (p->idx < q->idx);
}

static void
fill(const struct scan *s, const struct edge *e, size_t n)
{
	const struct edge **tab;
	struct order *ord;
	size_t *act, nact = 0, ntab = 0, next = 0;
	float *xx;
	long ymin = (long)s->h - 1, ymax = 0, y;

	if (n == 0)
		return;
	tab = cx_xreallocarray(NULL, n, sizeof *tab);
	for (size_t i = 0; i < n; i++) {
		if (ymin > e[i].ymin)
			ymin = e[i].ymin;
		if (ymax < e[i].ymax)
			ymax = e[i].ymax;
		if (e[i].ymin == e[i].ymax) {
			run(s, e[i].ymin, e[i].xmin, e[i].xmax);
			continue;
		}
		tab[ntab++] = &e[i];
	}
	if (ymin < 0)
		ymin = 0;
	if (ymax > (long)s->h)
		ymax = (long)s->h;
	if (ntab == 0) {
		free(tab);
		return;
	}

	/* Pillow walks every edge on every row; we keep the edges crossing the
	 * row in table order, which visits the same edges in the same order. */
	ord = cx_xreallocarray(NULL, ntab, sizeof *ord);
	for (size_t i = 0; i < ntab; i++) {
		ord[i].ymin = tab[i]->ymin;
		ord[i].idx = i;
	}
	qsort(ord, ntab, sizeof *ord, cmp_order);
	act = cx_xreallocarray(NULL, ntab, sizeof *act);
	xx = cx_xcalloc(2 * ntab, sizeof *xx);

	for (y = ymin; y <= ymax; y++) {
		size_t j = 0, m = 0;

		/* drop finished edges, then merge in the ones starting here */
		for (size_t a = 0; a < nact; a++)
			if (tab[act[a]]->ymax >= y)
				act[m++] = act[a];
		nact = m;
		while (next < ntab && ord[next].ymin <= y) {
			size_t id = ord[next++].idx, p = nact;
			if (tab[id]->ymax < y)
				continue;
			while (p > 0 && act[p - 1] > id) {
				act[p] = act[p - 1];
				p--;
			}
			act[p] = id;
			nact++;
		}

		for (size_t a = 0; a < nact; a++) {
			size_t i = act[a];
			const struct edge *cur = tab[i];

			xx[j++] = edge_x(cur, y);
			if (y == cur->ymax && y < ymax) {
				xx[j] = xx[j - 1];
				j++;
				continue;
			}
			if (cur->dx == 0 || roundf(xx[j - 1]) != xx[j - 1])
				continue;
			for (size_t b = 0; b < a; b++) {
				size_t k = act[b];
				const struct edge *o = tab[k];
				float ax, bx, v;
				long off;

				if ((cur->dx > 0 && o->dx <= 0) || (cur->dx < 0 && o->dx >= 0))
					continue;
				if (!((y == cur->ymin && y == o->ymin) ||
				    (y == cur->ymax && y == o->ymax)))
					continue;
				if (xx[j - 1] != edge_x(o, y))
					continue;
				off = y == ymax ? -1 : 1;
				ax = edge_x(cur, y + off);
				bx = edge_x(o, y + off);
				if (y == cur->ymax)
					v = cur->dx > 0 ? fmaxf(ax, bx) + 1 : fminf(ax, bx) - 1;
				else
					v = cur->dx > 0 ? fminf(ax, bx) : fmaxf(ax, bx) + 1;
				/* Pillow stores at the other edge's table index; an index
				 * at or past j is overwritten before it is read. */
				if (k < j)
					xx[k] = v;
				break;
			}
		}
		qsort(xx, j, sizeof *xx, cmp_float);
		for (size_t i = 1; i < j; i += 2)
			run(s, y, round_up(xx[i - 1]), round_down(xx[i]));
	}
	free(xx);
	free(act);
	free(ord);
	free(tab);
}

void
cx_polygon_spans(uint32_t h, uint32_t w, const double *xy, size_t n,
    cx_polygon_span_fn fn, void *ctx)
{
	struct scan s = { .h = h, .w = w, .fn = fn, .ctx = ctx };
	struct edge *e;
	int *p;
	size_t i, ne = 0;

	if (n == 0 || h == 0 || w == 0)
		return;
	p = cx_xreallocarray(NULL, n, 2 * sizeof *p);
	for (i = 0; i < 2 * n; i++)
		p[i] = coord(xy[i]);
	e = cx_xreallocarray(NULL, n, sizeof *e);
	/* Pillow folds a horizontal edge into the previous horizontal edge when
	 * both run the same way; the drawn runs are the same either way, but the
	 * edge count is kept identical for clarity. */
	for (i = 0; i + 1 < n; i++) {
		int x0 = p[2 * i], y0 = p[2 * i + 1], x1 = p[2 * i + 2], y1 = p[2 * i + 3];
		if (y0 == y1 && i != 0 && y0 == p[2 * i - 1] && ne > 0) {
			int px = p[2 * i - 2];
			if (x1 > x0 && x0 > px) {
				e[ne - 1].xmax = x1;
				continue;
			}
			if (x1 < x0 && x0 < px) {
				e[ne - 1].xmin = x1;
				continue;
			}
		}
		edge_set(&e[ne++], x0, y0, x1, y1);
	}
	if (p[2 * i] != p[0] || p[2 * i + 1] != p[1])
		edge_set(&e[ne++], p[2 * i], p[2 * i + 1], p[0], p[1]);
	fill(&s, e, ne);
	free(e);
	free(p);
}

struct rowmask {
	uint8_t		*m;
	uint32_t	 w;
};

static void
set_run(void *ctx, uint32_t y, uint32_t x0, uint32_t x1)
{
	struct rowmask *r = ctx;
	memset(r->m + (size_t)y * r->w + x0, 1, (size_t)x1 - x0 + 1);
}

void
cx_polygon_draw(uint8_t *m, uint32_t h, uint32_t w, const double *xy, size_t n)
{
	struct rowmask r = { .m = m, .w = w };
	cx_polygon_spans(h, w, xy, n, set_run, &r);
}
