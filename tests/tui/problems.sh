#!/bin/sh
# tests/tui/problems.sh [BIN]: data problems stay in sight. A broken
# prediction JSON and a corrupt heatmap: the status line keeps an "N problems"
# badge after the first message is gone, the problems screen ('!') lists both
# with their file and place, the table header says the predictions are made
# from the heatmaps because the file failed, and the corrupt heatmap's row
# says "err" in the hit column.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_problems
SOCK="$T/tmux-pr.sock"
mkdir "$T/b"
cp -r "$D/valid" "$D/valid.csv" "$GT" "$D/gradcam_maps_val" "$T/b/"
printf '{"%s": {"Edema": {"size": [4, 4], "counts": "x' "$ID" >"$T/b/gradcam_segmentations_val.json"
# the Cardiomegaly heatmap of the CXR selected first (the list's first id) cut short
FIRST=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
HM="$T/b/gradcam_maps_val/${FIRST}_Cardiomegaly_map.pkl"
head -c 100 "$HM" >"$T/short" && cp "$T/short" "$HM"
tm -f /dev/null new-session -d -s x -x 200 -y 45 "env TERM=xterm-256color '$BIN' '$T/b' --graphics none 2>'$T/pr.err'; sleep 30"
wait_for "$N/$N CXRs" >/dev/null
sleep 1		# hit/miss (and the heatmaps) in the background
keys z		# any key: the first message goes
if wait_for "! 2 problems"; then ok explore_problems_badge
else fail explore_problems_badge "$(tail -1 "$T/cap")"; fi
if grep -q "pred: [^ ]* (Otsu from heatmaps) (pred file failed: !)" "$T/cap"; then ok explore_problems_pred_source
else fail explore_problems_pred_source "$(grep pathology "$T/cap" | head -1)"; fi
if grep -o "Cardiomegaly .*" "$T/cap" | grep -q " err "; then ok explore_problems_heatmap_row
else fail explore_problems_heatmap_row "$(grep Cardiomegaly "$T/cap" | head -1)"; fi
keys '!'
wait_for "chexplore problems: 2" >/dev/null
cap | tr -d '\n' | tr -s ' ' >"$T/flat"
if grep -q "gradcam_segmentations_val.json:1:" "$T/flat" && grep -q "$(basename "$HM" | cut -c1-20)" "$T/flat"; then
	ok explore_problems_screen
else
	fail explore_problems_screen "$(cap | sed -n 2,5p | tr '\n' '|')"
fi
keys q
keys q
sleep 0.3
[ -s "$T/pr.err" ] && fail problems_clean_exit "$(head -1 "$T/pr.err")"
tm kill-server >/dev/null 2>&1
exit 0
