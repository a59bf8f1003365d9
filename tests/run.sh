#!/bin/sh
# The whole suite, or one part of it.
# Usage: tests/run.sh [--only SUITE]... [BIN [BUILDDIR...]]
#   BIN defaults to ./chexplore, BUILDDIR to build. The first build dir's
#   binary is BIN; other build dirs use their own chexplore (make test runs
#   tests/run.sh ./chexplore build build-san).
#   --only SUITE runs one part (repeatable):
#     unit                  every unit test ($BUILD/tests/test_*)
#     unit/NAME             one unit test, $BUILD/tests/test_NAME
#     NAME                  tests/suite_NAME.sh (eval, json, parity, fuzz, ...)
#     tui                   every tests/tui/*.sh (tests/tui/run.sh)
#     tui/NAME              one, tests/tui/NAME.sh (e.g. tui/live_threshold)
#   Build first (make all tests; SANITIZE=address,undefined for build-san).
# Every suite prints "ok NAME", "FAIL NAME" or "skip NAME: why"; this sums
# them into a last line "N passed, M failed, K skipped".
top=$(cd "$(dirname "$0")/.." && pwd)
only=
while [ $# -gt 0 ]; do
	case $1 in
	--only) [ $# -ge 2 ] || { echo "tests/run.sh: --only needs a SUITE" >&2; exit 2; }
		only="$only $2"; shift 2 ;;
	--only=*) only="$only ${1#--only=}"; shift ;;
	-h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	--) shift; break ;;
	-*) echo "tests/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	*) break ;;
	esac
done
bin=${1:-./chexplore}; [ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- build
# the parts to run, in order: unit tests, suites, then the TUI
if [ -z "$only" ]; then
	only=unit
	for s in "$top"/tests/suite_*.sh; do
		s=$(basename "$s" .sh); only="$only ${s#suite_}"
	done
	only="$only tui"
fi
for part in $only; do
	case $part in
	unit|unit/*|tui|tui/*) ;;
	*) [ -f "$top/tests/suite_$part.sh" ] || { echo "tests/run.sh: no suite $part (no tests/suite_$part.sh)" >&2; exit 2; } ;;
	esac
done
log=$(mktemp)
trap 'rm -f "$log"' EXIT
tag() { sed "s#^\(ok  \|FAIL\|skip\) #\1 [$build] #" | tee -a "$log"; }
first=1
for build in "$@"; do
	if [ $first = 1 ]; then b=$bin; first=0; else b=$build/chexplore; fi
	if ! [ -x "$b" ]; then
		echo "FAIL [$build] $b: not built (make all tests, SANITIZE=address,undefined for build-san)" | tee -a "$log"
		continue
	fi
	b=$(cd "$(dirname "$b")" && pwd)/$(basename "$b")
	for part in $only; do
		case $part in
		unit|unit/*)
			echo "== $build: $part"
			if [ "$part" = unit ]; then names=$(cd "$top/tests/unit" && ls test_*.c | sed 's/\.c$//')
			else names=test_${part#unit/}; fi
			for t in $names; do
				if ! [ -x "$top/$build/tests/$t" ]; then
					echo "FAIL $build/tests/$t: not built (make tests)" | tag; continue
				fi
				(cd "$top" && "$top/$build/tests/$t") 2>&1 | tag
			done ;;
		tui|tui/*)
			echo "== $build: $part"
			names=; [ "$part" = tui ] || names=${part#tui/}
			(cd "$top" && BUILD="$build" "$top/tests/tui/run.sh" "$b" $names) 2>&1 | tag ;;
		*)
			echo "== $build: suite_$part.sh"
			(cd "$top" && BUILD="$build" "$top/tests/suite_$part.sh" "$b") 2>&1 | tag ;;
		esac
	done
done
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL' "$log")
skipped=$(grep -c '^skip' "$log")
if [ "$failed" -gt 0 ]; then
	echo "failures:"; grep '^FAIL' "$log"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
