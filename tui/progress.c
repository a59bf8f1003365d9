/* progress: redraws at most once per percent. */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

void
progress_init(struct progress *p, const char *label, int quiet)
{
	p->label = label;
	p->enabled = !quiet && isatty(STDERR_FILENO);
	p->last_pct = -1;
}

void
progress_update(size_t done, size_t total, void *ctx)
{
	struct progress *p = ctx;
	int pct = total ? (int)(done * 100 / total) : 100, bar = pct * 30 / 100;

	if (!p->enabled || pct == p->last_pct)
		return;
	p->last_pct = pct;
	fprintf(stderr, "\r%-12s [%.*s%*s] %3d%% %zu/%zu", p->label, bar,
	    "##############################", 30 - bar, "", pct, done, total);
	fflush(stderr);
}

void
progress_done(struct progress *p)
{
	if (p->enabled && p->last_pct >= 0)
		fprintf(stderr, "\r\033[K");
	p->last_pct = -1;
}
