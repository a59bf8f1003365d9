#!/bin/sh
# The whole suite. Usage: tests/run.sh BIN BUILDDIR [BUILDDIR...]
# The first build dir's binary is BIN; other build dirs use their own chexplore.
# Every suite prints "ok NAME", "FAIL NAME" or "skip NAME: why"; this sums them.
bin=$1; shift
top=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
first=1
for build in "$@"; do
	if [ $first = 1 ]; then b=$bin; first=0; else b=$build/chexplore; fi
	b=$(cd "$(dirname "$b")" && pwd)/$(basename "$b")
	echo "== $build: unit tests"
	for t in "$top/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		(cd "$top" && "$t") 2>&1 | sed "s|^\(ok  \|FAIL\|skip\) |\1 [$build] |" | tee -a "$log"
	done
	for suite in "$top"/tests/suite_*.sh "$top"/tests/bad/run.sh "$top"/tests/tui/run.sh; do
		[ -x "$suite" ] || continue
		echo "== $build: $(basename "$(dirname "$suite")")/$(basename "$suite")"
		(cd "$top" && BUILD="$build" "$suite" "$b") 2>&1 | sed "s|^\(ok  \|FAIL\|skip\) |\1 [$build] |" | tee -a "$log"
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
