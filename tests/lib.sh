# tests/lib.sh: the shared helpers of every suite (tests/suite_*.sh and,
# through tests/tui/lib.sh, tests/tui/*.sh). Source it first thing:
#	. "$(dirname "$0")/lib.sh"
# It sets $top (the checkout) and $tmp (a scratch folder removed at exit;
# put more clean-up in $at_exit, a command run first). Each check prints one
# line: "ok   NAME", "FAIL NAME: why" or "skip NAME: why"; tests/run.sh sums
# them.
[ -n "${top:-}" ] || top=$(cd "$(dirname "$0")" && while [ ! -f tests/lib.sh ] && [ "$(pwd)" != / ]; do cd ..; done && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chexplore-test.XXXXXX")
at_exit=
trap 'eval "$at_exit"; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

ok() { echo "ok   $1"; }
fail() { echo "FAIL $1: $2"; }
skip() { echo "skip $1: $2"; }

# t NAME EXPR: ok "$prefix$NAME" when the shell expression EXPR is true,
# "FAIL $prefix$NAME" otherwise (set $prefix, e.g. prefix=tune/, first).
prefix=
t() { if eval "$2"; then ok "$prefix$1"; else echo "FAIL $prefix$1"; fi; }

# run NAME WANT_RC CMD...: exit code check; stdout in $tmp/out, stderr in $tmp/err
run() {
	name=$1 want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$name" "exit $rc, want $want: $(head -c 200 "$tmp/err")"
		return 1
	fi
	return 0
}

# badrun NAME PATTERN OUTDIR CMD...: bad input: one "chexplore: file:where:
# message" line matching PATTERN, exit 1, nothing in OUTDIR
badrun() {
	name=$1 pat=$2 out=$3; shift 3
	if run "$name" 1 "$@"; then
		if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q "^chexplore: .*$pat" "$tmp/err"; then
			fail "$name" "stderr: $(head -c 200 "$tmp/err")"
		elif [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
			fail "$name" "partial output in $out"
		else
			ok "$name"
		fi
	fi
}
