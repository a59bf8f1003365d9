#!/bin/sh
# Hostile input, round two (issue 15): a progressive JPEG of many scans
# refused before decoding (tests/tools/jpeg_scans.py makes it), every image
# read through the one file reader (a FIFO refused, not blocked on), ...
# Every run under `timeout 60`: 124 (a hang) is a failure.
# Usage: tests/suite_hostile2.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
T="timeout 60"
PY=/usr/bin/python3	# Debian's (Pillow for one case); the generators need only the standard library
[ -x "$PY" ] || PY=python3
g=$tmp/g
P=patient64541_study1_view1_frontal
if ! "$bin" demo "$g" --count 1 -q >/dev/null 2>&1; then
	echo "FAIL hostile2/setup: chexplore demo failed"; exit 0
fi
CXR=$g/valid/patient64541/study1/view1_frontal.jpg
mkdir -p "$tmp/o"

# --- progressive JPEG scans: 20 000 scans of one end-of-block run each at
# 8000x8000 (2 MB) kept inspect and export busy past 60 s; 600 scans of a
# 64x64 picture were decoded (exit 0)
"$PY" "$top/tests/tools/jpeg_scans.py" "$tmp/s600.jpg" 64 600
"$PY" "$top/tests/tools/jpeg_scans.py" "$tmp/s500.jpg" 64 500
"$PY" "$top/tests/tools/jpeg_scans.py" "$tmp/bomb.jpg" 8000 20000
badrun hostile2/jpeg-scans-601 "s600.jpg:data: JPEG has 600 scans, more than the limit of 500" \
    "$tmp/o" $T "$bin" inspect "$tmp/s600.jpg"
run hostile2/jpeg-scans-at-limit 0 $T "$bin" inspect "$tmp/s500.jpg" &&
    t hostile2/jpeg-scans-at-limit "grep -q '64 x 64' '$tmp/out'"
badrun hostile2/jpeg-scan-bomb-inspect "bomb.jpg:data: JPEG has 20000 scans, more than the limit of 500" \
    "$tmp/o" $T "$bin" inspect "$tmp/bomb.jpg"
cp "$CXR" "$tmp/cxr.jpg"
cp "$tmp/bomb.jpg" "$CXR"
badrun hostile2/jpeg-scan-bomb-export "view1_frontal.jpg:data: JPEG has 20000 scans" \
    "$tmp/o" $T "$bin" export "$P" --dir "$g" --png "$tmp/o/x.png"
cp "$tmp/cxr.jpg" "$CXR"
# a real progressive JPEG (Pillow's, 10 scans) still decodes, to the pixels of
# its baseline twin
if "$PY" -c "import PIL" 2>/dev/null; then
	"$PY" -c "
from PIL import Image
im = Image.open('$CXR').convert('L').resize((96, 80))
im.save('$tmp/prog.jpg', progressive=True, quality=90)
" && run hostile2/jpeg-progressive 0 $T "$bin" inspect "$tmp/prog.jpg" &&
	t hostile2/jpeg-progressive "grep -q '96 x 80' '$tmp/out'"
else
	skip hostile2/jpeg-progressive "no Pillow for /usr/bin/python3"
fi

# --- FIFOs given as images: open() blocked forever (core/image.c read with
# its own fopen); now the one file reader refuses them
mkfifo "$tmp/fifo.png" "$tmp/fifo.jpg"
badrun hostile2/fifo-image-inspect "fifo.png: not a regular file" "$tmp/o" $T "$bin" inspect "$tmp/fifo.png"

# --- protocol 0 (text) pickles: "unsupported opcode 0x56" said nothing useful
"$PY" -c "
import pickle
open('$tmp/p0_Edema_map.pkl', 'wb').write(pickle.dumps({'task': 'Edema', 'prob': 0.5, 'gt': 0}, protocol=0))
open('$tmp/p0s_Edema_map.pkl', 'wb').write(b\"(dp0\nS'task'\np1\nS'Edema'\np2\ns.\")
"
badrun hostile2/pickle-protocol0 "p0_Edema_map.pkl:byte 5: a protocol 0 (text) pickle: its UNICODE opcode is not supported; save it with protocol 2 or later" \
    "$tmp/o" $T "$bin" inspect "$tmp/p0_Edema_map.pkl"
badrun hostile2/pickle-protocol0-string "p0s_Edema_map.pkl:byte 5: a protocol 0 (text) pickle: its STRING opcode" \
    "$tmp/o" $T "$bin" inspect "$tmp/p0s_Edema_map.pkl"

# --- segment --maps groups by id with a sort now (tests/unit/test_segment_group.c
# holds its cost); a second map of one (id, pathology) in a subfolder is still
# named, the later one in path order
M=$tmp/maps
mkdir -p "$M/sub"
cp "$g"/gradcam_maps_val/*.pkl "$M/"
cp "$M/${P}_Edema_map.pkl" "$M/sub/"
cp "$M/${P}_Atelectasis_map.pkl" "$M/sub/"
badrun hostile2/segment-maps-duplicate "sub/${P}_Atelectasis_map.pkl: a second heatmap for Atelectasis of $P" \
    "$tmp/o" $T "$bin" segment --maps "$M" --out "$tmp/o/s.json" -q
rm -r "$M/sub"
run hostile2/segment-maps-grouped 0 $T "$bin" segment --maps "$M" --out "$tmp/seg.json" -q &&
    run hostile2/segment-maps-grouped 0 "$bin" segment --maps "$g/gradcam_maps_val" --out "$tmp/seg0.json" -q &&
    t hostile2/segment-maps-grouped "cmp -s '$tmp/seg.json' '$tmp/seg0.json'"

# --- "img_size": [0, 0]: validate said ok and segment wrote empty masks; the
# format has no empty image. validate reads annotations with the readers'
# own walk (cx_annentry_parse), so their limits too.
A=patient1_study1_view1_frontal
printf '{"%s": {"img_size": [0, 0], "Edema": [[[1, 1], [2, 2], [1, 2]]]}}' "$A" >"$tmp/a00.json"
printf '{"%s": {"img_size": [8, 0], "Edema": []}}' "$A" >"$tmp/a80.json"
for f in a00 a80; do
	badrun hostile2/img-size-empty-segment-$f "$f.json:$A/img_size: an empty image \[[08], 0\]: want a height and width of at least 1" \
	    "$tmp/o" $T "$bin" segment --annotations "$tmp/$f.json" --out "$tmp/o/s.json" -q
	run hostile2/img-size-empty-validate-$f 1 $T "$bin" validate "$tmp/$f.json" &&
	    t hostile2/img-size-empty-validate-$f "grep -q '^.*$f.json:$A/img_size: an empty image' '$tmp/out'"
done
badrun hostile2/img-size-empty-features "a00.json:$A/img_size: an empty image" "$tmp/o" \
    $T "$bin" features --gt-ann "$tmp/a00.json" --gt-seg "$g/gt_segmentations_val.json" -o "$tmp/o" -q
cp "$g/hb_annotations_val.json" "$tmp/ann.json"
cp "$tmp/a00.json" "$g/hb_annotations_val.json"
run hostile2/img-size-empty-info 1 $T "$bin" info --dir "$g" &&
    t hostile2/img-size-empty-info "grep -q 'hb_annotations_val.json:$A/img_size: an empty image' '$tmp/out' '$tmp/err'"
cp "$tmp/ann.json" "$g/hb_annotations_val.json"
awk -v a="$A" 'BEGIN { printf "{\"%s\": {\"img_size\": [800, 800], \"Edema\": [[", a;
    for (i = 0; i < 10001; i++) printf "%s[%d, %d]", i ? ", " : "", i % 800, (i * 7) % 800; print "]]}}" }' >"$tmp/p10001.json"
run hostile2/validate-points-limit 1 $T "$bin" validate "$tmp/p10001.json" &&
    t hostile2/validate-points-limit "grep -q '$A/Edema/0: 10001 points, more than the limit of 10000 per polygon' '$tmp/out'"
printf '{"%s": {"img_size": [8, 8], "Edema": [[[1, 1]], [[1, 1], [2, 2], [1, 2]]]}}' "$A" >"$tmp/p1.json"
run hostile2/validate-one-point 1 $T "$bin" validate "$tmp/p1.json" &&
    t hostile2/validate-one-point "grep -q '$A/Edema/0: polygon of 1 point: the reference (Pillow) fails on fewer than 2' '$tmp/out' &&
	[ \$(grep -c 'polygon of' '$tmp/out') -eq 1 ]"

# --- a FIFO given as a tune part to merge: tune_is_part's fopen blocked forever
mkfifo "$tmp/part.csv"
badrun hostile2/fifo-merge-part "part.csv: not a regular file" "$tmp/o" $T "$bin" merge "$tmp/part.csv" -o "$tmp/o"
