/* cli_inspect: what a file holds — segmentation, annotation or salient-point
 * JSON, heatmap, image or label CSV. The kind comes from the extension and,
 * for JSON, from the shape of the first entry. */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "annjson.h"
#include "cli.h"
#include "escape.h"
#include "fmt.h"
#include "heatmap.h"
#include "image.h"
#include "json.h"
#include "jsonout.h"
#include "labels.h"
#include "pickle.h"
#include "points.h"
#include "mapseg.h"
#include "resize.h"
#include "rle.h"
#include "segjson.h"
#include "tasks.h"

enum kind { K_SEG, K_ANN, K_PTS, K_HEAT, K_IMAGE, K_LABELS };

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s && s[1] ? s + 1 : p;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

/* JSON kind from the first entry's first member. */
static int
json_kind(const char *path, struct cx_err *err)
{
	cJSON *root = cx_json_load(path, err), *e, *m;
	int k = K_SEG;

	if (root == NULL)
		return -1;
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		cx_err_file(err, path);
		return cx_err_at(err, "1:1", "want a JSON object of image ids");
	}
	e = root->child;
	if (e != NULL && cJSON_IsObject(e)) {
		if (cJSON_GetObjectItemCaseSensitive(e, "img_size") != NULL)
			k = K_ANN;
		else if ((m = e->child) != NULL && cJSON_IsArray(m))
			k = K_PTS;
	}
	cJSON_Delete(root);
	return k;
}

static void
jkey(int *first, const char *k)
{
	printf("%s", *first ? "" : ", ");
	*first = 0;
	cli_json_str(stdout, k);
	printf(": ");
}

static int
do_seg(const char *path, int json, struct cx_err *err)
{
	struct cx_segfile f;
	uint64_t ne[CX_NTASKS] = {0}, np[CX_NTASKS] = {0};
	double area[CX_NTASKS] = {0}, frac[CX_NTASKS] = {0};
	uint32_t minh = 0, minw = 0, maxh = 0, maxw = 0;
	char e1[1024];
	int first = 1;

	if (cx_segfile_load(&f, path, err) == -1)
		return -1;
	for (size_t i = 0; i < f.n; i++) {
		const struct cx_segentry *e = &f.e[i];
		if (i == 0 || (uint64_t)e->h * e->w < (uint64_t)minh * minw)
			minh = e->h, minw = e->w;
		if (i == 0 || (uint64_t)e->h * e->w > (uint64_t)maxh * maxw)
			maxh = e->h, maxw = e->w;
		for (int t = 0; t < CX_NTASKS; t++) {
			uint64_t a;
			if (!e->present[t])
				continue;
			np[t]++;
			if ((a = cx_rle_area(&e->m[t])) > 0) {
				ne[t]++;
				area[t] += (double)a;
				frac[t] += (double)a / ((double)e->m[t].h * e->m[t].w);
			}
		}
	}
	if (json) {
		printf("{\"file\": ");
		cli_json_str(stdout, base_name(path));
		printf(", \"kind\": \"segmentation\", \"cxrs\": %zu, \"min_size\": [%u, %u], "
		    "\"max_size\": [%u, %u], \"pathologies\": {", f.n, minh, minw, maxh, maxw);
		for (int s = 0; s < CX_NTASKS; s++) {
			int t = cx_task_sorted[s];
			jkey(&first, cx_task_names[t]);
			printf("{\"masks\": %llu, \"nonempty\": %llu, \"mean_area\": ",
			    (unsigned long long)np[t], (unsigned long long)ne[t]);
			cli_json_num(stdout, ne[t] ? area[t] / ne[t] : NAN);
			printf(", \"mean_area_fraction\": ");
			cli_json_num(stdout, ne[t] ? frac[t] / ne[t] : NAN);
			printf("}");
		}
		printf("}}\n");
	} else {
		printf("%s: segmentation, %zu CXRs", cx_escape_buf(path, e1, sizeof e1), f.n);
		if (f.n)
			printf(", sizes %ux%u to %ux%u (h x w)", minh, minw, maxh, maxw);
		printf("\n  %-28s %6s %9s %14s %8s\n", "pathology", "masks", "non-empty",
		    "mean area px", "% image");
		for (int s = 0; s < CX_NTASKS; s++) {
			int t = cx_task_sorted[s];
			printf("  %-28s %6llu %9llu ", cx_task_names[t], (unsigned long long)np[t],
			    (unsigned long long)ne[t]);
			if (ne[t])
				printf("%14.1f %7.2f%%\n", area[t] / ne[t], 100 * frac[t] / ne[t]);
			else
				printf("%14s %8s\n", "-", "-");
		}
	}
	cx_segfile_fini(&f);
	return 0;
}

static int
do_ann(const char *path, int json, struct cx_err *err)
{
	struct cx_annfile f;
	uint64_t nc[CX_NTASKS] = {0}, npoly[CX_NTASKS] = {0}, npts[CX_NTASKS] = {0};
	char e1[1024];
	int first = 1;

	if (cx_annfile_load(&f, path, err) == -1)
		return -1;
	for (size_t i = 0; i < f.n; i++)
		for (int t = 0; t < CX_NTASKS; t++) {
			if (!f.e[i].present[t])
				continue;
			nc[t]++;
			npoly[t] += f.e[i].npoly[t];
			for (size_t k = 0; k < f.e[i].npoly[t]; k++)
				npts[t] += f.e[i].poly[t][k].n;
		}
	if (json) {
		printf("{\"file\": ");
		cli_json_str(stdout, base_name(path));
		printf(", \"kind\": \"annotation\", \"cxrs\": %zu, \"pathologies\": {", f.n);
		for (int s = 0; s < CX_NTASKS; s++) {
			int t = cx_task_sorted[s];
			jkey(&first, cx_task_names[t]);
			printf("{\"cxrs\": %llu, \"polygons\": %llu, \"points\": %llu}",
			    (unsigned long long)nc[t], (unsigned long long)npoly[t],
			    (unsigned long long)npts[t]);
		}
		printf("}}\n");
	} else {
		printf("%s: annotation, %zu CXRs\n", cx_escape_buf(path, e1, sizeof e1), f.n);
		printf("  %-28s %6s %9s %8s\n", "pathology", "CXRs", "polygons", "points");
		for (int s = 0; s < CX_NTASKS; s++) {
			int t = cx_task_sorted[s];
			printf("  %-28s %6llu %9llu %8llu\n", cx_task_names[t], (unsigned long long)nc[t],
			    (unsigned long long)npoly[t], (unsigned long long)npts[t]);
		}
	}
	cx_annfile_fini(&f);
	return 0;
}

static int
do_pts(const char *path, int json, struct cx_err *err)
{
	struct cx_ptfile f;
	uint64_t nc[CX_NTASKS] = {0}, np[CX_NTASKS] = {0};
	char e1[1024];
	int first = 1;

	if (cx_points_load(&f, path, err) == -1)
		return -1;
	for (size_t i = 0; i < f.n; i++)
		for (int t = 0; t < CX_NTASKS; t++)
			if (f.e[i].present[t]) {
				nc[t]++;
				np[t] += f.e[i].n[t];
			}
	if (json) {
		printf("{\"file\": ");
		cli_json_str(stdout, base_name(path));
		printf(", \"kind\": \"salient_points\", \"cxrs\": %zu, \"pathologies\": {", f.n);
		for (int s = 0; s < CX_NTASKS; s++) {
			int t = cx_task_sorted[s];
			jkey(&first, cx_task_names[t]);
			printf("{\"cxrs\": %llu, \"points\": %llu}", (unsigned long long)nc[t],
			    (unsigned long long)np[t]);
		}
		printf("}}\n");
	} else {
		printf("%s: salient points, %zu CXRs\n", cx_escape_buf(path, e1, sizeof e1), f.n);
		printf("  %-28s %6s %8s\n", "pathology", "CXRs", "points");
		for (int s = 0; s < CX_NTASKS; s++) {
			int t = cx_task_sorted[s];
			printf("  %-28s %6llu %8llu\n", cx_task_names[t], (unsigned long long)nc[t],
			    (unsigned long long)np[t]);
		}
	}
	cx_points_fini(&f);
	return 0;
}

/* The 'prob' of a pickle when it is a vector (n > 1): the golden facts print
 * the whole 14-element list, which struct cx_heatmap does not keep. */
static double *
prob_vector(const char *path, size_t *n)
{
	struct cx_pickle *pk;
	struct cx_err e = {0};
	const struct cx_pk_obj *o;
	struct cx_pk_array a;
	double *v = NULL;

	*n = 0;
	if (!ends_with(path, ".pkl") && !ends_with(path, ".pickle"))
		return NULL;
	if (cx_pickle_load(&pk, path, &e) == -1)
		return NULL;
	o = cx_pk_dict_get(pk, cx_pickle_root(pk), "prob");
	if (o != NULL && (cx_pk_kind(o) == CX_PK_TENSOR || cx_pk_kind(o) == CX_PK_NDARRAY) &&
	    cx_pk_array(pk, o, 1u << 16, &a, &e) == 0) {
		if (a.n > 1) {
			v = a.v;
			*n = a.n;
		} else
			free(a.v);
	}
	cx_pickle_free(pk);
	return v;
}

/* dims_w x dims_h (--dims, 0 when not given): the image size for heatmaps that
 * do not carry cxr_dims. */
static int
do_heat(const char *path, int json, uint32_t dims_w, uint32_t dims_h, struct cx_err *err)
{
	struct cx_heatmap hm;
	size_t n, am = 0;
	float lo, hi;
	uint32_t prow = 0, pcol = 0;
	int have_pt;
	char e1[1024], b1[32], b2[32], b3[32];
	const char *task;
	double *pv;
	size_t npv;

	if (cx_heatmap_load(&hm, path, err) == -1)
		return -1;
	n = (size_t)hm.mh * hm.mw;
	if (n == 0 || hm.map == NULL) {
		cx_heatmap_fini(&hm);
		cx_err_file(err, path);
		return cx_err_set(err, "empty heatmap");
	}
	lo = hi = hm.map[0];
	for (size_t i = 1; i < n; i++) {
		/* np.argmax: the first maximum; NaN counts as the maximum */
		if (isnan(hm.map[i]) && !isnan(hi)) {
			hi = hm.map[i];
			am = i;
		} else if (hm.map[i] > hi) {
			hi = hm.map[i];
			am = i;
		}
		if (hm.map[i] < lo)
			lo = hm.map[i];
	}
	if ((hm.cxr_w == 0 || hm.cxr_h == 0) && dims_w > 0) {
		hm.cxr_w = dims_w;
		hm.cxr_h = dims_h;
	}
	have_pt = hm.cxr_w > 0 && hm.cxr_h > 0;
	if (have_pt)
		cx_mapseg_argmax(&hm, hm.cxr_h, hm.cxr_w, &prow, &pcol);
	task = hm.task >= 0 ? cx_task_names[hm.task] : NULL;
	if (json) {
		printf("{\"file\": ");
		cli_json_str(stdout, base_name(path));
		printf(", \"kind\": \"heatmap\", \"task\": ");
		if (task)
			cli_json_str(stdout, task);
		else
			printf("null");
		printf(", \"prob\": ");
		if ((pv = prob_vector(path, &npv)) != NULL) {
			for (size_t i = 0; i < npv; i++) {
				printf(i ? ", " : "[");
				cli_json_num(stdout, pv[i]);
			}
			printf("]");
			free(pv);
		} else if (hm.has_prob)
			cli_json_num(stdout, hm.prob);
		else
			printf("null");
		printf(", \"map_shape\": [%u, %u], \"min\": ", hm.mh, hm.mw);
		cli_json_num(stdout, lo);
		printf(", \"max\": ");
		cli_json_num(stdout, hi);
		printf(", \"argmax\": [%zu, %zu], \"cxr_dims\": ", am / hm.mw, am % hm.mw);
		if (have_pt)
			printf("[%u, %u], \"point\": [%u, %u]}\n", hm.cxr_w, hm.cxr_h, prow, pcol);
		else
			printf("null, \"point\": null}\n");
	} else {
		printf("%s: heatmap\n", cx_escape_buf(path, e1, sizeof e1));
		printf("  task       %s\n", task ? task : "(unknown)");
		if (hm.has_prob)
			printf("  prob       %s\n", cx_fmt_repr(hm.prob, b1));
		if (hm.gt >= 0)
			printf("  gt         %d\n", hm.gt);
		printf("  map        %u x %u (h x w), min %s, max %s, first argmax (row %zu, col %zu)\n",
		    hm.mh, hm.mw, cx_fmt_repr(lo, b2), cx_fmt_repr(hi, b3), am / hm.mw, am % hm.mw);
		if (have_pt)
			printf("  cxr_dims   %u x %u (w x h); pointing-game point (row %u, col %u)\n",
			    hm.cxr_w, hm.cxr_h, prow, pcol);
		else
			printf("  cxr_dims   absent (no pointing-game point)\n");
	}
	cx_heatmap_fini(&hm);
	return 0;
}

static int
do_image(const char *path, int json, struct cx_err *err)
{
	struct cx_image im;
	char e1[1024];
	const char *fmt;

	/* Decode it all: a truncated file must be reported, not just its header. */
	if (cx_image_load(&im, path, err) == -1)
		return -1;
	fmt = ends_with(path, ".png") || ends_with(path, ".PNG") ? "PNG" : "JPEG";
	if (json) {
		printf("{\"file\": ");
		cli_json_str(stdout, base_name(path));
		printf(", \"kind\": \"image\", \"format\": \"%s\", \"width\": %u, \"height\": %u, "
		    "\"channels\": %d, \"depth\": %d}\n", fmt, im.w, im.h, im.channels, im.depth);
	} else
		printf("%s: %s image, %u x %u (w x h), %s, %d-bit\n", cx_escape_buf(path, e1, sizeof e1),
		    fmt, im.w, im.h, im.channels == 1 ? "grayscale" : "RGB", im.depth);
	cx_image_fini(&im);
	return 0;
}

static int
do_labels(const char *path, int json, struct cx_err *err)
{
	struct cx_labels l;
	uint64_t pos[CX_NCHEXPERT] = {0}, unc[CX_NCHEXPERT] = {0};
	char e1[1024];
	int first = 1;

	if (cx_labels_load(&l, path, err) == -1)
		return -1;
	for (size_t i = 0; i < l.n; i++)
		for (int k = 0; k < CX_NCHEXPERT; k++) {
			pos[k] += l.r[i].v[k] == CX_LABEL_POS;
			unc[k] += l.r[i].v[k] == CX_LABEL_UNC;
		}
	if (json) {
		printf("{\"file\": ");
		cli_json_str(stdout, base_name(path));
		printf(", \"kind\": \"labels\", \"cxrs\": %zu, \"tasks\": {", l.n);
		for (int k = 0; k < CX_NCHEXPERT; k++) {
			jkey(&first, cx_chexpert_names[k]);
			printf("{\"positive\": %llu, \"uncertain\": %llu}", (unsigned long long)pos[k],
			    (unsigned long long)unc[k]);
		}
		printf("}}\n");
	} else {
		printf("%s: CheXpert labels, %zu CXRs\n", cx_escape_buf(path, e1, sizeof e1), l.n);
		printf("  %-28s %8s %9s\n", "task", "positive", "uncertain");
		for (int k = 0; k < CX_NCHEXPERT; k++)
			printf("  %-28s %8llu %9llu\n", cx_chexpert_names[k], (unsigned long long)pos[k],
			    (unsigned long long)unc[k]);
	}
	cx_labels_fini(&l);
	return 0;
}

struct inspect_args {
	const char	*dims;
};

static const struct cmd_opt inspect_opts[] = {
	CMD_OPT(struct inspect_args, dims, "dims", OPT_STR, "WxH",
	    "image size for heatmaps without cxr_dims (.npy, .png)"),
	{ 0 }
};

static int
inspect_run(const struct cmd_ctx *c, void *args)
{
	const struct inspect_args *a = args;
	const char *dims = a->dims;
	int json = c->json, rc, bad = 0;
	uint32_t dims_w = 0, dims_h = 0;

	if (c->npos < 1)
		return cmd_usage(c, "want at least one FILE");
	if (dims != NULL) {
		unsigned long w, h;
		char *end;
		struct cx_err e = {0};
		w = strtoul(dims, &end, 10);
		h = *end == 'x' ? strtoul(end + 1, &end, 10) : 0;
		if (*end != '\0' || w == 0 || h == 0 || cx_rle_check_size(h, w, &e) == -1)
			return cmd_usage(c, "--dims: want WIDTHxHEIGHT within the size limits, not '%s'",
			    dims);
		dims_w = (uint32_t)w;
		dims_h = (uint32_t)h;
	}
	for (int i = 0; i < c->npos; i++) {
		const char *p = c->pos[i];
		struct cx_err err = {0};
		struct stat st;
		int k;
		/* A folder is not a file to inspect (the dataset commands take it). */
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			cx_err_file(&err, p);
			cx_err_set(&err, "a folder, not a file (chexplore info DIR describes a dataset)");
			cli_error(&err);
			bad = 1;
			continue;
		}
		if (ends_with(p, ".pkl") || ends_with(p, ".pickle") || ends_with(p, ".npy") ||
		    ends_with(p, "_map.png"))
			k = K_HEAT;
		else if (ends_with(p, ".json"))
			k = json_kind(p, &err);
		else if (ends_with(p, ".csv"))
			k = K_LABELS;
		else
			k = K_IMAGE;
		switch (k) {
		case K_SEG: rc = do_seg(p, json, &err); break;
		case K_ANN: rc = do_ann(p, json, &err); break;
		case K_PTS: rc = do_pts(p, json, &err); break;
		case K_HEAT: rc = do_heat(p, json, dims_w, dims_h, &err); break;
		case K_LABELS: rc = do_labels(p, json, &err); break;
		case K_IMAGE: rc = do_image(p, json, &err); break;
		default: rc = -1; break;
		}
		fflush(stdout);
		if (rc == -1) {
			cx_err_file(&err, p);
			cli_error(&err);
			bad = 1;
		}
	}
	return bad ? CMD_FAILED : CMD_OK;
}

const struct cmd_entry cmd_inspect_entry = {
	.name = "inspect", .summary = "what a file holds (segmentations, annotations, heatmaps, images)",
	.usage = "FILE ... [--json] [--dims WxH]",
	.about = "What a file holds: segmentation, annotation or salient-point JSON, heatmap "
	    "(.pkl, .npy, 16-bit .png named *_map.png), image (.jpg, .png) or label CSV.",
	.flags = CMD_JSON, .help = { [CMD_C_JSON] = "one JSON object per file, one per line" },
	.opts = inspect_opts, CMD_ARGS(struct inspect_args, NULL), .run = inspect_run,
};
