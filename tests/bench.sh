#!/bin/sh
# make bench: a validation-scale demo dataset (234 CXRs at full CheXpert size,
# 2340 heatmaps) and the wall and CPU time and peak RSS of every command on it,
# then the real sample's heatmaps per map, single-threaded. Prints Markdown to
# paste into BENCHMARKS.md, headed by the commit, date, machine and load.
# Usage: tests/bench.sh BIN [DIR [SAMPLE_MAPS]]
#
# The data cannot go stale: DIR holds a stamp (.bench-stamp) naming the
# generator's parameters and a hash of what BIN's generator writes for a tiny
# set; it is checked on every run, and DIR is made again when it differs (a
# changed generator, other parameters, or data left by an older binary).
# CHEXPLORE_BENCH_PARAMS replaces the generator's parameters (a small set for
# trying the script; the stamp records them). SAMPLE_MAPS (default: $CHEXPLORE_SAMPLE_MAPS, else the reference sample's
# gradcam_maps_val) is read in place and skipped when absent.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=${2:-bench-data}
sample=${3:-${CHEXPLORE_SAMPLE_MAPS:-/work/shared/reference/sample-data/gradcam_maps_val}}
validation="--count 234 --full-size --seed 0"
params=${CHEXPLORE_BENCH_PARAMS:-$validation}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# what the generator writes for a tiny set, small and full size
"$bin" demo "$out/tiny" --count 2 --quiet >/dev/null &&
	"$bin" demo "$out/tinyfull" --count 1 --full-size --quiet >/dev/null || exit 1
genhash=$(cd "$out" && find tiny tinyfull -type f | LC_ALL=C sort | xargs -d '\n' sha256sum |
	sha256sum | cut -c1-16)
rm -rf "$out/tiny" "$out/tinyfull"
stamp="chexplore demo $params; generator output $genhash"
if [ ! -f "$dir/.bench-stamp" ] || [ "$(cat "$dir/.bench-stamp")" != "$stamp" ]; then
	if [ -e "$dir" ]; then
		# only a folder this script or the generator made is removed
		if [ ! -f "$dir/.bench-stamp" ] && [ ! -f "$dir/.chexplore-demo" ]; then
			echo "bench.sh: $dir exists and is not benchmark data; not touching it" >&2
			exit 1
		fi
		echo "bench.sh: $dir is stale (want: $stamp); regenerating" >&2
		rm -rf "$dir"
	fi
	echo "generating $dir ($params)..." >&2
	# shellcheck disable=SC2086
	/usr/bin/time -f "%e %U %S %M" -o "$out/gen.time" "$bin" demo "$dir" $params --quiet \
		>/dev/null || exit 1
	echo "$stamp" >"$dir/.bench-stamp"
	gen=$(awk '{printf "%.2f s wall, %.2f s CPU, %d MB", $1, $2 + $3, $4/1024}' "$out/gen.time")
else
	gen="reused (stamp matches)"
fi

commit=$(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$(dirname "$0")" diff --quiet HEAD 2>/dev/null || commit="$commit+dirty"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "commit $commit, $(date -u '+%Y-%m-%d %H:%M UTC'); $(grep -m1 'model name' /proc/cpuinfo |
	cut -d: -f2 | sed 's/^ //'), nproc $(nproc), $(free -g | awk '/Mem/{print $2}') GiB;" \
	"load average $(load) at start"
echo "data: $dir ($stamp): $gen"

first() { for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; echo "$1"; }
gt=$(first "$dir"/gt_segmentations_val.json)
ann=$(first "$dir"/gt_annotations_val.json)
hb=$(first "$dir"/hb_segmentations_val.json "$dir"/hb_segmentations_test.json)
pred=$(first "$dir"/gradcam_segmentations_val.json "$dir"/pred_segmentations_val.json)
maps=$(first "$dir"/gradcam_maps_val)
echo
echo "| command | reference | wall | CPU (user+sys) | ratio (reference / wall) | peak RSS | load after |"
echo "|---|---|---|---|---|---|---|"
nmaps=$(find "$maps" -name '*_map.pkl' | wc -l)
# run LABEL REF_SECONDS|- ARGS...: one timed run; the reference's times hold
# for the validation-scale set only
run() {
	label=$1 ref=$2
	[ "$params" = "$validation" ] || ref=-
	shift 2
	if /usr/bin/time -f "%e %U %S %M" -o "$out/t" "$bin" "$@" >/dev/null 2>"$out/err"; then
		awk -v l="$label" -v r="$ref" -v ld="$(load)" '{
			ref = r == "-" ? "–" : sprintf("%g s", r)
			ratio = r == "-" || $1 <= 0 ? "–" : sprintf(r / $1 < 10 ? "%.2f×" : "%.0f×", r / $1)
			printf "| `%s` | %s | %.2f s | %.2f s | %s | %d MB | %s |\n", l, ref, $1, $2 + $3,
			    ratio, $4 / 1024, ld }' "$out/t"
	else
		echo "| \`$label\` | | failed: $(tail -1 "$out/err" | cut -c1-80) | | | | |"
	fi
}
# the reference's times are the Python scripts' on the same data shape, 2 cores (BENCHMARKS.md)
run "eval --metric iou" 34 eval --metric iou --gt "$gt" --pred "$pred" --save-dir "$out/e1" --quiet
run "eval --metric hitmiss ($nmaps heatmaps)" 128 eval --metric hitmiss --gt "$gt" --pred "$maps" \
	--save-dir "$out/e2" --quiet
run "segment --maps (Otsu)" 289 segment --maps "$maps" --out "$out/otsu.json" --quiet
run "segment --maps (Otsu) -j 1" - segment --maps "$maps" --out "$out/otsu1.json" -j 1 --quiet
run "tune thresholds" 1260 tune thresholds --maps "$maps" --gt "$gt" --save-dir "$out/tune" --quiet
run "segment --maps --thresholds" 224 segment --maps "$maps" --thresholds \
	"$out/tune/tuning_results.csv" --out "$out/thr.json" --quiet
run "tune prob-cutoffs" 3180 tune prob-cutoffs --maps "$maps" --gt "$gt" --save-dir "$out/tunep" \
	--quiet
# box smoothing at k = 20 on the first 240 heatmaps (the reference: 5.8 s)
mkdir -p "$out/sub240"
find "$maps" -name '*_map.pkl' | LC_ALL=C sort | head -240 | while read -r f; do
	ln -s "$f" "$out/sub240/$(basename "$f")"
done
run "segment --maps --smooth 20 (first 240 heatmaps)" 5.8 segment --maps "$out/sub240" --smooth 20 \
	--out "$out/smooth.json" --quiet
run "segment --annotations" 44 segment --annotations "$ann" --out "$out/ann.json" --quiet
run "prs" 121 prs --gt "$gt" --pred "$pred" --hb "$hb" --save-dir "$out/prs"
run "count" 14 count "$gt" --save-dir "$out/count"
run "features" 26 features --gt-ann "$ann" --gt-seg "$gt" --save-dir "$out/feat"

if [ -d "$sample" ]; then
	n=$(find "$sample" -name '*_map.pkl' | wc -l)
	echo
	echo "real sample ($sample, $n maps, read in place), single-threaded, best of 3:"
	echo
	echo "| command | wall per map | CPU per map | load after |"
	echo "|---|---|---|---|"
	for what in otsu thresholds; do
		set -- segment --maps "$sample" --out "$out/s.json" -j 1 --quiet
		[ "$what" = thresholds ] && set -- "$@" --thresholds "$(dirname "$sample")/tuning_results.csv"
		best=""
		for i in 1 2 3; do
			/usr/bin/time -f "%e %U %S" -o "$out/t" "$bin" "$@" >/dev/null 2>&1 || break
			t=$(awk '{print $2 + $3, $1}' "$out/t")
			best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF' | sort -n | head -1)
		done
		[ -n "$best" ] && echo "$best" | awk -v w="$what" -v n="$n" -v ld="$(load)" '{
			printf "| `segment` (%s) | %.1f ms | %.1f ms | %s |\n", w, $2 / n * 1000,
			    $1 / n * 1000, ld }'
	done
fi
echo
echo "explorer picture pipeline (\`explore --bench 50\`, 1000x800 picture):"
"$bin" explore "$dir" --bench 50 2>&1 | sed 's/^/    /'
/usr/bin/time -f "%M" -o "$out/t" "$bin" explore "$dir" --bench 50 >/dev/null 2>&1 &&
	echo "    peak RSS $(awk '{printf "%d MB", $1/1024}' "$out/t")"
# open at scale: sets of 3 000 and 10 000 CXRs repeated from a 100-CXR demo
# set (tests/bench/replicate.py: new ids, images and heatmaps hard-linked),
# and 10 000 of segmentation files only; best of 3 (wall), peak RSS
if command -v python3 >/dev/null; then
	echo
	echo "explorer open at scale (\`explore --bench 1\`, its \"open\" line; best of 3):"
	echo
	echo "| set | open (wall) | CPU (user+sys) | peak RSS | load after |"
	echo "|---|---|---|---|---|"
	"$bin" demo "$out/d100" --count 100 --quiet >/dev/null
	for set in "3000" "10000" "10000 --no-heatmaps"; do
		# shellcheck disable=SC2086
		python3 "$(dirname "$0")/bench/replicate.py" "$out/d100" "$out/r" $set || continue
		best=""
		for i in 1 2 3; do
			/usr/bin/time -f "%U %S %M" -o "$out/t" "$bin" explore "$out/r" --bench 1 \
			    >"$out/o" 2>&1 || break
			t=$(awk '/^open/{print $(NF-1)}' "$out/o")
			best=$(printf '%s\n%s %s\n' "$best" "$t" "$(cat "$out/t")" | awk 'NF' |
			    sort -n | head -1)
		done
		[ -n "$best" ] && echo "$best" | awk -v s="$set" -v ld="$(load)" '{
			printf "| %s CXRs | %.0f ms | %.2f s | %d MB | %s |\n", s, $1, $2 + $3, $4 / 1024, ld }'
		rm -rf "$out/r"
	done
	rm -rf "$out/d100"
fi
echo
echo "load average $(load) at the end"
