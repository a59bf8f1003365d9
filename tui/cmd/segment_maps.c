/* segment_maps: heatmaps -> segmentation JSON (SPEC §3 "Heatmap ->
 * segmentation"), the reference's heatmap_to_segmentation.py: Otsu by
 * default, per-pathology thresholds (--thresholds), probability cutoffs
 * (--prob-cutoffs), optional smoothing; one heatmap per pool item. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvread.h"
#include "h2s.h"
#include "heatmap.h"
#include "opts.h"
#include "pool.h"
#include "progress.h"
#include "segjson.h"
#include "segment.h"
#include "tasks.h"
#include "xalloc.h"

struct job {
	const struct segment_opts	*o;
	struct cx_heatmap_list		 list;
	size_t				*pick;		/* indices into list (the shard) */
	size_t				 n;
	int				 have_thr[CX_NTASKS];
	double				 thr[CX_NTASKS];
	int				 have_cut[CX_NTASKS];
	double				 cut[CX_NTASKS];
	struct cx_rle			*out;		/* per picked file */
	struct cx_err			*err;		/* per picked file */
};

/* tuning_results.csv: threshold,task */
static int
load_thresholds(struct job *j, const char *path)
{
	struct cx_csvread t;
	struct cx_err err = {0};
	int ct, cn;

	if (cx_csvread_load(&t, path, &err) == -1) {
		cli_error(&err);
		return -1;
	}
	ct = cx_csvread_col(&t, "threshold");
	cn = cx_csvread_col(&t, "task");
	if (ct < 0 || cn < 0) {
		cx_err_at(&err, "1", "want the columns threshold,task");
		cx_err_file(&err, path);
		cli_error(&err);
		cx_csvread_fini(&t);
		return -1;
	}
	for (size_t r = 0; r < t.nrow; r++) {
		int task = cx_task_id(t.cell[r * t.ncol + (size_t)cn]);
		double v;
		if (task < 0)
			continue;
		if (cx_csvread_num(&t, r, (size_t)ct, &v, &err) == -1) {
			cx_err_file(&err, path);
			cli_error(&err);
			cx_csvread_fini(&t);
			return -1;
		}
		/* pandas .values[0]: the first row of the task */
		if (!j->have_thr[task]) {
			j->have_thr[task] = 1;
			j->thr[task] = v;
		}
	}
	cx_csvread_fini(&t);
	return 0;
}

/* probability_tuning_results.csv: prob_threshold,mIoU,task; the cutoff is the
 * prob_threshold of the row with the largest mIoU (idxmax: first on ties,
 * NaN skipped). */
static int
load_cutoffs(struct job *j, const char *path)
{
	struct cx_csvread t;
	struct cx_err err = {0};
	double best[CX_NTASKS];
	int cp, cm, cn;

	if (cx_csvread_load(&t, path, &err) == -1) {
		cli_error(&err);
		return -1;
	}
	cp = cx_csvread_col(&t, "prob_threshold");
	cm = cx_csvread_col(&t, "mIoU");
	cn = cx_csvread_col(&t, "task");
	if (cp < 0 || cm < 0 || cn < 0) {
		cx_err_at(&err, "1", "want the columns prob_threshold,mIoU,task");
		cx_err_file(&err, path);
		cli_error(&err);
		cx_csvread_fini(&t);
		return -1;
	}
	for (size_t r = 0; r < t.nrow; r++) {
		int task = cx_task_id(t.cell[r * t.ncol + (size_t)cn]);
		double p, m;
		if (task < 0)
			continue;
		if (cx_csvread_num(&t, r, (size_t)cp, &p, &err) == -1 ||
		    cx_csvread_num(&t, r, (size_t)cm, &m, &err) == -1) {
			cx_err_file(&err, path);
			cli_error(&err);
			cx_csvread_fini(&t);
			return -1;
		}
		if (isnan(m))
			continue;
		if (!j->have_cut[task] || m > best[task]) {
			j->have_cut[task] = 1;
			best[task] = m;
			j->cut[task] = p;
		}
	}
	cx_csvread_fini(&t);
	return 0;
}

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
		if (!j->have_thr[task]) {
			cx_heatmap_fini(&hm);
			cx_err_set(err, "no threshold for %s in %s", cx_task_names[task],
			    j->o->threshold_path);
			cx_err_file(err, path);
			return -1;
		}
		ho.otsu = 0;
		/* NumPy compares the float32 map with the threshold in float32 */
		ho.threshold = (float)j->thr[task];
	}
	/* --smooth K or --if_smoothing True --k K; --k alone does not smooth */
	ho.smooth_k = j->o->smooth ? j->o->k : 0;
	if (j->o->prob_path != NULL) {
		int below;
		if (!j->have_cut[task]) {
			cx_heatmap_fini(&hm);
			cx_err_set(err, "no probability cutoff for %s in %s", cx_task_names[task],
			    j->o->prob_path);
			cx_err_file(err, path);
			return -1;
		}
		if (!hm.has_prob) {
			cx_heatmap_fini(&hm);
			cx_err_set(err, "no 'prob' entry (needed by --prob-cutoffs)");
			cx_err_file(err, path);
			return -1;
		}
		/* a torch float32 tensor compares with a Python float in float32 */
		below = hm.prob_f32 ? (float)hm.prob < (float)j->cut[task] :
		    hm.prob < j->cut[task];
		if (below) {
			cx_rle_zero(&j->out[i], hm.cxr_h, hm.cxr_w);
			cx_heatmap_fini(&hm);
			return 0;
		}
	}
	cx_h2s_segment(&hm, hm.cxr_h, hm.cxr_w, &ho, &j->out[i]);
	cx_heatmap_fini(&hm);
	return 0;
}

int
segment_maps_build(const struct segment_opts *o, struct cx_segfile *out)
{
	struct job j;
	struct cx_err err = {0};
	struct cx_segfile seg = {0};
	struct progress pr;
	int sk = 1, sn = 1, rc = 0;
	size_t failed;

	memset(&j, 0, sizeof j);
	j.o = o;
	if (o->shard != NULL && opt_shard(o->shard, &sk, &sn) == -1) {
		cli_fail("segment", "--shard: want K/N with 1 <= K <= N");
		return 2;
	}
	if (o->smooth && o->k < 1) {
		cli_fail("segment", "--if_smoothing needs a kernel size --k K (1 to 255)");
		return 2;
	}
	if (o->threshold_path != NULL && load_thresholds(&j, o->threshold_path) == -1)
		return 1;
	if (o->prob_path != NULL && load_cutoffs(&j, o->prob_path) == -1)
		return 1;
	if (cx_heatmap_list_dir(&j.list, o->map_dir, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	j.pick = cx_xmalloc((j.list.n ? j.list.n : 1) * sizeof *j.pick);
	for (size_t i = 0; i < j.list.n; i++)
		if ((int)(i % (size_t)sn) == sk - 1)
			j.pick[j.n++] = i;
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
	 * folders, so look each id up among the entries made so far */
	for (size_t i = 0; i < j.n; i++) {
		const char *id = j.list.id[j.pick[i]];
		int task = j.list.task[j.pick[i]];
		struct cx_segentry *e = NULL;
		for (size_t k = seg.n; k > 0; k--)
			if (strcmp(seg.e[k - 1].id, id) == 0) {
				e = &seg.e[k - 1];
				break;
			}
		if (e == NULL) {
			struct cx_segentry ne;
			memset(&ne, 0, sizeof ne);
			ne.id = cx_xstrdup(id);
			ne.h = j.out[i].h;
			ne.w = j.out[i].w;
			cx_segfile_add(&seg, &ne);
			e = &seg.e[seg.n - 1];
		}
		/* the reference stops at a duplicate (id, pathology); we refuse it */
		if (e->present[task]) {
			err = (struct cx_err){0};
			cx_err_set(&err, "a second heatmap for %s of %s", cx_task_names[task], id);
			cx_err_file(&err, j.list.path[j.pick[i]]);
			cli_error(&err);
			rc = 1;
			goto out;
		}
		e->present[task] = 1;
		e->m[task] = j.out[i];
		memset(&j.out[i], 0, sizeof j.out[i]);
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
