#!/bin/sh
# --pathologies LIST (issue 12, point 3): only those pathologies are read,
# evaluated and written, with the values of a run on all 10 (checked against
# the reference's goldens of synth-small); without it a pathology the
# prediction never holds is "not evaluated", never 0.000.
# Usage: tests/suite_pathologies.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
prefix=pathologies/
ss=${CX_SHARED:-$top/../shared}/reference/synth-small
g=$ss/golden
if ! [ -d "$g" ]; then
	echo "skip pathologies: $g not found (the shared reference folder sits beside the checkout)"
	exit 0
fi
cd "$tmp" || exit 1
P='Edema,cardiomegaly'

# eval: two columns, two summary rows, the golden values
if run pathologies/eval 0 "$bin" eval --metric iou --gt "$g/gt_segmentations.json" \
    --pred "$g/saliency_segmentations_otsu.json" --pathologies "$P" -o ev -q; then
	t eval-columns '[ "$(head -1 ev/iou_results_per_cxr.csv)" = "Cardiomegaly,Edema,img_id" ] &&
		[ "$(head -1 ev/iou_bootstrap_results_per_cxr.csv)" = "Cardiomegaly,Edema" ]'
	t eval-summary-golden '[ "$(tail -n +2 ev/iou_summary_results.csv)" = "$(grep -e ^Cardiomegaly, -e ^Edema, "$g/eval_iou_otsu_tp/iou_summary_results.csv")" ]'
fi
# tune: the Edema row only, the golden's
if run pathologies/tune 0 "$bin" tune thresholds --maps "$ss/inputs/gradcam_maps_val" \
    --gt "$g/gt_segmentations.json" --pathologies Edema --save-dir tu -q; then
	t tune-row '[ "$(tail -n +2 tu/tuning_results.csv)" = "$(grep ,Edema$ "$g/tune_heatmap/tuning_results.csv")" ]'
fi
# segment: only Edema masks, each the golden's
if run pathologies/segment 0 "$bin" segment --maps "$ss/inputs/gradcam_maps_val" \
    --pathologies Edema --out seg.json -q; then
	t segment-masks '/usr/bin/python3 -c "
import json, sys
a, b = json.load(open(\"seg.json\")), json.load(open(sys.argv[1]))
assert all(list(v) == [\"Edema\"] for v in a.values()), \"other pathologies written\"
assert all(a[k][\"Edema\"] == b[k][\"Edema\"] for k in a), \"a mask differs\"
assert set(a) == {k for k in b if \"Edema\" in b[k]}" "$g/saliency_segmentations_otsu.json"'
	# validate: the same pathology in every CXR is whole (a note), a
	# pathology --pathologies asks for and the file lacks is a problem
	if run pathologies/validate-subset 0 "$bin" validate seg.json; then
		t validate-subset-note 'grep -q "every CXR holds the same 1 of the 10" "$tmp/err"'
	fi
	run pathologies/validate-asked 1 "$bin" validate seg.json --pathologies Edema,Atelectasis &&
		t validate-asked 'grep -q "missing 1 of the pathologies --pathologies names (Atelectasis)" "$tmp/out"'
	# full-mode eval of it: the nine others are not evaluated ("-"), never 0.000
	if run pathologies/eval-absent 0 "$bin" eval --metric iou --gt "$g/gt_segmentations.json" \
	    --pred seg.json --true-pos-only no -o ea; then
		t eval-absent-dash 'grep -q "^Cardiomegaly  *0  *-  \[-, -\]" "$tmp/out" && ! grep -q " 0\.000  \[0\.000, 0\.000\]" "$tmp/out"'
		t eval-absent-note 'grep -q "no mask of .*Cardiomegaly.* in any CXR: not evaluated" "$tmp/err"'
	fi
fi
# stats: the two rows and their Average
if run pathologies/stats 0 "$bin" stats --gt "$g/gt_segmentations.json" \
    --pred "$g/saliency_segmentations_otsu.json" --pathologies "$P" -f csv -q; then
	t stats-rows '[ "$(cut -d, -f1 "$tmp/out" | tr "\n" " ")" = "pathology Cardiomegaly Edema Average " ]'
fi
# a name that is not one of the 10: bad usage (exit 2), one line, nothing written
if run pathologies/bad-name 2 "$bin" eval --metric iou --gt "$g/gt_segmentations.json" \
    --pred "$g/saliency_segmentations_otsu.json" --pathologies Edemax -o none; then
	t bad-name '[ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "Edemax. is not one of the 10" "$tmp/err" && ! [ -e none ]'
fi
exit 0
