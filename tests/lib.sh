# tests/lib.sh: the shared helpers of the command suites, sourced after
# $tmp (a scratch folder) is set. Each check prints one line:
# "ok   NAME" or "FAIL NAME: why".
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1: $2"; }

# run NAME WANT_RC CMD...: exit code check; stderr kept in $tmp/err
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

# bad input: one "chexplore: file:where: message" line, exit 1, no output
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
