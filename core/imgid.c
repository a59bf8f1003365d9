/* imgid: the image-id rule. */
#include <string.h>

#include "imgid.h"

#include <stdlib.h>
#include <string.h>

const char *
cx_imgid_check(const char *id)
{
	size_t n = strlen(id);

	if (n == 0)
		return "empty image id";
	if (n > CX_IMGID_MAX)
		return "image id longer than 255 bytes";
	/* "." and ".." (and hidden names) would name folders if joined to a path */
	if (id[0] == '.')
		return "image id starts with '.'";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];
		if (c == '/' || c == '\\')
			return "image id holds a path separator";
		if (c <= 0x20 || c >= 0x7f)
			return "image id holds a control, space or non-ASCII byte";
	}
	return NULL;
}

/* The id of an entry: its first member. */
static const char *
entry_id(const void *e)
{
	return *(char *const *)e;
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(entry_id(a), entry_id(b));
}

void
cx_imgid_sort(void *base, size_t n, size_t size)
{
	if (n > 1)
		qsort(base, n, size, entry_cmp);
}

const void *
cx_imgid_find(const void *base, size_t n, size_t size, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const void *e = (const char *)base + mid * size;
		int c = strcmp(entry_id(e), id);
		if (c == 0)
			return e;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

long
cx_imgid_index(const void *base, size_t n, size_t size, const char *id)
{
	const char *p = cx_imgid_find(base, n, size, id);

	return p == NULL ? -1 : (long)((size_t)(p - (const char *)base) / size);
}

size_t
cx_imgid_first_dup(const void *base, size_t n, size_t size)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(entry_id((const char *)base + (i - 1) * size),
		    entry_id((const char *)base + i * size)) == 0)
			return i;
	return 0;
}
