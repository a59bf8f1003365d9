#!/bin/sh
# tests/tui/marks_pathology.sh [BIN]: review marks and notes per (CXR,
# pathology). In the list's focus m marks the CXR as a whole; in the table's
# (Tab) m and e act on the row's pathology; with a pathology filter, on that
# pathology. The table's mark column and the list's marker show them, an old
# per-CXR marks.tsv line reads as the CXR's mark, and E exports
# img_id,pathology,mark,note with the note quoted as CSV.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
M="$T/state/chexplore/marks.tsv"
mkdir -p "$T/state/chexplore" "$T/run"
FIRST=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
SECOND=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | sed -n 2p)
# an old (per-CXR) line: the second CXR marked "model failure" with a note
RD=$(cd "$D" && pwd -P)
printf '%s\t%s\t3\told note\n' "$RD" "$SECOND" >"$M"
tm -f /dev/null new-session -d -s x -x 160 -y 45 -c "$T/run" \
    "env TERM=xterm-256color '$BIN' '$D' --graphics none 2>'$T/explore.err'; echo \$? >'$T/explore.rc'; sleep 30" || { fail explorer "tmux did not start"; exit 0; }
wait_for " $FIRST |" >/dev/null
# the old line: the second CXR's marker says M and a note
if sed -n 4p "$T/cap" | grep -q "^M\* patient"; then ok marks_old_line_cxr
else fail marks_old_line_cxr "$(sed -n 4p "$T/cap")"; fi
# m in the list: the CXR as a whole
keys m
wait_for "mark on the CXR: ok" >/dev/null || fail marks_cxr_status "$(tail -1 "$T/cap")"
# Tab, two rows down (Cardiomegaly): m m (wrong GT) and a note with a comma and quotes
keys Tab j j m m
wait_for "mark on Cardiomegaly: wrong GT" >/dev/null || fail marks_row_status "$(tail -1 "$T/cap")"
keys e
wait_for "note on Cardiomegaly:" >/dev/null || fail marks_note_prompt "$(tail -1 "$T/cap")"
tm send-keys -t x -l 'pred in RUL, "heart" missed'; sleep 0.2
keys Enter
wait_for "note on Cardiomegaly saved" >/dev/null
cap >"$T/cap"
if grep "Cardiomegaly" "$T/cap" | head -1 | grep -q " G\* "; then ok marks_table_column
else fail marks_table_column "$(grep Cardiomegaly "$T/cap" | head -1)"; fi
if grep -q "Atelectasis.*file" "$T/cap" && ! grep "Atelectasis" "$T/cap" | head -1 | grep -q " [oGM][* ] "; then ok marks_table_other_rows_unmarked
else fail marks_table_other_rows_unmarked "$(grep Atelectasis "$T/cap" | head -1)"; fi
# the list's marker: the most severe of the CXR's marks (wrong GT over ok), a note
if sed -n 3p "$T/cap" | grep -q "^G\* patient"; then ok marks_list_marker
else fail marks_list_marker "$(sed -n 3p "$T/cap")"; fi
# with a pathology filter (Edema, list focus): m marks Edema
keys Tab Tab
keys p; tm send-keys -t x -l "edema"; sleep 0.2; keys Enter
keys g m
wait_for "mark on Edema: ok" >/dev/null && ok marks_filter_pathology || fail marks_filter_pathology "$(tail -1 "$T/cap")"
if grep -q "	$FIRST	1	$" "$M" && grep -q "	$FIRST/Cardiomegaly	2	pred in RUL, \"heart\" missed$" "$M" \
    && grep -q "	$SECOND	3	old note$" "$M" && grep -q "/Edema	1	$" "$M"; then ok marks_tsv_lines
else fail marks_tsv_lines "$(tr '\t' ' ' <"$M" | tr '\n' '|')"; fi
keys E
wait_for "marks written to chexplore_marks.csv" >/dev/null
CSV="$T/run/chexplore_marks.csv"
if [ -f "$CSV" ] && [ "$(head -1 "$CSV")" = "img_id,pathology,mark,note" ] \
    && grep -qx "$FIRST,,ok," "$CSV" \
    && grep -qx "$FIRST,Cardiomegaly,wrong_gt,\"pred in RUL, \"\"heart\"\" missed\"" "$CSV" \
    && grep -qx "$SECOND,,model_failure,old note" "$CSV"; then ok marks_export_pathology_note
else fail marks_export_pathology_note "$(tr '\n' '|' <"$CSV" 2>/dev/null)"; fi
# the CSV reads back as Python's csv module reads it: the note whole
if command -v python3 >/dev/null; then
	got=$(python3 -c 'import csv,sys; r=[x for x in csv.DictReader(open(sys.argv[1])) if x["pathology"]=="Cardiomegaly"]; print(r[0]["note"])' "$CSV" 2>&1)
	[ "$got" = 'pred in RUL, "heart" missed' ] && ok marks_export_csv_reads_back || fail marks_export_csv_reads_back "$got"
fi
explore_close marks_pathology_clean_exit
exit 0
