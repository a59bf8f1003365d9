#!/bin/sh
# tests/tui/bad_file.sh [BIN]: a broken data file: its error in the status line, the rest browsable.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_bad_file_status
SOCK="$T/tmux2.sock"
# A broken data file: its error (file:line:col) shows in the status line and
# the rest stays browsable.
mkdir "$T/b"
cp -r "$D/valid" "$D/valid.csv" "$GT" "$T/b/"
printf '{"%s": {"Edema": {"size": [4, 4], "counts": "x' "$ID" >"$T/b/gradcam_segmentations_val.json"
tm -f /dev/null new-session -d -s x -x 160 -y 45 "'$BIN' '$T/b' --graphics none; sleep 30"
if wait_for "gradcam_segmentations_val.json:" && grep -q "$N/$N CXRs" "$T/cap"; then
	ok explore_bad_file_status
else
	fail explore_bad_file_status "$(tail -1 "$T/cap")"
fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
