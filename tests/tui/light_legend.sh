#!/bin/sh
# tests/tui/light_legend.sh [BIN]: the light theme's legend colours keep a 4.5:1 contrast.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_light_legend_contrast
# The light theme: the legend's overlay colours (GT, TP, FP, FN, point), as
# text on the light background, keep a 4.5:1 contrast (yellow is darkened).
SOCK="$T/tmux9.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 "env TERM=xterm-256color '$BIN' '$D' --graphics none --theme light; sleep 30"
wait_for "CXRs" >/dev/null
keys j a 3 5
tm capture-pane -p -e -t x >"$T/capE"
grep -a 'zoom' "$T/capE" | grep -ao '38;5;[0-9]*m\(GT\|TP\|FP\|FN\|point\)' | sort -u >"$T/legcols"
r=$(awk -F'[;m]' '
function lin(c) { c = c / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ^ 2.4 }
{
	i = $3 + 0; split("0 95 135 175 215 255", lv, " ")
	if (i >= 232) { r = g = b = 8 + 10 * (i - 232) } else if (i >= 16) { i -= 16; r = lv[int(i / 36) + 1]; g = lv[int(i / 6) % 6 + 1]; b = lv[i % 6 + 1] } else next
	L = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b); cr = 1.05 / (L + 0.05); n++
	if (cr < 4.5) bad = bad sprintf(" %s %.2f:1", $4, cr)
}
END { if (n < 4) print "only " n " coloured legend entries"; else if (bad != "") print "low contrast on white:" bad; else print "ok" }' "$T/legcols")
case $r in ok) ok explore_light_legend_contrast ;; *) fail explore_light_legend_contrast "$r" ;; esac
keys q
tm kill-server >/dev/null 2>&1
exit 0
