/* marks: review marks and notes in one tab-separated file keyed by the
 * dataset's real path ("DIR\tID[/PATHOLOGY]\tKIND\tNOTE"), exported as CSV. */
#include "marks.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "json.h"
#include "outfile.h"
#include "tasks.h"
#include "xalloc.h"

static const char *const kind_names[MARK_NKINDS] = { "", "ok", "wrong_gt", "model_failure" };
static const char *const kind_labels[MARK_NKINDS] = { "none", "ok", "wrong GT", "model failure" };

static char *
default_path(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char buf[4096];

	if (x && *x == '/')
		snprintf(buf, sizeof buf, "%s/chexplore/marks.tsv", x);
	else
		snprintf(buf, sizeof buf, "%s/.local/state/chexplore/marks.tsv", home ? home : "/tmp");
	return cx_xstrdup(buf);
}

/* Tabs, newlines and backslashes in notes are written as \t \n \\. */
static void
put_escaped(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			fputs("\\t", fp);
		else if (*s == '\n')
			fputs("\\n", fp);
		else if (*s == '\\')
			fputs("\\\\", fp);
		else
			fputc(*s, fp);
	}
}

static char *
unescape(const char *s)
{
	char *o = cx_xmalloc(strlen(s) + 1), *p = o;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*p++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else
			*p++ = *s;
	}
	*p = 0;
	return o;
}

/* Where a mark's task sorts: the CXR as a whole first, then the
 * pathologies in table order. */
static int
task_rank(int task)
{
	for (int k = 0; k < CX_NTASKS; k++)
		if (cx_task_sorted[k] == task)
			return k;
	return -1;
}

static int
cmp_target(const char *id, int task, const struct mark *m)
{
	int c = strcmp(id, m->id);

	return c ? c : (task_rank(task) > task_rank(m->task)) - (task_rank(task) < task_rank(m->task));
}

/* The first mark not before (id, task). */
static size_t
lower_bound(const struct marks *mk, const char *id, int task)
{
	size_t lo = 0, hi = mk->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_target(id, task, &mk->v[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct mark *
marks_find(const struct marks *mk, const char *id, int task)
{
	size_t k = lower_bound(mk, id, task);

	return k < mk->n && cmp_target(id, task, &mk->v[k]) == 0 ? &mk->v[k] : NULL;
}

struct mark *
marks_get(struct marks *mk, const char *id, int task)
{
	size_t k = lower_bound(mk, id, task);
	struct mark *m;

	if (k < mk->n && cmp_target(id, task, &mk->v[k]) == 0)
		return &mk->v[k];
	mk->v = cx_xreallocarray(mk->v, mk->n + 1, sizeof *mk->v);
	memmove(&mk->v[k + 1], &mk->v[k], (mk->n - k) * sizeof *mk->v);
	mk->n++;
	m = &mk->v[k];
	m->id = cx_xstrdup(id);
	m->task = task;
	m->kind = MARK_NONE;
	m->note = cx_xstrdup("");
	m->changed = 0;
	return m;
}

void
marks_summary(const struct marks *mk, const char *id, int task, int *kind, int *note)
{
	*kind = MARK_NONE;
	*note = 0;
	for (size_t k = lower_bound(mk, id, MARK_CXR); k < mk->n && strcmp(mk->v[k].id, id) == 0;
	    k++) {
		const struct mark *m = &mk->v[k];
		if (task != MARK_CXR && m->task != MARK_CXR && m->task != task)
			continue;
		if (m->kind > *kind)
			*kind = m->kind;
		*note |= m->note[0] != 0;
	}
}

void
marks_set_kind(struct mark *m, int kind)
{
	m->kind = kind >= 0 && kind < MARK_NKINDS ? kind : MARK_NONE;
	m->changed = 1;
}

void
marks_set_note(struct mark *m, const char *note)
{
	free(m->note);
	m->note = cx_xstrdup(note);
	m->changed = 1;
}

const char *
marks_kind_label(int kind)
{
	return kind >= 0 && kind < MARK_NKINDS ? kind_labels[kind] : "?";
}

/* A line's target, "ID" or "ID/PATHOLOGY" (unescaped), as (id, task);
 * -1 when the pathology is not one of ours. */
static int
parse_target(char *t, int *task)
{
	char *slash = strchr(t, '/');

	*task = MARK_CXR;
	if (slash) {
		*slash = 0;
		if ((*task = cx_task_id(slash + 1)) < 0)
			return -1;
	}
	return t[0] ? 0 : -1;
}

/* Read the file at path into mk's marks (this dataset's lines, by key)
 * and, when others is not NULL, every other line as it is — another
 * dataset's, or one of this dataset's this version cannot read (a newer
 * one's, a broken one), which is kept rather than lost. A missing file
 * reads as empty. */
static int
read_file(struct marks *mk, const char *path, FILE *others, struct cx_err *err)
{
	size_t cap = 0, kl = strlen(mk->ekey);
	char *line = NULL;
	FILE *fp;

	/* the one way a user's file is opened: a FIFO is refused, never waited on */
	if (!(fp = cx_fopen_regular(path, err))) {
		if (errno == ENOENT) {
			memset(err, 0, sizeof *err);
			return 0;
		}
		return -1;
	}
	errno = 0;
	while (getline(&line, &cap, fp) > 0) {
		char *f[4], *s, *target, *copy;
		int k, task;
		if (!(strncmp(line, mk->ekey, kl) == 0 && line[kl] == '\t')) {
			if (others)
				fputs(line, others);
			continue;
		}
		copy = cx_xstrdup(line);
		s = copy;
		s[strcspn(s, "\n")] = 0;
		for (k = 0; k < 4 && s; k++)
			f[k] = strsep(&s, "\t");
		target = k == 4 ? unescape(f[1]) : NULL;
		if (!target || parse_target(target, &task) == -1) {
			if (others)
				fprintf(others, "%s%s", line, strchr(line, '\n') ? "" : "\n");
			free(target);
			free(copy);
			continue;
		}
		struct mark *m = marks_get(mk, target, task);
		m->kind = atoi(f[2]);
		if (m->kind < 0 || m->kind >= MARK_NKINDS)
			m->kind = MARK_NONE;
		free(m->note);
		m->note = unescape(f[3]);
		free(target);
		free(copy);
	}
	free(line);
	if (ferror(fp)) {
		int e = errno;
		fclose(fp);
		cx_err_file(err, path);
		return cx_err_set(err, "%s", strerror(e ? e : EIO));
	}
	fclose(fp);
	return 0;
}

/* s with tabs, newlines and backslashes escaped (put_escaped), allocated. */
static char *
escaped(const char *s)
{
	char *o = cx_xmalloc(2 * strlen(s) + 1), *p = o;

	for (; *s; s++) {
		if (*s == '\t' || *s == '\n' || *s == '\\') {
			*p++ = '\\';
			*p++ = *s == '\t' ? 't' : *s == '\n' ? 'n' : '\\';
		} else
			*p++ = *s;
	}
	*p = 0;
	return o;
}

int
marks_load(struct marks *mk, const char *dir, const char *path, struct cx_err *err)
{
	char rd[PATH_MAX];

	memset(mk, 0, sizeof *mk);
	mk->path = path ? cx_xstrdup(path) : default_path();
	mk->key = cx_xstrdup(realpath(dir, rd) ? rd : dir);
	mk->ekey = escaped(mk->key);
	return read_file(mk, mk->path, NULL, err);
}

static int
says_something(const struct mark *m)
{
	return m->kind != MARK_NONE || m->note[0] != 0;
}

/* The file's folder made, and its lock (path.lock) taken; the descriptor,
 * or -1 with err. The lock goes with the descriptor. */
static int
lock_file(const char *path, struct cx_err *err)
{
	char *dir = cx_xstrdup(path), *slash = strrchr(dir, '/'), *lp;
	int fd;

	if (slash && slash != dir) {
		*slash = 0;
		if (cx_mkdirs(dir, err) == -1) {
			free(dir);
			return -1;
		}
	}
	free(dir);
	lp = cx_xmalloc(strlen(path) + 6);
	sprintf(lp, "%s.lock", path);
	fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1 || flock(fd, LOCK_EX) == -1) {
		cx_err_file(err, lp);
		cx_err_set(err, "cannot lock: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		free(lp);
		return -1;
	}
	free(lp);
	return fd;
}

/* This process's changes over the file's marks. */
static void
apply_changes(struct marks *file, const struct marks *mk)
{
	for (size_t k = 0; k < mk->n; k++) {
		const struct mark *m = &mk->v[k];
		if (!m->changed)
			continue;
		struct mark *f = marks_get(file, m->id, m->task);
		f->kind = m->kind;
		free(f->note);
		f->note = cx_xstrdup(m->note);
	}
}

/* mk takes the merged marks (nothing left to save). */
static void
take_merged(struct marks *mk, struct marks *file)
{
	for (size_t k = 0; k < mk->n; k++) {
		free(mk->v[k].id);
		free(mk->v[k].note);
	}
	free(mk->v);
	mk->v = file->v;
	mk->n = file->n;
	for (size_t k = 0; k < mk->n; k++)
		mk->v[k].changed = 0;
	file->v = NULL;
	file->n = 0;
}

int
marks_save(struct marks *mk, struct cx_err *err)
{
	struct marks file = { .key = mk->key, .ekey = mk->ekey };
	struct cx_outfile o = { 0 };
	int lock;

	if ((lock = lock_file(mk->path, err)) == -1)
		return -1;
	if (cx_outfile_open(&o, mk->path, err) == -1)
		goto fail;
	/* What others wrote since: their lines as they are, this dataset's marks
	 * to merge with ours. */
	if (read_file(&file, mk->path, o.fp, err) == -1) {
		cx_outfile_abort(&o);
		goto fail;
	}
	apply_changes(&file, mk);
	for (size_t k = 0; k < file.n; k++) {
		if (!says_something(&file.v[k]))
			continue;
		fputs(mk->ekey, o.fp);
		fputc('\t', o.fp);
		put_escaped(o.fp, file.v[k].id);
		if (file.v[k].task != MARK_CXR)
			fprintf(o.fp, "/%s", cx_task_names[file.v[k].task]);
		fprintf(o.fp, "\t%d\t", file.v[k].kind);
		put_escaped(o.fp, file.v[k].note);
		fputc('\n', o.fp);
	}
	if (cx_outfile_commit(&o, err) == -1)
		goto fail;
	close(lock);
	take_merged(mk, &file);
	return 0;
fail:
	close(lock);
	file.key = file.ekey = NULL;
	marks_fini(&file);
	return -1;
}

static void
csv_field(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\n\r") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

int
marks_export_csv(const struct marks *mk, const char *path, size_t *count, struct cx_err *err)
{
	struct cx_outfile o = { 0 };
	size_t cnt = 0;

	if (cx_outfile_open(&o, path, err) == -1)
		return -1;
	fputs("img_id,pathology,mark,note\n", o.fp);
	for (size_t k = 0; k < mk->n; k++) {
		if (!says_something(&mk->v[k]))
			continue;
		csv_field(o.fp, mk->v[k].id);
		fputc(',', o.fp);
		if (mk->v[k].task != MARK_CXR)
			csv_field(o.fp, cx_task_names[mk->v[k].task]);
		fprintf(o.fp, ",%s,", kind_names[mk->v[k].kind]);
		csv_field(o.fp, mk->v[k].note);
		fputc('\n', o.fp);
		cnt++;
	}
	if (cx_outfile_commit(&o, err) == -1)
		return -1;
	*count = cnt;
	return 0;
}

void
marks_fini(struct marks *mk)
{
	for (size_t k = 0; k < mk->n; k++) {
		free(mk->v[k].id);
		free(mk->v[k].note);
	}
	free(mk->v);
	free(mk->path);
	free(mk->key);
	free(mk->ekey);
	memset(mk, 0, sizeof *mk);
}
