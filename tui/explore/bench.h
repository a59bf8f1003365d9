/* bench: `chexplore explore --bench N` — open the dataset (the first
 * screen's work), then for N CXRs decode + overlays + sixel encode at a
 * 1000x800 pane (cold) and toggle an overlay (warm); prints the times.
 * Main thread; no terminal needed. */
#ifndef UI_BENCH_H
#define UI_BENCH_H

/* Exit code: 0, or 1 when the dataset cannot be opened (error printed). */
int	explore_bench(const char *dir, int n);

#endif
