#!/bin/sh
# Every libFuzzer target, briefly (FUZZ_SECONDS each, default 6: ten targets stay near a minute), once per run
# of the suite (on the plain build's turn). `make fuzz FUZZ_SECONDS=N` runs longer.
[ "${BUILD:-build}" = build ] || exit 0
. "$(dirname "$0")/lib.sh"
# a throwaway corpus: the short run neither reads nor grows the long runs' one;
# the targets' build (clang, the whole library instrumented) a job a core
MAKE=${MAKE:-make -j$(nproc 2>/dev/null || echo 1)} FUZZ_CORPUS=$tmp/corpus "$top/tests/fuzz/run.sh" "${FUZZ_SECONDS:-6}"
