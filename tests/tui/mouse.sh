#!/bin/sh
# tests/tui/mouse.sh [BIN]: mouse (SGR reports; NO_COLOR, error map): a click selects a CXR,
# the wheel moves the selection.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_mouse_click
SOCK="$T/tmux7.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env NO_COLOR=1 TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
wait_for "CXRs" >/dev/null
keys 3
wait_for "TP diagonal/FP rows/FN columns" >/dev/null
# Mouse (SGR reports): a click on the fourth row selects that CXR.
cap >"$T/cap"
FOURTH=$(sed -n 6p "$T/cap" | awk '{print $1}' | tr / _)
tm send-keys -t x -l "$(printf '\033[<0;10;6M')"; tm send-keys -t x -l "$(printf '\033[<0;10;6m')"
if wait_for " $FOURTH |"; then ok explore_mouse_click; else fail explore_mouse_click "want $FOURTH: $(grep zoom "$T/cap")"; fi
# The wheel over the list moves the selection three rows down (row 6 -> 9),
# then three up (back to the fourth CXR).
SEVENTH=$(sed -n 9p "$T/cap" | awk '{print $1}' | tr / _)
tm send-keys -t x -l "$(printf '\033[<65;10;6M')"
if wait_for " $SEVENTH |"; then
	tm send-keys -t x -l "$(printf '\033[<64;10;6M')"
	if wait_for " $FOURTH |"; then ok explore_mouse_wheel_list
	else fail explore_mouse_wheel_list "wheel up: want $FOURTH: $(grep zoom "$T/cap")"; fi
else
	fail explore_mouse_wheel_list "wheel down: want $SEVENTH: $(grep zoom "$T/cap")"
fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
