#!/bin/sh
# tests/tui/kitty_detect.sh [BIN]: which graphics the explorer picks, on a
# pretend terminal (../shared/tools/ptyterm.py, 120x40 cells of 10x20 px):
# kitty graphics where the terminal answers the kitty query (also when it
# has sixel too), sixel where it has sixel only, half blocks saying why
# (kitty named) where it has neither; --graphics kitty (or "graphics =
# kitty" in the settings file) forces kitty; a bad --graphics value is exit 2
# with one line naming kitty. The status line says which.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
if ! [ -f "$PT" ] || ! command -v python3 >/dev/null; then
	skip kitty_detect "needs python3 and ../shared/tools/ptyterm.py"
	exit 0
fi
export XDG_CONFIG_HOME="$T/cfg"
# run NAME PTYTERM-OPTIONS -- EXPLORER-OPTIONS: the first screen's log in
# $T/NAME.log, "SIXEL KITTY" (images of each kind) in $T/NAME.n
run() {
	n=$1
	shift
	python3 "$PT" --keys z --gap 0.5 --settle 3 --log "$T/$n.log" "$@" >"$T/$n.json" 2>/dev/null
	# kitty: images sent or placed (not the query)
	python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1]))["first"]
log = open(sys.argv[2], "rb").read()
print(d["sixel"], len(re.findall(rb"\x1b_G[^;\x1b]*a=[Tp]", log)))' "$T/$n.json" "$T/$n.log" >"$T/$n.n" 2>/dev/null
}
# the status line of the first screen (escape sequences removed)
status() { tr -d '\033' <"$T/$1.log" | grep -a -o "$2" | head -1; }

run k --kitty -- "$BIN" "$D"
read -r six kit <"$T/k.n"
if [ "${kit:-0}" -gt 0 ] && [ "${six:-1}" -eq 0 ] && [ -n "$(status k 'kitty graphics)')" ]; then
	ok explore_kitty_detected
else
	fail explore_kitty_detected "sixel $six, kitty $kit images; status: $(status k 'CXRs loaded.*')"
fi
# the query goes before DA1, with an id, a=q (nothing stored)
if python3 -c '
import re, sys
d = open(sys.argv[1], "rb").read()
q = re.search(rb"\x1b_G([^;\x1b]*);AAAA\x1b\\", d)
da = d.find(b"\x1b[c")
keys = dict(kv.split(b"=") for kv in q.group(1).split(b",")) if q else {}
sys.exit(0 if q and 0 <= q.start() < da and keys.get(b"a") == b"q" and keys.get(b"i") else 1)' "$T/k.log"; then
	ok explore_kitty_query_before_da1
else
	fail explore_kitty_query_before_da1 "$(head -c 300 "$T/k.log" | od -c | head -5)"
fi
run k6 --kitty --no-sixel -- "$BIN" "$D"
read -r six kit <"$T/k6.n"
if [ "${kit:-0}" -gt 0 ] && [ "${six:-1}" -eq 0 ]; then ok explore_kitty_without_sixel
else fail explore_kitty_without_sixel "sixel $six, kitty $kit images"; fi
run s -- "$BIN" "$D"
read -r six kit <"$T/s.n"
if [ "${six:-0}" -gt 0 ] && [ "${kit:-1}" -eq 0 ] && [ -n "$(status s 'sixel, 256 colours')" ]; then
	ok explore_sixel_without_kitty
else
	fail explore_sixel_without_kitty "sixel $six, kitty $kit images"
fi
run b --no-sixel -- "$BIN" "$D"
read -r six kit <"$T/b.n"
why=$(status b 'half blocks: .*forces one')
case $why in
*"no sixel or kitty reply"*"--graphics sixel|kitty"*)
	if [ "${six:-1}" -eq 0 ] && [ "${kit:-1}" -eq 0 ]; then ok explore_blocks_say_why_not_kitty
	else fail explore_blocks_say_why_not_kitty "sixel $six, kitty $kit images"; fi ;;
*) fail explore_blocks_say_why_not_kitty "status: $why" ;;
esac
run f -- "$BIN" "$D" --graphics kitty
read -r six kit <"$T/f.n"
if [ "${kit:-0}" -gt 0 ] && [ "${six:-1}" -eq 0 ] && [ -n "$(status f 'kitty graphics (forced)')" ]; then
	ok explore_graphics_kitty_forced
else
	fail explore_graphics_kitty_forced "sixel $six, kitty $kit images; status: $(status f 'CXRs loaded.*')"
fi
mkdir -p "$T/cfg/chexplore"
echo "graphics = kitty" >"$T/cfg/chexplore/config"
run c --no-sixel -- "$BIN" "$D"
read -r six kit <"$T/c.n"
if [ "${kit:-0}" -gt 0 ] && [ -n "$(status c 'kitty graphics (forced)')" ]; then ok explore_graphics_kitty_config
else fail explore_graphics_kitty_config "sixel $six, kitty $kit images"; fi
# and the option wins over the file
run o --kitty -- "$BIN" "$D" --graphics sixel
read -r six kit <"$T/o.n"
if [ "${six:-0}" -gt 0 ] && [ "${kit:-1}" -eq 0 ]; then ok explore_graphics_sixel_over_config
else fail explore_graphics_sixel_over_config "sixel $six, kitty $kit images"; fi
rm -f "$T/cfg/chexplore/config"
"$BIN" explore "$D" --graphics kity >"$T/o" 2>"$T/e" </dev/null
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$T/e")" -eq 1 ] && grep -q -- "--graphics: want auto, kitty, sixel" "$T/e"; then
	ok explore_graphics_bad_value
else
	fail explore_graphics_bad_value "exit $rc: $(head -c 200 "$T/e")"
fi
exit 0
