#!/bin/sh
# Bad JSON input (tests/bad/json/): annotation files through `segment
# --annotations`, segmentation files through `count`, every file through
# `validate`. Each bad file must give exactly one "chexplore: FILE:PLACE: ..."
# line (no raw control byte), exit 1 and leave no output file behind.
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
bad=tests/bad/json
. "$top/tests/lib.sh"
ctl=$(printf '\001\007\033\177')

# one_error NAME EXPECTED-PLACE OUTPUT-PATH CMD...: rc 1, one stderr line that
# starts with "chexplore: FILE:PLACE", no control bytes, OUTPUT-PATH absent.
one_error() {
	name=$1 want=$2 out=$3; shift 3
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	lines=$(wc -l <"$tmp/stderr")
	first=$(head -1 "$tmp/stderr")
	if [ $rc -ne 1 ]; then echo "FAIL $name: exit $rc, want 1"; return; fi
	if [ "$lines" -ne 1 ]; then echo "FAIL $name: $lines stderr lines, want 1"; return; fi
	case "$first" in
	"chexplore: $want"*) ;;
	*) echo "FAIL $name: error line '$first' does not start with 'chexplore: $want'"; return ;;
	esac
	if grep -q "[$ctl]" "$tmp/stderr"; then echo "FAIL $name: raw control byte on stderr"; return; fi
	if [ -e "$out" ]; then echo "FAIL $name: output $out left behind"; return; fi
	if [ -n "$(ls -A "$(dirname "$out")" 2>/dev/null)" ]; then
		echo "FAIL $name: temp files left in $(dirname "$out")"; return
	fi
	echo "ok   $name"
}

while IFS='|' read -r file place; do
	[ -n "$file" ] || continue
	mkdir -p "$tmp/o"
	case "$file" in
	ann_*)
		one_error "json/segment/$file" "$bad/$file:$place" "$tmp/o/seg.json" \
		    "$bin" segment --annotations "$bad/$file" --out "$tmp/o/seg.json" -q ;;
	seg_*)
		one_error "json/count/$file" "$bad/$file:$place" "$tmp/o/c/n_segs.csv" \
		    "$bin" count --seg_path "$bad/$file" --save_dir "$tmp/o/c" ;;
	esac
	rm -rf "$tmp/o"
	# validate: exit 1, every problem line names the file and the place
	"$bin" validate "$bad/$file" >"$tmp/v" 2>&1
	rc=$?
	if [ $rc -ne 1 ]; then echo "FAIL json/validate/$file: exit $rc, want 1"
	elif ! grep -qF "$bad/$file:$place" "$tmp/v"; then
		echo "FAIL json/validate/$file: no line for $place: $(head -1 "$tmp/v")"
	elif grep -q "[$ctl]" "$tmp/v"; then echo "FAIL json/validate/$file: raw control byte"
	else echo "ok   json/validate/$file"; fi
done <<'LIST'
ann_truncated.json|1:
ann_wrong_type.json|p1_study1_view1_frontal/img_size: 
ann_unknown_pathology.json|p1_study1_view1_frontal/Flu: unknown pathology
ann_bad_point.json|p1_study1_view1_frontal/Edema/0/1: 
ann_huge_size.json|p1_study1_view1_frontal/img_size: 
ann_control_id.json|p1\x1b[31m_evil: image id holds 
seg_truncated.json|1:
seg_bad_sum.json|p1_study1_view1_frontal/Edema/counts: 
seg_bad_string.json|p1_study1_view1_frontal/Edema/counts: 
seg_size_mismatch.json|p1_study1_view1_frontal/Cardiomegaly
seg_wrong_type.json|p2\x07: 
pts_bad_point.json|p1_study1_view1_frontal/Edema/1: 
ann_bom.json|1:1: UTF-8 byte order mark
ann_raw_control_id.json|1:5: raw control byte 0x01 inside a JSON key
ann_nul_id.json|1:11: NUL byte inside a JSON key
ann_u0000_id.json|1:11: escaped NUL (U+0000) inside a JSON key
ann_u0000_size_key.json|1:39: escaped NUL (U+0000) inside a JSON key
ann_leading_zero.json|1:43: JSON number with a leading zero
ann_trailing_nul.json|2:1: NUL byte after the JSON value
seg_raw_tab_counts.json|1:68: raw control byte 0x09 inside a JSON string
LIST

# a missing input: one line, exit 1, nothing written
mkdir -p "$tmp/o"
one_error json/segment/missing-file "$tmp/nope.json:" "$tmp/o/seg.json" \
    "$bin" segment --annotations "$tmp/nope.json" --out "$tmp/o/seg.json" -q
rm -rf "$tmp/o"

# usage errors exit 2
"$bin" count >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok   json/count/usage" || echo "FAIL json/count/usage: want exit 2"
"$bin" count a.json b.json >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok   json/count/usage-two-files" || echo "FAIL json/count/usage-two-files: want exit 2"
"$bin" validate >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok   json/validate/usage" || echo "FAIL json/validate/usage: want exit 2"

# a small good annotation file: segment writes every pathology, validate agrees
printf '{"p1_study1_view1_frontal": {"img_size": [4, 5], "Lung Opacity": [[[0, 0], [3, 0], [3, 2]]]}}\n' >"$tmp/a.json"
if "$bin" segment --annotations "$tmp/a.json" --out "$tmp/s.json" -q 2>"$tmp/e" &&
    "$bin" validate "$tmp/a.json" "$tmp/s.json" >"$tmp/v" 2>&1; then
	n=$(grep -o '"size"' "$tmp/s.json" | wc -l)
	if [ "$n" -eq 10 ] && grep -q '"Airspace Opacity": {"size": \[4, 5\]' "$tmp/s.json"; then
		echo "ok   json/segment/good"
	else echo "FAIL json/segment/good: want 10 masks of [4, 5]: $(head -c 200 "$tmp/s.json")"; fi
else echo "FAIL json/segment/good: $(cat "$tmp/e" "$tmp/v" | head -2)"; fi

# --json: one object per file, parseable
if command -v python3 >/dev/null; then
	"$bin" validate --json "$tmp/a.json" "$bad/seg_bad_sum.json" >"$tmp/j" 2>/dev/null
	if python3 -c '
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
assert len(objs) == 2, objs
assert objs[0]["valid"] is True and objs[0]["kind"] == "annotation" and objs[0]["problems"] == []
assert objs[1]["valid"] is False and objs[1]["kind"] == "segmentation"
assert any(p["where"] == "p1_study1_view1_frontal/Edema/counts" for p in objs[1]["problems"])
' "$tmp/j" 2>"$tmp/e"; then echo "ok   json/validate/json-output"
	else echo "FAIL json/validate/json-output: $(tail -1 "$tmp/e")"; fi
else
	echo "skip json/validate/json-output: python3 not found"
fi

# the reference goldens are valid files
shared=${CX_SHARED:-$top/../shared}/reference/synth-small
if [ -d "$shared" ]; then
	if "$bin" validate --dir "$shared/inputs" "$shared/golden/gt_segmentations.json" \
	    "$shared/inputs/gt_annotations_val.json" "$shared/inputs/hb_salient_pt_val.json" >"$tmp/v" 2>&1; then
		echo "ok   json/validate/synth-small"
	else echo "FAIL json/validate/synth-small: $(head -1 "$tmp/v")"; fi
	# a wrong img_size is caught against the CXR image (sizes differ)
	sed 's/"img_size": \[[0-9]*, [0-9]*\]/"img_size": [10, 10]/' \
	    "$shared/inputs/gt_annotations_val.json" >"$tmp/wrong.json"
	"$bin" validate --dir "$shared/inputs" "$tmp/wrong.json" >"$tmp/v" 2>&1
	rc=$?
	if [ $rc -eq 1 ] && grep -q "img_size: size \[10, 10\] differs from the image's" "$tmp/v"; then
		echo "ok   json/validate/image-size"
	else echo "FAIL json/validate/image-size: exit $rc: $(head -1 "$tmp/v")"; fi
else
	echo "skip json/validate/synth-small: $shared not present"
fi
# a key given twice: Python's json keeps the last ("04": one set pixel), the
# old reader kept the first ("4": empty) and counted Edema 0
mkdir -p "$tmp/dup"
printf '{"p1_study1_view1_frontal": {"Edema": {"size": [2, 2], "counts": "4", "counts": "04"}}}\n' \
    >"$tmp/dup/seg.json"
"$bin" count --seg_path "$tmp/dup/seg.json" --save_dir "$tmp/dup/c" >/dev/null 2>&1
if grep -qx 'Edema,1' "$tmp/dup/c/n_segs.csv" 2>/dev/null; then echo "ok   json/count/duplicate-key-last"
else echo "FAIL json/count/duplicate-key-last: $(grep Edema "$tmp/dup/c/n_segs.csv" 2>&1)"; fi
exit 0
