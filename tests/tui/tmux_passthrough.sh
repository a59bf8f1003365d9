#!/bin/sh
# tests/tui/tmux_passthrough.sh [BIN]: the explorer inside tmux in a pretend sixel terminal says
# it draws via passthrough, and sixel reaches the outer terminal.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_tmux_passthrough
# The explorer inside tmux, in a pretend sixel terminal (fake_term.py) with
# allow-passthrough on: the status line says sixel via passthrough.
if command -v python3 >/dev/null; then
	FT="python3 $HERE/fake_term.py --timeout 40"
	# The explorer says how it draws: sixel via passthrough.
	SOCK="$T/ft-x.sock"
	printf 'set -g allow-passthrough on\n' >"$T/ft.conf"
	LC_ALL=C.UTF-8 $FT "$T/ftx.log" tmux -S "$SOCK" -f "$T/ft.conf" new-session -s x \
	    "'$BIN' '$D'; sleep 30" >/dev/null 2>&1 &
	ftpid=$!
	if wait_for "via tmux passthrough"; then
		# And a picture reached the outer terminal as sixel.
		i=0
		while [ $i -lt 50 ] && ! grep -q "$(printf '\033P')[0-9;]*q" "$T/ftx.log"; do sleep 0.1; i=$((i + 1)); done
		if grep -q "$(printf '\033P')[0-9;]*q" "$T/ftx.log"; then ok explore_tmux_passthrough; else fail explore_tmux_passthrough "no sixel in the outer terminal"; fi
	else
		fail explore_tmux_passthrough "$(tail -1 "$T/cap")"
	fi
	keys q
	tm kill-server >/dev/null 2>&1
	wait $ftpid 2>/dev/null
else
	skip explore_tmux_passthrough "needs python3 for the pretend terminal"
fi
exit 0
