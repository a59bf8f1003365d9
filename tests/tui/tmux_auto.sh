#!/bin/sh
# tests/tui/tmux_auto.sh [BIN]: `show --graphics auto` inside tmux in a pretend terminal
# (fake_term.py): sixel through passthrough, else half blocks.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux tmux_auto_passthrough_sixel
# --graphics auto inside tmux, in a pretend terminal (fake_term.py answers DA1
# with or without 4, XTSMGRAPHICS, the cell size): with allow-passthrough on
# and a sixel outer terminal the picture arrives at the outer terminal as
# sixel (tmux unwraps the passthrough) and decodes with the GT where it should
# be; passthrough off or an outer terminal without sixel give half blocks;
# nothing waits for answers that never come.
if command -v python3 >/dev/null; then
	FT="python3 $HERE/fake_term.py --timeout 40"
	# Extract the first sixel DCS of a terminal log.
	dcs() { python3 -c 'import re, sys
m = re.search(rb"\x1bP[0-9;]*q.*?\x1b\\", open(sys.argv[1], "rb").read(), re.S)
sys.stdout.buffer.write(m.group(0) if m else b"")' "$1"; }
	ftcase() {	# name, fake_term flags, allow-passthrough, want (sixel|blocks)
		printf 'set -g allow-passthrough %s\n' "$3" >"$T/ft.conf"
		rm -f "$T/ft.rc" "$T/ft.log"
		LC_ALL=C.UTF-8 $FT $2 "$T/ft.log" tmux -S "$T/ft-$1.sock" -f "$T/ft.conf" new-session \
		    "'$BIN' show '$ID' --dir '$D' --overlay gt --pathology '$P' --width 200 2>'$T/ft.err'; echo \$? >'$T/ft.rc'; sleep 1" \
		    >/dev/null 2>&1
		ftrc=$?
		tmux -S "$T/ft-$1.sock" kill-server >/dev/null 2>&1
		if [ $ftrc -eq 124 ]; then fail "$1" "still running after 40 s"; return; fi
		if [ "$(cat "$T/ft.rc" 2>/dev/null)" != 0 ]; then fail "$1" "show: exit $(cat "$T/ft.rc" 2>/dev/null) $(head -1 "$T/ft.err")"; return; fi
		dcs "$T/ft.log" >"$T/ft.six"
		case $4 in
		sixel)
			if ! [ -s "$T/ft.six" ]; then fail "$1" "no sixel reached the outer terminal"
			elif checker sixel_check "$1"; then
				r=$("$chk" "$T/ft.six" "$GT" "$ID" "$P")
				case $r in ok*) ok "$1" ;; *) fail "$1" "$r" ;; esac
			fi ;;
		blocks)
			if [ -s "$T/ft.six" ]; then fail "$1" "sixel written"
			elif grep -q '▀' "$T/ft.log"; then ok "$1"
			else fail "$1" "no half blocks"; fi ;;
		esac
	}
	ftcase tmux_auto_passthrough_sixel "" on sixel
	ftcase tmux_auto_passthrough_off "" off blocks
	ftcase tmux_auto_outer_no_sixel --no-sixel on blocks
else
	skip tmux_auto_passthrough_sixel "needs python3 for the pretend terminal"
fi
exit 0
