/* pool: a tiny parallel-for; the caller thread only reports progress. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include <stdlib.h>

#include "xalloc.h"

struct pool {
	size_t		 n;
	atomic_size_t	 next, done, failed;
	cx_pool_fn	 fn;
	void		*ctx;
};

int
cx_pool_cores(void)
{
	long c = sysconf(_SC_NPROCESSORS_ONLN);

	return c > 0 ? (int)c : 1;
}

static void *
worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->n)
			break;
		if (p->fn(i, p->ctx) != 0)
			atomic_fetch_add(&p->failed, 1);
		atomic_fetch_add(&p->done, 1);
	}
	return NULL;
}

size_t
cx_pool_run(size_t n, int nthreads, cx_pool_fn fn, void *ctx,
    cx_pool_progress progress, void *pctx)
{
	struct pool p = { .n = n, .fn = fn, .ctx = ctx };
	pthread_t *t;
	int k;

	if (nthreads <= 0)
		nthreads = cx_pool_cores();
	if ((size_t)nthreads > n)
		nthreads = n ? (int)n : 1;
	if (nthreads == 1 && progress == NULL) {
		worker(&p);
		return atomic_load(&p.failed);
	}
	t = cx_xcalloc(nthreads, sizeof *t);
	for (k = 0; k < nthreads; k++)
		if (pthread_create(&t[k], NULL, worker, &p) != 0)
			break;
	if (k == 0)
		worker(&p);	/* no thread could start: do it here */
	if (progress != NULL) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		while (atomic_load(&p.done) < n) {
			progress(atomic_load(&p.done), n, pctx);
			nanosleep(&ts, NULL);
		}
		progress(n, n, pctx);
	}
	for (int j = 0; j < k; j++)
		pthread_join(t[j], NULL);
	free(t);
	return atomic_load(&p.failed);
}
