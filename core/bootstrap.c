/* bootstrap: NumPy's legacy MT19937, its bounded integers, its pairwise sum
 * and pandas' mean, so that the bootstrap CSVs match the reference to the bit. */
#include "bootstrap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "xalloc.h"

#define MT_N	624
#define MT_M	397

void
cx_bootstrap_seed(struct cx_mt19937 *s, uint32_t seed)
{
	s->mt[0] = seed;
	for (uint32_t i = 1; i < MT_N; i++)
		s->mt[i] = 1812433253u * (s->mt[i - 1] ^ (s->mt[i - 1] >> 30)) + i;
	s->pos = MT_N;
}

static void
mt_refill(struct cx_mt19937 *s)
{
	uint32_t *mt = s->mt, y;
	int k;

	for (k = 0; k < MT_N - MT_M; k++) {
		y = (mt[k] & 0x80000000u) | (mt[k + 1] & 0x7fffffffu);
		mt[k] = mt[k + MT_M] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
	}
	for (; k < MT_N - 1; k++) {
		y = (mt[k] & 0x80000000u) | (mt[k + 1] & 0x7fffffffu);
		mt[k] = mt[k + (MT_M - MT_N)] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
	}
	y = (mt[MT_N - 1] & 0x80000000u) | (mt[0] & 0x7fffffffu);
	mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
	s->pos = 0;
}

uint32_t
cx_bootstrap_next(struct cx_mt19937 *s)
{
	uint32_t y;

	if (s->pos >= MT_N)
		mt_refill(s);
	y = s->mt[s->pos++];
	y ^= y >> 11;
	y ^= (y << 7) & 0x9d2c5680u;
	y ^= (y << 15) & 0xefc60000u;
	y ^= y >> 18;
	return y;
}

void
cx_bootstrap_choice(struct cx_mt19937 *s, size_t n, size_t *idx)
{
	uint64_t rng, mask;

	if (n == 0)
		return;
	rng = (uint64_t)n - 1;
	if (rng == 0) {
		/* randint(0, 1) takes no random numbers at all. */
		memset(idx, 0, n * sizeof *idx);
		return;
	}
	mask = rng;
	mask |= mask >> 1;
	mask |= mask >> 2;
	mask |= mask >> 4;
	mask |= mask >> 8;
	mask |= mask >> 16;
	mask |= mask >> 32;
	if (rng <= 0xffffffffu) {
		for (size_t i = 0; i < n; i++) {
			uint32_t v;
			if (rng == 0xffffffffu)
				v = cx_bootstrap_next(s);
			else
				while ((v = cx_bootstrap_next(s) & (uint32_t)mask) > rng)
					;
			idx[i] = v;
		}
	} else {
		/* NumPy's 64-bit path: two 32-bit outputs, high word first. */
		for (size_t i = 0; i < n; i++) {
			uint64_t v;
			do {
				v = (uint64_t)cx_bootstrap_next(s) << 32;
				v |= cx_bootstrap_next(s);
				v &= mask;
			} while (v > rng);
			idx[i] = (size_t)v;
		}
	}
}

/* NumPy's DOUBLE_pairwise_sum: blocks of 128 with eight interleaved partial
 * sums; the order of the additions decides the last bits. */
static double
pairwise(const double *a, size_t n)
{
	if (n < 8) {
		double res = 0.;
		for (size_t i = 0; i < n; i++)
			res += a[i];
		return res;
	}
	if (n <= 128) {
		double r[8], res;
		size_t i;
		for (int j = 0; j < 8; j++)
			r[j] = a[j];
		for (i = 8; i < n - (n % 8); i += 8)
			for (int j = 0; j < 8; j++)
				r[j] += a[i + j];
		res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
		for (; i < n; i++)
			res += a[i];
		return res;
	}
	size_t n2 = n / 2;
	n2 -= n2 % 8;
	return pairwise(a, n2) + pairwise(a + n2, n - n2);
}

double
cx_bootstrap_pairwise_sum(const double *a, size_t n)
{
	/* The add reduction starts from its identity, 0.0. */
	return 0.0 + pairwise(a, n);
}

double
cx_bootstrap_nanmean(const double *a, size_t n, double *tmp)
{
	double *t = tmp ? tmp : cx_xmalloc((n ? n : 1) * sizeof *t);
	size_t cnt = 0;
	double sum;

	for (size_t i = 0; i < n; i++) {
		if (isnan(a[i]))
			t[i] = 0.0;
		else {
			t[i] = a[i];
			cnt++;
		}
	}
	sum = cx_bootstrap_pairwise_sum(t, n);
	if (tmp == NULL)
		free(t);
	return cnt ? sum / (double)cnt : NAN;
}

int
cx_bootstrap_run(const double *tab, size_t n, size_t ncol, size_t nrep,
    uint32_t seed, double *out)
{
	struct cx_mt19937 *s;
	size_t *idx;
	double *col;

	if (n != 0 && ncol > SIZE_MAX / n)
		return -1;
	s = cx_xmalloc(sizeof *s);
	cx_bootstrap_seed(s, seed);
	idx = cx_xmalloc((n ? n : 1) * sizeof *idx);
	col = cx_xmalloc((n ? n : 1) * sizeof *col);
	for (size_t r = 0; r < nrep; r++) {
		cx_bootstrap_choice(s, n, idx);
		for (size_t c = 0; c < ncol; c++) {
			const double *src = tab + c * n;
			size_t cnt = 0;
			for (size_t i = 0; i < n; i++) {
				double v = src[idx[i]];
				if (isnan(v))
					col[i] = 0.0;
				else {
					col[i] = v;
					cnt++;
				}
			}
			out[r * ncol + c] = cnt ?
			    cx_bootstrap_pairwise_sum(col, n) / (double)cnt : NAN;
		}
	}
	free(col);
	free(idx);
	free(s);
	return 0;
}

static int
cmp_nan_last(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	if (isnan(a))
		return isnan(b) ? 0 : 1;
	if (isnan(b))
		return -1;
	return (a > b) - (a < b);
}

void
cx_bootstrap_ci_raw(const double *v, size_t nrep, size_t stride, struct cx_ci *ci)
{
	double *s;
	long lo, hi;

	if (nrep == 0) {
		ci->lower = ci->mean = ci->upper = NAN;
		return;
	}
	s = cx_xmalloc(nrep * sizeof *s);
	for (size_t i = 0; i < nrep; i++)
		s[i] = v[i * stride];
	qsort(s, nrep, sizeof *s, cmp_nan_last);
	/* int(0.05/2 * len) - 1 and int((1 - 0.05/2) * len) - 1, in doubles
	 * as Python computes them; negative indices count from the end. */
	lo = (long)(0.05 / 2 * (double)nrep) - 1;
	hi = (long)((1 - 0.05 / 2) * (double)nrep) - 1;
	if (lo < 0)
		lo += (long)nrep;
	if (hi < 0)
		hi += (long)nrep;
	ci->lower = s[lo];
	ci->upper = s[hi];
	ci->mean = cx_bootstrap_nanmean(s, nrep, NULL);
	free(s);
}

void
cx_bootstrap_ci(const double *v, size_t nrep, size_t stride, struct cx_ci *ci)
{
	cx_bootstrap_ci_raw(v, nrep, stride, ci);
	ci->lower = cx_round_np(ci->lower, 3);
	ci->mean = cx_round_np(ci->mean, 3);
	ci->upper = cx_round_np(ci->upper, 3);
}
