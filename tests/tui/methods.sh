#!/bin/sh
# tests/tui/methods.sh [BIN]: several methods in a dataset (DIR/methods/ and
# --method): after M (or v) every number on the main screen is the shown
# method's — the table's IoU equals eval of that method's masks, the study
# list's worst IoU eval's smallest IoU of each CXR, the header names the
# method and how its masks were made; a heatmap method's masks are segment
# --maps'; D sorts by the method minus the baseline IoU (the diff column is
# eval's difference); with a live threshold the row (and the header) is the
# thresholded heatmap's, as eval scores segment --thresholds; the
# statistics screen scores the method shown.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_methods
SOCK="$T/tmux-methods.sock"
M="$T/m"
mkdir -p "$M/methods/hbseg"
cp -r "$D/valid" "$D/valid.csv" "$GT" "$PRED" "$D/gradcam_maps_val" "$M/"
cp "$D/hb_segmentations_val.json" "$M/methods/hbseg/"
cp -r "$D/gradcam_maps_val" "$M/methods/heat"
# a --method of the command line: the human benchmark's masks again
cp "$D/hb_segmentations_val.json" "$T/extra.json"
"$BIN" eval --metric iou --gt "$GT" --pred "$M/methods/hbseg/hb_segmentations_val.json" -o "$T/evh" -q >/dev/null 2>&1
"$BIN" segment --maps "$M/methods/heat" --out "$T/heat.json" -q >/dev/null 2>&1
"$BIN" eval --metric iou --gt "$GT" --pred "$T/heat.json" -o "$T/evo" -q >"$T/evo.out" 2>&1
FIRST=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
# rows of the first CXR: pathology|IoU (3 decimals) where eval has one
rows() { awk -F, -v id="$FIRST" 'NR==1{for(i=1;i<=NF;i++)h[i]=$i} $NF==id{for(i=1;i<NF;i++)if($i!="")printf "%s|%.3f\n", h[i], $i}' "$1"; }
# a pathology with a GT mask in the first CXR (it has an IoU)
P=$(rows "$EVD/iou_results_per_cxr.csv" | head -1 | cut -d'|' -f1)
# every CXR's smallest IoU: patientN|0.123, in id order
worst() { awk -F, 'NR>1{w="";for(i=1;i<NF;i++)if($i!=""&&(w==""||$i+0<w+0))w=$i; split($NF,p,"_"); if(w!="")printf "%s|%.3f\n", p[1], w; else printf "%s|-\n", p[1]}' "$1" | sort; }
# the list's worst column for the CXRs eval has (name, pos, worst)
list_worst() { cut -c1-52 "$T/cap" | grep -o '^ *patient[0-9]*/study[^ ]* *[0-9]* *[-0-9.]*' | awk '{split($1,p,"/"); print p[1] "|" $3}' | sort >"$T/lw.all"
	cut -d'|' -f1 "$1" | grep -F -f - "$T/lw.all"; }
check_table() {	# NAME WANTFILE
	bad=
	while IFS='|' read -r name v; do
		grep -o "$(echo "$name" | cut -c1-20).*" "$T/cap" | grep -q " $v " || bad="$bad $name:$v"
	done <"$2"
	if [ ! -s "$2" ]; then skip "$1" "no IoU for $FIRST"
	elif [ -z "$bad" ]; then ok "$1"; else fail "$1" "want$bad"; fi
}
check_list() {	# NAME EVALCSV
	worst "$2" >"$T/lw.want"
	list_worst "$T/lw.want" >"$T/lw.got"
	if [ -s "$T/lw.want" ] && cmp -s "$T/lw.want" "$T/lw.got"; then ok "$1"
	else fail "$1" "$(diff "$T/lw.want" "$T/lw.got" | grep '^[<>]' | head -2 | tr '\n' ' ')"; fi
}
tm -f /dev/null new-session -d -s x -x 200 -y 45 "env TERM=xterm-256color '$BIN' '$M' --graphics none --method extra='$T/extra.json' --baseline hbseg 2>'$T/methods.err'; echo \$? >'$T/methods.rc'; sleep 60"
wait_for "$N/$N CXRs" >/dev/null
# method 1: the dataset's prediction file
if grep -q "pred: $(basename "$PRED") (file) \[1/4\]" "$T/cap"; then ok explore_methods_four
else fail explore_methods_four "$(grep -o 'pred: .*' "$T/cap" | head -1)"; fi
check_list explore_methods_list_first "$EVD/iou_results_per_cxr.csv"
# M: the next method (DIR/methods/ in name order: hbseg, then heat)
keys M
wait_for "pred: hbseg (file) \[2/4 baseline\]" >/dev/null && ok explore_methods_named \
    || fail explore_methods_named "$(grep -o 'pred: .*' "$T/cap" | head -1)"
rows "$T/evh/iou_results_per_cxr.csv" >"$T/wanth"
check_table explore_methods_table_equals_eval "$T/wanth"
check_list explore_methods_list_equals_eval "$T/evh/iou_results_per_cxr.csv"
# the statistics screen scores the method shown: eval's summary of it
keys S
if wait_for "scored: hbseg (file), the baseline" && wait_for "\]  "; then
	sleep 1; cap >"$T/cap"
	tail -n +2 "$T/evh/iou_summary_results.csv" | while IFS=, read -r name lo mean hi; do
		[ -z "$mean" ] || [ -z "$lo" ] || [ -z "$hi" ] && continue
		want=$(printf '%.3f [%.3f, %.3f]' "$mean" "$lo" "$hi")
		grep "^ $name " "$T/cap" | grep -qF "$want" || echo "$name: want $want"
	done >"$T/statbad"
	if [ -s "$T/statbad" ]; then fail explore_methods_stats "$(head -1 "$T/statbad")"; else ok explore_methods_stats; fi
else
	fail explore_methods_stats "$(sed -n 2p "$T/cap")"
fi
keys q
# v: the next method too — the heatmap method, segmented in the background
keys v
if wait_for "pred: heat (Otsu from heatmaps) \[3/4\]"; then
	# until every CXR's masks are made (the list's worst says "." until then)
	i=0; while [ $i -lt 150 ] && cap | cut -c1-52 | grep -q '^ *patient.* \.  '; do sleep 0.2; i=$((i + 1)); done
	cap >"$T/cap"
	ok explore_methods_heat_named
	rows "$T/evo/iou_results_per_cxr.csv" >"$T/wanto"
	check_table explore_methods_heat_table_equals_segment "$T/wanto"
	check_list explore_methods_heat_list_equals_segment "$T/evo/iou_results_per_cxr.csv"
	# its statistics once its masks are made (none kept from before)
	keys S
	if wait_for "scored: heat (Otsu from heatmaps)" && wait_for "\]  "; then
		sleep 1; cap >"$T/cap"
		tail -n +2 "$T/evo/iou_summary_results.csv" | while IFS=, read -r name lo mean hi; do
			[ -z "$mean" ] || [ -z "$lo" ] || [ -z "$hi" ] && continue
			want=$(printf '%.3f [%.3f, %.3f]' "$mean" "$lo" "$hi")
			grep "^ $name " "$T/cap" | grep -qF "$want" || echo "$name: want $want"
		done >"$T/statbad"
		if [ -s "$T/statbad" ]; then fail explore_methods_heat_stats "$(head -1 "$T/statbad")"
		else ok explore_methods_heat_stats; fi
	else
		fail explore_methods_heat_stats "$(sed -n 2,4p "$T/cap" | tr '\n' ' ')"
	fi
	keys q
else
	fail explore_methods_heat_named "$(grep -o 'pred: .*' "$T/cap" | head -1)"
fi
# A live threshold on the heatmap method: the first CXR's row is the
# dataset's heatmap at that threshold (segment --thresholds, then eval), and
# the header says so.
ROW=$(echo "Airspace Opacity|Atelectasis|Cardiomegaly|Consolidation|Edema|Enlarged Cardiomediastinum|Lung Lesion|Pleural Effusion|Pneumothorax|Support Devices" | tr '|' '\n' | LC_ALL=C sort | grep -n -x "$P" | cut -d: -f1)
keys Tab
k=1; while [ $k -lt "$ROW" ]; do keys j; k=$((k + 1)); done
keys '>' '>'
sleep 1; cap >"$T/cap"
LT=$(grep "^.*$P" "$T/cap" | grep -o '[0-9]\.[0-9][0-9]\*' | head -1 | tr -d '*')
if [ -n "$LT" ]; then
	awk -v t="$LT" -v tasks="Airspace Opacity|Atelectasis|Cardiomegaly|Consolidation|Edema|Enlarged Cardiomediastinum|Lung Lesion|Pleural Effusion|Pneumothorax|Support Devices" 'BEGIN{print "threshold,task"; n=split(tasks, a, "|"); for(i=1;i<=n;i++) print t "," a[i]}' >"$T/thr.csv"
	"$BIN" segment --maps "$D/gradcam_maps_val" --thresholds "$T/thr.csv" --out "$T/segt.json" -q >/dev/null 2>&1
	"$BIN" eval --metric iou --gt "$GT" --pred "$T/segt.json" -o "$T/evt" -q >/dev/null 2>&1
	want=$(rows "$T/evt/iou_results_per_cxr.csv" | grep "^$P|" | cut -d'|' -f2)
	got=$(grep -o "$P .*" "$T/cap" | head -1)
	if grep -q "pred: heat (Otsu from heatmaps) \[3/4\]; threshold $LT (live)" "$T/cap" && echo "$got" | grep -q " ${want:-none} .* $LT\*"; then
		ok explore_methods_live_row
	else
		fail explore_methods_live_row "row '$got', eval at $LT: ${want:-none}; header $(grep -o 'pred: .*' "$T/cap" | head -1)"
	fi
else
	fail explore_methods_live_row "no live threshold on $P: $(grep "$P" "$T/cap" | head -1)"
fi
keys t
# D: sorted by the heatmap method minus the baseline (hbseg) IoU of the
# table's pathology ($P, where the cursor is), worst first; the column is
# eval's difference.
TP=$P
keys D
wait_for "sort: method - baseline IoU" >/dev/null
col() { awk -F, -v p="$2" 'NR==1{for(i=1;i<=NF;i++)if($i==p)c=i} NR>1{split($NF,q,"_"); print q[1] "|" $c}' "$1" | sort; }
col "$T/evo/iou_results_per_cxr.csv" "$TP" >"$T/dm"
col "$T/evh/iou_results_per_cxr.csv" "$TP" >"$T/db"
join -t'|' "$T/dm" "$T/db" | awk -F'|' '$2!=""&&$3!=""{printf "%s|%+.3f\n", $1, $2-$3}' >"$T/dwant"
cut -c1-52 "$T/cap" | grep -o '^ *patient[0-9]*/study[^ ]* .*[-+][0-9]\.[0-9][0-9][0-9] *$' | awk '{split($1,p,"/"); print p[1] "|" $NF}' >"$T/dgot"
sort -t'|' -k2,2g "$T/dwant" | cut -d'|' -f2 >"$T/dorder"
if [ -s "$T/dwant" ] && [ "$(sort "$T/dgot")" = "$(sort "$T/dwant")" ] && [ "$(cut -d'|' -f2 "$T/dgot")" = "$(cat "$T/dorder")" ]; then
	ok explore_methods_diff_sort
else
	fail explore_methods_diff_sort "want $(sort -t'|' -k2,2g "$T/dwant" | head -3 | tr '\n' ' ') got $(head -3 "$T/dgot" | tr '\n' ' ')"
fi
# x: the baseline (hbseg) and the method shown (heat) side by side, named
keys x
wait_for "zoom 1x | hbseg | heat" >/dev/null && ok explore_methods_side_by_side \
    || fail explore_methods_side_by_side "$(grep -o 'zoom.*' "$T/cap" | head -1)"
keys x
# M twice more: the --method, then the first again
keys M
wait_for "pred: extra (file) \[4/4\]" >/dev/null && ok explore_methods_option \
    || fail explore_methods_option "$(grep -o 'pred: .*' "$T/cap" | head -1)"
keys M
wait_for "pred: $(basename "$PRED") (file) \[1/4\]" >/dev/null
check_list explore_methods_back_to_first "$EVD/iou_results_per_cxr.csv"
keys q
i=0; while [ $i -lt 50 ] && ! [ -s "$T/methods.rc" ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$T/methods.rc" 2>/dev/null)" = 0 ] && ! [ -s "$T/methods.err" ]; then ok explore_methods_clean_exit
else fail explore_methods_clean_exit "exit $(cat "$T/methods.rc" 2>/dev/null): $(head -1 "$T/methods.err")"; fi
tm kill-server >/dev/null 2>&1
# The dataset's discovery leaves DIR/methods/ to the methods: its heatmaps
# and JSONs are not the dataset's (info lists neither).
"$BIN" info "$M" >"$T/info" 2>&1
if grep -q "gradcam_maps_val" "$T/info" && ! grep -q -e "heat " -e "hb_segmentations" "$T/info"; then
	ok explore_methods_not_discovered
else
	fail explore_methods_not_discovered "$(grep -e heat -e hb_ "$T/info" | tr '\n' ' ')"
fi
# Bad --method (in a terminal): a name twice exits 2, a file that does not
# read exits 1, with one line.
printf '{"x": ' >"$T/broken.json"
SOCK="$T/tmux-methods2.sock"
tm -f /dev/null new-session -d -s x -x 120 -y 10 "'$BIN' explore '$M' --method hbseg='$T/extra.json'  2>'$T/o2'; echo \$? >'$T/o2.rc'; '$BIN' explore '$M' --method b='$T/broken.json'  2>'$T/o1'; echo \$? >'$T/o1.rc'; sleep 5"
i=0; while [ $i -lt 50 ] && ! [ -s "$T/o1.rc" ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cat "$T/o2.rc" 2>/dev/null)" = 2 ] && grep -q "given twice" "$T/o2" && ok explore_methods_name_twice \
    || fail explore_methods_name_twice "exit $(cat "$T/o2.rc" 2>/dev/null): $(head -1 "$T/o2")"
[ "$(cat "$T/o1.rc" 2>/dev/null)" = 1 ] && [ "$(wc -l <"$T/o1")" -eq 1 ] && grep -q "^chexplore: .*broken.json:" "$T/o1" \
    && ok explore_methods_bad_file || fail explore_methods_bad_file "exit $(cat "$T/o1.rc" 2>/dev/null): $(head -2 "$T/o1" | tr '\n' ' ')"
tm kill-server >/dev/null 2>&1
exit 0
