#!/bin/sh
# tests/tui/escapes.sh [BIN]: escape bytes in a data file's id and in the folder name stay escaped.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_escaped_file_error
# A GT file whose id holds escape bytes, and no images: the file's error
# stays in the status line (not a per-CXR "no image"), escaped; the title
# escapes a folder name with escape bytes too.
EDIR="$T/$(printf 'e\033]0;pwn\007dir')"
mkdir -p "$EDIR"
cp "$PRED" "$EDIR/"
printf '{"patient9\\u001b]0;pwn\\u0007_study1_view1_frontal": {}}' >"$EDIR/gt_segmentations_val.json"
SOCK="$T/tmux6.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env TERM=xterm-256color '$BIN' '$EDIR' --graphics none; sleep 30"
if wait_for 'gt_segmentations_val.json:patient9\\x1b\]0;pwn\\x07'; then
	ok explore_escaped_file_error
else
	fail explore_escaped_file_error "$(tail -1 "$T/cap")"
fi
tm capture-pane -p -e -t x >"$T/capE"
if grep -q "$(printf '\007')" "$T/capE" || ! head -1 "$T/cap" | grep -q 'e\\x1b\]0;pwn\\x07dir'; then
	fail explore_escaped_title "$(head -1 "$T/cap")"
else
	ok explore_escaped_title
fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
