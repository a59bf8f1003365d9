#!/bin/sh
# tests/tui/compare_screen.sh [BIN]: the comparison screen (S, then D) shows
# `chexplore compare --json`'s numbers on the same files: for every
# pathology (and Average), method and metric n, the mean and interval, the
# difference from the baseline with its interval and p-value, and the
# percentage decrease from the human benchmark, each rounded as compare's
# table rounds it; the forest plot has a bar on every such row. Twice: with
# the dataset's prediction file as method 1, and with its heatmaps' derived
# masks (compare: the heatmap folder) as method 1 and a --baseline.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_compare_screen
if ! command -v python3 >/dev/null; then
	skip explore_compare_screen "python3 is not installed (make deps installs it)"
	exit 0
fi
# run NAME DIR BASELINE COMPARE-ARGS...: the explorer's comparison screen
# against compare --json with those arguments.
run() {
	name=$1 dir=$2 base=$3
	shift 3
	SOCK="$T/tmux-$name.sock"
	"$BIN" compare --gt "$dir" "$@" --hb-seg "$dir/hb_segmentations_val.json" \
	    --hb-points "$dir/hb_salient_pt_val.json" --seed 0 --json -q >"$T/$name.json" 2>"$T/$name.err" \
	    || { fail "$name" "compare failed: $(head -1 "$T/$name.err")"; return; }
	tm -f /dev/null new-session -d -s x -x 200 -y 110 "env TERM=xterm-256color '$BIN' '$dir' --graphics none ${base:+--baseline $base} 2>'$T/$name.xerr'; sleep 60"
	wait_for "$N/$N CXRs" >/dev/null
	keys S
	wait_for "D: the" >/dev/null
	keys D
	# heatmaps segmented and scored in the background: up to three minutes
	# (sanitizer builds on a busy machine)
	w=0; while [ $w -lt 36 ] && ! wait_for "^ Average .*human benchmark"; do w=$((w + 1)); done
	if ! grep -q "^ Average .*human benchmark" "$T/cap"; then
		fail "$name" "no comparison: $(sed -n 2p "$T/cap")"
		tm kill-server >/dev/null 2>&1
		return
	fi
	sleep 0.5
	cap >"$T/$name.cap"
	python3 - "$T/$name.json" "$T/$name.cap" >"$T/$name.bad" <<'EOF'
import json, math, sys
doc = json.load(open(sys.argv[1]))
cap = open(sys.argv[2], encoding="utf-8").read().split("\n")
nan = float("nan")
def v(x):
    return nan if x is None else x
def num3(x, sign=False):
    if math.isnan(x):
        return "-"
    r = round(x * 1000) / 1000 + 0.0
    return ("%+.3f" if sign else "%.3f") % r
rows = [dict(r, method=r.get("method", "human benchmark")) for r in doc["rows"]]
rows += [dict(r, method="human benchmark", diff=None, pct_decrease=None) for r in doc["human_benchmark"]]
seen = 0
for r in rows:
    ci = "[%s, %s]" % (num3(v(r["lower"])), num3(v(r["upper"])))
    d = r.get("diff")
    dm = dci = p = ""
    if d is not None:
        lo, hi = v(d["lower"]), v(d["upper"])
        star = "*" if not math.isnan(lo) and not math.isnan(hi) and (lo > 0 or hi < 0) else ""
        dci = "[%s, %s]%s" % (num3(lo, True), num3(hi, True), star)
        dm, p = num3(v(d["mean"]), True), num3(v(d["p"]))
    pct = ""
    pd = r.get("pct_decrease")
    # compare's cells: "-" for NaN (JSON null, as is an infinite bound: those
    # rows are compared without the cell)
    if pd is not None and None not in (pd["mean"], pd["lower"], pd["upper"]):
        pct = "%.1f%% [%.1f, %.1f]" % (pd["mean"], pd["lower"], pd["upper"])
    want = " %-26.26s %-18.18s %5d %6s %-14s %6s %-17s %6s %s" % (r["pathology"], r["method"],
        r["n"], num3(v(r["mean"])), ci, dm, dci, p, pct)
    # the metric's block: rows after its header
    title = "mIoU, 95% CI" if r["metric"] == "iou" else "hit rate, 95% CI"
    start = next((k for k, l in enumerate(cap) if l.startswith(" " + title)), None)
    block = []
    for l in cap[start + 1:] if start is not None else []:
        if l.startswith(" mIoU, 95% CI") or l.startswith(" hit rate, 95% CI"):
            break
        block.append(l)
    for l in block:
        if l.startswith(want.rstrip() if not pct else want):
            seen += 1
            # the plot: a dot on the row (or an empty scale for no mean)
            if not math.isnan(v(r["mean"])) and "\u25cf" not in l:
                print("no bar: " + want.strip())
            break
    else:
        print("want: " + want.strip())
if seen == 0:
    print("no row")
EOF
	if [ -s "$T/$name.bad" ]; then fail "$name" "$(head -1 "$T/$name.bad") (+$(($(wc -l <"$T/$name.bad") - 1)))"
	else ok "$name"; fi
	keys q q q
	tm kill-server >/dev/null 2>&1
	[ -s "$T/$name.xerr" ] && fail "${name}_stderr" "$(head -1 "$T/$name.xerr")"
}
C="$T/c"
mkdir -p "$C/methods/hbseg"
cp -r "$D/valid" "$D/valid.csv" "$GT" "$PRED" "$D/gradcam_maps_val" "$D/hb_segmentations_val.json" \
    "$D/hb_salient_pt_val.json" "$C/"
cp "$D/hb_segmentations_val.json" "$C/methods/hbseg/"
cp -r "$D/gradcam_maps_val" "$C/methods/heat"
P1=$(basename "$PRED")
run explore_compare_screen_equals_compare "$C" "" --method "$P1=$C/$P1" \
    --method hbseg="$C/methods/hbseg/hb_segmentations_val.json" --method heat="$C/methods/heat"
# Without a prediction file: method 1 is derived from the dataset's heatmaps
# (Otsu), as compare segments that folder; the baseline given.
rm "$C/$P1"
run explore_compare_screen_derived_baseline "$C" heat --method gradcam_maps_val="$C/gradcam_maps_val" \
    --method hbseg="$C/methods/hbseg/hb_segmentations_val.json" --method heat="$C/methods/heat" \
    --baseline heat
exit 0
