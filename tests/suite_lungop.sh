#!/bin/sh
# Heatmaps named "Lung Opacity" (tests/data/lungop, expected outputs made by
# the reference scripts, see make_fixtures.py there): one rule everywhere,
# the reference's: skipped, with a note. a has both names (the Airspace
# Opacity map and a mirrored Lung Opacity one), b only Lung Opacity.
# Usage: tests/suite_lungop.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
d=$top/tests/data/lungop
prefix=lungop/
note='note: .*2 heatmap file(s) named "Lung Opacity" skipped'

norm() { tr -d '{}' <"$1" | sed 's/, "\([a-z0-9]*_study\)/\n"\1/g' | sort; }

if run lungop/segment 0 "$bin" segment --maps "$d/maps" --out "$tmp/otsu.json"; then
	t segment "[ \"\$(norm '$tmp/otsu.json')\" = \"\$(norm '$d/expected_otsu.json')\" ]"
	t segment-note "grep -q '$note' '$tmp/err'"
fi
for mode in thresholds:tuning_results prob-cutoffs:probability_tuning_results; do
	m=${mode%%:*} f=${mode#*:}.csv
	if run "lungop/tune-$m" 0 "$bin" tune "$m" --maps "$d/maps" --gt "$d/gt.json" \
	    --save-dir "$tmp/tune"; then
		t "tune-$m" "cmp -s '$tmp/tune/$f' '$d/expected_$f'"
		t "tune-$m-note" "grep -q '$note' '$tmp/err'"
	fi
done
# hitmiss: a hits with its Airspace Opacity map (the mirrored Lung Opacity
# one would miss), as in the reference's CSV; b has no Airspace Opacity
# heatmap, so no value (the reference's CSV labels its rows by position and
# gives b the value of c, see "Differences from the reference" of eval).
if run lungop/hitmiss 0 "$bin" eval --metric hitmiss --gt "$d/gt.json" --pred "$d/maps" \
    --save-dir "$tmp/hm"; then
	c=$tmp/hm/hitmiss_results_per_cxr.csv
	t hitmiss-a "grep -q '^1.0,.*,a_study1_view1_frontal\$' '$c' && grep -q '^1.0,,a_study' '$d/expected_hitmiss_results_per_cxr.csv'"
	t hitmiss-b "grep -q '^,.*,b_study1_view1_frontal\$' '$c'"
	t hitmiss-c "grep -q '^0.0,.*,c_study1_view1_frontal\$' '$c'"
	t hitmiss-note "grep -q '$note' '$tmp/err'"
fi
# the explorer's dataset discovery: the same files, the same note
if run lungop/info 0 "$bin" info "$d"; then
	t info-note "grep -q 'Lung Opacity' '$tmp/out' '$tmp/err'"
fi
exit 0
