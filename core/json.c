/* json: whole-file JSON with positions for syntax errors. */
#include "json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imgid.h"
#include "xalloc.h"

int
cx_open_regular(const char *path, uint64_t *size, struct cx_err *err)
{
	/* O_NONBLOCK: a FIFO (or a device) named as a file must not block the
	 * open; it is refused below as not a regular file */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;

	cx_err_file(err, path);
	if (fd == -1)
		return cx_err_set(err, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return cx_err_set(err, "not a regular file");
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (size)
		*size = (uint64_t)st.st_size;
	return fd;
}

FILE *
cx_fopen_regular(const char *path, struct cx_err *err)
{
	int fd, e;
	FILE *fp;

	errno = 0;
	if ((fd = cx_open_regular(path, NULL, err)) == -1) {
		if (errno == 0)
			errno = EINVAL;
		return NULL;
	}
	if ((fp = fdopen(fd, "r")) == NULL) {
		e = errno;
		close(fd);
		cx_err_set(err, "cannot open: %s", strerror(e));
		errno = e;
	}
	return fp;
}

char *
cx_read_file(const char *path, size_t *len, size_t max, struct cx_err *err)
{
	uint64_t size;
	int fd = cx_open_regular(path, &size, err);
	FILE *fp;
	char *buf;
	size_t n;

	if (fd == -1)
		return NULL;
	if (size > max) {
		close(fd);
		cx_err_set(err, "file is %llu bytes, more than the %zu byte limit",
		    (unsigned long long)size, max);
		return NULL;
	}
	if ((fp = fdopen(fd, "rb")) == NULL) {
		close(fd);
		cx_err_set(err, "cannot open: %s", strerror(errno));
		return NULL;
	}
	buf = cx_xmalloc((size_t)size + 1);
	n = fread(buf, 1, (size_t)size, fp);
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

/* Line:col (1-based, in bytes) of offset off. */
static void
json_where(const char *buf, size_t len, size_t off, char *where, size_t size)
{
	size_t line = 1, col = 1;

	for (size_t i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			line++;
			col = 1;
		} else
			col++;
	}
	snprintf(where, size, "%zu:%zu", line, col);
}

static int
json_fail(const char *buf, size_t len, size_t off, struct cx_err *err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
json_fail(const char *buf, size_t len, size_t off, struct cx_err *err, const char *fmt, ...)
{
	char where[64], msg[200];
	va_list ap;

	json_where(buf, len, off, where, sizeof where);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return cx_err_at(err, where, "%s", msg);
}

static int
is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* One string at buf[*i] == '"' (Python's json with strict=True: no raw byte
 * below 0x20, only the RFC 8259 escapes). A NUL, raw or \u0000, is refused
 * anywhere: cJSON's C strings would cut the text there. */
static int
json_check_string(const char *buf, size_t len, size_t *i, int key, struct cx_err *err)
{
	const char *what = key ? "key" : "string";
	size_t j = *i + 1;

	for (;;) {
		unsigned char c;
		if (j >= len)
			return json_fail(buf, len, j, err, "JSON ends too early (truncated file?)");
		c = (unsigned char)buf[j];
		if (c == '"')
			break;
		if (c == '\0')
			return json_fail(buf, len, j, err, "NUL byte inside a JSON %s", what);
		if (c < 0x20)
			return json_fail(buf, len, j, err,
			    "raw control byte 0x%02x inside a JSON %s (RFC 8259 wants it escaped)", c, what);
		if (c == '\\') {
			if (j + 1 >= len)
				return json_fail(buf, len, j, err, "JSON ends too early (truncated file?)");
			c = (unsigned char)buf[j + 1];
			if (c == 'u') {
				if (j + 6 > len || !is_hex(buf[j + 2]) || !is_hex(buf[j + 3]) ||
				    !is_hex(buf[j + 4]) || !is_hex(buf[j + 5]))
					return json_fail(buf, len, j, err, "bad \\u escape in a JSON %s", what);
				if (memcmp(buf + j + 2, "0000", 4) == 0)
					return json_fail(buf, len, j, err,
					    "escaped NUL (U+0000) inside a JSON %s", what);
				j += 6;
				continue;
			}
			if (strchr("\"\\/bfnrt", c) == NULL || c == '\0')
				return json_fail(buf, len, j, err, "bad escape inside a JSON %s", what);
			j += 2;
			continue;
		}
		j++;
	}
	*i = j + 1;
	return 0;
}

/* One number at buf[*i], as Python's json reads it:
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? */
static int
json_check_number(const char *buf, size_t len, size_t *i, struct cx_err *err)
{
	size_t j = *i, start = *i;

#define DIGIT(k) ((k) < len && buf[k] >= '0' && buf[k] <= '9')
	if (j < len && buf[j] == '-')
		j++;
	if (!DIGIT(j))
		return json_fail(buf, len, j, err, "JSON syntax error");
	if (buf[j] == '0') {
		j++;
		if (DIGIT(j))
			return json_fail(buf, len, start, err, "JSON number with a leading zero");
	} else
		while (DIGIT(j))
			j++;
	if (j < len && buf[j] == '.') {
		j++;
		if (!DIGIT(j))
			return json_fail(buf, len, j, err, "JSON number wants digits after '.'");
		while (DIGIT(j))
			j++;
	}
	if (j < len && (buf[j] == 'e' || buf[j] == 'E')) {
		j++;
		if (j < len && (buf[j] == '+' || buf[j] == '-'))
			j++;
		if (!DIGIT(j))
			return json_fail(buf, len, j, err, "JSON number wants digits in its exponent");
		while (DIGIT(j))
			j++;
	}
#undef DIGIT
	*i = j;
	return 0;
}

int
cx_json_check(const char *buf, size_t len, const char *name, struct cx_err *err)
{
	return cx_json_check_keys(buf, len, name, NULL, NULL, err) == -1 ? -1 : 0;
}

int
cx_json_check_keys(const char *buf, size_t len, const char *name,
    void (*key)(void *ctx, size_t off, size_t len), void *ctx, struct cx_err *err)
{
	/* the open containers: 1 an object, 0 an array; deeper than cJSON's
	 * limit is left to cJSON to refuse */
	unsigned char stack[CJSON_NESTING_LIMIT + 1];
	size_t i = 0, depth = 0;
	enum { VALUE, FIRSTVALUE, KEY, FIRSTKEY, COLON, AFTER } want = VALUE;

	cx_err_file(err, name);
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return json_fail(buf, len, 0, err, "UTF-8 byte order mark before the JSON (JSON forbids it)");
	for (;;) {
		while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r'))
			i++;
		if (want == AFTER && depth == 0)
			break;
		if (i >= len)
			return json_fail(buf, len, i, err, "JSON ends too early (truncated file?)");
		switch (want) {
		case FIRSTKEY:
		case KEY:
			if (buf[i] == '}' && want == FIRSTKEY) {
				depth--;
				i++;
				want = AFTER;
				break;
			}
			if (buf[i] != '"')
				return json_fail(buf, len, i, err, "JSON syntax error (want a key string)");
			{
				size_t k0 = i + 1;
				if (json_check_string(buf, len, &i, 1, err) == -1)
					return -1;
				if (key && depth == 1 && stack[0])
					key(ctx, k0, i - 1 - k0);
			}
			want = COLON;
			break;
		case COLON:
			if (buf[i] != ':')
				return json_fail(buf, len, i, err, "JSON syntax error (want ':')");
			i++;
			want = VALUE;
			break;
		case FIRSTVALUE:
		case VALUE:
			if (buf[i] == '{' || buf[i] == '[') {
				if (depth >= CJSON_NESTING_LIMIT)
					return 1;
				stack[depth++] = buf[i] == '{';
				want = buf[i] == '{' ? FIRSTKEY : FIRSTVALUE;
				i++;
				break;
			}
			if (buf[i] == ']' && want == FIRSTVALUE) {
				depth--;
				i++;
				want = AFTER;
				break;
			}
			if (buf[i] == '"') {
				if (json_check_string(buf, len, &i, 0, err) == -1)
					return -1;
			} else if (buf[i] == '-' || (buf[i] >= '0' && buf[i] <= '9')) {
				if (json_check_number(buf, len, &i, err) == -1)
					return -1;
			} else if (len - i >= 4 && memcmp(buf + i, "true", 4) == 0)
				i += 4;
			else if (len - i >= 5 && memcmp(buf + i, "false", 5) == 0)
				i += 5;
			else if (len - i >= 4 && memcmp(buf + i, "null", 4) == 0)
				i += 4;
			else
				return json_fail(buf, len, i, err, "JSON syntax error");
			want = AFTER;
			break;
		case AFTER:
			if (buf[i] == ',') {
				want = stack[depth - 1] ? KEY : VALUE;
				i++;
			} else if (buf[i] == (stack[depth - 1] ? '}' : ']')) {
				depth--;
				i++;
			} else
				return json_fail(buf, len, i, err, "JSON syntax error (want ',' or '%c')",
				    stack[depth - 1] ? '}' : ']');
			break;
		}
	}
	if (i < len) {
		if (buf[i] == '\0')
			return json_fail(buf, len, i, err, "NUL byte after the JSON value");
		return json_fail(buf, len, i, err, "unexpected data after the JSON value");
	}
	return 0;
}

struct keyref {
	cJSON	*item;
	size_t	 pos;
};

static int
keyref_cmp(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	int c = strcmp(x->item->string, y->item->string);

	if (c != 0)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* A key given twice in one object: Python's dict keeps the last value, at
 * the first key's place. Same here, in every object of the tree. */
static void
json_dedup(cJSON *node)
{
	cJSON *c;
	size_t n = 0;

	for (c = node->child; c != NULL; c = c->next)
		n++;
	if (cJSON_IsObject(node) && n > 1) {
		struct keyref *r = cx_xreallocarray(NULL, n, sizeof *r);
		size_t k = 0;
		for (c = node->child; c != NULL; c = c->next, k++) {
			r[k].item = c;
			r[k].pos = k;
		}
		qsort(r, n, sizeof *r, keyref_cmp);
		for (size_t a = 0, b; a < n; a = b) {
			for (b = a + 1; b < n && strcmp(r[a].item->string, r[b].item->string) == 0; b++)
				;
			if (b - a < 2)
				continue;
			/* r[a] is the first place, r[b - 1] the last value */
			for (size_t m = a + 1; m + 1 < b; m++)
				cJSON_Delete(cJSON_DetachItemViaPointer(node, r[m].item));
			cJSON_DetachItemViaPointer(node, r[b - 1].item);
			cJSON_ReplaceItemViaPointer(node, r[a].item, r[b - 1].item);
		}
		free(r);
	}
	for (c = node->child; c != NULL; c = c->next)
		json_dedup(c);
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
	/* what Python's json (the reference) refuses and cJSON lets through */
	if (cx_json_check(buf, len, name, err) == -1)
		return NULL;
	root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
	if (root == NULL) {
		size_t off = end && end >= buf ? (size_t)(end - buf) : 0;
		char where[64];
		json_where(buf, len, off, where, sizeof where);
		/* cJSON stops on the last byte when the input runs out */
		cx_err_at(err, where, off + 1 >= len ? "JSON ends too early (truncated file?)"
		    : "JSON syntax error");
		return NULL;
	}
	/* trailing garbage after the value */
	if (end != NULL) {
		size_t off = (size_t)(end - buf);
		while (off < len && (buf[off] == ' ' || buf[off] == '\n' || buf[off] == '\r'
		    || buf[off] == '\t'))
			off++;
		if (off < len) {
			cJSON_Delete(root);
			cx_err_at(err, NULL, "unexpected data after the JSON value at byte %zu", off);
			return NULL;
		}
	}
	json_dedup(root);
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
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', fp);
	while (*p) {
		/* the plain stretch up to the next character to escape, in one
		 * write (a segmentation's RLE strings are long: one locked
		 * fputc a character was 1% of segment --maps) */
		size_t n = 0;
		while (p[n] && p[n] != '"' && p[n] != '\\' && p[n] >= 0x20)
			n++;
		fwrite(p, 1, n, fp);
		p += n;
		if (!*p)
			break;
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else
			fprintf(fp, "\\u%04x", *p);
		p++;
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
