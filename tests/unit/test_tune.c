/* test_tune: the one-pass threshold counts against thresholding the
 * normalized map pixel by pixel (core/h2s), on the synthetic heatmaps. */
#include <dirent.h>

#include "check.h"
#include "h2s.h"
#include "heatmap.h"
#include "tasks.h"
#include "tune.h"

static void
test_candidates(void)
{
	double t[CX_TUNE_NTHR], c[CX_TUNE_NCUT];

	cx_tune_thresholds(t);
	CHECK(t[0] == 0.2);
	CHECK(t[1] == 0.30000000000000004);
	CHECK(t[6] == 0.8000000000000003);	/* NumPy's arange, SPEC §3 */
	CHECK(cx_tune_cutoffs(cx_task_id("Edema"), c) == 9 && c[0] == 0.0 && c[8] == 0.8);
	CHECK(cx_tune_cutoffs(cx_task_id("Lung Lesion"), c) == 8 && c[0] == 0.1);
}

static int
counts_dir(const char *dir, int limit)
{
	char path[2048];
	struct dirent *de;
	DIR *d;
	int nmaps = 0;
	double thr[CX_TUNE_NTHR];

	cx_tune_thresholds(thr);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && nmaps < limit) {
		struct cx_heatmap hm;
		struct cx_err err = {0};
		if (strstr(de->d_name, "_map.pkl") == NULL)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (cx_heatmap_load(&hm, path, &err) == -1) {
			CHECK(0);
			continue;
		}
		uint32_t h = hm.cxr_h, w = hm.cxr_w;
		/* A made-up GT: the left half of the image. */
		uint8_t *g = calloc((size_t)h * w, 1), *mk = malloc((size_t)h * w);
		float *norm = malloc((size_t)h * w * sizeof *norm);
		struct cx_rle gr;
		uint64_t pred[CX_TUNE_NTHR], inter[CX_TUNE_NTHR];
		for (uint32_t y = 0; y < h; y++)
			for (uint32_t x = 0; x < w / 2; x++)
				g[(size_t)y * w + x] = 1;
		cx_rle_from_rowmajor(&gr, g, h, w);
		cx_tune_count(&hm, h, w, &gr, thr, CX_TUNE_NTHR, pred, inter);
		cx_h2s_normalized(&hm, h, w, norm);
		for (int k = 0; k < CX_TUNE_NTHR; k++) {
			uint64_t p = 0, in = 0;
			cx_h2s_threshold(norm, (size_t)h * w, (float)thr[k], mk);
			for (size_t i = 0; i < (size_t)h * w; i++) {
				p += mk[i];
				in += mk[i] & g[i];
			}
			if (p != pred[k] || in != inter[k])
				fprintf(stderr, "  %s t=%g: %llu/%llu != %llu/%llu\n", de->d_name, thr[k],
				    (unsigned long long)pred[k], (unsigned long long)inter[k],
				    (unsigned long long)p, (unsigned long long)in);
			CHECK(p == pred[k] && in == inter[k]);
		}
		nmaps++;
		cx_rle_fini(&gr);
		free(g);
		free(mk);
		free(norm);
		cx_heatmap_fini(&hm);
	}
	closedir(d);
	return nmaps;
}

/* Every synthetic map (zero, constant, quantized, tied, big) and a few of the
 * real full-size ones. */
static void
test_counts_match_pixels(void)
{
	const char *ref = check_shared("synth-small");
	char dir[1024];

	if (ref == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(dir, sizeof dir, "%s/inputs/gradcam_maps_val", ref);
	CHECK(counts_dir(dir, 1000) > 100);
	if ((ref = check_shared("sample-data")) != NULL) {
		snprintf(dir, sizeof dir, "%s/gradcam_maps_val", ref);
		CHECK(counts_dir(dir, 4) == 4);
	}
}

int
main(void)
{
	RUN(test_candidates);
	RUN(test_counts_match_pixels);
	return CHECK_DONE();
}
