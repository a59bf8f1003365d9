#!/bin/sh
# Heatmaps of other dtypes (issue 12): float16, bfloat16, integer and bool
# torch tensors, NumPy arrays of those in the pickle, and .npy files of
# those. torch 1.13's interpolate refuses them (bfloat16: its .numpy()), so
# the reference reads none; chexplore computes each as the float32 tensor
# torch's .float() makes of it (one rounding, also for int64 beyond 2**53),
# and the expected outputs are the reference's on exactly those float32
# maps (tests/data/dtypes/make_fixtures.py says how, and checks that the
# reference refuses the originals).
# Usage: tests/suite_dtypes.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
d=$top/tests/data/dtypes
prefix=dtypes/

# .npy maps carry no image size: --gt gives it, as the explorer takes it
if run dtypes/segment 0 "$bin" segment --maps "$d/maps" --gt "$d/gt.json" --out "$tmp/otsu.json" -q; then
	t segment-otsu 'python3 -c "
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
bad = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
if bad:
    print(\"%d of %d CXRs differ: %s\" % (len(bad), len(b), \", \".join(bad)))
sys.exit(1 if bad or len(b) != 18 else 0)" "$tmp/otsu.json" "$d/expected_otsu.json"'
fi
if run dtypes/hitmiss 0 "$bin" eval --metric hitmiss --gt "$d/gt.json" --pred "$d/maps" -o "$tmp/hm" -q; then
	t hitmiss 'python3 -c "
import csv, sys
def rows(p):
    return {r[\"img_id\"]: {k: float(v) for k, v in r.items() if k != \"img_id\" and v != \"\"} for r in csv.DictReader(open(p))}
a, b = rows(sys.argv[1]), rows(sys.argv[2])
bad = [k for k in b if a.get(k) != b[k]]
if bad:
    print(\"differ: \" + \", \".join(bad))
sys.exit(1 if bad or set(a) != set(b) else 0)" "$tmp/hm/hitmiss_results_per_cxr.csv" "$d/expected_hitmiss.csv"'
fi
exit 0
