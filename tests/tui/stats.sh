#!/bin/sh
# tests/tui/stats.sh [BIN]: the statistics screen: mIoU with CIs equal to eval's summary.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
explore_open
# Statistics: the worker fills mIoU with CIs equal to eval's summary.
keys S
if wait_for "mIoU \[CI\]" && wait_for "\]  "; then
	sleep 1; cap >"$T/cap"
	bad=0
	tail -n +2 "$EVD/iou_summary_results.csv" | while IFS=, read -r name lo mean hi; do
		[ -z "$mean" ] && continue
		want=$(printf '%.3f [%.3f, %.3f]' "$mean" "$lo" "$hi" 2>/dev/null)
		case $hi in "") continue ;; esac
		grep "$name" "$T/cap" | grep -qF "$want" || echo "$name: want $want"
	done >"$T/statbad"
	if [ -s "$T/statbad" ]; then fail explore_stats "$(head -1 "$T/statbad")"; else ok explore_stats; fi
else
	fail explore_stats "no statistics screen"
fi
keys q
explore_close stats_clean_exit
exit 0
