/* thr_check DIR: the explorer's mIoU-vs-threshold plot counts every
 * threshold in one pass (cx_h2s_classify); each must give the pixel counts
 * of `segment --maps --thresholds` at that threshold alone (cx_h2s_segment,
 * then eval's intersection), for every pathology and CXR with a GT mask.
 * Prints "ok N" or the first difference. */
#include <stdio.h>

#include "model.h"
#include "tasks.h"

int
main(int argc, char **argv)
{
	struct model m;
	struct cx_err err = { 0 };
	double thr[19];
	size_t checked = 0;

	if (argc != 2 || model_open(&m, argv[1], &err) == -1) {
		printf("FAIL cannot open the dataset\n");
		return 1;
	}
	for (int k = 0; k < 19; k++)
		thr[k] = (k + 1) / 20.0;
	for (int task = 0; task < CX_NTASKS; task++) {
		struct model_thrcounts grid;
		model_thr_count(&m, task, thr, 19, 0, &grid, NULL, NULL, NULL);
		for (int k = 0; k < 19; k++) {
			struct model_thrcounts one;
			model_thr_count(&m, task, &thr[k], 1, 0, &one, NULL, NULL, NULL);
			for (size_t r = 0; r < grid.n; r++) {
				size_t g = r * 19 + (size_t)k;
				if (grid.ga[r] == 0)
					continue;
				if (grid.pred[g] != one.pred[r] || grid.inter[g] != one.inter[r]) {
					printf("FAIL %s at %.2f, row %zu: plot %llu/%llu, segment %llu/%llu\n",
					    cx_task_names[task], thr[k], r,
					    (unsigned long long)grid.inter[g], (unsigned long long)grid.pred[g],
					    (unsigned long long)one.inter[r], (unsigned long long)one.pred[r]);
					return 1;
				}
				checked++;
			}
			model_thrcounts_fini(&one);
		}
		model_thrcounts_fini(&grid);
	}
	model_close(&m);
	printf(checked ? "ok %zu\n" : "FAIL nothing compared (%zu)\n", checked);
	return 0;
}
