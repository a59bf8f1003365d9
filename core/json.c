/* json: whole-file JSON with positions for syntax errors. */
#include "json.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "imgid.h"
#include "xalloc.h"

char *
cx_read_file(const char *path, size_t *len, size_t max, struct cx_err *err)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	char *buf;
	size_t n;

	cx_err_file(err, path);
	if (fp == NULL) {
		cx_err_set(err, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == -1 || !S_ISREG(st.st_mode)) {
		fclose(fp);
		cx_err_set(err, "not a regular file");
		return NULL;
	}
	if ((uint64_t)st.st_size > max) {
		fclose(fp);
		cx_err_set(err, "file is %lld bytes, more than the %zu byte limit",
		    (long long)st.st_size, max);
		return NULL;
	}
	buf = cx_xmalloc((size_t)st.st_size + 1);
	n = fread(buf, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		fclose(fp);
		free(buf);
		cx_err_set(err, "read error: %s", strerror(errno));
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

cJSON *
cx_json_parse(const char *buf, size_t len, const char *name, struct cx_err *err)
{
	const char *end = NULL;
	cJSON *root;

	cx_err_file(err, name);
	if (len == 0) {
		cx_err_at(err, "1:1", "empty file, want JSON");
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
	if (root == NULL) {
		size_t off = end && end >= buf ? (size_t)(end - buf) : 0, line = 1, col = 1;
		char where[64];
		for (size_t i = 0; i < off && i < len; i++) {
			if (buf[i] == '\n') {
				line++;
				col = 1;
			} else
				col++;
		}
		snprintf(where, sizeof where, "%zu:%zu", line, col);
		/* cJSON stops on the last byte when the input runs out */
		cx_err_at(err, where, off + 1 >= len ? "JSON ends too early (truncated file?)"
		    : "JSON syntax error");
		return NULL;
	}
	/* trailing garbage after the value */
	if (end != NULL) {
		size_t off = (size_t)(end - buf);
		while (off < len && (buf[off] == ' ' || buf[off] == '\n' || buf[off] == '\r'
		    || buf[off] == '\t' || buf[off] == '\0'))
			off++;
		if (off < len) {
			cJSON_Delete(root);
			cx_err_at(err, NULL, "unexpected data after the JSON value at byte %zu", off);
			return NULL;
		}
	}
	return root;
}

cJSON *
cx_json_load(const char *path, struct cx_err *err)
{
	size_t len;
	char *buf = cx_read_file(path, &len, CX_JSON_MAX, err);
	cJSON *root;

	if (buf == NULL)
		return NULL;
	root = cx_json_parse(buf, len, path, err);
	free(buf);
	/* success leaves no error behind: the file name stamped while reading
	 * would otherwise be blamed for the caller's next failure */
	if (root != NULL && err != NULL)
		memset(err, 0, sizeof *err);
	return root;
}

void
cx_json_idfile_free(const struct cx_json_idkind *k, void *entries, size_t n)
{
	char *e = entries;

	for (size_t i = 0; i < n; i++)
		k->fini(e + i * k->size);
	free(e);
}

void
cx_json_write_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

int
cx_json_idfile_parse(const struct cx_json_idkind *k, const char *buf, size_t len,
    const char *name, void **entries, size_t *n, struct cx_err *err)
{
	cJSON *root = cx_json_parse(buf, len, name, err), *o;
	size_t i = 0, count, dup;
	char *e;

	*entries = NULL;
	*n = 0;
	if (root == NULL)
		return -1;
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return cx_err_at(err, "1:1", "want a JSON object of image ids");
	}
	count = (size_t)cJSON_GetArraySize(root);
	e = cx_xcalloc(count ? count : 1, k->size);
	cJSON_ArrayForEach(o, root) {
		char *entry = e + i++ * k->size;
		const char *why = cx_imgid_check(o->string);
		*(char **)entry = cx_xstrdup(o->string);
		if (why != NULL)
			cx_err_at(err, o->string, "%s", why);
		if (why != NULL || k->entry(o, entry, err) == -1) {
			cJSON_Delete(root);
			cx_json_idfile_free(k, e, count);
			return -1;
		}
	}
	cJSON_Delete(root);
	cx_imgid_sort(e, count, k->size);
	if ((dup = cx_imgid_first_dup(e, count, k->size)) != 0) {
		cx_err_at(err, *(char **)(e + dup * k->size), "image id given twice");
		cx_json_idfile_free(k, e, count);
		return -1;
	}
	*entries = e;
	*n = count;
	return 0;
}

int
cx_json_idfile_load(const struct cx_json_idkind *k, const char *path, void **entries,
    size_t *n, struct cx_err *err)
{
	size_t len;
	char *buf = cx_read_file(path, &len, CX_JSON_MAX, err);
	int rc;

	*entries = NULL;
	*n = 0;
	if (buf == NULL)
		return -1;
	rc = cx_json_idfile_parse(k, buf, len, path, entries, n, err);
	free(buf);
	/* success leaves no error behind: the file name stamped while reading
	 * would otherwise be blamed for the caller's next failure */
	if (rc == 0 && err != NULL)
		memset(err, 0, sizeof *err);
	return rc;
}
