#!/bin/sh
# tests/tui/nocolor.sh [BIN]: NO_COLOR: no colour in the text; the legend names the hatchings.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_nocolor_legend
# NO_COLOR: no colour in the text, and the error map's legend names the
# hatching patterns that replace the colours.
SOCK="$T/tmux7.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env NO_COLOR=1 TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
wait_for "CXRs" >/dev/null
keys 3
if wait_for "TP diagonal/FP rows/FN columns"; then ok explore_nocolor_legend; else fail explore_nocolor_legend "$(grep zoom "$T/cap")"; fi
tm capture-pane -p -e -t x >"$T/capE"
if grep -q "$(printf '\033')\[[0-9;]*\(3[0-7]\|38;5;[0-9]*\|4[0-7]\)m" "$T/capE"; then
	fail explore_nocolor_text "colour escapes: $(grep -o "$(printf '\033')\[[0-9;]*m" "$T/capE" | sort -u | cat -v | tr '\n' ' ')"
else
	ok explore_nocolor_text
fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
