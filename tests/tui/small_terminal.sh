#!/bin/sh
# tests/tui/small_terminal.sh [BIN]: at 80x24 (and 120x40, 200x60) the table
# keeps its IoU and hit columns and the info line its legend (the overlays
# drawn, the error map's colours); the values are eval's. The columns that
# do not fit scroll in with l (the probe off) and back with h, the pathology
# staying; the statistics screen (two prediction files: the paired
# differences below) scrolls with j/k/G and h/l, saying so, and shows the
# same rows as a screen that holds it all.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_small_terminal
FIRST=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
# a dataset with two prediction files, for the statistics' second part
mkdir "$T/v"
cp -r "$D/valid" "$D/valid.csv" "$GT" "$PRED" "$T/v/"
cp "$D/hb_segmentations_val.json" "$T/v/second_segmentations_val.json"
for geo in 80x24 120x40 200x60; do
	SOCK="$T/tmux-$geo.sock"
	tm -f /dev/null new-session -d -s x -x "${geo%x*}" -y "${geo#*x}" \
	    "env TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
	wait_for "CXRs" >/dev/null
	keys 3
	wait_for "error(TP/FP/FN)" >/dev/null
	hdr=$(grep -o 'pathology .*' "$T/cap" | head -1)
	# eval's IoU of the first CXR's first positive pathology, on its row
	want=$(awk -F, -v id="$FIRST" 'NR==1{for(i=1;i<=NF;i++)h[i]=$i} $NF==id{for(i=1;i<NF;i++)if($i!=""){printf "%s|%.3f\n", h[i], $i; exit}}' "$EVD/iou_results_per_cxr.csv")
	name=${want%|*} v=${want#*|}
	case $hdr in
	*IoU*hit*)
		if [ -z "$want" ] || grep -o "$(echo "$name" | cut -c1-12).*" "$T/cap" | grep -q " $v "; then
			ok "explore_small_terminal_columns_$geo"
		else
			fail "explore_small_terminal_columns_$geo" "no IoU $v on the $name row: $(grep -o "$(echo "$name" | cut -c1-12).*" "$T/cap" | head -1)"
		fi ;;
	*) fail "explore_small_terminal_columns_$geo" "header '$hdr'" ;;
	esac
	if grep -q "GT pred error(TP/FP/FN)" "$T/cap"; then ok "explore_small_terminal_legend_$geo"
	else fail "explore_small_terminal_legend_$geo" "$(grep -o '| .*zoom' "$T/cap" | head -1)"; fi
	# The table's columns that did not fit: l scrolls them in (the last,
	# lbl, and the threshold "file" on every row), h back to IoU.
	hdr0=$(grep -o 'pathology .*' "$T/cap" | head -1)
	case $hdr0 in
	*lbl*)	# all in sight: l changes nothing
		keys l; cap >"$T/cap2"
		if [ "$(grep -o 'pathology .*' "$T/cap2" | head -1)" = "$hdr0" ]; then ok "explore_table_scroll_$geo"
		else fail "explore_table_scroll_$geo" "l moved a table that fits: $(grep -o 'pathology .*' "$T/cap2" | head -1)"; fi ;;
	*)
		case $hdr0 in *"»"*) ;; *) fail "explore_table_scroll_mark_$geo" "no » in '$hdr0'" ;; esac
		keys l l l l l l l l l
		cap >"$T/cap2"
		hdr=$(grep -o 'pathology .*' "$T/cap2" | head -1)
		row=$(grep -o "$(echo "$name" | cut -c1-12).*" "$T/cap2" | head -1)
		case $hdr in
		*"«"*lbl*) case $row in *" file "*) ok "explore_table_scroll_$geo" ;;
			*) fail "explore_table_scroll_$geo" "row '$row'" ;; esac ;;
		*) fail "explore_table_scroll_$geo" "after l: '$hdr'" ;;
		esac
		keys h h h h h h h h h
		cap >"$T/cap2"
		if [ "$(grep -o 'pathology .*' "$T/cap2" | head -1)" = "$hdr0" ]; then ok "explore_table_scroll_back_$geo"
		else fail "explore_table_scroll_back_$geo" "$(grep -o 'pathology .*' "$T/cap2" | head -1)"; fi ;;
	esac
	# Help, page by page: every key's text whole (wrapped to the width).
	keys '?'
	: >"$T/help_$geo"
	k=0; while [ $k -lt 8 ]; do cap >>"$T/help_$geo"; keys PgDn; k=$((k + 1)); done
	if grep -q "review mark (ok, wrong" "$T/help_$geo" && grep -q " else the CXR *$" "$T/help_$geo" \
	    && grep -q "quit from the main screen" "$T/help_$geo"; then ok "explore_help_wraps_$geo"
	else fail "explore_help_wraps_$geo" "$(grep -A1 ' m  ' "$T/help_$geo" | head -2 | tr '\n' '|')"; fi
	keys q
	keys q
	tm kill-server >/dev/null 2>&1
	# The statistics screen of two prediction files.
	SOCK="$T/tmux-s$geo.sock"
	tm -f /dev/null new-session -d -s x -x "${geo%x*}" -y "${geo#*x}" \
	    "env TERM=xterm-256color '$BIN' '$T/v' --graphics none; sleep 30"
	wait_for "CXRs" >/dev/null
	keys S
	wait_for "Support Devices" >/dev/null
	sleep 1
	cap >"$T/s0"
	rows=${geo#*x}
	if [ "$rows" -lt 30 ]; then
		# more below: said, and the last difference row out of sight until G
		if grep -q "lines 1-.*↓more" "$T/s0" && [ "$(grep -c '^ Support Devices' "$T/s0")" = 1 ]; then
			keys G; cap >"$T/s1"
			if grep -q "↑" "$T/s1" && ! grep -q "↓more" "$T/s1" && [ "$(grep -c '^ Support Devices' "$T/s1")" -ge 1 ] \
			    && grep -q "^ pathology" "$T/s1"; then
				grep '^ Support Devices  *[0-9]* -\{0,1\}[0-9]' "$T/s1" | tail -1 >"$T/diff_$geo"
				ok "explore_stats_scroll_$geo"
			else fail "explore_stats_scroll_$geo" "after G: $(tail -3 "$T/s1" | tr '\n' '|')"; fi
			keys g
		else fail "explore_stats_scroll_$geo" "no indicator: $(tail -3 "$T/s0" | tr '\n' '|')"; fi
	else
		if grep -q "lines [0-9]" "$T/s0"; then fail "explore_stats_scroll_$geo" "an indicator on a screen that holds it all"
		else ok "explore_stats_scroll_$geo"; fi
		grep '^ Support Devices  *[0-9]* -\{0,1\}[0-9]' "$T/s0" | tail -1 >"$T/diff_$geo"
	fi
	cols=${geo%x*}
	if [ "$cols" -lt 130 ]; then
		# wider than the screen: l brings in the histogram, the pathology stays
		if grep -q "→[0-9]* *h/l" "$T/s0" && ! grep -q "histogram" "$T/s0"; then
			keys l l l l l l l l l l l l; cap >"$T/s2"	# clamped at the last column
			if grep -q "histogram" "$T/s2" && grep -q "^ Airspace Opacity " "$T/s2" && grep -q "←[1-9]" "$T/s2"; then
				ok "explore_stats_hscroll_$geo"
			else fail "explore_stats_hscroll_$geo" "$(sed -n 2,3p "$T/s2" | tr '\n' '|')"; fi
		else fail "explore_stats_hscroll_$geo" "no → indicator: $(tail -2 "$T/s0" | tr '\n' '|')"; fi
	fi
	keys q q
	tm kill-server >/dev/null 2>&1
done
# The paired difference's last row scrolled to reads as where it fits.
if [ -s "$T/diff_200x60" ] && cmp -s "$T/diff_80x24" "$T/diff_200x60"; then ok explore_stats_scroll_same_rows
else fail explore_stats_scroll_same_rows "80x24 '$(cat "$T/diff_80x24")' vs 200x60 '$(cat "$T/diff_200x60")'"; fi
exit 0
