/* segment_maps: heatmaps -> segmentation JSON (SPEC §3 "Heatmap ->
 * segmentation"), the reference's heatmap_to_segmentation.py: Otsu by
 * default, per-pathology thresholds (--thresholds), probability cutoffs
 * (--prob-cutoffs), optional smoothing; one heatmap per pool item. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "h2s.h"
#include "mapseg.h"
#include "heatmap.h"
#include "opts.h"
#include "pool.h"
#include "progress.h"
#include "segjson.h"
#include "segment.h"
#include "tasks.h"
#include "tuning.h"
#include "xalloc.h"

struct job {
	const struct segment_opts	*o;
	struct cx_heatmap_list		 list;
	size_t				*pick;		/* indices into list (the shard) */
	size_t				 n;
	struct cx_tuning		 thr;		/* --thresholds */
	struct cx_tuning		 cut;		/* --prob-cutoffs */
	struct cx_rle			*out;		/* per picked file */
	struct cx_err			*err;		/* per picked file */
};

static int
one(size_t i, void *ctx)
{
	struct job *j = ctx;
	const char *path = j->list.path[j->pick[i]];
	struct cx_err *err = &j->err[i];
	struct cx_heatmap hm;
	struct cx_h2s_opts ho = { .otsu = 1 };
	int task = j->list.task[j->pick[i]];

	if (cx_heatmap_load(&hm, path, err) == -1)
		return -1;
	if ((hm.cxr_w == 0 || hm.cxr_h == 0) && j->o->dims_w > 0) {
		hm.cxr_w = j->o->dims_w;
		hm.cxr_h = j->o->dims_h;
	}
	if ((hm.cxr_w == 0 || hm.cxr_h == 0) && j->o->dims_from != NULL) {
		const struct cx_segentry *e = cx_segfile_find(j->o->dims_from,
		    j->list.id[j->pick[i]]);
		if (e != NULL) {
			hm.cxr_w = e->w;
			hm.cxr_h = e->h;
		}
	}
	if (hm.cxr_w == 0 || hm.cxr_h == 0) {
		cx_heatmap_fini(&hm);
		cx_err_set(err, "no image size (cxr_dims) in the heatmap: give --dims WxH");
		cx_err_file(err, path);
		return -1;
	}
	if (j->o->threshold_path != NULL) {
		if (!j->thr.has[task]) {
			cx_heatmap_fini(&hm);
			cx_err_set(err, "no threshold for %s in %s", cx_task_names[task],
			    j->o->threshold_path);
			cx_err_file(err, path);
			return -1;
		}
		ho.otsu = 0;
		/* NumPy compares a float32 map with the threshold in float32,
		 * a float64 map in float64 */
		ho.threshold = (float)j->thr.val[task];
		ho.threshold64 = j->thr.val[task];
	}
	/* --smooth K or --if_smoothing True --k K; --k alone does not smooth */
	ho.smooth_k = j->o->smooth ? j->o->k : 0;
	if (j->o->prob_path != NULL) {
		int below;
		if (!j->cut.has[task]) {
			cx_heatmap_fini(&hm);
			if (j->cut.rows[task] > 0)
				cx_err_set(err, "every mIoU of %s in %s is NaN: no cutoff to choose "
				    "(the reference's idxmax fails there too)", cx_task_names[task],
				    j->o->prob_path);
			else
				cx_err_set(err, "no probability cutoff for %s in %s",
				    cx_task_names[task], j->o->prob_path);
			cx_err_file(err, path);
			return -1;
		}
		if (!hm.has_prob) {
			cx_heatmap_fini(&hm);
			cx_err_set(err, "no 'prob' entry (needed by --prob-cutoffs)");
			cx_err_file(err, path);
			return -1;
		}
		below = cx_heatmap_prob_below(&hm, j->cut.val[task]);
		if (below) {
			cx_rle_zero(&j->out[i], hm.cxr_h, hm.cxr_w);
			cx_heatmap_fini(&hm);
			return 0;
		}
	}
	cx_mapseg_segment(&hm, hm.cxr_h, hm.cxr_w, &ho, &j->out[i]);
	cx_heatmap_fini(&hm);
	return 0;
}

/* Stable merge sort of ord[lo, hi) by id; counts the comparisons. */
static void
group_sort(const char *const *id, size_t *ord, size_t *tmp, size_t lo, size_t hi, size_t *cmps)
{
	size_t mid, a, b, k;

	if (hi - lo < 2)
		return;
	mid = lo + (hi - lo) / 2;
	group_sort(id, ord, tmp, lo, mid, cmps);
	group_sort(id, ord, tmp, mid, hi, cmps);
	for (a = lo, b = mid, k = lo; a < mid && b < hi; k++) {
		++*cmps;
		tmp[k] = strcmp(id[ord[b]], id[ord[a]]) < 0 ? ord[b++] : ord[a++];
	}
	while (a < mid)
		tmp[k++] = ord[a++];
	while (b < hi)
		tmp[k++] = ord[b++];
	memcpy(ord + lo, tmp + lo, (hi - lo) * sizeof *ord);
}

size_t
segment_maps_group(const char *const *id, size_t n, size_t *ord)
{
	size_t *tmp = cx_xmalloc((n ? n : 1) * sizeof *tmp), cmps = 0;

	for (size_t i = 0; i < n; i++)
		ord[i] = i;
	group_sort(id, ord, tmp, 0, n, &cmps);
	free(tmp);
	return cmps;
}

int
segment_maps_build(const struct segment_opts *o, struct cx_segfile *out)
{
	struct job j;
	struct cx_err err = {0};
	struct cx_segfile seg = {0};
	struct progress pr;
	int sk = o->shard ? o->shard_k : 1, sn = o->shard ? o->shard_n : 1, rc = 0;
	size_t failed;

	memset(&j, 0, sizeof j);
	j.o = o;
	if (o->smooth && o->k < 1) {
		cli_fail("segment", "--if_smoothing needs a kernel size --k K (1 to 255)");
		return 2;
	}
	if ((o->threshold_path != NULL &&
	    cx_tuning_load(&j.thr, CX_TUNING_THRESHOLDS, o->threshold_path, &err) == -1) ||
	    (o->prob_path != NULL && cx_tuning_load(&j.cut, CX_TUNING_CUTOFFS, o->prob_path, &err) == -1)) {
		cli_error(&err);
		return 1;
	}
	if (cx_heatmap_list_dir(&j.list, o->map_dir, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	if (j.list.nlungop && !o->quiet)
		cli_note("%s: " CX_HEATMAP_LUNG_OPACITY_NOTE, o->map_dir, j.list.nlungop);
	j.pick = cx_xmalloc((j.list.n ? j.list.n : 1) * sizeof *j.pick);
	for (size_t i = 0; i < j.list.n; i++) {
		int t = j.list.task[i];
		if (o->tasks && t >= 0 && !((o->tasks >> t) & 1u))
			continue;	/* not in --pathologies */
		if ((int)(i % (size_t)sn) == sk - 1)
			j.pick[j.n++] = i;
	}
	j.out = cx_xcalloc(j.n ? j.n : 1, sizeof *j.out);
	j.err = cx_xcalloc(j.n ? j.n : 1, sizeof *j.err);
	progress_init(&pr, "segment", o->quiet);
	failed = cx_pool_run(j.n, o->jobs, one, &j, progress_update, &pr);
	progress_done(&pr);
	if (failed > 0) {
		for (size_t i = 0; i < j.n; i++)
			if (j.err[i].msg[0])
				cli_error(&j.err[i]);
		rc = 1;
		goto out;
	}
	/* group by id: the list is sorted by path, ids may interleave across
	 * folders; a stable sort by id puts each id's maps together, in path
	 * order (n log n comparisons; looking each id up among the entries made
	 * so far was quadratic: 58 s for 100 000 CXRs) */
	{
		const char **ids = cx_xmalloc((j.n ? j.n : 1) * sizeof *ids);
		size_t *ord = cx_xmalloc((j.n ? j.n : 1) * sizeof *ord), dup = SIZE_MAX;
		for (size_t i = 0; i < j.n; i++)
			ids[i] = j.list.id[j.pick[i]];
		segment_maps_group(ids, j.n, ord);
		/* the reference stops at a duplicate (id, pathology); we refuse it:
		 * the first second heatmap in path order is named */
		for (size_t r = 0; r < j.n; r++) {
			size_t i = ord[r];
			int task = j.list.task[j.pick[i]];
			struct cx_segentry *e = seg.n ? &seg.e[seg.n - 1] : NULL;
			if (e == NULL || strcmp(e->id, ids[i]) != 0) {
				struct cx_segentry ne;
				memset(&ne, 0, sizeof ne);
				ne.id = cx_xstrdup(ids[i]);
				ne.h = j.out[i].h;
				ne.w = j.out[i].w;
				cx_segfile_add(&seg, &ne);
				e = &seg.e[seg.n - 1];
			}
			if (e->present[task]) {
				if (dup == SIZE_MAX || i < dup)
					dup = i;
				continue;
			}
			e->present[task] = 1;
			e->m[task] = j.out[i];
			memset(&j.out[i], 0, sizeof j.out[i]);
		}
		free(ids);
		free(ord);
		if (dup != SIZE_MAX) {
			err = (struct cx_err){0};
			cx_err_set(&err, "a second heatmap for %s of %s",
			    cx_task_names[j.list.task[j.pick[dup]]], j.list.id[j.pick[dup]]);
			cx_err_file(&err, j.list.path[j.pick[dup]]);
			cli_error(&err);
			rc = 1;
			goto out;
		}
	}
	for (size_t k = 0; k < seg.n; k++)
		for (int t = 0; t < CX_NTASKS; t++)
			if (!seg.e[k].present[t])
				cx_rle_zero(&seg.e[k].m[t], seg.e[k].h, seg.e[k].w);
	cx_segfile_sort(&seg);
	*out = seg;
	memset(&seg, 0, sizeof seg);
out:
	for (size_t i = 0; i < j.n; i++)
		cx_rle_fini(&j.out[i]);
	free(j.out);
	free(j.err);
	free(j.pick);
	cx_heatmap_list_fini(&j.list);
	cx_segfile_fini(&seg);
	return rc;
}

int
segment_from_maps(const struct segment_opts *o)
{
	struct cx_segfile seg;
	struct cx_err err = {0};
	int rc = segment_maps_build(o, &seg);

	if (rc != 0)
		return rc;
	if (cx_segfile_save(&seg, o->out, 0, &err) == -1) {
		cli_error(&err);
		rc = 1;
	}
	cx_segfile_fini(&seg);
	return rc;
}
