/* clock: milliseconds for the explorer's timings (first screen, render
 * time, --bench). Any thread. */
#ifndef UI_CLOCK_H
#define UI_CLOCK_H

#include <time.h>

/* Monotonic wall time. */
static inline double
clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of the calling thread. */
static inline double
clock_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

#endif
