#!/bin/sh
# suite_data: demo, info and inspect, and their bad-input behaviour.
# Usage: tests/suite_data.sh BIN. Prints "ok NAME", "FAIL NAME: why" or "skip NAME: why".
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${CX_SHARED:-$top/../shared}
synth=$shared/reference/synth-small
sample=$shared/reference/sample-data
. "$top/tests/lib.sh"
bad=$top/tests/bad/data

# Bad input: exit 1, exactly one line on stderr naming the file, nothing on stdout.
expect_bad() {
	name=$1; want=$2; shift 2
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -ne 1 ]; then fail "$name" "exit $rc, want 1"; return; fi
	if [ "$(wc -l <"$tmp/err")" -ne 1 ]; then fail "$name" "want one line on stderr, got: $(cat "$tmp/err")"; return; fi
	if [ -s "$tmp/out" ]; then fail "$name" "wrote to stdout"; return; fi
	if ! grep -q -- "$want" "$tmp/err"; then fail "$name" "stderr lacks '$want': $(cat "$tmp/err")"; return; fi
	ok "$name"
}

# demo: a small dataset, deterministic, complete, readable by info.
if "$bin" demo "$tmp/d1" --count 3 --seed 5 --quiet >/dev/null 2>"$tmp/err" &&
    "$bin" demo "$tmp/d2" --count 3 --seed 5 --quiet -j 1 >/dev/null 2>>"$tmp/err"; then
	miss=""
	for f in valid.csv gt_annotations_val.json gt_segmentations_val.json hb_annotations_val.json \
	    hb_segmentations_val.json hb_salient_pt_val.json gradcam_segmentations_val.json .chexplore-demo; do
		[ -s "$tmp/d1/$f" ] || miss="$miss $f"
	done
	[ -z "$miss" ] && ok "demo writes the official files" || fail "demo writes the official files" "missing:$miss"
	n=$(ls "$tmp/d1/gradcam_maps_val" | grep -c '_map\.pkl$')
	[ "$n" = 30 ] && ok "demo writes 10 heatmaps per CXR" || fail "demo writes 10 heatmaps per CXR" "$n pickles"
	if diff -r "$tmp/d1" "$tmp/d2" >/dev/null; then ok "demo is deterministic for a seed"
	else fail "demo is deterministic for a seed" "two runs differ"; fi
	"$bin" demo "$tmp/d3" --count 3 --seed 6 --quiet >/dev/null 2>&1
	if cmp -s "$tmp/d1/gt_annotations_val.json" "$tmp/d3/gt_annotations_val.json"; then
		fail "demo depends on the seed" "seeds 5 and 6 wrote the same annotations"
	else ok "demo depends on the seed"; fi
	if "$bin" info "$tmp/d1" --json >"$tmp/info.json" 2>"$tmp/err" &&
	    grep -q '"cxrs": 3,' "$tmp/info.json" && grep -q '"missing": \[\]' "$tmp/info.json"; then
		ok "info on the demo: 3 CXRs, nothing missing"
	else fail "info on the demo: 3 CXRs, nothing missing" "$(cat "$tmp/info.json" "$tmp/err" | head -c 300)"; fi
	# the GT masks are the annotations rasterized by the reference rule
	if "$bin" segment --annotations "$tmp/d1/gt_annotations_val.json" --out "$tmp/seg.json" --quiet \
	    >/dev/null 2>&1; then
		cmp -s "$tmp/seg.json" "$tmp/d1/gt_segmentations_val.json" && ok "demo GT masks = its polygons rasterized" ||
		    fail "demo GT masks = its polygons rasterized" "segment --annotations differs"
	else skip "demo GT masks = its polygons rasterized" "segment --annotations unavailable"; fi
	# its pickles read back as heatmaps of the planned form
	p=$(ls "$tmp/d1/gradcam_maps_val/"*Edema_map.pkl | head -1)
	if "$bin" inspect --json "$p" >"$tmp/h.json" 2>"$tmp/err" && grep -q '"map_shape": \[320, 320\]' "$tmp/h.json" &&
	    grep -q '"task": "Edema"' "$tmp/h.json"; then ok "demo heatmaps read back"
	else fail "demo heatmaps read back" "$(cat "$tmp/h.json" "$tmp/err" | head -c 300)"; fi
else
	fail "demo" "$(head -1 "$tmp/err")"
fi
"$bin" demo >/dev/null 2>&1; [ $? = 2 ] && ok "demo without DIR is a usage error" || fail "demo without DIR is a usage error" "exit not 2"
"$bin" demo "$tmp/x" --count 0 >/dev/null 2>&1; [ $? = 2 ] && ok "demo --count 0 is a usage error" || fail "demo --count 0 is a usage error" "exit not 2"

# info on the reference folders
if [ -d "$synth/inputs" ]; then
	"$bin" info "$synth/inputs" >"$tmp/info.txt" 2>&1
	grep -q '12 (9 patients), 12 with an image, 12 labelled' "$tmp/info.txt" && grep -q '120 heatmaps, 12 CXRs' "$tmp/info.txt" &&
	    ok "info synth-small" || fail "info synth-small" "$(head -3 "$tmp/info.txt")"
	"$bin" info --dir "$synth/inputs" --json >"$tmp/info.json" 2>&1
	grep -q '"patients": 9' "$tmp/info.json" && ok "info --dir --json" || fail "info --dir --json" "$(head -c 200 "$tmp/info.json")"
else
	skip "info synth-small" "no $synth"
fi
expect_bad "info on a missing folder" "not a folder" info "$tmp/nonexistent"

# inspect --json on heatmaps = the golden facts (PyTorch/NumPy)
for ref in "$synth/inputs/gradcam_maps_val:$synth/golden/heatmap_facts.jsonl" \
    "$sample/gradcam_maps_val:$shared/reference/sample/golden/heatmap_facts.jsonl"; do
	dir=${ref%%:*}; gold=${ref#*:}; name="inspect --json = $(basename "$(dirname "$(dirname "$gold")")")/golden/heatmap_facts.jsonl"
	if [ ! -f "$gold" ]; then skip "$name" "no $gold"; continue; fi
	(cd "$dir" && "$bin" inspect --json *_map.pkl) >"$tmp/facts.jsonl" 2>"$tmp/err"
	cmp -s "$tmp/facts.jsonl" "$gold" && ok "$name" || fail "$name" "$(diff "$tmp/facts.jsonl" "$gold" | head -2)"
done
if [ -d "$synth" ]; then
	"$bin" inspect --json "$synth/golden/gt_segmentations.json" "$synth/inputs/gt_annotations_val.json" \
	    "$synth/inputs/hb_salient_pt_val.json" "$synth/inputs/valid/patient64541/study1/view1_frontal.jpg" \
	    "$synth/inputs/valid.csv" >"$tmp/k.jsonl" 2>"$tmp/err"
	kinds=$(sed 's/.*"kind": "\([a-z_]*\)".*/\1/' "$tmp/k.jsonl" | tr '\n' ' ')
	[ "$kinds" = "segmentation annotation salient_points image labels " ] && ok "inspect tells the kinds apart" ||
	    fail "inspect tells the kinds apart" "got: $kinds $(cat "$tmp/err")"
	grep -q '"width": 512, "height": 384, "channels": 1, "depth": 8' "$tmp/k.jsonl" && ok "inspect image size and depth" ||
	    fail "inspect image size and depth" "$(grep image "$tmp/k.jsonl")"
fi

# bad input: one line, exit 1
expect_bad "inspect truncated JPEG" "truncated.jpg:data: bad JPEG data" inspect "$bad/truncated.jpg"
expect_bad "inspect truncated PNG" "truncated.png:byte [0-9]*: bad PNG" inspect "$bad/truncated.png"
expect_bad "inspect 100000x100000 PNG header" "exceeds" inspect "$bad/huge.png"
expect_bad "inspect non-image" "not a JPEG or PNG" inspect "$bad/notimage.jpg"
expect_bad "inspect PNG decompression bomb" "declares 20000x20000" inspect "$bad/bomb.png"
expect_bad "inspect JPEG claiming 20000x20000" "declares 20000x20000" inspect "$bad/bomb.jpg"
expect_bad "inspect bad label value" "bad_value.csv:2:" inspect "$bad/bad_value.csv"
expect_bad "inspect unterminated quote" "bad_quote.csv:2:1: unterminated" inspect "$bad/bad_quote.csv"
expect_bad "inspect CSV without Path" "no Path column" inspect "$bad/no_path.csv"
expect_bad "inspect missing file" "cannot open" inspect "$tmp/nothing.json"
"$bin" inspect >/dev/null 2>&1; [ $? = 2 ] && ok "inspect without FILE is a usage error" || fail "inspect without FILE is a usage error" "exit not 2"
# the explicit label CSV of a dataset is bad: info fails with its line
mkdir -p "$tmp/ds" && cp "$bad/bad_value.csv" "$tmp/ds/valid.csv"
"$bin" info "$tmp/ds" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'valid.csv:2:' "$tmp/err" && ok "info reports a bad label CSV" || fail "info reports a bad label CSV" "exit $rc: $(cat "$tmp/err")"

# hostile files: no code runs, truncated JSON has a place, and no raw escape
# byte from a file name reaches the terminal
expect_bad "inspect truncated JSON" "truncated.json:1:" inspect "$bad/truncated.json"
expect_bad "inspect pickle with a foreign global" "evil_map.pkl" inspect "$bad/evil_map.pkl"
esc=$(printf '\033')
cp "$bad/notimage.jpg" "$tmp/evil${esc}[31m.jpg"
"$bin" inspect "$tmp/evil${esc}[31m.jpg" >"$tmp/out" 2>"$tmp/err"
if grep -q "$esc" "$tmp/out" "$tmp/err"; then fail "file names are escaped (inspect)" "raw ESC on the terminal"
else ok "file names are escaped (inspect)"; fi
mkdir -p "$tmp/escds" && printf '{' >"$tmp/escds/gt_segmentations_${esc}]0;x.json"
"$bin" info "$tmp/escds" >"$tmp/out" 2>"$tmp/err"; rc=$?
if grep -q "$esc" "$tmp/out" "$tmp/err"; then fail "file names are escaped (info)" "raw ESC on the terminal"
elif [ $rc != 1 ]; then fail "file names are escaped (info)" "exit $rc for an unreadable GT file, want 1"
else ok "file names are escaped (info)"; fi
"$bin" info --json "$tmp/escds" >"$tmp/out" 2>/dev/null
if grep -q "$esc" "$tmp/out"; then fail "file names are escaped (info --json)" "raw ESC in JSON"
elif ! command -v python3 >/dev/null; then skip "file names are escaped (info --json)" "no python3 to parse the JSON"
elif python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out" 2>/dev/null; then ok "file names are escaped (info --json)"
else fail "file names are escaped (info --json)" "not valid JSON: $(head -c 200 "$tmp/out")"; fi
# a 16-bit PNG heatmap has no cxr_dims: --dims gives the pointing-game point.
# By hand: the map is [[0, 1, 0.50001], [1.5e-5, 3.1e-5, 4.6e-5]] (values/65535);
# rows 0..49 of the 200x300 resize copy map row 0 (source row clamped to 0);
# along it, scale = 0.01f: column 149 reads 0.995 of x[1] (0.995), column 150
# reads x[1] and 0.005 of x[2] (0.9975), column 151 0.9925: the first maximum is
# (0, 150).
p=$top/tests/data/heat/png16/patient1_study1_view1_frontal_Edema_map.png
if [ -f "$p" ]; then
	"$bin" inspect --json --dims 300x200 "$p" >"$tmp/o" 2>"$tmp/err"
	grep -q '"cxr_dims": \[300, 200\], "point": \[0, 150\]' "$tmp/o" && ok "inspect --dims" || fail "inspect --dims" "$(cat "$tmp/o" "$tmp/err")"
else skip "inspect --dims" "no png16 fixture"; fi
