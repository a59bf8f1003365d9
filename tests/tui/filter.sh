#!/bin/sh
# tests/tui/filter.sh [BIN]: filtering the study list by an id substring, and clearing it.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
explore_open
# Filter by a substring of the second id.
SECOND=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | sed -n 2p)
PAT=$(echo "$SECOND" | sed 's/_.*//')
keys '&' ; tm send-keys -t x -l "$PAT"; sleep 0.2; keys Enter
if wait_for "1/$N CXRs" && wait_for " $SECOND |"; then ok explore_filter; else fail explore_filter "$(head -1 "$T/cap")"; fi
keys c
wait_for "$N/$N CXRs" >/dev/null && ok explore_filter_clear || fail explore_filter_clear "$(head -1 "$T/cap")"
explore_close filter_clean_exit
exit 0
