#!/bin/sh
# tests/tui/picture_in_flight.sh [BIN]: at most one picture in flight. On a
# pretend sixel terminal behind a modelled 5 Mbit/s link with SSH's deep
# buffer (../shared/tools/ptyterm.py --rate), ten 'j' 50 ms apart send at most
# five pictures, the last of them the picture of the CXR the keys end on; on a
# fast terminal every key still gets its picture. The terminal's DA1 answers
# never read as keys (the last picture is the one the fast run ends on).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
if ! [ -f "$PT" ] || ! command -v python3 >/dev/null; then
	skip picture_in_flight "needs python3 and ../shared/tools/ptyterm.py"
	exit 0
fi
keys=j,j,j,j,j,j,j,j,j,j
# then an unbound key (no picture) while the link drains (the pretend
# terminal stops reading after the last key's gap)
idle=z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z
# frames LOG: the pictures (DCS ... ST) written, one md5 a line
frames() {
	python3 -c '
import hashlib, re, sys
d = open(sys.argv[1], "rb").read()
for m in re.finditer(rb"\x1bP[0-9;]*q[^\x1b]*\x1b\\", d):
    print(hashlib.md5(m.group(0)).hexdigest())' "$1"
}
python3 "$PT" --rate 625 --keys "$keys,$idle" --gap 0.05 --settle 3 --log "$T/slow.log" -- \
    "$BIN" "$D" >"$T/slow.json" 2>"$T/slow.err"
python3 "$PT" --keys "$keys,z" --gap 0.3 --settle 3 --log "$T/fast.log" -- \
    "$BIN" "$D" >"$T/fast.json" 2>"$T/fast.err"
frames "$T/slow.log" >"$T/slow.frames"
frames "$T/fast.log" >"$T/fast.frames"
# pictures after the keys (not the first screen's)
pictures() { python3 -c 'import json, sys; print(sum(k["sixel"] for k in json.load(open(sys.argv[1]))["keys"]))' "$1" 2>/dev/null || echo 0; }
ns=$(pictures "$T/slow.json")
nf=$(pictures "$T/fast.json")
if [ "$ns" -ge 1 ] && [ "$ns" -le 5 ]; then ok picture_in_flight_slow_link
else fail picture_in_flight_slow_link "$ns pictures for ten keys at 5 Mbit/s (want 1..5): $(head -c 300 "$T/slow.json")"; fi
if [ "$nf" -eq 10 ]; then ok picture_in_flight_fast_terminal
else fail picture_in_flight_fast_terminal "$nf pictures for ten keys (want 10)"; fi
if [ -s "$T/fast.frames" ] && [ "$(tail -1 "$T/slow.frames")" = "$(tail -1 "$T/fast.frames")" ]; then
	ok picture_in_flight_latest_state
else
	fail picture_in_flight_latest_state "the slow link's last picture is not the fast run's last"
fi
exit 0
