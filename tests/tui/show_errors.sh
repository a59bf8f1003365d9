#!/bin/sh
# tests/tui/show_errors.sh [BIN]: `show` refuses an unknown id (exit 1, naming it) and a bad overlay (exit 2).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
"$BIN" show nosuchid --dir "$D" --graphics none >/dev/null 2>"$T/e.err"
rc=$?
[ $rc -eq 1 ] && grep -q "nosuchid" "$T/e.err" && ok show_bad_id || fail show_bad_id "exit $rc"
"$BIN" show "$ID" --dir "$D" --overlay bogus >/dev/null 2>&1
[ $? -eq 2 ] && ok show_bad_overlay || fail show_bad_overlay "want exit 2"
exit 0
