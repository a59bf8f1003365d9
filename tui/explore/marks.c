/* marks: review marks and notes in one tab-separated file keyed by the
 * dataset's real path ("DIR\tID\tKIND\tNOTE"), exported as CSV. */
#include "marks.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "outfile.h"
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

struct mark *
marks_find(const struct marks *mk, const char *id)
{
	for (size_t k = 0; k < mk->n; k++)
		if (strcmp(mk->v[k].id, id) == 0)
			return &mk->v[k];
	return NULL;
}

struct mark *
marks_get(struct marks *mk, const char *id)
{
	struct mark *m = marks_find(mk, id);

	if (m)
		return m;
	mk->v = cx_xreallocarray(mk->v, mk->n + 1, sizeof *mk->v);
	m = &mk->v[mk->n++];
	m->id = cx_xstrdup(id);
	m->kind = MARK_NONE;
	m->note = cx_xstrdup("");
	m->changed = 0;
	return m;
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

/* Read the file at path into mk's marks (this dataset's lines, by key)
 * and, when others is not NULL, every other line as it is. A missing file
 * reads as empty. */
static int
read_file(struct marks *mk, const char *path, FILE *others, struct cx_err *err)
{
	size_t cap = 0, kl = strlen(mk->key);
	char *line = NULL;
	FILE *fp;

	if (!(fp = fopen(path, "r"))) {
		if (errno == ENOENT)
			return 0;
		cx_err_file(err, path);
		return cx_err_set(err, "%s", strerror(errno));
	}
	errno = 0;
	while (getline(&line, &cap, fp) > 0) {
		char *f[4], *s = line;
		int k;
		if (!(strncmp(line, mk->key, kl) == 0 && line[kl] == '\t')) {
			if (others)
				fputs(line, others);
			continue;
		}
		line[strcspn(line, "\n")] = 0;
		for (k = 0; k < 4 && s; k++)
			f[k] = strsep(&s, "\t");
		if (k < 4 || strcmp(f[0], mk->key) != 0)
			continue;
		struct mark *m = marks_get(mk, f[1]);
		m->kind = atoi(f[2]);
		if (m->kind < 0 || m->kind >= MARK_NKINDS)
			m->kind = MARK_NONE;
		free(m->note);
		m->note = unescape(f[3]);
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

int
marks_load(struct marks *mk, const char *dir, const char *path, struct cx_err *err)
{
	char rd[PATH_MAX];

	memset(mk, 0, sizeof *mk);
	mk->path = path ? cx_xstrdup(path) : default_path();
	mk->key = cx_xstrdup(realpath(dir, rd) ? rd : dir);
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
		struct mark *f = marks_get(file, m->id);
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
	struct marks file = { .key = mk->key };
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
		put_escaped(o.fp, mk->key);
		fputc('\t', o.fp);
		put_escaped(o.fp, file.v[k].id);
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
	file.key = NULL;
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
	fputs("img_id,mark,note\n", o.fp);
	for (size_t k = 0; k < mk->n; k++) {
		if (!says_something(&mk->v[k]))
			continue;
		csv_field(o.fp, mk->v[k].id);
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
	memset(mk, 0, sizeof *mk);
}
