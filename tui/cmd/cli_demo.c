/* cli_demo: write the synthetic demo dataset. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "demo.h"
#include "opts.h"
#include "progress.h"

int
cli_demo(int argc, char **argv)
{
	struct cx_demo_opts o;
	struct progress pr;
	struct cx_err err = {0};
	const char *seed_s = "0";
	int count = 24, full = 0, quiet = 0, threads = 0, npos = 0, rc;
	char *end;
	struct opt opts[] = {
		{ "seed|s", OPT_STR, &seed_s, "N", "random seed (default 0)" },
		{ "count|n", OPT_INT, &count, "N", "number of CXRs (default 24)" },
		{ "full-size|full_size", OPT_BOOL, &full, NULL,
		    "CheXpert sizes: 2000-3000 px images, (3, 320, 320) cxr_img tensors" },
		{ "threads|j", OPT_INT, &threads, "N", "worker threads (default: one per core)" },
		{ "quiet|q", OPT_BOOL, &quiet, NULL, "no progress bar" },
		{ 0 }
	};

	rc = opt_parse("demo", "DIR [--seed N] [--count N] [--full-size]",
	    "Write a deterministic synthetic CheXlocalize dataset in the official formats.",
	    opts, argc, argv, &npos);
	if (rc != 0)
		return rc < 0 ? 2 : 0;
	if (npos != 1) {
		cli_fail("demo", "want one folder to write (demo DIR)");
		return 2;
	}
	memset(&o, 0, sizeof o);
	o.seed = strtoull(seed_s, &end, 10);
	if (*seed_s == '\0' || *end != '\0' || *seed_s == '-') {
		cli_fail("demo", "--seed: want a non-negative integer, not '%s'", seed_s);
		return 2;
	}
	if (count < 1 || count > 5000) {
		cli_fail("demo", "--count: want 1..5000, not %d", count);
		return 2;
	}
	o.count = (unsigned)count;
	o.full_size = full;
	o.nthreads = threads;
	progress_init(&pr, "demo", quiet);
	o.progress = progress_update;
	o.pctx = &pr;
	rc = cx_demo_write(argv[1], &o, &err);
	progress_done(&pr);
	if (rc == -1) {
		cli_error(&err);
		return 1;
	}
	if (!quiet)
		printf("wrote %u CXRs to %s (seed %llu)\n", o.count, argv[1],
		    (unsigned long long)o.seed);
	return 0;
}
