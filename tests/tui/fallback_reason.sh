#!/bin/sh
# tests/tui/fallback_reason.sh [BIN]: auto graphics in tmux without sixel: the status line says why.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_fallback_reason
# Auto graphics inside tmux without sixel: the status line says why the
# picture fell back to half blocks and what would give sixel.
SOCK="$T/tmux5.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env TERM=xterm-256color '$BIN' '$D'; sleep 30"
if wait_for "CXRs.*first screen"; then
	if grep -q "sixel, [0-9]* colours" "$T/cap"; then
		skip explore_fallback_reason "this tmux does sixel"
	elif tail -1 "$T/cap" | grep -q "half blocks: .*\(--graphics sixel\|allow-passthrough on\)"; then
		ok explore_fallback_reason
	else
		fail explore_fallback_reason "$(tail -1 "$T/cap")"
	fi
else
	fail explore_fallback_reason "no first-screen status: $(tail -1 "$T/cap")"
fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
