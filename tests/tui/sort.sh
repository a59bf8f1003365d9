#!/bin/sh
# tests/tui/sort.sh [BIN]: sorting the study list by worst IoU, overall and for one pathology.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
explore_open
# Sort by worst IoU: the first row holds the smallest per-CXR IoU of eval.
keys s
if wait_for "sort: worst IoU"; then
	MIN=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{for(i=1;i<NF;i++)if($i!=""&&(m==""||$i<m))m=$i} END{printf "%.3f", m}')
	row=$(sed -n 3p "$T/cap")
	case $row in *" $MIN "*) ok explore_sort_worst ;; *) fail explore_sort_worst "first row '$row', want $MIN" ;; esac
else
	fail explore_sort_worst "no sort label"
fi
# With a pathology filter, worst means that pathology's IoU: the first row
# holds eval's smallest Cardiomegaly IoU ("the ten worst Cardiomegaly").
keys p p p
if wait_for "Cardiomegaly positive"; then
	CMIN=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '$3!=""&&(m==""||$3<m){m=$3} END{if(m!="")printf "%.3f", m}')
	row=$(sed -n 3p "$T/cap")
	if [ -z "$CMIN" ]; then skip explore_sort_worst_pathology "no Cardiomegaly IoU in the demo"
	else case $row in *" $CMIN "*) ok explore_sort_worst_pathology ;; *) fail explore_sort_worst_pathology "first row '$row', want $CMIN" ;; esac; fi
else
	fail explore_sort_worst_pathology "no pathology filter"
fi
keys c
keys s s s
wait_for "sort: id" >/dev/null || fail explore_sort_cycle "back to id"
explore_close sort_clean_exit
exit 0
