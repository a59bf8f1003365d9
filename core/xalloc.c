/* xalloc: the one place that decides what out-of-memory means. */
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set once by the program at start-up, before any thread exists. */
static void (*fatal_hook)(void);

void
cx_xalloc_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

static void
oom(size_t n)
{
	if (fatal_hook != NULL)
		fatal_hook();
	fprintf(stderr, "chexplore: out of memory (%zu bytes)\n", n);
	abort();
}

void *
cx_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
cx_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
cx_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

void *
cx_xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	return cx_xrealloc(p, nmemb * size);
}

char *
cx_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = cx_xmalloc(n);

	memcpy(p, s, n);
	return p;
}
