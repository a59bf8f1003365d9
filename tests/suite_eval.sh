#!/bin/sh
# eval, pctdec, prs on bad input: one "chexplore: file:where: message" line,
# exit 1, and no output file left behind. Usage: tests/suite_eval.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
bad=$top/tests/bad/eval
. "$top/tests/lib.sh"

# expect NAME PATTERN CMD...: exit 1, one stderr line matching PATTERN, empty out dir.
expect() {
	name=$1; pat=$2; shift 2
	rm -rf "$tmp/out"; mkdir -p "$tmp/out"
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"; rc=$?
	lines=$(wc -l <"$tmp/stderr")
	left=$(ls -A "$tmp/out" | wc -l)
	if [ "$rc" -ne 1 ]; then echo "FAIL $name: exit $rc, want 1 ($(head -1 "$tmp/stderr"))"
	elif [ "$lines" -ne 1 ]; then echo "FAIL $name: $lines stderr lines, want 1"
	elif ! grep -q -- "$pat" "$tmp/stderr"; then echo "FAIL $name: stderr '$(cat "$tmp/stderr")' lacks '$pat'"
	elif [ "$left" -ne 0 ]; then echo "FAIL $name: $left files left in the output folder"
	else echo "ok   $name"; fi
}

expect eval/size-mismatch "^chexplore: $bad/pred_size.json:A/Edema/size: " \
	"$bin" eval --metric iou --gt "$bad/gt.json" --pred "$bad/pred_size.json" --save-dir "$tmp/out" -q
expect eval/bad-counts "^chexplore: $bad/pred_counts.json:B/Edema/counts" \
	"$bin" eval --metric iou --gt "$bad/gt.json" --pred "$bad/pred_counts.json" --save-dir "$tmp/out" -q
expect eval/missing-gt "^chexplore: $bad/nonexistent.json" \
	"$bin" eval --metric iou --gt "$bad/nonexistent.json" --pred "$bad/gt.json" --save-dir "$tmp/out" -q
expect eval/points-shape "^chexplore: $bad/points_bad.json:A/Edema/1: " \
	"$bin" eval --metric hitmiss --gt "$bad/gt.json" --pred "$bad/points_bad.json" --save-dir "$tmp/out" -q
expect eval/points-syntax "^chexplore: $bad/points_syntax.json:[0-9]*:[0-9]*: " \
	"$bin" eval --metric hitmiss --gt "$bad/gt.json" --pred "$bad/points_syntax.json" --save-dir "$tmp/out" -q
expect pctdec/fields "^chexplore: $bad/boot_fields.csv:3: " \
	"$bin" pctdec --metric miou --hb "$bad/boot_ok.csv" --pred "$bad/boot_fields.csv" --save-dir "$tmp/out"
expect pctdec/number "^chexplore: $bad/boot_number.csv:3: column \"Lung Lesion\"" \
	"$bin" pctdec --metric miou --hb "$bad/boot_number.csv" --pred "$bad/boot_ok.csv" --save-dir "$tmp/out"
expect prs/size-mismatch "^chexplore: $bad/pred_size.json:A/Edema/size: " \
	"$bin" prs --gt "$bad/gt.json" --pred "$bad/pred_size.json" --save-dir "$tmp/out" -q
expect prs/no-partial "^chexplore: $bad/pred_size.json:A/Edema/size: " \
	"$bin" prs --gt "$bad/gt.json" --pred "$bad/gt.json" --hb "$bad/pred_size.json" --save-dir "$tmp/out" -q

# Usage errors exit 2.
"$bin" eval --metric nope --gt a --pred b >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok   eval/usage" || echo "FAIL eval/usage: want exit 2"

# A good run writes the three files and the table.
rm -rf "$tmp/out"
if "$bin" eval --metric iou --gt "$bad/gt.json" --pred "$bad/gt.json" --save-dir "$tmp/out" >"$tmp/stdout" 2>&1 &&
   [ -f "$tmp/out/iou_results_per_cxr.csv" ] && [ -f "$tmp/out/iou_bootstrap_results_per_cxr.csv" ] &&
   grep -q '^Edema,1.0,1.0,1.0$' "$tmp/out/iou_summary_results.csv" && grep -q '^Edema ' "$tmp/stdout"; then
	echo "ok   eval/self-iou"
else
	echo "FAIL eval/self-iou: $(head -3 "$tmp/stdout")"
fi
# merge: shards of segment joined again equal one whole run; a pathology in two
# parts is an error and writes nothing.
shared=${CX_SHARED:-$top/../shared}
maps=$shared/reference/synth-small/inputs/gradcam_maps_val
if [ -d "$maps" ]; then
	ok=1
	for k in 1 2 3; do
		"$bin" segment --maps "$maps" --shard $k/3 --out "$tmp/part$k.json" -q 2>/dev/null || ok=0
	done
	"$bin" segment --maps "$maps" --out "$tmp/whole.json" -q 2>/dev/null || ok=0
	if [ $ok = 1 ] && "$bin" merge --out "$tmp/merged.json" -q "$tmp"/part*.json &&
	   cmp -s "$tmp/merged.json" "$tmp/whole.json"; then
		echo "ok   merge/shards"
	else
		echo "FAIL merge/shards: merged parts differ from one run"
	fi
	expect merge/conflict "^chexplore: $tmp/part1.json:patient[^:]*/[A-Za-z ]*: also in" \
		"$bin" merge --out "$tmp/out/m.json" -q "$tmp/part1.json" "$tmp/part1.json"
	# eval --shard parts joined by merge give eval's own three files.
	ok=1
	for k in 1 2 3; do
		"$bin" eval --metric hitmiss --gt "$shared/reference/synth-small/golden/gt_segmentations.json" \
			--pred "$maps" --shard $k/3 --save-dir "$tmp/ev" -q || ok=0
	done
	"$bin" eval --metric hitmiss --gt "$shared/reference/synth-small/golden/gt_segmentations.json" \
		--pred "$maps" --save-dir "$tmp/ev/whole" -q || ok=0
	"$bin" merge --save-dir "$tmp/ev/merged" -q "$tmp"/ev/*.part-*.csv || ok=0
	for f in hitmiss_results_per_cxr.csv hitmiss_bootstrap_results_per_cxr.csv hitmiss_summary_results.csv; do
		cmp -s "$tmp/ev/whole/$f" "$tmp/ev/merged/$f" || ok=0
	done
	[ $ok = 1 ] && echo "ok   merge/eval-shards" || echo "FAIL merge/eval-shards: merged parts differ from one run"
	expect merge/eval-conflict "part-1-of-3.csv:[0-9]*: .* is also given by another part" \
		"$bin" merge --save-dir "$tmp/out" -q "$tmp/ev/hitmiss_results_per_cxr.part-1-of-3.csv" \
		"$tmp/ev/hitmiss_results_per_cxr.part-1-of-3.csv"
else
	echo "skip merge/shards: $maps not found"
fi
# stats: the composition and the metrics of the synthetic set.
gold=$shared/reference/synth-small/golden
if [ -f "$gold/gt_segmentations.json" ]; then
	out=$("$bin" stats --gt "$gold/gt_segmentations.json" --pred "$gold/saliency_segmentations_otsu.json" \
		--format csv 2>&1)
	# Cardiomegaly: 4 masks; precision as the golden prs CSV (0.15933441988267621).
	if echo "$out" | grep -q '^Cardiomegaly,4,.*,0.15933441988267621,'; then
		echo "ok   stats/csv"
	else
		echo "FAIL stats/csv: $(echo "$out" | grep Cardiomegaly)"
	fi
	# Heatmaps and no predicted masks: the heatmaps segmented as segment
	# does — the same table as with the reference's own segmentations.
	in=$shared/reference/synth-small/inputs
	"$bin" stats --gt "$gold/gt_segmentations.json" --maps "$in/gradcam_maps_val" -f csv -q >"$tmp/s1" 2>&1
	"$bin" stats --gt "$gold/gt_segmentations.json" --maps "$in/gradcam_maps_val" \
		--pred "$gold/saliency_segmentations_otsu.json" -f csv -q >"$tmp/s2" 2>&1
	if grep -q '^pathology,.*,miou,' "$tmp/s1" && cmp -s "$tmp/s1" "$tmp/s2"; then echo "ok   stats/maps-otsu"
	else echo "FAIL stats/maps-otsu: $(diff "$tmp/s1" "$tmp/s2" | head -3 | tr '\n' '|')"; fi
	"$bin" stats --gt "$gold/gt_segmentations.json" --maps "$in/gradcam_maps_val" -f csv -q \
		--thresholds "$in/tuning_results.csv" --prob-cutoffs "$in/probability_tuning_results.csv" >"$tmp/s1" 2>&1
	"$bin" stats --gt "$gold/gt_segmentations.json" --maps "$in/gradcam_maps_val" \
		--pred "$gold/saliency_segmentations_thr_prob.json" -f csv -q >"$tmp/s2" 2>&1
	if grep -q '^pathology,.*,miou,' "$tmp/s1" && cmp -s "$tmp/s1" "$tmp/s2"; then echo "ok   stats/maps-thresholds"
	else echo "FAIL stats/maps-thresholds: $(diff "$tmp/s1" "$tmp/s2" | head -3 | tr '\n' '|')"; fi
	# A folder with polygons only: GT rasterized, the folder's tuned
	# thresholds and cutoffs applied, and said.
	"$bin" stats "$in" -f json -q >"$tmp/s1" 2>&1
	"$bin" stats --gt "$gold/gt_segmentations.json" --pred "$gold/saliency_segmentations_thr_prob.json" \
		-f json -q >"$tmp/s2" 2>&1
	if python3 -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert "tuning_results.csv" in a["predictions"], a.get("predictions")
ma = {p["name"]: p.get("miou") for p in a["pathologies"]}
mb = {p["name"]: p.get("miou") for p in b["pathologies"]}
assert ma == mb, (ma, mb)' "$tmp/s1" "$tmp/s2" 2>"$tmp/err"; then echo "ok   stats/dir-annotations-derived"
	else echo "FAIL stats/dir-annotations-derived: $(tail -1 "$tmp/err")"; fi
	if "$bin" stats --gt "$gold/gt_segmentations.json" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["gt_cxrs"] == 10 and len(d["pathologies"]) == 11' 2>/dev/null; then
		echo "ok   stats/json"
	else
		echo "FAIL stats/json: not the expected JSON"
	fi
else
	echo "skip stats: $gold not found"
fi
expect stats/bad-gt "^chexplore: $bad/pred_counts.json:B/Edema/counts" \
	"$bin" stats --gt "$bad/pred_counts.json"
exit 0
