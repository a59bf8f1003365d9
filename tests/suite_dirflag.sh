#!/bin/sh
# Every command that works on a dataset takes it as --dir DIR (-d) too; the
# ones that take it as [DIR] refuse both (tests/suite_cmd.sh checks the message).
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { if eval "$2"; then echo "ok   dirflag/$1"; else echo "FAIL dirflag/$1"; fi; }
"$bin" demo "$tmp/d" --count 3 -q >/dev/null 2>&1
"$bin" stats "$tmp/d" -q >"$tmp/a" 2>/dev/null
"$bin" stats -d "$tmp/d" -q >"$tmp/b" 2>/dev/null
t stats '[ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"'
"$bin" stats --dir "$tmp/d" "$tmp/d" >/dev/null 2>&1
t stats-twice '[ $? -eq 2 ]'
"$bin" info -d "$tmp/d" >"$tmp/c" 2>/dev/null
t info '[ -s "$tmp/c" ]'
"$bin" info "$tmp/d" >"$tmp/c2" 2>/dev/null
t info-positional 'cmp -s "$tmp/c" "$tmp/c2"'
"$bin" info --dir "$tmp/d" "$tmp/d" >/dev/null 2>&1
t info-twice '[ $? -eq 2 ]'
"$bin" explore "$tmp/d" -d "$tmp/d" --bench 1 >/dev/null 2>&1
t explore-twice '[ $? -eq 2 ]'
"$bin" explore -d "$tmp/d" --bench 1 >"$tmp/e" 2>/dev/null
t explore 'grep -q "open 3 CXRs" "$tmp/e"'
"$bin" -d "$tmp/d" --bench 1 >"$tmp/e2" 2>/dev/null
t no-command 'grep -q "open 3 CXRs" "$tmp/e2"'
exit 0
