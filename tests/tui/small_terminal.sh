#!/bin/sh
# tests/tui/small_terminal.sh [BIN]: at 80x24 (and 120x40, 200x60) the table
# keeps its IoU and hit columns and the info line its legend (the overlays
# drawn, the error map's colours); the values are eval's.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_small_terminal
FIRST=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
for geo in 80x24 120x40 200x60; do
	SOCK="$T/tmux-$geo.sock"
	tm -f /dev/null new-session -d -s x -x "${geo%x*}" -y "${geo#*x}" \
	    "env TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
	wait_for "CXRs" >/dev/null
	keys 3
	wait_for "error(TP/FP/FN)" >/dev/null
	hdr=$(grep -o 'pathology .*' "$T/cap" | head -1)
	# eval's IoU of the first CXR's first positive pathology, on its row
	want=$(awk -F, -v id="$FIRST" 'NR==1{for(i=1;i<=NF;i++)h[i]=$i} $NF==id{for(i=1;i<NF;i++)if($i!=""){printf "%s|%.3f\n", h[i], $i; exit}}' "$EVD/iou_results_per_cxr.csv")
	name=${want%|*} v=${want#*|}
	case $hdr in
	*IoU*hit*)
		if [ -z "$want" ] || grep -o "$(echo "$name" | cut -c1-12).*" "$T/cap" | grep -q " $v "; then
			ok "explore_small_terminal_columns_$geo"
		else
			fail "explore_small_terminal_columns_$geo" "no IoU $v on the $name row: $(grep -o "$(echo "$name" | cut -c1-12).*" "$T/cap" | head -1)"
		fi ;;
	*) fail "explore_small_terminal_columns_$geo" "header '$hdr'" ;;
	esac
	if grep -q "GT pred error(TP/FP/FN)" "$T/cap"; then ok "explore_small_terminal_legend_$geo"
	else fail "explore_small_terminal_legend_$geo" "$(grep -o '| .*zoom' "$T/cap" | head -1)"; fi
	keys q
	tm kill-server >/dev/null 2>&1
done
exit 0
