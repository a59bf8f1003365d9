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
	/* the last item done wakes the progress loop, which otherwise
	 * sleeps out its 50 ms: a short run ended up to 50 ms late */
	pthread_mutex_t	 mu;
	pthread_cond_t	 all_done;
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
		if (atomic_fetch_add(&p->done, 1) + 1 == p->n) {
			pthread_mutex_lock(&p->mu);
			pthread_cond_broadcast(&p->all_done);
			pthread_mutex_unlock(&p->mu);
		}
	}
	return NULL;
}

size_t
cx_pool_run(size_t n, int nthreads, cx_pool_fn fn, void *ctx,
    cx_pool_progress progress, void *pctx)
{
	struct pool p = { .n = n, .fn = fn, .ctx = ctx, .mu = PTHREAD_MUTEX_INITIALIZER,
	    .all_done = PTHREAD_COND_INITIALIZER };
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
		pthread_mutex_lock(&p.mu);
		while (atomic_load(&p.done) < n) {
			struct timespec until;
			progress(atomic_load(&p.done), n, pctx);
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 50 * 1000 * 1000;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			/* done is checked under the mutex the last worker takes to
			 * broadcast: its wake-up cannot fall between check and wait */
			if (atomic_load(&p.done) < n)
				pthread_cond_timedwait(&p.all_done, &p.mu, &until);
		}
		pthread_mutex_unlock(&p.mu);
		progress(n, n, pctx);
	}
	for (int j = 0; j < k; j++)
		pthread_join(t[j], NULL);
	free(t);
	return atomic_load(&p.failed);
}
