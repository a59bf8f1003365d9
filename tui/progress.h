/* progress: a one-line progress bar on stderr, only when stderr is a terminal. */
#ifndef UI_PROGRESS_H
#define UI_PROGRESS_H

#include <stddef.h>

struct progress {
	const char	*label;
	int		 enabled;
	int		 last_pct;
};

/* enabled = stderr is a tty and !quiet. */
void	progress_init(struct progress *p, const char *label, int quiet);
/* Signature of cx_pool_progress; ctx is a struct progress. */
void	progress_update(size_t done, size_t total, void *ctx);
/* Erase the bar. */
void	progress_done(struct progress *p);

#endif
