/* tuning: one reader for the two tuned-value CSVs, so that `segment`,
 * `stats` and the explorer apply the same values. */
#include "tuning.h"

#include <math.h>
#include <string.h>

#include "csvread.h"

/* The column error names the header line, as csvread's own errors do. */
static int
want_cols(struct cx_err *err, const char *cols)
{
	return cx_err_at(err, "1", "want the columns %s", cols);
}

/* threshold,task: the first row of a pathology wins, every one is parsed. */
static int
thresholds(struct cx_tuning *t, const struct cx_csvread *tab, struct cx_err *err)
{
	int ct = cx_csvread_col(tab, "threshold"), cn = cx_csvread_col(tab, "task");

	if (ct < 0 || cn < 0)
		return want_cols(err, "threshold,task");
	for (size_t r = 0; r < tab->nrow; r++) {
		int task = cx_task_id(tab->cell[r * tab->ncol + (size_t)cn]);
		double v;
		if (task < 0)
			continue;
		if (cx_csvread_pandas(tab, r, (size_t)ct, &v, err) == -1)
			return -1;
		if (!t->has[task]) {
			t->has[task] = 1;
			t->val[task] = v;
		}
	}
	return 0;
}

/* prob_threshold,mIoU,task: the cutoff of the largest mIoU, first on ties,
 * NaN skipped. */
static int
cutoffs(struct cx_tuning *t, const struct cx_csvread *tab, struct cx_err *err)
{
	int cp = cx_csvread_col(tab, "prob_threshold"), cm = cx_csvread_col(tab, "mIoU");
	int cn = cx_csvread_col(tab, "task");
	double best[CX_NTASKS];

	if (cp < 0 || cm < 0 || cn < 0)
		return want_cols(err, "prob_threshold,mIoU,task");
	for (size_t r = 0; r < tab->nrow; r++) {
		int task = cx_task_id(tab->cell[r * tab->ncol + (size_t)cn]);
		double p, m;
		if (task < 0)
			continue;
		t->rows[task]++;
		if (cx_csvread_pandas(tab, r, (size_t)cp, &p, err) == -1 ||
		    cx_csvread_pandas(tab, r, (size_t)cm, &m, err) == -1)
			return -1;
		if (isnan(m))
			continue;
		if (!t->has[task] || m > best[task]) {
			t->has[task] = 1;
			best[task] = m;
			t->val[task] = p;
		}
	}
	return 0;
}

/* Read the table (from path, or from buf when buf is not NULL) and apply the
 * kind's rule; on failure stamp name and leave *t zero. */
static int
read_with(struct cx_tuning *t, enum cx_tuning_kind kind, const char *buf, size_t len,
    const char *name, struct cx_err *err)
{
	struct cx_csvread tab;
	int rc;

	memset(t, 0, sizeof *t);
	rc = buf ? cx_csvread_parse(&tab, buf, len, name, err) :
	    cx_csvread_load(&tab, name, err);
	if (rc == -1)
		return -1;
	rc = kind == CX_TUNING_CUTOFFS ? cutoffs(t, &tab, err) : thresholds(t, &tab, err);
	cx_csvread_fini(&tab);
	if (rc == -1) {
		cx_err_file(err, name);
		memset(t, 0, sizeof *t);
	}
	return rc;
}

int
cx_tuning_load(struct cx_tuning *t, enum cx_tuning_kind kind, const char *path,
    struct cx_err *err)
{
	return read_with(t, kind, NULL, 0, path, err);
}

int
cx_tuning_parse(struct cx_tuning *t, enum cx_tuning_kind kind, const char *buf, size_t len,
    const char *name, struct cx_err *err)
{
	return read_with(t, kind, buf, len, name, err);
}
