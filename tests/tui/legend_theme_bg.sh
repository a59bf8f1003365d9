#!/bin/sh
# tests/tui/legend_theme_bg.sh [BIN]: the legend keeps the theme's background (high-contrast).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_legend_theme_bg
# The legend keeps the theme's background (high-contrast: black, not the
# terminal's default).
SOCK="$T/tmux8.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env TERM=xterm-256color '$BIN' '$D' --graphics none --theme high-contrast; sleep 30"
wait_for "CXRs" >/dev/null
keys 3
tm capture-pane -p -e -t x >"$T/capE"
seq=$(grep -a 'error(' "$T/capE" | grep -o "error($(printf '\033')\[[0-9;]*m\($(printf '\033')\[[0-9;]*m\)*TP" | head -1)
case $seq in
"") fail explore_legend_theme_bg "no coloured TP" ;;
*'[49m'*|*';49m'*|*'[7m'*|*';7m'*) fail explore_legend_theme_bg "$(printf '%s' "$seq" | cat -v)" ;;
*) ok explore_legend_theme_bg ;;
esac
keys q
tm kill-server >/dev/null 2>&1
exit 0
