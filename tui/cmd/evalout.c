/* evalout: eval's CSV files and table, and the shard parts. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "imgid.h"
#include "cli.h"
#include "csvread.h"
#include "evalout.h"
#include "fmt.h"
#include "outfile.h"
#include "tasks.h"
#include "xalloc.h"

/* Does the column of task hold no NaN? pandas then keeps hit/miss (0/1
 * Python ints) as an integer column and writes "1", not "1.0". */
static int
column_integral(const struct cx_evaltab *t, int task)
{
	for (size_t i = 0; i < t->n; i++)
		if (isnan(CX_EVAL_V(t, task, i)))
			return 0;
	return 1;
}

/* Is task selected by the --pathologies mask? */
#define SELECTED(tasks, task)	(((tasks) >> (task)) & 1u)

static void
write_per_cxr(FILE *fp, const struct cx_evaltab *t, int hitmiss, unsigned tasks)
{
	int integral[CX_NTASKS];
	char b[32];

	for (int k = 0; k < CX_NTASKS; k++) {
		integral[k] = hitmiss && column_integral(t, cx_task_sorted[k]);
		if (SELECTED(tasks, cx_task_sorted[k]))
			fprintf(fp, "%s,", cx_task_names[cx_task_sorted[k]]);
	}
	fprintf(fp, "img_id\n");
	for (size_t i = 0; i < t->n; i++) {
		for (int k = 0; k < CX_NTASKS; k++) {
			double v = CX_EVAL_V(t, cx_task_sorted[k], i);
			if (!SELECTED(tasks, cx_task_sorted[k]))
				continue;
			if (integral[k])
				fprintf(fp, "%d,", (int)v);
			else
				fprintf(fp, "%s,", cx_fmt_csv(v, b));
		}
		fprintf(fp, "%s\n", t->id[i]);
	}
}

static void
write_boot(FILE *fp, const double *boot, unsigned tasks)
{
	char b[32];
	const char *sep = "";

	for (int k = 0; k < CX_NTASKS; k++)
		if (SELECTED(tasks, k)) {
			fprintf(fp, "%s%s", sep, cx_task_names[k]);
			sep = ",";
		}
	fprintf(fp, "\n");
	for (size_t r = 0; r < CX_BOOTSTRAP_REPLICATES; r++) {
		sep = "";
		for (int k = 0; k < CX_NTASKS; k++)
			if (SELECTED(tasks, k)) {
				fprintf(fp, "%s%s", sep, cx_fmt_csv(boot[r * CX_NTASKS + k], b));
				sep = ",";
			}
		fprintf(fp, "\n");
	}
}

static void
write_summary(FILE *fp, const struct cx_evalsum *sum, unsigned tasks)
{
	char b[3][32];

	fprintf(fp, "name,lower,mean,upper\n");
	for (int k = 0; k < CX_NTASKS; k++) {
		const struct cx_evalsum *s = &sum[cx_task_sorted[k]];
		if (!SELECTED(tasks, cx_task_sorted[k]))
			continue;
		fprintf(fp, "%s,%s,%s,%s\n", cx_task_names[cx_task_sorted[k]],
		    cx_fmt_csv(s->ci.lower, b[0]), cx_fmt_csv(s->ci.mean, b[1]),
		    cx_fmt_csv(s->ci.upper, b[2]));
	}
}

/* All three files or none. */
static int
write_outputs(const char *save_dir, int hb, const char *metric,
    const struct cx_evaltab *t, const double *boot, const struct cx_evalsum *sum,
    unsigned tasks)
{
	static const char *const kind[3] = { "results_per_cxr", "bootstrap_results_per_cxr",
	    "summary_results" };
	struct cx_outfile of[3] = {{0}};
	struct cx_err err = {0};
	char name[128];
	int i;

	if (cx_mkdirs(save_dir, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	for (i = 0; i < 3; i++) {
		char *path;
		snprintf(name, sizeof name, "%s_%s%s.csv", metric, hb ? "humanbenchmark_" : "",
		    kind[i]);
		path = cx_path_join(save_dir, name);
		if (cx_outfile_open(&of[i], path, &err) == -1) {
			free(path);
			goto fail;
		}
		free(path);
	}
	write_per_cxr(of[0].fp, t, strcmp(metric, "hitmiss") == 0, tasks);
	write_boot(of[1].fp, boot, tasks);
	write_summary(of[2].fp, sum, tasks);
	for (i = 0; i < 3; i++)
		if (ferror(of[i].fp)) {
			cx_err_file(&err, of[i].path);
			cx_err_set(&err, "cannot write: %s", strerror(errno ? errno : EIO));
			goto fail;
		}
	/* the three CSVs are one set: all renamed or none */
	if (cx_outfile_commit_set(of, 3, &err) == -1)
		goto fail;
	return 0;
fail:
	cli_error(&err);
	for (int j = 0; j < 3; j++)
		cx_outfile_abort(&of[j]);
	return 1;
}

/* The headline value is the summary CSV's (the bootstrap replicates' mean);
 * the plain mean of the per-CXR values comes last, labelled as such — as
 * stats' *_plain columns and the explorer's statistics screen. */
static void
print_table(const char *metric, const struct cx_evalsum *sum, size_t nrows, unsigned tasks)
{
	char b[4][32], ci[72];

	printf("%-27s %5s %8s  %-18s %10s\n", "pathology", "n",
	    strcmp(metric, "iou") == 0 ? "mIoU" : "hit rate", "95% CI (bootstrap)", "plain mean");
	for (int k = 0; k < CX_NTASKS; k++) {
		const struct cx_evalsum *s = &sum[cx_task_sorted[k]];
		if (!SELECTED(tasks, cx_task_sorted[k]))
			continue;
		snprintf(b[0], sizeof b[0], isnan(s->ci.mean) ? "-" : "%.3f", s->ci.mean);
		snprintf(b[1], sizeof b[1], isnan(s->ci.lower) ? "-" : "%.3f", s->ci.lower);
		snprintf(b[2], sizeof b[2], isnan(s->ci.upper) ? "-" : "%.3f", s->ci.upper);
		snprintf(b[3], sizeof b[3], isnan(s->mean) ? "-" : "%.3f", s->mean);
		snprintf(ci, sizeof ci, "[%s, %s]", b[1], b[2]);
		printf("%-27s %5zu %8s  %-18s %10s\n", cx_task_names[cx_task_sorted[k]], s->n,
		    b[0], ci, b[3]);
	}
	printf("(%zu CXRs; %s and CI as in the summary CSV: the bootstrap replicates' mean; "
	    "plain mean: the mean of the n per-CXR values)\n", nrows,
	    strcmp(metric, "iou") == 0 ? "mIoU" : "hit rate");
}

int
evalout_overlap(const char *gt, size_t ngt, const char *pred, size_t npred, size_t shared,
    int quiet, struct cx_err *err)
{
	if (npred == 0) {
		if (!quiet && ngt > 0)
			cli_note("%s: holds no CXR: every value is empty", pred);
		return 0;
	}
	if (ngt > 0 && shared == 0) {
		cx_err_file(err, pred);
		return cx_err_set(err, "none of the %zu CXRs of the ground truth %s is here "
		    "(another split?)", ngt, gt);
	}
	if (shared < ngt && !quiet)
		cli_note("%s: %zu of the ground truth's %zu CXRs are here; the other %zu count as "
		    "without a prediction", pred, shared, ngt, ngt - shared);
	return 0;
}

int
evalout_write(const char *save_dir, const char *metric, int hb,
    const struct cx_evaltab *t, uint32_t seed, int quiet, unsigned tasks)
{
	struct cx_evalsum sum[CX_NTASKS];
	double *boot = cx_xreallocarray(NULL, CX_BOOTSTRAP_REPLICATES * CX_NTASKS,
	    sizeof *boot);
	int ret;

	cx_evaluate_summarize(t, seed, boot, sum);
	ret = write_outputs(save_dir, hb, metric, t, boot, sum, tasks);
	if (ret == 0 && !quiet)
		print_table(metric, sum, t->n, tasks);
	free(boot);
	return ret;
}

int
evalout_write_part(const char *save_dir, const char *metric, int hb, int k,
    int n, const struct cx_evaltab *t, const unsigned char *covered)
{
	struct cx_outfile of = {0};
	struct cx_err err = {0};
	char name[128], b[32], *path;
	int rc;

	if (cx_mkdirs(save_dir, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	snprintf(name, sizeof name, "%s_%sresults_per_cxr.part-%d-of-%d.csv", metric,
	    hb ? "humanbenchmark_" : "", k, n);
	path = cx_path_join(save_dir, name);
	rc = cx_outfile_open(&of, path, &err);
	free(path);
	if (rc == -1) {
		cli_error(&err);
		return 1;
	}
	for (int c = 0; c < CX_NTASKS; c++)
		fprintf(of.fp, "%s,", cx_task_names[cx_task_sorted[c]]);
	fprintf(of.fp, "img_id\n");
	for (size_t i = 0; i < t->n; i++) {
		for (int c = 0; c < CX_NTASKS; c++) {
			int task = cx_task_sorted[c];
			fprintf(of.fp, "%s,", covered[(size_t)task * t->n + i] ?
			    cx_fmt_csv(CX_EVAL_V(t, task, i), b) : "-");
		}
		fprintf(of.fp, "%s\n", t->id[i]);
	}
	if (cx_outfile_commit(&of, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	return 0;
}

int
evalout_read_parts(struct cx_evaltab *t, char **paths, int nparts,
    const char **metric, int *hb, struct cx_err *err)
{
	unsigned char *got = NULL;
	const char *base = strrchr(paths[0], '/');

	base = base ? base + 1 : paths[0];
	*metric = strncmp(base, "iou_", 4) == 0 ? "iou" : "hitmiss";
	*hb = strstr(base, "_humanbenchmark_") != NULL;
	memset(t, 0, sizeof *t);
	for (int p = 0; p < nparts; p++) {
		struct cx_csvread c;
		int col[CX_NTASKS], idc;
		memset(err, 0, sizeof *err);
		if (cx_csvread_load(&c, paths[p], err) == -1)
			goto fail;
		idc = cx_csvread_col(&c, "img_id");
		for (int k = 0; k < CX_NTASKS; k++)
			col[k] = cx_csvread_col(&c, cx_task_names[k]);
		for (int k = 0; k < CX_NTASKS; k++)
			if (col[k] < 0 || idc < 0) {
				cx_csvread_fini(&c);
				cx_err_file(err, paths[p]);
				cx_err_at(err, "1", "not a per-CXR part: want the 10 pathology "
				    "columns and img_id");
				goto fail;
			}
		if (p == 0) {
			char **ids = cx_xcalloc(c.nrow + 1, sizeof *ids);
			for (size_t r = 0; r < c.nrow; r++)
				ids[r] = c.cell[r * c.ncol + (size_t)idc];
			cx_evaltab_init(t, c.nrow, ids);
			free(ids);
			got = cx_xcalloc(c.nrow * CX_NTASKS + 1, 1);
		}
		if (c.nrow != t->n) {
			cx_csvread_fini(&c);
			cx_err_file(err, paths[p]);
			cx_err_set(err, "%zu rows where %s has %zu: parts of different runs?",
			    c.nrow, paths[0], t->n);
			goto fail;
		}
		for (size_t r = 0; r < c.nrow; r++) {
			char w[32];
			snprintf(w, sizeof w, "%zu", c.line[r]);
			if (cx_imgid_check(c.cell[r * c.ncol + (size_t)idc]) != NULL) {
				cx_err_file(err, paths[p]);
				cx_err_at(err, w, "%s", cx_imgid_check(c.cell[r * c.ncol + (size_t)idc]));
				cx_csvread_fini(&c);
				goto fail;
			}
			if (strcmp(c.cell[r * c.ncol + (size_t)idc], t->id[r]) != 0) {
				cx_csvread_fini(&c);
				cx_err_file(err, paths[p]);
				cx_err_at(err, w, "img_id differs from %s: parts of different runs?",
				    paths[0]);
				goto fail;
			}
			for (int k = 0; k < CX_NTASKS; k++) {
				const char *s = c.cell[r * c.ncol + (size_t)col[k]];
				double v;
				if (strcmp(s, "-") == 0)
					continue;
				if (got[(size_t)k * t->n + r]++) {
					cx_csvread_fini(&c);
					cx_err_file(err, paths[p]);
					cx_err_at(err, w, "%s of %s is also given by another part",
					    cx_task_names[k], t->id[r]);
					goto fail;
				}
				if (cx_csvread_num(&c, r, (size_t)col[k], &v, err) == -1) {
					cx_csvread_fini(&c);
					cx_err_file(err, paths[p]);
					goto fail;
				}
				CX_EVAL_V(t, k, r) = v;
			}
		}
		cx_csvread_fini(&c);
	}
	free(got);
	return 0;
fail:
	free(got);
	cx_evaltab_fini(t);
	return -1;
}
