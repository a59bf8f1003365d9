#!/bin/sh
# Build every tests/fuzz/fuzz_*.c as a libFuzzer target (make FUZZ=1 fuzzers:
# clang, ASan+UBSan, build-fuzz/) and
# run each for SECONDS (default 60) on its seed corpus tests/fuzz/corpus/<name>/.
# Usage: tests/fuzz/run.sh [SECONDS] [NAME...]   (prints ok/FAIL lines)
# The corpus the runs grow goes to $FUZZ_CORPUS/<name>/, never into the
# seeds: `make fuzz` keeps it in ~/.cache/chexplore/fuzz-corpus (kept across
# `make clean` and checkouts, so long runs add up); the suite's short run
# (tests/suite_fuzz.sh) uses a throwaway one; the default is
# build-fuzz/corpus. tests/fuzz/corpus/ holds small seeds only (each at most
# 16 KiB: a grown input worth keeping, e.g. a fixed crash, is minimized
# first, `fuzz_NAME -minimize_crash=1`). Crashes: build-fuzz/crash-<name>-*.
set -u
secs=${1:-60}; [ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
if ! command -v clang >/dev/null; then
	echo "skip fuzz: clang not installed (make deps installs it)"; exit 0
fi
out=build-fuzz; mkdir -p "$out"
# The Makefile builds the targets (clang, ASan+UBSan, the project's warnings).
if ! ${MAKE:-make} -s --no-print-directory FUZZ=1 fuzzers >"$out/build.log" 2>&1; then
	echo "FAIL fuzz-build: $(grep -m1 -e error -e Error "$out/build.log") (see $out/build.log)"; exit 0
fi
corpus=${FUZZ_CORPUS:-$out/corpus}
if ! mkdir -p "$corpus"; then echo "FAIL fuzz: cannot make the corpus folder $corpus"; exit 0; fi
# small seeds only in the tree
big=$(find tests/fuzz/corpus -type f -size +16k | head -3 | tr '\n' ' ')
[ -z "$big" ] || echo "FAIL fuzz/seeds: seeds over 16 KiB in tests/fuzz/corpus (minimize them): $big"
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c); name=${name#fuzz_}
	if [ $# -gt 0 ]; then case " $* " in *" $name "*) ;; *) continue ;; esac; fi
	bin=$out/fuzz_$name
	if ! [ -x "$bin" ]; then echo "FAIL fuzz/$name: $bin not built"; continue; fi
	work=$corpus/$name; mkdir -p "$work"
	seeds=tests/fuzz/corpus/$name; [ -d "$seeds" ] || seeds=
	dict=; [ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
	if "$bin" $dict -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	    -artifact_prefix="$out/crash-$name-" "$work" $seeds >"$out/$name.log" 2>&1; then
		echo "ok   fuzz/$name: $(grep -ao 'Done [0-9]* runs' "$out/$name.log" | tail -1) in ${secs}s"
	else
		echo "FAIL fuzz/$name: crash, see $out/$name.log and $out/crash-$name-*"
	fi
done
