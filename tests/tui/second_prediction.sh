#!/bin/sh
# tests/tui/second_prediction.sh [BIN]: with two prediction files, 'v' shows
# the second and the table's IoU and prediction areas become the second
# file's (eval of that file), the header naming it; 'v' again: the first's.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_second_prediction
SOCK="$T/tmux-v.sock"
mkdir "$T/v"
cp -r "$D/valid" "$D/valid.csv" "$GT" "$PRED" "$T/v/"
# a second method: the human benchmark's masks as predictions
cp "$D/hb_segmentations_val.json" "$T/v/second_segmentations_val.json"
"$BIN" eval --metric iou --gt "$GT" --pred "$T/v/second_segmentations_val.json" -o "$T/ev2" -q >/dev/null 2>&1
FIRST=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
# rows of the first CXR: pathology|IoU (3 decimals) where eval has one
rows() { awk -F, -v id="$FIRST" 'NR==1{for(i=1;i<=NF;i++)h[i]=$i} $NF==id{for(i=1;i<NF;i++)if($i!="")printf "%s|%.3f\n", h[i], $i}' "$1"; }
rows "$T/ev2/iou_results_per_cxr.csv" >"$T/want2"
rows "$EVD/iou_results_per_cxr.csv" >"$T/want1"
tm -f /dev/null new-session -d -s x -x 200 -y 45 "env TERM=xterm-256color '$BIN' '$T/v' --graphics none; sleep 30"
wait_for "$N/$N CXRs" >/dev/null
check() {	# NAME WANTFILE
	bad=
	while IFS='|' read -r name v; do
		grep -o "$(echo "$name" | cut -c1-20).*" "$T/cap" | grep -q " $v " || bad="$bad $name:$v"
	done <"$2"
	if [ ! -s "$2" ]; then skip "$1" "no IoU for $FIRST"
	elif [ -z "$bad" ]; then ok "$1"; else fail "$1" "want$bad"; fi
}
keys v
wait_for "pred: second_segmentations_val.json" >/dev/null || fail explore_second_prediction_named "$(grep -o 'pred: [^ ]*' "$T/cap" | head -1)"
check explore_second_prediction_table_equals_eval "$T/want2"
keys v
wait_for "pred: $(basename "$PRED")" >/dev/null
check explore_first_prediction_table_equals_eval "$T/want1"
keys q
tm kill-server >/dev/null 2>&1
exit 0
