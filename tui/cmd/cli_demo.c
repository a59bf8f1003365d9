/* cli_demo: write the synthetic demo dataset. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "demo.h"
#include "progress.h"

/* The demo's seed is the generator's, any 64-bit value: not the common
 * --seed (a bootstrap seed, 32 bits). */
struct demo_args {
	const char	*seed;
	int		 count, full, threads;
};

#define O(f, ...)	CMD_OPT(struct demo_args, f, __VA_ARGS__)
static const struct cmd_opt demo_opts[] = {
	O(seed, "seed|s", OPT_STR, "N", "random seed (default 0)"),
	O(count, "count|n", OPT_INT, "N", "number of CXRs (default 24)"),
	O(full, "full-size|full_size", OPT_BOOL, NULL,
	    "CheXpert sizes: 2000-3000 px images, (3, 320, 320) cxr_img tensors"),
	O(threads, "threads|j", OPT_INT, "N", "worker threads (default: one per core)"),
	{ 0 }
};
static const struct demo_args demo_defaults = { .seed = "0", .count = 24 };

static int
demo_run(const struct cmd_ctx *c, void *args)
{
	const struct demo_args *a = args;
	struct cx_demo_opts o;
	struct progress pr;
	struct cx_err err = {0};
	char *end;
	int rc;

	if (c->npos != 1)
		return cmd_usage(c, "want one folder to write (demo DIR)");
	memset(&o, 0, sizeof o);
	o.seed = strtoull(a->seed, &end, 10);
	if (*a->seed == '\0' || *end != '\0' || *a->seed == '-')
		return cmd_usage(c, "--seed: want a non-negative integer, not '%s'", a->seed);
	if (a->count < 1 || a->count > 5000)
		return cmd_usage(c, "--count: want 1..5000, not %d", a->count);
	o.count = (unsigned)a->count;
	o.full_size = a->full;
	o.nthreads = a->threads;
	progress_init(&pr, "demo", c->quiet);
	o.progress = progress_update;
	o.pctx = &pr;
	rc = cx_demo_write(c->pos[0], &o, &err);
	progress_done(&pr);
	if (rc == -1)
		return cmd_failed(&err);
	if (!c->quiet)
		printf("wrote %u CXRs to %s (seed %llu)\n", o.count, c->pos[0],
		    (unsigned long long)o.seed);
	return CMD_OK;
}

const struct cmd_entry cmd_demo_entry = {
	.name = "demo", .summary = "write a synthetic dataset in the official formats",
	.usage = "DIR [--seed N] [--count N] [--full-size] [options]",
	.about = "Write a deterministic synthetic CheXlocalize dataset in the official formats.",
	.flags = CMD_QUIET, .opts = demo_opts, CMD_ARGS(struct demo_args, &demo_defaults),
	.run = demo_run,
};
