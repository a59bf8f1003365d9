#!/bin/sh
# tests/tui/kitty_tmux.sh [BIN]: the explorer inside tmux in a pretend kitty
# terminal (../shared/tools/ptyterm.py --kitty --no-sixel) with
# allow-passthrough on: it asks the outer terminal through passthrough,
# says "kitty graphics via tmux passthrough", and what it writes in the pane
# (tmux pipe-pane -O) is kitty commands inside DCS tmux; ... ST with every
# ESC doubled and the cursor put at the pane's cell of the outer terminal,
# none outside passthrough; the outer terminal gets them unwrapped and the
# replayed picture equals the one the same explorer draws outside tmux.
# With allow-passthrough off: half blocks, saying why.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_kitty_tmux_passthrough
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
KS=$top/tests/tools/kitty_screen.py
if ! [ -f "$PT" ] || ! command -v python3 >/dev/null; then
	skip explore_kitty_tmux_passthrough "needs python3 and ../shared/tools/ptyterm.py"
	exit 0
fi
SOCK="$T/kt.sock"
printf 'set -g allow-passthrough on\nset -g status off\n' >"$T/kt.conf"
# The pane's own output is piped from the first key on: toggling the GT
# overlay off and on sends its layer again.
python3 "$PT" --kitty --no-sixel --keys "1,1,z" --gap 1.5 --settle 6 --log "$T/outer.log" -- \
    tmux -S "$SOCK" -f "$T/kt.conf" new-session -s x "'$BIN' '$D'; sleep 8" >/dev/null 2>&1 &
ptpid=$!
i=0
while [ $i -lt 40 ] && ! tm has-session -t x 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
sleep 2
tm pipe-pane -O -t x "cat >'$T/pane.out'" 2>/dev/null
wait $ptpid
tm kill-server >/dev/null 2>&1
status=$(tr -d '\033' <"$T/outer.log" | grep -a -o 'kitty graphics via tmux passthrough' | head -1)
if [ -n "$status" ]; then ok explore_kitty_tmux_passthrough
else fail explore_kitty_tmux_passthrough "status: $(tr -d '\033' <"$T/outer.log" | grep -a -o 'CXRs loaded[^)]*' | head -1)"; fi
# the pane's bytes: every kitty command inside passthrough, ESC doubled
r=$(python3 -c '
import re, sys
d = open(sys.argv[1], "rb").read()
pieces = list(re.finditer(rb"\x1bPtmux;((?:[^\x1b]|\x1b\x1b)*)\x1b\\", d))
inside = b"".join(p.group(1) for p in pieces)
outside = re.sub(rb"\x1bPtmux;(?:[^\x1b]|\x1b\x1b)*\x1b\\", b"", d)
plain = inside.replace(b"\x1b\x1b", b"\x1b")
cmds = re.findall(rb"\x1b_G[^;\x1b]*", plain)
if not pieces:
    print("no passthrough piece"); sys.exit()
if b"\x1b_G" in outside:
    print("a kitty command outside passthrough"); sys.exit()
# each piece starts with the cursor at a cell (saved first in the first piece)
for p in pieces:
    body = p.group(1).replace(b"\x1b\x1b", b"\x1b")
    if not re.match(rb"(\x1b7)?\x1b\[\d+;\d+H", body):
        print("a piece not starting at a cell: %r" % body[:20]); sys.exit()
if not any(b"a=T" in c for c in cmds):
    print("no image sent: %r" % cmds[:3]); sys.exit()
print("ok")' "$T/pane.out" 2>&1)
if [ "$r" = ok ]; then ok explore_kitty_tmux_passthrough_form
else fail explore_kitty_tmux_passthrough_form "$r"; fi
# the outer terminal's picture (tmux unwrapped it) at the end: the same
# layers as the explorer sends outside tmux, at the pane's offset (0 here)
python3 "$KS" "$T/outer.log" 10 20 >"$T/outer.places" 2>&1
python3 "$PT" --kitty --keys "1,1,z" --gap 1.5 --settle 3 --log "$T/direct.log" -- "$BIN" "$D" \
    >/dev/null 2>&1
python3 "$KS" "$T/direct.log" 10 20 >"$T/direct.places" 2>&1
python3 "$KS" "$T/outer.log" 10 20 --save "$T/outer.ppm" >/dev/null 2>&1
python3 "$KS" "$T/direct.log" 10 20 --save "$T/direct.ppm" >/dev/null 2>&1
if [ -s "$T/outer.places" ] && [ "$(cut -d' ' -f2- "$T/outer.places")" = "$(cut -d' ' -f2- "$T/direct.places")" ] \
    && cmp -s "$T/outer.ppm" "$T/direct.ppm"; then
	ok explore_kitty_tmux_same_picture
else
	fail explore_kitty_tmux_same_picture "outer: $(tr '\n' / <"$T/outer.places"); direct: $(tr '\n' / <"$T/direct.places")"
fi
# allow-passthrough off: half blocks, and why
printf 'set -g allow-passthrough off\nset -g status off\n' >"$T/kt.conf"
python3 "$PT" --kitty --no-sixel --keys "z" --gap 0.5 --settle 5 --log "$T/off.log" -- \
    tmux -S "$SOCK" -f "$T/kt.conf" new-session -s x "'$BIN' '$D'; sleep 6" >/dev/null 2>&1
tm kill-server >/dev/null 2>&1
if tr -d '\033' <"$T/off.log" | grep -a -q 'half blocks: tmux has no sixel and allow-passthrough is off' \
    && ! grep -a -q "$(printf '\033_Ga=T')" "$T/off.log"; then
	ok explore_kitty_tmux_passthrough_off
else
	fail explore_kitty_tmux_passthrough_off "$(tr -d '\033' <"$T/off.log" | grep -a -o 'CXRs loaded[^)]*' | head -1)"
fi
exit 0
