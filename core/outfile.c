/* outfile: temp file + rename. */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

char *
cx_path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = cx_xmalloc(a + b + 2);

	memcpy(p, dir, a);
	if (a && dir[a - 1] != '/')
		p[a++] = '/';
	memcpy(p + a, name, b + 1);
	return p;
}

int
cx_outfile_open(struct cx_outfile *o, const char *path, struct cx_err *err)
{
	size_t n = strlen(path) + 16;
	int fd;

	memset(o, 0, sizeof *o);
	o->path = cx_xstrdup(path);
	o->tmp = cx_xmalloc(n);
	snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd == -1) {
		cx_err_file(err, path);
		cx_err_set(err, "cannot create: %s", strerror(errno));
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof *o);
		return -1;
	}
	fchmod(fd, 0644);
	o->fp = fdopen(fd, "w");
	if (o->fp == NULL) {
		close(fd);
		unlink(o->tmp);
		cx_err_file(err, path);
		cx_err_set(err, "cannot open: %s", strerror(errno));
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof *o);
		return -1;
	}
	return 0;
}

int
cx_outfile_commit(struct cx_outfile *o, struct cx_err *err)
{
	int bad = ferror(o->fp);

	if (fclose(o->fp) != 0)
		bad = 1;
	o->fp = NULL;
	if (bad || rename(o->tmp, o->path) != 0) {
		cx_err_file(err, o->path);
		cx_err_set(err, "cannot write: %s", strerror(errno ? errno : EIO));
		unlink(o->tmp);
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof *o);
		return -1;
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return 0;
}

void
cx_outfile_abort(struct cx_outfile *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}

int
cx_mkdirs(const char *dir, struct cx_err *err)
{
	char *p = cx_xstrdup(dir);
	struct stat st;

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0755) == -1 && errno != EEXIST) {
				cx_err_file(err, p);
				cx_err_set(err, "cannot create folder: %s", strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (stat(p, &st) == -1 || !S_ISDIR(st.st_mode)) {
		cx_err_file(err, dir);
		cx_err_set(err, "not a folder");
		free(p);
		return -1;
	}
	free(p);
	return 0;
}
