#!/bin/sh
# tests/bench/probe_lat.sh BIN DIR: the probe's source pixel end to end in
# tmux (--graphics none): for each of the first three CXRs of DIR (ids
# patientNNNNN_study1_view1_frontal, as `demo` writes them), the time from
# sending i until the status line shows "source (col,row)" (the first probe
# on a CXR decodes its original image), a probe move (j), and the probe on
# again (the image cached); and one capture-pane, the polling's own cost.
# Twice over the three. For BENCHMARKS.md; not a test.
B=$1 D=$2 W=$(mktemp -d) S=
S=$W/tmux.sock
trap 'tmux -S "$S" kill-server 2>/dev/null; rm -rf "$W"' EXIT
tmux -S "$S" -f /dev/null new-session -d -s x -x 200 -y 50 \
    "env XDG_STATE_HOME=$W/st XDG_CONFIG_HOME=$W/cfg TERM=xterm-256color $B $D --graphics none; sleep 120"
ids=$(ls "$D/valid" | head -3)
n=0; until tmux -S "$S" capture-pane -p -t x | grep -q "CXRs" || [ $n -gt 200 ]; do sleep 0.05; n=$((n + 1)); done
sleep 1
ms() { date +%s%N | awk '{printf "%.1f", $1/1e6}'; }
src() { tmux -S "$S" capture-pane -p -t x | grep -o 'source ([0-9]*,[0-9]*)'; }
until_src() { n=0; until { [ -n "$(src)" ] && [ "$(src)" != "$1" ]; } || [ $n -gt 400 ]; do n=$((n + 1)); done; }
until_nosrc() { n=0; until [ -z "$(src)" ] || [ $n -gt 400 ]; do n=$((n + 1)); done; }
for rep in 1 2; do
	for id in $ids; do
		tmux -S "$S" send-keys -t x : "${id}_study1_view1_frontal" Enter
		n=0; until tmux -S "$S" capture-pane -p -t x | grep -q "${id}_study1_view1_frontal |" || [ $n -gt 200 ]; do sleep 0.02; n=$((n + 1)); done
		sleep 0.5
		t0=$(ms); tmux -S "$S" send-keys -t x i; until_src ""; t1=$(ms)
		last=$(src)
		t2=$(ms); tmux -S "$S" send-keys -t x j; until_src "$last"; t3=$(ms)
		tmux -S "$S" send-keys -t x i; until_nosrc
		t4=$(ms); tmux -S "$S" send-keys -t x i; until_src ""; t5=$(ms)
		tmux -S "$S" send-keys -t x i; until_nosrc
		t6=$(ms); src >/dev/null; t7=$(ms)
		echo "$id: probe on, first on this CXR $(echo "$t1 - $t0" | bc) ms; a move $(echo "$t3 - $t2" | bc) ms; on again (cached) $(echo "$t5 - $t4" | bc) ms; one poll $(echo "$t7 - $t6" | bc) ms"
	done
done
