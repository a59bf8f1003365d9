#!/bin/sh
# compare: each method's numbers equal eval's summary for it alone (the
# reference's goldens on synth-small, chexplore eval on a demo set); the paired
# differences and p-values equal an independent NumPy implementation
# (tests/tools/compare_check.py, from eval's per-CXR CSVs); the percentage
# decreases equal pctdec's; the outputs (text, markdown, csv, json,
# --save-dir, --plot SVG); bad usage and bad input.
# Usage: tests/suite_compare.sh BIN
bin=$1
. "$(dirname "$0")/lib.sh"
prefix=compare/
shared=${CX_SHARED:-$top/../shared}
ss=$shared/reference/synth-small
py=/usr/bin/python3
check=$top/tests/tools/compare_check.py

# one_line NAME RC PATTERN CMD...: exit RC, one stderr line matching PATTERN, no stdout
one_line() {
	ol_name=$prefix$1 ol_pat=$3 ol_want=$2; shift 3
	if run "$ol_name" "$ol_want" "$@"; then
		if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q -- "$ol_pat" "$tmp/err"; then
			fail "$ol_name" "stderr: $(head -c 300 "$tmp/err")"
		elif [ -s "$tmp/out" ]; then
			fail "$ol_name" "stdout not empty"
		else
			ok "$ol_name"
		fi
	fi
}

# pct_equal JSON METHOD METRIC PCTDEC_CSV [NROWS]: the method's pct_decrease
# rows equal pctdec's pct_diff, pct_diff_lower, pct_diff_upper (Average
# included; NROWS rows, 11 by default)
pct_equal() {
	$py - "$@" <<'EOF'
import csv, json, math, sys
out = json.load(open(sys.argv[1]))
name, metric = sys.argv[2], sys.argv[3]
ref = {r[""]: r for r in csv.DictReader(open(sys.argv[4]))}
rows = {r["pathology"]: r for r in out["rows"] if r["method"] == name and r["metric"] == metric}
bad = 0
for p, r in ref.items():
    got = rows[p]["pct_decrease"]
    for f, g in (("pct_diff", "mean"), ("pct_diff_lower", "lower"), ("pct_diff_upper", "upper")):
        want = float(r[f]) if r[f] != "" else None
        if want is not None and math.isinf(want):
            want = None  # JSON has no infinity: null
        if got[g] != want:
            bad += 1
            print("%s %s: %r, pctdec %r" % (p, f, got[g], want))
want_rows = int(sys.argv[5]) if len(sys.argv) > 5 else 11
sys.exit(1 if bad or len(ref) != want_rows or len(rows) != want_rows else 0)
EOF
}

# --- usage: exit 2, one line
one_line usage/no-method 2 "^chexplore compare: --gt and at least one --method" \
	"$bin" compare --gt x.json
one_line usage/no-equals 2 "^chexplore compare: --method 'a.json': want NAME=PATH" \
	"$bin" compare --gt x.json --method a.json
one_line usage/empty-name 2 "want NAME=PATH" "$bin" compare --gt x.json --method =a.json
one_line usage/twice 2 "^chexplore compare: --method: the name 'A' is given twice" \
	"$bin" compare --gt x.json --method A=a.json --method A=b.json
one_line usage/baseline 2 "^chexplore compare: --baseline 'C' is not one of the --method names" \
	"$bin" compare --gt x.json --method A=a.json --method B=b.json --baseline C
one_line usage/format 2 "^chexplore compare: --format: want text, markdown, csv or json" \
	"$bin" compare --gt x.json --method A=a.json --format xml
one_line usage/thresholds 2 "^chexplore compare: --thresholds 'B=t.csv': want NAME=CSV" \
	"$bin" compare --gt x.json --method A=a.json --thresholds B=t.csv

if [ ! -d "$ss/golden" ]; then
	skip "${prefix}synth-small" "no $ss"
	exit 0
fi
g=$ss/golden
gt=$g/gt_segmentations.json

# --- bad input: exit 1, one line naming file and place, nothing written
mkdir -p "$tmp/bad"
printf '{"a": {"Edema": {"size": [2, 2], "counts": "4"}}, \n  "b": nope}\n' >"$tmp/bad/syntax.json"
badrun ${prefix}bad/missing "$tmp/bad/none.json" "$tmp/save" \
	"$bin" compare --gt "$gt" --method A="$g/saliency_segmentations_otsu.json" \
	--method B="$tmp/bad/none.json" --save-dir "$tmp/save" -q
badrun ${prefix}bad/syntax "$tmp/bad/syntax.json:2:[0-9]*: " "$tmp/save" \
	"$bin" compare --gt "$gt" --method A="$g/saliency_segmentations_otsu.json" \
	--method B="$tmp/bad/syntax.json" --save-dir "$tmp/save" -q
badrun ${prefix}bad/gt "$tmp/bad/syntax.json:2:[0-9]*: " "$tmp/save" \
	"$bin" compare --gt "$tmp/bad/syntax.json" --method A="$g/saliency_segmentations_otsu.json" \
	--save-dir "$tmp/save" -q
badrun ${prefix}bad/hb "$tmp/bad/none.json" "$tmp/save" \
	"$bin" compare --gt "$gt" --method A="$g/saliency_segmentations_otsu.json" \
	--hb-seg "$tmp/bad/none.json" --save-dir "$tmp/save" -q
t bad/no-plot '[ ! -e "$tmp/save/p.svg" ]'

# --- synth-small: against the reference's own eval and pctdec outputs
maps=$ss/inputs/gradcam_maps_val
if run ${prefix}synth/json 0 "$bin" compare --gt "$gt" --method OTSU="$g/saliency_segmentations_otsu.json" \
	--method THR="$g/saliency_segmentations_thr.json" --method HM="$maps" \
	--hb-seg "$g/hb_segmentations.json" --hb-points "$ss/inputs/hb_salient_pt_val.json" \
	--format json -q; then
	cp "$tmp/out" "$tmp/ss.json"
	if $py "$check" "$tmp/ss.json" 0 OTSU \
		iou=OTSU="$g/eval_iou_otsu_tp/iou_results_per_cxr.csv"="$g/eval_iou_otsu_tp/iou_summary_results.csv" \
		iou=THR="$g/eval_iou_thr_tp/iou_results_per_cxr.csv"="$g/eval_iou_thr_tp/iou_summary_results.csv" \
		iou=HM="$g/eval_iou_otsu_tp/iou_results_per_cxr.csv"="$g/eval_iou_otsu_tp/iou_summary_results.csv" \
		hitrate=HM="$g/eval_hitmiss/hitmiss_results_per_cxr.csv"="$g/eval_hitmiss/hitmiss_summary_results.csv" \
		iou=@hb="$g/eval_iou_hb_tp/iou_humanbenchmark_results_per_cxr.csv"="$g/eval_iou_hb_tp/iou_humanbenchmark_summary_results.csv" \
		hitrate=@hb="$g/eval_hitmiss_hb/hitmiss_humanbenchmark_results_per_cxr.csv"="$g/eval_hitmiss_hb/hitmiss_humanbenchmark_summary_results.csv" \
		>"$tmp/chk" 2>&1; then ok "${prefix}synth/independent ($(cat "$tmp/chk"))"
	else fail "${prefix}synth/independent" "$(head -5 "$tmp/chk" | tr '\n' ' ')"; fi
	t synth/pct-miou 'pct_equal "$tmp/ss.json" HM iou "$g/pct_miou/miou_pct_decrease.csv" >"$tmp/chk" 2>&1 || { cat "$tmp/chk"; false; }'
	t synth/pct-miou-otsu 'pct_equal "$tmp/ss.json" OTSU iou "$g/pct_miou/miou_pct_decrease.csv"'
	t synth/pct-hitrate 'pct_equal "$tmp/ss.json" HM hitrate "$g/pct_hitrate/hitrate_pct_decrease.csv" >"$tmp/chk" 2>&1 || { cat "$tmp/chk"; false; }'
	# The printed tables (text and markdown) say "-" for an undefined value,
	# never nan (a method without CXRs for a pathology: its pctdec is NaN).
	for f in text markdown; do
		"$bin" compare --gt "$gt" --method OTSU="$g/saliency_segmentations_otsu.json" \
			--method TP="$g/saliency_segmentations_thr_prob.json" \
			--hb-seg "$g/hb_segmentations.json" --format $f >"$tmp/tab.$f" 2>/dev/null
		t synth/no-nan-$f 'grep -q "Enlarged Cardiomediastinum.*- \[-, -\]" "$tmp/tab.$f" && ! grep -qi nan "$tmp/tab.$f"'
	done
	t synth/baseline-no-diff '$py -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not all(r[\"diff\"] is None for r in d[\"rows\"] if r[\"method\"] == \"OTSU\" or r[\"metric\"] == \"hitrate\"))" "$tmp/ss.json"'
	t synth/json-shape '$py -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d[\"baseline\"] == \"OTSU\" and d[\"methods\"] == [\"OTSU\", \"THR\", \"HM\"] and len(d[\"rows\"]) == 11 * 4 and d[\"sources\"][2][\"masks\"] == \"Otsu\"))" "$tmp/ss.json"'
fi
# --pathologies: only those rows (every output), the Average over them; each
# pathology's values those of the run on all 10; the Average checked from the
# reference's per-CXR CSVs cut to those columns, the percentage decreases
# against the reference's calculate_percentage_decrease.py on its bootstrap
# CSVs cut to those columns
P='Edema,cardiomegaly'
# cut_csv SRC DST: the CSV with only Cardiomegaly, Edema (and img_id)
cut_csv() {
	$py -c "
import csv, sys
r = list(csv.reader(open(sys.argv[1], newline='')))
keep = [j for j, h in enumerate(r[0]) if h in ('Cardiomegaly', 'Edema', 'img_id')]
csv.writer(open(sys.argv[2], 'w', newline=''), lineterminator='\n').writerows([[x[j] for j in keep] for x in r])" "$1" "$2"
}
if [ -s "$tmp/ss.json" ] && run ${prefix}pathologies/json 0 "$bin" compare --gt "$gt" \
	--method OTSU="$g/saliency_segmentations_otsu.json" --method THR="$g/saliency_segmentations_thr.json" \
	--method HM="$maps" --hb-seg "$g/hb_segmentations.json" --hb-points "$ss/inputs/hb_salient_pt_val.json" \
	--pathologies "$P" --format json -q --save-dir "$tmp/psd" --plot "$tmp/p.svg"; then
	cp "$tmp/out" "$tmp/p.json"
	c=$tmp/cut
	mkdir -p "$c"
	cut_csv "$g/eval_iou_otsu_tp/iou_results_per_cxr.csv" "$c/otsu.csv"
	cut_csv "$g/eval_iou_thr_tp/iou_results_per_cxr.csv" "$c/thr.csv"
	cut_csv "$g/eval_hitmiss/hitmiss_results_per_cxr.csv" "$c/hit.csv"
	cut_csv "$g/eval_iou_hb_tp/iou_humanbenchmark_results_per_cxr.csv" "$c/hb.csv"
	cut_csv "$g/eval_hitmiss_hb/hitmiss_humanbenchmark_results_per_cxr.csv" "$c/hbh.csv"
	cut_csv "$g/eval_iou_otsu_tp/iou_bootstrap_results_per_cxr.csv" "$c/otsu_boot.csv"
	cut_csv "$g/eval_hitmiss/hitmiss_bootstrap_results_per_cxr.csv" "$c/hit_boot.csv"
	cut_csv "$g/eval_iou_hb_tp/iou_humanbenchmark_bootstrap_results_per_cxr.csv" "$c/hb_boot.csv"
	cut_csv "$g/eval_hitmiss_hb/hitmiss_humanbenchmark_bootstrap_results_per_cxr.csv" "$c/hbh_boot.csv"
	if $py "$check" "$tmp/p.json" 0 OTSU iou=OTSU="$c/otsu.csv" iou=THR="$c/thr.csv" \
		iou=HM="$c/otsu.csv" hitrate=HM="$c/hit.csv" iou=@hb="$c/hb.csv" \
		hitrate=@hb="$c/hbh.csv" >"$tmp/chk" 2>&1; then ok "${prefix}pathologies/independent ($(cat "$tmp/chk"))"
	else fail "${prefix}pathologies/independent" "$(head -5 "$tmp/chk" | tr '\n' ' ')"; fi
	cat >"$tmp/rows.py" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
key = lambda r: (r["pathology"], r.get("method"), r["metric"])
rows = a["rows"] + a["human_benchmark"]
assert {r["pathology"] for r in rows} == {"Cardiomegaly", "Edema", "Average"}
assert len(a["rows"]) == 3 * 4 and len(a["human_benchmark"]) == 3 * 2
all10 = {key(r): r for r in b["rows"] + b["human_benchmark"]}
for r in rows:
    if r["pathology"] != "Average":
        assert r == all10[key(r)], r
    elif r.get("method") == "HM" and r["metric"] == "iou":
        assert r != all10[key(r)], "the Average of all 10"
PY
	t pathologies/rows-as-all-10 '$py "$tmp/rows.py" "$tmp/p.json" "$tmp/ss.json"'
	if (cd "$shared/reference/cheXlocalize" && $py -c "
import sys
from calculate_percentage_decrease import create_pct_diff_df
d = sys.argv[1]
create_pct_diff_df('miou', d + '/otsu_boot.csv', d + '/hb_boot.csv', d)
create_pct_diff_df('hitrate', d + '/hit_boot.csv', d + '/hbh_boot.csv', d)" "$c") >/dev/null 2>&1; then
		t pathologies/pct-miou 'pct_equal "$tmp/p.json" OTSU iou "$c/miou_pct_decrease.csv" 3 >"$tmp/chk" 2>&1 || { cat "$tmp/chk"; false; }'
		t pathologies/pct-miou-hm 'pct_equal "$tmp/p.json" HM iou "$c/miou_pct_decrease.csv" 3'
		t pathologies/pct-hitrate 'pct_equal "$tmp/p.json" HM hitrate "$c/hitrate_pct_decrease.csv" 3 >"$tmp/chk" 2>&1 || { cat "$tmp/chk"; false; }'
	else
		fail "${prefix}pathologies/pct" "the reference's calculate_percentage_decrease.py failed"
	fi
	t pathologies/save-dir '[ "$(cut -d, -f1 "$tmp/psd/compare_iou.csv" | sort -u | tr "\n" " ")" = "Average Cardiomegaly Edema pathology " ] &&
		[ "$(cut -d, -f1 "$tmp/psd/compare_hitrate.csv" | sort -u | tr "\n" " ")" = "Average Cardiomegaly Edema pathology " ]'
	t pathologies/svg '$py -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" "$tmp/p.svg" &&
		grep -q ">Cardiomegaly<" "$tmp/p.svg" && grep -q ">Edema<" "$tmp/p.svg" && grep -q ">Average<" "$tmp/p.svg" &&
		! grep -q -e ">Atelectasis<" -e ">Support Devices<" "$tmp/p.svg"'
	for f in text markdown csv; do
		"$bin" compare --gt "$gt" --method OTSU="$g/saliency_segmentations_otsu.json" --method HM="$maps" \
			--hb-seg "$g/hb_segmentations.json" --pathologies "$P" --format $f -q >"$tmp/p.$f" 2>/dev/null
		t pathologies/$f 'grep -q "^.\{0,2\}Cardiomegaly" "$tmp/p.$f" && grep -q "^.\{0,2\}Edema" "$tmp/p.$f" &&
			grep -q "^.\{0,2\}Average" "$tmp/p.$f" && ! grep -q -e "Atelectasis" -e "Pneumothorax" -e "Support Devices" "$tmp/p.$f"'
	done
fi
one_line pathologies/bad-name 2 "Edemax. is not one of the 10" \
	"$bin" compare --gt "$gt" --method A="$g/saliency_segmentations_otsu.json" --pathologies Edemax

# the heatmaps segmented with the tuned thresholds (and cutoffs) as segment does
if run ${prefix}synth/thresholds 0 "$bin" compare --gt "$gt" --method THR="$maps" \
	--method TP="$maps" --thresholds THR="$ss/inputs/tuning_results.csv" \
	--thresholds TP="$ss/inputs/tuning_results.csv" --prob-cutoffs TP="$ss/inputs/probability_tuning_results.csv" \
	--format json -q; then
	cp "$tmp/out" "$tmp/thr.json"
	if $py "$check" "$tmp/thr.json" 0 THR \
		iou=THR="$g/eval_iou_thr_tp/iou_results_per_cxr.csv"="$g/eval_iou_thr_tp/iou_summary_results.csv" \
		iou=TP="$g/eval_iou_thr_prob_tp/iou_results_per_cxr.csv"="$g/eval_iou_thr_prob_tp/iou_summary_results.csv" \
		>"$tmp/chk" 2>&1; then ok "${prefix}synth/thresholds-independent"
	else fail "${prefix}synth/thresholds-independent" "$(head -5 "$tmp/chk" | tr '\n' ' ')"; fi
	t synth/thresholds-said 'grep -q "\"masks\": \"thresholds of [^\"]*tuning_results.csv, probability cutoffs of" "$tmp/thr.json"'
fi
# a tuning_results.csv in the heatmap folder is used, and said so
mkdir -p "$tmp/maps"
cp "$maps"/* "$tmp/maps/" && cp "$ss/inputs/tuning_results.csv" "$tmp/maps/"
if run ${prefix}synth/folder-tuning 0 "$bin" compare --gt "$gt" --method HM="$tmp/maps" -q; then
	t synth/folder-tuning-said 'grep -q "^HM: heatmaps .*(masks: thresholds of $tmp/maps/tuning_results.csv) \[baseline\]$" "$tmp/out"'
fi
if run ${prefix}synth/folder-tuning-json 0 "$bin" compare --gt "$gt" --method THR="$tmp/maps" --format json -q; then
	t synth/folder-tuning-value '$py -c "
import json, sys
a = [(r[\"pathology\"], r[\"mean\"], r[\"lower\"]) for r in json.load(open(sys.argv[1]))[\"rows\"] if r[\"metric\"] == \"iou\"]
b = [(r[\"pathology\"], r[\"mean\"], r[\"lower\"]) for r in json.load(open(sys.argv[2]))[\"rows\"] if r[\"metric\"] == \"iou\" and r[\"method\"] == \"THR\"]
sys.exit(not (a == b and len(a) == 11))" "$tmp/out" "$tmp/thr.json"'
fi

# --- a demo set: against chexplore's own eval and pctdec, another seed and baseline
d=$tmp/demo
if "$bin" demo "$d" --count 30 -q >/dev/null 2>&1; then
	e=$tmp/ev
	mkdir -p "$e"
	"$bin" segment --maps "$d/gradcam_maps_val" --out "$e/hm.json" -q >/dev/null 2>&1
	"$bin" eval --metric iou --gt "$d/gt_segmentations_val.json" --pred "$d/gradcam_segmentations_val.json" --seed 7 --save-dir "$e/seg" -q
	"$bin" eval --metric iou --gt "$d/gt_segmentations_val.json" --pred "$e/hm.json" --seed 7 --save-dir "$e/hm" -q
	"$bin" eval --metric hitmiss --gt "$d/gt_segmentations_val.json" --pred "$d/gradcam_maps_val" --seed 7 --save-dir "$e/hmh" -q
	"$bin" eval --metric hitmiss --gt "$d/gt_segmentations_val.json" --pred "$d/hb_salient_pt_val.json" --seed 7 --save-dir "$e/pt" -q
	"$bin" eval --metric iou --gt "$d/gt_segmentations_val.json" --pred "$d/hb_segmentations_val.json" --seed 7 --human-benchmark --save-dir "$e/hb" -q
	"$bin" pctdec --metric miou --hb "$e/hb/iou_humanbenchmark_bootstrap_results_per_cxr.csv" \
		--pred "$e/seg/iou_bootstrap_results_per_cxr.csv" --save-dir "$e/pct" >/dev/null
	set -- compare --gt "$d/gt_segmentations_val.json" --method SEG="$d/gradcam_segmentations_val.json" \
		--method HM="$d/gradcam_maps_val" --method PT="$d/hb_salient_pt_val.json" \
		--hb-seg "$d/hb_segmentations_val.json" --baseline HM --seed 7 -q
	if run ${prefix}demo/json 0 "$bin" "$@" --format json --save-dir "$tmp/sd" --plot "$tmp/f.svg"; then
		cp "$tmp/out" "$tmp/demo.json"
		if $py "$check" "$tmp/demo.json" 7 HM \
			iou=SEG="$e/seg/iou_results_per_cxr.csv"="$e/seg/iou_summary_results.csv" \
			iou=HM="$e/hm/iou_results_per_cxr.csv"="$e/hm/iou_summary_results.csv" \
			hitrate=HM="$e/hmh/hitmiss_results_per_cxr.csv"="$e/hmh/hitmiss_summary_results.csv" \
			hitrate=PT="$e/pt/hitmiss_results_per_cxr.csv"="$e/pt/hitmiss_summary_results.csv" \
			iou=@hb="$e/hb/iou_humanbenchmark_results_per_cxr.csv"="$e/hb/iou_humanbenchmark_summary_results.csv" \
			>"$tmp/chk" 2>&1; then ok "${prefix}demo/independent ($(cat "$tmp/chk"))"
		else fail "${prefix}demo/independent" "$(head -5 "$tmp/chk" | tr '\n' ' ')"; fi
		t demo/pct-miou 'pct_equal "$tmp/demo.json" SEG iou "$e/pct/miou_pct_decrease.csv" >"$tmp/chk" 2>&1 || { cat "$tmp/chk"; false; }'
		# the checker can fail: a wrong seed is caught
		t demo/checker-fails '! $py "$check" "$tmp/demo.json" 8 HM iou=SEG="$e/seg/iou_results_per_cxr.csv" iou=HM="$e/hm/iou_results_per_cxr.csv" >/dev/null 2>&1'
		t demo/save-dir '[ -f "$tmp/sd/compare_iou.csv" ] && [ -f "$tmp/sd/compare_hitrate.csv" ] && [ "$(ls -A "$tmp/sd" | wc -l)" -eq 2 ]'
		t demo/svg-valid '$py -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" "$tmp/f.svg"'
		t demo/svg-rows 'for p in "Airspace Opacity" Atelectasis Cardiomegaly Consolidation Edema "Enlarged Cardiomediastinum" "Lung Lesion" "Pleural Effusion" Pneumothorax "Support Devices" Average SEG HM PT "human benchmark"; do grep -q ">$p" "$tmp/f.svg" || exit 1; done'
	fi
	if run ${prefix}demo/csv 0 "$bin" "$@" --format csv; then
		t demo/csv-is-save-dir '[ "$(grep ",iou," "$tmp/out")" = "$(tail -n +2 "$tmp/sd/compare_iou.csv")" ] && [ "$(head -1 "$tmp/out")" = "$(head -1 "$tmp/sd/compare_iou.csv")" ]'
		t demo/csv-rows '[ "$(grep -c ",hitrate," "$tmp/out")" -eq 22 ] && [ "$(grep -c ",iou," "$tmp/out")" -eq 33 ]'
	fi
	if run ${prefix}demo/text 0 "$bin" "$@"; then
		t demo/text-sources 'grep -q "^HM: heatmaps $d/gradcam_maps_val (masks: Otsu) \[baseline\]$" "$tmp/out"'
		t demo/text-rows '[ "$(grep -c "^Average " "$tmp/out")" -eq 3 ] && grep -q "^Support Devices " "$tmp/out"'
		# a mark exactly where the JSON's interval excludes zero
		want=$($py -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for r in d['rows'] if r['diff'] and None not in (r['diff']['lower'], r['diff']['upper']) and (r['diff']['lower'] > 0 or r['diff']['upper'] < 0)))" "$tmp/demo.json")
		t demo/text-marks '[ "$(grep -o "\]\*" "$tmp/out" | wc -l)" -eq "$want" ] && [ "$want" -gt 0 ]'
	fi
	if run ${prefix}demo/markdown 0 "$bin" "$@" --format markdown; then
		t demo/markdown-table '[ "$(grep -c "^| Average |" "$tmp/out")" -eq 2 ] && grep -q "^|---|" "$tmp/out"'
	fi
	# --gt as the dataset folder: the same numbers
	if run ${prefix}demo/gt-dir 0 "$bin" compare --gt "$d" --method SEG="$d/gradcam_segmentations_val.json" \
		--method HM="$d/gradcam_maps_val" --method PT="$d/hb_salient_pt_val.json" \
		--hb-seg "$d/hb_segmentations_val.json" --baseline HM --seed 7 -q --format json; then
		t demo/gt-dir-same 'cmp -s "$tmp/out" "$tmp/demo.json"'
	fi
else
	fail "${prefix}demo" "chexplore demo failed"
fi
