#!/bin/sh
# Heatmaps spread over sub-folders, one per pathology (gradcam_maps_val/Edema/
# ...): the dataset discovery of `chexplore DIR`, `info` and `stats` reads
# them all as one heatmap folder, the files `segment --maps` reads there,
# and gives the same numbers as the flat layout. Two methods' folders side by
# side (the same pathologies) stay two.
# Usage: tests/suite_heatdirs.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
prefix=heatdirs/

if ! run heatdirs/demo 0 "$bin" demo "$tmp/flat" --count 6 -q; then exit 0; fi
cp -R "$tmp/flat" "$tmp/split"
m=$tmp/split/gradcam_maps_val
for p in "Enlarged Cardiomediastinum" Cardiomegaly "Lung Lesion" "Airspace Opacity" Edema \
    Consolidation Atelectasis Pneumothorax "Pleural Effusion" "Support Devices"; do
	mkdir "$m/$p" && mv "$m/"*"_${p}_map.pkl" "$m/$p/"
done
t layout "[ \$(ls '$m' | wc -l) -eq 10 ] && [ \$(find '$m' -name '*_map.pkl' | wc -l) -eq 60 ]"

"$bin" info "$tmp/split" >"$tmp/info" 2>&1
t info-one-folder "[ \$(grep -c '^  heatmaps ' '$tmp/info') -eq 1 ] && grep -q 'gradcam_maps_val  *60 heatmaps, 6 CXRs' '$tmp/info'"

"$bin" stats "$tmp/flat" -q --json >"$tmp/flat.json" 2>/dev/null
"$bin" stats "$tmp/split" -q --json >"$tmp/split.json" 2>/dev/null
t stats-same "[ -s '$tmp/flat.json' ] && cmp -s '$tmp/flat.json' '$tmp/split.json'"

# the heatmaps segment --maps reads in that folder: the same CXRs and masks
"$bin" segment --maps "$tmp/flat/gradcam_maps_val" --out "$tmp/flat.seg.json" -q 2>/dev/null
"$bin" segment --maps "$m" --out "$tmp/split.seg.json" -q 2>/dev/null
t segment-same "[ -s '$tmp/flat.seg.json' ] && cmp -s '$tmp/flat.seg.json' '$tmp/split.seg.json'"

# two methods side by side, each split by pathology: two heatmap folders
mkdir "$tmp/two" && cp -R "$tmp/split/gradcam_maps_val" "$tmp/two/a_maps" &&
	cp -R "$tmp/split/gradcam_maps_val" "$tmp/two/b_maps"
"$bin" info "$tmp/two" >"$tmp/info2" 2>&1
t two-methods "[ \$(grep -c '^  heatmaps .*60 heatmaps' '$tmp/info2') -eq 2 ]"
exit 0
