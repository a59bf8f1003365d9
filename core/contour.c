/* contour: OpenCV 4.6 findContours (Suzuki-Abe border following, as OpenCV
 * implements it, quirks included), contourArea and minAreaRect.
 *
 * Exactness matters more than elegance here: the heatmap segmentation fills
 * these contours and the features step measures them, and the golden files
 * were made by OpenCV. So the scan order, the pixel marks (including the
 * 7-bit label wrap-around of the hierarchical mode), the parent search and
 * the order in which OpenCV flattens its contour tree are all reproduced. */
#include "contour.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Whether the 32 bytes at p equal the 32 at q (SSE2 on x86-64, where it is
 * always present; eight-byte words elsewhere). */
static inline int
same32(const int8_t *p, const int8_t *q)
{
#if defined(__SSE2__)
	__m128i a0 = _mm_loadu_si128((const __m128i *)p), a1 = _mm_loadu_si128((const __m128i *)(p + 16));
	__m128i b0 = _mm_loadu_si128((const __m128i *)q), b1 = _mm_loadu_si128((const __m128i *)(q + 16));
	return _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a0, b0), _mm_cmpeq_epi8(a1, b1))) ==
	    0xffff;
#else
	uint64_t a[4], b[4];
	memcpy(a, p, sizeof a);
	memcpy(b, q, sizeof b);
	return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3])) == 0;
#endif
}

/* Direction codes of the chain: 0 = +x, then counter-clockwise as seen on
 * screen (1 = up-right, 2 = up, ... 7 = down-right). */
static const int dir_dx[8] = { 1, 1, 0, -1, -1, -1, 0, 1 };
static const int dir_dy[8] = { 0, -1, -1, -1, 0, 1, 1, 1 };

#define NONE	(-1)

struct node {
	int	 parent;	/* NONE = the image frame */
	int	 hole;
	long	 origin;	/* offset of the start pixel in the padded image */
	int	 rx, ry, rw, rh;	/* bounding box (padded coordinates) */
	int	 child, sibling;	/* tree; newest child first, like OpenCV */
	size_t	 start, n;	/* its points in the scan's point buffer */
};

/* A contour's bounding box, kept per mark value in discovery order: the
 * parent search scans these newest first (OpenCV walks a linked list; an
 * array scanned backwards visits the same contours in the same order, and
 * fast: noise masks have 10^5 contours sharing 125 marks). */
struct lrect {
	int	rx, ry, rw, rh;
	int	node;
};

struct lbl {
	struct lrect	*v;
	size_t		 n, cap;
};

struct scan {
	int8_t		*img;		/* the nonzero pixels' bounding box with a zero frame */
	long		 W;
	long		 ox, oy;	/* image coordinates of padded (0, 0) */
	long		 delta[16];	/* offsets of the 8 neighbours, twice */
	int32_t		*pts;
	size_t		 npts, cap;
	struct node	*nodes;
	size_t		 nnodes, ncap;
	struct lbl	 table[128];	/* contours per mark value */
};

static void
push_pt(struct scan *sc, long x, long y)
{
	if (sc->npts == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 256;
		sc->pts = cx_xreallocarray(sc->pts, sc->cap, 2 * sizeof *sc->pts);
	}
	sc->pts[2 * sc->npts] = (int32_t)(x + sc->ox);
	sc->pts[2 * sc->npts + 1] = (int32_t)(y + sc->oy);
	sc->npts++;
}

/* Follow the border starting at pixel (x, y) and mark it with label (a
 * negative value where the border has background on its right, as OpenCV's
 * "right bound" mark). simple: keep only the points where the direction
 * changes (CHAIN_APPROX_SIMPLE). Fills nd->start/n and the bounding box. */
static void
fetch(struct scan *sc, long x, long y, int hole, int label, int simple,
    struct node *nd)
{
	int8_t *img = sc->img;
	long i0 = y * sc->W + x, i1, i3, i4 = 0;
	int s, s_end, prev_s;
	int8_t right = (int8_t)(label - 128), plain = (int8_t)label;
	long minx = x, maxx = x, miny = y, maxy = y;

	nd->start = sc->npts;
	s_end = s = hole ? 0 : 4;
	do {
		s = (s - 1) & 7;
		i1 = i0 + sc->delta[s];
	} while (img[i1] == 0 && s != s_end);

	if (s == s_end) {
		/* an isolated pixel */
		img[i0] = right;
		push_pt(sc, x, y);
	} else {
		i3 = i0;
		prev_s = s ^ 4;
		for (;;) {
			s_end = s;
			while (s < 15) {
				i4 = i3 + sc->delta[++s];
				if (img[i4] != 0)
					break;
			}
			s &= 7;
			if ((unsigned)(s - 1) < (unsigned)s_end)
				img[i3] = right;
			else if (img[i3] == 1)
				img[i3] = plain;
			if (s != prev_s || !simple)
				push_pt(sc, x, y);
			if (s != prev_s) {
				if (x < minx)
					minx = x;
				else if (x > maxx)
					maxx = x;
				if (y < miny)
					miny = y;
				else if (y > maxy)
					maxy = y;
			}
			prev_s = s;
			x += dir_dx[s];
			y += dir_dy[s];
			if (i4 == i0 && i3 == i1)
				break;
			i3 = i4;
			s = (s + 4) & 7;
		}
	}
	nd->n = sc->npts - nd->start;
	nd->rx = (int)minx;
	nd->ry = (int)miny;
	nd->rw = (int)(maxx - minx + 1);
	nd->rh = (int)(maxy - miny + 1);
}

/* OpenCV's check used while looking for a parent: walk the border that
 * starts at i0 and say whether it reaches stop as the last border a raster
 * scan would meet there. */
static int
reaches(const struct scan *sc, long i0, long stop, int hole)
{
	const int8_t *img = sc->img;
	long i1, i3, i4 = 0, i5;
	int s, s_end, t;

	s_end = s = hole ? 0 : 4;
	do {
		s = (s - 1) & 7;
		i1 = i0 + sc->delta[s];
	} while (img[i1] == 0 && s != s_end);
	i3 = i0;
	if (s == s_end)
		return i3 == stop;
	for (;;) {
		while (s < 15) {
			i4 = i3 + sc->delta[++s];
			if (img[i4] != 0)
				break;
		}
		if (i3 == stop) {
			if (!(img[i3] & 0x80))
				return 1;
			t = s;
			for (;;) {
				t = (t - 1) & 7;
				i5 = i3 + sc->delta[t];
				if (img[i5] != 0)
					break;
				if (t == 0)
					return 1;
			}
		}
		if (i4 == i0 && i3 == i1)
			break;
		i3 = i4;
		s = (s + 4) & 7;
	}
	return 0;
}

/* The parent of a new border found at row y with the last border pixel met
 * at column lnbd_x (OpenCV's cinfo_table search, bounding boxes first). */
static int
find_parent(struct scan *sc, long y, long lnbd_x, int hole)
{
	int lval = sc->img[y * sc->W + lnbd_x] & 0x7f, par = NONE;
	const struct lbl *l = &sc->table[lval];

	for (size_t i = l->n; i-- > 0;) {
		const struct lrect *c = &l->v[i];
		if ((unsigned)(lnbd_x - c->rx) < (unsigned)c->rw &&
		    (unsigned)(y - c->ry) < (unsigned)c->rh) {
			if (par != NONE && reaches(sc, sc->nodes[par].origin,
			    y * sc->W + lnbd_x, sc->nodes[par].hole))
				break;
			par = c->node;
		}
	}
	if (par == NONE)
		return NONE;	/* OpenCV asserts here; cannot happen */
	if (sc->nodes[par].hole == hole)
		par = sc->nodes[par].parent;
	return par;
}

static int
add_node(struct scan *sc)
{
	if (sc->nnodes == sc->ncap) {
		sc->ncap = sc->ncap ? sc->ncap * 2 : 64;
		sc->nodes = cx_xreallocarray(sc->nodes, sc->ncap, sizeof *sc->nodes);
	}
	memset(&sc->nodes[sc->nnodes], 0, sizeof sc->nodes[0]);
	return (int)sc->nnodes++;
}

static void
emit(struct cx_contours *out, const struct scan *sc, int k)
{
	const struct node *nd = &sc->nodes[k];
	struct cx_contour *c = &out->c[out->n++];

	c->n = nd->n;
	c->xy = cx_xreallocarray(NULL, nd->n ? nd->n : 1, 2 * sizeof *c->xy);
	memcpy(c->xy, sc->pts + 2 * nd->start, nd->n * 2 * sizeof *c->xy);
}

/* Index of the first nonzero byte of p[0..n), or n. */
static size_t
first_nonzero(const uint8_t *p, size_t n)
{
	size_t i = 0;
	uint64_t v;

	for (; i + 8 <= n; i += 8) {
		memcpy(&v, p + i, 8);
		if (v != 0)
			break;
	}
	for (; i < n; i++)
		if (p[i] != 0)
			break;
	return i;
}

/* Index of the last nonzero byte of p[0..n) (one is known to exist). */
static size_t
last_nonzero(const uint8_t *p, size_t n)
{
	size_t i = n;
	uint64_t v;

	while (i >= 8) {
		memcpy(&v, p + i - 8, 8);
		if (v != 0)
			break;
		i -= 8;
	}
	while (p[i - 1] == 0)
		i--;
	return i - 1;
}

/* The raster scan over sc->img, H x W including its zero frame; the
 * contours go to out and sc->img is freed by the caller. */
static void
trace(struct scan *sc_, long H, long W, int tree, int simple, struct cx_contours *out)
{
	struct scan sc = *sc_;
	long x, y;
	int nbd = 2, first_top = NONE;

	{
		long d[8] = { 1, -W + 1, -W, -W - 1, -1, W - 1, W, W + 1 };
		for (int i = 0; i < 16; i++)
			sc.delta[i] = d[i & 7];
	}

	for (y = 1; y < H - 1; y++) {
		const long row = y * W;
		const int8_t *r = sc.img + row;
		int prev = 0;
		long lnbd_x = 0;

		for (x = 1; x < W - 1; x++) {
			int p, hole = 0, par = NONE, k, label;
			uint64_t a, b;

			/* prev is always r[x - 1]: where pixels equal their left
			 * neighbours, the scan has nothing to do there (32 at a
			 * time over the long runs, then 8) */
			while (x + 32 <= W - 1 && same32(r + x, r + x - 1))
				x += 32;
			while (x + 8 <= W - 1) {
				memcpy(&a, r + x, 8);
				memcpy(&b, r + x - 1, 8);
				if (a != b)
					break;
				x += 8;
			}
			if (x >= W - 1)
				break;
			p = r[x];
			if (p == prev)
				continue;
			if (!(prev == 0 && p == 1)) {
				if (p != 0 || prev < 1)
					goto resume;
				if (prev & -2)
					lnbd_x = x - 1;
				hole = 1;
			}
			if (tree && lnbd_x > 0)
				par = find_parent(&sc, y, lnbd_x, hole);
			lnbd_x = x - hole;

			k = add_node(&sc);
			label = tree ? nbd : 2;
			if (tree) {
				/* marks are 7-bit: 2..127, then 3, 4, ... again */
				nbd = (nbd + 1) & 127;
				if (nbd == 0)
					nbd = 3;
			}
			fetch(&sc, x - hole, y, hole, label, simple, &sc.nodes[k]);
			sc.nodes[k].hole = hole;
			sc.nodes[k].origin = row + x - hole;
			sc.nodes[k].parent = par;
			sc.nodes[k].child = NONE;
			if (tree) {
				struct lbl *l = &sc.table[label];
				if (l->n == l->cap) {
					l->cap = l->cap ? 2 * l->cap : 16;
					l->v = cx_xreallocarray(l->v, l->cap, sizeof *l->v);
				}
				l->v[l->n].rx = sc.nodes[k].rx;
				l->v[l->n].ry = sc.nodes[k].ry;
				l->v[l->n].rw = sc.nodes[k].rw;
				l->v[l->n].rh = sc.nodes[k].rh;
				l->v[l->n++].node = k;
			}
			if (par == NONE) {
				sc.nodes[k].sibling = first_top;
				first_top = k;
			} else {
				sc.nodes[k].sibling = sc.nodes[par].child;
				sc.nodes[par].child = k;
			}
			/* resume after the start pixel, which fetch may have marked */
			prev = sc.img[row + x];
			continue;
resume:
			prev = p;
			if (p & -2)
				lnbd_x = x;
		}
	}

	/* OpenCV flattens its tree depth first, newest sibling first; for the
	 * flat list that is simply the reverse of the discovery order. */
	out->c = cx_xreallocarray(NULL, sc.nnodes ? sc.nnodes : 1, sizeof *out->c);
	for (int k = first_top; k != NONE;) {
		emit(out, &sc, k);
		if (sc.nodes[k].child != NONE) {
			k = sc.nodes[k].child;
			continue;
		}
		while (k != NONE && sc.nodes[k].sibling == NONE)
			k = sc.nodes[k].parent;
		if (k != NONE)
			k = sc.nodes[k].sibling;
	}
	for (int i = 0; i < 128; i++)
		free(sc.table[i].v);
	free(sc.pts);
	free(sc.nodes);
}

void
cx_contours_find(struct cx_contours *out, const uint8_t *src, uint32_t h,
    uint32_t w, enum cx_contour_mode mode, enum cx_contour_approx approx)
{
	struct scan sc;
	long H, W, x, y;
	size_t bx0 = w, bx1 = 0, by0 = h, by1 = 0;
	int tree = mode == CX_RETR_TREE, simple = approx == CX_CHAIN_SIMPLE;

	memset(out, 0, sizeof *out);
	if (h == 0 || w == 0)
		return;
	/* OpenCV traces the image inside a zero frame; only the bounding box
	 * of the nonzero pixels matters, and that box inside its own zero frame
	 * meets the same borders in the same raster order (coordinates are
	 * shifted back in push_pt). Masks are mostly background, so this also
	 * spares copying and scanning the whole image. */
	for (size_t r = 0; r < h; r++) {
		const uint8_t *row = src + r * w;
		size_t a = first_nonzero(row, w), b;
		if (a == w)
			continue;
		b = last_nonzero(row + a, w - a) + a;
		if (by0 == h)
			by0 = r;
		by1 = r;
		bx0 = a < bx0 ? a : bx0;
		bx1 = b > bx1 ? b : bx1;
	}
	memset(&sc, 0, sizeof sc);
	if (by0 == h) {
		out->c = cx_xreallocarray(NULL, 1, sizeof *out->c);
		return;
	}
	H = (long)(by1 - by0 + 1) + 2;
	W = (long)(bx1 - bx0 + 1) + 2;
	sc.W = W;
	sc.ox = (long)bx0 - 1;
	sc.oy = (long)by0 - 1;
	sc.img = cx_xmalloc((size_t)H * (size_t)W);
	memset(sc.img, 0, (size_t)W);
	memset(sc.img + (size_t)(H - 1) * W, 0, (size_t)W);
	for (y = 1; y < H - 1; y++) {
		int8_t *d = sc.img + y * W;
		const uint8_t *s = src + (by0 + (size_t)y - 1) * w + bx0;
		d[0] = 0;
		d[W - 1] = 0;
		/* nonzero -> 1, eight bytes at a time: the low seven bits plus
		 * 0x7f carry into bit 7 exactly when they are nonzero */
		for (x = 0; x + 8 <= W - 2; x += 8) {
			uint64_t v, t;
			memcpy(&v, s + x, 8);
			t = (v & 0x7f7f7f7f7f7f7f7fULL) + 0x7f7f7f7f7f7f7f7fULL;
			t = ((t | v) & 0x8080808080808080ULL) >> 7;
			memcpy(d + x + 1, &t, 8);
		}
		for (; x < W - 2; x++)
			d[x + 1] = s[x] != 0;
	}
	trace(&sc, H, W, tree, simple, out);
	free(sc.img);
}

void
cx_contours_find_framed(struct cx_contours *out, uint8_t *img, uint32_t h,
    uint32_t w, enum cx_contour_mode mode, enum cx_contour_approx approx)
{
	cx_contours_find_framed_at(out, img, h, w, 0, 0, mode, approx);
}

void
cx_contours_find_framed_at(struct cx_contours *out, uint8_t *img, uint32_t h,
    uint32_t w, uint32_t x0, uint32_t y0, enum cx_contour_mode mode,
    enum cx_contour_approx approx)
{
	struct scan sc;

	memset(out, 0, sizeof *out);
	if (h == 0 || w == 0)
		return;
	memset(&sc, 0, sizeof sc);
	sc.W = (long)w + 2;
	sc.ox = (long)x0 - 1;
	sc.oy = (long)y0 - 1;
	sc.img = (int8_t *)img;
	trace(&sc, (long)h + 2, (long)w + 2, mode == CX_RETR_TREE,
	    approx == CX_CHAIN_SIMPLE, out);
}

void
cx_contours_fini(struct cx_contours *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->c[i].xy);
	free(c->c);
	c->c = NULL;
	c->n = 0;
}

double
cx_contour_area(const struct cx_contour *c)
{
	double a = 0;
	float px, py;

	if (c->n == 0)
		return 0;
	/* OpenCV converts the points to float and sums in double */
	px = (float)c->xy[2 * (c->n - 1)];
	py = (float)c->xy[2 * (c->n - 1) + 1];
	for (size_t i = 0; i < c->n; i++) {
		float x = (float)c->xy[2 * i], y = (float)c->xy[2 * i + 1];
		a += (double)px * y - (double)py * x;
		px = x;
		py = y;
	}
	return fabs(a * 0.5);
}

/* ---- convex hull (OpenCV's Sklansky scan on x-sorted points) ---- */

struct hpt {
	int32_t	x, y;
	size_t	idx;	/* position in the input: the sort's tie-break */
};

static int
hpt_cmp(const void *a, const void *b)
{
	const struct hpt *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return p->idx < q->idx ? -1 : p->idx > q->idx;
}

#define SIGN(a)	(((a) > 0) - ((a) < 0))

static int
sklansky(const struct hpt *P, int start, int end, int *stack, int nsign,
    int sign2)
{
	int incr = end > start ? 1 : -1;
	int pprev = start, pcur = pprev + incr, pnext = pcur + incr;
	int n = 3;

	if (start == end || (P[start].x == P[end].x && P[start].y == P[end].y)) {
		stack[0] = start;
		return 1;
	}
	stack[0] = pprev;
	stack[1] = pcur;
	stack[2] = pnext;
	end += incr;
	while (pnext != end) {
		int64_t cury = P[pcur].y, by = (int64_t)P[pnext].y - cury;

		if (SIGN(by) != nsign) {
			int64_t ax = (int64_t)P[pcur].x - P[pprev].x;
			int64_t bx = (int64_t)P[pnext].x - P[pcur].x;
			int64_t ay = cury - P[pprev].y;
			int64_t convexity = ay * bx - ax * by;

			if (SIGN(convexity) == sign2 && (ax != 0 || ay != 0)) {
				pprev = pcur;
				pcur = pnext;
				pnext += incr;
				stack[n++] = pnext;
			} else if (pprev == start) {
				pcur = pnext;
				stack[1] = pcur;
				pnext += incr;
				stack[2] = pnext;
			} else {
				stack[n - 2] = pnext;
				pcur = pprev;
				pprev = stack[n - 4];
				n--;
			}
		} else {
			pnext += incr;
			stack[n - 1] = pnext;
		}
	}
	return n - 1;
}

/* OpenCV rotates the hull's index list, when it can, so that the indices
 * ascend or descend cyclically from the start; the start point decides where
 * the calipers begin and so, on ties, which rectangle side is the "width". */
static void
rotate_monotone(int *hull, int nout, int *tmp)
{
	int min_i = 0, max_i = 0, lt = 0, i, mmdist;

	if (nout < 3)
		return;
	for (i = 1; i < nout; i++) {
		int idx = hull[i];
		lt += hull[i - 1] < idx;
		if (lt > 1 && lt <= i - 2)
			break;
		if (idx < hull[min_i])
			min_i = i;
		if (idx > hull[max_i])
			max_i = i;
	}
	mmdist = abs(max_i - min_i);
	if ((mmdist == 1 || mmdist == nout - 1) && (lt <= 1 || lt >= nout - 2)) {
		int asc = (max_i + 1) % nout == min_i;
		int i0 = asc ? min_i : max_i, j = i0;

		if (i0 > 0) {
			for (i = 0; i < nout; i++) {
				int cur = tmp[i] = hull[j];
				int nj = j + 1 < nout ? j + 1 : 0;
				if (i < nout - 1 && (asc != (cur < hull[nj])))
					break;
				j = nj;
			}
			if (i == nout)
				memcpy(hull, tmp, (size_t)nout * sizeof *hull);
		}
	}
}

/* cv::convexHull(points, clockwise): hull points into hx/hy (float),
 * returns their number. */
static size_t
convex_hull(const struct cx_contour *c, int clockwise, float *hx, float *hy)
{
	size_t total = c->n, nout = 0;
	struct hpt *P;
	int *stack, *hull, miny = 0, maxy = 0, T = (int)total;

	if (total == 0)
		return 0;
	P = cx_xreallocarray(NULL, total, sizeof *P);
	stack = cx_xreallocarray(NULL, 2 * total + 8, sizeof *stack);
	hull = cx_xreallocarray(NULL, 2 * total + 8, sizeof *hull);
	for (size_t i = 0; i < total; i++) {
		P[i].x = c->xy[2 * i];
		P[i].y = c->xy[2 * i + 1];
		P[i].idx = i;
	}
	qsort(P, total, sizeof *P, hpt_cmp);
	for (int i = 1; i < T; i++) {
		if (P[miny].y > P[i].y)
			miny = i;
		if (P[maxy].y < P[i].y)
			maxy = i;
	}
	if (P[0].x == P[T - 1].x && P[0].y == P[T - 1].y) {
		hull[nout++] = 0;
	} else {
		int *tl = stack, tlc, *tr, trc, *bl, blc, *br, brc, stop, check;

		tlc = sklansky(P, 0, maxy, tl, -1, 1);
		tr = stack + tlc;
		trc = sklansky(P, T - 1, maxy, tr, -1, -1);
		if (!clockwise) {
			int *ts = tl, tc = tlc;
			tl = tr;
			tlc = trc;
			tr = ts;
			trc = tc;
		}
		for (int i = 0; i < tlc - 1; i++)
			hull[nout++] = tl[i];
		for (int i = trc - 1; i > 0; i--)
			hull[nout++] = tr[i];
		stop = trc > 2 ? tr[1] : tlc > 2 ? tl[tlc - 2] : -1;

		bl = stack;
		blc = sklansky(P, 0, miny, bl, 1, -1);
		br = stack + blc;
		brc = sklansky(P, T - 1, miny, br, 1, 1);
		if (clockwise) {
			int *ts = bl, tc = blc;
			bl = br;
			blc = brc;
			br = ts;
			brc = tc;
		}
		if (stop >= 0) {
			check = blc > 2 ? bl[1] : blc + brc > 2 ? br[2 - blc] : -1;
			if (check == stop || (check >= 0 && P[check].x == P[stop].x &&
			    P[check].y == P[stop].y)) {
				/* all points on one line */
				if (blc > 2)
					blc = 2;
				if (brc > 2)
					brc = 2;
			}
		}
		for (int i = 0; i < blc - 1; i++)
			hull[nout++] = bl[i];
		for (int i = brc - 1; i > 0; i--)
			hull[nout++] = br[i];
		for (size_t i = 0; i < nout; i++)
			hull[i] = (int)P[hull[i]].idx;
		rotate_monotone(hull, (int)nout, stack);
	}
	for (size_t i = 0; i < nout; i++) {
		hx[i] = (float)c->xy[2 * (size_t)hull[i]];
		hy[i] = (float)c->xy[2 * (size_t)hull[i] + 1];
	}
	free(P);
	free(stack);
	free(hull);
	return nout;
}

/* OpenCV's rotating calipers (CALIPERS_MINAREARECT), in float like OpenCV:
 * the float rounding shows in the features' last digits. */
static void
calipers(const float *px, const float *py, int n, float out[6])
{
	float minarea = FLT_MAX, base_a, base_b = 0, orientation = 0;
	float *inv = cx_xreallocarray(NULL, (size_t)n, sizeof(float));
	float *vx = cx_xreallocarray(NULL, (size_t)n, sizeof(float));
	float *vy = cx_xreallocarray(NULL, (size_t)n, sizeof(float));
	int left = 0, bottom = 0, right = 0, top = 0, seq[4];
	float left_x, right_x, top_y, bottom_y, p0x = px[0], p0y = py[0];
	int best_left = 0, best_bottom = 0;
	float best_a = 0, best_b = 0, best_w = 0, best_h = 0;

	left_x = right_x = p0x;
	top_y = bottom_y = p0y;
	for (int i = 0; i < n; i++) {
		double dx, dy;
		int j = i + 1 < n ? i + 1 : 0;

		if (p0x < left_x)
			left_x = p0x, left = i;
		if (p0x > right_x)
			right_x = p0x, right = i;
		if (p0y > top_y)
			top_y = p0y, top = i;
		if (p0y < bottom_y)
			bottom_y = p0y, bottom = i;
		dx = px[j] - p0x;
		dy = py[j] - p0y;
		vx[i] = (float)dx;
		vy[i] = (float)dy;
		inv[i] = (float)(1. / sqrt(dx * dx + dy * dy));
		p0x = px[j];
		p0y = py[j];
	}
	{
		double ax = vx[n - 1], ay = vy[n - 1];
		for (int i = 0; i < n; i++) {
			double bx = vx[i], by = vy[i], cv = ax * by - ay * bx;
			if (cv != 0) {
				orientation = cv > 0 ? 1.f : -1.f;
				break;
			}
			ax = bx;
			ay = by;
		}
	}
	base_a = orientation;
	seq[0] = bottom;
	seq[1] = right;
	seq[2] = top;
	seq[3] = left;
	for (int k = 0; k < n; k++) {
		float rx[4], ry[4];
		int main_el = 0, pi;
		float lead_x, lead_y, dx, dy, width, height, area;

		/* the caliper edge turning least: compare the four edge vectors,
		 * rotated into one frame, by the sign of a cross product (OpenCV
		 * 4.5.4+, more robust than comparing cosines) */
		rx[0] = vx[seq[0]];
		ry[0] = vy[seq[0]];
		rx[1] = vy[seq[1]];
		ry[1] = -vx[seq[1]];
		rx[2] = -vx[seq[2]];
		ry[2] = -vy[seq[2]];
		rx[3] = -vy[seq[3]];
		ry[3] = vx[seq[3]];
		for (int i = 1; i < 4; i++) {
			float p1 = ry[i] * rx[main_el], p2 = -rx[i] * ry[main_el];
			if (p1 + p2 < 0)
				main_el = i;
		}
		pi = seq[main_el];
		lead_x = vx[pi] * inv[pi];
		lead_y = vy[pi] * inv[pi];
		switch (main_el) {
		case 0: base_a = lead_x; base_b = lead_y; break;
		case 1: base_a = lead_y; base_b = -lead_x; break;
		case 2: base_a = -lead_x; base_b = -lead_y; break;
		default: base_a = -lead_y; base_b = lead_x; break;
		}
		seq[main_el] += 1;
		if (seq[main_el] == n)
			seq[main_el] = 0;

		dx = px[seq[1]] - px[seq[3]];
		dy = py[seq[1]] - py[seq[3]];
		width = dx * base_a + dy * base_b;
		dx = px[seq[2]] - px[seq[0]];
		dy = py[seq[2]] - py[seq[0]];
		height = -dx * base_b + dy * base_a;
		area = width * height;
		if (area <= minarea) {
			minarea = area;
			best_left = seq[3];
			best_a = base_a;
			best_w = width;
			best_b = base_b;
			best_h = height;
			best_bottom = seq[0];
		}
	}
	{
		float A1 = best_a, B1 = best_b, A2 = -best_b, B2 = best_a;
		float C1 = A1 * px[best_left] + py[best_left] * B1;
		float C2 = A2 * px[best_bottom] + py[best_bottom] * B2;
		float idet = 1.f / (A1 * B2 - A2 * B1);

		out[0] = (C1 * B2 - C2 * B1) * idet;
		out[1] = (A1 * C2 - A2 * C1) * idet;
		out[2] = A1 * best_w;
		out[3] = B1 * best_w;
		out[4] = A2 * best_h;
		out[5] = B2 * best_h;
	}
	free(inv);
	free(vx);
	free(vy);
}

void
cx_contour_min_area_rect(const struct cx_contour *c, double *w, double *h)
{
	float *hx, *hy, out[6];
	size_t n;

	*w = *h = 0;
	if (c->n == 0)
		return;
	hx = cx_xreallocarray(NULL, 2 * c->n + 8, sizeof *hx);
	hy = cx_xreallocarray(NULL, 2 * c->n + 8, sizeof *hy);
	/* minAreaRect asks for a counter-clockwise hull (OpenCV 4.5.1+) */
	n = convex_hull(c, 0, hx, hy);
	if (n > 2) {
		calipers(hx, hy, (int)n, out);
		*w = (float)sqrt((double)out[2] * out[2] + (double)out[3] * out[3]);
		*h = (float)sqrt((double)out[4] * out[4] + (double)out[5] * out[5]);
	} else if (n == 2) {
		double dx = hx[1] - hx[0], dy = hy[1] - hy[0];
		*w = (float)sqrt(dx * dx + dy * dy);
	}
	free(hx);
	free(hy);
}
