#!/bin/sh
# tests/tui/stats.sh [BIN]: the statistics screen: mIoU and hit rate with CIs
# equal to eval's summary (the headline value), the "plain" columns equal to
# the mean of eval's per-CXR values, and the info line's "plain" hit rate the
# same plain mean (issue 10, point 1: one definition per number).
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
	# The plain columns (mIoU's, then the hit rate's once the heatmaps are
	# scored) and the hit rate against eval's CSVs.
	"$BIN" eval --metric hitmiss --gt "$GT" --pred "$D/gradcam_maps_val" -o "$T/evh" -q >/dev/null 2>&1
	i=0; while [ $i -lt 50 ] && grep -q "heatmaps loading" "$T/cap"; do sleep 0.2; cap >"$T/cap"; i=$((i + 1)); done
	if python3 "$ROOT/tests/tools/stats_screen_check.py" "$T/cap" "$EVD" "$T/evh" >"$T/plainbad" 2>&1
	then ok explore_stats_plain; else fail explore_stats_plain "$(head -c 300 "$T/plainbad")"; fi
else
	fail explore_stats "no statistics screen"
fi
keys q
explore_close stats_clean_exit
exit 0
