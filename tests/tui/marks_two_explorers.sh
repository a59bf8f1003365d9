#!/bin/sh
# tests/tui/marks_two_explorers.sh [BIN]: two explorers open on the same
# dataset and the same marks file, started together: a mark saved in one and
# a note saved in the other (which never re-read the file) are both kept,
# and each explorer's later save keeps the other's.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
M="$T/state/chexplore/marks.tsv"
tm -f /dev/null new-session -d -s x -x 160 -y 45 \
    "env TERM=xterm-256color '$BIN' '$D' --graphics none 2>'$T/a.err'; sleep 30" || { fail explorer "tmux did not start"; exit 0; }
tm new-window -d -t x -n b \
    "env TERM=xterm-256color '$BIN' '$D' --graphics none 2>'$T/b.err'; sleep 30"
capw() { tm capture-pane -p -t "x:$1"; }
waitw() {	# window, pattern
	i=0
	while [ $i -lt 50 ]; do capw "$1" | grep -q -- "$2" && return 0; sleep 0.1; i=$((i + 1)); done
	return 1
}
waitw 0 "$N/$N CXRs" && waitw b "$N/$N CXRs" || fail marks_two_explorers "an explorer did not start"
# A marks the first CXR; B, on the second CXR, writes a note.
tm send-keys -t x:0 m; sleep 0.3
tm send-keys -t x:b j; sleep 0.3
tm send-keys -t x:b e; sleep 0.2
tm send-keys -t x:b -l "pred in RUL, heart missed"; sleep 0.2
tm send-keys -t x:b Enter
waitw b "note saved" >/dev/null
FIRST=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
if grep -q "	$FIRST	1	" "$M" 2>/dev/null && grep -q "	pred in RUL, heart missed$" "$M"; then
	ok marks_two_explorers_both_kept
else
	fail marks_two_explorers_both_kept "$(tr '\t' ' ' <"$M" 2>/dev/null | head -3 | tr '\n' '|')"
fi
# A marks again (wrong GT): B's note stays.
tm send-keys -t x:0 m; sleep 0.5
if grep -q "	$FIRST	2	" "$M" && grep -q "	pred in RUL, heart missed$" "$M"; then
	ok marks_two_explorers_later_save
else
	fail marks_two_explorers_later_save "$(tr '\t' ' ' <"$M" | head -3 | tr '\n' '|')"
fi
tm send-keys -t x:0 q; tm send-keys -t x:b q; sleep 0.5
[ -s "$T/a.err" ] || [ -s "$T/b.err" ] && fail marks_two_explorers_clean_exit "$(cat "$T/a.err" "$T/b.err" | head -1)"
tm kill-server >/dev/null 2>&1
exit 0
