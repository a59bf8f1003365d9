#!/bin/sh
# tests/tui/plot_counts.sh [BIN]: the plot's one-pass counts equal segment's at each threshold alone (thr_check).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
# The plot's one-pass counts equal segment's at each threshold alone.
if checker thr_check explore_plot_counts_equal_segment; then
	r=$("$chk" "$D" | tail -1)
	case $r in ok*) ok explore_plot_counts_equal_segment ;; *) fail explore_plot_counts_equal_segment "$r" ;; esac
fi
exit 0
