#!/bin/sh
# tests/tui/help_popup.sh [BIN]: at 120x40 help is a popup over the picture
# pane: the title line, the study list and the pathology table stay in sight
# while its text reads whole (paged with PgDn), and leaving it gives back
# the same screen. A resize to 80x24 (the pane too small) makes it full
# screen, back to 120x40 a popup again. The mouse wheel scrolls it; a click
# on the list beneath does nothing while it is up.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_help_popup
SOCK="$T/tmux-hp.sock"
FIRST=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
# the list shows ids as patient/study/view
LISTED=$(echo "$FIRST" | sed 's/_study/\/study/; s/_view/\/view/')
tm -f /dev/null new-session -d -s x -x 120 -y 40 \
    "env TERM=xterm-256color '$BIN' '$D' --graphics none 2>'$T/hp.err'; echo \$? >'$T/hp.rc'; sleep 30"
wait_for "$N/$N CXRs" >/dev/null
keys C-l
cap | sed '$d' >"$T/before"
keys '?'
wait_for "chexplore help" >/dev/null
# The main screen beneath: its title line, the list, the table's header.
if head -1 "$T/cap" | grep -q "chexplore .* $N/$N CXRs" && grep -q "$LISTED" "$T/cap" \
    && grep -q "pathology .*IoU" "$T/cap" && grep -q "j Down .*next row" "$T/cap"; then
	ok explore_help_popup_keeps_list_and_table
else
	fail explore_help_popup_keeps_list_and_table "$(head -3 "$T/cap" | tr '\n' '|')"
fi
# Its text, page by page: the keys' lines whole, the list still beside.
: >"$T/pages"
k=0
while [ $k -lt 12 ]; do cap >>"$T/pages"; keys PgDn; k=$((k + 1)); done
if grep -q "sort by the next column of the list" "$T/pages" \
    && grep -q "review mark (ok, wrong" "$T/pages" \
    && grep -q "quit from the main screen" "$T/pages" && grep -q "$LISTED" "$T/pages"; then
	ok explore_help_popup_reads_whole
else
	fail explore_help_popup_reads_whole "$(grep -c . "$T/pages") lines seen; $(tail -3 "$T/cap" | tr '\n' '|')"
fi
keys g
# Too small a pane: full screen; back to 120x40: a popup again.
tm resize-window -t x -x 80 -y 24 2>/dev/null || tm resize-pane -t x -x 80 -y 24
sleep 0.5
cap >"$T/small"
tm resize-window -t x -x 120 -y 40 2>/dev/null || tm resize-pane -t x -x 120 -y 40
sleep 0.5
cap >"$T/big"
if head -1 "$T/small" | grep -q "^ chexplore help" && ! grep -q "$LISTED" "$T/small" \
    && grep -q "$LISTED" "$T/big" && grep -q "chexplore help" "$T/big"; then
	ok explore_help_popup_resize
else
	fail explore_help_popup_resize "80x24: $(head -1 "$T/small"); 120x40: $(grep "chexplore help" "$T/big" | head -1)"
fi
keys q
cap | sed '$d' >"$T/after"
if [ -s "$T/before" ] && cmp -s "$T/before" "$T/after"; then ok explore_help_popup_leaves_screen
else fail explore_help_popup_leaves_screen "$(diff "$T/before" "$T/after" | head -4 | tr '\n' '|')"; fi
keys q
i=0
while [ $i -lt 50 ] && ! [ -s "$T/hp.rc" ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$T/hp.rc" 2>/dev/null)" = 0 ] && ! [ -s "$T/hp.err" ]; then ok explore_help_popup_clean_exit
else fail explore_help_popup_clean_exit "exit $(cat "$T/hp.rc" 2>/dev/null): $(head -1 "$T/hp.err" 2>/dev/null)"; fi
tm kill-server >/dev/null 2>&1

# The mouse (SGR reports), at 200x40 where the info line names the CXR.
SOCK="$T/tmux-hm.sock"
tm -f /dev/null new-session -d -s x -x 200 -y 40 \
    "env NO_COLOR=1 TERM=xterm-256color '$BIN' '$D' --graphics none; sleep 30"
wait_for " $FIRST |" >/dev/null
keys '?'
wait_for "chexplore help" >/dev/null
# the wheel over the popup scrolls it
tm send-keys -t x -l "$(printf '\033[<65;120;30M')"
sleep 0.3
cap >"$T/wheel"
if grep -q "j Down .*next row" "$T/cap" && grep -q "chexplore help" "$T/wheel" \
    && ! grep -q "j Down" "$T/wheel" && grep -q "PgDn Space .*a page down" "$T/wheel"; then
	ok explore_help_popup_wheel
else
	fail explore_help_popup_wheel "$(grep -A1 "chexplore help" "$T/wheel" | tr '\n' '|')"
fi
# a click on the list's fourth row, then help closed: the first CXR still
tm send-keys -t x -l "$(printf '\033[<0;10;6M')"; tm send-keys -t x -l "$(printf '\033[<0;10;6m')"
sleep 0.3
keys q
if wait_for " $FIRST |" && grep -q "$N/$N CXRs" "$T/cap"; then ok explore_help_popup_mouse_not_the_list
else fail explore_help_popup_mouse_not_the_list "$(grep zoom "$T/cap")"; fi
keys q
tm kill-server >/dev/null 2>&1
exit 0
