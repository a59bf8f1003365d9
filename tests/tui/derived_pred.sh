#!/bin/sh
# tests/tui/derived_pred.sh [BIN]: heatmaps without a prediction JSON (synth-small): the
# explorer derives the predictions as segment does.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
need_tmux explore_derived_pred_iou
# Heatmaps without a prediction JSON (synth-small): predictions derived per CXR
# as `segment --maps --thresholds tuning_results.csv --prob-cutoffs ...` makes
# them; the table's IoU equals eval's on that output, thr/cut name the values.
SS="$ROOT/../shared/reference/synth-small/inputs"
if [ -d "$SS/gradcam_maps_val" ] && [ -f "$SS/tuning_results.csv" ]; then
	"$BIN" segment --annotations "$SS/gt_annotations_val.json" --out "$T/ssgt.json" -q \
	    && "$BIN" segment --maps "$SS/gradcam_maps_val" --thresholds "$SS/tuning_results.csv" \
	    --prob-cutoffs "$SS/probability_tuning_results.csv" --out "$T/sspred.json" -q \
	    && "$BIN" eval --metric iou --gt "$T/ssgt.json" --pred "$T/sspred.json" -o "$T/ssev" -q >/dev/null 2>&1
	# The CXR with the most IoU values, and its first pathology with one.
	line=$(tail -n +2 "$T/ssev/iou_results_per_cxr.csv" | awk -F, '{n=0; for(i=1;i<NF;i++) if($i!="") n++; print n "," $0}' | sort -t, -k1,1nr | head -1 | cut -d, -f2-)
	SID=${line##*,}
	PN=$(head -1 "$T/ssev/iou_results_per_cxr.csv" | cut -d, -f1-10 | tr ',' '\n' | awk -v l="$line" 'BEGIN{split(l,v,",")} v[NR]!=""{print NR "|" $0 "|" v[NR]; exit}')
	col=${PN%%|*}; rest=${PN#*|}; PNAME=${rest%%|*}; PV=$(printf '%.3f' "${rest#*|}")
	THR=$(awk -F, -v p="$PNAME" '$2==p{printf "%.2f", $1; exit}' "$SS/tuning_results.csv")
	SOCK="$T/tmux4.sock"
	tm -f /dev/null new-session -d -s x -x 180 -y 45 "env TERM=xterm-256color '$BIN' '$SS' --graphics none; sleep 30"
	wait_for "CXRs" >/dev/null
	keys : ; tm send-keys -t x -l "$SID"; sleep 0.2; keys Enter
	i=0
	while [ $i -lt 100 ]; do
		cap >"$T/cap"
		grep "$PNAME" "$T/cap" | grep -q " $PV " && break
		sleep 0.1
		i=$((i + 1))
	done
	if grep "$PNAME" "$T/cap" | grep -q " $PV "; then ok explore_derived_pred_iou; else fail explore_derived_pred_iou "$SID $PNAME: want $PV: $(grep "$PNAME" "$T/cap")"; fi
	if grep "$PNAME" "$T/cap" | grep -q " $THR "; then ok explore_thr_from_tuning; else fail explore_thr_from_tuning "want $THR: $(grep "$PNAME" "$T/cap")"; fi
	# Zooming in on one pathology centres the crop on its masks, not the film.
	keys Tab
	# Moving the table cursor selects that pathology's overlay alone.
	k=0; while [ $k -lt "$col" ]; do keys j; k=$((k + 1)); done
	keys k
	cap >"$T/cap"
	WH=$(grep -o '[0-9]* x [0-9]* pixels' "$T/cap" | head -1)
	keys +
	cap >"$T/cap"
	AT=$(grep -o 'zoom 2x @ [0-9]*,[0-9]*' "$T/cap" | sed 's/.*@ //')
	CW=$(echo "$WH" | awk '{printf "%.0f,%.0f", $1 / 2, $3 / 2}')
	if [ -n "$AT" ] && [ -n "$WH" ] && [ "$AT" != "$CW" ]; then ok explore_zoom_to_masks; else fail explore_zoom_to_masks "centre '$AT' (image $WH)"; fi
	keys 0
	# Live threshold: the first '>' starts from the tuned threshold, the
	# second adds 0.05; the IoU equals segment's at that threshold (same
	# probability cutoffs).
	keys '>' '>'
	awk -F, -v p="$PNAME" 'BEGIN{OFS=","} NR>1 && $2==p{$1=sprintf("%.2f", $1 + 0.05)} {print}' \
	    "$SS/tuning_results.csv" >"$T/tune2.csv"
	"$BIN" segment --maps "$SS/gradcam_maps_val" --thresholds "$T/tune2.csv" \
	    --prob-cutoffs "$SS/probability_tuning_results.csv" --out "$T/sspred2.json" -q \
	    && "$BIN" eval --metric iou --gt "$T/ssgt.json" --pred "$T/sspred2.json" -o "$T/ssev2" -q >/dev/null 2>&1
	LV=$(awk -F, -v id="$SID" -v c="$col" '$NF==id{if($c=="")print "-"; else printf "%.3f", $c}' "$T/ssev2/iou_results_per_cxr.csv")
	sleep 0.5
	cap >"$T/cap"
	if [ "$LV" != "-" ] && grep "$PNAME" "$T/cap" | grep -q " $LV .*\*"; then ok explore_live_threshold_derived; else fail explore_live_threshold_derived "want $LV: $(grep "$PNAME" "$T/cap")"; fi
	# The statistics at that threshold: every row equals eval's summary of
	# that segment output (the live pathology re-scored, the others derived
	# as before).
	keys S
	i=0
	while [ $i -lt 100 ]; do
		cap >"$T/cap"
		grep "^ $PNAME  *[0-9.]*\* .*\]" "$T/cap" | grep -qv computing && ! grep -q "scoring the current" "$T/cap" && break
		sleep 0.1
		i=$((i + 1))
	done
	tail -n +2 "$T/ssev2/iou_summary_results.csv" | while IFS=, read -r name lo mean hi; do
		[ -z "$mean" ] && continue
		want=$(awk -v l="$lo" -v m="$mean" -v h="$hi" 'BEGIN{printf "%.3f [%s, %s]", m, l == "" ? "-" : sprintf("%.3f", l), h == "" ? "-" : sprintf("%.3f", h)}')
		grep "^ $name " "$T/cap" | grep -qF "$want" || echo "$name: want $want: $(grep "^ $name " "$T/cap")"
	done >"$T/statbad2"
	if [ -s "$T/statbad2" ]; then fail explore_stats_live_threshold_derived "$(head -1 "$T/statbad2")"; else ok explore_stats_live_threshold_derived; fi
	keys q
	keys t
	# The error map's legend: TP, FP and FN each in a colour of its own.
	keys 3
	tm capture-pane -e -p -t x >"$T/capE"
	if grep -q 'error(.*m\(TP\|FP\)' "$T/capE" && [ "$(grep -o '\[[0-9;]*m\(TP\|FP\|FN\)' "$T/capE" | sort -u | wc -l)" -eq 3 ]; then
		ok explore_error_legend
	else
		fail explore_error_legend "$(grep 'error(' "$T/capE" | cat -v | head -c 300)"
	fi
	keys q
	tm kill-server >/dev/null 2>&1
	"$BIN" show "$SID" --dir "$SS" --graphics none >"$T/ss.txt" 2>&1
	if grep "$PNAME" "$T/ss.txt" | grep -q "IoU $PV"; then ok show_derived_pred_iou; else fail show_derived_pred_iou "want $PV: $(grep "$PNAME" "$T/ss.txt")"; fi
else
	skip explore_derived_pred_iou "no ../shared/reference/synth-small"
fi
exit 0
