#!/bin/sh
# make bench: a validation-scale demo dataset (234 CXRs at full CheXpert size,
# 2340 heatmaps) and the wall time and peak RSS of every command on it.
# Prints a Markdown table to paste into BENCHMARKS.md. Usage: tests/bench.sh BIN [DIR]
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=${2:-bench-data}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ ! -f "$dir/.chexplore-demo" ]; then
	echo "generating $dir (234 CXRs, full size)..." >&2
	/usr/bin/time -f "%e %M" -o "$out/gen.time" "$bin" demo "$dir" --count 234 --full-size --quiet >/dev/null || exit 1
	echo "| demo --count 234 --full-size | $(awk '{printf "%.2f s | %d MB", $1, $2/1024}' "$out/gen.time") |"
fi
first() { for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; echo "$1"; }
gt=$(first "$dir"/gt_segmentations_val.json)
ann=$(first "$dir"/gt_annotations_val.json)
hb=$(first "$dir"/hb_segmentations_val.json "$dir"/hb_segmentations_test.json)
pred=$(first "$dir"/gradcam_segmentations_val.json "$dir"/pred_segmentations_val.json)
maps=$(first "$dir"/gradcam_maps_val)
echo
echo "| command | wall | peak RSS |"
echo "|---|---|---|"
run() {
	label=$1; shift
	if /usr/bin/time -f "%e %M" -o "$out/t" "$bin" "$@" >/dev/null 2>"$out/err"; then
		echo "| \`$label\` | $(awk '{printf "%.2f s | %d MB", $1, $2/1024}' "$out/t") |"
	else
		echo "| \`$label\` | failed: $(tail -1 "$out/err" | cut -c1-80) | |"
	fi
}
run "eval --metric iou" eval --metric iou --gt "$gt" --pred "$pred" --save-dir "$out/e1" --quiet
run "eval --metric hitmiss (2340 heatmaps)" eval --metric hitmiss --gt "$gt" --pred "$maps" --save-dir "$out/e2" --quiet
run "segment --maps (Otsu)" segment --maps "$maps" --out "$out/otsu.json" --quiet
run "tune thresholds" tune thresholds --maps "$maps" --gt "$gt" --save-dir "$out/tune" --quiet
run "segment --maps --thresholds" segment --maps "$maps" --thresholds "$out/tune/tuning_results.csv" --out "$out/thr.json" --quiet
run "tune prob-cutoffs" tune prob-cutoffs --maps "$maps" --gt "$gt" --save-dir "$out/tunep" --quiet
run "segment --annotations" segment --annotations "$ann" --out "$out/ann.json" --quiet
run "prs" prs --gt "$gt" --pred "$pred" --hb "$hb" --save-dir "$out/prs"
run "count" count "$gt" --save-dir "$out/count"
run "features" features --gt-ann "$ann" --gt-seg "$gt" --save-dir "$out/feat"
echo
echo "explorer picture pipeline (\`explore --bench 50\`, 1000x800 picture):"
"$bin" explore "$dir" --bench 50 2>&1 | sed 's/^/    /'
/usr/bin/time -f "%M" -o "$out/t" "$bin" explore "$dir" --bench 50 >/dev/null 2>&1 &&
	echo "    peak RSS $(awk '{printf "%d MB", $1/1024}' "$out/t")"
echo
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; $(date -u +%Y-%m-%d)"
