#!/bin/sh
# tests/tui/film.sh [BIN]: reading the film and exporting the view. Window /
# level and invert (w W b B I O) on the info line and in the picture's export;
# Z zooms 1:1; the probe reads the source image's pixel; o writes the view as
# the PNG `export --annotate` makes with the same options (byte for byte), a
# second o another name, into the settings' export-dir.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_film_keys
SOCK="$T/tmuxfilm.sock"
mkdir -p "$T/cfg/chexplore" "$T/exp"
echo "export-dir = $T/exp" >"$T/cfg/chexplore/config"
tm -f /dev/null new-session -d -s x -x 160 -y 45 \
    "env XDG_CONFIG_HOME='$T/cfg' TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
wait_for "$N/$N CXRs" >/dev/null
# One pathology (the table's first row), error map and heatmap.
keys a 3 4
keys w w b I
if wait_for "W 164 L 136 inv"; then ok explore_film_keys
else fail explore_film_keys "$(grep -o '| zoom.*' "$T/cap" | head -1)"; fi
keys O
if wait_for "original film" && ! grep -q "W 164" "$T/cap"; then ok explore_film_reset
else fail explore_film_reset "$(grep -o '| zoom.*' "$T/cap" | head -1)"; fi
keys W b
wait_for "W 320 L 136" >/dev/null
keys +
wait_for "zoom 2x @" >/dev/null
AT=$(grep -o 'zoom 2x @ [0-9]*,[0-9]*' "$T/cap" | head -1 | sed 's/.*@ //')
keys o
if wait_for "wrote $T/exp/.*\.png"; then
	F=$(grep -o "wrote $T/exp/[^ ]*\.png" "$T/cap" | head -1 | sed 's/^wrote //')
	ok explore_export_reports_path
else
	F=
	fail explore_export_reports_path "$(tail -1 "$T/cap")"
fi
keys o
if wait_for "wrote $T/exp/.*-2\.png" && [ -f "$F" ]; then ok explore_export_never_overwrites
else fail explore_export_never_overwrites "$(tail -1 "$T/cap")"; fi
# The same view through the command line: pixel for pixel (the same bytes).
if [ -n "$F" ]; then
	name=$(basename "$F" .png)
	P=$(echo "$name" | sed 's/^patient[0-9]*_study[0-9]*_view[0-9]*_[a-z]*_//; s/_/ /g')
	id=${name%_"$(echo "$P" | sed 's/ /_/g')"}
	"$BIN" export "$id" --dir "$D" --png "$T/cli.png" --annotate --pathology "$P" \
	    --overlay gt,pred,error,heatmap --zoom 2 --at "$AT" --window 320 --level 136 2>"$T/cli.err"
	if cmp -s "$F" "$T/cli.png"; then ok explore_export_equals_cli
	else fail explore_export_equals_cli "$id '$P' @ $AT: $(head -1 "$T/cli.err")$(ls -l "$F" "$T/cli.png" 2>&1 | awk '{print $5}' | tr '\n' ' ')"; fi
	# The annotation is there: the plain export sits inside it, the bands
	# above and below carry drawn text, swatches and the colour bar.
	"$BIN" export "$id" --dir "$D" --png "$T/plain.png" --pathology "$P" \
	    --overlay gt,pred,error,heatmap --zoom 2 --at "$AT" --window 320 --level 136 2>/dev/null
	if checker png_check export_annotated_has_legend; then
		r=$("$chk" "$T/cli.png" "$T/plain.png")
		case $r in ok*) ok export_annotated_has_legend ;; *) fail export_annotated_has_legend "$r" ;; esac
	fi
	# and window / level reach the pixels: the default film differs
	"$BIN" export "$id" --dir "$D" --png "$T/plain0.png" --pathology "$P" \
	    --overlay gt,pred,error,heatmap --zoom 2 --at "$AT" 2>/dev/null
	if [ -s "$T/plain0.png" ] && ! cmp -s "$T/plain.png" "$T/plain0.png"; then ok export_window_level
	else fail export_window_level "the PNG with --window 320 --level 136 equals the default"; fi
fi
# Z: one image pixel a picture pixel, at the probe; the probe reads the
# source image (its grey value at the original coordinates).
keys 0 i
keys Z
wait_for "1:1 (zoom" >/dev/null
# (Z changed the info line, the legend may have grown: Z fits 1:1 again)
grep -q "(1:1)" "$T/cap" || keys Z
if wait_for "(1:1)"; then ok explore_zoom_1to1
else fail explore_zoom_1to1 "$(grep -o 'zoom.*' "$T/cap" | head -2 | tr '\n' ' ')"; fi
keys z
if wait_for 'source ([0-9]*,[0-9]*) [0-9]'; then ok explore_probe_source_pixel
else fail explore_probe_source_pixel "$(tail -1 "$T/cap")"; fi
# (the picture's pane may have changed size meanwhile: Z fits 1:1 again)
grep -q "(1:1)" "$T/cap" || keys Z
keys Z
if wait_for "whole image" && wait_for "zoom 1x"; then ok explore_zoom_1to1_back
else fail explore_zoom_1to1_back "$(grep -o 'zoom.*' "$T/cap" | head -2 | tr '\n' ' ')"; fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
