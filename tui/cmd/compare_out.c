/* compare_out: compare's outputs: the aligned tables, markdown, CSV, JSON
 * and the SVG forest plot. Text and markdown round to 3 decimals as eval's
 * CSVs do; CSV and JSON carry the values unrounded. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "escape.h"
#include "fmt.h"
#include "jsonout.h"

/* Rows: pathologies in sorted order (eval's summary), then Average. */
static int
row_index(int i)
{
	return i < CX_NTASKS ? cx_task_sorted[i] : CMP_AVG;
}

static const char *
row_name(int i)
{
	return i < CX_NTASKS ? cx_task_names[cx_task_sorted[i]] : "Average";
}

/* Is row i written (a pathology of --pathologies, or the Average)? */
static int
row_shown(const struct cmp_result *r, int i)
{
	return i == CMP_AVG || cmp_shown(r, cx_task_sorted[i]);
}

/* The rows written. */
static int
nrows(const struct cmp_result *r)
{
	int n = 0;

	for (int i = 0; i < CMP_NROW; i++)
		n += row_shown(r, i);
	return n;
}

static void
print_sources(const struct cmp_result *r, const char *lead)
{
	char e[2][512];

	for (size_t i = 0; i < r->nm; i++) {
		const struct cmp_method *m = &r->m[i];
		printf("%s%s: %s %s%s%s%s%s\n", lead, cx_escape_buf(m->name, e[0], sizeof e[0]),
		    m->input, cx_escape_buf(m->path, e[1], sizeof e[1]),
		    m->masks[0] ? " (masks: " : "", m->masks, m->masks[0] ? ")" : "",
		    (int)i == r->base ? " [baseline]" : "");
	}
}

static void
print_text(const struct cmp_result *r)
{
	char b[8][32], e[512];
	const struct cmp_method *base = &r->m[r->base];

	print_sources(r, "");
	printf("(%zu CXRs, 1000 bootstrap replicates, seed %lu)\n", r->ngt, r->seed);
	for (int k = 0; k < CMP_NMETRIC; k++) {
		int any = 0;
		for (size_t i = 0; i < r->nm; i++)
			any |= r->m[i].has[k];
		if (!any)
			continue;
		if (base->has[k])
			printf("\n%s, 95%% CI; diff: paired difference from %s, * where its CI "
			    "excludes 0\n", cmp_metric_title[k], cx_escape_buf(base->name, e, sizeof e));
		else
			printf("\n%s, 95%% CI; no differences: the baseline %s has no %s\n",
			    cmp_metric_title[k], cx_escape_buf(base->name, e, sizeof e),
			    cmp_metric_title[k]);
		printf("%-27s", "");
		for (size_t i = 0; i <= r->nm; i++) {
			const struct cmp_method *m = i < r->nm ? &r->m[i] : &r->hb;
			int diff = (int)i != r->base && i < r->nm && base->has[k];
			if (!m->has[k])
				continue;
			printf(" | %-*.*s", diff ? 61 : 26, diff ? 61 : 26,
			    cx_escape_buf(m->name, e, sizeof e));
		}
		printf("\n%-27s", "pathology");
		for (size_t i = 0; i <= r->nm; i++) {
			const struct cmp_method *m = i < r->nm ? &r->m[i] : &r->hb;
			if (!m->has[k])
				continue;
			printf(" | %5s %6s %-14s", "n", "mean", "[95% CI]");
			if ((int)i != r->base && i < r->nm && base->has[k])
				printf(" %6s %-17s %6s", "diff", "[95% CI]", "p");
		}
		printf("\n");
		for (int row = 0; row < CMP_NROW; row++) {
			if (!row_shown(r, row))
				continue;
			int t = row_index(row);
			printf("%-27s", row_name(row));
			for (size_t i = 0; i <= r->nm; i++) {
				const struct cmp_method *m = i < r->nm ? &r->m[i] : &r->hb;
				const struct cmp_stat *s = &m->st[k][t];
				char ci[40];
				if (!m->has[k])
					continue;
				snprintf(ci, sizeof ci, "[%s, %s]", cmp_num3(s->lower, 0, b[0]),
				    cmp_num3(s->upper, 0, b[1]));
				printf(" | %5zu %6s %-14s", s->n, cmp_num3(s->mean, 0, b[2]), ci);
				if ((int)i != r->base && i < r->nm && base->has[k]) {
					snprintf(ci, sizeof ci, "[%s, %s]%s", cmp_num3(s->diff.lower, 1, b[3]),
					    cmp_num3(s->diff.upper, 1, b[4]), cmp_excludes_zero(&s->diff) ? "*" : "");
					printf(" %6s %-17s %6s", cmp_num3(s->diff.mean, 1, b[5]), ci,
					    cmp_num3(s->diff.p, 0, b[6]));
				}
			}
			printf("\n");
		}
		if (!r->has_hb[k])
			continue;
		printf("\npercentage decrease of %s from the human benchmark (pctdec), 95%% CI\n",
		    cmp_metric_title[k]);
		printf("%-27s", "pathology");
		for (size_t i = 0; i < r->nm; i++)
			if (r->m[i].has[k])
				printf(" | %-26.26s", cx_escape_buf(r->m[i].name, e, sizeof e));
		printf("\n");
		for (int row = 0; row < CMP_NROW; row++) {
			if (!row_shown(r, row))
				continue;
			int t = row_index(row);
			printf("%-27s", row_name(row));
			for (size_t i = 0; i < r->nm; i++) {
				const struct cmp_stat *s = &r->m[i].st[k][t];
				char ci[64];
				if (!r->m[i].has[k])
					continue;
				printf(" | %-26s", cmp_pct_cell(s, ci, sizeof ci));
			}
			printf("\n");
		}
	}
}

/* A markdown cell: terminal-safe, with | escaped. */
static void
md_cell(const char *s)
{
	char *e = cx_escape(s);

	for (const char *p = e; *p; p++) {
		if (*p == '|')
			putchar('\\');
		putchar(*p);
	}
	free(e);
}

static void
print_markdown(const struct cmp_result *r)
{
	char b[8][64];
	const struct cmp_method *base = &r->m[r->base];

	for (size_t i = 0; i < r->nm; i++) {
		printf("- ");
		md_cell(r->m[i].name);
		printf(": %s `", r->m[i].input);
		md_cell(r->m[i].path);
		printf("`%s%s%s%s\n", r->m[i].masks[0] ? " (masks: " : "", r->m[i].masks,
		    r->m[i].masks[0] ? ")" : "", (int)i == r->base ? " — baseline" : "");
	}
	for (int k = 0; k < CMP_NMETRIC; k++) {
		int any = 0;
		for (size_t i = 0; i < r->nm; i++)
			any |= r->m[i].has[k];
		if (!any)
			continue;
		printf("\n**%s** (95%% CI; diff from ", cmp_metric_title[k]);
		md_cell(base->name);
		printf(", bold where its CI excludes 0)\n\n| pathology |");
		for (size_t i = 0; i <= r->nm; i++) {
			const struct cmp_method *m = i < r->nm ? &r->m[i] : &r->hb;
			if (!m->has[k])
				continue;
			printf(" ");
			md_cell(m->name);
			printf(" n | ");
			md_cell(m->name);
			printf(" %s |", cmp_metric_title[k]);
			if ((int)i != r->base && i < r->nm && base->has[k]) {
				printf(" diff | p |");
			}
			if (i < r->nm && r->has_hb[k])
				printf(" %% decrease |");
		}
		printf("\n|---|");
		for (size_t i = 0; i <= r->nm; i++) {
			const struct cmp_method *m = i < r->nm ? &r->m[i] : &r->hb;
			if (!m->has[k])
				continue;
			printf("--:|---|");
			if ((int)i != r->base && i < r->nm && base->has[k])
				printf("---|--:|");
			if (i < r->nm && r->has_hb[k])
				printf("---|");
		}
		printf("\n");
		for (int row = 0; row < CMP_NROW; row++) {
			if (!row_shown(r, row))
				continue;
			int t = row_index(row);
			printf("| %s |", row_name(row));
			for (size_t i = 0; i <= r->nm; i++) {
				const struct cmp_method *m = i < r->nm ? &r->m[i] : &r->hb;
				const struct cmp_stat *s = &m->st[k][t];
				if (!m->has[k])
					continue;
				printf(" %zu | %s [%s, %s] |", s->n, cmp_num3(s->mean, 0, b[0]),
				    cmp_num3(s->lower, 0, b[1]), cmp_num3(s->upper, 0, b[2]));
				if ((int)i != r->base && i < r->nm && base->has[k]) {
					const char *bold = cmp_excludes_zero(&s->diff) ? "**" : "";
					printf(" %s%s [%s, %s]%s | %s |", bold, cmp_num3(s->diff.mean, 1, b[3]),
					    cmp_num3(s->diff.lower, 1, b[4]), cmp_num3(s->diff.upper, 1, b[5]), bold,
					    cmp_num3(s->diff.p, 0, b[6]));
				}
				if (i < r->nm && r->has_hb[k])
					printf(" %s |", cmp_pct_cell(s, b[7], sizeof b[7]));
			}
			printf("\n");
		}
	}
}

/* A CSV field, quoted when it must be. */
static void
csv_str(FILE *fp, const char *s)
{
	char *e = cx_escape(s);

	if (strpbrk(e, ",\"\n") == NULL)
		fputs(e, fp);
	else {
		fputc('"', fp);
		for (const char *p = e; *p; p++) {
			if (*p == '"')
				fputc('"', fp);
			fputc(*p, fp);
		}
		fputc('"', fp);
	}
	free(e);
}

static void
csv_rows(const struct cmp_result *r, int k, FILE *fp)
{
	char b[10][32];

	for (int row = 0; row < CMP_NROW; row++) {
		if (!row_shown(r, row))
			continue;
		int t = row_index(row);
		for (size_t i = 0; i <= r->nm; i++) {
			const struct cmp_method *m = i < r->nm ? &r->m[i] : &r->hb;
			const struct cmp_stat *s = &m->st[k][t];
			if (!m->has[k])
				continue;
			fprintf(fp, "%s,", row_name(row));
			csv_str(fp, m->name);
			fprintf(fp, ",%s,%zu,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", cmp_metric_name[k], s->n,
			    cx_fmt_csv(s->mean, b[0]), cx_fmt_csv(s->lower, b[1]),
			    cx_fmt_csv(s->upper, b[2]),
			    s->has_diff ? cx_fmt_csv(s->diff.mean, b[3]) : "",
			    s->has_diff ? cx_fmt_csv(s->diff.lower, b[4]) : "",
			    s->has_diff ? cx_fmt_csv(s->diff.upper, b[5]) : "",
			    s->has_diff ? cx_fmt_csv(s->diff.p, b[6]) : "",
			    s->has_pct ? cx_fmt_csv(s->pct, b[7]) : "",
			    s->has_pct ? cx_fmt_csv(s->pct_lo, b[8]) : "",
			    s->has_pct ? cx_fmt_csv(s->pct_hi, b[9]) : "");
		}
	}
}

static const char csv_head[] = "pathology,method,metric,n,mean,lower,upper,diff_mean,"
    "diff_lower,diff_upper,p,pct_decrease,pct_decrease_lower,pct_decrease_upper\n";

void
cmp_write_csv(const struct cmp_result *r, int metric, FILE *fp)
{
	fputs(csv_head, fp);
	csv_rows(r, metric, fp);
}

static void
print_json(const struct cmp_result *r)
{
	FILE *fp = stdout;
	const char *sep = "";

	printf("{\"baseline\": ");
	cli_json_str(fp, r->m[r->base].name);
	printf(", \"methods\": [");
	for (size_t i = 0; i < r->nm; i++) {
		printf("%s", i ? ", " : "");
		cli_json_str(fp, r->m[i].name);
	}
	printf("], \"seed\": %lu, \"cxrs\": %zu, \"replicates\": 1000, \"sources\": [", r->seed,
	    r->ngt);
	for (size_t i = 0; i < r->nm; i++) {
		printf("%s{\"name\": ", i ? ", " : "");
		cli_json_str(fp, r->m[i].name);
		printf(", \"path\": ");
		cli_json_str(fp, r->m[i].path);
		printf(", \"input\": \"%s\", \"masks\": ", r->m[i].input);
		if (r->m[i].masks[0])
			cli_json_str(fp, r->m[i].masks);
		else
			printf("null");
		printf("}");
	}
	printf("],\n\"rows\": [");
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			printf("],\n\"human_benchmark\": [");
			sep = "";
		}
		for (int k = 0; k < CMP_NMETRIC; k++)
			for (int row = 0; row < CMP_NROW; row++)
				for (size_t i = 0; row_shown(r, row) && i < (pass ? 1 : r->nm); i++) {
					const struct cmp_method *m = pass ? &r->hb : &r->m[i];
					const struct cmp_stat *s = &m->st[k][row_index(row)];
					if (!m->has[k])
						continue;
					printf("%s\n{\"pathology\": \"%s\", ", sep, row_name(row));
					sep = ",";
					if (!pass) {
						printf("\"method\": ");
						cli_json_str(fp, m->name);
						printf(", ");
					}
					printf("\"metric\": \"%s\", \"n\": %zu, \"mean\": ", cmp_metric_name[k],
					    s->n);
					cli_json_num(fp, s->mean);
					printf(", \"lower\": ");
					cli_json_num(fp, s->lower);
					printf(", \"upper\": ");
					cli_json_num(fp, s->upper);
					if (pass) {
						printf("}");
						continue;
					}
					printf(", \"diff\": ");
					if (s->has_diff) {
						printf("{\"mean\": ");
						cli_json_num(fp, s->diff.mean);
						printf(", \"lower\": ");
						cli_json_num(fp, s->diff.lower);
						printf(", \"upper\": ");
						cli_json_num(fp, s->diff.upper);
						printf(", \"p\": ");
						cli_json_num(fp, s->diff.p);
						printf("}");
					} else
						printf("null");
					printf(", \"pct_decrease\": ");
					if (s->has_pct) {
						printf("{\"mean\": ");
						cli_json_num(fp, s->pct);
						printf(", \"lower\": ");
						cli_json_num(fp, s->pct_lo);
						printf(", \"upper\": ");
						cli_json_num(fp, s->pct_hi);
						printf("}");
					} else
						printf("null");
					printf("}");
				}
	}
	printf("]}\n");
}

void
cmp_print(const struct cmp_result *r, enum cmp_format f)
{
	switch (f) {
	case CMP_TEXT:
		print_text(r);
		break;
	case CMP_MARKDOWN:
		print_markdown(r);
		break;
	case CMP_CSV:
		fputs(csv_head, stdout);
		for (int k = 0; k < CMP_NMETRIC; k++)
			csv_rows(r, k, stdout);
		break;
	case CMP_JSON:
		print_json(r);
		break;
	}
}

/* Text for SVG: terminal-safe, then XML-escaped. */
static void
svg_text(FILE *fp, const char *s)
{
	char *e = cx_escape(s);

	for (const char *p = e; *p; p++)
		switch (*p) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: fputc(*p, fp);
		}
	free(e);
}

static const char *const palette[] = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
    "#9467bd", "#8c564b", "#e377c2", "#17becf" };
#define NPAL	(sizeof palette / sizeof palette[0])

/* Forest plot: one panel per metric, one row per pathology (and Average),
 * each method a dot on its 95% interval, the human benchmark's interval a
 * grey band with its mean a line. */
void
cmp_write_svg(const struct cmp_result *r, FILE *fp)
{
	const double left = 230, plotw = 560, right = 40, top0 = 40;
	double rowh = 12.0 * (double)r->nm + 12, y = top0, width = left + plotw + right;
	int npanel = 0;

	if (rowh < 24)
		rowh = 24;
	for (int k = 0; k < CMP_NMETRIC; k++) {
		int any = 0;
		for (size_t i = 0; i < r->nm; i++)
			any |= r->m[i].has[k];
		npanel += any;
	}
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	    "font-family=\"sans-serif\" font-size=\"12\">\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", width,
	    top0 + npanel * (nrows(r) * rowh + 90) + 20);
	/* legend */
	{
		double x = left;
		for (size_t i = 0; i < r->nm; i++) {
			fprintf(fp, "<circle cx=\"%.1f\" cy=\"18\" r=\"4\" fill=\"%s\"/>"
			    "<text x=\"%.1f\" y=\"22\">", x, palette[i % NPAL], x + 8);
			svg_text(fp, r->m[i].name);
			fprintf(fp, "</text>\n");
			x += 16 + 7.0 * (double)strlen(r->m[i].name);
		}
		if (r->has_hb[CMP_IOU] || r->has_hb[CMP_HIT])
			fprintf(fp, "<rect x=\"%.1f\" y=\"12\" width=\"14\" height=\"12\" fill=\"#bbbbbb\" "
			    "fill-opacity=\"0.5\"/><text x=\"%.1f\" y=\"22\">human benchmark</text>\n",
			    x, x + 18);
	}
	for (int k = 0; k < CMP_NMETRIC; k++) {
		int any = 0;
		for (size_t i = 0; i < r->nm; i++)
			any |= r->m[i].has[k];
		if (!any)
			continue;
		fprintf(fp, "<g class=\"panel\" id=\"%s\">\n<text x=\"%.1f\" y=\"%.1f\" "
		    "font-weight=\"bold\">%s (95%% bootstrap CI)</text>\n", cmp_metric_name[k], left,
		    y + 20, cmp_metric_title[k]);
		y += 30;
		for (int row = 0, pos = 0; row < CMP_NROW; row++) {
			if (!row_shown(r, row))
				continue;
			int t = row_index(row);
			double y0 = y + pos * rowh, yc = y0 + rowh / 2;
			if (pos++ % 2 == 0)
				fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				    "fill=\"#f4f4f4\"/>\n", left, y0, plotw, rowh);
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\"%s>%s</text>\n",
			    left - 8, yc + 4, row == CMP_AVG ? " font-weight=\"bold\"" : "",
			    row_name(row));
			if (r->has_hb[k]) {
				const struct cmp_stat *h = &r->hb.st[k][t];
				if (!isnan(h->lower) && !isnan(h->upper))
					fprintf(fp, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" "
					    "fill=\"#bbbbbb\" fill-opacity=\"0.5\"/>\n", left + h->lower * plotw,
					    y0 + 1, (h->upper - h->lower) * plotw, rowh - 2);
				if (!isnan(h->mean))
					fprintf(fp, "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"%.1f\" y2=\"%.1f\" "
					    "stroke=\"#777777\"/>\n", left + h->mean * plotw,
					    left + h->mean * plotw, y0 + 1, y0 + rowh - 1);
			}
			for (size_t i = 0; i < r->nm; i++) {
				const struct cmp_stat *s = &r->m[i].st[k][t];
				double yy = y0 + 12 + 12.0 * (double)i;
				if (!r->m[i].has[k] || isnan(s->mean))
					continue;
				if (r->nm == 1)
					yy = yc;
				if (!isnan(s->lower) && !isnan(s->upper))
					fprintf(fp, "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"%.1f\" y2=\"%.1f\" "
					    "stroke=\"%s\" stroke-width=\"2\"/>\n", left + s->lower * plotw,
					    left + s->upper * plotw, yy, yy, palette[i % NPAL]);
				fprintf(fp, "<circle cx=\"%.2f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>",
				    left + s->mean * plotw, yy, palette[i % NPAL]);
				svg_text(fp, r->m[i].name);
				fprintf(fp, " %s: %.3f [%.3f, %.3f]</title></circle>\n", row_name(row),
				    cx_round_np(s->mean, 3), cx_round_np(s->lower, 3),
				    cx_round_np(s->upper, 3));
			}
		}
		y += nrows(r) * rowh;
		fprintf(fp, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n",
		    left, left + plotw, y, y);
		for (int tk = 0; tk <= 10; tk += 2) {
			double x = left + tk / 10.0 * plotw;
			fprintf(fp, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>"
			    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.1f</text>\n", x, x, y,
			    y + 5, x, y + 18, tk / 10.0);
		}
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n</g>\n",
		    left + plotw / 2, y + 34, cmp_metric_title[k]);
		y += 60;
	}
	fprintf(fp, "</svg>\n");
}
