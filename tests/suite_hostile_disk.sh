#!/bin/sh
# A full disk (issue 15): eval, segment and features writing into a tiny
# tmpfs (64 KiB) that fills up part way through their outputs must fail with
# one error line, exit 1, leave the old set of outputs as it was (or none),
# and leave no temp file. Needs root's mount(8); where mounting is not
# permitted, a file size limit (ulimit -f, SIGXFSZ ignored: EFBIG) stands in
# for the outputs larger than the limit, and the rest is skipped.
# Usage: tests/suite_hostile_disk.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
g=$tmp/g
if ! "$bin" demo "$g" --count 4 -q >/dev/null 2>&1; then
	fail disk/setup "chexplore demo failed"; exit 0
fi
GT=$g/gt_segmentations_val.json PRED=$g/gradcam_segmentations_val.json
d=$tmp/d
mkdir -p "$d"
mounted=0
if [ -z "${DISK_NO_MOUNT:-}" ] && [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs "$d" 2>/dev/null; then
	mounted=1
	at_exit="umount '$d' 2>/dev/null;"
fi

# full NAME "OLD FILES" FREE_PAGES CMD...: in $d, the old files (one page
# each) and a filler leaving FREE_PAGES 4 KiB pages; CMD must fail with one
# line giving the cause ($why; eval and segment said only "write error"),
# keep every old file "old", leave only them and the filler
full() {
	n=$1 files=$2 free=$3; shift 3
	rm -rf "$d"/* "$d"/.[!.]* 2>/dev/null
	nold=0
	for f in $files; do echo old >"$d/$f"; nold=$((nold + 1)); done
	fill=$((16 - nold - free))
	if [ $fill -gt 0 ] && ! dd if=/dev/zero of="$d/filler" bs=4096 count=$fill 2>/dev/null; then
		fail "disk/$n" "cannot make the filler"; return
	fi
	"$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	[ -n "${DISK_DEBUG:-}" ] && cat "$tmp/err" >&2
	if [ $rc -ne 1 ]; then fail "disk/$n" "exit $rc, want 1: $(head -c 200 "$tmp/err")"; return; fi
	if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q "^chexplore: $d/[^:]*: cannot write: $why\$" "$tmp/err"; then
		fail "disk/$n" "want one line naming a file in $d and the cause: $(head -3 "$tmp/err" | tr '\n' '|')"; return
	fi
	for f in $files; do
		if [ "$(cat "$d/$f")" != old ]; then fail "disk/$n" "$f replaced: half a set"; return; fi
	done
	left=$(ls -A "$d" | grep -v -x -e filler $(for f in $files; do printf ' -e %s' "$f"; done) | tr '\n' ' ')
	if [ -n "$left" ]; then fail "disk/$n" "left behind: $left"; return; fi
	ok "disk/$n"
}

E="iou_results_per_cxr.csv iou_bootstrap_results_per_cxr.csv iou_summary_results.csv"
F="num_instances.csv area_ratio.csv elongation.csv rec_area_ratio.csv"
eval_cmd() { "$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$d" -q; }
feat_cmd() { "$bin" features --gt-ann "$g/gt_annotations_val.json" --gt-seg "$GT" -o "$d" -q; }
seg_cmd() { "$bin" segment --maps "$g/gradcam_maps_val" --out "$d/seg.json" -q; }
if [ $mounted -eq 1 ]; then
	why="No space left on device"
	# eval's bootstrap table (66 KB) cannot fit; features' four small
	# tables, two pages left: the third fails; segment's 27 KB JSON, one page
	full eval "$E" 2 eval_cmd
	full eval-none "" 4 eval_cmd
	full features "$F" 2 feat_cmd
	full features-none "" 2 feat_cmd
	full segment "seg.json" 1 seg_cmd
	full segment-none "" 1 seg_cmd
	# and with room, the whole new set
	rm -rf "$d"/*
	if run disk/features-room 0 feat_cmd; then
		t disk/features-room "[ \$(ls -A '$d' | wc -l) -eq 4 ] && ! grep -q old '$d/area_ratio.csv'"
	fi
else
	# no mount: a 16 KiB file size limit makes the larger outputs fail
	# (EFBIG) instead of ENOSPC; features' tables are too small for it
	skip disk/tmpfs "mount -t tmpfs not permitted here: the file size limit stands in"
	why="File too large"
	lim() { (trap '' XFSZ; ulimit -f 32; "$@"); }
	full eval "$E" 0 lim eval_cmd
	full segment "seg.json" 0 lim seg_cmd
	skip disk/features "needs a tmpfs (its outputs are under any file size limit)"
fi
exit 0
