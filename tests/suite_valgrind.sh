#!/bin/sh
# Scripted explorer sessions under valgrind (plain build: no definite leak,
# no invalid access) or under ASan/UBSan (sanitized build: no report). One
# session on a small demo dataset, one on a dataset with a corrupt heatmap
# and a corrupt image (the explorer reports them and stays browsable).
# Usage: tests/suite_valgrind.sh BIN
bin=$1
san=0
case $bin in *build-san*) san=1 ;; esac
if [ $san -eq 0 ] && ! command -v valgrind >/dev/null; then
	echo "skip valgrind: valgrind not installed"; exit 0
fi
if ! command -v script >/dev/null; then echo "skip valgrind: script(1) not installed (needs a pty)"; exit 0; fi
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
if ! "$bin" demo "$tmp/ds" --count 2 -q >/dev/null 2>&1; then
	echo "FAIL valgrind/setup: chexplore demo failed"; exit 0
fi
cp -R "$tmp/ds" "$tmp/bad"
P=patient64541_study1_view1_frontal
cp "$top/tests/bad/hostile/maps/truncated/${P}_Cardiomegaly_map.pkl" "$tmp/bad/gradcam_maps_val/"
head -c 300 "$tmp/ds/valid/patient64542/study1/view1_frontal.jpg" >"$tmp/bad/valid/patient64542/study1/view1_frontal.jpg"
tab=$(printf '\t')

# session NAME DIR KEYS: the explorer types KEYS, then quits
session() {
	name=$1; dir=$2; keys=$3
	log=$tmp/$name.vg
	: >"$log"
	if [ $san -eq 1 ]; then
		run="ASAN_OPTIONS=log_path='$log' UBSAN_OPTIONS=log_path='$log' '$bin'"
	else
		run="valgrind -q --leak-check=full --show-leak-kinds=definite \
		    --errors-for-leak-kinds=definite --error-exitcode=99 --log-file='$log' '$bin'"
	fi
	TERM=xterm-256color COLUMNS=120 LINES=40 script -qec "$run explore '$dir' -g blocks \
	    --keys '$keys'" /dev/null >"$tmp/$name.out" 2>&1 </dev/null
	rc=$?
	cat "$log"* >"$log.all" 2>/dev/null
	log=$log.all
	if [ "$rc" -eq 99 ] || grep -q "definitely lost\|Invalid \|uninitialised\|Mismatched\|ERROR: \|runtime error" "$log"; then
		echo "FAIL valgrind/$name: $(grep -m1 "definitely lost\|Invalid \|uninitialised\|Mismatched" "$log")"
	elif [ "$rc" -ne 0 ]; then echo "FAIL valgrind/$name: exit $rc"
	else echo "ok   valgrind/$name"; fi
}

# rows, focus changes, overlays, zoom, pan, next failing, sort, help, quit
session browse "$tmp/ds" "jjk${tab}12345+-0HLKJ]x${tab}jksv?qGgq"
session hostile "$tmp/bad" "jjkk${tab}1234+0jkq"
