/* cli_tune: tune_heatmap_threshold.py (tune thresholds) and
 * tune_probability_threshold.py (tune prob-cutoffs). Each heatmap is read and
 * resized once; every candidate is scored from the same pass. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bootstrap.h"
#include "cli.h"
#include "fmt.h"
#include "heatmap.h"
#include "json.h"
#include "opts.h"
#include "outfile.h"
#include "pool.h"
#include "progress.h"
#include "segjson.h"
#include "tasks.h"
#include "tune.h"
#include "tunepart.h"
#include "xalloc.h"

static const char about[] =
    "tune thresholds: the binarization threshold per pathology (0.2 .. 0.8) that\n"
    "maximizes the true-positive mIoU of the heatmaps against the ground truth;\n"
    "writes tuning_results.csv.\n"
    "tune prob-cutoffs: the mIoU (full mode) of the Otsu segmentations kept only\n"
    "when the model probability exceeds each cutoff 0.0 .. 0.8; writes\n"
    "probability_tuning_results.csv.";

struct tune_job {
	const struct cx_heatmap_list	*l;
	const struct cx_segfile		*gt;
	int				 prob;		/* prob-cutoffs mode */
	double				 thr[CX_TUNE_NTHR];
	double				*iou;		/* per heatmap x candidate */
	struct cx_err			*errs;
	size_t				*work;		/* heatmaps to score */
};

/* Threshold mode: true-positive IoU per threshold, NaN when the id has no
 * GT, its mask is empty, or the thresholded map is. */
static int
tune_thr_one(struct tune_job *j, size_t i, struct cx_heatmap *hm, const struct cx_rle *g)
{
	uint64_t pred[CX_TUNE_NTHR], inter[CX_TUNE_NTHR], ga = cx_rle_area(g);
	double *out = j->iou + i * CX_TUNE_NCUT;

	if (ga == 0)
		return 0;
	cx_tune_count(hm, hm->cxr_h, hm->cxr_w, g, j->thr, CX_TUNE_NTHR, pred, inter);
	for (int k = 0; k < CX_TUNE_NTHR; k++)
		out[k] = cx_tune_iou(pred[k], inter[k], ga);
	return 0;
}

static int
tune_one(size_t i, void *ctx)
{
	struct tune_job *j = ctx;
	struct cx_err *err = &j->errs[i];
	const struct cx_segentry *e;
	struct cx_heatmap hm;
	const struct cx_rle *g = NULL;
	int task = j->l->task[i], rc;

	e = cx_segfile_find(j->gt, j->l->id[i]);
	if (cx_heatmap_load(&hm, j->l->path[i], err) == -1)
		return -1;
	/* Thresholds: ids without a GT mask are NaN; the file is still read
	 * (cheaply: cxr_img is skipped) so a corrupt heatmap is reported. */
	if (!j->prob && (e == NULL || cx_rle_area(&e->m[task]) == 0)) {
		cx_heatmap_fini(&hm);
		return 0;
	}
	/* A map without cxr_dims (.npy, PNG) takes its CXR's ground-truth
	 * mask size, as every command and the explorer do. */
	if ((hm.cxr_w == 0 || hm.cxr_h == 0) && e != NULL) {
		hm.cxr_w = e->m[task].w;
		hm.cxr_h = e->m[task].h;
	}
	if (hm.cxr_w == 0 || hm.cxr_h == 0 || hm.mh == 0 || hm.mw == 0) {
		cx_heatmap_fini(&hm);
		cx_err_file(err, j->l->path[i]);
		return cx_err_set(err, "no image size (cxr_dims, or a ground-truth mask of this CXR) "
		    "to resize the map to");
	}
	if (e != NULL) {
		g = &e->m[task];
		if (g->h != hm.cxr_h || g->w != hm.cxr_w) {
			cx_heatmap_fini(&hm);
			cx_err_file(err, j->l->path[i]);
			return cx_err_at(err, "cxr_dims", "image is %ux%u (cxr_dims) but the ground-truth "
			    "mask is %ux%u", hm.cxr_h, hm.cxr_w, g->h, g->w);
		}
	}
	if (j->prob)
		rc = cx_tune_prob(&hm, g, task, j->iou + i * CX_TUNE_NCUT, err);
	else
		rc = tune_thr_one(j, i, &hm, g);
	if (rc == -1)
		cx_err_file(err, j->l->path[i]);
	cx_heatmap_fini(&hm);
	return rc;
}

static int
tune_work(size_t k, void *ctx)
{
	struct tune_job *j = ctx;

	return tune_one(j->work[k], j);
}

static int
write_csv(const char *save_dir, const char *name, struct cx_outfile *of, struct cx_err *err)
{
	char *path;
	int rc;

	if (cx_mkdirs(save_dir, err) == -1)
		return -1;
	path = cx_path_join(save_dir, name);
	rc = cx_outfile_open(of, path, err);
	free(path);
	return rc;
}

/* The sweep's results from the IoU of every heatmap (n of them, in path order,
 * task[i] their pathology, iou[i * CX_TUNE_NCUT + c] per candidate c): the
 * reference's CSV in save_dir and, unless quiet, a table on stdout. */
static int
tune_write(const char *save_dir, int prob, const int *task_of, size_t n, const double *iou,
    unsigned tasks, int quiet, struct cx_err *err)
{
	struct cx_outfile of = {0};
	double thr[CX_TUNE_NTHR], *col = cx_xreallocarray(NULL, n + 1, sizeof *col);

	cx_tune_thresholds(thr);
	if (write_csv(save_dir, prob ? "probability_tuning_results.csv" : "tuning_results.csv",
	    &of, err) == -1) {
		free(col);
		return -1;
	}
	fprintf(of.fp, prob ? "prob_threshold,mIoU,task\n" : "threshold,task\n");
	if (!quiet)
		printf(prob ? "%-27s cutoff  mIoU\n" : "%-27s threshold  mIoU\n", "pathology");
	for (int k = 0; k < CX_NTASKS; k++) {
		int task = cx_task_sorted[k], ncand;
		double cand[CX_TUNE_NCUT], miou[CX_TUNE_NCUT];
		char b[2][32];
		if (!((tasks >> task) & 1u))
			continue;	/* not in --pathologies: not written */
		ncand = prob ? cx_tune_cutoffs(task, cand) : CX_TUNE_NTHR;
		if (!prob)
			memcpy(cand, thr, sizeof thr);
		for (int c = 0; c < ncand; c++) {
			size_t m = 0;
			/* The sweep's list: this pathology's heatmaps in path order. */
			for (size_t i = 0; i < n; i++)
				if (task_of[i] == task)
					col[m++] = iou[i * CX_TUNE_NCUT + c];
			miou[c] = cx_bootstrap_nanmean(col, m, NULL);
			if (prob)
				miou[c] = cx_round_np(miou[c], 3);
		}
		if (prob) {
			for (int c = 0; c < ncand; c++) {
				fprintf(of.fp, "%s,%s,%s\n", cx_fmt_csv(cx_round_np(cand[c], 1), b[0]),
				    cx_fmt_csv(miou[c], b[1]), cx_task_names[task]);
				if (!quiet)
					printf("%-27s %6.1f  %s\n", cx_task_names[task], cand[c],
					    isnan(miou[c]) ? "-" : cx_fmt_repr(miou[c], b[1]));
			}
		} else {
			/* Python's max(): the first candidate unless a later one is
			 * strictly greater (so a leading NaN wins). */
			int best = 0;
			for (int c = 1; c < ncand; c++)
				if (miou[c] > miou[best])
					best = c;
			fprintf(of.fp, "%s,%s\n", cx_fmt_csv(cx_round_np(cand[best], 1), b[0]),
			    cx_task_names[task]);
			if (!quiet)
				printf("%-27s %9.1f  %.3f\n", cx_task_names[task], cand[best], miou[best]);
		}
	}
	free(col);
	return cx_outfile_commit(&of, err);
}

/* A --shard part: the IoU per candidate of this part's heatmaps, keyed by
 * their index in the sorted listing (shared by every part), in full
 * round-trip precision so the merged sweep is bit-identical. */
static int
write_part(const char *save_dir, int prob, int k, int n, const struct cx_heatmap_list *l,
    const double *iou, struct cx_err *err)
{
	struct cx_outfile of = {0};
	char name[128], b[32];

	snprintf(name, sizeof name, "%s.part-%d-of-%d.csv",
	    prob ? "probability_tuning_results" : "tuning_results", k, n);
	if (write_csv(save_dir, name, &of, err) == -1)
		return -1;
	fprintf(of.fp, "%s %s %d %d %zu\n", TUNE_PART_MAGIC, prob ? "prob-cutoffs" : "thresholds",
	    k, n, l->n);
	for (size_t i = 0; i < l->n; i++) {
		if (l->task[i] < 0 || (int)(i % (size_t)n) != k - 1)
			continue;
		fprintf(of.fp, "%zu,%d", i, l->task[i]);
		for (int c = 0; c < CX_TUNE_NCUT; c++)
			fprintf(of.fp, ",%s", cx_fmt_csv(iou[i * CX_TUNE_NCUT + c], b));
		fputc('\n', of.fp);
	}
	return cx_outfile_commit(&of, err);
}

/* path opened for reading through the one file reader (a FIFO is refused,
 * not waited on), or NULL with err */
static FILE *
open_part(const char *path, struct cx_err *err)
{
	int fd = cx_open_regular(path, NULL, err);
	FILE *fp;

	if (fd == -1)
		return NULL;
	if ((fp = fdopen(fd, "r")) == NULL) {
		cx_err_set(err, "cannot open: %s", strerror(errno));
		close(fd);
	}
	return fp;
}

int
tune_is_part(const char *path)
{
	struct cx_err err = {0};
	FILE *fp = open_part(path, &err);
	char line[64] = "";
	int yes;

	if (fp == NULL)
		return 0;
	yes = fgets(line, sizeof line, fp) != NULL
	    && strncmp(line, TUNE_PART_MAGIC " ", strlen(TUNE_PART_MAGIC) + 1) == 0;
	fclose(fp);
	return yes;
}

/* One part file into task/iou/seen (sized total); checks it belongs with the
 * others (same mode, shard count and listing size). */
static int
read_part(const char *path, int *prob, int *nshards, size_t *total, int **task, double **iou,
    unsigned char **seen, struct cx_err *err)
{
	FILE *fp = open_part(path, err);
	char line[1024], mode[32];
	int k, n, lineno = 1;
	size_t tot;

	cx_err_file(err, path);
	if (fp == NULL)
		return -1;
	if (fgets(line, sizeof line, fp) == NULL
	    || sscanf(line, TUNE_PART_MAGIC " %31s %d %d %zu", mode, &k, &n, &tot) != 4
	    || (strcmp(mode, "thresholds") != 0 && strcmp(mode, "prob-cutoffs") != 0)
	    || n < 1 || k < 1 || k > n || tot > 100000000) {
		fclose(fp);
		return cx_err_at(err, "1", "not a tune part (want '%s MODE K N COUNT')", TUNE_PART_MAGIC);
	}
	if (*task == NULL) {
		*prob = strcmp(mode, "prob-cutoffs") == 0;
		*nshards = n;
		*total = tot;
		*task = cx_xmalloc((tot + 1) * sizeof **task);
		*iou = cx_xmalloc((tot + 1) * CX_TUNE_NCUT * sizeof **iou);
		*seen = cx_xcalloc(tot + 1, 1);
		for (size_t i = 0; i < tot; i++) {
			(*task)[i] = -1;
			for (int c = 0; c < CX_TUNE_NCUT; c++)
				(*iou)[i * CX_TUNE_NCUT + c] = NAN;
		}
	} else if (*prob != (strcmp(mode, "prob-cutoffs") == 0) || *nshards != n || *total != tot) {
		fclose(fp);
		return cx_err_at(err, "1", "part of another run (%s, %d parts, %zu heatmaps)",
		    mode, n, tot);
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		char *p = line, *end;
		unsigned long long i;
		long t;
		char where[32];
		lineno++;
		snprintf(where, sizeof where, "%d", lineno);
		i = strtoull(p, &end, 10);
		if (end == p || *end != ',' || i >= tot) {
			fclose(fp);
			return cx_err_at(err, where, "want INDEX,TASK,IoU... with INDEX below %zu", tot);
		}
		p = end + 1;
		t = strtol(p, &end, 10);
		if (end == p || t < 0 || t >= CX_NTASKS) {
			fclose(fp);
			return cx_err_at(err, where, "bad pathology number");
		}
		if ((*seen)[i]) {
			fclose(fp);
			return cx_err_at(err, where, "heatmap %llu is in two parts", i);
		}
		(*seen)[i] = 1;
		(*task)[i] = (int)t;
		p = end;
		for (int c = 0; c < CX_TUNE_NCUT; c++) {
			double v;
			if (*p != ',') {
				fclose(fp);
				return cx_err_at(err, where, "want %d IoU fields", CX_TUNE_NCUT);
			}
			p++;
			if (*p == ',' || *p == '\n' || *p == '\0') {
				(*iou)[i * CX_TUNE_NCUT + c] = NAN;
				continue;
			}
			v = strtod(p, &end);
			if (end == p) {
				fclose(fp);
				return cx_err_at(err, where, "bad IoU value");
			}
			(*iou)[i * CX_TUNE_NCUT + c] = v;
			p = end;
		}
	}
	fclose(fp);
	memset(err, 0, sizeof *err);
	return 0;
}

int
tune_merge(char **paths, int nparts, const char *save_dir, int quiet)
{
	struct cx_err err = {0};
	int *task = NULL, prob = 0, nshards = 0, rc = 1;
	double *iou = NULL;
	unsigned char *seen = NULL;
	size_t total = 0;

	for (int p = 0; p < nparts; p++)
		if (read_part(paths[p], &prob, &nshards, &total, &task, &iou, &seen, &err) == -1)
			goto out;
	if (nparts != nshards) {
		cli_fail("merge", "%d tune parts given, the run had %d", nparts, nshards);
		goto done;
	}
	if (tune_write(save_dir, prob, task, total, iou, (1u << CX_NTASKS) - 1, quiet, &err) == -1)
		goto out;
	rc = 0;
	goto done;
out:
	cli_error(&err);
done:
	free(task);
	free(iou);
	free(seen);
	return rc;
}

/* tune's options are all common ones. */
static int
tune_run(const struct cmd_ctx *c, void *args)
{
	const char *maps = c->maps, *gtp = c->gt, *save_dir = c->save_dir;
	struct cx_heatmap_list l = {0};
	struct cx_segfile gt = {0};
	struct cx_outfile of = {0};
	struct cx_err err = {0};
	struct tune_job j = {0};
	struct progress pr;
	double *col = NULL;
	size_t nwork = 0, failed;
	int jobs = c->jobs, quiet = c->quiet, ret = 1, sk = c->shard_k, sn = c->shard_n;

	(void)args;

	if (c->npos != 1 || (strcmp(c->pos[0], "thresholds") != 0 &&
	    strcmp(c->pos[0], "prob-cutoffs") != 0))
		return cmd_usage(c, "want 'tune thresholds' or 'tune prob-cutoffs' (try --help)");
	if (maps == NULL || gtp == NULL)
		return cmd_usage(c, "--maps and --gt are required (try --help)");
	j.prob = strcmp(c->pos[0], "prob-cutoffs") == 0;
	if (cx_segfile_load(&gt, gtp, &err) == -1)
		return cmd_failed(&err);
	memset(&err, 0, sizeof err);
	if (cx_heatmap_list_dir(&l, maps, &err) == -1) {
		cx_err_file(&err, maps);
		goto fail;
	}
	if (l.nlungop && !quiet)
		cli_note("%s: " CX_HEATMAP_LUNG_OPACITY_NOTE, maps, l.nlungop);
	cx_tune_thresholds(j.thr);
	j.l = &l;
	j.gt = &gt;
	j.iou = cx_xreallocarray(NULL, (l.n ? l.n : 1) * CX_TUNE_NCUT, sizeof *j.iou);
	for (size_t i = 0; i < l.n * CX_TUNE_NCUT; i++)
		j.iou[i] = NAN;
	j.errs = cx_xcalloc(l.n + 1, sizeof *j.errs);
	/* Unknown pathologies, and those --pathologies leaves out, are not part
	 * of any sweep. */
	j.work = cx_xcalloc(l.n + 1, sizeof *j.work);
	for (size_t i = 0; i < l.n; i++)
		if (l.task[i] >= 0 && ((c->tasks >> l.task[i]) & 1u) &&
		    (sk == 0 || (int)(i % (size_t)sn) == sk - 1))
			j.work[nwork++] = i;
	progress_init(&pr, j.prob ? "prob-cutoffs" : "thresholds", quiet);
	failed = cx_pool_run(nwork, jobs, tune_work, &j, progress_update, &pr);
	progress_done(&pr);
	if (failed) {
		for (size_t i = 0; i < l.n; i++)
			if (j.errs[i].msg[0]) {
				err = j.errs[i];
				break;
			}
		goto fail;
	}
	if (sk > 0) {
		if (write_part(save_dir, j.prob, sk, sn, &l, j.iou, &err) == -1)
			goto fail;
		if (!quiet)
			printf("wrote part %d of %d (%zu heatmaps); combine the parts with chexplore merge\n",
			    sk, sn, (nwork + (size_t)sn - 1 - (size_t)(sk - 1)) / (size_t)sn);
		ret = 0;
		goto out;
	}
	if (tune_write(save_dir, j.prob, l.task, l.n, j.iou, c->tasks, quiet, &err) == -1)
		goto fail;
	ret = 0;
	goto out;
fail:
	cli_error(&err);
	cx_outfile_abort(&of);
out:
	free(col);
	free(j.iou);
	free(j.errs);
	free(j.work);
	cx_heatmap_list_fini(&l);
	cx_segfile_fini(&gt);
	return ret;
}

const struct cmd_entry cmd_tune_entry = {
	.name = "tune", .summary = "tune binarization thresholds or probability cutoffs",
	.usage = "thresholds|prob-cutoffs --maps DIR --gt FILE [--save-dir DIR] [options]",
	.about = about, .flags = CMD_GT | CMD_MAPS | CMD_SAVE_DIR | CMD_SHARD | CMD_PATHOLOGIES | CMD_JOBS |
	    CMD_QUIET,
	.help = { [CMD_C_QUIET] = "no progress bar, no table" },
	.run = tune_run,
};
