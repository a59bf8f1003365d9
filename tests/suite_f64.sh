#!/bin/sh
# float64 heatmaps are computed in float64, as the reference computes them
# (issue 12): tests/data/f64 holds maps picked so that their float32 copy
# gives another Otsu mask, threshold mask or first maximum, and the
# reference's own outputs on them (made by tests/data/f64/make_fixtures.py).
# Usage: tests/suite_f64.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
d=$top/tests/data/f64
prefix=f64/

# same_json GOT WANT: the same ids, pathologies and masks (key order aside)
same_json() {
	python3 -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
bad = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
if bad:
    print("%d of %d CXRs differ: %s" % (len(bad), len(b), ", ".join(bad[:3])))
    sys.exit(1)' "$1" "$2"
}

if run f64/segment-otsu 0 "$bin" segment --maps "$d/maps" --out "$tmp/otsu.json" -q; then
	t segment-otsu 'same_json "$tmp/otsu.json" "$d/expected_otsu.json"'
fi
if run f64/segment-thr 0 "$bin" segment --maps "$d/maps" --thresholds "$d/thresholds.csv" \
    --out "$tmp/thr.json" -q; then
	t segment-thr 'same_json "$tmp/thr.json" "$d/expected_thr.json"'
fi
# hit/miss per CXR, keyed by id (the fixture's note says why not eval.py's CSV)
if run f64/hitmiss 0 "$bin" eval --metric hitmiss --gt "$d/gt.json" --pred "$d/maps" -o "$tmp/hm" -q; then
	t hitmiss 'python3 -c "
import csv, sys
def rows(p, key):
    return {r[key]: {k: v for k, v in r.items() if k != key and v != \"\"} for r in csv.DictReader(open(p))}
a, b = rows(sys.argv[1], \"img_id\"), rows(sys.argv[2], \"img_id\")
bad = [k for k in b if {k2: float(v) for k2, v in a.get(k, {}).items()} != {k2: float(v) for k2, v in b[k].items()}]
sys.exit(1 if bad or set(a) != set(b) else 0)" "$tmp/hm/hitmiss_results_per_cxr.csv" "$d/expected_hitmiss.csv"'
fi
if run f64/tune 0 "$bin" tune thresholds --maps "$d/maps" --gt "$d/gt.json" --save-dir "$tmp/tu" -q; then
	t tune 'cmp -s "$tmp/tu/tuning_results.csv" "$d/expected_tune.csv"'
fi
# stats on a folder of these maps: the hit rate and the derived masks'
# mIoU equal eval's of the same computation
mkdir -p "$tmp/ds"
cp "$d/gt.json" "$tmp/ds/gt_segmentations_val.json"
ln -s "$d/maps" "$tmp/ds/gradcam_maps_val"
if run f64/stats 0 "$bin" stats "$tmp/ds" --format json -q; then
	cp "$tmp/out" "$tmp/stats.json"
	"$bin" eval --metric iou --gt "$d/gt.json" --pred "$d/expected_otsu.json" -o "$tmp/ev" -q >/dev/null 2>&1
	t stats-derived 'python3 -c "
import csv, json, sys
s = {p[\"name\"]: p for p in json.load(open(sys.argv[1]))[\"pathologies\"]}
e = {r[\"name\"]: r for r in csv.DictReader(open(sys.argv[2]))}
bad = [n for n in e if e[n][\"mean\"] and (s[n].get(\"miou\") is None or abs(float(e[n][\"mean\"]) - s[n][\"miou\"]) > 1e-12)]
sys.exit(1 if bad else 0)" "$tmp/stats.json" "$tmp/ev/iou_summary_results.csv"'
fi
exit 0
