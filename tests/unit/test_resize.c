/* test_resize: torch bilinear resize against hand-derived values and the
 * golden heatmap facts (argmax of the resized map = "point"). */
#include <cjson/cJSON.h>
#include <float.h>
#include <math.h>

#include "check.h"
#include "heatmap.h"
#include "resize.h"
#include "tasks.h"

/* A 1x2 map [0, 1] resized to 1x4: scale 0.5, sources -0.25 (clamped to 0),
 * 0.25, 0.75, 1.25 -> indices 0,0,0,1 with weights 0, .25, .75, 0. */
static void
test_resize_tiny(void)
{
	float in[2] = { 0.0f, 1.0f }, out[4];

	cx_resize_bilinear(in, 1, 2, out, 1, 4);
	CHECK(out[0] == 0.0f && out[1] == 0.25f && out[2] == 0.75f && out[3] == 1.0f);
}

/* Same size: identity. */
static void
test_resize_identity(void)
{
	float in[6] = { 1, 2, 3, 4, 5, 6 }, out[6];

	cx_resize_bilinear(in, 2, 3, out, 2, 3);
	CHECK(memcmp(in, out, sizeof in) == 0);
}

/* SPEC 3: a constant nonzero map is not constant after resizing (the float32
 * weights of some pixels do not sum to exactly 1). */
static void
test_resize_constant_not_constant(void)
{
	float in[49], *out = malloc(sizeof *out * 257 * 333), lo = FLT_MAX, hi = -FLT_MAX;

	for (int i = 0; i < 49; i++)
		in[i] = 1.0f / 256;
	cx_resize_bilinear(in, 7, 7, out, 257, 333);
	for (int i = 0; i < 257 * 333; i++) {
		lo = out[i] < lo ? out[i] : lo;
		hi = out[i] > hi ? out[i] : hi;
	}
	CHECK(lo != hi);
	CHECK(hi - lo < 1e-9);
	free(out);
}

/* argmax without the full map equals argmax over the full map. */
static void
test_resize_argmax_matches_full(void)
{
	float in[12] = { 0, 3, 1, 3, 2, 0, 3, 1, 0, 0, 2, 3 }, *out;
	uint32_t r, c, best = 0;

	out = malloc(sizeof *out * 50 * 61);
	cx_resize_bilinear(in, 3, 4, out, 50, 61);
	for (uint32_t i = 1; i < 50 * 61; i++)
		if (out[i] > out[best])
			best = i;
	cx_resize_argmax(in, 3, 4, 50, 61, &r, &c);
	CHECK(r == best / 61 && c == best % 61);
	free(out);
}

/* The block-bounded argmax equals np.argmax over the full map on random
 * maps with plateaus, ties, signs and extreme magnitudes. */
static void
test_resize_argmax_random(void)
{
	uint64_t s = 0x9e3779b97f4a7c15ull;
	int bad = 0;

	for (int it = 0; it < 500; it++) {
		uint32_t ih, iw, oh, ow, r, c, best = 0;
		float *in, *out;
		int kind = it % 6;
		s ^= s << 13; s ^= s >> 7; s ^= s << 17;
		ih = 1 + (uint32_t)(s % 9);
		iw = 1 + (uint32_t)(s / 9 % 9);
		oh = 1 + (uint32_t)(s / 81 % 97);
		ow = 1 + (uint32_t)(s / 8000 % 97);
		in = malloc(sizeof *in * ih * iw);
		out = malloc(sizeof *out * oh * ow);
		for (uint32_t i = 0; i < ih * iw; i++) {
			double v;
			s ^= s << 13; s ^= s >> 7; s ^= s << 17;
			v = (double)(s >> 11) / 9007199254740992.0;
			switch (kind) {
			case 1: v = floor(v * 3); break;
			case 2: v = v - 0.7; break;
			case 3: v = 1.0 / 256; break;
			case 4: v = (v - 0.5) * 1e-30; break;
			case 5: v = v < 0.8 ? 0 : 1; break;
			}
			in[i] = (float)v;
		}
		cx_resize_bilinear(in, ih, iw, out, oh, ow);
		for (uint32_t i = 1; i < oh * ow; i++)
			if (out[i] > out[best])
				best = i;
		cx_resize_argmax(in, ih, iw, oh, ow, &r, &c);
		if (r != best / ow || c != best % ow)
			bad++;
		free(in);
		free(out);
	}
	CHECK(bad == 0);
}

static void
facts(const char *ref, const char *mapdir)
{
	char path[2048], *txt, *line, *save = NULL;
	int n = 0;

	snprintf(path, sizeof path, "%s/golden/heatmap_facts.jsonl", ref);
	if ((txt = check_slurp(path, NULL)) == NULL) {
		CHECK(!"heatmap_facts.jsonl readable");
		return;
	}
	for (line = strtok_r(txt, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		cJSON *j = cJSON_Parse(line);
		const char *file = cJSON_GetObjectItem(j, "file")->valuestring;
		cJSON *shape = cJSON_GetObjectItem(j, "map_shape"), *dims = cJSON_GetObjectItem(j, "cxr_dims");
		cJSON *pt = cJSON_GetObjectItem(j, "point"), *am = cJSON_GetObjectItem(j, "argmax");
		struct cx_heatmap hm;
		struct cx_err err = {0};
		uint32_t r, c, ar = 0;
		float lo = FLT_MAX, hi = -FLT_MAX;

		snprintf(path, sizeof path, "%s/%s", mapdir, file);
		if (cx_heatmap_load(&hm, path, &err) == -1) {
			fprintf(stderr, "  %s: %s\n", file, err.msg);
			CHECK(!"heatmap loads");
			cJSON_Delete(j);
			continue;
		}
		CHECK(hm.mh == (uint32_t)cJSON_GetArrayItem(shape, 0)->valueint);
		CHECK(hm.mw == (uint32_t)cJSON_GetArrayItem(shape, 1)->valueint);
		CHECK(hm.cxr_w == (uint32_t)cJSON_GetArrayItem(dims, 0)->valueint);
		CHECK(hm.cxr_h == (uint32_t)cJSON_GetArrayItem(dims, 1)->valueint);
		CHECK(hm.task >= 0);
		if (cJSON_IsArray(cJSON_GetObjectItem(j, "prob"))) {
			cJSON *v = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "prob"),
			    cx_task_chexpert_index(hm.task));
			CHECK(hm.has_prob && hm.prob_f32 && hm.prob == v->valuedouble);
		} else
			CHECK(hm.has_prob && !hm.prob_f32 &&
			    hm.prob == cJSON_GetObjectItem(j, "prob")->valuedouble);
		for (uint32_t i = 0; i < hm.mh * hm.mw; i++) {
			if (hm.map[i] < lo)
				lo = hm.map[i];
			if (hm.map[i] > hm.map[ar])
				ar = i;
			hi = hm.map[i] > hi ? hm.map[i] : hi;
		}
		CHECK(lo == (float)cJSON_GetObjectItem(j, "min")->valuedouble);
		CHECK(hi == (float)cJSON_GetObjectItem(j, "max")->valuedouble);
		CHECK(ar / hm.mw == (uint32_t)cJSON_GetArrayItem(am, 0)->valueint &&
		    ar % hm.mw == (uint32_t)cJSON_GetArrayItem(am, 1)->valueint);
		cx_resize_argmax(hm.map, hm.mh, hm.mw, hm.cxr_h, hm.cxr_w, &r, &c);
		if (r != (uint32_t)cJSON_GetArrayItem(pt, 0)->valueint ||
		    c != (uint32_t)cJSON_GetArrayItem(pt, 1)->valueint) {
			fprintf(stderr, "  %s: point %u,%u want %d,%d\n", file, r, c,
			    cJSON_GetArrayItem(pt, 0)->valueint, cJSON_GetArrayItem(pt, 1)->valueint);
			CHECK(!"point matches");
		}
		cx_heatmap_fini(&hm);
		cJSON_Delete(j);
		n++;
	}
	CHECK(n > 0);
	free(txt);
}

static void
test_facts_synth(void)
{
	const char *ref = check_shared("synth-small");
	char dir[1100];

	if (ref == NULL)
		SKIP("../shared/reference/synth-small not present");
	snprintf(dir, sizeof dir, "%s/inputs/gradcam_maps_val", ref);
	facts(ref, dir);
}

static void
test_facts_sample(void)
{
	const char *ref = check_shared("sample"), *data;
	char r[1100], dir[1100];

	if (ref == NULL)
		SKIP("../shared/reference/sample not present");
	snprintf(r, sizeof r, "%s", ref);
	if ((data = check_shared("sample-data")) == NULL)
		SKIP("../shared/reference/sample-data not present");
	snprintf(dir, sizeof dir, "%s/gradcam_maps_val", data);
	facts(r, dir);
}

int
main(void)
{
	RUN(test_resize_tiny);
	RUN(test_resize_identity);
	RUN(test_resize_constant_not_constant);
	RUN(test_resize_argmax_matches_full);
	RUN(test_resize_argmax_random);
	RUN(test_facts_synth);
	RUN(test_facts_sample);
	return CHECK_DONE();
}
