/* test_marks: review marks as a leaf module — load, save, export, errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "marks.h"

static char tmp[256];

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf = calloc(1, 65536);
	if (fp) {
		size_t n = fread(buf, 1, 65535, fp);
		buf[n] = 0;
		fclose(fp);
	}
	return buf;
}

static void
spit(const char *path, const char *s)
{
	FILE *fp = fopen(path, "w");
	fputs(s, fp);
	fclose(fp);
}

/* A fresh folder for each test; the last one's is removed first. */
static void
make_tmp(void)
{
	char cmd[300];

	if (tmp[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
		if (system(cmd) != 0)
			abort();
	}
	snprintf(tmp, sizeof tmp, "%s/test_marks.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp))
		abort();
}

/* A file that does not exist yet is no marks, not an error. */
static void
test_marks_missing_file(void)
{
	struct marks mk;
	struct cx_err err = { 0 };
	char path[400];

	make_tmp();
	snprintf(path, sizeof path, "%s/state/none.tsv", tmp);
	CHECK(marks_load(&mk, tmp, path, &err) == 0);
	CHECK(mk.n == 0);
	CHECK(marks_find(&mk, "p1_s1_v1_frontal") == NULL);
	marks_fini(&mk);
}

/* Save then load: kinds and notes (tabs, newlines, backslashes) survive;
 * the folder of the file is made. */
static void
test_marks_round_trip(void)
{
	struct marks mk, back;
	struct cx_err err = { 0 };
	char path[400];
	const struct mark *m;

	make_tmp();
	snprintf(path, sizeof path, "%s/state/chexplore/marks.tsv", tmp);
	CHECK(marks_load(&mk, tmp, path, &err) == 0);
	marks_get(&mk, "patient1_study1_view1_frontal")->kind = MARK_WRONG_GT;
	marks_set_note(marks_get(&mk, "patient2_study1_view1_frontal"), "pred in RUL,\theart\nmissed \\o/");
	marks_get(&mk, "patient3_study1_view1_frontal");	/* says nothing: not written */
	CHECK(mk.n == 3);
	CHECK(marks_save(&mk, &err) == 0);
	CHECK(marks_load(&back, tmp, path, &err) == 0);
	CHECK(back.n == 2);
	m = marks_find(&back, "patient1_study1_view1_frontal");
	CHECK(m && m->kind == MARK_WRONG_GT && m->note[0] == 0);
	m = marks_find(&back, "patient2_study1_view1_frontal");
	CHECK(m && m->kind == MARK_NONE);
	CHECK_STR(m ? m->note : NULL, "pred in RUL,\theart\nmissed \\o/");
	CHECK(marks_find(&back, "patient3_study1_view1_frontal") == NULL);
	marks_fini(&mk);
	marks_fini(&back);
}

/* One file for every dataset: saving one keeps the other's lines as they were. */
static void
test_marks_other_dataset_kept(void)
{
	struct marks mk;
	struct cx_err err = { 0 };
	char path[400], other[600], *text;

	make_tmp();
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	snprintf(other, sizeof other, "/elsewhere/data\tpatientX_study1_view1_frontal\t3\tkeep me\n");
	spit(path, other);
	CHECK(marks_load(&mk, tmp, path, &err) == 0);
	CHECK(mk.n == 0);
	marks_get(&mk, "patient1_study1_view1_frontal")->kind = MARK_OK;
	CHECK(marks_save(&mk, &err) == 0);
	text = slurp(path);
	CHECK(strstr(text, other) != NULL);
	CHECK(strstr(text, "\tpatient1_study1_view1_frontal\t1\t\n") != NULL);
	free(text);
	marks_fini(&mk);
}

/* The CSV export quotes what needs quoting and counts what it wrote. */
static void
test_marks_export_csv(void)
{
	struct marks mk;
	struct cx_err err = { 0 };
	char path[400], csv[400], *text;
	size_t n = 99;

	make_tmp();
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	snprintf(csv, sizeof csv, "%s/out.csv", tmp);
	CHECK(marks_load(&mk, tmp, path, &err) == 0);
	marks_get(&mk, "a")->kind = MARK_MODEL_FAILURE;
	marks_set_note(marks_get(&mk, "b"), "says \"no\", twice");
	marks_get(&mk, "c");
	CHECK(marks_export_csv(&mk, csv, &n, &err) == 0);
	CHECK(n == 2);
	text = slurp(csv);
	CHECK_STR(text, "img_id,mark,note\na,model_failure,\nb,,\"says \"\"no\"\", twice\"\n");
	free(text);
	marks_fini(&mk);
}

/* Errors are values naming the file: a marks path that is a folder cannot
 * be read, a file under a regular file cannot be written. */
static void
test_marks_errors(void)
{
	struct marks mk;
	struct cx_err err = { 0 };
	char path[400];
	size_t n;

	make_tmp();
	CHECK(marks_load(&mk, tmp, tmp, &err) == -1);
	CHECK(strstr(err.file, tmp) != NULL);
	CHECK(err.msg[0] != 0);
	marks_fini(&mk);

	snprintf(path, sizeof path, "%s/plain", tmp);
	spit(path, "x");
	snprintf(path, sizeof path, "%s/plain/marks.tsv", tmp);
	memset(&err, 0, sizeof err);
	CHECK(marks_load(&mk, tmp, path, &err) == -1 || mk.n == 0);
	marks_get(&mk, "a")->kind = MARK_OK;
	memset(&err, 0, sizeof err);
	CHECK(marks_save(&mk, &err) == -1);
	CHECK(err.msg[0] != 0);
	memset(&err, 0, sizeof err);
	CHECK(marks_export_csv(&mk, path, &n, &err) == -1);
	marks_fini(&mk);
}

int
main(void)
{
	RUN(test_marks_missing_file);
	RUN(test_marks_round_trip);
	RUN(test_marks_other_dataset_kept);
	RUN(test_marks_export_csv);
	RUN(test_marks_errors);
	make_tmp();
	rmdir(tmp);
	return CHECK_DONE();
}
