#!/bin/sh
# tests/tui/help_clears_picture.sh [BIN]: opening a text screen (help,
# statistics) over the picture clears the terminal first, so no stripes of
# the sixel picture stay between its lines (pretend sixel terminal,
# ../shared/tools/ptyterm.py).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
if ! [ -f "$PT" ] || ! command -v python3 >/dev/null; then
	skip help_clears_picture "needs python3 and ../shared/tools/ptyterm.py"
	exit 0
fi
for k in '?' S; do
	python3 "$PT" --keys "$k,z" --gap 0.5 --settle 3 --log "$T/h.log" -- "$BIN" "$D" >/dev/null 2>&1
	# a clear-screen after the end of the first picture
	if python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
p = d.find(b"\x1bP")
end = d.find(b"\x1b\\", p)
sys.exit(0 if p >= 0 and end > p and d.find(b"\x1b[2J", end) > end else 1)' "$T/h.log"; then
		ok "explore_text_screen_clears_picture_$([ "$k" = S ] && echo stats || echo help)"
	else
		fail "explore_text_screen_clears_picture_$k" "no clear after the picture when '$k' opens a text screen"
	fi
done
exit 0
