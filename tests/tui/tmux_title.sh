#!/bin/sh
# tests/tui/tmux_title.sh [BIN]: inside tmux the explorer's terminal queries
# leave the pane's title alone. tmux takes an APC string as the pane title:
# the kitty graphics query sent to tmux itself (not through passthrough)
# made the title "Gi=31,s=1,v=1,a=q,t" in the status line, kept after exit
# (seen in a real kitty 0.26 running tmux 3.3a).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_tmux_title
tm -f /dev/null new-session -d -s x -x 160 -y 45 \
    "printf '\033]2;before\033\\\\'; env TERM=xterm-256color '$BIN' '$D' 2>'$T/explore.err'; echo \$? >'$T/explore.rc'; sleep 30" ||
    { fail explore_tmux_title "tmux did not start"; exit 0; }
wait_for "$N/$N CXRs" >/dev/null
title=$(tm display -p -t x '#{pane_title}')
case $title in
*a=q*|*Gi=*) fail explore_tmux_title "pane title is now \"$title\"" ;;
*) ok explore_tmux_title ;;
esac
explore_close explore_tmux_title_exit
exit 0
