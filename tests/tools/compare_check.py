#!/usr/bin/env python3
"""compare_check: an independent check of `chexplore compare --format json`.

From eval's per-CXR CSVs (<metric>_results_per_cxr.csv, one per method and
metric) it redraws the bootstrap with NumPy's legacy generator (as eval.py
does: np.random.seed(seed), then per replicate np.random.choice(n, n)),
takes each method's NaN-skipping mean over the drawn rows, and computes the
paired differences against the baseline as the compare man page defines
them: elements [24] and [974] of the sorted differences (NaN last), their
NaN-skipping mean, and p = min(1, 2 min(#d<=0, #d>=0) / #d not NaN). It also
checks mean/lower/upper against eval's summary CSV (3 decimals) when given.

usage: compare_check.py COMPARE.json SEED BASELINE METRIC=NAME=PER_CXR.csv[=SUMMARY.csv] ...
(METRIC iou or hitrate; NAME @hb: the human benchmark's rows)
Prints one line per mismatch and exits 1 if any; else "checked N values".
"""
import csv
import json
import sys

import numpy as np

NREP = 1000


def read_per_cxr(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    cols = [h for h in head if h != "img_id"]
    idc = head.index("img_id")
    ids = [r[idc] for r in rows[1:]]
    vals = {}
    for c in cols:
        j = head.index(c)
        vals[c] = np.array([float(r[j]) if r[j] != "" else np.nan for r in rows[1:]])
    return ids, vals


def nanmean(x):
    valid = ~np.isnan(x)
    cnt = valid.sum()
    if cnt == 0:
        return np.nan
    return np.add.reduce(np.where(valid, x, 0.0)) / cnt


def ci(d):
    s = np.sort(d)  # NaN last
    lo = int(0.05 / 2 * len(s)) - 1
    hi = int((1 - 0.05 / 2) * len(s)) - 1
    return s[lo], nanmean(s), s[hi]


def pvalue(d):
    v = d[~np.isnan(d)]
    if len(v) == 0:
        return np.nan
    return min(1.0, 2.0 * min((v <= 0).sum(), (v >= 0).sum()) / len(v))


def same(a, b, tol):
    if a is None or b is None:
        return a is None and (b is None or np.isnan(b)) or b is None and np.isnan(a)
    if tol == 0:
        return a == b
    return abs(a - b) <= tol


def main():
    out = json.load(open(sys.argv[1]))
    seed, base = int(sys.argv[2]), sys.argv[3]
    tabs, summaries = {}, {}
    for spec in sys.argv[4:]:
        parts = spec.split("=")
        metric, name, path = parts[0], parts[1], parts[2]
        tabs[(metric, name)] = read_per_cxr(path)
        if len(parts) > 3:
            summaries[(metric, name)] = {r["name"]: r for r in csv.DictReader(open(parts[3]))}
    ids0 = next(iter(tabs.values()))[0]
    for k, (ids, _) in tabs.items():
        if ids != ids0:
            sys.exit("compare_check: %s: rows differ from the first table" % (k,))
    n = len(ids0)
    np.random.seed(seed)
    draws = [np.random.choice(n, size=n, replace=True) for _ in range(NREP)]
    reps = {}
    for k, (_, vals) in tabs.items():
        reps[k] = {p: np.array([nanmean(v[d]) for d in draws]) for p, v in vals.items()}
        paths = sorted(vals)
        reps[k]["Average"] = np.array([nanmean(np.array([reps[k][p][r] for p in paths]))
                                       for r in range(NREP)])
    rows = {(r["metric"], r["method"], r["pathology"]): r for r in out["rows"]}
    # the human benchmark's rows, as method "@hb"
    for r in out.get("human_benchmark", []):
        rows[(r["metric"], "@hb", r["pathology"])] = dict(r, method="@hb", diff=None)
    bad = checked = 0

    def expect(what, got, want, tol):
        nonlocal bad, checked
        checked += 1
        if not same(got, want, tol):
            bad += 1
            print("mismatch %s: compare %r, independent %r" % (what, got, want))

    for (metric, name), rp in reps.items():
        for p, r in rp.items():
            row = rows.get((metric, name, p))
            if row is None:
                bad += 1
                print("missing row %s %s %s" % (metric, name, p))
                continue
            tol = 1e-12 if p == "Average" else 0
            lo, mean, hi = ci(r)
            if p == "Average":
                # the Average's value: the mean of the pathologies' means (pctdec)
                mean = nanmean(np.array([nanmean(rp[q]) for q in sorted(rp) if q != p]))
            expect("%s/%s/%s lower" % (metric, name, p), row["lower"], lo, tol)
            expect("%s/%s/%s upper" % (metric, name, p), row["upper"], hi, tol)
            expect("%s/%s/%s mean" % (metric, name, p), row["mean"], mean, tol)
            s = summaries.get((metric, name), {}).get(p)
            if s is not None:
                for f in ("lower", "mean", "upper"):
                    want = float(s[f]) if s[f] != "" else np.nan
                    got = row[f]
                    got = np.nan if got is None else float(np.round(got, 3))
                    expect("%s/%s/%s %s vs eval" % (metric, name, p, f),
                           None if np.isnan(got) else float(got),
                           None if np.isnan(want) else want, 0)
            if name == base or name == "@hb" or (metric, base) not in reps:
                if row["diff"] is not None:
                    bad += 1
                    print("%s/%s/%s: a diff where none is due" % (metric, name, p))
                continue
            d = r - reps[(metric, base)][p]
            lo, mean, hi = ci(d)
            if row["diff"] is None:
                bad += 1
                print("%s/%s/%s: no diff" % (metric, name, p))
                continue
            for f, want in (("lower", lo), ("upper", hi), ("mean", mean), ("p", pvalue(d))):
                expect("%s/%s/%s diff %s" % (metric, name, p, f), row["diff"][f], want,
                       tol if f != "p" else 0)
    if bad:
        sys.exit(1)
    print("checked %d values" % checked)


main()
