/* pool: run fn(i) for i in [0, n) on nthreads pthreads (dynamic scheduling). */
#ifndef CX_POOL_H
#define CX_POOL_H

#include <stddef.h>

/* Work item callback; returns 0, or -1 to record a failure (the run goes on). */
typedef int (*cx_pool_fn)(size_t i, void *ctx);
/* Called from the calling thread now and then with items done so far. */
typedef void (*cx_pool_progress)(size_t done, size_t total, void *ctx);

/* nthreads <= 0 means one per online core. Returns the number of failed items.
 * progress may be NULL. */
size_t	cx_pool_run(size_t n, int nthreads, cx_pool_fn fn, void *ctx,
	    cx_pool_progress progress, void *pctx);
/* Number of online cores (at least 1). */
int	cx_pool_cores(void);

#endif
