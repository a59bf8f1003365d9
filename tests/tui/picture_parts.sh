#!/bin/sh
# tests/tui/picture_parts.sh [BIN]: send only what changed. On a pretend
# sixel terminal (../shared/tools/ptyterm.py, 120x40 cells of 10x20 px):
# toggling the GT overlay or the error map sends only the rectangle that
# changed (well under the whole picture, and at most 100 KB), and the
# pictures the parts make on the screen (replayed by tests/tools/
# sixel_screen.py) are the whole picture the explorer sends after Ctrl-L.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
if ! [ -f "$PT" ] || ! command -v python3 >/dev/null; then
	skip picture_parts "needs python3 and ../shared/tools/ptyterm.py"
	exit 0
fi
CL=$(printf '\014')
python3 "$PT" --keys "1,3,a,2,Tab,j,j,$CL,z" --gap 0.6 --settle 3 --log "$T/p.log" -- \
    "$BIN" "$D" >"$T/p.json" 2>"$T/p.err"
# bytes: the first picture, then after each key
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["first"]["bytes"], *[k["bytes"] for k in d["keys"]])' "$T/p.json" >"$T/bytes" 2>/dev/null
read -r first gt err rest <"$T/bytes"
if [ "${first:-0}" -gt 50000 ] && [ "${gt:-0}" -gt 0 ] && [ $((gt * 100)) -le $((first * 40)) ] && [ "$gt" -le 100000 ]; then
	ok explore_overlay_toggle_sends_the_change
else
	fail explore_overlay_toggle_sends_the_change "GT toggle: $gt bytes after a first picture of $first"
fi
if [ "${err:-0}" -gt 0 ] && [ $((err * 100)) -le $((first * 60)) ] && [ "$err" -le 100000 ]; then
	ok explore_error_map_sends_the_change
else
	fail explore_error_map_sends_the_change "error map: $err bytes after a first picture of $first"
fi
# Arrows as a terminal in normal mode sends them (ESC [ B, ESC [ C): the
# probe moves (a piece of picture after each).
python3 "$PT" --keys "i,Down,Right,z" --gap 0.6 --settle 3 -- "$BIN" "$D" >"$T/a.json" 2>/dev/null
moved=$(python3 -c '
import json, sys
k = json.load(open(sys.argv[1]))["keys"]
print(int(k[1]["sixel"] > 0 and k[2]["sixel"] > 0))' "$T/a.json" 2>/dev/null)
if [ "$moved" = 1 ]; then ok explore_normal_mode_arrows
else fail explore_normal_mode_arrows "no picture after Down / Right: $(head -c 300 "$T/a.json")"; fi
psnr=$(python3 "$top/tests/tools/sixel_screen.py" "$T/p.log" 10 20 --compare-last 2>&1)
case $psnr in
inf) ok explore_parts_make_the_whole ;;
[4-9][0-9].*|[1-9][0-9][0-9].*) ok explore_parts_make_the_whole ;;
*) fail explore_parts_make_the_whole "screen from the parts vs the whole picture: PSNR $psnr dB" ;;
esac
exit 0
