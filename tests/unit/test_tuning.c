/* test_tuning: the one reader of tuning_results.csv and
 * probability_tuning_results.csv (core/tuning).
 *
 * The expected values were made by running the reference's own reading of
 * these files (heatmap_to_segmentation.py lines 150-163: pd.read_csv, then
 * tuning_results[tuning_results['task'] == task]['threshold'].values[0] and
 * prob_results.loc[prob_results.groupby(['task'])['mIoU'].agg('idxmax')])
 * on the same CSV texts with Debian 12's python3-pandas 1.5.3 /
 * python3-numpy, then np.isnan(threshold) as cam_to_segmentation does. */
#include <string.h>

#include "check.h"
#include "tuning.h"

#define PARSE_THR(t, s, e)	cx_tuning_parse((t), CX_TUNING_THRESHOLDS, (s), strlen(s), "t.csv", (e))
#define PARSE_CUT(t, s, e)	cx_tuning_parse((t), CX_TUNING_CUTOFFS, (s), strlen(s), "p.csv", (e))

/* A pathology given twice: pandas' .values[0] is the first row's. */
static void
test_repeated_first_wins(void)
{
	struct cx_tuning t;
	struct cx_err err = {0};
	int at = cx_task_id("Atelectasis"), ed = cx_task_id("Edema");

	CHECK(PARSE_THR(&t, "threshold,task\n0.3,Atelectasis\n0.6,Atelectasis\n0.4,Edema\n",
	    &err) == 0);
	CHECK(t.has[at] && t.val[at] == 0.3);
	CHECK(t.has[ed] && t.val[ed] == 0.4);
	CHECK(!t.has[cx_task_id("Cardiomegaly")]);
}

/* The disagreement this reader ends: the explorer skipped a repeated row
 * unread and took 0.3, `segment --thresholds` refused the file. The
 * reference refuses it too: one "abc" makes pandas read the column as
 * strings, and np.isnan('0.3') raises TypeError. So a repeated row is
 * parsed like any other, and its bad value is an error with its line. */
static void
test_repeated_bad_value(void)
{
	struct cx_tuning t;
	struct cx_err err = {0};

	CHECK(PARSE_THR(&t, "threshold,task\n0.3,Atelectasis\nabc,Atelectasis\n0.4,Edema\n",
	    &err) == -1);
	CHECK_STR(err.file, "t.csv");
	CHECK_STR(err.where, "3");
	CHECK(strstr(err.msg, "\"abc\" is not a number") != NULL);
	for (int k = 0; k < CX_NTASKS; k++)
		CHECK(!t.has[k]);
}

/* "" is NaN (pandas too), quoted fields and column order do not matter,
 * unknown pathologies are skipped. */
static void
test_threshold_forms(void)
{
	struct cx_tuning t;
	struct cx_err err = {0};
	int at = cx_task_id("Atelectasis"), lo = cx_task_id("Airspace Opacity");

	CHECK(PARSE_THR(&t, "task,threshold\nAtelectasis,\n\"Lung Opacity\",\"0.5\"\nFoo,0.2\n",
	    &err) == 0);
	CHECK(t.has[at] && isnan(t.val[at]));
	CHECK(t.has[lo] && t.val[lo] == 0.5);
}

/* idxmax per pathology: the largest mIoU, first on ties, NaN skipped
 * (reference: Edema 0.2, Atelectasis 0.5); only NaN gives no cutoff. */
static void
test_cutoffs(void)
{
	struct cx_tuning t;
	struct cx_err err = {0};
	int at = cx_task_id("Atelectasis"), ed = cx_task_id("Edema");

	CHECK(PARSE_CUT(&t, "prob_threshold,mIoU,task\n0.1,0.2,Edema\n0.2,0.5,Edema\n"
	    "0.3,0.5,Edema\n0.4,,Edema\n0.0,,Atelectasis\n0.5,0.1,Atelectasis\n", &err) == 0);
	CHECK(t.has[ed] && t.val[ed] == 0.2);
	CHECK(t.has[at] && t.val[at] == 0.5);
	CHECK(!t.has[cx_task_id("Pneumothorax")]);
	CHECK(PARSE_CUT(&t, "prob_threshold,mIoU,task\n0.1,nan,Edema\n", &err) == 0);
	CHECK(!t.has[ed]);
}

/* Every failure names the file and the line, and leaves no values. */
static void
test_errors(void)
{
	static const struct {
		enum cx_tuning_kind	 kind;
		const char		*csv, *where, *msg;
	} bad[] = {
		{ CX_TUNING_THRESHOLDS, "thr,task\n0.3,Edema\n", "1",
		    "want the columns threshold,task" },
		{ CX_TUNING_THRESHOLDS, "threshold,task\n0.3\n", "2", "fields" },
		{ CX_TUNING_THRESHOLDS, "threshold,task\n0.3,Edema\n1e,Edema\n", "3",
		    "\"1e\" is not a number" },
		{ CX_TUNING_CUTOFFS, "prob_threshold,mIoU,task\n0.1,0.2,Edema\n0.2,x,Edema\n", "3",
		    "column \"mIoU\"" },
		{ CX_TUNING_CUTOFFS, "prob_threshold,task\n0.1,Edema\n", "1",
		    "want the columns prob_threshold,mIoU,task" },
		{ CX_TUNING_CUTOFFS, "", "1", "empty CSV file" },
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct cx_tuning t;
		struct cx_err err = {0};
		int any = 0;
		CHECK(cx_tuning_parse(&t, bad[i].kind, bad[i].csv, strlen(bad[i].csv), "b.csv",
		    &err) == -1);
		CHECK_STR(err.file, "b.csv");
		CHECK_STR(err.where, bad[i].where);
		CHECK(strstr(err.msg, bad[i].msg) != NULL);
		for (int k = 0; k < CX_NTASKS; k++)
			any |= t.has[k];
		CHECK(!any);
	}
}

/* synth-small's files as tune wrote them, read from disk; a missing file
 * is an error naming it. */
static void
test_load_files(void)
{
	static const char *const name[] = { "tuning_results.csv",
	    "probability_tuning_results.csv" };
	const char *dir = check_shared("synth-small/inputs");
	struct cx_tuning t;
	struct cx_err err = {0};

	if (dir == NULL)
		SKIP("no ../shared/reference/synth-small");
	for (int kind = 0; kind < 2; kind++) {
		char path[2048];
		int n = 0;
		snprintf(path, sizeof path, "%s/%s", dir, name[kind]);
		CHECK(cx_tuning_load(&t, (enum cx_tuning_kind)kind, path, &err) == 0);
		for (int k = 0; k < CX_NTASKS; k++)
			n += t.has[k];
		CHECK(n == CX_NTASKS);
	}
	memset(&err, 0, sizeof err);
	CHECK(cx_tuning_load(&t, CX_TUNING_THRESHOLDS, "/nonexistent/tuning_results.csv",
	    &err) == -1);
	CHECK_STR(err.file, "/nonexistent/tuning_results.csv");
}

/* Values as pandas' read_csv gives them, not strtod's: the expected bits
 * are pandas 1.5.3's (pd.read_csv(...)['threshold'].values, .hex()); strtod
 * gives 0x1.cda59e9d3bd09p-9 and 0x1.6cef80beb63c9p-2. */
static void
test_pandas_values(void)
{
	struct cx_tuning t;
	struct cx_err err = {0};
	int ed = cx_task_id("Edema"), at = cx_task_id("Atelectasis");

	CHECK(PARSE_THR(&t, "threshold,task\n0.0035220867272226547,Edema\n"
	    "0.35638238109600856,Atelectasis\n", &err) == 0);
	CHECK(t.has[ed] && t.val[ed] == 0x1.cda59e9d3bc8bp-9);
	CHECK(t.has[at] && t.val[at] == 0x1.6cef80beb63c8p-2);
}

int
main(void)
{
	RUN(test_repeated_first_wins);
	RUN(test_repeated_bad_value);
	RUN(test_threshold_forms);
	RUN(test_cutoffs);
	RUN(test_errors);
	RUN(test_load_files);
	RUN(test_pandas_values);
	return CHECK_DONE();
}
