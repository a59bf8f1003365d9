/* segment_ann: annotation polygons -> segmentation JSON (SPEC §3 "Annotation ->
 * segmentation"): for every CXR, each of the 10 pathologies rasterized with
 * Pillow's polygon rule (an empty mask when absent) and RLE-encoded. */
#include <stdlib.h>
#include <string.h>

#include "annjson.h"
#include "cli.h"
#include "pool.h"
#include "progress.h"
#include "segjson.h"
#include "segment.h"
#include "xalloc.h"

struct job {
	const struct cx_annfile	*ann;
	struct cx_segentry	*out;
	unsigned		 tasks;		/* --pathologies; 0 = all */
};

static int
rasterize_one(size_t i, void *ctx)
{
	struct job *j = ctx;
	const struct cx_annentry *a = &j->ann->e[i];
	struct cx_segentry *s = &j->out[i];
	struct cx_annbuf b = {0};

	s->id = cx_xstrdup(a->id);
	s->h = a->h;
	s->w = a->w;
	for (int t = 0; t < CX_NTASKS; t++) {
		if (j->tasks && !((j->tasks >> t) & 1u))
			continue;	/* not in --pathologies */
		s->present[t] = 1;
		cx_annentry_rle(a, t, &s->m[t], &b);
	}
	cx_annbuf_fini(&b);
	return 0;
}

int
segment_from_annotations(const struct segment_opts *o)
{
	struct cx_annfile ann;
	struct cx_segfile seg = {0};
	struct cx_err err = {0};
	struct progress pr;
	struct job j;
	size_t tiny = 0;
	int rc = 0;

	if (o->shard != NULL) {
		cli_fail("segment", "--shard applies to --maps only");
		return 2;
	}
	if (cx_annfile_load(&ann, o->ann_path, &err) == -1) {
		cli_error(&err);
		return 1;
	}
	for (size_t i = 0; i < ann.n; i++)
		for (int t = 0; t < CX_NTASKS; t++)
			for (size_t k = 0; k < ann.e[i].npoly[t]; k++)
				tiny += ann.e[i].poly[t][k].n < 2;
	if (tiny > 0 && !o->quiet)
		cli_note("%s: %zu polygon%s of fewer than 2 points drawn as nothing "
		    "(the reference fails on them)", o->ann_path, tiny, tiny == 1 ? "" : "s");
	j.ann = &ann;
	j.tasks = o->tasks;
	j.out = cx_xcalloc(ann.n ? ann.n : 1, sizeof *j.out);
	progress_init(&pr, "segment", o->quiet);
	cx_pool_run(ann.n, o->jobs, rasterize_one, &j, progress_update, &pr);
	progress_done(&pr);
	/* the annotation file is sorted by id, so the entries already are */
	for (size_t i = 0; i < ann.n; i++)
		cx_segfile_add(&seg, &j.out[i]);
	free(j.out);
	cx_annfile_fini(&ann);
	if (cx_segfile_save(&seg, o->out, o->tasks == 0, &err) == -1) {
		cli_error(&err);
		rc = 1;
	}
	cx_segfile_fini(&seg);
	return rc;
}
