#!/bin/sh
# tests/tui/methods_points.sh [BIN]: a salient-point JSON as a method
# (DIR/methods/NAME.json and --method NAME=PATH; compare's rule: a file whose
# first entry holds an array): shown (M), the header names it, the table's
# hit column is eval --metric hitmiss of that file for the CXR, the list's
# miss column its misses per CXR, no IoU; the comparison screen (S, D) shows
# compare's hit rate rows for it (n, mean, interval) on the same files.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explore_points
SOCK="$T/tmux-points.sock"
M="$T/mp"
mkdir -p "$M/methods"
cp -r "$D/valid" "$D/valid.csv" "$GT" "$PRED" "$M/"
cp "$D/hb_salient_pt_val.json" "$M/methods/pts.json"
cp "$D/hb_salient_pt_val.json" "$T/more.json"
"$BIN" eval --metric hitmiss --gt "$GT" --pred "$M/methods/pts.json" -o "$T/evp" -q >/dev/null 2>&1
"$BIN" compare --gt "$GT" --method pred="$PRED" --method pts="$M/methods/pts.json" \
    --method more="$T/more.json" --json -q >"$T/cmp.json" 2>"$T/cmp.err"
FIRST=$(tail -n +2 "$T/evp/hitmiss_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
tm -f /dev/null new-session -d -s x -x 200 -y 60 "env TERM=xterm-256color '$BIN' '$M' --graphics none --method more='$T/more.json' 2>'$T/points.err'; echo \$? >'$T/points.rc'; sleep 60"
wait_for "$N/$N CXRs" >/dev/null
keys M
if wait_for "pred: pts (salient points) \[2/3\]"; then ok explore_points_named
else fail explore_points_named "$(grep -o 'pred: .*' "$T/cap" | head -1)"; fi
# the first CXR's table: hit / MISS / - as eval's per-CXR hit/miss
awk -F, -v id="$FIRST" 'NR==1{for(i=1;i<=NF;i++)h[i]=$i} $NF==id{for(i=1;i<NF;i++)printf "%s|%s\n", h[i], $i==""?"-":$i==1?"hit":"MISS"}' \
    "$T/evp/hitmiss_results_per_cxr.csv" >"$T/want"
bad=
while IFS='|' read -r name v; do
	grep -o "$name  .*" "$T/cap" | head -1 | grep -q "^$name  *- *$v " || bad="$bad $name:$v"
done <"$T/want"
if [ -s "$T/want" ] && [ -z "$bad" ] && grep -q "hit\|MISS" "$T/want"; then ok explore_points_table_equals_eval
else fail explore_points_table_equals_eval "want$bad ($(grep -c . "$T/want") rows)"; fi
# the list's miss column: eval's zeros per CXR
awk -F, 'NR>1{n=0;for(i=1;i<NF;i++)if($i!=""&&$i+0==0)n++; split($NF,p,"_"); print p[1] "|" n}' \
    "$T/evp/hitmiss_results_per_cxr.csv" | sort >"$T/mwant"
cut -c1-52 "$T/cap" | grep -o '^ *patient[0-9]*/study[^ ]* *[0-9]* *[-0-9.]* *[0-9]*' |
    awk '{split($1,p,"/"); print p[1] "|" $4}' | sort | grep -F -f "$(cut -d'|' -f1 "$T/mwant" | sed 's/$/|/' >"$T/mids"; echo "$T/mids")" >"$T/mgot"
if [ -s "$T/mwant" ] && cmp -s "$T/mwant" "$T/mgot"; then ok explore_points_misses_equal_eval
else fail explore_points_misses_equal_eval "$(diff "$T/mwant" "$T/mgot" | grep '^[<>]' | head -2 | tr '\n' ' ')"; fi
# the comparison screen: compare's hit rate rows of both point methods
keys S
wait_for "D: the" >/dev/null
# the statistics screen of the point method: n is its hit rate's (as
# compare's), the mIoU columns "-" (it has no masks; they said n 0, 0.000)
w=0; while [ $w -lt 10 ] && ! wait_for "^ Support Devices .*\]"; do w=$((w + 1)); done
cap >"$T/st.cap"
if grep -q "scored: pts" "$T/st.cap" && python3 - "$T/cmp.json" "$T/st.cap" >"$T/st.bad" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
cap = open(sys.argv[2], encoding="utf-8").read().split("\n")
seen = 0
for r in doc["rows"]:
    if r["metric"] != "hitrate" or r["method"] != "pts" or r["pathology"] == "Average":
        continue
    row = [l for l in cap if l.startswith(" %s " % r["pathology"])]
    f = row[0][len(r["pathology"]) + 1:].split() if row else []
    if len(f) < 4 or f[1] != str(r["n"]) or f[2] != "-" or f[3] != "-":
        print("%s: want n %d, mIoU - -, screen %r" % (r["pathology"], r["n"], f[:4]))
    seen += 1
if seen != 10:
    print("%d rows" % seen)
EOF
then
	if [ -s "$T/st.bad" ]; then fail explore_points_stats "$(head -2 "$T/st.bad" | tr '\n' ' ')"
	else ok explore_points_stats; fi
else
	fail explore_points_stats "not the point method's statistics: $(head -1 "$T/st.cap") $(head -1 "$T/st.bad" 2>/dev/null)"
fi
keys D
w=0; while [ $w -lt 10 ] && ! wait_for "^ Average  *more "; do w=$((w + 1)); done
cap >"$T/cmp.cap"
if [ -s "$T/cmp.json" ] && python3 - "$T/cmp.json" "$T/cmp.cap" >"$T/cmp.bad" <<'EOF'
import json, math, sys
doc = json.load(open(sys.argv[1]))
cap = open(sys.argv[2], encoding="utf-8").read().split("\n")
def num3(x):
    return "-" if x is None else "%.3f" % (round(x * 1000) / 1000 + 0.0)
seen = 0
blk = [i for i, l in enumerate(cap) if l.startswith(" hit rate")]
if not blk:
    sys.exit("no hit rate block")
for r in doc["rows"]:
    if r["metric"] != "hitrate":
        continue
    if r["method"] not in ("pts", "more"):
        print("a hit rate for %s" % r["method"])
        continue
    want = "%5d %6s %-14s" % (r["n"], num3(r["mean"]), "[%s, %s]" % (num3(r["lower"]), num3(r["upper"])))
    hit = [l for l in cap[blk[0]:] if l.startswith(" %-26s %-18.18s " % (r["pathology"], r["method"]))]
    if not hit or want not in hit[0]:
        print("%s %s: want %r, screen %r" % (r["pathology"], r["method"], want, hit[:1]))
    seen += 1
if seen != 22:
    print("%d rows" % seen)
EOF
then
	if [ -s "$T/cmp.bad" ]; then fail explore_points_compare "$(head -2 "$T/cmp.bad" | tr '\n' ' ')"
	else ok explore_points_compare; fi
else
	fail explore_points_compare "$(head -1 "$T/cmp.err") $(head -1 "$T/cmp.bad" 2>/dev/null)"
fi
grep -q " 2 pts: points $M/methods/pts.json" "$T/cmp.cap" && grep -q " 3 more: points $T/more.json" "$T/cmp.cap" \
    && ok explore_points_compare_sources || fail explore_points_compare_sources "$(sed -n 2,4p "$T/cmp.cap" | tr '\n' ' ')"
keys q q q
i=0; while [ $i -lt 50 ] && ! [ -s "$T/points.rc" ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$T/points.rc" 2>/dev/null)" = 0 ] && ! [ -s "$T/points.err" ]; then ok explore_points_clean_exit
else fail explore_points_clean_exit "exit $(cat "$T/points.rc" 2>/dev/null): $(head -1 "$T/points.err")"; fi
tm kill-server >/dev/null 2>&1
exit 0
