#!/bin/sh
# A command's outputs are a set (issue 15): when its last output cannot be
# written (the name is a folder), the old set stays whole (the outputs
# renamed before are not replaced) and no temp file is left; one error line,
# exit 1. SIGINT/SIGTERM in the middle of a run: exit 130/143, no temp file,
# the set whole (tests/unit/test_outfile.c has the same in one process).
# Usage: tests/suite_outset.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
g=$tmp/g
if ! "$bin" demo "$g" --count 4 -q >/dev/null 2>&1; then
	fail outset/setup "chexplore demo failed"; exit 0
fi
GT=$g/gt_segmentations_val.json PRED=$g/gradcam_segmentations_val.json
"$bin" features --gt-ann "$g/gt_annotations_val.json" --gt-seg "$GT" -o "$tmp/feat" -q >/dev/null 2>&1
"$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$tmp/ev" -q >/dev/null 2>&1
"$bin" eval --metric hitmiss --gt "$GT" --pred "$g/hb_salient_pt_val.json" -o "$tmp/ev" -q >/dev/null 2>&1

# blocked NAME "FILES" LAST CMD...: FILES (the set, LAST among them) hold
# "old" in $o, LAST is a folder; CMD must fail with one line naming LAST and
# leave every old file as it was and no temp file
blocked() {
	n=$1 files=$2 last=$3; shift 3
	o=$tmp/o; rm -rf "$o"; mkdir -p "$o"
	for f in $files; do [ "$f" = "$last" ] || echo old >"$o/$f"; done
	mkdir "$o/$last"
	"$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -ne 1 ]; then fail "outset/$n" "exit $rc, want 1: $(head -c 200 "$tmp/err")"; return; fi
	if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q "^chexplore: $o/$last: " "$tmp/err"; then
		fail "outset/$n" "want one line naming $last: $(head -2 "$tmp/err" | tr '\n' '|')"; return
	fi
	for f in $files; do
		[ "$f" = "$last" ] && continue
		if [ "$(cat "$o/$f")" != old ]; then fail "outset/$n" "$f replaced: half a set"; return; fi
	done
	if ls -A "$o" | grep -q '\.tmp'; then fail "outset/$n" "temp file left: $(ls -A "$o" | tr '\n' ' ')"; return; fi
	ok "outset/$n"
}
# fresh NAME "FILES" LAST CMD...: no old set: nothing of the new one stays
fresh() {
	n=$1 files=$2 last=$3; shift 3
	o=$tmp/o; rm -rf "$o"; mkdir -p "$o/$last"
	"$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	left=$(ls -A "$o" | grep -v "^$last\$" | tr '\n' ' ')
	if [ $rc -ne 1 ] || [ -n "$left" ]; then fail "outset/$n" "exit $rc, left: $left"
	else ok "outset/$n"; fi
}

E="iou_results_per_cxr.csv iou_bootstrap_results_per_cxr.csv iou_summary_results.csv"
blocked eval "$E" iou_summary_results.csv "$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$tmp/o" -q
fresh eval-fresh "$E" iou_summary_results.csv "$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$tmp/o" -q
H="hitmiss_results_per_cxr.csv hitmiss_bootstrap_results_per_cxr.csv hitmiss_summary_results.csv"
blocked eval-hitmiss "$H" hitmiss_summary_results.csv \
    "$bin" eval --metric hitmiss --gt "$GT" --pred "$g/hb_salient_pt_val.json" -o "$tmp/o" -q
F="num_instances.csv area_ratio.csv elongation.csv rec_area_ratio.csv"
blocked features "$F" rec_area_ratio.csv \
    "$bin" features --gt-ann "$g/gt_annotations_val.json" --gt-seg "$GT" -o "$tmp/o" -q
fresh features-fresh "$F" rec_area_ratio.csv \
    "$bin" features --gt-ann "$g/gt_annotations_val.json" --gt-seg "$GT" -o "$tmp/o" -q
P="pred_precision_recall_specificity.csv hb_precision_recall_specificity.csv"
blocked prs "$P" hb_precision_recall_specificity.csv \
    "$bin" prs --gt "$GT" --pred "$PRED" --hb "$PRED" -o "$tmp/o" -q
R="regression_features_pred_iou.csv regression_features_pred_hitmiss.csv"
blocked regress "$R" regression_features_pred_hitmiss.csv \
    "$bin" regress --features-dir "$tmp/feat" --pred-iou "$tmp/ev/iou_results_per_cxr.csv" \
    --pred-hitmiss "$tmp/ev/hitmiss_results_per_cxr.csv" -o "$tmp/o" -q
C="compare_iou.csv compare_hitrate.csv p.svg"
blocked compare "$C" p.svg "$bin" compare --gt "$GT" --method A="$PRED" \
    --method B="$g/hb_segmentations_val.json" --save-dir "$tmp/o" --plot "$tmp/o/p.svg" -q
# and the whole new set when nothing is in the way
o=$tmp/o; rm -rf "$o"
if run outset/eval-ok 0 "$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$o" -q; then
	t outset/eval-ok "[ \$(ls -A '$o' | wc -l) -eq 3 ] && ! ls -A '$o' | grep -q tmp"
fi

# signals in the middle of a run: the shell's 128 + signo, no temp file, and
# the set whole: the old one when the signal comes while the temp files are
# written, the new one when it comes half-way through renaming them (the
# signal waits for the set). tests/tools/hold.c stops the run at that point
# (LD_PRELOAD), so the signal lands there every time.
so=$tmp/hold.so
if ! ${CC:-cc} -shared -fPIC -o "$so" "$top/tests/tools/hold.c" -ldl 2>"$tmp/cc.err"; then
	skip outset/signals "no C compiler for tests/tools/hold.c: $(head -1 "$tmp/cc.err")"; exit 0
fi
# sig NAME HOLD WANT "FILES" CMD...: FILES hold "old" in $o; CMD, stopped at
# HOLD, gets SIGINT and SIGTERM (one run each); WANT old or new: the set after
sig() {
	n=$1 hold=$2 want=$3 files=$4; shift 4
	for s in INT:130 TERM:143; do
		o=$tmp/s h=$tmp/h; rm -rf "$o" "$h"; mkdir -p "$o" "$h"
		for f in $files; do echo old >"$o/$f"; done
		# a background job of a script has SIGINT ignored (and the
		# handler leaves an ignored signal alone): back to the default
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		    HOLD_AT=$hold HOLD_DIR=$h LD_PRELOAD=$so \
		    env --default-signal=INT "$@" >/dev/null 2>"$tmp/err" &
		pid=$!
		i=0; while [ ! -e "$h/held" ] && kill -0 $pid 2>/dev/null && [ $i -lt 3000 ]; do
			sleep 0.01; i=$((i + 1)); done
		kill -"${s%%:*}" $pid 2>/dev/null
		touch "$h/go"
		{ wait $pid; } 2>/dev/null; rc=$?
		m="outset/sig$s/$n"
		left=$(ls -A "$o" | grep '\.tmp' | tr '\n' ' ')
		nold=0; for f in $files; do [ "$(cat "$o/$f" 2>/dev/null)" = old ] && nold=$((nold + 1)); done
		nfile=$(echo $files | wc -w)
		if [ ! -e "$h/held" ]; then fail "$m" "the run never reached $hold (exit $rc)"
		elif [ -n "$left" ]; then fail "$m" "temp files left: $left"
		elif [ $rc -ne "${s#*:}" ]; then fail "$m" "exit $rc, want ${s#*:}: $(head -c 200 "$tmp/err")"
		elif [ $want = old ] && [ $nold -ne $nfile ]; then fail "$m" "$((nfile - nold)) of $nfile old files replaced"
		elif [ $want = new ] && [ $nold -ne 0 ]; then fail "$m" "$nold of $nfile files still old: half a set"
		elif [ $want = new ] && [ "$(ls -A "$o" | wc -l)" -ne $nfile ]; then fail "$m" "not the whole new set: $(ls -A "$o" | tr '\n' ' ')"
		else ok "$m"; fi
	done
}
M=$g/gradcam_maps_val
# a rename that fails half-way (the second name made a folder while the run
# is stopped before renaming onto it): what this run renamed is taken back
o=$tmp/s h=$tmp/h; rm -rf "$o" "$h"; mkdir -p "$o" "$h"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" HOLD_AT=rename:2 HOLD_DIR=$h \
    LD_PRELOAD=$so "$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$o" -q >/dev/null 2>"$tmp/err" &
pid=$!
i=0; while [ ! -e "$h/held" ] && kill -0 $pid 2>/dev/null && [ $i -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
mkdir "$o/iou_bootstrap_results_per_cxr.csv"
touch "$h/go"
wait $pid; rc=$?
left=$(ls -A "$o" | grep -v -x iou_bootstrap_results_per_cxr.csv | tr '\n' ' ')
if [ $rc -ne 1 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
    ! grep -q "^chexplore: $o/iou_bootstrap_results_per_cxr.csv: cannot write: " "$tmp/err"; then
	fail outset/rename-fails "exit $rc, want 1 and one line naming the folder: $(head -2 "$tmp/err" | tr '\n' '|')"
elif [ -n "$left" ]; then fail outset/rename-fails "left of the new set: $left"
else ok outset/rename-fails; fi
sig segment-maps mkstemp:1 old s.json "$bin" segment --maps "$M" --out "$tmp/s/s.json" -q
sig hitmiss-writing mkstemp:2 old "$H" "$bin" eval --metric hitmiss --gt "$GT" --pred "$M" -o "$tmp/s" -q
sig hitmiss-renaming rename:2 new "$H" "$bin" eval --metric hitmiss --gt "$GT" --pred "$M" -o "$tmp/s" -q
sig tune mkstemp:1 old tuning_results.csv "$bin" tune thresholds --maps "$M" --gt "$GT" -o "$tmp/s" -q
sig tune-prob mkstemp:1 old probability_tuning_results.csv \
    "$bin" tune prob-cutoffs --maps "$M" --gt "$GT" -o "$tmp/s" -q
exit 0
