/* test_h2s_hang: a constant map upsampled to 10000 x 10000 (issue 15: over
 * 120 s; about 290 s of CPU by the growth from 2000^2 to 4000^2). torch's
 * weights make its values differ by ulps, so Otsu sees noise: a million
 * tiny contours, whose RETR_TREE parent search was quadratic, and every
 * block's values were kept (400 MB). The CPU-time limit is a hang guard,
 * not a speed claim: the plain build takes about 10 s of CPU. Under a
 * sanitizer the size is smaller (its memory and time overheads). */
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "check.h"
#include "h2s.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#define SIDE	3000
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define SIDE	3000
#endif
#endif
#ifndef SIDE
#define SIDE	10000
#endif

static void
hung(int sig)
{
	static const char msg[] = "  test_h2s_hang: past 150 s of CPU: a hang\n";

	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(1);
	_exit(1);
}

static void
constant_map(uint32_t m, uint32_t side, int otsu)
{
	struct cx_heatmap hm = { .mh = m, .mw = m };
	struct cx_h2s_opts o = { .otsu = otsu, .threshold = 0.5f };
	struct cx_rle r;
	uint64_t sum = 0;

	hm.map = malloc(sizeof *hm.map * m * m);
	for (uint32_t i = 0; i < m * m; i++)
		hm.map[i] = 0.5f;
	cx_h2s_segment(&hm, side, side, &o, &r);
	for (size_t i = 0; i < r.n; i++)
		sum += r.counts[i];
	CHECK(r.h == side && r.w == side && sum == (uint64_t)side * side);
	cx_rle_fini(&r);
	free(hm.map);
}

static void
test_constant_320_otsu(void)
{
	constant_map(320, SIDE, 1);
}

static void
test_constant_10_otsu(void)
{
	constant_map(10, SIDE / 2, 1);
}

static void
test_constant_320_threshold(void)
{
	constant_map(320, SIDE, 0);
}

int
main(void)
{
	struct rlimit cpu = { 150, 150 };

	signal(SIGXCPU, hung);
	setrlimit(RLIMIT_CPU, &cpu);
	RUN(test_constant_320_otsu);
	RUN(test_constant_10_otsu);
	RUN(test_constant_320_threshold);
	return CHECK_DONE();
}
