#!/bin/sh
# Two runs writing the same outputs at once (issue 15): afterwards the output
# set is wholly one run's (every file from the same run: the two runs' inputs
# differ, so each file tells whose it is), no temp file is left and both exit
# 0. The set's folder is locked while a run renames its set
# (cx_outfile_commit_set), so renames never interleave.
#   race/eval-held: deterministic. Run A stops between its first and second
#     rename (tests/tools/hold.c, LD_PRELOAD), run B then writes its whole
#     set, A goes on. Without the lock the set ends half B's, half A's.
#   race/eval, race/segment: both started together, repeated.
# Usage: tests/suite_race.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
g=$tmp/g
if ! "$bin" demo "$g" --count 4 -q >/dev/null 2>&1; then
	fail race/setup "chexplore demo failed"; exit 0
fi
GT=$g/gt_segmentations_val.json
A=$g/gradcam_segmentations_val.json B=$g/hb_segmentations_val.json
E="iou_results_per_cxr.csv iou_bootstrap_results_per_cxr.csv iou_summary_results.csv"
ev() { "$bin" eval --metric iou --gt "$GT" --pred "$1" -o "$2" -q; }
seg_a() { "$bin" segment --annotations "$g/hb_annotations_val.json" --out "$1/s.json" -q; }
seg_b() { "$bin" segment --annotations "$g/gt_annotations_val.json" --out "$1/s.json" -q; }
# each run alone: what its set is
if ! ev "$A" "$tmp/refA" || ! ev "$B" "$tmp/refB" || ! seg_a "$tmp/refA" || ! seg_b "$tmp/refB"; then
	fail race/setup "a run alone failed"; exit 0
fi
for f in $E s.json; do
	if cmp -s "$tmp/refA/$f" "$tmp/refB/$f"; then
		fail race/setup "$f is the same for both inputs: it cannot tell the runs apart"; exit 0
	fi
done

# whose NAME DIR "FILES" RC_A RC_B: both exit 0, no temp file, every file
# of FILES from the same run (all A's or all B's); a message on failure
whose() {
	n=$1 o=$2 files=$3 ra=$4 rb=$5 who=
	if [ "$ra" -ne 0 ] || [ "$rb" -ne 0 ]; then echo "exit $ra and $rb, want 0: $(head -c 200 "$tmp/err")"; return 1; fi
	left=$(ls -A "$o" | grep '\.tmp' | tr '\n' ' ')
	if [ -n "$left" ]; then echo "temp files left: $left"; return 1; fi
	for f in $files; do
		if cmp -s "$o/$f" "$tmp/refA/$f"; then w=A
		elif cmp -s "$o/$f" "$tmp/refB/$f"; then w=B
		else echo "$f is neither run's"; return 1; fi
		who="$who$f:$w "
	done
	case $who in *:A*:B*|*:B*:A*) echo "a mixed set: $who"; return 1 ;; esac
	return 0
}

# --- deterministic: A held half-way through renaming its set
so=$tmp/hold.so
if ! ${CC:-cc} -shared -fPIC -o "$so" "$top/tests/tools/hold.c" -ldl 2>"$tmp/cc.err"; then
	skip race/eval-held "no C compiler for tests/tools/hold.c: $(head -1 "$tmp/cc.err")"
else
	o=$tmp/o h=$tmp/h
	rm -rf "$o" "$h"; mkdir -p "$o" "$h"
	# a sanitizer runtime must otherwise come first in the preload list
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	    HOLD_AT=rename:2 HOLD_DIR=$h LD_PRELOAD=$so ev "$A" "$o" 2>"$tmp/err" &
	pa=$!
	i=0; while [ ! -e "$h/held" ] && kill -0 $pa 2>/dev/null && [ $i -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
	ev "$B" "$o" 2>>"$tmp/err" &
	pb=$!
	# go on when B is done (no lock) or waits for A's lock on the folder
	# (/proc/locks lists a waiter as "->", with the folder's inode);
	# never longer than 30 s
	ino=$(stat -c %i "$o") i=0
	while kill -0 $pb 2>/dev/null && ! grep -q -- "-> FLOCK .*:$ino 0 EOF" /proc/locks 2>/dev/null &&
	    [ $i -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
	touch "$h/go"
	wait $pa; ra=$?
	wait $pb; rb=$?
	if [ ! -e "$h/held" ]; then fail race/eval-held "run A never reached its second rename"
	elif why=$(whose eval-held "$o" "$E" $ra $rb); then ok race/eval-held
	else fail race/eval-held "$why"; fi
fi

# --- both started together, N times
# race NAME N "FILES" CMD_A CMD_B: CMD_x DIR writes run x's set into DIR
race() {
	n=$1 reps=$2 files=$3 ca=$4 cb=$5 k=0
	while [ $k -lt "$reps" ]; do
		o=$tmp/o; rm -rf "$o"; mkdir -p "$o"
		$ca "$o" 2>"$tmp/err" & pa=$!
		$cb "$o" 2>>"$tmp/err" & pb=$!
		wait $pa; ra=$?
		wait $pb; rb=$?
		if ! why=$(whose "$n" "$o" "$files" $ra $rb); then
			fail "race/$n" "round $((k + 1)): $why"; return
		fi
		k=$((k + 1))
	done
	ok "race/$n"
}
ev_a() { ev "$A" "$1"; }
ev_b() { ev "$B" "$1"; }
race eval 12 "$E" ev_a ev_b
race segment 12 s.json seg_a seg_b
exit 0
