/* pool: every item once, failures counted, progress reported in order and
 * last with (n, n), whatever the number of threads and items (the progress
 * loop's wait ends when the last item is done: see cx_pool_run). */
#include "check.h"
#include "pool.h"

#include <stdatomic.h>

struct ctx {
	atomic_int	 seen[500];
	size_t		 last_done, calls, total;
	int		 backwards;
};

static int
item(size_t i, void *arg)
{
	struct ctx *c = arg;

	atomic_fetch_add(&c->seen[i], 1);
	return i % 7 == 3 ? -1 : 0;
}

static void
progress(size_t done, size_t total, void *arg)
{
	struct ctx *c = arg;

	c->backwards |= done < c->last_done;
	c->last_done = done;
	c->total = total;
	c->calls++;
}

static void
test_pool_runs(void)
{
	static const size_t ns[] = { 0, 1, 2, 7, 500 };
	static const int threads[] = { 1, 2, 4, 0 };

	for (size_t a = 0; a < sizeof ns / sizeof ns[0]; a++)
		for (size_t b = 0; b < sizeof threads / sizeof threads[0]; b++)
			for (int with = 0; with < 2; with++) {
				static struct ctx c;
				size_t n = ns[a], want_failed = 0, failed;
				memset(&c, 0, sizeof c);
				failed = cx_pool_run(n, threads[b], item, &c, with ? progress : NULL, &c);
				for (size_t i = 0; i < n; i++) {
					CHECK(atomic_load(&c.seen[i]) == 1);
					want_failed += i % 7 == 3;
				}
				CHECK(failed == want_failed);
				if (with && n > 0) {
					CHECK(c.calls >= 1);
					CHECK(c.last_done == n && c.total == n);
					CHECK(!c.backwards);
				}
			}
}

int
main(void)
{
	RUN(test_pool_runs);
	return CHECK_DONE();
}
