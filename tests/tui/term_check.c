/* term_check: the terminal query replies parsed as term_parse_replies should
 * (DA1 with sixel = a parameter exactly "4", XTSMGRAPHICS, CSI 16 t, DECRQM
 * 2026). Built from tui/term.c by tests/tui/run.sh; prints ok/FAIL lines. */
#include <stdio.h>
#include <string.h>

#include "term.h"

static int fails;

static void
check(const char *name, const char *reply, int da, int sixel, int reg, int mw, int mh,
    int cw, int ch, int sync)
{
	struct term_caps c;
	int got = 0;

	memset(&c, 0, sizeof c);
	term_parse_replies(&c, reply, strlen(reply), &got);
	if (got != da || c.sixel != sixel || c.registers != reg || c.max_w != mw || c.max_h != mh
	    || c.cell_w != cw || c.cell_h != ch || c.sync != sync) {
		printf("FAIL term_%s: da=%d sixel=%d reg=%d geo=%dx%d cell=%dx%d sync=%d\n", name,
		    got, c.sixel, c.registers, c.max_w, c.max_h, c.cell_w, c.cell_h, c.sync);
		fails++;
	} else
		printf("ok   term_%s\n", name);
}

int
main(void)
{
	check("da1_no_sixel", "\033[?64;1;2;6;9;15;18;21;22c", 1, 0, 0, 0, 0, 0, 0, 0);
	check("da1_sixel", "\033[?62;4;22c", 1, 1, 0, 0, 0, 0, 0, 0);
	check("da1_14_42_not_4", "\033[?14;42c", 1, 0, 0, 0, 0, 0, 0, 0);
	check("da1_only_4", "\033[?4c", 1, 1, 0, 0, 0, 0, 0, 0);
	check("all_replies", "\033[?1;0;256S\033[?2;0;1000;800S\033[6;20;10t\033[?2026;2$y"
	    "\033[?63;1;4c", 1, 1, 256, 1000, 800, 10, 20, 1);
	check("xtsmgraphics_error", "\033[?1;3;0S\033[?62;9c", 1, 0, 0, 0, 0, 0, 0, 0);
	check("no_da1", "\033[6;16;8t", 0, 0, 0, 0, 0, 8, 16, 0);
	check("partial", "\033[?62;4", 0, 0, 0, 0, 0, 0, 0, 0);
	return fails != 0;
}
