#!/bin/sh
# The right words and exit codes (issue 15's "wrong words"): `stats DIR` with
# a corrupt discovered file prints its summary and the file's error but
# exits 1, as `info` does; `inspect DIR` says it was given a folder.
# Usage: tests/suite_words.sh BIN
. "$(dirname "$0")/lib.sh"
bin=$1
prefix=words/
"$bin" demo "$tmp/d" --count 3 -q >/dev/null 2>&1 || { fail words/demo "demo failed"; exit 0; }
mkdir "$tmp/b"
cp -r "$tmp/d/valid" "$tmp/d/valid.csv" "$tmp/d/gt_segmentations_val.json" "$tmp/b/"
printf '{"x": ' >"$tmp/b/gradcam_segmentations_val.json"
"$bin" stats "$tmp/b" >"$tmp/out" 2>"$tmp/err"
rc=$?
t stats-corrupt-file-exit '[ $rc -eq 1 ]'
t stats-corrupt-file-summary '[ -s "$tmp/out" ]'
t stats-corrupt-file-names-it 'grep -q "gradcam_segmentations_val.json:1:7: " "$tmp/err"'
"$bin" stats "$tmp/d" -q >/dev/null 2>&1
rc=$?
t stats-clean-exit '[ $rc -eq 0 ]'
mkdir "$tmp/folder.pkl"
"$bin" inspect "$tmp/folder.pkl" >"$tmp/out" 2>"$tmp/err"
rc=$?
t inspect-folder '[ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "folder.pkl: a folder, not a file" "$tmp/err"'
exit 0
