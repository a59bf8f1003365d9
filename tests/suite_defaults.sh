#!/bin/sh
# The reference's defaults and the smaller points of issue 12: segment's
# default output names and parent folders (heatmap_to_segmentation.py makes
# them), heatmaps without cxr_dims sized by the ground truth in every command,
# a pathology whose every mIoU is NaN named as such, printed tables without
# nan, whole-number counts in stats.
# Usage: tests/suite_defaults.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
prefix=defaults/
if ! /usr/bin/python3 -c "import numpy" 2>/dev/null; then
	echo "skip defaults: Debian's python3-numpy is not installed (make deps)"
	exit 0
fi
npy=$top/tests/data/segment
cd "$tmp" || exit 1

# segment: default names, parents made
mkdir -p d1 && (cd d1 && "$bin" segment --maps "$npy" --dims 40x30 -q)
t segment-default-out '[ -s d1/saliency_segmentations.json ]'
"$bin" segment --maps "$npy" --dims 40x30 --out deep/er/s.json -q
t segment-parents '[ -s deep/er/s.json ]'

# sizes from the ground truth: the .npy map (no cxr_dims) against the same
# map in a pickle that carries the GT's size as cxr_dims
"$bin" segment --maps "$npy" --dims 40x30 --out gt.json -q
mkdir -p pk
/usr/bin/python3 - "$npy"/*.npy pk <<'PY'
import os, pickle, sys
import numpy as np
m = np.load(sys.argv[1])
with open(os.path.join(sys.argv[2], os.path.basename(sys.argv[1])[:-4] + ".pkl"), "wb") as f:
    pickle.dump({"map": m, "task": "Edema", "prob": 0.9, "cxr_dims": (40, 30)}, f, protocol=2)
PY
if run defaults/segment-gt 0 "$bin" segment --maps "$npy" --gt gt.json --out s1.json -q &&
    run defaults/segment-pk 0 "$bin" segment --maps pk --out s2.json -q; then
	t segment-gt-sizes 'cmp -s s1.json s2.json'
fi
for m in hitmiss; do
	if run defaults/eval-npy 0 "$bin" eval --metric $m --gt gt.json --pred "$npy" -o e1 -q &&
	    run defaults/eval-pk 0 "$bin" eval --metric $m --gt gt.json --pred pk -o e2 -q; then
		t eval-gt-sizes 'cmp -s e1/hitmiss_results_per_cxr.csv e2/hitmiss_results_per_cxr.csv'
	fi
done
if run defaults/tune-npy 0 "$bin" tune thresholds --maps "$npy" --gt gt.json --save-dir t1 -q &&
    run defaults/tune-pk 0 "$bin" tune thresholds --maps pk --gt gt.json --save-dir t2 -q; then
	t tune-gt-sizes 'cmp -s t1/tuning_results.csv t2/tuning_results.csv'
fi
if run defaults/stats-npy 0 "$bin" stats --gt gt.json --maps "$npy" -f csv -q; then
	cp out st1
	run defaults/stats-pk 0 "$bin" stats --gt gt.json --maps pk -f csv -q && cp out st2
	t stats-gt-sizes 'cmp -s st1 st2 && grep -q "^Edema,1," st1'
fi

# a pathology whose every mIoU is NaN: said so, not "no cutoff"
printf 'prob_threshold,mIoU,task\n0.1,,Edema\n0.2,,Edema\n' >cut.csv
badrun defaults/prob-all-nan "every mIoU of Edema in cut.csv is NaN" pout \
	"$bin" segment --maps pk --prob-cutoffs cut.csv --out pout/s.json -q

# printed tables: "-" for an undefined value, never nan or -nan
g=${CX_SHARED:-$top/../shared}/reference/synth-small/golden
if [ -d "$g" ]; then
	"$bin" pctdec --metric miou --hb "$g/eval_iou_hb_tp/iou_humanbenchmark_bootstrap_results_per_cxr.csv" \
		--pred "$g/eval_iou_otsu_tp/iou_bootstrap_results_per_cxr.csv" -o pd >pd.txt 2>&1
	t pctdec-table-no-nan '! grep -qi nan pd.txt && grep -q "^Lung Lesion .*\[-inf, -\]" pd.txt'
	"$bin" stats --gt "$g/gt_segmentations.json" -f csv -q >sc.csv
	"$bin" stats --gt "$g/gt_segmentations.json" -f json -q >sj.json
	# a prediction of another split: an error, not n = 0 everywhere; a few
	# shared ids: a note saying how many
	/usr/bin/python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
json.dump({'X' + k: v for k, v in d.items()}, open('other.json', 'w'))
json.dump({k: d[k] for k in sorted(d)[:4]}, open('few.json', 'w'))" "$g/saliency_segmentations_otsu.json"
	badrun defaults/eval-other-split "none of the 10 CXRs of the ground truth" eo \
		"$bin" eval --metric iou --gt "$g/gt_segmentations.json" --pred other.json -o eo
	"$bin" eval --metric iou --gt "$g/gt_segmentations.json" --pred few.json -o ef >/dev/null 2>ef.err
	t eval-few-shared 'grep -q "few.json: [0-9] of the ground truth.s 10 CXRs are here" ef.err'
	badrun defaults/stats-other-split "none of the 10 CXRs of the ground truth" so \
		"$bin" stats --gt "$g/gt_segmentations.json" --pred other.json
	badrun defaults/compare-other-split "other.json: none of the 10 CXRs" co \
		"$bin" compare --gt "$g/gt_segmentations.json" --method A="$g/saliency_segmentations_otsu.json" \
		--method B=other.json --save-dir co
	t stats-counts-whole 'grep -q "^Cardiomegaly,4," sc.csv && grep -q "\"gt_masks\": 4," sj.json'
else
	skip pctdec-table-no-nan "$g not found"
fi
exit 0
