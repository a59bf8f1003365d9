#!/bin/sh
# tests/tui/live_threshold.sh [BIN]: the live threshold over the whole dataset: the plot, the
# study list and the statistics equal segment --thresholds + eval/prs, and tune.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_plot_equals_eval
# Live threshold over the whole dataset: after '>' '>' on the pathology with
# the most GT masks, the plot line's exact mIoU at that threshold and the
# statistics screen's row (n, mIoU [CI], precision/recall/specificity) equal
# what `segment --maps --thresholds` at the threshold the table shows, then
# `eval` and `prs`, compute; at tune's best threshold the plot's value is
# `tune thresholds`' mIoU.
SOCK="$T/tmux9.sock"
TASKS="Airspace Opacity|Atelectasis|Cardiomegaly|Consolidation|Edema|Enlarged Cardiomediastinum|Lung Lesion|Pleural Effusion|Pneumothorax|Support Devices"
# The pathology with the most GT masks (by `stats`).
"$BIN" stats --gt "$GT" --pred "$PRED" >"$T/st0" 2>&1
LP=$(echo "$TASKS" | tr '|' '\n' | while read -r name; do
	grep "^$name  " "$T/st0" | awk -v n="$name" '{sub("^" n " *", ""); print $1 "|" n}'
done | sort -t'|' -k1,1nr | head -1 | cut -d'|' -f2)
ROW=$(echo "$TASKS" | tr '|' '\n' | LC_ALL=C sort | grep -n -x "$LP" | cut -d: -f1)
if [ -z "$LP" ] || [ -z "$ROW" ]; then
	fail explore_live_threshold_stats "no pathology with GT masks: $(head -3 "$T/st0")"
else
	tm -f /dev/null new-session -d -s x -x 200 -y 45 \
	    "env TERM=xterm-256color '$BIN' '$D' --graphics none 2>'$T/explore9.err'; sleep 30"
	wait_for "$N/$N CXRs" >/dev/null
	keys Tab
	k=1; while [ $k -lt "$ROW" ]; do keys j; k=$((k + 1)); done
	keys '>' '>'
	LT=$(cap | grep "$LP" | grep -o '[0-9]\.[0-9][0-9]\*' | head -1 | tr -d '*')
	awk -v t="$LT" -v tasks="$TASKS" 'BEGIN{print "threshold,task"; n=split(tasks, a, "|"); for(i=1;i<=n;i++) print t "," a[i]}' >"$T/thr9.csv"
	"$BIN" segment --maps "$D/gradcam_maps_val" --thresholds "$T/thr9.csv" --out "$T/seg9.json" -q \
	    && "$BIN" eval --metric iou --gt "$GT" --pred "$T/seg9.json" -o "$T/ev9" >"$T/ev9.out" 2>&1 \
	    && "$BIN" prs --gt "$GT" --pred "$T/seg9.json" -o "$T/prs9" -q
	# eval's table: pathology, n, mIoU, CI, plain mean (the info line's
	# live-threshold mIoU is the plain mean, labelled "plain" in both).
	EV=$(grep "^$LP  " "$T/ev9.out" | awk -v n="$LP" '{sub("^" n " *", ""); print $1 " " $NF}')
	EN=${EV%% *}; EM=${EV#* }
	# The plot's own value once the plot is there.
	wait_for "mIoU 0.05 .* 0.95  (" >/dev/null
	if [ -n "$LT" ] && wait_for "at $LT: mIoU [0-9.]* plain (n [0-9]*)"; then
		got=$(grep -o "at $LT: mIoU [0-9.]* plain (n [0-9]*)" "$T/cap" | head -1)
		if [ "$got" = "at $LT: mIoU $EM plain (n $EN)" ]; then ok explore_plot_equals_eval
		else fail explore_plot_equals_eval "'$got', eval: mIoU $EM n $EN at $LT"; fi
	else
		fail explore_plot_equals_eval "no live-threshold mIoU at '$LT': $(grep -e mIoU -e thresholds "$T/cap" | head -2)"
	fi
	# The study list follows: each CXR's worst IoU takes that pathology's
	# IoU at the live threshold (eval of segment --thresholds) and the
	# others' from the prediction file (eval of the file).
	awk -F, -v lp="$LP" '
	FNR == 1 { f++; for (i = 1; i <= NF; i++) h[f, i] = $i; next }
	{ for (i = 1; i < NF; i++) if ((f == 1) == (h[f, i] != lp) && $i != "") v[$NF, h[f, i]] = $i; ids[$NF] = 1 }
	END {
		for (id in ids) {
			w = ""
			for (k in v) { split(k, p, SUBSEP); if (p[1] == id && (w == "" || v[k] + 0 < w + 0)) w = v[k] }
			n = id; sub("_", "/", n); sub("_", "/", n)
			print n, (w == "" ? "-" : sprintf("%.3f", w))
		}
	}' "$EVD/iou_results_per_cxr.csv" "$T/ev9/iou_results_per_cxr.csv" | sort >"$T/worst.want"
	cap | grep -o '^.\{0,4\}patient[0-9]*/study[0-9]*/view[^ ]* *[0-9]* *[-0-9.]*' \
	    | sed 's/^.*\(patient\)/\1/' | awk '{print $1, $3}' | sort >"$T/worst.all"
	# (CXRs without ground truth have no IoU: not in eval's table)
	awk 'NR == FNR { want[$1] = 1; next } $1 in want' "$T/worst.want" "$T/worst.all" >"$T/worst.got"
	if [ -s "$T/worst.want" ] && cmp -s "$T/worst.got" "$T/worst.want"; then
		ok explore_list_follows_live_threshold
	else
		fail explore_list_follows_live_threshold "$(diff "$T/worst.want" "$T/worst.got" | head -3 | tr '\n' '|')"
	fi
	# `tune thresholds` scores 0.2 .. 0.8 as the plot does: at its best
	# threshold the plot's value equals tune's mIoU. Step the live threshold
	# there and back.
	"$BIN" tune thresholds --maps "$D/gradcam_maps_val" --gt "$GT" --save-dir "$T/tune9" >"$T/tune9.out" 2>&1
	TB=$(grep "^$LP  " "$T/tune9.out" | awk '{print $(NF-1) " " $NF}')
	TBT=$(printf '%.2f' "${TB% *}" 2>/dev/null); TBM=${TB#* }
	steps=$(awk -v a="$LT" -v b="$TBT" 'BEGIN{printf "%d", (b - a) * 20 + (b > a ? 0.5 : -0.5)}')
	up='>'; back='<'
	case $steps in -*) steps=${steps#-}; up='<'; back='>' ;; esac
	k=0; while [ $k -lt "$steps" ]; do keys "$up"; k=$((k + 1)); done
	if [ -n "$TBM" ] && wait_for "at $TBT: mIoU [0-9.]*"; then
		got=$(grep -o "at $TBT: mIoU [0-9.]*" "$T/cap" | head -1)
		if [ "$got" = "at $TBT: mIoU $TBM" ]; then ok explore_plot_equals_tune
		else fail explore_plot_equals_tune "'$got', tune: $TBM at $TBT"; fi
	else
		fail explore_plot_equals_tune "no mIoU at tune's best '$TB': $(grep -e mIoU "$T/cap" | head -1)"
	fi
	k=0; while [ $k -lt "$steps" ]; do keys "$back"; k=$((k + 1)); done
	echo "  (live threshold: $LP at $LT: mIoU $EM n $EN; tune best $TBT: $TBM)" >&2
	keys S
	i=0
	while [ $i -lt 100 ]; do
		cap >"$T/cap"
		grep "$LP" "$T/cap" | grep -q "$LT\*.*\]" && break
		sleep 0.1
		i=$((i + 1))
	done
	row=$(grep "^ $LP " "$T/cap")
	want=$(awk -F, -v n="$LP" '$1==n{lo=($2==""?"-":sprintf("%.3f",$2)); hi=($4==""?"-":sprintf("%.3f",$4)); printf "%.3f [%s, %s]", $3, lo, hi}' "$T/ev9/iou_summary_results.csv")
	prs=$(awk -F, -v n="$LP" '$2==n{printf "%.3f %.3f %.3f", $3, $4, $5}' "$T/prs9/pred_precision_recall_specificity.csv")
	case $row in
	*" $LT* "*) ;;
	*) fail explore_stats_threshold_label "row '$row' does not name $LT*" ;;
	esac
	if echo "$row" | grep -qF "$EN $want" && echo "$row" | tr -s ' ' | grep -qF "$prs"; then
		ok explore_stats_live_threshold
	else
		fail explore_stats_live_threshold "row '$row', want n $EN, '$want', prs '$prs'"
	fi
	# Every other row still scores the prediction file.
	other=$(grep -c " file " "$T/cap")
	[ "$other" -eq 9 ] && ok explore_stats_other_rows_file || fail explore_stats_other_rows_file "$other rows say file"
	keys q
	keys t
	keys S
	# Back to the file's masks: the row equals eval's on the file again.
	want0=$(awk -F, -v n="$LP" '$1==n{lo=($2==""?"-":sprintf("%.3f",$2)); hi=($4==""?"-":sprintf("%.3f",$4)); printf "%.3f [%s, %s]", $3, lo, hi}' "$EVD/iou_summary_results.csv")
	if wait_for "^ $LP  *file .*$(echo "$want0" | sed 's/[][]/\\&/g')"; then ok explore_stats_threshold_reset
	else fail explore_stats_threshold_reset "$(grep "^ $LP " "$T/cap"), want $want0"; fi
	# Back to the same threshold: the same row (from the cache).
	keys q
	keys '>' '>'
	keys S
	if wait_for "^ $LP  *$LT\*" && [ "$(grep "^ $LP " "$T/cap")" = "$row" ]; then ok explore_stats_threshold_again
	else fail explore_stats_threshold_again "$(grep "^ $LP " "$T/cap"), want $row"; fi
	keys q
	keys q
	sleep 0.3
	if [ -s "$T/explore9.err" ]; then fail explore_live_threshold_stderr "$(head -1 "$T/explore9.err")"; fi
	tm kill-server >/dev/null 2>&1
fi
exit 0
