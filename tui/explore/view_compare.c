/* view_compare: the comparison screen — `chexplore compare`'s table for the
 * explorer's methods (tui/comparison.c computes it in methjobs.c, the same
 * code as the command): per metric, pathology and method n, the value with
 * its 95% interval, the paired difference from the baseline with its
 * interval and p-value, the percentage decrease from the human benchmark;
 * and the forest plot in text cells (the interval a bar on 0..1, the mean a
 * dot, the human benchmark's interval shaded). Opened with D from the
 * statistics screen; j/k and the page keys scroll. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "views.h"
#include "xalloc.h"

struct compare {
	int	top;		/* first line shown */
	int	nlines;		/* of the last drawing */
};

/* One line of the screen: text, and a forest-plot bar when bar is set. */
struct cline {
	char	text[512];
	int	role;		/* TR_* */
	int	bar;
	double	lo, mean, hi;	/* the method's interval and mean */
	double	hlo, hhi;	/* the human benchmark's interval, NaN none */
};

struct lines {
	struct cline	*v;
	int		 n;
};

static struct cline *
add(struct lines *l, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static struct cline *
add(struct lines *l, int role, const char *fmt, ...)
{
	struct cline *c;
	va_list ap;

	l->v = cx_xreallocarray(l->v, (size_t)l->n + 1, sizeof *l->v);
	c = &l->v[l->n++];
	memset(c, 0, sizeof *c);
	c->role = role;
	c->hlo = c->hhi = NAN;
	va_start(ap, fmt);
	vsnprintf(c->text, sizeof c->text, fmt, ap);
	va_end(ap);
	return c;
}

/* Rows: pathologies in sorted order (eval's summary, compare's), then
 * Average. */
static int
row_task(int r)
{
	return r < CX_NTASKS ? cx_task_sorted[r] : CMP_AVG;
}

static const char *
row_name(int r)
{
	return r < CX_NTASKS ? cx_task_names[cx_task_sorted[r]] : "Average";
}

/* One metric's block: a header, then per pathology each method (and the
 * human benchmark) with its numbers and its bar. */
static void
metric_lines(struct lines *l, const struct cmp_result *r, int k, int nw, int mw)
{
	const struct cmp_method *base = &r->m[r->base];
	char b[8][32], e[300];
	int diff = base->has[k];

	add(l, TR_HEADER, " %s, 95%% CI%s%s", cmp_metric_title[k],
	    diff ? "; diff: paired difference from " : "; no differences: the baseline lacks it",
	    diff ? cx_escape_buf(base->name, e, sizeof e) : "");
	add(l, TR_HEADER, " %-*s %-*s %5s %6s %-14s %6s %-17s %6s %-22s", nw, "pathology", mw, "method",
	    "n", "mean", "[95% CI]", "diff", "[95% CI]", "p", r->has_hb[k] ? "% decrease [CI]" : "");
	for (int row = 0; row < CMP_NROW; row++) {
		int t = row_task(row);
		const struct cmp_stat *h = r->has_hb[k] ? &r->hb.st[k][t] : NULL;
		for (size_t i = 0; i <= r->nm; i++) {
			const struct cmp_method *m = i < r->nm ? &r->m[i] : &r->hb;
			const struct cmp_stat *s = &m->st[k][t];
			char ci[48], dci[48] = "", dm[32] = "", p[32] = "", pct[64] = "";
			struct cline *c;
			if (!m->has[k])
				continue;
			snprintf(ci, sizeof ci, "[%s, %s]", cmp_num3(s->lower, 0, b[0]),
			    cmp_num3(s->upper, 0, b[1]));
			if (s->has_diff) {
				snprintf(dci, sizeof dci, "[%s, %s]%s", cmp_num3(s->diff.lower, 1, b[2]),
				    cmp_num3(s->diff.upper, 1, b[3]),
				    cmp_excludes_zero(&s->diff) ? "*" : "");
				cmp_num3(s->diff.mean, 1, dm);
				cmp_num3(s->diff.p, 0, p);
			}
			if (s->has_pct)
				cmp_pct_cell(s, pct, sizeof pct);
			c = add(l, i == r->nm ? TR_DIM : row == CMP_AVG ? TR_HEADER : TR_NORMAL,
			    " %-*.*s %-*.*s %5zu %6s %-14s %6s %-17s %6s %-22.22s", nw, nw, row_name(row), mw,
			    mw, cx_escape_buf(m->name, e, sizeof e), s->n, cmp_num3(s->mean, 0, b[4]),
			    ci, dm, dci, p, pct);
			c->bar = 1;
			c->lo = s->lower;
			c->mean = s->mean;
			c->hi = s->upper;
			if (h) {
				c->hlo = h->lower;
				c->hhi = h->upper;
			}
		}
	}
	add(l, TR_NORMAL, "%s", "");
}

static void
build(struct lines *l, const struct app *a, const struct cmpview *v, int nw, int mw)
{
	const struct cmp_result *r = &v->r;
	char e[2][512];

	for (size_t i = 0; i < r->nm; i++) {
		const struct cmp_method *m = &r->m[i];
		add(l, TR_NORMAL, " %zu %s: %s %s%s%s%s%s", i + 1, cx_escape_buf(m->name, e[0],
		    sizeof e[0]), m->input, cx_escape_buf(m->path, e[1], sizeof e[1]),
		    m->masks[0] ? " (masks: " : "", m->masks, m->masks[0] ? ")" : "",
		    (int)i == r->base ? " [baseline]" : "");
	}
	add(l, TR_DIM, " (%zu CXRs, 1000 bootstrap replicates, seed %lu: chexplore compare's "
	    "numbers; * where the difference's CI excludes 0)", r->ngt, r->seed);
	if (v->err[0])
		add(l, TR_ERROR, "%s", v->err);
	add(l, TR_NORMAL, "%s", "");
	for (int k = 0; k < CMP_NMETRIC; k++) {
		int any = 0;
		for (size_t i = 0; i < r->nm; i++)
			any |= r->m[i].has[k];
		if (any)
			metric_lines(l, r, k, nw, mw);
	}
}

/* The forest plot's cell for x in 0..1 over w cells. */
static int
cell_of(double x, int w)
{
	int c = (int)floor(x * (w - 1) + 0.5);

	return c < 0 ? 0 : c >= w ? w - 1 : c;
}

static void
draw_bar(const struct app *a, int y, int x, int w, const struct cline *c)
{
	char buf[2048];
	int n = 0, lo = -1, hi = -1, mid = -1, hlo = -1, hhi = -1;

	if (!isnan(c->lo) && !isnan(c->hi)) {
		lo = cell_of(c->lo, w);
		hi = cell_of(c->hi, w);
	}
	if (!isnan(c->mean))
		mid = cell_of(c->mean, w);
	if (!isnan(c->hlo) && !isnan(c->hhi)) {
		hlo = cell_of(c->hlo, w);
		hhi = cell_of(c->hhi, w);
	}
	for (int k = 0; k < w && n < (int)sizeof buf - 8; k++) {
		const char *s = k == 0 || k == w - 1 ? "\u2502" : " ";
		if (k >= hlo && k <= hhi && hlo >= 0)
			s = "\u2591";
		if (lo >= 0 && k >= lo && k <= hi)
			s = k == lo && k != mid ? "\u251c" : k == hi && k != mid ? "\u2524" : "\u2500";
		if (k == mid)
			s = "\u25cf";
		n += snprintf(buf + n, sizeof buf - (size_t)n, "%s", s);
	}
	attrset(ui_attr(&a->ui, c->role == TR_DIM ? TR_DIM : TR_PLOT));
	mvaddstr(y, x, buf);
}

static void
compare_draw(struct app *a, void *data)
{
	struct compare *cv = data;
	const struct cmpview *v = a->w.mj.cmp;
	struct lines l = { 0 };
	const char *why = NULL;
	char title[300];
	int y = 1, nw = COLS >= 120 ? 26 : 16, mw = COLS >= 120 ? 18 : 12, tw, bx, bw;

	if (!v)
		methjobs_cmp_start(&a->w.mj, &a->m, &a->w.q, &a->w.cancel, &why);
	snprintf(title, sizeof title, " chexplore comparison of %zu methods (bootstrap 95%% CI, "
	    "seed 0)  j/k: scroll  Esc/q: back", a->m.meth.n);
	attrset(ui_attr(&a->ui, TR_TITLE));
	ui_put(0, 0, COLS, title);
	if (!v) {
		attrset(ui_attr(&a->ui, TR_DIM));
		if (why && a->w.mj.der_running)
			snprintf(title, sizeof title, " waiting: %s (%zu/%zu)", why, a->w.mj.der_done,
			    a->w.mj.der_total);
		else if (why && a->w.hits_running)
			snprintf(title, sizeof title, " waiting: %s (%zu/%zu)", why, a->w.hits_done,
			    a->m.ds.n);
		else
			snprintf(title, sizeof title, " %s", why ? why : "computing...");
		ui_put(y++, 0, COLS, title);
	} else
		build(&l, a, v, nw, mw);
	/* The table is nw + mw + 62 columns (+ 23, the % decrease); the plot
	 * takes what is left, or nothing below 12 cells. */
	tw = nw + mw + 62 + (v && (v->r.has_hb[0] || v->r.has_hb[1]) ? 23 : 0);
	bx = tw + 1;
	bw = COLS - bx - 1;
	for (int k = cv->top; k < l.n && y < LINES - 1; k++, y++) {
		attrset(ui_attr(&a->ui, l.v[k].role));
		ui_put(y, 0, COLS, l.v[k].text);
		if (l.v[k].bar && bw >= 12)
			draw_bar(a, y, bx, bw, &l.v[k]);
		else if (l.v[k].role == TR_HEADER && bw >= 12 && strncmp(l.v[k].text, " pathology", 10)
		    == 0) {
			char sc[600];
			snprintf(sc, sizeof sc, "0%*s1", bw - 2 < 500 ? bw - 2 : 500, "");
			attrset(ui_attr(&a->ui, TR_HEADER));
			mvaddstr(y, bx, sc);
		}
	}
	attrset(ui_attr(&a->ui, TR_NORMAL));
	while (y < LINES - 1)
		ui_put(y++, 0, COLS, "");
	cv->nlines = l.n;
	free(l.v);
}

static int
compare_key(struct app *a, void *data, enum action act, int key)
{
	struct compare *cv = data;
	int r = ui_scroll(&cv->top, cv->nlines > LINES - 3 ? cv->nlines - (LINES - 3) : 0, act);

	if (r != V_IGNORED)
		return r;
	if (act == A_HELP) {
		view_help_open(a);
		return V_REDRAW;
	}
	return ui_text_key(act, A_SORT_DIFF);
}

const struct view_ops view_compare_ops = {
	.name = "compare", .draw = compare_draw, .key = compare_key,
	.resize = ui_resize_redraw, .free = free,
};

void
view_compare_open(struct app *a)
{
	ui_push(&a->ui, &view_compare_ops, cx_xcalloc(1, sizeof(struct compare)));
}
