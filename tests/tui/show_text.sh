#!/bin/sh
# tests/tui/show_text.sh [BIN]: `show` as text and as half blocks.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
"$BIN" show "$ID" --dir "$D" --graphics none >"$T/s.txt" 2>&1
grep -q "$P" "$T/s.txt" && ok show_text || fail show_text "no $P line"
"$BIN" show "$ID" --dir "$D" --graphics blocks --width 40 >"$T/s.blk" 2>&1
grep -q '▀' "$T/s.blk" && ok show_blocks || fail show_blocks "no half blocks"
exit 0
