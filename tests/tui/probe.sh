#!/bin/sh
# tests/tui/probe.sh [BIN]: the pixel probe without graphics (NO_COLOR, error map): it starts in
# the middle of the image and the arrows move it.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_probe_text_mode
SOCK="$T/tmux7.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env NO_COLOR=1 TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
wait_for "CXRs" >/dev/null
keys 3
wait_for "TP diagonal/FP rows/FN columns" >/dev/null
# The pixel probe works without graphics too: it starts in the middle of the
# image and the arrows move it.
cap >"$T/cap"
WH=$(grep -o '[0-9]* x [0-9]* pixels' "$T/cap" | head -1)
keys i
P1=$(cap | grep -o 'probe x=[0-9]* y=[0-9]*')
keys Down
P2=$(cap | grep -o 'probe x=[0-9]* y=[0-9]*')
keys i
if [ -n "$P1" ] && echo "$WH $P1 $P2" | awk '{w=$1; h=$3; split($6,x,"="); split($7,y,"="); split($10,y2,"=");
    exit !(x[2] > w*0.4 && x[2] < w*0.6 && y[2] > h*0.4 && y[2] < h*0.6 && y2[2] > y[2])}'; then
	ok explore_probe_text_mode
else
	fail explore_probe_text_mode "image $WH: '$P1' then '$P2'"
fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
