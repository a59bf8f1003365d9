#!/bin/sh
# The whole suite, or one part of it.
# Usage: tests/run.sh [-j N] [--only SUITE]... [BIN [BUILDDIR...]]
#   BIN defaults to ./chexplore, BUILDDIR to build. The first build dir's
#   binary is BIN; other build dirs use their own chexplore (make test runs
#   tests/run.sh ./chexplore build build-san).
#   --only SUITE runs one part (repeatable):
#     unit                  every unit test ($BUILD/tests/test_*)
#     unit/NAME             one unit test, $BUILD/tests/test_NAME
#     NAME                  tests/suite_NAME.sh (eval, json, parity, fuzz, ...)
#     tui                   every tests/tui/*.sh (tests/tui/run.sh)
#     tui/NAME              one, tests/tui/NAME.sh (e.g. tui/live_threshold)
#   -j N runs N parts at a time (make test: one a core). Each part's output
#     is held and printed whole, in the order -j 1 prints it; the longest
#     parts ($long below) start first, so the short ones fill in around them.
#   The parts of $once below run on the first build only (with the reason).
#   Build first (make all tests; SANITIZE=address,undefined for build-san).
# Every suite prints "ok NAME", "FAIL NAME" or "skip NAME: why"; this sums
# them into a last line "N passed, M failed, K skipped". Each part's wall time
# follows it ("time [BUILD] PART 12.3 s"; tests/tui/run.sh prints one a TUI
# file), and the slowest 15 are listed at the end with the total (with -j,
# parts share the cores: their times are longer than alone).
top=$(cd "$(dirname "$0")/.." && pwd)
only=
jobs=1
while [ $# -gt 0 ]; do
	case $1 in
	--only) [ $# -ge 2 ] || { echo "tests/run.sh: --only needs a SUITE" >&2; exit 2; }
		only="$only $2"; shift 2 ;;
	--only=*) only="$only ${1#--only=}"; shift ;;
	-j) [ $# -ge 2 ] || { echo "tests/run.sh: -j needs a number" >&2; exit 2; }
		jobs=$2; shift 2 ;;
	-j*) jobs=${1#-j}; shift ;;
	--worker) worker=$2; shift 2 ;;	# internal: one of -j's workers, on queue $2
	-h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	--) shift; break ;;
	-*) echo "tests/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	*) break ;;
	esac
done
case $jobs in ''|*[!0-9]*|0) echo "tests/run.sh: -j $jobs: not a number of parts" >&2; exit 2 ;; esac
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
# Started first with -j, longest first: these take most of the time (see the
# slowest parts at the end of a run). The output keeps the usual order.
long="fuzz tui/compare_screen hostile compare unit tui/kitty_detect tui/kitty_tmux valgrind
tui/kitty_layers tui/picture_parts tui/small_terminal tui/picture_in_flight tui/kitty_picture
tui/bandwidth_low tui/methods tui/search_keys tui/live_threshold outset"
# Run on the first build only, the sanitized build adding nothing to them:
#   fuzz    its libFuzzer build is sanitized already (clang, build-fuzz/)
#   layout  reads the sources (includes, file sizes), never runs the binary
#   themes  reads themes/*.theme (contrast ratios), never runs the binary
once="fuzz layout themes"
tag() { sed "s#^\(ok  \|FAIL\|skip\|time\) #\1 [$build] #"; }
# now: wall clock in ms; took PART START: the "time" line of a part
now() { date +%s%3N; }
secs() { echo "$(($1 / 1000)).$(($1 % 1000 / 100))"; }
took() { echo "time [$build] $1 $(secs $(($(now) - $2))) s"; }
# run_job J: part J of the queue (its build, name and binary in $q/job.J)
run_job() {
	read -r build part b <"$q/job.$1"
	case $part in
	unit|unit/*)
		echo "== $build: $part"
		if [ "$part" = unit ]; then names=$(cd "$top/tests/unit" && ls test_*.c | sed 's/\.c$//')
		else names=test_${part#unit/}; fi
		for t in $names; do
			if ! [ -x "$top/$build/tests/$t" ]; then
				echo "FAIL $build/tests/$t: not built (make tests)" | tag; continue
			fi
			t0=$(now)
			(cd "$top" && "$top/$build/tests/$t") 2>&1 | tag
			took "unit/${t#test_}" "$t0"
		done ;;
	tui/*)
		# one demo dataset a build, made by the first of its files to start
		echo "== $build: $part"
		(cd "$top" && BUILD="$build" CX_TUI_DATA="$q/tui-data-$(echo "$build" | tr / _)" \
		    "$top/tests/tui/run.sh" "$b" "${part#tui/}") 2>&1 | tag ;;
	*)
		echo "== $build: suite_$part.sh"
		t0=$(now)
		(cd "$top" && BUILD="$build" "$top/tests/suite_$part.sh" "$b") 2>&1 | tag
		took "$part" "$t0" ;;
	esac
}
# A worker of -j: the queue's parts in $q/order, each taken by the first
# worker to make its claim folder (mkdir is atomic); done.J when written.
if [ -n "${worker:-}" ]; then
	q=$worker
	for j in $(cat "$q/order"); do
		mkdir "$q/claim.$j" 2>/dev/null || continue
		run_job "$j" >"$q/out.$j" 2>&1
		: >"$q/done.$j"
	done
	exit 0
fi
q=$(mktemp -d "${TMPDIR:-/tmp}/chexplore-run.XXXXXX")
log=$q/log
pids=
trap 'rm -rf "$q"' EXIT
trap 'for p in $pids; do kill -TERM -"$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null; done; exit 1' INT TERM
t_all=$(now)
n=0
first=1
for build in "$@"; do
	if [ $first = 1 ]; then b=$bin; first=0; else b=$build/chexplore; fi
	if ! [ -x "$b" ]; then
		echo "FAIL [$build] $b: not built (make all tests, SANITIZE=address,undefined for build-san)" | tee -a "$log"
		continue
	fi
	b=$(cd "$(dirname "$b")" && pwd)/$(basename "$b")
	[ -n "${bin1:-}" ] || bin1=$b
	for part in $only; do
		# a part of $once on the first build only
		[ "$b" = "$bin1" ] || case " $once " in *" $part "*) continue ;; esac
		# tui: a part each tests/tui/NAME.sh
		[ "$part" = tui ] && parts=$(cd "$top/tests/tui" && ls *.sh | grep -vx -e lib.sh -e run.sh | sed 's#^#tui/#; s#\.sh$##') || parts=$part
		for p in $parts; do
			n=$((n + 1))
			printf '%s %s %s\n' "$build" "$p" "$b" >"$q/job.$n"
		done
	done
done
if [ "$jobs" -le 1 ] || [ $n -le 1 ]; then
	j=0; while [ $j -lt $n ]; do j=$((j + 1)); run_job $j | tee -a "$log"; done
else
	# the long parts first (in $long's order, each build), then the rest
	j=0; while [ $j -lt $n ]; do j=$((j + 1)); echo $j; done >"$q/all"
	for l in $long; do
		for j in $(cat "$q/all"); do
			read -r build part b <"$q/job.$j"
			[ "$part" = "$l" ] && echo $j
		done
	done >"$q/order"
	grep -vxF -f "$q/order" "$q/all" >>"$q/order"
	# each worker in a session of its own (setsid), so that an interrupt
	# stops its suite and their children too; SIGINT and SIGQUIT back to
	# their defaults (sh ignores them in a background job, and the tests of
	# signals want them as a foreground run has them)
	sess=; command -v setsid >/dev/null && sess=setsid
	dflt=; env --default-signal=INT,QUIT true 2>/dev/null && dflt="env --default-signal=INT,QUIT"
	w=0; while [ $w -lt "$jobs" ]; do
		w=$((w + 1))
		$sess $dflt "$0" --worker "$q" </dev/null >/dev/null 2>&1 &
		pids="$pids $!"
	done
	j=0; while [ $j -lt $n ]; do
		j=$((j + 1))
		while ! [ -e "$q/done.$j" ]; do
			# every worker gone and the part not done: say so, never hang
			alive=0; for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
			[ $alive = 1 ] || [ -e "$q/done.$j" ] || break
			sleep 0.2
		done
		if [ -e "$q/done.$j" ]; then tee -a "$log" <"$q/out.$j"
		else read -r build part b <"$q/job.$j"; echo "FAIL [$build] $part: not run (its worker ended)" | tee -a "$log"; fi
	done
	wait
fi
touch "$log"
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL' "$log")
skipped=$(grep -c '^skip' "$log")
if [ "$failed" -gt 0 ]; then
	echo "failures:"; grep '^FAIL' "$log"
fi
if [ "$(grep -c '^time ' "$log")" -gt 1 ]; then
	echo "slowest parts:"
	grep '^time ' "$log" | sort -t' ' -k4,4 -g -r | head -15 | sed 's/^time /  /'
	for build in "$@"; do
		grep "^time \[$build\] tui/" "$log" | awk -v b="$build" '{s += $4} END {if (NR) printf "  tui, %d files of %s: %.1f s together\n", NR, b, s}'
	done
	echo "  total: $(secs $(($(now) - t_all))) s$( [ "$jobs" -gt 1 ] && echo " (-j $jobs)")"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
