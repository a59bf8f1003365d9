#!/bin/sh
# tests/suite_themes.sh BIN: every themes/*.theme is readable — the WCAG 2
# contrast ratio of each role's text colour on its background is at least 7:1
# for high-contrast and 4.5:1 for the others (borders, not text: 3:1), on a
# 256-colour terminal and on an 8-colour one (TERM=xterm: bright colours become
# the base colour + bold). Colours are xterm's defaults; bold text in colours
# 0-7 is drawn in the bright colour 8-15, as xterm (boldColors) and many
# terminals do — a black bold label turns gray. "default" is the terminal's
# colour: light gray on black for dark themes, black on white for a theme that
# says "background = light"; high-contrast may not use it at all.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
ROOT=$top

n=0
for f in "$ROOT"/themes/*.theme; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=$(basename "$f" .theme)
	for colours in 256 8; do
		r=$(awk -v name="$name" -v colours="$colours" '
		function hex(s,   i, v) { v = 0; for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1; return v }
		function lin(c) { c = c / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ^ 2.4 }
		function lum(rgb,   a) { split(rgb, a, " "); return 0.2126 * lin(a[1]) + 0.7152 * lin(a[2]) + 0.0722 * lin(a[3]) }
		function ratio(x, y,   lx, ly) { lx = lum(x); ly = lum(y); return lx > ly ? (lx + 0.05) / (ly + 0.05) : (ly + 0.05) / (lx + 0.05) }
		# xterm palette index -> "r g b"
		function rgb(i,   k, lv) {
			if (i < 16) return base[i]
			if (i >= 232) { k = 8 + 10 * (i - 232); return k " " k " " k }
			i -= 16; split("0 95 135 175 215 255", lv, " ")
			return lv[int(i / 36) + 1] " " lv[int(i / 6) % 6 + 1] " " lv[i % 6 + 1]
		}
		function colour(s,   k) {
			if (s == "" || s == "default") return -1
			for (k = 0; k < 8; k++) { if (s == cname[k]) return k; if (s == "bright" cname[k]) return k + 8 }
			if (s ~ /^[0-9]+$/ && s + 0 <= 255) return s + 0
			return -2
		}
		BEGIN {
			split("0 0 0|205 0 0|0 205 0|205 205 0|0 0 238|205 0 205|0 205 205|229 229 229|127 127 127|255 0 0|0 255 0|255 255 0|92 92 255|255 0 255|0 255 255|255 255 255", b, "|")
			for (k = 0; k < 16; k++) base[k] = b[k + 1]
			split("black red green yellow blue magenta cyan white", c, " ")
			for (k = 0; k < 8; k++) cname[k] = c[k + 1]
			want = name == "high-contrast" ? 7 : 4.5
			deffg = "229 229 229"; defbg = "0 0 0"; bad = ""; worst = 99
		}
		/^[ \t]*background[ \t]*=[ \t]*light/ { deffg = "0 0 0"; defbg = "255 255 255"; next }
		/^[ \t]*background[ \t]*=/ { next }
		/^[ \t]*#/ || !/=/ { next }
		{
			key = $0; sub(/[ \t]*=.*/, "", key); sub(/^[ \t]*/, "", key)
			val = $0; sub(/^[^=]*=[ \t]*/, "", val)
			if (key ~ /^(pathology[0-9]|tp|fp|fn|point)$/) next
			split(val, p, ","); gsub(/[ \t]/, "", p[1]); gsub(/[ \t]/, "", p[2])
			fg = colour(p[1]); bg = colour(p[2]); attr = p[3]
			if (fg == -2 || bg == -2) { bad = bad " " key ": bad colour"; next }
			if (name == "high-contrast" && (fg < 0 || bg < 0)) { bad = bad " " key ": uses the terminal default"; next }
			bold = attr ~ /bold/
			if (colours == 8) {
				if (fg >= 16) fg = -1; else if (fg >= 8) { fg -= 8; bold = 1 }
				if (bg >= 16) bg = -1; else if (bg >= 8) bg -= 8
			}
			if (bold && fg >= 0 && fg < 8) fg += 8
			f = fg < 0 ? deffg : rgb(fg); g = bg < 0 ? defbg : rgb(bg)
			if (attr ~ /reverse/) { t = f; f = g; g = t }
			cr = ratio(f, g)
			if (attr ~ /dim/) cr = 1 + (cr - 1) / 2
			need = key == "border" ? (want > 3 ? want : 3) : want
			if (key == "border" && name != "high-contrast") need = 3
			if (cr < need) bad = bad sprintf(" %s %.2f:1 < %g:1", key, cr, need)
			if (cr < worst) worst = cr
		}
		END { if (bad != "") print "FAIL" bad; else printf "ok worst %.2f:1\n", worst }
		' "$f")
		case $r in
		ok*) ok "theme_contrast_${name}_$colours" ;;
		*) fail "theme_contrast_${name}_$colours" "${r#FAIL }" ;;
		esac
	done
done
[ $n -gt 0 ] || fail theme_contrast "no themes/*.theme"
exit 0
