#!/bin/sh
# tests/tui/resize_quit.sh [BIN]: the layout survives a resize; q quits, cleanly.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
explore_open
# A key clears the first-screen message: the status line shows the key hints.
keys C-l
# Resize: the title, the table header and the status line survive.
tm resize-window -t x -x 90 -y 28 2>/dev/null || tm resize-pane -t x -x 90 -y 28
i=0
while [ $i -lt 50 ]; do
	cap >"$T/cap"
	[ "$(wc -L <"$T/cap")" -le 90 ] && head -1 "$T/cap" | grep -q chexplore \
	    && tail -1 "$T/cap" | grep -q -e help -e mark && break
	sleep 0.1
	i=$((i + 1))
done
if head -1 "$T/cap" | grep -q chexplore && tail -1 "$T/cap" | grep -q -e help -e mark && grep -q pathology "$T/cap"; then
	ok explore_resize
else
	fail explore_resize "$(tail -1 "$T/cap")"
fi
keys q
sleep 0.3
if cap | grep -q "chexplore  "; then fail explore_quit "still running"; else ok explore_quit; fi
# Nothing on stderr (sanitizer reports included), exit status 0.
i=0
while [ $i -lt 50 ] && ! [ -s "$T/explore.rc" ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$T/explore.rc" 2>/dev/null)" = 0 ] && ! [ -s "$T/explore.err" ]; then
	ok explore_clean_exit
else
	fail explore_clean_exit "exit $(cat "$T/explore.rc" 2>/dev/null): $(head -1 "$T/explore.err" 2>/dev/null)"
fi
tm kill-server >/dev/null 2>&1
exit 0
