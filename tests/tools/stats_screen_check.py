#!/usr/bin/env python3
"""stats_screen_check.py CAPTURE IOU_DIR HIT_DIR: the explorer's statistics
screen (a tmux capture) against eval's CSVs for the same files: each
pathology's hit rate is the summary CSV's mean (the headline value) and the
two "plain" columns are the means of eval's per-CXR values, to 3 decimals
("-" where there is none, as the CLI prints it).
Prints what differs and exits 1; exits 0 when every row agrees."""
import csv
import re
import sys


def load(d, kind):
    summ = {r["name"]: r for r in csv.DictReader(open("%s/%s_summary_results.csv" % (d, kind)))}
    rows = list(csv.DictReader(open("%s/%s_results_per_cxr.csv" % (d, kind))))
    plain = {}
    for n in summ:
        v = [float(r[n]) for r in rows if r.get(n, "") != ""]
        # no value: "-", as stats and eval's table print it
        plain[n] = "%.3f" % (sum(v) / len(v)) if v else "-"
    return summ, plain


def main():
    cap, iou, hit = sys.argv[1:4]
    si, pi = load(iou, "iou")
    sh, ph = load(hit, "hitmiss")
    ci = r"(-|[0-9.]+ \[[-0-9.]+, [-0-9.]+\])"
    bad, seen = [], 0
    for line in open(cap):
        for name in si:
            if not line.startswith(" " + name + " "):
                continue
            m = re.match(r" %s +\S+ +\d+ +%s +(\S+) +%s +(\S+) " % (re.escape(name), ci, ci), line)
            if not m:
                bad.append(name + ": row not understood: " + line.strip())
                continue
            seen += 1
            for what, got, want in (("mIoU plain", m.group(2), pi[name]),
                                    ("hit plain", m.group(4), ph[name])):
                if got != want:
                    bad.append("%s %s: %s, want %s" % (name, what, got, want))
            mean = sh[name]["mean"]
            if mean and not m.group(3).startswith("%.3f " % float(mean)):
                bad.append("%s hit rate: %s, want %s" % (name, m.group(3), mean))
    if seen < 5:
        bad.append("only %d pathology rows" % seen)
    if bad:
        print("; ".join(bad[:3]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
