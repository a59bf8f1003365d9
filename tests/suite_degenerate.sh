#!/bin/sh
# Degenerate statistics inputs (issue 15) through pctdec, regress, eval,
# stats, prs and features: CSVs with a BOM, CRLF or lone-CR line ends (read as
# pandas reads them: the same output as the plain file), a repeated header,
# no row, a single row, every value NaN, constant and all-zero columns;
# segmentations with no CXR, one CXR, only empty masks. No sanitizer report
# (run it on build-san/chexplore; a build with SANITIZE=address,undefined,
# float-divide-by-zero also checks the divisions), the exit code each case
# wants, and a single "chexplore: FILE[:PLACE]: message" line on errors.
# Usage: tests/suite_degenerate.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
g=$tmp/g v=$tmp/v
mkdir -p "$v"
if ! "$bin" demo "$g" --count 3 -q >/dev/null 2>&1; then
	fail degenerate/setup "chexplore demo failed"; exit 0
fi
GT=$g/gt_segmentations_val.json
"$bin" features --gt-ann "$g/gt_annotations_val.json" --gt-seg "$GT" -o "$tmp/feat" -q >/dev/null 2>&1
"$bin" eval --metric iou --gt "$GT" --pred "$g/gradcam_segmentations_val.json" -o "$tmp/ev" -q >/dev/null 2>&1
"$bin" eval --metric hitmiss --gt "$GT" --pred "$g/hb_salient_pt_val.json" -o "$tmp/ev" -q >/dev/null 2>&1
BOOT=$tmp/ev/iou_bootstrap_results_per_cxr.csv IOU=$tmp/ev/iou_results_per_cxr.csv
HM=$tmp/ev/hitmiss_results_per_cxr.csv
for f in "$BOOT" "$IOU" "$HM" "$tmp/feat/area_ratio.csv"; do
	[ -f "$f" ] || { fail degenerate/setup "$f not written"; exit 0; }
done

# sanrun NAME WANT_RC CMD...: exit WANT_RC, no sanitizer report; on exit 1
# exactly one "chexplore: " line
sanrun() {
	n=$1 w=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if grep -q 'runtime error\|Sanitizer' "$tmp/err"; then
		fail "degenerate/$n" "sanitizer: $(grep -m1 'runtime error\|Sanitizer' "$tmp/err" | cut -c1-200)"
		return 1
	fi
	if [ "$rc" -ne "$w" ]; then fail "degenerate/$n" "exit $rc, want $w: $(head -c 200 "$tmp/err")"; return 1; fi
	if [ "$rc" -eq 1 ] && { [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q '^chexplore: [^ ]*: ' "$tmp/err"; }; then
		fail "degenerate/$n" "want one 'chexplore: FILE[:PLACE]: message' line: $(head -2 "$tmp/err" | tr '\n' '|')"
		return 1
	fi
	return 0
}

# variants KIND SRC: the degenerate forms of a CSV as $v/KIND.VARIANT.csv
# (ids, in a column whose values hold "patient", are kept)
variants() {
	k=$1 s=$2
	{ printf '\357\273\277'; cat "$s"; } >"$v/$k.bom.csv"
	{ printf '\357\273\277'; sed 's/$/\r/' "$s"; } >"$v/$k.bomcrlf.csv"
	sed 's/$/\r/' "$s" >"$v/$k.crlf.csv"
	tr '\n' '\r' <"$s" >"$v/$k.cr.csv"
	{ head -1 "$s"; cat "$s"; } >"$v/$k.rephdr.csv"
	head -1 "$s" >"$v/$k.empty.csv"
	head -2 "$s" >"$v/$k.single.csv"
	for c in nan:'' const:0.5 zero:0; do
		tail -n +2 "$s" | awk -F, -v OFS=, -v x="${c#*:}" \
		    '{ for (i = 1; i <= NF; i++) if ($i !~ /patient/) $i = x; print }' >"$tmp/body"
		{ head -1 "$s"; cat "$tmp/body"; } >"$v/$k.${c%%:*}.csv"
	done
}
variants boot "$BOOT"
variants cxr "$IOU"

# --- pctdec: the plain run, then each variant as --hb and as --pred
sanrun pctdec/plain 0 "$bin" pctdec --metric miou --hb "$BOOT" --pred "$BOOT" -o "$tmp/p0" &&
    ok degenerate/pctdec/plain
for x in bom bomcrlf crlf cr; do
	for side in hb pred; do
		rm -rf "$tmp/p1"
		if [ $side = hb ]; then a="$v/boot.$x.csv" b=$BOOT; else a=$BOOT b="$v/boot.$x.csv"; fi
		sanrun "pctdec/$x-$side" 0 "$bin" pctdec --metric miou --hb "$a" --pred "$b" -o "$tmp/p1" &&
		    t "degenerate/pctdec/$x-$side" "cmp -s '$tmp/p0/miou_pct_decrease.csv' '$tmp/p1/miou_pct_decrease.csv'"
	done
done
# hb all 0 or all NaN: (hb - pred) / hb is inf/NaN, as numpy's; constant: 0
for x in nan const zero; do
	rm -rf "$tmp/p1"
	sanrun "pctdec/$x" 0 "$bin" pctdec --metric miou --hb "$v/boot.$x.csv" --pred "$BOOT" -o "$tmp/p1" &&
	    t "degenerate/pctdec/$x" "[ -s '$tmp/p1/miou_pct_decrease.csv' ]"
done
rm -rf "$tmp/p1"
sanrun pctdec/const-const 0 "$bin" pctdec --metric miou --hb "$v/boot.const.csv" --pred "$v/boot.const.csv" -o "$tmp/p1" &&
    t degenerate/pctdec/const-const "grep -q '^Average,0.5,0.5,0.0,0.0,0.0' '$tmp/p1/miou_pct_decrease.csv'"
for x in rephdr empty single; do
	rm -rf "$tmp/p1"
	sanrun "pctdec/$x" 1 "$bin" pctdec --metric miou --hb "$v/boot.$x.csv" --pred "$BOOT" -o "$tmp/p1" &&
	    t "degenerate/pctdec/$x" "[ ! -e '$tmp/p1/miou_pct_decrease.csv' ]"
	rm -rf "$tmp/p1"
	sanrun "pctdec/$x-both" "$([ $x = single ] && echo 0 || echo 1)" \
	    "$bin" pctdec --metric miou --hb "$v/boot.$x.csv" --pred "$v/boot.$x.csv" -o "$tmp/p1" &&
	    ok "degenerate/pctdec/$x-both"
done

# --- regress: the per-CXR IoU CSV in each form
sanrun regress/plain 0 "$bin" regress --features-dir "$tmp/feat" --pred-iou "$IOU" --pred-hitmiss "$HM" -o "$tmp/r0" -q &&
    ok degenerate/regress/plain
for x in bom bomcrlf crlf cr; do
	rm -rf "$tmp/r1"
	sanrun "regress/$x" 0 "$bin" regress --features-dir "$tmp/feat" --pred-iou "$v/cxr.$x.csv" \
	    --pred-hitmiss "$HM" -o "$tmp/r1" -q &&
	    t "degenerate/regress/$x" "cmp -s '$tmp/r0/regression_features_pred_iou.csv' '$tmp/r1/regression_features_pred_iou.csv'"
done
for x in nan const zero single empty; do
	rm -rf "$tmp/r1"
	sanrun "regress/$x" 0 "$bin" regress --features-dir "$tmp/feat" --pred-iou "$v/cxr.$x.csv" \
	    --pred-hitmiss "$HM" -o "$tmp/r1" -q && ok "degenerate/regress/$x"
done
rm -rf "$tmp/r1"
sanrun regress/rephdr 1 "$bin" regress --features-dir "$tmp/feat" --pred-iou "$v/cxr.rephdr.csv" \
    --pred-hitmiss "$HM" -o "$tmp/r1" -q && t degenerate/regress/rephdr "[ ! -e '$tmp/r1' ] || [ -z \"\$(ls -A '$tmp/r1')\" ]"

# --- segmentations: none, one CXR, only empty masks
echo '{}' >"$v/none.json"
awk 'BEGIN { RS = "\0" } { printf "{"; s = "";
    while (match($0, /"patient[^"]*": *\{"img_size": *\[[0-9]+, *[0-9]+\]/)) {
	printf "%s%s}", s, substr($0, RSTART, RLENGTH); s = ", "; $0 = substr($0, RSTART + RLENGTH) }
    print "}" }' "$g/gt_annotations_val.json" >"$v/ann_empty.json"
sanrun setup/empty-masks 0 "$bin" segment --annotations "$v/ann_empty.json" --out "$v/empty_masks.json" -q &&
    t degenerate/setup/empty-masks "grep -q patient '$v/empty_masks.json'"
first=$(grep -o '"patient[^"]*"' "$v/empty_masks.json" | head -1)
for seg in none empty_masks; do
	for other in "$v/none.json" "$v/empty_masks.json" "$g/gradcam_segmentations_val.json"; do
		o=$(basename "$other" .json)
		sanrun "eval/$seg-$o" 0 "$bin" eval --metric iou --gt "$v/$seg.json" --pred "$other" -o "$tmp/e/$seg-$o" -q &&
		    ok "degenerate/eval/$seg-$o"
		sanrun "eval/$o-$seg" 0 "$bin" eval --metric iou --gt "$other" --pred "$v/$seg.json" -o "$tmp/e/$o-$seg" -q &&
		    ok "degenerate/eval/$o-$seg"
		sanrun "stats/$seg-$o" 0 "$bin" stats --gt "$v/$seg.json" --pred "$other" -q && ok "degenerate/stats/$seg-$o"
		sanrun "prs/$seg-$o" 0 "$bin" prs --gt "$v/$seg.json" --pred "$other" -o "$tmp/prs/$seg-$o" -q &&
		    ok "degenerate/prs/$seg-$o"
	done
	sanrun "eval/hitmiss-$seg" 0 "$bin" eval --metric hitmiss --gt "$v/$seg.json" --pred "$g/hb_salient_pt_val.json" \
	    -o "$tmp/e/hm-$seg" -q && ok "degenerate/eval/hitmiss-$seg"
	sanrun "stats/$seg" 0 "$bin" stats --gt "$v/$seg.json" -q && ok "degenerate/stats/$seg"
done
sanrun features/empty-masks 0 "$bin" features --gt-ann "$v/ann_empty.json" --gt-seg "$v/empty_masks.json" \
    -o "$tmp/feat0" -q && ok degenerate/features/empty-masks
sanrun regress/constant-features 0 "$bin" regress --features-dir "$tmp/feat0" --pred-iou "$IOU" \
    --pred-hitmiss "$HM" -o "$tmp/r2" -q && ok degenerate/regress/constant-features
[ -n "$first" ] || fail degenerate/setup "no id in $v/empty_masks.json"
exit 0
