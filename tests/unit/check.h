/* check.h: the unit-test harness. Each test is a void function; RUN prints
 * "ok name" or "FAIL name" (after the failed CHECKs, with file:line). */
#ifndef CHECK_H
#define CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int check_failures, check_total_failed, check_total_passed, check_skipped;
static const char *check_skip_reason;

#define CHECK(c) do { if (!(c)) { \
	fprintf(stderr, "  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); \
	check_failures++; } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) { \
	fprintf(stderr, "  %s:%d: CHECK_STR failed: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
	    a_ ? a_ : "(null)", b_ ? b_ : "(null)"); check_failures++; } } while (0)
#define CHECK_NEAR(a, b, tol) do { double a_ = (a), b_ = (b); \
	if (!(fabs(a_ - b_) <= (tol)) && !(isnan(a_) && isnan(b_))) { \
	fprintf(stderr, "  %s:%d: CHECK_NEAR failed: %.17g != %.17g\n", __FILE__, __LINE__, a_, b_); \
	check_failures++; } } while (0)
/* Mark the running test as skipped (data not present). */
#define SKIP(why) do { check_skip_reason = (why); return; } while (0)

static inline void
check_run(const char *name, void (*fn)(void))
{
	check_failures = 0;
	check_skip_reason = NULL;
	fn();
	if (check_skip_reason != NULL) {
		printf("skip %s: %s\n", name, check_skip_reason);
		check_skipped++;
	} else if (check_failures) {
		printf("FAIL %s\n", name);
		check_total_failed++;
	} else {
		printf("ok   %s\n", name);
		check_total_passed++;
	}
	fflush(stdout);
}
#define RUN(fn) check_run(#fn, fn)
#define CHECK_DONE() (check_total_failed ? 1 : 0)

/* ../shared/reference/<sub> (or $CX_SHARED/reference/<sub>) when present, else NULL. */
static inline const char *
check_shared(const char *sub)
{
	static char buf[1024];
	const char *root = getenv("CX_SHARED");
	struct stat st;

	snprintf(buf, sizeof buf, "%s/reference/%s", root ? root : "../shared", sub);
	return stat(buf, &st) == 0 ? buf : NULL;
}

/* Whole file as a NUL-terminated string (NULL if unreadable); *n gets the size. */
static inline char *
check_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long len;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)len + 1);
	if (fread(s, 1, (size_t)len, f) != (size_t)len) {
		free(s);
		fclose(f);
		return NULL;
	}
	s[len] = '\0';
	fclose(f);
	if (n)
		*n = (size_t)len;
	return s;
}

#endif
