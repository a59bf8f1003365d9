#!/bin/sh
# A command's outputs are a set (issue 15): when its last output cannot be
# written (the name is a folder), the old set stays whole (the outputs
# renamed before are not replaced) and no temp file is left; one error line,
# exit 1. SIGINT/SIGTERM in the middle of a run: exit 130/143 and no temp
# file (the deterministic check, a signal while the temp files are open, is
# tests/unit/test_outfile.c).
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
# and the whole new set when nothing is in the way
o=$tmp/o; rm -rf "$o"
if run outset/eval-ok 0 "$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$o" -q; then
	t outset/eval-ok "[ \$(ls -A '$o' | wc -l) -eq 3 ] && ! ls -A '$o' | grep -q tmp"
fi

# signals in the middle of a run: the shell's 128 + signo, no temp file
"$bin" demo "$tmp/big" --count 24 -q >/dev/null 2>&1
for s in INT:130 TERM:143; do
	for c in segment hitmiss; do
		o=$tmp/s; rm -rf "$o"; mkdir -p "$o"
		# a background job of a script has SIGINT ignored (and the
		# handler leaves an ignored signal alone): back to the default
		if [ $c = segment ]; then
			env --default-signal=INT "$bin" segment --maps "$tmp/big/gradcam_maps_val" --out "$o/s.json" -q -j 1 >/dev/null 2>&1 &
		else
			env --default-signal=INT "$bin" eval --metric hitmiss --gt "$tmp/big/gt_segmentations_val.json" \
			    --pred "$tmp/big/gradcam_maps_val" -o "$o" -q >/dev/null 2>&1 &
		fi
		pid=$!
		sleep 0.2
		kill -"${s%%:*}" $pid 2>/dev/null
		{ wait $pid; } 2>/dev/null; rc=$?
		left=$(ls -A "$o" | grep '\.tmp' | tr '\n' ' ')
		if [ -n "$left" ]; then fail "outset/sig$s/$c" "temp files left: $left"
		elif [ $rc -ne "${s#*:}" ] && [ $rc -ne 0 ]; then fail "outset/sig$s/$c" "exit $rc, want ${s#*:}"
		elif [ $rc -eq 0 ]; then skip "outset/sig$s/$c" "the run ended before the signal"
		else ok "outset/sig$s/$c"; fi
	done
done
exit 0
