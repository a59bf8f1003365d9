#!/bin/sh
# tests/tui/marks.sh [BIN]: a review mark saved under XDG_STATE_HOME.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
explore_open
# Review mark saved under XDG_STATE_HOME and exported as CSV.
keys m
i=0
while [ $i -lt 50 ] && ! [ -f "$T/state/chexplore/marks.tsv" ]; do sleep 0.1; i=$((i + 1)); done
if [ -f "$T/state/chexplore/marks.tsv" ] && grep -q "	1	" "$T/state/chexplore/marks.tsv"; then ok explore_mark_saved; else fail explore_mark_saved "no marks.tsv"; fi
explore_close marks_clean_exit
exit 0
