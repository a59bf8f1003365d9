#!/bin/sh
# tests/tui/probe_zoom.sh [BIN]: the probe moves in four directions (h/l and
# Left/Right as well as j/k and Up/Down), and a zoom does not carry over to
# the next CXR.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_probe_four_ways
SOCK="$T/tmux-pz.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env TERM=xterm-256color '$BIN' '$D' --graphics none 2>'$T/pz.err'; sleep 30"
wait_for "$N/$N CXRs" >/dev/null
probe() { cap | grep -o 'probe x=[0-9]* y=[0-9]*' | tr -dc '0-9 ' | awk '{print $1, $2}'; }
keys i
P0=$(probe)
keys Right
P1=$(probe)
keys l
P2=$(probe)
keys Left
P3=$(probe)
keys Up
P4=$(probe)
keys i
if echo "$P0|$P1|$P2|$P3|$P4" | awk -F'|' '{split($1,a," "); split($2,b," "); split($3,c," "); split($4,d," "); split($5,e," ");
    exit !(b[1] > a[1] && b[2] == a[2] && c[1] > b[1] && d[1] == b[1] && e[2] < d[2] && e[1] == d[1])}'; then
	ok explore_probe_four_ways
else
	fail explore_probe_four_ways "probe at '$P0', Right '$P1', l '$P2', Left '$P3', Up '$P4'"
fi
# Zoom in, then the next CXR: whole again.
keys +
wait_for "zoom 2x" >/dev/null
keys j
if wait_for "zoom 1x" && ! grep -q "zoom 2x" "$T/cap"; then ok explore_zoom_resets_on_next_cxr
else fail explore_zoom_resets_on_next_cxr "$(grep -o 'zoom [0-9]*x[^|]*' "$T/cap" | head -1)"; fi
keys q
sleep 0.3
[ -s "$T/pz.err" ] && fail probe_zoom_clean_exit "$(head -1 "$T/pz.err")"
tm kill-server >/dev/null 2>&1
exit 0
