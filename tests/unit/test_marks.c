/* test_marks: review marks as a leaf module — load, save, export, errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "marks.h"
#include "tasks.h"

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
	CHECK(marks_find(&mk, "p1_s1_v1_frontal", MARK_CXR) == NULL);
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
	marks_set_kind(marks_get(&mk, "patient1_study1_view1_frontal", MARK_CXR), MARK_WRONG_GT);
	marks_set_note(marks_get(&mk, "patient2_study1_view1_frontal", MARK_CXR), "pred in RUL,\theart\nmissed \\o/");
	marks_get(&mk, "patient3_study1_view1_frontal", MARK_CXR);	/* says nothing: not written */
	CHECK(mk.n == 3);
	CHECK(marks_save(&mk, &err) == 0);
	CHECK(marks_load(&back, tmp, path, &err) == 0);
	CHECK(back.n == 2);
	m = marks_find(&back, "patient1_study1_view1_frontal", MARK_CXR);
	CHECK(m && m->kind == MARK_WRONG_GT && m->note[0] == 0);
	m = marks_find(&back, "patient2_study1_view1_frontal", MARK_CXR);
	CHECK(m && m->kind == MARK_NONE);
	CHECK_STR(m ? m->note : NULL, "pred in RUL,\theart\nmissed \\o/");
	CHECK(marks_find(&back, "patient3_study1_view1_frontal", MARK_CXR) == NULL);
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
	marks_set_kind(marks_get(&mk, "patient1_study1_view1_frontal", MARK_CXR), MARK_OK);
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
	marks_set_kind(marks_get(&mk, "a", MARK_CXR), MARK_MODEL_FAILURE);
	marks_set_note(marks_get(&mk, "b", MARK_CXR), "says \"no\", twice");
	marks_get(&mk, "c", MARK_CXR);
	CHECK(marks_export_csv(&mk, csv, &n, &err) == 0);
	CHECK(n == 2);
	text = slurp(csv);
	CHECK_STR(text, "img_id,pathology,mark,note\na,,model_failure,\nb,,,\"says \"\"no\"\", twice\"\n");
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
	marks_set_kind(marks_get(&mk, "a", MARK_CXR), MARK_OK);
	memset(&err, 0, sizeof err);
	CHECK(marks_save(&mk, &err) == -1);
	CHECK(err.msg[0] != 0);
	memset(&err, 0, sizeof err);
	CHECK(marks_export_csv(&mk, path, &n, &err) == -1);
	marks_fini(&mk);
}


/* Two explorers on one file: each keeps the other's work. A note saved by
 * one and a mark saved by the other (loaded before the note) are both in
 * the file, and the second save shows the first one's note; a mark one of
 * them did not touch is never put back to an old value. */
static void
test_marks_two_writers(void)
{
	struct marks a, b, back;
	struct cx_err err = { 0 };
	char path[400];
	const struct mark *m;

	make_tmp();
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	CHECK(marks_load(&a, tmp, path, &err) == 0);
	CHECK(marks_load(&b, tmp, path, &err) == 0);
	marks_set_note(marks_get(&a, "x", MARK_CXR), "pred in RUL, heart missed");
	CHECK(marks_save(&a, &err) == 0);
	marks_set_kind(marks_get(&b, "y", MARK_CXR), MARK_WRONG_GT);
	CHECK(marks_save(&b, &err) == 0);
	m = marks_find(&b, "x", MARK_CXR);
	CHECK_STR(m ? m->note : NULL, "pred in RUL, heart missed");
	/* a's newer note on x survives b's next save (b never changed x) */
	marks_set_note(marks_get(&a, "x", MARK_CXR), "second thoughts");
	CHECK(marks_save(&a, &err) == 0);
	marks_set_kind(marks_get(&b, "z", MARK_CXR), MARK_OK);
	CHECK(marks_save(&b, &err) == 0);
	/* a removes y (no kind, no note) */
	marks_set_kind(marks_get(&a, "y", MARK_CXR), MARK_NONE);
	CHECK(marks_save(&a, &err) == 0);
	CHECK(marks_load(&back, tmp, path, &err) == 0);
	m = marks_find(&back, "x", MARK_CXR);
	CHECK_STR(m ? m->note : NULL, "second thoughts");
	CHECK(marks_find(&back, "y", MARK_CXR) == NULL);
	m = marks_find(&back, "z", MARK_CXR);
	CHECK(m && m->kind == MARK_OK);
	marks_fini(&a);
	marks_fini(&b);
	marks_fini(&back);
}

/* Eight processes saving marks at once: none is lost (the lock, re-read
 * and merge; without them the last writer's copy wins). */
static void
test_marks_concurrent_processes(void)
{
	enum { NPROC = 8, NSAVE = 15 };
	struct marks back;
	struct cx_err err = { 0 };
	char path[400], id[64];
	pid_t pid[NPROC];
	int ok = 1;

	make_tmp();
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	for (int p = 0; p < NPROC; p++) {
		if ((pid[p] = fork()) == 0) {
			struct marks mk;
			struct cx_err e = { 0 };
			int bad = marks_load(&mk, tmp, path, &e) != 0;
			for (int k = 0; k < NSAVE; k++) {
				snprintf(id, sizeof id, "p%d_k%d", p, k);
				marks_set_note(marks_get(&mk, id, MARK_CXR), id);
				bad |= marks_save(&mk, &e) != 0;
			}
			marks_fini(&mk);
			_exit(bad);
		}
	}
	for (int p = 0; p < NPROC; p++) {
		int st = 1;
		waitpid(pid[p], &st, 0);
		ok &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	CHECK(ok);
	CHECK(marks_load(&back, tmp, path, &err) == 0);
	CHECK(back.n == NPROC * NSAVE);
	for (int p = 0; p < NPROC; p++)
		for (int k = 0; k < NSAVE; k++) {
			const struct mark *m;
			snprintf(id, sizeof id, "p%d_k%d", p, k);
			m = marks_find(&back, id, MARK_CXR);
			CHECK(m && strcmp(m->note, id) == 0);
		}
	marks_fini(&back);
}

/* Marks per (CXR, pathology): a mark on one pathology, another on the CXR as
 * a whole and a note on a second pathology of the same CXR are three marks,
 * written as ID/PATHOLOGY and ID, and read back apart. */
static void
test_marks_per_pathology(void)
{
	struct marks mk, back;
	struct cx_err err = { 0 };
	char path[400], *text;
	const struct mark *m;
	int card = cx_task_id("Cardiomegaly"), edema = cx_task_id("Edema"), kind, note;

	make_tmp();
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	CHECK(marks_load(&mk, tmp, path, &err) == 0);
	marks_set_kind(marks_get(&mk, "p1", card), MARK_MODEL_FAILURE);
	marks_set_kind(marks_get(&mk, "p1", MARK_CXR), MARK_OK);
	marks_set_note(marks_get(&mk, "p1", edema), "GT too small");
	CHECK(mk.n == 3);
	CHECK(marks_save(&mk, &err) == 0);
	text = slurp(path);
	CHECK(strstr(text, "\tp1/Cardiomegaly\t3\t\n") != NULL);
	CHECK(strstr(text, "\tp1\t1\t\n") != NULL);
	CHECK(strstr(text, "\tp1/Edema\t0\tGT too small\n") != NULL);
	free(text);
	CHECK(marks_load(&back, tmp, path, &err) == 0);
	CHECK(back.n == 3);
	m = marks_find(&back, "p1", card);
	CHECK(m && m->kind == MARK_MODEL_FAILURE && m->note[0] == 0);
	m = marks_find(&back, "p1", MARK_CXR);
	CHECK(m && m->kind == MARK_OK);
	m = marks_find(&back, "p1", edema);
	CHECK(m && m->kind == MARK_NONE);
	CHECK_STR(m ? m->note : NULL, "GT too small");
	CHECK(marks_find(&back, "p1", cx_task_id("Atelectasis")) == NULL);
	/* the list's marker: the most severe of the CXR's marks, a note among them */
	marks_summary(&back, "p1", MARK_CXR, &kind, &note);
	CHECK(kind == MARK_MODEL_FAILURE && note == 1);
	marks_summary(&back, "p1", edema, &kind, &note);
	CHECK(kind == MARK_OK && note == 1);
	marks_summary(&back, "p2", MARK_CXR, &kind, &note);
	CHECK(kind == MARK_NONE && note == 0);
	marks_fini(&mk);
	marks_fini(&back);
}

/* A marks.tsv of the per-CXR version (the id alone) reads as marks on the
 * CXR as a whole, and is kept so by a save that adds a pathology mark. */
static void
test_marks_old_file(void)
{
	struct marks mk, back;
	struct cx_err err = { 0 };
	char path[400], line[700], *text, rd[4096];
	const struct mark *m;

	make_tmp();
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	CHECK(realpath(tmp, rd) != NULL);
	snprintf(line, sizeof line, "%s\tpatient1_study1_view1_frontal\t2\theart missed\n", rd);
	spit(path, line);
	CHECK(marks_load(&mk, tmp, path, &err) == 0);
	CHECK(mk.n == 1);
	m = marks_find(&mk, "patient1_study1_view1_frontal", MARK_CXR);
	CHECK(m && m->kind == MARK_WRONG_GT);
	CHECK_STR(m ? m->note : NULL, "heart missed");
	marks_set_kind(marks_get(&mk, "patient1_study1_view1_frontal", cx_task_id("Edema")), MARK_OK);
	CHECK(marks_save(&mk, &err) == 0);
	text = slurp(path);
	CHECK(strstr(text, line) != NULL);
	CHECK(strstr(text, "\tpatient1_study1_view1_frontal/Edema\t1\t\n") != NULL);
	free(text);
	CHECK(marks_load(&back, tmp, path, &err) == 0);
	CHECK(back.n == 2);
	marks_fini(&mk);
	marks_fini(&back);
}

/* Lines of this dataset that this version cannot read (a pathology it does
 * not know, too few fields) are kept by a save, not dropped. */
static void
test_marks_unknown_lines_kept(void)
{
	struct marks mk;
	struct cx_err err = { 0 };
	char path[400], l1[700], l2[700], *text, rd[4096];

	make_tmp();
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	CHECK(realpath(tmp, rd) != NULL);
	snprintf(l1, sizeof l1, "%s\tp1/Pneumonia\t3\tnot one of ours\n", rd);
	snprintf(l2, sizeof l2, "%s\tp2\t1\n", rd);
	{
		char both[1500];
		snprintf(both, sizeof both, "%s%s", l1, l2);
		spit(path, both);
	}
	CHECK(marks_load(&mk, tmp, path, &err) == 0);
	CHECK(mk.n == 0);
	marks_set_kind(marks_get(&mk, "p3", MARK_CXR), MARK_OK);
	CHECK(marks_save(&mk, &err) == 0);
	text = slurp(path);
	CHECK(strstr(text, l1) != NULL);
	CHECK(strstr(text, l2) != NULL);
	CHECK(strstr(text, "\tp3\t1\t\n") != NULL);
	free(text);
	marks_fini(&mk);
}

/* A dataset path with a backslash: its lines are written escaped and known
 * again as its own when read (else each save would add a copy). */
static void
test_marks_escaped_key(void)
{
	struct marks mk;
	struct cx_err err = { 0 };
	char dir[400], path[400], *text, *p;
	int lines = 0;

	make_tmp();
	snprintf(dir, sizeof dir, "%s/a\\b", tmp);
	CHECK(mkdir(dir, 0700) == 0);
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	CHECK(marks_load(&mk, dir, path, &err) == 0);
	marks_set_kind(marks_get(&mk, "p1", MARK_CXR), MARK_OK);
	CHECK(marks_save(&mk, &err) == 0);
	marks_set_kind(marks_get(&mk, "p2", MARK_CXR), MARK_OK);
	CHECK(marks_save(&mk, &err) == 0);
	CHECK(mk.n == 2);
	text = slurp(path);
	for (p = text; *p; p++)
		lines += *p == '\n';
	CHECK(lines == 2);
	CHECK(strstr(text, "a\\\\b\tp1\t1\t\n") != NULL);
	free(text);
	marks_fini(&mk);
}

/* The export names the pathology and carries the note, quoted as CSV wants:
 * commas, quotes and newlines inside a quoted field, in id then table order. */
static void
test_marks_export_pathology(void)
{
	struct marks mk;
	struct cx_err err = { 0 };
	char path[400], csv[400], *text;
	size_t n = 0;

	make_tmp();
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	snprintf(csv, sizeof csv, "%s/out.csv", tmp);
	CHECK(marks_load(&mk, tmp, path, &err) == 0);
	marks_set_note(marks_get(&mk, "p2", cx_task_id("Lung Lesion")), "pred in RUL,\nheart \"missed\"");
	marks_set_kind(marks_get(&mk, "p2", cx_task_id("Lung Lesion")), MARK_WRONG_GT);
	marks_set_kind(marks_get(&mk, "p2", MARK_CXR), MARK_OK);
	marks_set_kind(marks_get(&mk, "p1", cx_task_id("Edema")), MARK_MODEL_FAILURE);
	marks_set_kind(marks_get(&mk, "p2", cx_task_id("Atelectasis")), MARK_OK);
	CHECK(marks_export_csv(&mk, csv, &n, &err) == 0);
	CHECK(n == 4);
	text = slurp(csv);
	CHECK_STR(text, "img_id,pathology,mark,note\n"
	    "p1,Edema,model_failure,\n"
	    "p2,,ok,\n"
	    "p2,Atelectasis,ok,\n"
	    "p2,Lung Lesion,wrong_gt,\"pred in RUL,\nheart \"\"missed\"\"\"\n");
	free(text);
	marks_fini(&mk);
}

/* Two explorers marking two pathologies of one CXR (and the CXR itself):
 * every mark is kept. */
static void
test_marks_two_writers_pathologies(void)
{
	struct marks a, b, back;
	struct cx_err err = { 0 };
	char path[400];
	const struct mark *m;
	int card = cx_task_id("Cardiomegaly"), edema = cx_task_id("Edema");

	make_tmp();
	snprintf(path, sizeof path, "%s/marks.tsv", tmp);
	CHECK(marks_load(&a, tmp, path, &err) == 0);
	CHECK(marks_load(&b, tmp, path, &err) == 0);
	marks_set_note(marks_get(&a, "x", card), "pred in RUL, heart missed");
	CHECK(marks_save(&a, &err) == 0);
	marks_set_kind(marks_get(&b, "x", edema), MARK_WRONG_GT);
	marks_set_kind(marks_get(&b, "x", MARK_CXR), MARK_OK);
	CHECK(marks_save(&b, &err) == 0);
	marks_set_kind(marks_get(&a, "x", card), MARK_MODEL_FAILURE);
	CHECK(marks_save(&a, &err) == 0);
	CHECK(marks_load(&back, tmp, path, &err) == 0);
	CHECK(back.n == 3);
	m = marks_find(&back, "x", card);
	CHECK(m && m->kind == MARK_MODEL_FAILURE);
	CHECK_STR(m ? m->note : NULL, "pred in RUL, heart missed");
	m = marks_find(&back, "x", edema);
	CHECK(m && m->kind == MARK_WRONG_GT);
	m = marks_find(&back, "x", MARK_CXR);
	CHECK(m && m->kind == MARK_OK);
	marks_fini(&a);
	marks_fini(&b);
	marks_fini(&back);
}

int
main(void)
{
	RUN(test_marks_missing_file);
	RUN(test_marks_round_trip);
	RUN(test_marks_other_dataset_kept);
	RUN(test_marks_export_csv);
	RUN(test_marks_errors);
	RUN(test_marks_two_writers);
	RUN(test_marks_concurrent_processes);
	RUN(test_marks_per_pathology);
	RUN(test_marks_old_file);
	RUN(test_marks_unknown_lines_kept);
	RUN(test_marks_escaped_key);
	RUN(test_marks_export_pathology);
	RUN(test_marks_two_writers_pathologies);
	make_tmp();
	rmdir(tmp);
	return CHECK_DONE();
}
