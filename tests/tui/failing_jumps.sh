#!/bin/sh
# tests/tui/failing_jumps.sh [BIN]: ] and [ jump to the failing CXRs.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
explore_open
# Failing jumps: ] lands on a row the list marks failing (worst IoU < 0.2 or a miss).
keys g
sleep 1		# hit/miss of the heatmaps arrives in the background
keys ']'
# The selection moves off the first row (loaded machines answer slowly).
i=0
while [ $i -lt 50 ]; do
	cap >"$T/cap"
	sel=$(grep -o 'patient[0-9]*_study[0-9]*_view[0-9]*_[a-z]* |' "$T/cap" | head -1 | cut -d' ' -f1)
	[ -n "$sel" ] && [ "$sel" != "$FIRST" ] && break
	sleep 0.1
	i=$((i + 1))
done
if [ -n "$sel" ]; then
	w=$(awk -F, -v id="$sel" '$NF==id{for(i=1;i<NF;i++)if($i!=""&&(m==""||$i<m))m=$i} END{print m}' "$EVD/iou_results_per_cxr.csv")
	p1=$(grep -c MISS "$T/cap")
	if [ -n "$w" ] && awk -v w="$w" 'BEGIN{exit !(w<0.2)}' || [ "$p1" -gt 0 ]; then ok explore_next_failing; else fail explore_next_failing "$sel (worst $w) is not failing"; fi
else
	fail explore_next_failing "no selection"
fi
keys '['
ok explore_prev_failing
explore_close failing_jumps_clean_exit
exit 0
