#!/bin/sh
# A probability equal to its cutoff in float32 but not in float64, in every
# form 'prob' takes (tests/data/probcut/make_fixtures.py: expected outputs
# written by the reference scripts): segment --prob-cutoffs follows
# `pred_prob < prob_cutoff` of heatmap_to_segmentation.py, tune prob-cutoffs
# `pred_prob > cutoff` of tune_probability_threshold.py.
# Usage: tests/suite_probcut.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
d=$top/tests/data/probcut
prefix=probcut/

# one line per CXR: "id": "Edema": "size": [6, 8], "counts": "..."
norm() { tr -d '{}' <"$1" | sed 's/, "\([a-z0-9]*_study\)/\n"\1/g' | sort; }

if run probcut/segment 0 "$bin" segment --maps "$d/segment/maps" \
    --prob-cutoffs "$d/segment/prob_cutoffs.csv" --out "$tmp/seg.json" -q; then
	norm "$tmp/seg.json" >"$tmp/got"
	norm "$d/segment/expected_segment.json" >"$tmp/want"
	for form in pyfloat np32 np64 np0d np1 t1 t14 t14f64; do
		t "segment-$form" "[ \"\$(grep '^\"${form}_' \"$tmp/got\")\" = \"\$(grep '^\"${form}_' \"$tmp/want\")\" ]"
	done
	t segment-all "cmp -s '$tmp/got' '$tmp/want'"
fi

# A 0-d tensor stops the reference (.size()[0]: IndexError, see
# expected_segment_t0d.txt); chexplore reads it as the one-element tensor.
if run probcut/segment-t0d 0 "$bin" segment --maps "$d/segment/t0d" \
    --prob-cutoffs "$d/segment/prob_cutoffs.csv" --out "$tmp/t0d.json" -q; then
	t segment-t0d "[ \"\$(norm '$tmp/t0d.json' | cut -d: -f2-)\" = \"\$(grep '^\"t1_' '$tmp/want' | cut -d: -f2-)\" ]"
fi

# tune: the Edema rows (gt = each CXR's Otsu mask, so the mIoU at 0.3 counts
# the forms kept: 5 of 8 where the reference compares in float64)
if run probcut/tune 0 "$bin" tune prob-cutoffs --maps "$d/tune/maps" --gt "$d/tune/gt.json" \
    --save-dir "$tmp/tune" -q; then
	t tune-edema "[ \"\$(grep Edema '$tmp/tune/probability_tuning_results.csv')\" = \"\$(grep Edema '$d/tune/expected_tune.csv')\" ]"
	t tune-all "cmp -s '$tmp/tune/probability_tuning_results.csv' '$d/tune/expected_tune.csv'"
fi
exit 0
