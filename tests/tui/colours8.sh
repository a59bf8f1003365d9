#!/bin/sh
# tests/tui/colours8.sh [BIN]: on a terminal of 8 colours (TERM=xterm) the
# legend's and the table's pathology swatches stay visible on any
# background: a chromatic overlay colour is shown as a chromatic basic
# colour (red .. cyan), a grey one in the terminal's own foreground, never
# white or black (pink became white, light grey white: invisible on
# xterm's default white background).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
EXPLORE_TERM=xterm explore_open
# every CXR in turn: the legend names its positive pathologies with swatches
: >"$T/caps"
k=0
while [ $k -lt "$N" ]; do
	tm capture-pane -p -e -t x >>"$T/caps"
	keys j
	k=$((k + 1))
done
if python3 - "$T/caps" >"$T/why" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
# the foreground in force before each run of swatch blocks
bad, seen = [], 0
for line in text.splitlines():
    fg = "39"
    for m in re.finditer(r"\x1b\[([0-9;]*)m|(\u2588+|\u258c)", line):
        if m.group(1) is not None:
            for p in (m.group(1) or "0").split(";"):
                if p in ("0", "39"):
                    fg = "39"
                elif re.fullmatch(r"3[0-7]|9[0-7]", p):
                    fg = p
        else:
            seen += 1
            if fg in ("30", "37", "90", "97"):
                bad.append(fg)
if seen == 0:
    print("no swatch seen")
    sys.exit(1)
if bad:
    print(f"{len(bad)} of {seen} swatches black or white: {sorted(set(bad))}")
    sys.exit(1)
PY
then ok explore_8_colour_swatches_visible; else fail explore_8_colour_swatches_visible "$(cat "$T/why")"; fi
explore_close colours8_clean_exit
exit 0
