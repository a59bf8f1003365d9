/* comparison: compare's statistics from the methods' per-CXR tables. */
#include "comparison.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "fmt.h"
#include "xalloc.h"

const char *const cmp_metric_name[CMP_NMETRIC] = { "iou", "hitrate" };
const char *const cmp_metric_title[CMP_NMETRIC] = { "mIoU", "hit rate" };

int
cmp_shown(const struct cmp_result *r, int task)
{
	return r->tasks == 0 || ((r->tasks >> task) & 1u);
}

/* One table's statistics from its replicates; the Average over the shown
 * pathologies, in task order as the columns of eval's bootstrap CSV. */
static void
summarize(const struct cmp_result *res, struct cmp_src *s, int k, size_t nrep)
{
	struct cmp_stat *st = s->m->st[k];
	const struct cx_evaltab *t = &s->tab[k];
	const double *col[CX_NTASKS];
	double means[CX_NTASKS];
	int anynan = 0, ncol = 0;

	s->avg[k] = cx_xreallocarray(NULL, nrep, sizeof *s->avg[k]);
	st[CMP_AVG].n = 0;
	for (int task = 0; task < CX_NTASKS; task++) {
		struct cx_ci ci;
		const double *c = s->rep[k] + (size_t)task * nrep;
		st[task].n = 0;
		for (size_t i = 0; i < t->n; i++)
			st[task].n += !isnan(CX_EVAL_V(t, task, i));
		cx_bootstrap_ci_raw(c, nrep, 1, &ci);
		st[task].mean = ci.mean;
		st[task].lower = ci.lower;
		st[task].upper = ci.upper;
		if (!cmp_shown(res, task))
			continue;
		st[CMP_AVG].n += st[task].n;
		col[ncol] = c;
		/* pctdec's per-pathology means: pandas means of the replicates */
		means[ncol++] = cx_bootstrap_nanmean(c, nrep, NULL);
		for (size_t r = 0; r < nrep; r++)
			anynan |= isnan(c[r]);
	}
	for (size_t r = 0; r < nrep; r++)
		s->avg[k][r] = cx_pctdec_rowmean(col, ncol, r, anynan);
	{
		struct cx_ci ci;
		cx_bootstrap_ci_raw(s->avg[k], nrep, 1, &ci);
		st[CMP_AVG].mean = cx_bootstrap_nanmean(means, (size_t)ncol, NULL);
		st[CMP_AVG].lower = ci.lower;
		st[CMP_AVG].upper = ci.upper;
	}
}

/* pctdec of method s against the human benchmark h, as pctdec computes it
 * from the two bootstrap CSVs eval writes (the shown pathologies' columns,
 * in task order). */
static void
pct_against(const struct cmp_result *res, struct cmp_src *s, const struct cmp_src *h, int k,
    size_t nrep)
{
	const double *hc[CX_NTASKS], *pc[CX_NTASKS];
	int task[CX_NTASKS], ncol = 0, hnan = 0, pnan = 0;
	struct cx_pctdec pd;
	struct cmp_stat *st = s->m->st[k];

	for (int t = 0; t < CX_NTASKS; t++) {
		if (!cmp_shown(res, t))
			continue;
		hc[ncol] = h->rep[k] + (size_t)t * nrep;
		pc[ncol] = s->rep[k] + (size_t)t * nrep;
		for (size_t r = 0; r < nrep; r++) {
			hnan |= isnan(hc[ncol][r]);
			pnan |= isnan(pc[ncol][r]);
		}
		task[ncol++] = t;
	}
	cx_pctdec_compute(hc, pc, task, ncol, nrep, hnan, pnan, &pd);
	for (int i = 0; i < pd.nrow; i++) {
		struct cmp_stat *x = &st[pd.row[i].task];
		x->has_pct = 1;
		x->pct = pd.row[i].pct;
		x->pct_lo = pd.row[i].lo;
		x->pct_hi = pd.row[i].hi;
	}
	st[CMP_AVG].has_pct = 1;
	st[CMP_AVG].pct = pd.avg_pct;
	st[CMP_AVG].pct_lo = pd.avg_lo;
	st[CMP_AVG].pct_hi = pd.avg_hi;
}

/* Bootstrap every table at once: one draw of n rows per replicate shared by
 * all (the same draws eval makes for each alone), then the statistics. */
void
cmp_compute(struct cmp_result *res, struct cmp_src *src, size_t nsrc, size_t n, uint32_t seed)
{
	const size_t nrep = CX_BOOTSTRAP_REPLICATES;
	size_t ncol = 0, j = 0;
	double *tab, *out;
	struct cmp_src *base = &src[res->base], *hb = &src[nsrc - 1];

	for (size_t i = 0; i < nsrc; i++)
		for (int k = 0; k < CMP_NMETRIC; k++)
			ncol += src[i].m->has[k] ? CX_NTASKS : 0;
	tab = cx_xreallocarray(NULL, (ncol ? ncol : 1) * (n ? n : 1), sizeof *tab);
	out = cx_xreallocarray(NULL, (ncol ? ncol : 1) * nrep, sizeof *out);
	for (size_t i = 0; i < nsrc; i++)
		for (int k = 0; k < CMP_NMETRIC; k++)
			if (src[i].m->has[k]) {
				memcpy(tab + j * n, src[i].tab[k].v, CX_NTASKS * n * sizeof *tab);
				j += CX_NTASKS;
			}
	cx_bootstrap_run(tab, n, ncol, nrep, seed, out);
	j = 0;
	for (size_t i = 0; i < nsrc; i++)
		for (int k = 0; k < CMP_NMETRIC; k++) {
			if (!src[i].m->has[k])
				continue;
			src[i].rep[k] = cx_xreallocarray(NULL, CX_NTASKS * nrep, sizeof *src[i].rep[k]);
			for (int t = 0; t < CX_NTASKS; t++, j++)
				for (size_t r = 0; r < nrep; r++)
					src[i].rep[k][(size_t)t * nrep + r] = out[r * ncol + j];
			summarize(res, &src[i], k, nrep);
		}
	free(tab);
	free(out);
	for (size_t i = 0; i < res->nm; i++)
		for (int k = 0; k < CMP_NMETRIC; k++) {
			struct cmp_stat *st = src[i].m->st[k];
			if (!src[i].m->has[k])
				continue;
			if ((int)i != res->base && base->m->has[k]) {
				for (int t = 0; t < CX_NTASKS; t++) {
					st[t].has_diff = 1;
					cx_paired_diff(src[i].rep[k] + (size_t)t * nrep,
					    base->rep[k] + (size_t)t * nrep, nrep, 1, &st[t].diff);
				}
				st[CMP_AVG].has_diff = 1;
				cx_paired_diff(src[i].avg[k], base->avg[k], nrep, 1, &st[CMP_AVG].diff);
			}
			if (res->has_hb[k])
				pct_against(res, &src[i], hb, k, nrep);
		}
}
void
cmp_src_fini(struct cmp_src *s)
{
	for (int k = 0; k < CMP_NMETRIC; k++) {
		cx_evaltab_fini(&s->tab[k]);
		free(s->rep[k]);
		free(s->avg[k]);
		s->rep[k] = s->avg[k] = NULL;
	}
}

char *
cmp_num3(double x, int sign, char *b)
{
	if (isnan(x))
		return strcpy(b, "-");
	snprintf(b, 32, sign ? "%+.3f" : "%.3f", cx_round_np(x, 3) + 0.0);
	return b;
}

int
cmp_excludes_zero(const struct cx_paired *d)
{
	return !isnan(d->lower) && !isnan(d->upper) && (d->lower > 0 || d->upper < 0);
}

char *
cmp_pct_cell(const struct cmp_stat *s, char *b, size_t n)
{
	char v[3][48];

	snprintf(b, n, "%s [%s, %s]", cx_fmt_table(s->pct, 1, "%", v[0]),
	    cx_fmt_table(s->pct_lo, 1, "", v[1]), cx_fmt_table(s->pct_hi, 1, "", v[2]));
	return b;
}
