#!/bin/sh
# tests/tui/theme_256_on_8.sh [BIN]: a 256-colour user theme on an 8-colour terminal.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_theme_256_on_8_colours
# A user theme in 256-colour indices on an 8-colour terminal (TERM=xterm):
# each colour becomes the nearest basic one (196 -> bold red, 21 -> blue),
# not the terminal's default.
SOCK="$T/tmux-t8.sock"
printf 'title = 196,21,\n' >"$T/t256.theme"
tm -f /dev/null new-session -d -s x -x 150 -y 30 \
    "env TERM=xterm '$BIN' explore '$D' --theme '$T/t256.theme' --graphics none; sleep 30"
if wait_for "CXRs.*first screen"; then
	tm capture-pane -e -p -t x | head -1 >"$T/t8"
	if grep -q "$(printf '\033')\[31m" "$T/t8" && grep -q "$(printf '\033')\[44m" "$T/t8"; then
		ok explore_theme_256_on_8_colours
	else
		fail explore_theme_256_on_8_colours "title line: $(cat -v "$T/t8" | head -c 120)"
	fi
else
	fail explore_theme_256_on_8_colours "no first screen: $(tail -1 "$T/cap")"
fi
tm kill-server >/dev/null 2>&1
exit 0
