/* marks: review marks (ok / wrong GT / model failure) and notes per CXR,
 * saved under $XDG_STATE_HOME/chexplore/ (default ~/.local/state) in one
 * tab-separated file keyed by the dataset's real path, and exported as CSV. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "ui.h"
#include "xalloc.h"

static const char *const kind_names[] = { "", "ok", "wrong_gt", "model_failure" };

static char *
state_dir(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char buf[4096];

	if (x && *x == '/')
		snprintf(buf, sizeof buf, "%s/chexplore", x);
	else
		snprintf(buf, sizeof buf, "%s/.local/state/chexplore", home ? home : "/tmp");
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

static const char *
real_dir(struct app *a, char *buf)
{
	return realpath(a->dir, buf) ? buf : a->dir;
}

struct mark *
marks_find(struct app *a, const char *id, int create)
{
	for (size_t k = 0; k < a->nmarks; k++)
		if (strcmp(a->marks[k].id, id) == 0)
			return &a->marks[k];
	if (!create)
		return NULL;
	a->marks = cx_xreallocarray(a->marks, a->nmarks + 1, sizeof *a->marks);
	a->marks[a->nmarks].id = cx_xstrdup(id);
	a->marks[a->nmarks].kind = 0;
	a->marks[a->nmarks].note = cx_xstrdup("");
	return &a->marks[a->nmarks++];
}

void
marks_load(struct app *a)
{
	char *dir = state_dir(), rd[PATH_MAX], *line = NULL;
	size_t cap = 0;
	FILE *fp;
	const char *me;

	a->marks_path = cx_path_join(dir, "marks.tsv");
	free(dir);
	me = real_dir(a, rd);
	if (!(fp = fopen(a->marks_path, "r")))
		return;
	while (getline(&line, &cap, fp) > 0) {
		char *f[4], *s = line;
		int k;
		line[strcspn(line, "\n")] = 0;
		for (k = 0; k < 4 && s; k++)
			f[k] = strsep(&s, "\t");
		if (k < 4 || strcmp(f[0], me) != 0)
			continue;
		struct mark *mk = marks_find(a, f[1], 1);
		mk->kind = atoi(f[2]);
		if (mk->kind < 0 || mk->kind > 3)
			mk->kind = 0;
		free(mk->note);
		mk->note = unescape(f[3]);
	}
	free(line);
	fclose(fp);
}

/* Rewrite the file: other datasets' lines are kept as they are. */
int
marks_save(struct app *a)
{
	char *dir = state_dir(), rd[PATH_MAX], *line = NULL;
	struct cx_outfile o = { 0 };
	struct cx_err err = { 0 };
	size_t cap = 0;
	const char *me = real_dir(a, rd);
	FILE *in;

	if (cx_mkdirs(dir, &err) == -1 || cx_outfile_open(&o, a->marks_path, &err) == -1) {
		free(dir);
		ui_status(a, 1, "marks: %s", err.msg);
		return -1;
	}
	free(dir);
	if ((in = fopen(a->marks_path, "r")) != NULL) {
		size_t ml = strlen(me);
		while (getline(&line, &cap, in) > 0)
			if (!(strncmp(line, me, ml) == 0 && line[ml] == '\t'))
				fputs(line, o.fp);
		fclose(in);
		free(line);
	}
	for (size_t k = 0; k < a->nmarks; k++) {
		if (a->marks[k].kind == 0 && a->marks[k].note[0] == 0)
			continue;
		put_escaped(o.fp, me);
		fputc('\t', o.fp);
		put_escaped(o.fp, a->marks[k].id);
		fprintf(o.fp, "\t%d\t", a->marks[k].kind);
		put_escaped(o.fp, a->marks[k].note);
		fputc('\n', o.fp);
	}
	if (cx_outfile_commit(&o, &err) == -1) {
		ui_status(a, 1, "marks: %s", err.msg);
		return -1;
	}
	return 0;
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
marks_export_csv(struct app *a, const char *path, char *msg, size_t n)
{
	struct cx_outfile o = { 0 };
	struct cx_err err = { 0 };
	size_t cnt = 0;

	if (cx_outfile_open(&o, path, &err) == -1) {
		snprintf(msg, n, "%s", err.msg);
		return -1;
	}
	fputs("img_id,mark,note\n", o.fp);
	for (size_t k = 0; k < a->nmarks; k++) {
		if (a->marks[k].kind == 0 && a->marks[k].note[0] == 0)
			continue;
		csv_field(o.fp, a->marks[k].id);
		fprintf(o.fp, ",%s,", kind_names[a->marks[k].kind]);
		csv_field(o.fp, a->marks[k].note);
		fputc('\n', o.fp);
		cnt++;
	}
	if (cx_outfile_commit(&o, &err) == -1) {
		snprintf(msg, n, "%s", err.msg);
		return -1;
	}
	snprintf(msg, n, "%zu marks written to %s", cnt, path);
	return 0;
}

void
marks_free(struct app *a)
{
	for (size_t k = 0; k < a->nmarks; k++) {
		free(a->marks[k].id);
		free(a->marks[k].note);
	}
	free(a->marks);
	free(a->marks_path);
	a->marks = NULL;
	a->nmarks = 0;
}
