#!/usr/bin/env python3
"""replicate.py SRC DST N: a dataset of N CXRs from the demo set SRC (made by
`chexplore demo`), for timing the explorer's open at scale without writing
N CXRs' images and heatmaps: SRC's CXRs are repeated under new patient ids,
the JSON and CSV entries rewritten, images and heatmaps hard-linked (no
space taken). Pass --no-heatmaps for a set of segmentation files only."""
import json
import os
import re
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
no_heat = "--no-heatmaps" in sys.argv
src, dst, n = args[0], args[1], int(args[2])
pat = re.compile(r"patient(\d+)")
ids = sorted(json.load(open(os.path.join(src, "gt_annotations_val.json"))))
if not ids:
    sys.exit("replicate.py: no CXRs in " + src)


def new_id(i):
    """The i-th CXR of the copy: source CXR i % len(ids), patient renumbered."""
    return "patient%d" % (100000 + i), ids[i % len(ids)]


os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(src)):
    p = os.path.join(src, name)
    if name.endswith(".json"):
        d = json.load(open(p))
        out = {}
        for i in range(n):
            pid, old = new_id(i)
            if old in d:
                out[pat.sub(pid, old, count=1)] = d[old]
        with open(os.path.join(dst, name), "w") as f:
            json.dump(out, f)
    elif name.endswith(".csv"):
        lines = open(p).read().splitlines()
        rows = {}
        for line in lines[1:]:
            m = re.search(r"(patient\d+)/(study\d+)/([^/.]+)\.", line)
            if m:
                rows.setdefault("_".join(m.groups()), line)
        with open(os.path.join(dst, name), "w") as f:
            f.write(lines[0] + "\n")
            for i in range(n):
                pid, old = new_id(i)
                line = rows.get(old)
                if line:
                    f.write(pat.sub(pid, line, count=1) + "\n")
    elif name == "valid":
        for i in range(n):
            pid, old = new_id(i)
            pold, study, view = old.split("_")[0], old.split("_")[1], "_".join(old.split("_")[2:])
            s = os.path.join(p, pold, study, view + ".jpg")
            if os.path.exists(s):
                d = os.path.join(dst, "valid", pid, study)
                os.makedirs(d, exist_ok=True)
                os.link(s, os.path.join(d, view + ".jpg"))
    elif os.path.isdir(p) and not no_heat:
        os.makedirs(os.path.join(dst, name), exist_ok=True)
        files = {}
        for f in os.listdir(p):
            files.setdefault(f.split("_frontal_")[0] + "_frontal", []).append(f)
        for i in range(n):
            pid, old = new_id(i)
            for f in files.get(old, []):
                os.link(os.path.join(p, f), os.path.join(dst, name, pat.sub(pid, f, count=1)))
