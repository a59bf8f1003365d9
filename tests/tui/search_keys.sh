#!/bin/sh
# tests/tui/search_keys.sh [BIN]: the keys vi and less users expect. /
# searches the ids (any case) and jumps to the first match from the cursor
# on, n / N the next / previous (wrapping, "k/m matches", "no match"); :
# jumps to an id (exact or prefix, an error when none or hidden); & filters
# (any case); p picks a pathology by part of its name (Enter the first
# match, empty none), ) and P step forwards and backwards, ( the filter kind.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
explore_open
# the list's ids, in its order (patient/study/view as shown)
ids=$(sed -n "3,$((N + 2))p" "$T/cap" | awk '{for(i=1;i<=NF;i++) if($i ~ /\//){print $i; break}}' | tr / _)
nth() { echo "$ids" | sed -n "$1p"; }
on() { wait_for " $1 |"; }	# the info line names the current CXR
status() { tail -1 "$T/cap"; }
# a substring of every id but the last three: "patient6454" of patient64541..49
PFX=$(nth 1 | cut -c1-11)
NM=$(echo "$ids" | grep -c "^$PFX")
SIXTH=$(nth 6) SEVENTH=$(nth 7) FIFTH=$(nth 5)
keys / ; tm send-keys -t x -l "$(nth 6 | sed 's/_study.*//')"; sleep 0.2; keys Enter
if on "$SIXTH" && grep -q "1/1 matches" "$T/cap"; then ok explore_search_jumps
else fail explore_search_jumps "$(status)"; fi
# any case, from the cursor on (the row itself first)
UP=$(echo "$PFX" | tr a-z A-Z)
keys / ; tm send-keys -t x -l "$UP"; sleep 0.2; keys Enter
if on "$SIXTH" && grep -q "6/$NM matches" "$T/cap"; then ok explore_search_any_case
else fail explore_search_any_case "want 6/$NM on $SIXTH: $(status)"; fi
keys n
if on "$SEVENTH" && grep -q "7/$NM matches" "$T/cap"; then ok explore_search_next
else fail explore_search_next "$(status)"; fi
keys N N
if on "$FIFTH" && grep -q "5/$NM matches" "$T/cap"; then ok explore_search_prev
else fail explore_search_prev "$(status)"; fi
# wrapping: from the last row, n goes round to the first match
keys G n
if on "$(nth 1)" && grep -q "1/$NM matches" "$T/cap"; then ok explore_search_wraps
else fail explore_search_wraps "$(status)"; fi
keys N
if on "$(nth "$NM")" && grep -q "$NM/$NM matches" "$T/cap"; then ok explore_search_wraps_back
else fail explore_search_wraps_back "$(status)"; fi
keys / ; tm send-keys -t x -l "zzz"; sleep 0.2; keys Enter
if on "$(nth "$NM")" && grep -q "no match: zzz" "$T/cap"; then ok explore_search_no_match
else fail explore_search_no_match "$(status)"; fi
# Esc: back where the search started
keys g
keys / ; tm send-keys -t x -l "$(nth 9 | sed 's/_study.*//')"; sleep 0.2
on "$(nth 9)" >/dev/null || fail explore_search_as_typed "$(status)"
keys Escape
on "$(nth 1)" && ok explore_search_escape || fail explore_search_escape "$(grep zoom "$T/cap")"
# : exact id, a prefix in any case, none
keys : ; tm send-keys -t x -l "$(nth 4)"; sleep 0.2; keys Enter
on "$(nth 4)" && ok explore_jump_exact || fail explore_jump_exact "$(status)"
keys : ; tm send-keys -t x -l "$(nth 11 | cut -c1-12 | tr a-z A-Z)"; sleep 0.2; keys Enter
on "$(nth 11)" && ok explore_jump_prefix || fail explore_jump_prefix "$(status)"
keys : ; tm send-keys -t x -l "nope"; sleep 0.2; keys Enter
if wait_for "no CXR id is or starts with nope" && on "$(nth 11)"; then ok explore_jump_none
else fail explore_jump_none "$(status)"; fi
# & filters (any case); : to a CXR the filter hides says so
keys '&' ; tm send-keys -t x -l "$UP"; sleep 0.2; keys Enter
wait_for "$NM/$N CXRs" >/dev/null && ok explore_filter_any_case || fail explore_filter_any_case "$(head -1 "$T/cap")"
keys : ; tm send-keys -t x -l "$(nth "$N")"; sleep 0.2; keys Enter
wait_for "hidden by the filters" >/dev/null && ok explore_jump_hidden || fail explore_jump_hidden "$(status)"
keys c
# p: the matches listed as typed, the best first; Enter takes it
keys p; tm send-keys -t x -l "les"; sleep 0.2
wait_for "pathology: les_ *-> Lung Lesion" >/dev/null && ok explore_pathology_matches || fail explore_pathology_matches "$(status)"
keys Enter
wait_for "CXRs  sort: id ↑  Lung Lesion positive" >/dev/null && ok explore_pathology_pick || fail explore_pathology_pick "$(head -1 "$T/cap")"
keys p; tm send-keys -t x -l "zz"; sleep 0.2; keys Enter
if wait_for "no pathology name holds zz" && grep -q "Lung Lesion positive" "$T/cap"; then ok explore_pathology_no_match
else fail explore_pathology_no_match "$(status)"; fi
keys p Enter
if wait_for "$N/$N CXRs" && ! head -1 "$T/cap" | grep -q "positive"; then ok explore_pathology_none
else fail explore_pathology_none "$(head -1 "$T/cap")"; fi
# ) forwards from none: the first pathology; P backwards from none: the last
keys ')'
wait_for "Airspace Opacity positive" >/dev/null && ok explore_pathology_next || fail explore_pathology_next "$(head -1 "$T/cap")"
keys P P
wait_for "Support Devices positive" >/dev/null && ok explore_pathology_prev || fail explore_pathology_prev "$(head -1 "$T/cap")"
keys '('
wait_for "Support Devices GT present" >/dev/null && ok explore_filter_kind || fail explore_filter_kind "$(head -1 "$T/cap")"
keys c
# n repeats the last search typed (an Esc'd one is not kept)
keys n
wait_for "no match: zzz" >/dev/null && ok explore_search_kept || fail explore_search_kept "$(status)"
explore_close search_keys_clean_exit
exit 0
