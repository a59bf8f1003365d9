#!/bin/sh
# pandas writes a hit/miss column without NaN as integers ("1"), one with NaN
# as floats ("1.0", ""): found by differential testing against the reference.
bin=$1
. "$(dirname "$0")/lib.sh"
prefix=evalfmt/
mask() { printf '"%s": {"size": [4, 3], "counts": %s}' "$1" "$2"; }
entry() {	# id, Edema counts, Cardiomegaly counts
	printf '"%s": {' "$1"
	for p in "Enlarged Cardiomediastinum" "Lung Lesion" "Airspace Opacity" "Consolidation" \
	    "Atelectasis" "Pneumothorax" "Pleural Effusion" "Support Devices"; do
		mask "$p" "[12]"; printf ', '
	done
	mask Edema "$2"; printf ', '; mask Cardiomegaly "$3"; printf '}'
}
{ printf '{'; entry a_study1_view1_frontal "[5, 2, 5]" "[0, 12]"; printf ', '
  entry b_study1_view1_frontal "[1, 3, 8]" "[12]"; printf '}'; } >"$tmp/gt.json"
# a: Edema hit at column 1, row 2 (column-major pixel 6); b: Edema point outside
printf '{"a_study1_view1_frontal": {"Edema": [[1, 2]], "Cardiomegaly": [[0, 0]]}, "b_study1_view1_frontal": {"Edema": [[2, 3]]}}' >"$tmp/pts.json"
"$bin" eval --metric hitmiss --gt "$tmp/gt.json" --pred "$tmp/pts.json" --if_human_benchmark True \
    --save_dir "$tmp/out" -q >/dev/null 2>&1
f=$tmp/out/hitmiss_humanbenchmark_results_per_cxr.csv
t int-column-without-nan '[ "$(cut -d, -f5 "$f" 2>/dev/null | tail -n 2 | tr "\n" " ")" = "1 0 " ]'
t float-column-with-nan 'grep -qx ",,1.0,,1,,,,,,a_study1_view1_frontal" "$f" && grep -qx ",,,,0,,,,,,b_study1_view1_frontal" "$f"'
"$bin" eval --metric iou --gt "$tmp/gt.json" --pred "$tmp/gt.json" --save_dir "$tmp/iou" -q >/dev/null 2>&1
t iou-stays-float 'grep -q "^,,1.0,,1.0,,,,,,a_study1_view1_frontal$" "$tmp/iou/iou_results_per_cxr.csv"'
exit 0
