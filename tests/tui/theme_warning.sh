#!/bin/sh
# tests/tui/theme_warning.sh [BIN]: a theme with a bad line: a file:line: warning, the rest applies.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_theme_warning
SOCK="$T/tmux3.sock"
# A theme with a bad line: a file:line: warning, the rest applies.
printf 'title = white,blue,bold\nnosuchrole = red,default,\n' >"$T/bad.theme"
tm -f /dev/null new-session -d -s x -x 160 -y 45 "'$BIN' '$D' --graphics none --theme '$T/bad.theme'; sleep 30"
if wait_for "bad.theme:2: unknown role"; then ok explore_theme_warning; else fail explore_theme_warning "$(tail -1 "$T/cap")"; fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
