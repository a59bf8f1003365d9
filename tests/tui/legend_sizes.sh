#!/bin/sh
# tests/tui/legend_sizes.sh [BIN]: the legend explains the picture at 80x24,
# 120x40 and 200x60, wrapped, never cut: one pathology with the error map and
# the heatmap names TP, FP and FN (three colours) and the heatmap's colour bar
# with its range; all pathologies say filled = GT, outline = prediction and
# name each pathology drawn beside its colour. NO_COLOR: each pathology its
# own hatching.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_legend_80x24
n=0
for geo in 80x24 120x40 200x60; do
	n=$((n + 1))
	SOCK="$T/tmuxleg$n.sock"
	tm -f /dev/null new-session -d -s x -x "${geo%x*}" -y "${geo#*x}" \
	    "env TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
	wait_for "$N/$N CXRs" >/dev/null
	keys a 3 4 z
	wait_for "FN: GT only" >/dev/null
	tm capture-pane -p -e -t x >"$T/capE"
	miss=
	for w in "TP: GT and prediction" "FP: prediction only" "FN: GT only" "heat 0 " "(raw "; do
		grep -qF -- "$w" "$T/cap" || miss="$miss '$w'"
	done
	# the colour bar: eight cells between 0 and 1
	grep -q 'heat 0 ████████ 1' "$T/cap" || miss="$miss bar"
	# each swatch's colour: the SGR just before it (curses may put a shift-in between)
	cols=$(LC_ALL=C grep -ao '\[[0-9;]*m.\{0,1\}██[^ ]* [TF][PN]:' "$T/capE" | LC_ALL=C sed 's/m.\{0,1\}██.*//' | sort -u | wc -l)
	[ "$cols" -eq 3 ] || miss="$miss colours:$cols"
	if [ -z "$miss" ]; then ok "explore_legend_$geo"
	else fail "explore_legend_$geo" "missing$miss: $(grep -A3 'zoom' "$T/cap" | cut -c40- | tr '\n' '/')"; fi
	keys a 3 4 z
	wait_for "outline: prediction" >/dev/null
	if grep -q "filled: GT (colour = pathology)" "$T/cap" && grep -q "outline: prediction" "$T/cap" \
	    && grep -q '██ [A-Z][a-z]' "$T/cap"; then ok "explore_legend_all_$geo"
	else fail "explore_legend_all_$geo" "$(grep -A3 'zoom' "$T/cap" | cut -c40- | tr '\n' '/')"; fi
	keys q
	tm kill-server >/dev/null 2>&1
done
SOCK="$T/tmuxlegnc.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 60 \
    "env NO_COLOR=1 TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
wait_for "$N/$N CXRs" >/dev/null
keys G z
wait_for "hatching = pathology" >/dev/null
# the pathologies drawn: a two-character hatching before each name, each its own
# (the legend's rows: after the info line, before the text picture; the pane
# starts after the list's border)
pats=$(awk '/\| zoom /{on=1; next} / image: /{on=0} on' "$T/cap" | cut -c54- | sed 's/   */\n/g' \
    | grep -e ' Airspace' -e ' Atelectasis' -e ' Cardiomegaly' -e ' Consolidation' -e ' Edema' \
    -e ' Enlarged' -e ' Lung' -e ' Pleural' -e ' Pneumothorax' -e ' Support' | cut -c1-2 | sort | uniq -c)
npat=$(echo "$pats" | grep -c .)
dup=$(echo "$pats" | awk '$1 > 1' | grep -c .)
if [ "$npat" -ge 2 ] && [ "$dup" -eq 0 ]; then ok explore_nocolor_patterns
else fail explore_nocolor_patterns "$(echo "$pats" | tr '\n' ' ')"; fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
