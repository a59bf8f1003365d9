#!/bin/sh
# Bounded work (issue 15): the polygon limits (a test per limit; the man
# page's LIMITS), symlink loops in a dataset folder walked once, FIFOs given
# as files refused instead of blocking in open(). Every run under `timeout`:
# 124 (a hang) is a failure.
# Usage: tests/suite_bounded.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
T="timeout 60"

# --- polygons: one of 300 000 points took segment past 300 s
poly() { # poly FILE NPOINTS NPOLYS
	awk -v n="$2" -v m="$3" 'BEGIN { srand(1); printf "{\"patient1_study1_view1_frontal\": {\"img_size\": [800, 800], \"Edema\": [";
	    for (p = 0; p < m; p++) { printf "%s[", p ? ", " : "";
		for (i = 0; i < n; i++) printf "%s[%.2f, %.2f]", i ? ", " : "", rand() * 800, rand() * 800;
		printf "]" }
	    print "]}}" }' >"$1"
}
poly "$tmp/p300k.json" 300000 1
badrun bounded/points-300k "p300k.json:patient1_study1_view1_frontal/Edema/0: 300000 points, more than the limit of 10000 per polygon" \
    "$tmp/o" $T "$bin" segment --annotations "$tmp/p300k.json" --out "$tmp/o/s.json" -q
poly "$tmp/p10001.json" 10001 1
badrun bounded/points-limit "Edema/0: 10001 points, more than the limit of 10000" \
    "$tmp/o" $T "$bin" segment --annotations "$tmp/p10001.json" --out "$tmp/o/s.json" -q
poly "$tmp/p10000.json" 10000 1
run bounded/points-at-limit 0 $T "$bin" segment --annotations "$tmp/p10000.json" --out "$tmp/ok.json" -q &&
    ok bounded/points-at-limit
poly "$tmp/polys.json" 3 1001
badrun bounded/polygons-limit "Edema: 1001 polygons, more than the limit of 1000 per pathology" \
    "$tmp/o" $T "$bin" segment --annotations "$tmp/polys.json" --out "$tmp/o/s.json" -q
# polygons per file: 201 CXRs of 1000 triangles
awk 'BEGIN { printf "{"; for (c = 0; c < 201; c++) {
	printf "%s\"patient%d_study1_view1_frontal\": {\"img_size\": [8, 8], \"Edema\": [", c ? ", " : "", c;
	for (p = 0; p < 1000; p++) printf "%s[[1, 1], [2, 1], [1, 2]]", p ? "," : ""; printf "]}" }
    print "}" }' >"$tmp/filepolys.json"
badrun bounded/file-polygons-limit "Edema: more than the limit of 200000 polygons in one file" \
    "$tmp/o" $T "$bin" segment --annotations "$tmp/filepolys.json" --out "$tmp/o/s.json" -q

# --- symlink loops: ten lN -> . made info and stats walk 15 s and print 2.2 M lines
g=$tmp/g
if "$bin" demo "$g" --count 2 -q >/dev/null 2>&1; then
	for i in 0 1 2 3 4 5 6 7 8 9; do ln -s . "$g/l$i"; done
	ln -s .. "$g/gradcam_maps_val/up"
	if run bounded/symlink-loop-info 0 $T "$bin" info --dir "$g"; then
		t bounded/symlink-loop-info "[ \$(wc -l <'$tmp/out') -lt 40 ] && grep -q 'GT segmentations  *gt_segmentations_val.json  *2 CXRs' '$tmp/out' &&
		    grep -q 'heatmaps .* 20 heatmaps' '$tmp/out'"
	fi
	if run bounded/symlink-loop-stats 0 $T "$bin" stats --dir "$g" -q; then
		t bounded/symlink-loop-stats "[ \$(wc -l <'$tmp/out') -lt 200 ]"
	fi
else
	fail bounded/setup "chexplore demo failed"
fi

# --- FIFOs: open() blocked forever; now "not a regular file"
f=$tmp/fifo
mkdir -p "$f"
mkfifo "$f/gt_segmentations_val.json" "$f/t.csv" "$f/valid.csv"
badrun bounded/fifo-count "gt_segmentations_val.json: not a regular file" "$tmp/o" \
    $T "$bin" count --seg_path "$f/gt_segmentations_val.json" --save_dir "$tmp/o"
badrun bounded/fifo-segment "gt_segmentations_val.json: not a regular file" "$tmp/o" \
    $T "$bin" segment --annotations "$f/gt_segmentations_val.json" --out "$tmp/o/s.json" -q
badrun bounded/fifo-inspect-labels "valid.csv: not a regular file" "$tmp/o" $T "$bin" inspect "$f/valid.csv"
badrun bounded/fifo-pctdec "t.csv: not a regular file" "$tmp/o" \
    $T "$bin" pctdec --metric miou --hb "$f/t.csv" --pred "$f/t.csv" -o "$tmp/o"
run bounded/fifo-validate 1 $T "$bin" validate "$f/gt_segmentations_val.json" &&
    t bounded/fifo-validate "grep -q 'not a regular file' '$tmp/out' '$tmp/err'"
# in a dataset folder a FIFO is no dataset file (and is not opened)
run bounded/fifo-in-folder 0 $T "$bin" info --dir "$f" && t bounded/fifo-in-folder "! grep -q 'gt_segmentations_val.json' '$tmp/out'"
exit 0
