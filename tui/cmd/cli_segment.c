/* cli_segment: polygons or heatmaps to a segmentation JSON. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "opts.h"
#include "segment.h"

static const char about[] =
    "Polygons (--annotations) or heatmaps (--maps) to a segmentation JSON.\n"
    "Heatmaps are binarized by Otsu's method, or by per-pathology thresholds\n"
    "(--thresholds tuning_results.csv), optionally zeroed below tuned probability\n"
    "cutoffs (--prob-cutoffs probability_tuning_results.csv).";

int
cli_segment(int argc, char **argv)
{
	struct segment_opts o = { .k = 0 };
	const char *dims = NULL;
	int npos, rc, smooth_k = 0;
	const struct opt opts[] = {
		{ "annotations|ann_path|a", OPT_STR, &o.ann_path, "FILE", "annotation JSON (polygons)" },
		{ "maps|map_dir|m", OPT_STR, &o.map_dir, "DIR", "folder of heatmaps (*_map.pkl, .npy, .png)" },
		{ "thresholds|threshold_path", OPT_STR, &o.threshold_path, "CSV", "per-pathology thresholds (tuning_results.csv)" },
		{ "prob-cutoffs|probability_threshold_path", OPT_STR, &o.prob_path, "CSV", "probability cutoffs (probability_tuning_results.csv)" },
		{ "if_smoothing", OPT_BOOL, &o.smooth, "True|False", "box-smooth before Otsu (reference flag)" },
		{ "k", OPT_INT, &o.k, "K", "box filter size for --if_smoothing (reference flag)" },
		{ "smooth", OPT_INT, &smooth_k, "K", "box-smooth with a KxK filter before Otsu" },
		{ "dims", OPT_STR, &dims, "WxH", "image size for heatmaps without cxr_dims (.npy, .png)" },
		{ "out|output_path|o", OPT_STR, &o.out, "FILE", "output segmentation JSON" },
		{ "jobs|j", OPT_INT, &o.jobs, "N", "worker threads (default: all cores)" },
		{ "shard", OPT_STR, &o.shard, "K/N", "only the K-th of N parts of the heatmaps (see merge)" },
		{ "quiet|q", OPT_BOOL, &o.quiet, NULL, "no progress bar" },
		{ NULL, 0, NULL, NULL, NULL },
	};

	rc = opt_parse("segment", "(--annotations FILE | --maps DIR [...]) --out FILE", about,
	    opts, argc, argv, &npos);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if (npos > 0) {
		cli_fail("segment", "unexpected argument '%s' (try --help)", argv[1]);
		return 2;
	}
	if ((o.ann_path == NULL) == (o.map_dir == NULL)) {
		cli_fail("segment", "give exactly one of --annotations FILE or --maps DIR");
		return 2;
	}
	if (o.out == NULL) {
		cli_fail("segment", "--out FILE is required");
		return 2;
	}
	if (smooth_k != 0) {
		o.smooth = 1;
		o.k = smooth_k;
	}
	if (o.k < 0 || o.k > 255) {
		cli_fail("segment", "--smooth/--k: want a size between 1 and 255");
		return 2;
	}
	if (dims != NULL) {
		char *end;
		unsigned long w = strtoul(dims, &end, 10), h = 0;
		if (*end == 'x' || *end == 'X')
			h = strtoul(end + 1, &end, 10);
		if (*end != '\0' || w == 0 || h == 0 || w > 30000 || h > 30000) {
			cli_fail("segment", "--dims: want WIDTHxHEIGHT, e.g. 2828x2320");
			return 2;
		}
		o.dims_w = (unsigned)w;
		o.dims_h = (unsigned)h;
	}
	if (o.k > 0 && !o.smooth)
		cli_note("--k without --if_smoothing True: no smoothing (as the reference)");
	if (o.ann_path != NULL)
		return segment_from_annotations(&o);
	return segment_from_maps(&o);
}
