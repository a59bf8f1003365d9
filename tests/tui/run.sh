#!/bin/sh
# tests/tui/run.sh BIN: the explorer driven in tmux (send-keys / capture-pane)
# on a demo dataset, and `show`'s sixel decoded back to pixels.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
BIN=${1:-./chexplore}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/chexplore-tui.XXXXXX")
SOCK="$T/tmux1.sock"
trap 'for s in "$T"/tmux*.sock; do tmux -S "$s" kill-server >/dev/null 2>&1; done; rm -rf "$T"' EXIT INT TERM

ok() { echo "ok   $1"; }
fail() { echo "FAIL $1: $2"; }
skip() { echo "skip $1: $2"; }

if ! "$BIN" demo "$T/d" --count 12 -q >"$T/demo.log" 2>&1; then
	fail demo "chexplore demo failed: $(head -1 "$T/demo.log")"
	exit 0
fi
D="$T/d"
GT="$D/gt_segmentations_val.json"
PRED=$(ls "$D"/*segmentations*.json | grep -v -e gt_ -e hb_ | head -1)

# ---- show / export ----
ID=$(sed -n 's/.*"\(patient[0-9]*_study[0-9]*_view[0-9]*_[a-z]*\)".*/\1/p' "$GT" | head -1)
[ -n "$ID" ] || ID=$(ls "$D/valid" | head -1)_study1_view1_frontal
# A pathology positive in that CXR: the first with a non-empty mask, by eval.
"$BIN" eval --metric iou --gt "$GT" --pred "$PRED" -o "$T/ev" -q >/dev/null 2>&1
P=$(awk -F, -v id="$ID" 'NR==1{for(i=1;i<=NF;i++)h[i]=$i} $NF==id{for(i=1;i<NF;i++)if($i!=""){print h[i];exit}}' "$T/ev/iou_results_per_cxr.csv")
[ -n "$P" ] || P=Cardiomegaly
if "$BIN" show "$ID" --dir "$D" --pathology "$P" --overlay gt --graphics sixel --width 400 >"$T/s.six" 2>"$T/s.err"; then
	if head -c 2 "$T/s.six" | od -c | grep -q 'P'; then ok show_sixel; else fail show_sixel "no DCS at the start"; fi
else
	fail show_sixel "exit $?: $(head -1 "$T/s.err")"
fi
size=$(wc -c <"$T/s.six")
[ "$size" -le 1048576 ] && ok show_sixel_size || fail show_sixel_size "$size bytes"
if command -v cc >/dev/null && pkg-config --exists libsixel 2>/dev/null && [ -f "$ROOT/build/libchexplore.a" ]; then
	if cc -std=c11 -D_POSIX_C_SOURCE=200809L -I"$ROOT/core" $(pkg-config --cflags libsixel) \
	    -o "$T/sixel_check" "$HERE/sixel_check.c" "$ROOT/build/libchexplore.a" \
	    $(pkg-config --libs libsixel libpng libturbojpeg libcjson) -lm -pthread 2>"$T/cc.err"; then
		r=$("$T/sixel_check" "$T/s.six" "$GT" "$ID" "$P")
		case $r in ok*) ok "show_overlay_where_mask" ;; *) fail show_overlay_where_mask "$r" ;; esac
	else
		skip show_overlay_where_mask "checker does not build: $(head -1 "$T/cc.err")"
	fi
else
	skip show_overlay_where_mask "needs cc, libsixel and build/libchexplore.a"
fi
# All pathologies with the heatmap overlay: every GT-positive pathology's map
# drawn in its palette colour (the default palette of the man page) where it
# dominates, the film untouched where those maps are low; decoded with libsixel
# against the heatmap files, on the demo CXR with the most positive pathologies.
pal_of() {
	case $1 in
	"Enlarged Cardiomediastinum") echo '#e69f00' ;; Cardiomegaly) echo '#56b4e9' ;;
	"Lung Lesion") echo '#009e73' ;; "Airspace Opacity") echo '#f0e442' ;;
	Edema) echo '#0072b2' ;; Consolidation) echo '#d55e00' ;; Atelectasis) echo '#cc79a7' ;;
	Pneumothorax) echo '#ffffff' ;; "Pleural Effusion") echo '#aa4499' ;; *) echo '#88ccee' ;;
	esac
}
HID=; best=0
for d in "$D"/valid/*; do
	id=$(basename "$d")_study1_view1_frontal
	"$BIN" show "$id" --dir "$D" --graphics none >"$T/pos.txt" 2>/dev/null || continue
	n=$(grep -c 'GT  *[0-9.]*[1-9][0-9.]*%' "$T/pos.txt")
	if [ "$n" -gt "$best" ]; then best=$n; HID=$id; cp "$T/pos.txt" "$T/hpos.txt"; fi
done
if [ "$best" -lt 2 ]; then
	skip show_all_heatmaps "no demo CXR with two positive pathologies"
elif [ -x "$T/sixel_check" ] && cc -std=c11 -D_POSIX_C_SOURCE=200809L -I"$ROOT/core" \
    $(pkg-config --cflags libsixel) -o "$T/heat_check" "$HERE/heat_check.c" \
    "$ROOT/build/libchexplore.a" $(pkg-config --libs libsixel libpng libturbojpeg libcjson) \
    -lm -pthread 2>"$T/cc3.err"; then
	"$BIN" show "$HID" --dir "$D" --overlay heatmap --graphics sixel --width 400 >"$T/h.six" 2>"$T/h.err"
	"$BIN" show "$HID" --dir "$D" --overlay none --graphics sixel --width 400 >"$T/hb.six" 2>>"$T/h.err"
	set --
	while IFS= read -r line; do
		case $line in *"GT   0.00%"*) continue ;; esac
		name=$(echo "$line" | sed 's/^ *//; s/ *GT .*//')
		set -- "$@" "$name=$(pal_of "$name")"
	done <<EOF2
$(grep 'GT ' "$T/hpos.txt")
EOF2
	r=$("$T/heat_check" "$T/h.six" "$T/hb.six" "$D/gradcam_maps_val" "$HID" "$@" | tail -1)
	case $r in ok*) ok show_all_heatmaps ;; *) fail show_all_heatmaps "$HID: $r" ;; esac
	# export draws the same picture: the heatmaps change pixels of the PNG.
	"$BIN" export "$HID" --dir "$D" --overlay heatmap --png "$T/h1.png" --width 200 2>/dev/null
	"$BIN" export "$HID" --dir "$D" --overlay none --png "$T/h0.png" --width 200 2>/dev/null
	if [ -s "$T/h1.png" ] && [ -s "$T/h0.png" ] && ! cmp -s "$T/h1.png" "$T/h0.png"; then
		ok export_all_heatmaps
	else
		fail export_all_heatmaps "the PNG with heatmaps equals the one without"
	fi
else
	skip show_all_heatmaps "checker does not build: $(head -1 "$T/cc3.err" 2>/dev/null)"
fi
# Terminal query replies (DA1 "4", XTSMGRAPHICS, cell size, DECRQM).
if command -v cc >/dev/null && [ -f "$ROOT/build/libchexplore.a" ] \
    && cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$ROOT/tui" -I"$ROOT/core" \
    -o "$T/term_check" "$HERE/term_check.c" "$ROOT/tui/term.c" "$ROOT/build/libchexplore.a" \
    -lm -pthread 2>"$T/cc2.err"; then
	"$T/term_check"
else
	skip term_replies "checker does not build"
fi
"$BIN" show "$ID" --dir "$D" --graphics none >"$T/s.txt" 2>&1
grep -q "$P" "$T/s.txt" && ok show_text || fail show_text "no $P line"
"$BIN" show "$ID" --dir "$D" --graphics blocks --width 40 >"$T/s.blk" 2>&1
grep -q '▀' "$T/s.blk" && ok show_blocks || fail show_blocks "no half blocks"
"$BIN" show nosuchid --dir "$D" --graphics none >/dev/null 2>"$T/e.err"
rc=$?
[ $rc -eq 1 ] && grep -q "nosuchid" "$T/e.err" && ok show_bad_id || fail show_bad_id "exit $rc"
"$BIN" show "$ID" --dir "$D" --overlay bogus >/dev/null 2>&1
[ $? -eq 2 ] && ok show_bad_overlay || fail show_bad_overlay "want exit 2"
if "$BIN" export "$ID" --dir "$D" --png "$T/e.png" --overlay gt,pred,error --width 300 2>"$T/x.err" \
    && head -c 8 "$T/e.png" | od -c | grep -q 'P   N   G'; then
	ok export_png
else
	fail export_png "$(head -1 "$T/x.err")"
fi

# The plot's one-pass counts equal segment's at each threshold alone.
if command -v cc >/dev/null && [ -f "$ROOT/build/libchexplore.a" ] \
    && cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$ROOT/tui" -I"$ROOT/core" \
    -o "$T/thr_check" "$HERE/thr_check.c" "$ROOT/tui/model.c" "$ROOT/build/libchexplore.a" \
    $(pkg-config --libs libpng libturbojpeg libcjson) -lm -pthread 2>"$T/cc4.err"; then
	r=$("$T/thr_check" "$D" | tail -1)
	case $r in ok*) ok explore_plot_counts_equal_segment ;; *) fail explore_plot_counts_equal_segment "$r" ;; esac
else
	skip explore_plot_counts_equal_segment "checker does not build: $(head -1 "$T/cc4.err")"
fi

# The man page's key list is the key table's (keep them in sync).
if [ -f "$ROOT/man/chexplore.1" ]; then
	"$BIN" explore --keys-mdoc >"$T/keys.mdoc"
	if awk 'NR==FNR{want[++n]=$0; next} {have=have $0 "\n"} END{s=""; for(i=1;i<=n;i++) s=s want[i] "\n"; exit index(have, s) ? 0 : 1}' "$T/keys.mdoc" "$ROOT/man/chexplore.1"; then
		ok man_keys_in_sync
	else
		fail man_keys_in_sync "regenerate with chexplore explore --keys-mdoc"
	fi
fi

# ---- the explorer in tmux ----
if ! command -v tmux >/dev/null; then
	skip explorer "tmux is not installed"
	exit 0
fi
tm() { tmux -S "$SOCK" "$@"; }
cap() { tm capture-pane -p -t x; }
# Wait until the pane shows a pattern (up to ~5 s).
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		cap >"$T/cap" 2>/dev/null
		grep -q -- "$1" "$T/cap" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
keys() { tm send-keys -t x "$@"; sleep 0.3; }

export XDG_STATE_HOME="$T/state" NO_COLOR=
tm -f /dev/null new-session -d -s x -x 160 -y 45 \
    "env TERM=xterm-256color '$BIN' '$D' --graphics none 2>'$T/explore.err'; echo \$? >'$T/explore.rc'; sleep 30" || { fail explorer "tmux did not start"; exit 0; }
N=$(ls "$D/valid" | wc -l)
if wait_for "$N/$N CXRs"; then ok explore_start; else fail explore_start "no title: $(head -1 "$T/cap")"; fi
FIRST=$(tail -n +2 "$T/ev/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
# The list starts sorted by id; the info line names the selected CXR.
if wait_for " $FIRST |"; then ok explore_list; else fail explore_list "first CXR $FIRST not selected"; fi

# Table values equal eval's per-CXR IoU (3 decimals) for every pathology of the selected CXR.
awk -F, -v id="$FIRST" 'NR==1{for(i=1;i<=NF;i++)h[i]=$i} $NF==id{for(i=1;i<NF;i++)if($i!="")printf "%s|%.3f\n", h[i], $i}' \
    "$T/ev/iou_results_per_cxr.csv" >"$T/want"
bad=0
while IFS='|' read -r name v; do
	grep "$name" "$T/cap" | grep -q " $v " || { bad=1; echo "  $name: want $v" >&2; }
done <"$T/want"
[ -s "$T/want" ] || bad=2
case $bad in 0) ok explore_table_equals_eval ;; 1) fail explore_table_equals_eval "see above" ;;
	*) skip explore_table_equals_eval "first CXR has no IoU" ;; esac

# Sort by worst IoU: the first row holds the smallest per-CXR IoU of eval.
keys s
if wait_for "sort: worst IoU"; then
	MIN=$(tail -n +2 "$T/ev/iou_results_per_cxr.csv" | awk -F, '{for(i=1;i<NF;i++)if($i!=""&&(m==""||$i<m))m=$i} END{printf "%.3f", m}')
	row=$(sed -n 3p "$T/cap")
	case $row in *" $MIN "*) ok explore_sort_worst ;; *) fail explore_sort_worst "first row '$row', want $MIN" ;; esac
else
	fail explore_sort_worst "no sort label"
fi
# With a pathology filter, worst means that pathology's IoU: the first row
# holds eval's smallest Cardiomegaly IoU ("the ten worst Cardiomegaly").
keys p p p
if wait_for "Cardiomegaly positive"; then
	CMIN=$(tail -n +2 "$T/ev/iou_results_per_cxr.csv" | awk -F, '$3!=""&&(m==""||$3<m){m=$3} END{if(m!="")printf "%.3f", m}')
	row=$(sed -n 3p "$T/cap")
	if [ -z "$CMIN" ]; then skip explore_sort_worst_pathology "no Cardiomegaly IoU in the demo"
	else case $row in *" $CMIN "*) ok explore_sort_worst_pathology ;; *) fail explore_sort_worst_pathology "first row '$row', want $CMIN" ;; esac; fi
else
	fail explore_sort_worst_pathology "no pathology filter"
fi
keys c
keys s s s
wait_for "sort: id" >/dev/null || fail explore_sort_cycle "back to id"

# Filter by a substring of the second id.
SECOND=$(tail -n +2 "$T/ev/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | sed -n 2p)
PAT=$(echo "$SECOND" | sed 's/_.*//')
keys / ; tm send-keys -t x -l "$PAT"; sleep 0.2; keys Enter
if wait_for "1/$N CXRs" && wait_for " $SECOND |"; then ok explore_filter; else fail explore_filter "$(head -1 "$T/cap")"; fi
keys c
wait_for "$N/$N CXRs" >/dev/null && ok explore_filter_clear || fail explore_filter_clear "$(head -1 "$T/cap")"

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
	w=$(awk -F, -v id="$sel" '$NF==id{for(i=1;i<NF;i++)if($i!=""&&(m==""||$i<m))m=$i} END{print m}' "$T/ev/iou_results_per_cxr.csv")
	p1=$(grep -c MISS "$T/cap")
	if [ -n "$w" ] && awk -v w="$w" 'BEGIN{exit !(w<0.2)}' || [ "$p1" -gt 0 ]; then ok explore_next_failing; else fail explore_next_failing "$sel (worst $w) is not failing"; fi
else
	fail explore_next_failing "no selection"
fi
keys '['
ok explore_prev_failing

# Help from the key table.
keys '?'
if wait_for "Study list" && grep -q "sort: id, worst IoU" "$T/cap"; then ok explore_help; else fail explore_help "no help"; fi
keys Escape

# Statistics: the worker fills mIoU with CIs equal to eval's summary.
keys S
if wait_for "mIoU \[CI\]" && wait_for "\]  "; then
	sleep 1; cap >"$T/cap"
	bad=0
	tail -n +2 "$T/ev/iou_summary_results.csv" | while IFS=, read -r name lo mean hi; do
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

# Review mark saved under XDG_STATE_HOME and exported as CSV.
keys m
i=0
while [ $i -lt 50 ] && ! [ -f "$T/state/chexplore/marks.tsv" ]; do sleep 0.1; i=$((i + 1)); done
if [ -f "$T/state/chexplore/marks.tsv" ] && grep -q "	1	" "$T/state/chexplore/marks.tsv"; then ok explore_mark_saved; else fail explore_mark_saved "no marks.tsv"; fi

# Resize: the title, the table header and the status line survive.
tm resize-window -t x -x 90 -y 28 2>/dev/null || tm resize-pane -t x -x 90 -y 28
i=0
while [ $i -lt 50 ]; do
	cap >"$T/cap"
	[ "$(wc -L <"$T/cap")" -le 90 ] && head -1 "$T/cap" | grep -q chexplore \
	    && tail -1 "$T/cap" | grep -q -e help -e mark && break
	sleep 0.1
	i=$((i + 1))
done
if head -1 "$T/cap" | grep -q chexplore && tail -1 "$T/cap" | grep -q -e help -e mark && grep -q pathology "$T/cap"; then
	ok explore_resize
else
	fail explore_resize "$(tail -1 "$T/cap")"
fi
keys q
sleep 0.3
if cap | grep -q "chexplore  "; then fail explore_quit "still running"; else ok explore_quit; fi
# Nothing on stderr (sanitizer reports included), exit status 0.
i=0
while [ $i -lt 50 ] && ! [ -s "$T/explore.rc" ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$T/explore.rc" 2>/dev/null)" = 0 ] && ! [ -s "$T/explore.err" ]; then
	ok explore_clean_exit
else
	fail explore_clean_exit "exit $(cat "$T/explore.rc" 2>/dev/null): $(head -1 "$T/explore.err" 2>/dev/null)"
fi
tm kill-server >/dev/null 2>&1
SOCK="$T/tmux2.sock"

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
	# eval's table: pathology, n, mIoU, CI.
	EV=$(grep "^$LP  " "$T/ev9.out" | awk -v n="$LP" '{sub("^" n " *", ""); print $1 " " $2}')
	EN=${EV%% *}; EM=${EV#* }
	# The plot's own value once the plot is there.
	wait_for "mIoU 0.05 .* 0.95  (" >/dev/null
	if [ -n "$LT" ] && wait_for "at $LT: mIoU [0-9.]* (n [0-9]*)"; then
		got=$(grep -o "at $LT: mIoU [0-9.]* (n [0-9]*)" "$T/cap" | head -1)
		if [ "$got" = "at $LT: mIoU $EM (n $EN)" ]; then ok explore_plot_equals_eval
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
	}' "$T/ev/iou_results_per_cxr.csv" "$T/ev9/iou_results_per_cxr.csv" | sort >"$T/worst.want"
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
	want0=$(awk -F, -v n="$LP" '$1==n{lo=($2==""?"-":sprintf("%.3f",$2)); hi=($4==""?"-":sprintf("%.3f",$4)); printf "%.3f [%s, %s]", $3, lo, hi}' "$T/ev/iou_summary_results.csv")
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

# A broken data file: its error (file:line:col) shows in the status line and
# the rest stays browsable.
mkdir "$T/b"
cp -r "$D/valid" "$D/valid.csv" "$GT" "$T/b/"
printf '{"%s": {"Edema": {"size": [4, 4], "counts": "x' "$ID" >"$T/b/gradcam_segmentations_val.json"
tm -f /dev/null new-session -d -s x -x 160 -y 45 "'$BIN' '$T/b' --graphics none; sleep 30"
if wait_for "gradcam_segmentations_val.json:" && grep -q "$N/$N CXRs" "$T/cap"; then
	ok explore_bad_file_status
else
	fail explore_bad_file_status "$(tail -1 "$T/cap")"
fi
keys q
tm kill-server >/dev/null 2>&1
SOCK="$T/tmux3.sock"

# A theme with a bad line: a file:line: warning, the rest applies.
printf 'title = white,blue,bold\nnosuchrole = red,default,\n' >"$T/bad.theme"
tm -f /dev/null new-session -d -s x -x 160 -y 45 "'$BIN' '$D' --graphics none --theme '$T/bad.theme'; sleep 30"
if wait_for "bad.theme:2: unknown role"; then ok explore_theme_warning; else fail explore_theme_warning "$(tail -1 "$T/cap")"; fi
keys q
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
	keys / ; tm send-keys -t x -l "$SID"; sleep 0.2; keys Enter
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
# Auto graphics inside tmux without sixel: the status line says why the
# picture fell back to half blocks and what would give sixel.
SOCK="$T/tmux5.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env TERM=xterm-256color '$BIN' '$D'; sleep 30"
if wait_for "CXRs.*first screen"; then
	if grep -q "sixel, [0-9]* colours" "$T/cap"; then
		skip explore_fallback_reason "this tmux does sixel"
	elif tail -1 "$T/cap" | grep -q "half blocks: .*\(--graphics sixel\|allow-passthrough on\)"; then
		ok explore_fallback_reason
	else
		fail explore_fallback_reason "$(tail -1 "$T/cap")"
	fi
else
	fail explore_fallback_reason "no first-screen status: $(tail -1 "$T/cap")"
fi
keys q
tm kill-server >/dev/null 2>&1
# A GT file whose id holds escape bytes, and no images: the file's error
# stays in the status line (not a per-CXR "no image"), escaped; the title
# escapes a folder name with escape bytes too.
EDIR="$T/$(printf 'e\033]0;pwn\007dir')"
mkdir -p "$EDIR"
cp "$PRED" "$EDIR/"
printf '{"patient9\\u001b]0;pwn\\u0007_study1_view1_frontal": {}}' >"$EDIR/gt_segmentations_val.json"
SOCK="$T/tmux6.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env TERM=xterm-256color '$BIN' '$EDIR' --graphics none; sleep 30"
if wait_for 'gt_segmentations_val.json:patient9\\x1b\]0;pwn\\x07'; then
	ok explore_escaped_file_error
else
	fail explore_escaped_file_error "$(tail -1 "$T/cap")"
fi
tm capture-pane -p -e -t x >"$T/capE"
if grep -q "$(printf '\007')" "$T/capE" || ! head -1 "$T/cap" | grep -q 'e\\x1b\]0;pwn\\x07dir'; then
	fail explore_escaped_title "$(head -1 "$T/cap")"
else
	ok explore_escaped_title
fi
keys q
tm kill-server >/dev/null 2>&1
# NO_COLOR: no colour in the text, and the error map's legend names the
# hatching patterns that replace the colours.
SOCK="$T/tmux7.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env NO_COLOR=1 TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
wait_for "CXRs" >/dev/null
keys 3
if wait_for "TP diagonal/FP rows/FN columns"; then ok explore_nocolor_legend; else fail explore_nocolor_legend "$(grep zoom "$T/cap")"; fi
tm capture-pane -p -e -t x >"$T/capE"
if grep -q "$(printf '\033')\[[0-9;]*\(3[0-7]\|38;5;[0-9]*\|4[0-7]\)m" "$T/capE"; then
	fail explore_nocolor_text "colour escapes: $(grep -o "$(printf '\033')\[[0-9;]*m" "$T/capE" | sort -u | cat -v | tr '\n' ' ')"
else
	ok explore_nocolor_text
fi
# The pixel probe works without graphics too: it starts in the middle of the
# image and the arrows move it.
cap >"$T/cap"
WH=$(grep -o '[0-9]* x [0-9]* pixels' "$T/cap" | head -1)
keys i
P1=$(cap | grep -o 'probe x=[0-9]* y=[0-9]*')
keys Down
P2=$(cap | grep -o 'probe x=[0-9]* y=[0-9]*')
keys i
if [ -n "$P1" ] && echo "$WH $P1 $P2" | awk '{w=$1; h=$3; split($6,x,"="); split($7,y,"="); split($10,y2,"=");
    exit !(x[2] > w*0.4 && x[2] < w*0.6 && y[2] > h*0.4 && y[2] < h*0.6 && y2[2] > y[2])}'; then
	ok explore_probe_text_mode
else
	fail explore_probe_text_mode "image $WH: '$P1' then '$P2'"
fi
# Mouse (SGR reports): a click on the fourth row selects that CXR.
cap >"$T/cap"
FOURTH=$(sed -n 6p "$T/cap" | awk '{print $1}' | tr / _)
tm send-keys -t x -l "$(printf '\033[<0;10;6M')"; tm send-keys -t x -l "$(printf '\033[<0;10;6m')"
if wait_for " $FOURTH |"; then ok explore_mouse_click; else fail explore_mouse_click "want $FOURTH: $(grep zoom "$T/cap")"; fi
keys q
tm kill-server >/dev/null 2>&1
# The legend keeps the theme's background (high-contrast: black, not the
# terminal's default).
SOCK="$T/tmux8.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env TERM=xterm-256color '$BIN' '$D' --graphics none --theme high-contrast; sleep 30"
wait_for "CXRs" >/dev/null
keys 3
tm capture-pane -p -e -t x >"$T/capE"
seq=$(grep -a 'error(' "$T/capE" | grep -o "error($(printf '\033')\[[0-9;]*m\($(printf '\033')\[[0-9;]*m\)*TP" | head -1)
case $seq in
"") fail explore_legend_theme_bg "no coloured TP" ;;
*'[49m'*|*';49m'*|*'[7m'*|*';7m'*) fail explore_legend_theme_bg "$(printf '%s' "$seq" | cat -v)" ;;
*) ok explore_legend_theme_bg ;;
esac
keys q
tm kill-server >/dev/null 2>&1
# The light theme: the legend's overlay colours (GT, TP, FP, FN, point), as
# text on the light background, keep a 4.5:1 contrast (yellow is darkened).
SOCK="$T/tmux9.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env TERM=xterm-256color '$BIN' '$D' --graphics none --theme light; sleep 30"
wait_for "CXRs" >/dev/null
keys j a 3 5
tm capture-pane -p -e -t x >"$T/capE"
grep -a 'zoom' "$T/capE" | grep -ao '38;5;[0-9]*m\(GT\|TP\|FP\|FN\|point\)' | sort -u >"$T/legcols"
r=$(awk -F'[;m]' '
function lin(c) { c = c / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ^ 2.4 }
{
	i = $3 + 0; split("0 95 135 175 215 255", lv, " ")
	if (i >= 232) { r = g = b = 8 + 10 * (i - 232) } else if (i >= 16) { i -= 16; r = lv[int(i / 36) + 1]; g = lv[int(i / 6) % 6 + 1]; b = lv[i % 6 + 1] } else next
	L = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b); cr = 1.05 / (L + 0.05); n++
	if (cr < 4.5) bad = bad sprintf(" %s %.2f:1", $4, cr)
}
END { if (n < 4) print "only " n " coloured legend entries"; else if (bad != "") print "low contrast on white:" bad; else print "ok" }' "$T/legcols")
case $r in ok) ok explore_light_legend_contrast ;; *) fail explore_light_legend_contrast "$r" ;; esac
keys q
tm kill-server >/dev/null 2>&1
# --graphics auto inside tmux, in a pretend terminal (fake_term.py answers DA1
# with or without 4, XTSMGRAPHICS, the cell size): with allow-passthrough on
# and a sixel outer terminal the picture arrives at the outer terminal as
# sixel (tmux unwraps the passthrough) and decodes with the GT where it should
# be; passthrough off or an outer terminal without sixel give half blocks;
# nothing waits for answers that never come.
if command -v python3 >/dev/null; then
	FT="python3 $HERE/fake_term.py --timeout 40"
	# Extract the first sixel DCS of a terminal log.
	dcs() { python3 -c 'import re, sys
m = re.search(rb"\x1bP[0-9;]*q.*?\x1b\\", open(sys.argv[1], "rb").read(), re.S)
sys.stdout.buffer.write(m.group(0) if m else b"")' "$1"; }
	ftcase() {	# name, fake_term flags, allow-passthrough, want (sixel|blocks)
		printf 'set -g allow-passthrough %s\n' "$3" >"$T/ft.conf"
		rm -f "$T/ft.rc" "$T/ft.log"
		LC_ALL=C.UTF-8 $FT $2 "$T/ft.log" tmux -S "$T/ft-$1.sock" -f "$T/ft.conf" new-session \
		    "'$BIN' show '$ID' --dir '$D' --overlay gt --pathology '$P' --width 200 2>'$T/ft.err'; echo \$? >'$T/ft.rc'; sleep 1" \
		    >/dev/null 2>&1
		ftrc=$?
		tmux -S "$T/ft-$1.sock" kill-server >/dev/null 2>&1
		if [ $ftrc -eq 124 ]; then fail "$1" "still running after 40 s"; return; fi
		if [ "$(cat "$T/ft.rc" 2>/dev/null)" != 0 ]; then fail "$1" "show: exit $(cat "$T/ft.rc" 2>/dev/null) $(head -1 "$T/ft.err")"; return; fi
		dcs "$T/ft.log" >"$T/ft.six"
		case $4 in
		sixel)
			if ! [ -s "$T/ft.six" ]; then fail "$1" "no sixel reached the outer terminal"
			elif [ -x "$T/sixel_check" ]; then
				r=$("$T/sixel_check" "$T/ft.six" "$GT" "$ID" "$P")
				case $r in ok*) ok "$1" ;; *) fail "$1" "$r" ;; esac
			else ok "$1"; fi ;;
		blocks)
			if [ -s "$T/ft.six" ]; then fail "$1" "sixel written"
			elif grep -q '▀' "$T/ft.log"; then ok "$1"
			else fail "$1" "no half blocks"; fi ;;
		esac
	}
	ftcase tmux_auto_passthrough_sixel "" on sixel
	ftcase tmux_auto_passthrough_off "" off blocks
	ftcase tmux_auto_outer_no_sixel --no-sixel on blocks
	# The explorer says how it draws: sixel via passthrough.
	SOCK="$T/ft-x.sock"
	printf 'set -g allow-passthrough on\n' >"$T/ft.conf"
	LC_ALL=C.UTF-8 $FT "$T/ftx.log" tmux -S "$SOCK" -f "$T/ft.conf" new-session -s x \
	    "'$BIN' '$D'; sleep 30" >/dev/null 2>&1 &
	ftpid=$!
	if wait_for "via tmux passthrough"; then
		# And a picture reached the outer terminal as sixel.
		i=0
		while [ $i -lt 50 ] && ! grep -q "$(printf '\033P')[0-9;]*q" "$T/ftx.log"; do sleep 0.1; i=$((i + 1)); done
		if grep -q "$(printf '\033P')[0-9;]*q" "$T/ftx.log"; then ok explore_tmux_passthrough; else fail explore_tmux_passthrough "no sixel in the outer terminal"; fi
	else
		fail explore_tmux_passthrough "$(tail -1 "$T/cap")"
	fi
	keys q
	tm kill-server >/dev/null 2>&1
	wait $ftpid 2>/dev/null
else
	skip tmux_auto_passthrough_sixel "needs python3 for the pretend terminal"
fi
# A user theme in 256-colour indices on an 8-colour terminal (TERM=xterm):
# each colour becomes the nearest basic one (196 -> bold red, 21 -> blue),
# not the terminal's default.
SOCK="$T/tmux-t8.sock"
printf 'title = 196,21,\n' >"$T/t256.theme"
tm -f /dev/null new-session -d -s x -x 150 -y 30 \
    "env TERM=xterm '$BIN' explore '$D' --theme '$T/t256.theme' --graphics none; sleep 30"
if wait_for "CXRs.*first screen"; then
	tm capture-pane -e -p -t x | head -1 >"$T/t8"
	if grep -q "$(printf '\033')\[31m" "$T/t8" && grep -q "$(printf '\033')\[44m" "$T/t8"; then
		ok explore_theme_256_on_8_colours
	else
		fail explore_theme_256_on_8_colours "title line: $(cat -v "$T/t8" | head -c 120)"
	fi
else
	fail explore_theme_256_on_8_colours "no first screen: $(tail -1 "$T/cap")"
fi
tm kill-server >/dev/null 2>&1
exit 0
