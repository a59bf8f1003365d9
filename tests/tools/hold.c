/* hold.so: an LD_PRELOAD shim that stops a run at one chosen point of its
 * writing, so a suite can act there (signal it, start a rival run) instead
 * of hoping a sleep lands in a window of microseconds.
 *
 * HOLD_AT=rename:N	before the Nth rename(2) of the process (the set is
 *			half renamed when N > 1)
 * HOLD_AT=mkstemp:N	after the Nth mkstemp(3) (N temp files exist)
 * HOLD_DIR=DIR		the shim creates DIR/held when it stops there and
 *			goes on when DIR/go exists
 *
 * Built by the suites that use it: cc -shared -fPIC -o hold.so hold.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int calls[2];

/* Stop when this is the chosen call of what (0 rename, 1 mkstemp). */
static void
maybe_hold(int what)
{
	static const char *const name[2] = { "rename:", "mkstemp:" };
	const char *at = getenv("HOLD_AT"), *dir = getenv("HOLD_DIR");
	char path[4096];
	size_t len = strlen(name[what]);
	struct timespec ms = { 0, 1000000 };
	int fd;

	calls[what]++;
	if (at == NULL || dir == NULL || strncmp(at, name[what], len) != 0 ||
	    atoi(at + len) != calls[what])
		return;
	snprintf(path, sizeof path, "%s/held", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT, 0644)) != -1)
		close(fd);
	snprintf(path, sizeof path, "%s/go", dir);
	/* at most a minute: a suite that died does not leave a run behind */
	for (int i = 0; i < 60000 && access(path, F_OK) != 0; i++)
		nanosleep(&ms, NULL);
}

int
rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *) =
	    (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");

	maybe_hold(0);
	return real(from, to);
}

static int
hold_mkstemp(char *tmpl, const char *sym)
{
	int (*real)(char *) = (int (*)(char *))dlsym(RTLD_NEXT, sym);
	int fd = real(tmpl);

	if (fd != -1)
		maybe_hold(1);
	return fd;
}

int mkstemp(char *tmpl) { return hold_mkstemp(tmpl, "mkstemp"); }
int mkstemp64(char *tmpl) { return hold_mkstemp(tmpl, "mkstemp64"); }
