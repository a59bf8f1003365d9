#!/bin/sh
# Hostile input through every command that reads it: each case must give
# exactly one "chexplore: FILE:PLACE: message" line naming the hostile file,
# exit 1, no crash, and leave nothing behind (the output folder stays empty,
# the input folders unchanged). Good companions come from `chexplore demo
# --count 1`; the hostile files from tests/bad/hostile/make_fixtures.py, plus
# a few too big for the repository made here.
# Usage: tests/suite_hostile.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
H=$top/tests/bad/hostile
. "$top/tests/lib.sh"
g=$tmp/g
out=$tmp/out
P=patient64541_study1_view1_frontal
MAPN=${P}_Cardiomegaly_map
# the hostile map replaces one of a pathology positive in the GT (tune reads
# only those)
POS="${P}_Enlarged Cardiomediastinum_map"
if ! "$bin" demo "$g" --count 1 -q >/dev/null 2>&1; then
	echo "FAIL hostile/setup: chexplore demo failed"; exit 0
fi
GT=$g/gt_segmentations_val.json
PRED=$g/gradcam_segmentations_val.json
ANN=$g/gt_annotations_val.json
PTS=$g/hb_salient_pt_val.json
MAPS=$g/gradcam_maps_val
"$bin" features --gt-ann "$ANN" --gt-seg "$GT" -o "$tmp/feat" -q >/dev/null 2>&1
"$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$tmp/ev" -q >/dev/null 2>&1
"$bin" eval --metric hitmiss --gt "$GT" --pred "$PTS" -o "$tmp/ev" -q >/dev/null 2>&1
BOOT=$tmp/ev/iou_bootstrap_results_per_cxr.csv
IOU=$tmp/ev/iou_results_per_cxr.csv
HM=$tmp/ev/hitmiss_results_per_cxr.csv
tasks='Enlarged Cardiomediastinum|Cardiomegaly|Lung Lesion|Airspace Opacity|Edema|Consolidation|Atelectasis|Pneumothorax|Pleural Effusion|Support Devices'
echo "$tasks" | tr '|' '\n' | awk 'BEGIN { print "threshold,task" } { print "0.5," $0 }' >"$tmp/thr.csv"
for f in "$BOOT" "$IOU" "$HM" "$tmp/feat/area_ratio.csv"; do
	[ -f "$f" ] || { echo "FAIL hostile/setup: $f not written"; exit 0; }
done

# Files too big for the repository: deep nesting, a long memo run.
mkdir -p "$tmp/big/seg" "$tmp/big/deep_lists" "$tmp/big/deep_marks"
{ head -c 1000000 /dev/zero | tr '\0' '['; head -c 1000000 /dev/zero | tr '\0' ']'; } \
    >"$tmp/big/seg/deep1m.json"
{ printf '\200\002'; head -c 1000000 /dev/zero | tr '\0' ']'; head -c 999999 /dev/zero | tr '\0' 'a'; printf '.'; } \
    >"$tmp/big/deep_lists/$MAPN.pkl"
{ printf '\200\002'; head -c 1000000 /dev/zero | tr '\0' '('; printf 'N'; head -c 1000000 /dev/zero | tr '\0' 't'; printf '.'; } \
    >"$tmp/big/deep_marks/$MAPN.pkl"

# A listing of everything under the given folders (names and sizes); taken
# twice a case (692 cases), so two processes, not four.
snap() { find "$@" -printf '%s %p\n' 2>/dev/null | sort; }
ctl=$(printf '\001-\010\013-\037\177')
npass=0
nplace=0

# run NAME FILE CMD...: FILE is the hostile file the error must name.
run() {
	name=$1; file=$2; shift 2
	rm -rf "$out"; mkdir "$out"
	before=$(snap "$H" "$g" "$tmp/big" "$tmp/ev" "$tmp/feat")
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"; rc=$?
	lines=$(wc -l <"$tmp/stderr")
	first=$(head -1 "$tmp/stderr")
	rest=${first#"chexplore: $file:"}
	if [ "$rc" -ne 1 ]; then echo "FAIL hostile/$name: exit $rc, want 1 ($first)"
	elif [ "$lines" -ne 1 ]; then echo "FAIL hostile/$name: $lines stderr lines, want 1: $(head -3 "$tmp/stderr" | tr '\n' '|')"
	elif [ "$rest" = "$first" ]; then echo "FAIL hostile/$name: '$first' does not name $file"
	elif case $rest in *": "?*) false ;; " "?*) nplace=$((nplace + 1)); false ;; *) true ;; esac; then
		echo "FAIL hostile/$name: '$first' has no message"
	elif grep -q "[$ctl]" "$tmp/stderr" "$tmp/stdout"; then echo "FAIL hostile/$name: raw control byte"
	elif [ -n "$(ls -A "$out")" ]; then echo "FAIL hostile/$name: left $(ls -A "$out" | head -3 | tr '\n' ' ')in the output folder"
	elif [ "$before" != "$(snap "$H" "$g" "$tmp/big" "$tmp/ev" "$tmp/feat")" ]; then
		echo "FAIL hostile/$name: input folders changed (temp file left?)"
	else npass=$((npass + 1)); [ -n "${VERBOSE:-}" ] && echo "ok   hostile/$name: $first"; fi
}

# --- segmentation JSON: as ground truth, prediction, human benchmark, part --
segs="$H/seg/*.json $tmp/big/seg/*.json"
for f in $segs; do
	n=seg/$(basename "$f" .json)
	case $f in *size_disagree*) ;; *)
	run "$n/count" "$f" "$bin" count "$f" -o "$out"
	run "$n/eval-gt" "$f" "$bin" eval --metric iou --gt "$f" --pred "$PRED" -o "$out" -q
	run "$n/hitmiss-gt" "$f" "$bin" eval --metric hitmiss --gt "$f" --pred "$PTS" -o "$out" -q
	run "$n/tune-gt" "$f" "$bin" tune thresholds --maps "$MAPS" --gt "$f" -o "$out" -q
	run "$n/prs-gt" "$f" "$bin" prs --gt "$f" --pred "$PRED" -o "$out" -q
	run "$n/features-seg" "$f" "$bin" features --gt-ann "$ANN" --gt-seg "$f" -o "$out" -q
	run "$n/stats-gt" "$f" "$bin" stats --gt "$f" -q
	run "$n/info-gt" "$f" "$bin" info --dir "$out" --gt "$f"
	run "$n/inspect" "$f" "$bin" inspect "$f"
	esac
	run "$n/eval-pred" "$f" "$bin" eval --metric iou --gt "$GT" --pred "$f" -o "$out" -q
	run "$n/prs-pred" "$f" "$bin" prs --gt "$GT" --pred "$f" -o "$out" -q
	run "$n/prs-hb" "$f" "$bin" prs --gt "$GT" --hb "$f" -o "$out" -q
	run "$n/stats-pred" "$f" "$bin" stats --gt "$GT" --pred "$f" -q
	case $f in *size_disagree*) ;; *)
	run "$n/merge" "$f" "$bin" merge --out "$out/m.json" "$f" -q ;;
	esac
done

# --- annotation JSON ---------------------------------------------------------
for f in "$H"/ann/*.json; do
	n=ann/$(basename "$f" .json)
	run "$n/segment" "$f" "$bin" segment --annotations "$f" --out "$out/s.json" -q
	run "$n/features-ann" "$f" "$bin" features --gt-ann "$f" --gt-seg "$GT" -o "$out" -q
	run "$n/info-ann" "$f" "$bin" info --dir "$out" --gt-ann "$f"
	run "$n/inspect" "$f" "$bin" inspect "$f"
done

# --- salient points ----------------------------------------------------------
for f in "$H"/pts/*.json; do
	n=pts/$(basename "$f" .json)
	run "$n/hitmiss" "$f" "$bin" eval --metric hitmiss --gt "$GT" --pred "$f" -o "$out" -q
	run "$n/stats" "$f" "$bin" stats --gt "$GT" --points "$f" -q
	run "$n/info" "$f" "$bin" info --dir "$out" --points "$f"
	run "$n/inspect" "$f" "$bin" inspect "$f"
done

# --- heatmaps: one hostile file among the good ones --------------------------
for d in "$H"/maps/* "$tmp/big/deep_lists" "$tmp/big/deep_marks"; do
	f=$(ls "$d"/* | head -1)
	n=maps/$(basename "$d")
	m=$tmp/maps; rm -rf "$m"; cp -R "$MAPS" "$m"; rm -f "$m/$POS.pkl"
	mf="$m/$POS.${f##*.}"; cp "$f" "$mf"
	case $d in *dims_disagree) ;; *)	# alone, a good map
	run "$n/segment" "$mf" "$bin" segment --maps "$m" --out "$out/s.json" -q -j 2
	run "$n/segment-thr" "$mf" "$bin" segment --maps "$m" --thresholds "$tmp/thr.csv" --out "$out/s.json" -q
	run "$n/inspect" "$f" "$bin" inspect "$f" ;;
	esac
	run "$n/hitmiss" "$mf" "$bin" eval --metric hitmiss --gt "$GT" --pred "$m" -o "$out" -q
	run "$n/tune-thr" "$mf" "$bin" tune thresholds --maps "$m" --gt "$GT" -o "$out" -q
	run "$n/tune-cut" "$mf" "$bin" tune prob-cutoffs --maps "$m" --gt "$GT" -o "$out" -q
	run "$n/stats" "$mf" "$bin" stats --gt "$GT" --maps "$m" -q
done

# --- images --------------------------------------------------------------------
for f in "$H"/img/*; do
	n=img/$(basename "$f")
	run "$n/inspect" "$f" "$bin" inspect "$f"
	i=$tmp/imgds; rm -rf "$i"; mkdir -p "$i/valid/patient64541/study1"
	cp "$f" "$i/valid/patient64541/study1/view1_frontal.${f##*.}"
	cp "$GT" "$i/"
	run "$n/export" "$i/valid/patient64541/study1/view1_frontal.${f##*.}" \
	    "$bin" export "$P" --dir "$i" --png "$out/x.png"
done

# --- CSVs ----------------------------------------------------------------------
for f in "$H"/csv/thr_*.csv; do
	run "csv/$(basename "$f")/segment" "$f" "$bin" segment --maps "$MAPS" --thresholds "$f" --out "$out/s.json" -q
done
for f in "$H"/csv/cut_*.csv; do
	run "csv/$(basename "$f")/segment" "$f" "$bin" segment --maps "$MAPS" --prob-cutoffs "$f" --out "$out/s.json" -q
done
for f in "$H"/csv/boot_*.csv; do
	run "csv/$(basename "$f")/pctdec-hb" "$f" "$bin" pctdec --metric miou --hb "$f" --pred "$BOOT" -o "$out"
	run "csv/$(basename "$f")/pctdec-pred" "$f" "$bin" pctdec --metric miou --hb "$BOOT" --pred "$f" -o "$out"
done
for f in "$H"/csv/cxr_*.csv; do
	run "csv/$(basename "$f")/regress-iou" "$f" "$bin" regress --features-dir "$tmp/feat" --pred-iou "$f" --pred-hitmiss "$HM" -o "$out" -q
	run "csv/$(basename "$f")/regress-hm" "$f" "$bin" regress --features-dir "$tmp/feat" --pred-iou "$IOU" --pred-hitmiss "$f" -o "$out" -q
	cp "$f" "$tmp/part.csv"
	run "csv/$(basename "$f")/merge" "$tmp/part.csv" "$bin" merge --save-dir "$out" "$tmp/part.csv" -q
done
for f in "$H"/csv/part_*.csv; do
	run "csv/$(basename "$f")/merge" "$f" "$bin" merge --save-dir "$out" "$f" -q
done
for f in "$H"/csv/labels_*.csv; do
	run "csv/$(basename "$f")/stats" "$f" "$bin" stats --gt "$GT" --labels "$f" -q
	run "csv/$(basename "$f")/info" "$f" "$bin" info --dir "$out" --labels "$f"
	run "csv/$(basename "$f")/inspect" "$f" "$bin" inspect "$f"
done

# --- outputs that cannot be written: the error names the output, not an input
bad=/proc/self/nope
outfail() {
	name=$1; shift
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"; rc=$?
	first=$(head -1 "$tmp/stderr")
	if [ "$rc" -ne 1 ] || [ "$(wc -l <"$tmp/stderr")" -ne 1 ]; then
		echo "FAIL hostile/out/$name: exit $rc, $(wc -l <"$tmp/stderr") lines: $first"
	elif case $first in "chexplore: $bad"*) false ;; *) true ;; esac; then
		echo "FAIL hostile/out/$name: '$first' does not name $bad"
	else npass=$((npass + 1)); fi
}
outfail count "$bin" count "$GT" -o "$bad"
outfail eval "$bin" eval --metric iou --gt "$GT" --pred "$PRED" -o "$bad" -q
outfail prs "$bin" prs --gt "$GT" --pred "$PRED" -o "$bad" -q
outfail features "$bin" features --gt-ann "$ANN" --gt-seg "$GT" -o "$bad" -q
outfail pctdec "$bin" pctdec --metric miou --hb "$BOOT" --pred "$BOOT" -o "$bad"
outfail regress "$bin" regress --features-dir "$tmp/feat" --pred-iou "$IOU" --pred-hitmiss "$HM" -o "$bad" -q
outfail segment "$bin" segment --annotations "$ANN" --out "$bad/s.json" -q
outfail tune "$bin" tune thresholds --maps "$MAPS" --gt "$GT" -o "$bad" -q
outfail merge "$bin" merge --out "$bad/m.json" "$PRED" -q
outfail export "$bin" export "$P" --dir "$g" --png "$bad/x.png"

# validate: exit 1 on every hostile JSON, no raw control byte, no crash
vfail=0
for f in "$H"/seg/*.json "$H"/ann/*.json "$H"/pts/*.json; do
	case $f in *size_disagree*) continue ;; esac
	"$bin" validate "$f" >"$tmp/v" 2>&1; rc=$?
	if [ $rc -ne 1 ] || grep -q "[$ctl]" "$tmp/v"; then
		echo "FAIL hostile/validate/$(basename "$f"): exit $rc $(head -1 "$tmp/v")"; vfail=1
	fi
done
[ $vfail -eq 0 ] && echo "ok   hostile/validate: every hostile JSON refused"
echo "ok   hostile: $npass cases passed"
# every error names the place too (line:col, byte, JSON path, header, ...)
if [ "$nplace" -eq 0 ]; then echo "ok   hostile/places: every error names a place"
else echo "FAIL hostile/places: $nplace errors name the file but no place (VERBOSE=1 to list)"; fi
