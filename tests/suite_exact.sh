#!/bin/sh
# Bit-exact outputs where the reference is deterministic (parity.py compares
# CSVs with a relative tolerance of 1e-9; these compare bytes): pctdec on the
# fixture of tests/data/pctdec (expected written by the reference itself, see
# make_fixtures.py there) and on the goldens of ../shared when present.
# Usage: tests/suite_exact.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
shared=${CX_SHARED:-$top/../shared}
d=$top/tests/data/pctdec

# same NAME GOT WANT: byte-identical files, else the first differing line
same() {
	if cmp -s "$2" "$3"; then ok "$1"
	else fail "$1" "$(diff "$2" "$3" | sed -n 2p | head -c 200)"; fi
}

# pandas reads 17 digits and scales once: 8 of the 10 rows differ in the last
# digits when the fields are read with strtod.
if run exact/pctdec-fixture 0 "$bin" pctdec --metric miou --hb "$d/hb.csv" --pred "$d/pred.csv" \
    --save-dir "$tmp/fx"; then
	same exact/pctdec-fixture "$tmp/fx/miou_pct_decrease.csv" "$d/expected_miou_pct_decrease.csv"
fi

# pctdec LABEL METRIC HB PRED GOLDEN
pctdec() {
	if [ ! -f "$3" ] || [ ! -f "$5" ]; then skip "exact/$1" "$5 not found"; return; fi
	rm -rf "$tmp/g"
	run "exact/$1" 0 "$bin" pctdec --metric "$2" --hb "$3" --pred "$4" --save-dir "$tmp/g" &&
		same "exact/$1" "$tmp/g/$2_pct_decrease.csv" "$5"
}
for s in synth-small sample; do
	g=$shared/reference/$s/golden
	pctdec "$s-pct-miou" miou "$g/eval_iou_hb_tp/iou_humanbenchmark_bootstrap_results_per_cxr.csv" \
	    "$g/eval_iou_otsu_tp/iou_bootstrap_results_per_cxr.csv" "$g/pct_miou/miou_pct_decrease.csv"
done
g=$shared/reference/synth-small/golden
pctdec synth-small-pct-hitrate hitrate "$g/eval_hitmiss_hb/hitmiss_humanbenchmark_bootstrap_results_per_cxr.csv" \
    "$g/eval_hitmiss/hitmiss_bootstrap_results_per_cxr.csv" "$g/pct_hitrate/hitrate_pct_decrease.csv"
exit 0
