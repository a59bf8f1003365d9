#!/bin/sh
# tests/tui/burst_hold.sh [BIN]: keys faster than a picture costs hold the
# picture until they pause (loop.c, burst_hold_ms). On a pretend terminal
# behind a modelled 10 Mbit/s link (../shared/tools/ptyterm.py --rate 1250),
# ten 'j' 50 ms apart: at most 3 pictures with sixel and 3 X-rays with kitty
# (the first key's, at most one on the way, the one the keys stop at; one in
# flight alone sent 6 of each), and the last sixel picture is the one a
# fast run of the same keys ends on.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
if ! [ -f "$PT" ] || ! command -v python3 >/dev/null; then
	skip burst_hold "needs python3 and ../shared/tools/ptyterm.py"
	exit 0
fi
keys=j,j,j,j,j,j,j,j,j,j
idle=z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z
last_frame() {
	python3 -c '
import hashlib, re, sys
d = open(sys.argv[1], "rb").read()
f = [hashlib.md5(m.group(0)).hexdigest() for m in re.finditer(rb"\x1bP[0-9;]*q[^\x1b]*\x1b\\", d)]
print(f[-1] if f else "none")' "$1"
}
# pictures after the first screen: sixel DCS, or kitty X-rays (z=1 layers)
count() {
	python3 -c '
import json, re, sys
j = json.load(open(sys.argv[1]))
if sys.argv[2] == "sixel":
    print(sum(k["sixel"] for k in j["keys"]))
else:
    d = open(sys.argv[3], "rb").read()[j["first"]["bytes"]:]
    print(sum(1 for c in re.findall(rb"\x1b_G([^;\x1b]*)", d) if b"a=T" in c and re.search(rb"(^|,)z=1(,|$)", c)))' "$@" 2>/dev/null || echo 99
}
for mode in sixel kitty; do
	k=; [ $mode = kitty ] && k=--kitty
	python3 "$PT" $k --rate 1250 --keys "$keys,$idle" --gap 0.05 --settle 2 --log "$T/b-$mode.log" -- \
	    "$BIN" "$D" --graphics $mode >"$T/b-$mode.json" 2>"$T/b-$mode.err"
	n=$(count "$T/b-$mode.json" $mode "$T/b-$mode.log")
	if [ "$n" -ge 1 ] && [ "$n" -le 3 ]; then ok burst_hold_$mode
	else fail burst_hold_$mode "$n pictures for ten keys 50 ms apart at 10 Mbit/s (want 1..3)"; fi
done
python3 "$PT" --keys "$keys,z" --gap 0.3 --settle 3 --log "$T/fast.log" -- \
    "$BIN" "$D" --graphics sixel >"$T/fast.json" 2>/dev/null
if [ "$(last_frame "$T/b-sixel.log")" = "$(last_frame "$T/fast.log")" ]; then ok burst_hold_latest_state
else fail burst_hold_latest_state "the burst's last picture is not the CXR the keys stop at"; fi
exit 0
