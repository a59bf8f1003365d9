#!/bin/sh
# tests/tui/sort.sh [BIN]: sorting the study list by any of its columns (s
# steps through them left to right, r reverses), the title and the header's
# arrow saying which and how; worst IoU overall and for one pathology.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
explore_open
UP=$(printf '\342\206\221') DOWN=$(printf '\342\206\223')
if grep -q "sort: id $UP" "$T/cap" && sed -n 2p "$T/cap" | grep -q "CXR$UP"; then ok explore_sort_id_arrow
else fail explore_sort_id_arrow "$(sed -n 1,2p "$T/cap" | tr '\n' '|')"; fi
# s: positives (largest first); the first row has eval's most positive masks.
keys s
if wait_for "sort: positives $DOWN"; then
	MAXP=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{n=0; for(i=1;i<NF;i++) if($i!="") n++; if(n>m) m=n} END{print m+0}')
	row=$(sed -n 3p "$T/cap" | cut -c1-52)
	case $row in *" $MAXP "*) ok explore_sort_positives ;; *) fail explore_sort_positives "first row '$row', want $MAXP positives" ;; esac
	sed -n 2p "$T/cap" | grep -q "${DOWN}pos" && ok explore_sort_header_arrow || fail explore_sort_header_arrow "$(sed -n 2p "$T/cap")"
else
	fail explore_sort_positives "no sort label: $(head -1 "$T/cap")"
fi
# s: worst IoU, smallest first: the first row holds the smallest per-CXR IoU of eval.
keys s
MIN=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{for(i=1;i<NF;i++)if($i!=""&&(m==""||$i<m))m=$i} END{printf "%.3f", m}')
if wait_for "sort: worst IoU $UP"; then
	row=$(sed -n 3p "$T/cap")
	case $row in *" $MIN "*) ok explore_sort_worst ;; *) fail explore_sort_worst "first row '$row', want $MIN" ;; esac
else
	fail explore_sort_worst "no sort label: $(head -1 "$T/cap")"
fi
# r: reversed, the largest worst IoU first, CXRs without one still last.
keys r
MAXW=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{w=""; for(i=1;i<NF;i++)if($i!=""&&(w==""||$i<w))w=$i; if(w!=""&&(m==""||w>m))m=w} END{printf "%.3f", m}')
if wait_for "sort: worst IoU $DOWN"; then
	row=$(sed -n 3p "$T/cap")
	last=$(sed -n "$((N + 2))p" "$T/cap" | cut -c1-52)
	case $row in *" $MAXW "*) ok explore_sort_reverse ;; *) fail explore_sort_reverse "first row '$row', want $MAXW" ;; esac
	case $last in *" - "*|*" $MIN "*) ok explore_sort_reverse_nan_last ;; *) fail explore_sort_reverse_nan_last "last row '$last'" ;; esac
else
	fail explore_sort_reverse "no reversed label: $(head -1 "$T/cap")"
fi
keys r
# With a pathology filter, worst means that pathology's IoU: the first row
# holds eval's smallest Cardiomegaly IoU ("the ten worst Cardiomegaly").
keys p; tm send-keys -t x -l "cardio"; sleep 0.2; keys Enter
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
wait_for "sort: id $UP" >/dev/null && ok explore_sort_cycle || fail explore_sort_cycle "back to id: $(head -1 "$T/cap")"
explore_close sort_clean_exit
exit 0
