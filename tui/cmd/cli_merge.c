/* cli_merge: join the segmentation JSON parts written by `segment --shard K/N`
 * into one file. Parts may split a CXR's pathologies between them (sharding
 * is by heatmap file); a (CXR, pathology) found in two parts is an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "evalout.h"
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
merge_eval(char **paths, int n, const char *save_dir, uint32_t seed, int quiet)
{
	struct cx_evaltab t;
	struct cx_err err = {0};
	const char *metric;
	int hb, rc;

	if (evalout_read_parts(&t, paths, n, &metric, &hb, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	rc = evalout_write(save_dir, metric, hb, &t, seed, quiet, (1u << CX_NTASKS) - 1);
	cx_evaltab_fini(&t);
	return rc;
}

struct merge_args {
	const char	*out;
};

static const struct cmd_opt merge_opts[] = {
	CMD_OPT(struct merge_args, out, "out|output_path|o", OPT_STR, "FILE", "merged segmentation JSON"),
	{ 0 }
};

static int
merge_run(const struct cmd_ctx *c, void *args)
{
	const struct merge_args *ma = args;
	const char *out = ma->out, *save_dir = c->save_dir;
	char **pos = c->pos;
	struct cx_segfile *parts = NULL, res = {0};
	struct cx_err err = {0};
	struct ref *refs = NULL;
	size_t nref = 0, total = 0;
	int npos = c->npos, quiet = c->quiet, ret = 1, nparts;

	if (npos >= 1 && tune_is_part(pos[0]))
		return tune_merge(pos, npos, save_dir, quiet);
	if (npos >= 1 && strlen(pos[0]) > 4 && strcmp(pos[0] + strlen(pos[0]) - 4, ".csv") == 0)
		return merge_eval(pos, npos, save_dir, c->seed, quiet);
	if (out == NULL || npos < 1)
		return cmd_usage(c, "want --out FILE and at least one part (try --help)");
	nparts = npos;
	parts = cx_xcalloc((size_t)nparts, sizeof *parts);
	for (int p = 0; p < nparts; p++) {
		memset(&err, 0, sizeof err);
		if (cx_segfile_load(&parts[p], pos[p], &err) == -1)
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
					cx_err_file(&err, pos[refs[k].part]);
					snprintf(where, sizeof where, "%.400s/%s", o->id, cx_task_names[t]);
					cx_err_at(&err, where, "also in %.200s", pos[refs[a].part]);
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

/* -o is --out here, so --save-dir has no short name. */
const struct cmd_entry cmd_merge_entry = {
	.name = "merge", .summary = "combine the parts written by --shard runs",
	.usage = "--out FILE PART.json ...\n[--save-dir DIR] [--seed N] PART.csv ...", .about = about,
	.flags = CMD_SAVE_DIR | CMD_SEED | CMD_QUIET, .names = { [CMD_C_SAVE_DIR] = "save-dir|save_dir" },
	.help = { [CMD_C_SAVE_DIR] = "eval parts: where the CSVs go (default .)",
	    [CMD_C_SEED] = "eval parts: bootstrap seed (default 0)", [CMD_C_QUIET] = "no summary line" },
	.opts = merge_opts, CMD_ARGS(struct merge_args, NULL), .run = merge_run,
};
