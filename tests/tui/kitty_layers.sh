#!/bin/sh
# tests/tui/kitty_layers.sh [BIN]: with kitty graphics only what changed is
# sent. On a pretend kitty terminal (../shared/tools/ptyterm.py --kitty,
# 120x40 cells of 10x20 px), the explorer's commands counted per key and
# replayed by tests/tools/kitty_screen.py: turning the GT overlay off is a
# delete, on again one image and not the X-ray; the probe is one image, and
# moving it a new placement only; help deletes the placements (nothing left
# on the screen) but keeps the images, and leaving it places them again (at
# most 1 KB of graphics, the same picture as before help) in at most 1 KB
# written in all (help is a popup over the picture pane: the text beneath
# is not written again, issue 13's target); Ctrl-L sends
# the images again (a clear frees them in kitty); after quitting,
# the terminal holds no image; ten keys 50 ms apart on a modelled 10 Mbit/s
# link send at most 5 X-rays (one picture in flight).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
KS=$top/tests/tools/kitty_screen.py
if ! [ -f "$PT" ] || ! command -v python3 >/dev/null; then
	skip kitty_layers "needs python3 and ../shared/tools/ptyterm.py"
	exit 0
fi
CL=$(printf '\014')
python3 "$PT" --kitty --keys "1,1,i,j,?,q,$CL,q" --gap 1.2 --settle 3 --log "$T/k.log" -- \
    "$BIN" "$D" >"$T/k.json" 2>/dev/null
# KEY BYTES APC T P D XRAY per part of the log
python3 "$KS" "$T/k.log" 10 20 --per-key "$T/k.json" >"$T/per" 2>"$T/per.err"
part() { sed -n "$1p" "$T/per"; }
# where part N ends in the log
end_of() { awk -v n="$1" 'NR <= n { s += $2 } END { print s }' "$T/per"; }
set -- $(part 2)
if [ "${1:-}" = 1 ] && [ "$4" -eq 0 ] && [ "$6" -ge 1 ] && [ "$3" -le 1024 ]; then
	ok explore_kitty_overlay_off_is_a_delete
else
	fail explore_kitty_overlay_off_is_a_delete "GT off: $(part 2) (key bytes apc T p d xray)"
fi
set -- $(part 3)
if [ "${1:-}" = 1 ] && [ "$4" -eq 1 ] && [ "$7" -eq 0 ] && [ "$3" -le 30000 ]; then
	ok explore_kitty_overlay_on_sends_its_layer
else
	fail explore_kitty_overlay_on_sends_its_layer "GT on: $(part 3) (key bytes apc T p d xray)"
fi
set -- $(part 4)
if [ "${1:-}" = i ] && [ "$4" -eq 1 ] && [ "$7" -eq 0 ] && [ "$3" -le 2048 ]; then
	ok explore_kitty_probe_is_a_layer
else
	fail explore_kitty_probe_is_a_layer "probe on: $(part 4) (key bytes apc T p d xray)"
fi
set -- $(part 5)
if [ "${1:-}" = j ] && [ "$4" -eq 0 ] && [ "$5" -eq 1 ] && [ "$3" -le 200 ]; then
	ok explore_kitty_probe_move_is_a_placement
else
	fail explore_kitty_probe_move_is_a_placement "probe move: $(part 5) (key bytes apc T p d xray)"
fi
python3 "$KS" "$T/k.log" 10 20 --upto "$(end_of 5)" >"$T/before" 2>&1
python3 "$KS" "$T/k.log" 10 20 --upto "$(end_of 6)" --left >"$T/help" 2>&1
python3 "$KS" "$T/k.log" 10 20 --upto "$(end_of 7)" >"$T/after" 2>&1
set -- $(part 6)
if [ "${1:-}" = "?" ] && [ "$6" -ge 1 ] && grep -q "^placements 0 images [1-9]" "$T/help"; then
	ok explore_kitty_help_hides_the_picture
else
	fail explore_kitty_help_hides_the_picture "help: $(part 6); then $(cat "$T/help")"
fi
set -- $(part 7)
if [ "${1:-}" = q ] && [ "$4" -eq 0 ] && [ "$5" -ge 1 ] && [ "$3" -le 1024 ] && [ -s "$T/before" ] \
    && cmp -s "$T/before" "$T/after"; then
	ok explore_kitty_leaving_help_places_again
else
	fail explore_kitty_leaving_help_places_again "leave help: $(part 7); before: $(head -3 "$T/before" | tr '\n' '/') after: $(head -3 "$T/after" | tr '\n' '/')"
fi
# Everything written from the key to the picture back: text and graphics.
set -- $(part 7)
if [ "${1:-}" = q ] && [ "$2" -le 1024 ]; then
	ok explore_kitty_leaving_help_under_1kb
else
	fail explore_kitty_leaving_help_under_1kb "leave help: ${2:-?} bytes written (${3:-?} of graphics), want <= 1024"
fi
# Ctrl-L clears the terminal (which frees kitty's images): all sent again
python3 "$KS" "$T/k.log" 10 20 --upto "$(end_of 8)" >"$T/redrawn" 2>&1
set -- $(part 8)
if [ "$4" -ge 1 ] && [ -s "$T/before" ] && cmp -s "$T/before" "$T/redrawn"; then
	ok explore_kitty_ctrl_l_sends_again
else
	fail explore_kitty_ctrl_l_sends_again "Ctrl-L: $(part 8); before: $(head -3 "$T/before" | tr '\n' '/') after: $(head -3 "$T/redrawn" | tr '\n' '/')"
fi
left=$(python3 "$KS" "$T/k.log" 10 20 --left 2>&1)
if [ "$left" = "placements 0 images 0" ] && [ "$(sed -n 9p "$T/per" | cut -d' ' -f1)" = q ]; then
	ok explore_kitty_nothing_left_after_quit
else
	fail explore_kitty_nothing_left_after_quit "after quitting: $left"
fi
# ten j 50 ms apart at 10 Mbit/s, then idle: no queue of stale pictures.
# kitty's frames (~40 KB here) fit the link, so up to one per key may be
# sent (sixel's, three times larger, cannot: tests/tui/picture_in_flight.sh
# holds those to 5); what must hold is that after the last key at most two
# pictures' bytes are still on their way.
python3 "$PT" --kitty --rate 1250 --keys "j,j,j,j,j,j,j,j,j,j,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z" \
    --gap 0.05 --settle 3 --log "$T/b.log" -- "$BIN" "$D" >"$T/b.json" 2>/dev/null
xrays=$(python3 "$KS" "$T/b.log" 10 20 --per-key "$T/b.json" 2>/dev/null | awk 'NR > 1 { s += $7 } END { print s + 0 }')
late=$(python3 -c '
import json, sys
k = json.load(open(sys.argv[1]))["keys"]
frame = max(x["bytes"] for x in k if x["key"] == "j")
after = sum(x["bytes"] for x in k if x["key"] == "z")
print("ok" if after <= 2 * frame else "%d bytes after the last key (frames up to %d)" % (after, frame))' "$T/b.json" 2>&1)
if [ "$xrays" -ge 1 ] && [ "$xrays" -le 10 ] && [ "$late" = ok ]; then ok explore_kitty_one_picture_in_flight
else fail explore_kitty_one_picture_in_flight "ten keys at 10 Mbit/s: $xrays X-rays sent; $late"; fi
exit 0
