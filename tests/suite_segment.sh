#!/bin/sh
# segment options beyond the reference's: --dims for heatmaps without
# cxr_dims, --k alone (no smoothing, as the reference) vs --smooth K.
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
maps=$top/tests/data/segment
. "$top/tests/lib.sh"
prefix=segment/

"$bin" segment --maps "$maps" --out "$tmp/a.json" 2>"$tmp/err"
t npy-needs-dims '[ $? -eq 1 ] && [ ! -e "$tmp/a.json" ] && grep -q -- "--dims" "$tmp/err" && [ $(wc -l <"$tmp/err") -eq 1 ]'
"$bin" segment --maps "$maps" --out "$tmp/a.json" --dims 50x40 2>/dev/null
t dims-size '[ $? -eq 0 ] && grep -q "\"size\": \[40, 50\]" "$tmp/a.json"'
"$bin" count "$tmp/a.json" --save-dir "$tmp/c" >/dev/null 2>&1
t dims-nonempty 'grep -q "^Edema,1$" "$tmp/c/n_segs.csv"'
"$bin" segment --maps "$maps" --out "$tmp/k.json" --dims 50x40 --k 3 2>"$tmp/err"
t k-alone-no-smoothing 'cmp -s "$tmp/a.json" "$tmp/k.json" && grep -q "no smoothing" "$tmp/err"'
"$bin" segment --maps "$maps" --out "$tmp/s.json" --dims 50x40 --smooth 3 2>/dev/null
t smooth-runs '[ $? -eq 0 ] && [ -s "$tmp/s.json" ]'
"$bin" segment --maps "$maps" --out "$tmp/b.json" --dims 50 2>/dev/null
t dims-usage '[ $? -eq 2 ] && [ ! -e "$tmp/b.json" ]'
"$bin" segment --maps "$maps" --out "$tmp/b.json" --if_smoothing True 2>/dev/null
t smoothing-needs-k '[ $? -eq 2 ]'

# Smoothing cases found by differential testing; reference.json was written by
# the reference heatmap_to_segmentation.py (--if_smoothing True --k 1).
for c in gray110 zero; do
	d=$top/tests/data/smooth/$c
	"$bin" segment --map_dir "$d/maps" --output_path "$tmp/$c.json" --if_smoothing True --k 1 -q 2>/dev/null
	t smooth-$c '[ -f "$tmp/$c.json" ] && python3 -c "import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))" "$tmp/$c.json" "$d/reference.json"'
done
exit 0
