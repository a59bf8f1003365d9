/* bootstrap: the reference's bootstrap confidence intervals, bit for bit
 * (SPEC §3): NumPy's legacy RandomState (MT19937 seeded by init_genrand),
 * choice(n, size=n, replace=True) with the masked rejection rule, pandas'
 * NaN-skipping mean over NumPy's pairwise sum, and the 2.5/97.5 % summary. */
#ifndef CX_BOOTSTRAP_H
#define CX_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

#define CX_BOOTSTRAP_REPLICATES	1000

struct cx_mt19937 {
	uint32_t	mt[624];
	int		pos;
};

/* Seed with the standard init_genrand(seed) (NumPy's np.random.seed(int)). */
void	cx_bootstrap_seed(struct cx_mt19937 *s, uint32_t seed);
/* Next tempered 32-bit output (genrand_int32). */
uint32_t cx_bootstrap_next(struct cx_mt19937 *s);
/* RandomState.choice(n, size=n, replace=True): n indices in [0, n) into idx. */
void	cx_bootstrap_choice(struct cx_mt19937 *s, size_t n, size_t *idx);
/* NumPy's pairwise summation of n doubles (0.0 + the pairwise sum). */
double	cx_bootstrap_pairwise_sum(const double *a, size_t n);
/* pandas Series.mean(): NaN -> 0, pairwise sum over all n, divided by the
 * number of non-NaN values; NaN when there are none. tmp holds n doubles
 * (scratch; NULL to allocate). */
double	cx_bootstrap_nanmean(const double *a, size_t n, double *tmp);

/* Bootstrap replicates of the column means of a table of n rows and ncol
 * columns, stored column by column (column c at tab + c*n). Each replicate
 * draws one choice(n, n) shared by all columns. out holds nrep*ncol values,
 * replicate r column c at out[r*ncol + c]. -1 only when n*ncol overflows. */
int	cx_bootstrap_run(const double *tab, size_t n, size_t ncol, size_t nrep,
	    uint32_t seed, double *out);

/* The reference's compute_cis on the nrep values v[0], v[stride], ...:
 * sorted ascending with NaN last, lower = [int(0.025*nrep) - 1],
 * upper = [int(0.975*nrep) - 1], mean = pandas mean of the sorted values;
 * each rounded to 3 decimals NumPy's way. */
struct cx_ci {
	double	lower, mean, upper;
};
void	cx_bootstrap_ci(const double *v, size_t nrep, size_t stride, struct cx_ci *ci);
/* Same without rounding (pctdec rounds after scaling). */
void	cx_bootstrap_ci_raw(const double *v, size_t nrep, size_t stride, struct cx_ci *ci);

#endif
