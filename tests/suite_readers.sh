#!/bin/sh
# Readers as the reference reads (issue 15): CSVs with a BOM and CRLF or CR
# line ends read as pandas reads them (same output as the plain file); the
# CheXlocalize label CSV (Path and the 14 tasks, no demographic columns)
# valid, one with no task column refused; non-finite or hex option values
# refused by the option parser (exit 2).
# Usage: tests/suite_readers.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
g=$tmp/g
if ! "$bin" demo "$g" --count 1 -q >/dev/null 2>&1; then
	fail readers/setup "chexplore demo failed"; exit 0
fi
MAPS=$g/gradcam_maps_val
P=patient64541_study1_view1_frontal
tasks='Enlarged Cardiomediastinum|Cardiomegaly|Lung Lesion|Airspace Opacity|Edema|Consolidation|Atelectasis|Pneumothorax|Pleural Effusion|Support Devices'
echo "$tasks" | tr '|' '\n' | awk 'BEGIN { print "threshold,task" } { print "0.4," $0 }' >"$tmp/thr.csv"

# thresholds: LF, BOM + CRLF, lone CR give the same segmentation
run readers/thr-lf 0 "$bin" segment --maps "$MAPS" --thresholds "$tmp/thr.csv" --out "$tmp/lf.json" -q &&
    ok readers/thr-lf
{ printf '\357\273\277'; sed 's/$/\r/' "$tmp/thr.csv"; } >"$tmp/thr_crlf.csv"
tr '\n' '\r' <"$tmp/thr.csv" >"$tmp/thr_cr.csv"
for k in crlf cr; do
	if run "readers/thr-$k" 0 "$bin" segment --maps "$MAPS" --thresholds "$tmp/thr_$k.csv" \
	    --out "$tmp/$k.json" -q; then
		t "readers/thr-$k" "cmp -s '$tmp/lf.json' '$tmp/$k.json'"
	fi
done

# a hex threshold: pandas keeps "0x1p-1" as text and the reference fails;
# strtod read it as 0.5
printf 'threshold,task\n0x1p-1,Cardiomegaly\n' >"$tmp/hex.csv"
badrun readers/thr-hex "hex.csv:2: column \"threshold\": \"0x1p-1\" is not a number" "$tmp/o1" \
    "$bin" segment --maps "$MAPS" --thresholds "$tmp/hex.csv" --out "$tmp/o1/s.json" -q

# label CSVs: the CheXlocalize shape (BOM, CRLF, no demographics) is valid
hdr='Path,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,Pleural Effusion,Pleural Other,Fracture,Support Devices'
{ printf '\357\273\277%s\r\n' "$hdr"
  printf 'test/patient64741/study1/view1_frontal.jpg,0.0,0.0,1.0,0.0,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,1.0\r\n'
  printf 'test/patient64742/study1/view1_frontal.jpg,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0\r\n'; } \
    >"$tmp/test_labels.csv"
if run readers/labels-chexlocalize 0 "$bin" inspect "$tmp/test_labels.csv"; then
	t readers/labels-chexlocalize "grep -q 'CheXpert labels, 2 CXRs' '$tmp/out' &&
	    grep -Eq '^ *Cardiomegaly +1 +0\$' '$tmp/out' && grep -Eq '^ *No Finding +1 +0\$' '$tmp/out'"
fi
printf 'Path,Sex\nCheXpert-v1.0/valid/patient64541/study1/view1_frontal.jpg,Male\n' >"$tmp/nolab.csv"
badrun readers/labels-no-task "nolab.csv:1:1: no CheXpert task column" "$tmp/o2" "$bin" inspect "$tmp/nolab.csv"

# options: nan, inf and hex are no number (exit 2, one line)
for a in "--threshold nan" "--threshold 0x1p-1" "--heat-alpha inf" "--heat-alpha -inf" "--zoom NaN"; do
	# shellcheck disable=SC2086
	if run "readers/opt/$a" 2 "$bin" show "$P" --dir "$g" --pathology Edema --graphics none $a; then
		t "readers/opt/$a" "[ \$(wc -l <'$tmp/err') -eq 1 ] && grep -q 'want a finite decimal number' '$tmp/err'"
	fi
done
run readers/opt/finite 0 "$bin" show "$P" --dir "$g" --pathology Edema --graphics none --threshold 0.5 \
    --heat-alpha 0.3 && ok readers/opt/finite
exit 0
