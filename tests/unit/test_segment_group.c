/* test_segment_group: segment --maps groups its heatmaps by CXR id with a
 * stable sort (tui/cmd/segment_maps.c). The cost is held structurally, by
 * counting id comparisons: looking each id up among the entries made so far
 * (the old code) took n^2/2 of them, 58 s for 100 000 CXRs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd/segment.h"

static void
test_group_cost(void)
{
	enum { N = 200000 };
	char (*buf)[48] = malloc((size_t)N * sizeof *buf);
	const char **id = malloc(N * sizeof *id);
	size_t *ord = malloc(N * sizeof *ord), cmps, bound = 0;
	int sorted = 1;

	/* distinct ids in a scrambled order, as folders interleave them */
	for (size_t i = 0; i < N; i++) {
		snprintf(buf[i], sizeof buf[i], "patient%06zu_study1_view1_frontal",
		    (i * 7919u) % N);
		id[i] = buf[i];
	}
	for (size_t m = 1; m < N; m *= 2)
		bound += N;	/* N * ceil(log2 N) */
	cmps = segment_maps_group(id, N, ord);
	CHECK(cmps <= bound);
	CHECK(cmps >= N / 2);
	for (size_t r = 1; r < N; r++)
		if (strcmp(id[ord[r - 1]], id[ord[r]]) >= 0)
			sorted = 0;
	CHECK(sorted);
	free(ord);
	free(id);
	free(buf);
}

static void
test_group_stable(void)
{
	const char *id[] = { "b", "a", "b", "c", "a", "b" };
	size_t ord[6];
	const size_t want[6] = { 1, 4, 0, 2, 5, 3 };

	segment_maps_group(id, 6, ord);
	for (int i = 0; i < 6; i++)
		CHECK(ord[i] == want[i]);
	CHECK(segment_maps_group(id, 0, ord) == 0);
	CHECK(segment_maps_group(id, 1, ord) == 0 && ord[0] == 0);
}

int
main(void)
{
	RUN(test_group_cost);
	RUN(test_group_stable);
	return CHECK_DONE();
}
