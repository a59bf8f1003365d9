#!/bin/sh
# tests/tui/export_command.sh [BIN]: 'o' saves, beside the PNG, the `export`
# command that writes it again, and that command makes the same bytes (cmp):
# one pathology with live thresholds on it and on another, a heatmap method
# (--method NAME=PATH, its masks derived), zoom, window, invert, heatmap
# opacity and points; then all pathologies, and with the colorblind
# theme's colours (--colours). Under NO_COLOR the PNG's legend
# swatches are hatched (hatch_check against the command's plain export).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_export_command
SOCK="$T/tmuxcmd.sock"
mkdir -p "$T/cfg/chexplore" "$T/exp"
echo "export-dir = $T/exp" >"$T/cfg/chexplore/config"

# wait_file PATTERN: poll (up to ~5 s) for a file of $T/exp; its path in $F.
wait_file() {
	i=0
	while [ $i -lt 50 ]; do
		F=$(ls "$T"/exp/$1 2>/dev/null | head -1)
		[ -n "$F" ] && [ -s "$F" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# remade NAME PNG: the PNG's command (PNG less .png, .sh) run after the PNG
# is moved away writes the same bytes.
remade() {
	sh_=${2%.png}.sh
	if ! [ -s "$sh_" ]; then
		fail "$1" "no command saved beside $2 ($(grep -o 'wrote.*' "$T/cap" | head -1))"
		return
	fi
	mv "$2" "$2.o"
	if sh "$sh_" 2>"$T/cmd.err" && cmp -s "$2" "$2.o"; then ok "$1"
	else fail "$1" "$(grep -m1 . "$T/cmd.err") $(tail -1 "$sh_")"; fi
}

tm -f /dev/null new-session -d -s x -x 200 -y 50 \
    "env XDG_CONFIG_HOME='$T/cfg' TERM=xterm-256color '$BIN' '$D' --graphics none --method heat='$D/gradcam_maps_val'; sleep 30"
wait_for "$N/$N CXRs" >/dev/null
# v: the heatmap method; the table's second row, two thresholds up; two rows
# down, one down; heatmap, points, more opaque, zoom, window, invert.
tm send-keys -t x v Tab j '>' '>' j j '<' 4 5 '}' + w I
wait_for "W 205 L 128 inv" >/dev/null
tm send-keys -t x o
if wait_file "*.sh" && wait_for "its command in"; then
	case $(tail -1 "$F") in
	*--threshold*--threshold*--method\ heat=*--zoom*--invert*) ok explore_export_command_options ;;
	*) fail explore_export_command_options "$(tail -1 "$F")" ;;
	esac
	remade explore_export_command_same_png "${F%.sh}.png"
else
	fail explore_export_command_options "$(grep -o 'wrote.*' "$T/cap" | head -1)"
fi
rm -f "$T"/exp/*.sh
tm send-keys -t x a o
if wait_file "*_all.sh"; then remade explore_export_command_same_png_all "${F%.sh}.png"
else fail explore_export_command_same_png_all "$(grep -o 'wrote.*' "$T/cap" | head -1)"; fi
# C C C: the colorblind theme, its overlay colours (export --colours)
rm -f "$T"/exp/*.sh
tm send-keys -t x C C C
wait_for "theme colorblind" >/dev/null
tm send-keys -t x o
if wait_file "*_all-2.sh"; then
	case $(tail -1 "$F") in
	*--colours*) remade explore_export_command_theme "${F%.sh}.png" ;;
	*) fail explore_export_command_theme "no --colours: $(tail -1 "$F")" ;;
	esac
else fail explore_export_command_theme "$(grep -o 'wrote.*' "$T/cap" | head -1)"; fi
tm send-keys -t x q
tm kill-server >/dev/null 2>&1

# NO_COLOR: the same command, and hatched swatches in its legend.
rm -f "$T"/exp/*
tm -f /dev/null new-session -d -s x -x 200 -y 50 \
    "env XDG_CONFIG_HOME='$T/cfg' NO_COLOR=1 TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
wait_for "$N/$N CXRs" >/dev/null
tm send-keys -t x o
if wait_file "*.sh"; then
	remade explore_export_command_nocolor "${F%.sh}.png"
	if checker hatch_check explore_export_nocolor_hatched; then
		png=${F%.sh}.png
		sed -n '$p' "$F" | sed "s| --annotate||; s|--png [^ ]*|--png '$T/plain.png'|" >"$T/plain.sh"
		sh "$T/plain.sh" 2>"$T/cmd.err"
		P1=$(awk -F, -v id="$(basename "$png" _all.png)" 'NR==1{for(i=1;i<=NF;i++)h[i]=$i} $NF==id{for(i=1;i<NF;i++)if($i!=""){print h[i];exit}}' "$EVD/iou_results_per_cxr.csv")
		r=$("$chk" "$png" "$T/plain.png" ${P1:+"$P1"})
		case $r in ok*) ok explore_export_nocolor_hatched ;;
		*) fail explore_export_nocolor_hatched "$r $(head -1 "$T/cmd.err")" ;; esac
	fi
else
	fail explore_export_command_nocolor "$(grep -o 'wrote.*' "$T/cap" | head -1)"
fi
tm send-keys -t x q
tm kill-server >/dev/null 2>&1
exit 0
