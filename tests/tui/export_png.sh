#!/bin/sh
# tests/tui/export_png.sh [BIN]: `export --png` writes a PNG.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
if "$BIN" export "$ID" --dir "$D" --png "$T/e.png" --overlay gt,pred,error --width 300 2>"$T/x.err" \
    && head -c 8 "$T/e.png" | od -c | grep -q 'P   N   G'; then
	ok export_png
else
	fail export_png "$(head -1 "$T/x.err")"
fi
exit 0
