/* compare: `chexplore compare`'s writers (cli_compare.c loads the methods
 * and has tui/comparison.c compute the numbers; compare_out.c writes the
 * table, markdown, CSV, JSON and the SVG plot). */
#ifndef UI_COMPARE_H
#define UI_COMPARE_H

#include <stddef.h>
#include <stdio.h>

#include "comparison.h"

/* Writers (compare_out.c). */
enum cmp_format { CMP_TEXT, CMP_MARKDOWN, CMP_CSV, CMP_JSON };
/* The tables (text, markdown), every row (csv) or the JSON on stdout. */
void	cmp_print(const struct cmp_result *r, enum cmp_format f);
/* One metric's rows as CSV (--save-dir's compare_<metric>.csv). */
void	cmp_write_csv(const struct cmp_result *r, int metric, FILE *fp);
/* The forest plot. */
void	cmp_write_svg(const struct cmp_result *r, FILE *fp);

#endif
