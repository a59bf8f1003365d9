#!/bin/sh
# tests/tui/term_replies.sh [BIN]: the terminal query replies (term_check, linked with the tui library).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
# Terminal query replies (DA1 "4", XTSMGRAPHICS, cell size, DECRQM).
if checker term_check term_replies; then
	"$chk"
fi
exit 0
