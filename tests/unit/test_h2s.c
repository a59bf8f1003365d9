/* test_h2s: heatmap -> segmentation pieces against hand-derived values, and
 * the golden Otsu/threshold segmentations of the synthetic set. */
#include <cjson/cJSON.h>
#include <float.h>

#include "check.h"
#include "contour.h"
#include "h2s.h"
#include "heatmap.h"
#include "polygon.h"
#include "resize.h"
#include "rle.h"
#include "segjson.h"
#include "tasks.h"

/* Two clusters: every threshold from 10 to 199 separates them equally well;
 * OpenCV keeps the first maximum, 10. */
static void
test_otsu_two_clusters(void)
{
	uint64_t h[256] = {0};

	h[10] = 50;
	h[200] = 50;
	CHECK(cx_h2s_otsu_hist(h, 100) == 10);
	/* one value only: no split (q1 or q2 stays below FLT_EPSILON): 0 */
	memset(h, 0, sizeof h);
	h[77] = 9;
	CHECK(cx_h2s_otsu_hist(h, 9) == 0);
	/* 0, 1, 2 with counts 1, 1, 2: t=0 gives sigma 1/3*... ; t=1 is best:
	 * q1=.5 mu1=.5 mu2=2 -> .25*2.25=.5625 vs t=0: .25*.75*(0-5/3)^2=.52 */
	memset(h, 0, sizeof h);
	h[0] = 1;
	h[1] = 1;
	h[2] = 2;
	CHECK(cx_h2s_otsu_hist(h, 4) == 1);
}

/* uint8(255 * m): truncation, NaN to 0; m > t in float32. */
static void
test_u8_and_threshold(void)
{
	float m[5] = { 0.0f, 1.0f, 0.5f, NAN, 0.3f };
	uint8_t u[5], b[5];

	cx_h2s_to_u8(m, 5, u);
	CHECK(u[0] == 0 && u[1] == 255 && u[2] == 127 && u[3] == 0 && u[4] == 76);
	/* 0.3f > (float)0.3 is false: the threshold is cast to float32 first */
	cx_h2s_threshold(m, 5, (float)0.3, b);
	CHECK(b[0] == 0 && b[1] == 1 && b[2] == 1 && b[3] == 0 && b[4] == 0);
}

/* A constant map is constant after all when all weights are exact (same
 * size): 0/0 -> NaN -> degenerate; a zero map likewise. */
static void
test_normalize_degenerate(void)
{
	float map[4] = { 0, 0, 0, 0 }, out[4];
	float ramp[2] = { 1, 3 }, o2[4];

	CHECK(cx_h2s_normalize_map(map, 2, 2, 2, 2, out) == 1);
	CHECK(isnan(out[0]));
	CHECK(cx_h2s_normalize_map(ramp, 1, 2, 1, 4, o2) == 0);
	/* resized 1, 1.5, 2.5, 3 -> (v - 1) / 2 */
	CHECK(o2[0] == 0.0f && o2[1] == 0.25f && o2[2] == 0.75f && o2[3] == 1.0f);
}

/* Contour filling fills holes and drops lone pixels. */
static void
test_fill_contours(void)
{
	enum { H = 7, W = 7 };
	uint8_t b[H * W] = {0}, m[H * W];
	int ring = 0, inside = 0;

	for (int y = 1; y <= 4; y++)
		for (int x = 1; x <= 4; x++)
			b[y * W + x] = (y == 1 || y == 4 || x == 1 || x == 4);
	b[6 * W + 6] = 1;	/* a lone pixel */
	cx_h2s_fill_contours(b, H, W, m);
	for (int y = 1; y <= 4; y++)
		for (int x = 1; x <= 4; x++) {
			ring += m[y * W + x];
			inside += (y > 1 && y < 4 && x > 1 && x < 4) ? m[y * W + x] : 0;
		}
	CHECK(ring == 16 && inside == 4);
	CHECK(m[6 * W + 6] == 0);
	CHECK(m[0] == 0 && m[5 * W + 5] == 0);
}

/* xorshift, for the random tests */
static uint64_t rng = 88172645463325252ull;

static double
urand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

/* Filled contours from RETR_LIST (what cx_h2s_fill_contours traces) and
 * from RETR_TREE (what the reference asks OpenCV for) give the same mask:
 * the same contours, in another order. Random images of every density,
 * nested rings and the ulp noise of a constant map upsampled. */
static void
fill_mode(const uint8_t *b, uint32_t h, uint32_t w, int mode, uint8_t *m)
{
	struct cx_contours cs;
	double *xy = malloc(sizeof *xy * 2 * ((size_t)h + 2) * (w + 2));

	memset(m, 0, (size_t)h * w);
	cx_contours_find(&cs, b, h, w, mode, CX_CHAIN_SIMPLE);
	for (size_t i = 0; i < cs.n; i++) {
		if (cs.c[i].n <= 1)
			continue;
		for (size_t j = 0; j < 2 * cs.c[i].n; j++)
			xy[j] = cs.c[i].xy[j];
		cx_polygon_draw(m, h, w, xy, cs.c[i].n);
	}
	cx_contours_fini(&cs);
	free(xy);
}

static void
test_fill_list_equals_tree(void)
{
	int bad = 0;

	for (int it = 0; it < 300; it++) {
		uint32_t h = 1 + (uint32_t)(urand() * 60), w = 1 + (uint32_t)(urand() * 60);
		uint8_t *b = malloc((size_t)h * w), *m1 = malloc((size_t)h * w);
		uint8_t *m2 = malloc((size_t)h * w);
		double dens = urand();
		for (uint32_t y = 0; y < h; y++)
			for (uint32_t x = 0; x < w; x++) {
				uint32_t r = (y < x ? y : x), r2 = (h - 1 - y < w - 1 - x ? h - 1 - y : w - 1 - x);
				r = r < r2 ? r : r2;
				b[y * w + x] = it % 3 == 0 ? urand() < dens : it % 3 == 1 ? r % 2 == 0 && urand() < 0.97 :
				    ((x * 7 + y * 3) % 5 < 2) ^ (urand() < 0.05);
			}
		fill_mode(b, h, w, CX_RETR_LIST, m1);
		fill_mode(b, h, w, CX_RETR_TREE, m2);
		bad += memcmp(m1, m2, (size_t)h * w) != 0;
		free(b);
		free(m1);
		free(m2);
	}
	/* the constant map's ulp noise, as segment_fast thresholds it */
	{
		struct cx_heatmap hm = { .mh = 32, .mw = 32 };
		uint32_t h = 400, w = 300;
		float *norm = malloc(sizeof *norm * h * w);
		uint8_t *b = malloc((size_t)h * w), *m1 = malloc((size_t)h * w);
		uint8_t *m2 = malloc((size_t)h * w);
		hm.map = malloc(sizeof *hm.map * 32 * 32);
		for (int i = 0; i < 32 * 32; i++)
			hm.map[i] = 0.3f;
		CHECK(cx_h2s_normalized(&hm, h, w, norm) == 0);
		cx_h2s_threshold(norm, (size_t)h * w, 0.5f, b);
		fill_mode(b, h, w, CX_RETR_LIST, m1);
		fill_mode(b, h, w, CX_RETR_TREE, m2);
		bad += memcmp(m1, m2, (size_t)h * w) != 0;
		free(hm.map);
		free(norm);
		free(b);
		free(m1);
		free(m2);
	}
	CHECK(bad == 0);
}

/* Smoothing: a flat image stays flat (box of a constant, with reflected
 * borders), and the JET/gray mapping of 0 and 255 are the dark-blue and
 * dark-red ends: gray = round((B*4899 + G*9617 + R*1868) / 2^14) on OpenCV's
 * BGR output with B and R swapped: JET(0) = (B,G,R) = (128,0,0) -> 38,
 * JET(255) = (0,0,128) -> 15; the result is 255 - gray. */
static void
test_smooth_flat(void)
{
	uint8_t a[12], b[12];

	memset(a, 0, sizeof a);
	cx_h2s_smooth(a, 3, 4, 3);
	for (int i = 0; i < 12; i++)
		CHECK(a[i] == 255 - 38);
	memset(b, 255, sizeof b);
	cx_h2s_smooth(b, 3, 4, 2);
	for (int i = 0; i < 12; i++)
		CHECK(b[i] == 255 - 15);
}

/* The box filter of cx_h2s_smooth against the k-tap sums written out
 * (OpenCV's boxFilter with BORDER_REFLECT_101 and its divisions), on random
 * images, kernels wider than the image included. The gray lookup is read
 * back from k = 1, which leaves the sum alone. */
static long
refl101(long i, long n)
{
	if (n == 1)
		return 0;
	while (i < 0 || i >= n)
		i = i < 0 ? -i : 2 * (n - 1) - i;
	return i;
}

static double
box_rand(uint64_t *r)
{
	*r ^= *r << 13;
	*r ^= *r >> 7;
	*r ^= *r << 17;
	return (double)(*r >> 11) / 9007199254740992.0;
}

static void
test_smooth_box_random(void)
{
	uint8_t lut[256];
	uint64_t r = 88172645463325252ull;
	int bad = 0;

	for (int i = 0; i < 256; i++)
		lut[i] = (uint8_t)i;
	cx_h2s_smooth(lut, 16, 16, 1);
	for (int i = 0; i < 256; i++)
		lut[i] = (uint8_t)(255 - lut[i]);
	for (int it = 0; it < 200; it++) {
		uint32_t h = 1 + (uint32_t)(box_rand(&r) * 40), w = 1 + (uint32_t)(box_rand(&r) * 40);
		int k = 1 + (int)(box_rand(&r) * 30), a = k / 2;
		size_t n = (size_t)h * w;
		uint8_t *img = malloc(n), *want = malloc(n);
		uint64_t fs = 1, fd = 0;

		for (size_t i = 0; i < n; i++)
			img[i] = (uint8_t)(it % 3 ? box_rand(&r) * 256 : 255 * box_rand(&r) * box_rand(&r));
		if (k > 1 && k * k <= 256) {
			double sc = 8388608.0 / (k * k);
			fs = (uint64_t)floor(sc);
			fd = (uint64_t)(k * k / 2);
			if (sc - (double)fs < 0.5)
				fd++;
			else
				fs++;
		}
		for (uint32_t y = 0; y < h; y++)
			for (uint32_t x = 0; x < w; x++) {
				uint32_t sum = 0;
				int v;
				for (long dy = -a; dy < k - a; dy++)
					for (long dx = -a; dx < k - a; dx++)
						sum += lut[img[refl101((long)y + dy, h) * w +
						    refl101((long)x + dx, w)]];
				v = k == 1 ? (int)sum : k * k <= 256 ? (int)(((sum + fd) * fs) >> 23) :
				    (int)rintf((float)sum * (float)(1.0 / ((double)k * k)));
				want[(size_t)y * w + x] = (uint8_t)(255 - (v > 255 ? 255 : v));
			}
		cx_h2s_smooth(img, h, w, k);
		if (memcmp(img, want, n) != 0) {
			fprintf(stderr, "  %ux%u k %d: smoothing differs\n", h, w, k);
			bad++;
		}
		free(want);
		free(img);
	}
	CHECK(bad == 0);
}

/* The whole pipeline against the golden files of the synthetic set. */
static void
golden(const char *ref, const char *file, const char *thr_csv)
{
	char path[1400];
	struct cx_segfile g;
	struct cx_err err = {0};
	struct cx_heatmap_list l;
	double thr[CX_NTASKS];
	int n = 0;

	snprintf(path, sizeof path, "%s/golden/%s", ref, file);
	if (cx_segfile_load(&g, path, &err) == -1) {
		CHECK(!"golden loads");
		return;
	}
	if (thr_csv != NULL) {
		/* tuning_results.csv of synth-small, read by hand */
		char *t, *line, *save = NULL;
		snprintf(path, sizeof path, "%s/inputs/%s", ref, thr_csv);
		t = check_slurp(path, NULL);
		for (line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *c = strchr(line, ',');
			if (c != NULL && cx_task_id(c + 1) >= 0)
				thr[cx_task_id(c + 1)] = atof(line);
		}
		free(t);
	}
	snprintf(path, sizeof path, "%s/inputs/gradcam_maps_val", ref);
	CHECK(cx_heatmap_list_dir(&l, path, &err) == 0);
	for (size_t i = 0; i < l.n; i++) {
		struct cx_heatmap hm;
		struct cx_rle r;
		struct cx_h2s_opts o = { .otsu = thr_csv == NULL };
		const struct cx_segentry *e = cx_segfile_find(&g, l.id[i]);
		uint64_t in, un;

		if (cx_heatmap_load(&hm, l.path[i], &err) == -1) {
			CHECK(!"heatmap loads");
			continue;
		}
		if (thr_csv != NULL)
			o.threshold = (float)thr[hm.task];
		cx_h2s_segment(&hm, hm.cxr_h, hm.cxr_w, &o, &r);
		CHECK(e != NULL && e->present[hm.task]);
		if (e != NULL) {
			cx_rle_inter_union(&r, &e->m[hm.task], &in, &un);
			if (in != un) {
				fprintf(stderr, "  %s: %llu/%llu\n", l.path[i],
				    (unsigned long long)in, (unsigned long long)un);
				CHECK(!"mask identical");
			}
		}
		cx_rle_fini(&r);
		cx_heatmap_fini(&hm);
		n++;
	}
	CHECK(n == 120);
	cx_heatmap_list_fini(&l);
	cx_segfile_fini(&g);
}

static void
test_golden_otsu(void)
{
	const char *ref = check_shared("synth-small");

	if (ref == NULL)
		SKIP("../shared/reference/synth-small not present");
	golden(ref, "saliency_segmentations_otsu.json", NULL);
}

static void
test_golden_threshold(void)
{
	const char *ref = check_shared("synth-small");

	if (ref == NULL)
		SKIP("../shared/reference/synth-small not present");
	golden(ref, "saliency_segmentations_thr.json", "tuning_results.csv");
}

/* The block-skipping fast path gives the same masks as the full
 * computation, on random maps of every kind: smooth, quantized (ties and
 * plateaus), signed, tiny and huge magnitudes, constant, with zero areas. */

static int
same_as_full(const struct cx_heatmap *hm, uint32_t h, uint32_t w, const struct cx_h2s_opts *o)
{
	struct cx_rle a, b;
	float *norm = malloc(sizeof *norm * h * w);
	int deg = cx_h2s_normalized(hm, h, w, norm), same;

	cx_h2s_segment(hm, h, w, o, &a);
	cx_h2s_segment_norm(norm, deg, h, w, o, &b);
	same = a.n == b.n && memcmp(a.counts, b.counts, a.n * sizeof *a.counts) == 0;
	if (!same)
		fprintf(stderr, "  %ux%u -> %ux%u otsu %d t %g: fast %zu runs, full %zu runs\n",
		    hm->mh, hm->mw, h, w, o->otsu, o->threshold, a.n, b.n);
	cx_rle_fini(&a);
	cx_rle_fini(&b);
	free(norm);
	return same;
}

static void
test_fast_equals_full_random(void)
{
	int bad = 0;

	for (int it = 0; it < 600; it++) {
		struct cx_heatmap hm = {0};
		int kind = it % 10;
		uint32_t h = 1 + (uint32_t)(urand() * 120), w = 1 + (uint32_t)(urand() * 120);
		double scale = kind == 5 ? 1e-30 : kind == 6 ? 1e20 : 1;

		hm.mh = 1 + (uint32_t)(urand() * 12);
		hm.mw = 1 + (uint32_t)(urand() * 12);
		if (it % 3 == 0) {
			h = hm.mh * (1 + it % 4);
			w = hm.mw;
		}
		hm.map = malloc(sizeof *hm.map * hm.mh * hm.mw);
		for (uint32_t i = 0; i < hm.mh * hm.mw; i++) {
			double v = urand();
			switch (kind) {
			case 1: v = floor(v * 4) / 4; break;		/* plateaus */
			case 2: v = v - 0.5; break;			/* signed */
			case 3: v = 1.0 / 256; break;			/* constant */
			case 4: v = v < 0.6 ? 0 : v; break;		/* zero areas */
			case 7: v = floor(v * 3) - 1; break;		/* -1, 0, 1 */
			case 8: v = 1000 + v * 1e-3; break;		/* narrow range, far from 0 */
			case 9: v = v < 0.5 ? 0.25 : 0.25 + v * 1e-5; break;	/* bins a few ulps wide */
			}
			hm.map[i] = (float)(v * scale);
		}
		for (int m = 0; m < 3; m++) {
			struct cx_h2s_opts o = { .otsu = m == 0, .threshold = (float)(0.2 + 0.3 * m) };
			if (!same_as_full(&hm, h, w, &o))
				bad++;
		}
		free(hm.map);
	}
	CHECK(bad == 0);
}

/* The same on the real Grad-CAM maps of the sample (320x320 to 2828x2320). */
static void
test_fast_equals_full_sample(void)
{
	const char *data = check_shared("sample-data");
	char path[1200];
	struct cx_heatmap_list l;
	struct cx_err err = {0};

	if (data == NULL)
		SKIP("../shared/reference/sample-data not present");
	snprintf(path, sizeof path, "%s/gradcam_maps_val", data);
	CHECK(cx_heatmap_list_dir(&l, path, &err) == 0);
	for (size_t i = 0; i < l.n; i += 3) {
		struct cx_heatmap hm;
		if (cx_heatmap_load(&hm, l.path[i], &err) == -1) {
			CHECK(!"loads");
			continue;
		}
		for (int m = 0; m < 2; m++) {
			struct cx_h2s_opts o = { .otsu = m == 0, .threshold = 0.4f };
			CHECK(same_as_full(&hm, hm.cxr_h, hm.cxr_w, &o));
		}
		cx_heatmap_fini(&hm);
	}
	cx_heatmap_list_fini(&l);
}

/* Smoothing straight from the map (cx_h2s_smooth_segment: the gray image
 * from resize's blocks, the running box sums) against the full float32 map
 * through cx_h2s_segment_norm, for kernels on both sides of OpenCV's
 * fixed-point limit (k * k <= 256) and wider than the image, on random maps
 * of every kind and the real sample's. */
static int
smooth_same(const struct cx_heatmap *hm, uint32_t h, uint32_t w, int k)
{
	struct cx_h2s_opts o = { .otsu = 1, .smooth_k = k };
	struct cx_rle a, b;
	int same;

	cx_h2s_segment(hm, h, w, &o, &a);
	cx_h2s_force_smooth_full(1);
	cx_h2s_segment(hm, h, w, &o, &b);
	cx_h2s_force_smooth_full(0);
	same = a.n == b.n && memcmp(a.counts, b.counts, a.n * sizeof *a.counts) == 0;
	if (!same)
		fprintf(stderr, "  %ux%u -> %ux%u k %d: smoothed masks differ\n", hm->mh, hm->mw, h,
		    w, k);
	cx_rle_fini(&a);
	cx_rle_fini(&b);
	return same;
}

static void
test_smooth_segment_equals_full(void)
{
	static const int ks[] = { 1, 2, 3, 5, 16, 17, 20, 61 };
	int bad = 0;

	for (int it = 0; it < 160; it++) {
		struct cx_heatmap hm = {0};
		int kind = it % 5;
		uint32_t h = 1 + (uint32_t)(urand() * 150), w = 1 + (uint32_t)(urand() * 150);

		hm.mh = 1 + (uint32_t)(urand() * 14);
		hm.mw = 1 + (uint32_t)(urand() * 14);
		hm.map = malloc(sizeof *hm.map * hm.mh * hm.mw);
		for (uint32_t i = 0; i < hm.mh * hm.mw; i++) {
			double v = urand();
			switch (kind) {
			case 1: v = floor(v * 6) * (51.0 / 255); break;	/* on bin edges */
			case 2: v = v < 0.6 ? 0 : v; break;		/* zero areas */
			case 3: v = v - 0.5; break;			/* signed */
			case 4: v = 1.0 / 256; break;			/* constant */
			}
			hm.map[i] = (float)(v * 1e-3);
		}
		if (!smooth_same(&hm, h, w, ks[it % 8]))
			bad++;
		free(hm.map);
	}
	CHECK(bad == 0);
	{
		const char *data = check_shared("sample-data");
		char path[1200];
		struct cx_heatmap_list l;
		struct cx_err err = {0};

		if (data == NULL)
			return;
		snprintf(path, sizeof path, "%s/gradcam_maps_val", data);
		CHECK(cx_heatmap_list_dir(&l, path, &err) == 0);
		for (size_t i = 0; i < l.n; i += 7) {
			struct cx_heatmap hm;
			if (cx_heatmap_load(&hm, l.path[i], &err) == -1) {
				CHECK(!"loads");
				continue;
			}
			CHECK(smooth_same(&hm, hm.cxr_h, hm.cxr_w, i % 2 ? 20 : 5));
			cx_heatmap_fini(&hm);
		}
		cx_heatmap_list_fini(&l);
	}
}

/* cx_h2s_classify counts thresholds passed exactly like comparing the fully
 * normalized map with each threshold. */
static void
test_classify_random(void)
{
	static const float t[7] = { 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f };
	int bad = 0;

	for (int it = 0; it < 200; it++) {
		uint32_t mh = 1 + (uint32_t)(urand() * 10), mw = 1 + (uint32_t)(urand() * 10);
		uint32_t h = 1 + (uint32_t)(urand() * 90), w = 1 + (uint32_t)(urand() * 90);
		float *map = malloc(sizeof *map * mh * mw), *norm = malloc(sizeof *norm * h * w);
		uint8_t *cls = malloc((size_t)h * w);
		struct cx_heatmap hm = { .mh = mh, .mw = mw, .map = map };
		int deg, deg2;

		for (uint32_t i = 0; i < mh * mw; i++)
			map[i] = (float)(it % 2 ? floor(urand() * 5) : urand() - 0.3);
		deg = cx_h2s_normalized(&hm, h, w, norm);
		deg2 = cx_h2s_classify(map, mh, mw, h, w, t, 7, cls);
		if (deg != deg2)
			bad++;
		for (size_t i = 0; i < (size_t)h * w && !deg; i++) {
			int c = 0;
			for (int k = 0; k < 7; k++)
				c += norm[i] > t[k];
			if (c != cls[i]) {
				bad++;
				break;
			}
		}
		free(map);
		free(norm);
		free(cls);
	}
	CHECK(bad == 0);
}

/* The histogram that picks Otsu's threshold, bin for bin, against the
 * uint8 image of the full computation, on maps chosen to put many pixels
 * close to bin edges: smooth ramps at large sizes, narrow ranges far from
 * zero, plateaus at the extremes; Grad-CAM's shape (a small grid
 * upsampled, then upsampled again: long straight source rows, the
 * stretches of the histogram's fast path), with grid values on bin edges,
 * with ReLU zeros, with bins a few ulps wide. Each map through every path
 * (stretches where they apply with the CPU's widest crossing loop, row
 * segments only, stretches with the two-cut loop). */
static int
hist_paths_match(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w, int kind,
    const int *paths, int np)
{
	float *norm = malloc(sizeof *norm * h * w);
	uint8_t *u8 = malloc((size_t)h * w);
	uint64_t want[256] = {0}, got[256];
	int deg = cx_h2s_normalize_map(map, mh, mw, h, w, norm), ok = 1;

	if (!deg) {
		cx_h2s_to_u8(norm, (size_t)h * w, u8);
		for (size_t i = 0; i < (size_t)h * w; i++)
			want[u8[i]]++;
	}
	for (int i = 0; i < np; i++) {
		int path = paths[i];
		cx_h2s_force_path(path);
		if (cx_h2s_u8_histogram(map, mh, mw, h, w, got) != deg ||
		    memcmp(want, got, sizeof want) != 0) {
			fprintf(stderr, "  kind %d %ux%u -> %ux%u path %d: histograms differ\n", kind,
			    mh, mw, h, w, path);
			ok = 0;
		}
	}
	cx_h2s_force_path(0);
	free(u8);
	free(norm);
	return ok;
}

static int
hist_matches(const float *map, uint32_t mh, uint32_t mw, uint32_t h, uint32_t w, int kind)
{
	static const int paths[] = { 0, 1, 2 };

	return hist_paths_match(map, mh, mw, h, w, kind, paths, 3);
}

static void
test_u8_histogram_random(void)
{
	int bad = 0;

	for (int it = 0; it < 320; it++) {
		uint32_t mh = 2 + (uint32_t)(urand() * 14), mw = 2 + (uint32_t)(urand() * 14);
		uint32_t h = 50 + (uint32_t)(urand() * 450), w = 50 + (uint32_t)(urand() * 450);
		float *map;
		int kind = it % 10;

		if (kind == 7) {
			/* the real data's shape: a smooth 320 x 320 map at 7-9
			 * pixels per block */
			mh = mw = 40 + (uint32_t)(urand() * 40);
			h = mh * 7 + (uint32_t)(urand() * mh * 2);
			w = mw * 7 + (uint32_t)(urand() * mw * 2);
		}
		map = malloc(sizeof *map * mh * mw);
		for (uint32_t i = 0; i < mh * mw; i++) {
			double v = urand(), x = (double)(i % mw) / mw, y = (double)(i / mw) / mh;
			switch (kind) {
			case 0: v = x + 0.37 * y; break;			/* a ramp */
			case 1: v = 1000 + 1e-3 * (x + y); break;		/* narrow, offset */
			case 2: v = v < 0.3 ? 0.2 : v > 0.8 ? 0.8 : v; break;	/* plateaus */
			case 3: v = 3e-3 * v; break;				/* Grad-CAM scale */
			/* corners on bin edges: plateaus and blends of them land on
			 * the cuts exactly */
			case 4: v = floor(v * 9) / 8 * (51.0 / 255); break;
			case 5: v = v - 0.5; break;				/* both signs */
			case 6: v = 1e-37 * v; break;				/* near subnormal */
			case 7: v = 2e-3 * (sin(6 * x) * cos(5 * y) + 1.2) + 1e-5 * v; break;
			case 8: v = floor(v * 3) - 1; break;			/* -1, 0, 1 */
			case 9: v = v < 0.5 ? 0.25 : 0.25 + v * 1e-5; break;	/* bins ulps wide */
			}
			map[i] = (float)v;
		}
		if (!hist_matches(map, mh, mw, h, w, kind))
			bad++;
		free(map);
	}
	CHECK(bad == 0);
}

/* The map's minimum inside a stretch, on an output pixel that lies on its
 * source column (odd factors put pixel centres on source columns): the
 * row's first bin is 0 there, and the crossing loop's first group of cuts
 * starts at cut 0, below the row (its counts for cuts under the row's
 * first bin come from the formula; cut 0's is never used, since a row
 * rounded a hair below 0 would make it one short). V and W shapes, offsets
 * 0 to 1e4, odd and even factors, every path. */
static void
test_u8_histogram_min_in_stretch(void)
{
	int bad = 0;

	for (int it = 0; it < 96; it++) {
		uint32_t mh = 2 + it % 3, mw = 5 + it % 7, f = 1 + it % 8;
		uint32_t vertex = 1 + (uint32_t)it % (mw - 2);
		double off = (double[]){ 0, 1, 1000, 1e4 }[it / 24], span = it % 2 ? 1e-3 : 1;
		float *map = malloc(sizeof *map * mh * mw);

		for (uint32_t i = 0; i < mh * mw; i++) {
			double d = fabs((double)(i % mw) - vertex);
			if (it % 3 == 2)
				d = fmin(d, fabs((double)(i % mw) - (mw - 1)));	/* two minima */
			map[i] = (float)(off + span * d / mw);
		}
		if (!hist_matches(map, mh, mw, mh * (1 + it % 5), mw * f, 10))
			bad++;
		free(map);
	}
	CHECK(bad == 0);
}

/* Grad-CAM's shape: a g x g grid upsampled (torch, as the model's maps are)
 * to m x m, then that map to the image at 7-9 pixels per block. */
static void
test_u8_histogram_gradcam(void)
{
	int bad = 0;

	for (int it = 0; it < 36; it++) {
		uint32_t g = 3 + (uint32_t)(urand() * 10), m = 40 + (uint32_t)(urand() * 60);
		uint32_t h = m * 7 + (uint32_t)(urand() * m * 2), w = m * 7 + (uint32_t)(urand() * m * 2);
		float *grid = malloc(sizeof *grid * g * g), *map = malloc(sizeof *map * m * m);
		int kind = it % 6;

		for (uint32_t i = 0; i < g * g; i++) {
			double v = urand();
			switch (kind) {
			case 1: v = floor(v * 6) * (51.0 / 255); break;	/* on bin edges */
			case 2: v = v - 0.6; break;			/* ReLU below */
			case 3: v = 0.25 + v * 1e-5; break;		/* bins ulps wide */
			case 4: v = floor(v * 3) / 2; break;		/* flat cells */
			case 5: v = 1e-3 * v; break;			/* Grad-CAM scale */
			}
			grid[i] = (float)v;
		}
		cx_resize_bilinear(grid, g, g, map, m, m);
		if (kind == 2)
			for (uint32_t i = 0; i < m * m; i++)
				map[i] = map[i] > 0 ? map[i] : 0;
		if (it % 2)
			/* transposed sizes: the row direction is the one that counts */
			h = m * 7 + (uint32_t)(urand() * 3);
		if (!hist_matches(map, m, m, h, w, 10 + kind))
			bad++;
		free(map);
		free(grid);
	}
	CHECK(bad == 0);
}

/* Each path of the histogram forced in turn, on Grad-CAM-shaped maps built
 * to put pixels on bin edges (grid values on the cuts, plateaus, ReLU
 * zeros, bins ulps wide) at the real data's 7-9 pixels per block, where the
 * stretches apply: the histogram bin for bin against the full computation's
 * uint8 image, and Otsu's mask from cx_h2s_segment byte for byte against
 * the full computation's. Path 2 is the two-cut crossing loop (SSE2, NEON
 * or plain C), 1 the row segments; 0 takes the widest loop of this CPU,
 * the four-cut AVX2 one where __builtin_cpu_supports says so, which
 * test_path_avx2 checks (and skips, saying why, elsewhere). */
static int
gradcam_edges(int it, float **mapp, uint32_t *m, uint32_t *h, uint32_t *w)
{
	uint32_t g = 3 + (uint32_t)(urand() * 8);
	float *grid = malloc(sizeof *grid * g * g), *map;
	int kind = it % 5;

	*m = 40 + (uint32_t)(urand() * 50);
	*h = *m * 7 + (uint32_t)(urand() * *m * 2);
	*w = *m * 7 + (uint32_t)(urand() * *m * 2);
	map = malloc(sizeof *map * *m * *m);
	for (uint32_t i = 0; i < g * g; i++) {
		double v = urand();
		switch (kind) {
		case 0: v = floor(v * 6) * (51.0 / 255); break;	/* on bin edges */
		case 1: v = floor(v * 9) / 8 * (51.0 / 255); break;	/* edges, blends */
		case 2: v = v - 0.6; break;			/* ReLU below */
		case 3: v = 0.25 + v * 1e-5; break;		/* bins ulps wide */
		case 4: v = floor(v * 3) / 2 * 1e-3; break;	/* flat, Grad-CAM scale */
		}
		grid[i] = (float)v;
	}
	cx_resize_bilinear(grid, g, g, map, *m, *m);
	if (kind == 2)
		for (uint32_t i = 0; i < *m * *m; i++)
			map[i] = map[i] > 0 ? map[i] : 0;
	free(grid);
	*mapp = map;
	return kind;
}

/* The histogram and same_as_full (Otsu) with path forced; 1 when both hold. */
static int
path_matches(int path, const float *map, uint32_t m, uint32_t h, uint32_t w, int kind)
{
	struct cx_heatmap hm = { .mh = m, .mw = m, .map = (float *)map };
	struct cx_h2s_opts o = { .otsu = 1 };
	int ok = hist_paths_match(map, m, m, h, w, 20 + kind, &path, 1);

	cx_h2s_force_path(path);
	if (!same_as_full(&hm, h, w, &o)) {
		fprintf(stderr, "  kind %d path %d: Otsu mask differs from the full one\n", kind, path);
		ok = 0;
	}
	cx_h2s_force_path(0);
	return ok;
}

static void
paths_forced(const int *paths, int np)
{
	int bad = 0;

	for (int it = 0; it < 20; it++) {
		uint32_t m, h, w;
		float *map;
		int kind = gradcam_edges(it, &map, &m, &h, &w);
		for (int i = 0; i < np; i++)
			if (!path_matches(paths[i], map, m, h, w, kind))
				bad++;
		free(map);
	}
	CHECK(bad == 0);
}

static void
test_paths_forced(void)
{
	static const int paths[] = { 2, 1 };

	paths_forced(paths, 2);
}

static void
test_path_avx2(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (!__builtin_cpu_supports("avx2"))
		SKIP("this CPU has no AVX2: the two-cut loop is its widest (test_paths_forced)");
#else
	SKIP("not x86-64: no AVX2 loop, the two-cut loop is the widest (test_paths_forced)");
#endif
	{
		static const int paths[] = { 0 };
		paths_forced(paths, 1);
	}
}

int
main(void)
{
	RUN(test_otsu_two_clusters);
	RUN(test_u8_and_threshold);
	RUN(test_normalize_degenerate);
	RUN(test_fill_contours);
	RUN(test_fill_list_equals_tree);
	RUN(test_smooth_flat);
	RUN(test_smooth_box_random);
	RUN(test_golden_otsu);
	RUN(test_golden_threshold);
	RUN(test_fast_equals_full_random);
	RUN(test_fast_equals_full_sample);
	RUN(test_smooth_segment_equals_full);
	RUN(test_classify_random);
	RUN(test_u8_histogram_random);
	RUN(test_u8_histogram_min_in_stretch);
	RUN(test_u8_histogram_gradcam);
	RUN(test_paths_forced);
	RUN(test_path_avx2);
	return CHECK_DONE();
}
