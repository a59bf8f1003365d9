#!/bin/sh
# A read-only output folder (issue 15): every command that writes files,
# given an output folder on a read-only mount, fails with one line naming the
# file it could not create and the cause, exits 1, writes nothing and leaves
# the old set of outputs there as it was. We run as root in CI, where a
# chmod'ed folder stays writable: a read-only bind mount of a folder that
# holds the old set stands in (skipped where mounting is not permitted).
# Usage: tests/suite_rofs.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
g=$tmp/g
if ! "$bin" demo "$g" --count 4 -q >/dev/null 2>&1; then
	fail rofs/setup "chexplore demo failed"; exit 0
fi
GT=$g/gt_segmentations_val.json PRED=$g/gradcam_segmentations_val.json
ANN=$g/gt_annotations_val.json MAPS=$g/gradcam_maps_val
P=$(sed 's/^{"\([^"]*\)".*/\1/' "$GT")
# the inputs of the commands that read another's outputs
"$bin" features --gt-ann "$ANN" --gt-seg "$GT" -o "$tmp/feat" -q >/dev/null 2>&1
"$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$tmp/ev" -q >/dev/null 2>&1
"$bin" eval --metric hitmiss --gt "$GT" --pred "$g/hb_salient_pt_val.json" -o "$tmp/ev" -q >/dev/null 2>&1
IOU=$tmp/ev/iou_results_per_cxr.csv HM=$tmp/ev/hitmiss_results_per_cxr.csv
BOOT=$tmp/ev/iou_bootstrap_results_per_cxr.csv
if ! [ -f "$IOU" ] || ! [ -f "$HM" ] || ! [ -d "$tmp/feat" ]; then
	fail rofs/setup "eval or features failed"; exit 0
fi

# $src holds the old set; $m is its read-only view, the commands' output
src=$tmp/src m=$tmp/m
mkdir -p "$src" "$m"
if [ -n "${ROFS_NO_MOUNT:-}" ] || [ "$(id -u)" -ne 0 ] ||
    ! mount --bind "$src" "$m" 2>/dev/null; then
	skip rofs "mount --bind not permitted here (needs root)"; exit 0
fi
at_exit="umount '$m' 2>/dev/null;"
if ! mount -o remount,ro,bind "$m" 2>/dev/null || touch "$m/probe" 2>/dev/null; then
	rm -f "$src/probe"
	skip rofs "a read-only remount is not permitted here"; exit 0
fi

# snap: every file under $src with its contents, for "the old set as it was"
snap() { (cd "$src" && find . -print | LC_ALL=C sort | while read -r f; do
	echo "$f"; [ -f "$f" ] && cat "$f"; done); }
# ro NAME "OLD FILES" CMD...: the old files hold "old NAME" in $src; CMD,
# writing into $m, must fail with one line "chexplore: $m/...: ...: Read-only
# file system", exit 1, and leave $src as it was
ro() {
	n=$1 files=$2; shift 2
	rm -rf "$src"/* "$src"/.[!.]* 2>/dev/null
	for f in $files; do echo "old $n" >"$src/$f"; done
	snap >"$tmp/before"
	"$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	snap >"$tmp/after"
	if [ $rc -ne 1 ]; then fail "rofs/$n" "exit $rc, want 1: $(head -c 200 "$tmp/err")"
	elif [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
	    ! grep -q "^chexplore: $m/[^:]*: [^:]*: Read-only file system\$" "$tmp/err"; then
		fail "rofs/$n" "want one line naming a file in $m and the cause: $(head -3 "$tmp/err" | tr '\n' '|')"
	elif ! cmp -s "$tmp/before" "$tmp/after"; then
		fail "rofs/$n" "the old set changed: $(diff "$tmp/before" "$tmp/after" | head -3 | tr '\n' '|')"
	else ok "rofs/$n"; fi
}

E="iou_results_per_cxr.csv iou_bootstrap_results_per_cxr.csv iou_summary_results.csv"
ro eval "$E" "$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$m" -q
ro eval-subfolder "" "$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$m/new/deeper" -q
H="hitmiss_results_per_cxr.csv hitmiss_bootstrap_results_per_cxr.csv hitmiss_summary_results.csv"
ro eval-hitmiss "$H" "$bin" eval --metric hitmiss --gt "$GT" --pred "$g/hb_salient_pt_val.json" -o "$m" -q
ro eval-hitmiss-maps "$H" "$bin" eval --metric hitmiss --gt "$GT" --pred "$MAPS" -o "$m" -q
ro segment-maps "s.json" "$bin" segment --maps "$MAPS" --out "$m/s.json" -q
ro segment-ann "s.json" "$bin" segment --annotations "$ANN" --out "$m/s.json" -q
ro segment-subfolder "" "$bin" segment --maps "$MAPS" --out "$m/new/s.json" -q
ro tune "tuning_results.csv" "$bin" tune thresholds --maps "$MAPS" --gt "$GT" -o "$m" -q
ro tune-prob "probability_tuning_results.csv" \
    "$bin" tune prob-cutoffs --maps "$MAPS" --gt "$GT" -o "$m" -q
ro tune-shard "tuning_results.part-1-of-2.csv" \
    "$bin" tune thresholds --maps "$MAPS" --gt "$GT" -o "$m" --shard 1/2 -q
ro features "num_instances.csv area_ratio.csv elongation.csv rec_area_ratio.csv" \
    "$bin" features --gt-ann "$ANN" --gt-seg "$GT" -o "$m" -q
ro prs "pred_precision_recall_specificity.csv hb_precision_recall_specificity.csv" \
    "$bin" prs --gt "$GT" --pred "$PRED" --hb "$PRED" -o "$m" -q
ro regress "regression_features_pred_iou.csv regression_features_pred_hitmiss.csv" \
    "$bin" regress --features-dir "$tmp/feat" --pred-iou "$IOU" --pred-hitmiss "$HM" -o "$m" -q
ro pctdec "miou_pct_decrease.csv" "$bin" pctdec --metric miou --hb "$BOOT" --pred "$BOOT" -o "$m"
ro count "n_segs.csv" "$bin" count "$GT" -o "$m"
ro compare "compare_iou.csv compare_hitrate.csv" "$bin" compare --gt "$GT" \
    --method A="$PRED" --method B="$g/hb_segmentations_val.json" --save-dir "$m" -q
ro compare-plot "p.svg" "$bin" compare --gt "$GT" --method A="$PRED" \
    --method B="$g/hb_segmentations_val.json" --plot "$m/p.svg" -q
ro export "x.png" "$bin" export "$P" --dir "$g" --png "$m/x.png"
ro merge "m.json" "$bin" merge --out "$m/m.json" "$PRED" -q
ro demo "" "$bin" demo "$m/d" --count 2 -q
exit 0
