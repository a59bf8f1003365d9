#!/bin/sh
# tests/tui/methods_live.sh [BIN]: a live threshold on a heatmap method
# binarizes that method's own heatmaps with its own probability cutoffs (its
# folder's probability_tuning_results.csv), not the dataset's: the info
# line's mIoU at the threshold equals `segment --maps METHOD --thresholds T
# --prob-cutoffs ITS_CSV` then `eval`, which here differs from the dataset's
# heatmaps at that threshold; back on the dataset's method it is theirs.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_methods_live
SOCK="$T/tmux-mlive.sock"
TASKS="Airspace Opacity|Atelectasis|Cardiomegaly|Consolidation|Edema|Enlarged Cardiomediastinum|Lung Lesion|Pleural Effusion|Pneumothorax|Support Devices"
M="$T/ml"
mkdir -p "$M/methods"
cp -r "$D/valid" "$D/valid.csv" "$GT" "$PRED" "$D/gradcam_maps_val" "$M/"
cp -r "$D/gradcam_maps_val" "$M/methods/heat"
# the method's cutoffs: 0.5 for every pathology
awk -v tasks="$TASKS" 'BEGIN{print "prob_threshold,mIoU,task"; n=split(tasks, a, "|"); for(i=1;i<=n;i++) print "0.5,0.5," a[i]}' \
    >"$M/methods/heat/probability_tuning_results.csv"
awk -v tasks="$TASKS" 'BEGIN{print "threshold,task"; n=split(tasks, a, "|"); for(i=1;i<=n;i++) print "0.5," a[i]}' >"$T/thr.csv"
"$BIN" segment --maps "$M/methods/heat" --thresholds "$T/thr.csv" \
    --prob-cutoffs "$M/methods/heat/probability_tuning_results.csv" --out "$T/sm.json" -q >/dev/null 2>&1
"$BIN" eval --metric iou --gt "$GT" --pred "$T/sm.json" -o "$T/em" >"$T/em.out" 2>&1
"$BIN" segment --maps "$D/gradcam_maps_val" --thresholds "$T/thr.csv" --out "$T/sd.json" -q >/dev/null 2>&1
"$BIN" eval --metric iou --gt "$GT" --pred "$T/sd.json" -o "$T/ed" >"$T/ed.out" 2>&1
# the pathology whose plain mIoU at 0.5 differs most between the two
LP=$(echo "$TASKS" | tr '|' '\n' | while read -r name; do
	a=$(grep "^$name  " "$T/em.out" | awk '{print $NF}'); b=$(grep "^$name  " "$T/ed.out" | awk '{print $NF}')
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ] && [ "$a" != - ] && echo "$name"
done | head -1)
if [ -z "$LP" ]; then
	skip explore_methods_live "the cutoffs change no pathology's mIoU on this demo set"
	exit 0
fi
want() { grep "^$LP  " "$1" | awk -v n="$LP" '{sub("^" n " *", ""); printf "mIoU %s plain (n %s)", $NF, $1}'; }
WM=$(want "$T/em.out"); WD=$(want "$T/ed.out")
ROW=$(echo "$TASKS" | tr '|' '\n' | LC_ALL=C sort | grep -n -x "$LP" | cut -d: -f1)
tm -f /dev/null new-session -d -s x -x 200 -y 45 "env TERM=xterm-256color '$BIN' '$M' --graphics none 2>'$T/ml.err'; echo \$? >'$T/ml.rc'; sleep 60"
wait_for "$N/$N CXRs" >/dev/null
keys M
wait_for "pred: heat (Otsu from heatmaps, probability cutoffs) \[2/2\]" >/dev/null
keys Tab
k=1; while [ $k -lt "$ROW" ]; do keys j; k=$((k + 1)); done
keys '>'
if wait_for "at 0.50: $WM"; then ok explore_methods_live_own_heatmaps
else fail explore_methods_live_own_heatmaps "want 'at 0.50: $WM' (the dataset's: $WD): $(grep -o 'at 0.50: mIoU [^)]*)' "$T/cap" | head -1)"; fi
grep -q "pred: heat (Otsu from heatmaps, probability cutoffs) \[2/2\];" "$T/cap" \
    && ok explore_methods_live_header || fail explore_methods_live_header "$(grep -o 'pred: .*' "$T/cap" | head -1)"
# back to the dataset's prediction: the live threshold is on its heatmaps
keys M
if wait_for "at 0.50: $WD"; then ok explore_methods_live_dataset
else fail explore_methods_live_dataset "want 'at 0.50: $WD': $(grep -o 'at 0.50: mIoU [^)]*)' "$T/cap" | head -1)"; fi
keys q
i=0; while [ $i -lt 50 ] && ! [ -s "$T/ml.rc" ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$T/ml.rc" 2>/dev/null)" = 0 ] && ! [ -s "$T/ml.err" ]; then ok explore_methods_live_clean_exit
else fail explore_methods_live_clean_exit "exit $(cat "$T/ml.rc" 2>/dev/null): $(head -1 "$T/ml.err")"; fi
tm kill-server >/dev/null 2>&1
exit 0
