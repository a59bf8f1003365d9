#!/bin/sh
# tests/tui/show_sixel.sh [BIN]: `show --graphics sixel`: a DCS picture, at most 1 MiB, the
# overlay colour where the GT mask is (decoded by sixel_check, libsixel).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
if "$BIN" show "$ID" --dir "$D" --pathology "$P" --overlay gt --graphics sixel --width 400 >"$T/s.six" 2>"$T/s.err"; then
	if head -c 2 "$T/s.six" | od -c | grep -q 'P'; then ok show_sixel; else fail show_sixel "no DCS at the start"; fi
else
	fail show_sixel "exit $?: $(head -1 "$T/s.err")"
fi
size=$(wc -c <"$T/s.six")
[ "$size" -le 1048576 ] && ok show_sixel_size || fail show_sixel_size "$size bytes"
if checker sixel_check show_overlay_where_mask; then
	r=$("$chk" "$T/s.six" "$GT" "$ID" "$P")
	case $r in ok*) ok "show_overlay_where_mask" ;; *) fail show_overlay_where_mask "$r" ;; esac
fi
exit 0
