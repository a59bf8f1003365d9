#!/bin/sh
# One definition per number (issue 10, point 1): eval's printed table and
# stats (text, csv, json, markdown) show as mIoU / hit rate the value of the
# reference's summary CSV (the bootstrap replicates' mean), and the plain mean
# of the per-CXR values only under a "plain" label. Checked against the
# reference's own golden files of synth-small, never against our own output.
# Usage: tests/suite_numbers.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
shared=${CX_SHARED:-$top/../shared}
ss=$shared/reference/synth-small
g=$ss/golden
if ! [ -d "$g" ]; then
	echo "skip numbers: $g not found (the shared reference folder sits beside the checkout)"
	exit 0
fi

# t NAME CMD: ok when CMD succeeds, else FAIL with its output's first line.
t() {
	if sh -c "$2" >"$tmp/t.out" 2>&1; then echo "ok   numbers/$1"
	else echo "FAIL numbers/$1: $(head -1 "$tmp/t.out")"; fi
}

# check.py MODE FILE SUMMARY PERCXR: the figures in FILE (eval's table, or
# stats' csv/json/text/markdown) equal the golden summary's mean/lower/upper
# as headline and the mean of the golden per-CXR column as "plain".
cat >"$tmp/check.py" <<'EOF'
import csv, json, math, sys
mode, path, summ, percxr, col = sys.argv[1:6]
want = {}
for r in csv.DictReader(open(summ)):
    f = lambda x: float(x) if x != "" else math.nan
    want[r["name"]] = (f(r["mean"]), f(r["lower"]), f(r["upper"]))
rows = list(csv.DictReader(open(percxr)))
plain = {}
for name in want:
    v = [float(r[name]) for r in rows if r.get(name, "") != ""]
    plain[name] = sum(v) / len(v) if v else math.nan
def same(a, b, digits):
    """Equal when both are NaN; else equal at the printed digits (None: exact,
    or within 1e-12 for a plain mean summed in another order)."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if digits is None:
        return abs(a - b) <= 1e-12
    return round(a, digits) == round(b, digits)
def num(s):
    return math.nan if s in ("", "-", "nan", None) else float(s)
got = {}
text = open(path).read()
if mode == "eval":
    # pathology  n  mIoU  [lo, hi]  plain
    for line in text.splitlines()[1:]:
        name = line[:27].strip()
        if name not in want:
            continue
        rest = line[27:].split()
        lo, hi = rest[2].strip("[,"), rest[3].strip("]")
        got[name] = (num(rest[1]), num(lo), num(hi), num(rest[4]))
    digits = 3
elif mode == "csv":
    for r in csv.DictReader(text.splitlines()):
        got[r["pathology"]] = tuple(num(r[col + k]) for k in ("", "_lower", "_upper", "_plain")) \
            if col == "miou" else tuple(num(r[k]) for k in ("hit_rate", "hit_lower", "hit_upper", "hit_rate_plain"))
    digits = None
elif mode == "json":
    for p in json.loads(text)["pathologies"]:
        keys = ("miou", "miou_lower", "miou_upper", "miou_plain") if col == "miou" else \
            ("hit_rate", "hit_lower", "hit_upper", "hit_rate_plain")
        got[p["name"]] = tuple(math.nan if p.get(k) is None else p[k] for k in keys)
    digits = None
else:
    # text / markdown: the header names the columns
    lines = [l for l in text.splitlines() if l.strip()]
    md = mode == "markdown"
    split = (lambda l: [c.strip() for c in l.strip().strip("|").split("|")]) if md else \
        (lambda l: [l[:27].strip()] + l[27:].split())
    head = next(split(l) for l in lines if "pathology" in l and (md or l.startswith("pathology")))
    keys = ("miou", "miou_lower", "miou_upper", "miou_plain") if col == "miou" else \
        ("hit_rate", "hit_lower", "hit_upper", "hit_rate_plain")
    for l in lines:
        c = split(l)
        if len(c) == len(head) and c[0] in want:
            got[c[0]] = tuple(num(c[head.index(k)]) for k in keys)
    digits = 3
bad = []
for name, (m, lo, hi) in want.items():
    if name not in got:
        bad.append(name + ": missing")
        continue
    gm, glo, ghi, gp = got[name]
    for what, x, y in (("headline", gm, m), ("lower", glo, lo), ("upper", ghi, hi),
                       ("plain", gp, plain[name])):
        if not same(x, y, digits):
            bad.append("%s %s: %r, want %r" % (name, what, x, y))
if bad:
    print("; ".join(bad[:3]))
    sys.exit(1)
EOF

iou_s=$g/eval_iou_otsu_tp/iou_summary_results.csv
iou_r=$g/eval_iou_otsu_tp/iou_results_per_cxr.csv
hit_s=$g/eval_hitmiss/hitmiss_summary_results.csv
hit_r=$g/eval_hitmiss/hitmiss_results_per_cxr.csv
gt=$g/gt_segmentations.json
pred=$g/saliency_segmentations_otsu.json
maps=$ss/inputs/gradcam_maps_val

"$bin" eval --metric iou --gt "$gt" --pred "$pred" -o "$tmp/e1" --seed 0 >"$tmp/eval.txt" 2>/dev/null
t eval-table-iou "python3 '$tmp/check.py' eval '$tmp/eval.txt' '$iou_s' '$iou_r' miou"
t eval-table-labels "grep -q 'plain mean' '$tmp/eval.txt' && grep -q 'summary CSV' '$tmp/eval.txt'"
"$bin" eval --metric hitmiss --gt "$gt" --pred "$maps" -o "$tmp/e2" --seed 0 >"$tmp/evalh.txt" 2>/dev/null
t eval-table-hitmiss "python3 '$tmp/check.py' eval '$tmp/evalh.txt' '$hit_s' '$hit_r' hit"
for f in csv json text markdown; do
	"$bin" stats --gt "$gt" --pred "$pred" --maps "$maps" --format $f -q >"$tmp/st.$f" 2>/dev/null
	t stats-$f-miou "python3 '$tmp/check.py' $f '$tmp/st.$f' '$iou_s' '$iou_r' miou"
	t stats-$f-hit "python3 '$tmp/check.py' $f '$tmp/st.$f' '$hit_s' '$hit_r' hit"
done
exit 0
