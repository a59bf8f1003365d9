/* cli_merge: join the segmentation JSON parts written by `segment --shard K/N`
 * into one file. Parts may split a CXR's pathologies between them (sharding
 * is by heatmap file); a (CXR, pathology) found in two parts is an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "evalout.h"
#include "opts.h"
#include "segjson.h"
#include "tunepart.h"
#include "tasks.h"
#include "xalloc.h"

static const char about[] =
    "Merge the parts of --shard K/N runs. Segmentation JSON parts (segment)\n"
    "become one file (--out): each CXR's pathologies are gathered from every\n"
    "part; a pathology given by two parts is an error. Per-CXR CSV parts (eval\n"
    "--metric hitmiss) become eval's three CSVs in --save-dir, bootstrapped\n"
    "with --seed. Tune parts (tune --shard) become the sweep's CSV in\n"
    "--save-dir. Example: for k in 1 2 3 4; do chexplore segment --maps maps\n"
    "--shard $k/4 --out part$k.json & done; wait; chexplore merge --out\n"
    "seg.json part*.json";

struct ref {
	const char	*id;
	int		 part;
	size_t		 idx;
};

static int
ref_cmp(const void *pa, const void *pb)
{
	const struct ref *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);

	if (c != 0)
		return c;
	return a->part != b->part ? (a->part < b->part ? -1 : 1) : 0;
}

/* Per-CXR parts of eval --shard: join, bootstrap, write eval's outputs. */
static int
merge_eval(char **paths, int n, const char *save_dir, const char *seedp, int quiet)
{
	struct cx_evaltab t;
	struct cx_err err = {0};
	const char *metric;
	unsigned long seed = 0;
	int hb, rc;

	if (seedp) {
		char *e;
		seed = strtoul(seedp, &e, 10);
		if (*seedp == '-' || *e || e == seedp || seed > 0xfffffffful) {
			cli_fail("merge", "--seed: want an integer between 0 and 2**32 - 1");
			return 2;
		}
	}
	if (evalout_read_parts(&t, paths, n, &metric, &hb, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	rc = evalout_write(save_dir, metric, hb, &t, (uint32_t)seed, quiet);
	cx_evaltab_fini(&t);
	return rc;
}

int
cli_merge(int argc, char **argv)
{
	const char *out = NULL, *save_dir = ".", *seedp = NULL;
	struct cx_segfile *parts = NULL, res = {0};
	struct cx_err err = {0};
	struct ref *refs = NULL;
	size_t nref = 0, total = 0;
	int npos, rc, quiet = 0, ret = 1, nparts;
	const struct opt opts[] = {
		{ "out|output_path|o", OPT_STR, &out, "FILE", "merged segmentation JSON" },
		{ "save-dir|save_dir", OPT_STR, &save_dir, "DIR", "eval parts: where the CSVs go (default .)" },
		{ "seed", OPT_STR, &seedp, "N", "eval parts: bootstrap seed (default 0)" },
		{ "quiet|q", OPT_BOOL, &quiet, NULL, "no summary line" },
		{ NULL, 0, NULL, NULL, NULL },
	};

	rc = opt_parse("merge", "--out FILE PART.json ... | [--save-dir DIR] PART.csv ...", about,
	    opts, argc, argv, &npos);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if (npos >= 1 && tune_is_part(argv[1]))
		return tune_merge(argv + 1, npos, save_dir, quiet);
	if (npos >= 1 && strlen(argv[1]) > 4 && strcmp(argv[1] + strlen(argv[1]) - 4, ".csv") == 0)
		return merge_eval(argv + 1, npos, save_dir, seedp, quiet);
	if (out == NULL || npos < 1) {
		cli_fail("merge", "want --out FILE and at least one part (try --help)");
		return 2;
	}
	nparts = npos;
	parts = cx_xcalloc((size_t)nparts, sizeof *parts);
	for (int p = 0; p < nparts; p++) {
		memset(&err, 0, sizeof err);
		if (cx_segfile_load(&parts[p], argv[1 + p], &err) == -1)
			goto fail;
		total += parts[p].n;
	}
	refs = cx_xcalloc(total + 1, sizeof *refs);
	for (int p = 0; p < nparts; p++)
		for (size_t i = 0; i < parts[p].n; i++)
			refs[nref++] = (struct ref){ parts[p].e[i].id, p, i };
	qsort(refs, nref, sizeof *refs, ref_cmp);
	for (size_t a = 0; a < nref;) {
		size_t b = a + 1;
		struct cx_segentry *first = &parts[refs[a].part].e[refs[a].idx], e;
		while (b < nref && strcmp(refs[b].id, refs[a].id) == 0)
			b++;
		for (size_t k = a + 1; k < b; k++) {
			struct cx_segentry *o = &parts[refs[k].part].e[refs[k].idx];
			for (int t = 0; t < CX_NTASKS; t++) {
				if (!o->present[t])
					continue;
				if (first->present[t]) {
					char where[512];
					cx_err_file(&err, argv[1 + refs[k].part]);
					snprintf(where, sizeof where, "%.400s/%s", o->id, cx_task_names[t]);
					cx_err_at(&err, where, "also in %.200s", argv[1 + refs[a].part]);
					goto fail;
				}
				/* Move the mask over; the part keeps an empty one. */
				cx_rle_fini(&first->m[t]);
				first->m[t] = o->m[t];
				memset(&o->m[t], 0, sizeof o->m[t]);
				first->present[t] = 1;
			}
		}
		e = *first;
		memset(first, 0, sizeof *first);
		cx_segfile_add(&res, &e);
		a = b;
	}
	memset(&err, 0, sizeof err);
	if (cx_segfile_save(&res, out, 0, &err) == -1)
		goto fail;
	if (!quiet)
		fprintf(stderr, "chexplore: merged %d parts: %zu CXRs into %s\n", nparts, res.n, out);
	ret = 0;
	goto done;
fail:
	cli_error(&err);
done:
	for (int p = 0; p < nparts; p++)
		cx_segfile_fini(&parts[p]);
	free(parts);
	free(refs);
	cx_segfile_fini(&res);
	return ret;
}
