#!/bin/sh
# tests/tui/help.sh [BIN]: the help screen from the key table.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
explore_open
# Help from the key table (a popup over the picture pane here: paged with
# PgDn until the line is in sight).
keys '?'
wait_for "chexplore help" >/dev/null
k=0
while [ $k -lt 6 ] && ! grep -q "sort by the next column" "$T/cap"; do
	keys PgDn; cap >"$T/cap"; k=$((k + 1))
done
if grep -q "Study list" "$T/cap" && grep -q "sort by the next column" "$T/cap"; then ok explore_help; else fail explore_help "no help"; fi
keys Escape
explore_close help_clean_exit
exit 0
