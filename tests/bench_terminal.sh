#!/bin/sh
# tests/bench_terminal.sh BIN DATA: what the explorer writes to a terminal
# per key (bytes and pictures), on a pretend sixel terminal
# (../shared/tools/ptyterm.py) at 120x40 and 200x60 cells of 10x20 px: next
# CXR, overlay toggle, error map, probe on and moved (j with the probe on),
# leaving help, and ten keys 50 ms
# apart on a modelled 10 Mbit/s link. DATA: a dataset; without it a demo
# set of 12 CXRs made now by BIN's generator (so never stale). `make bench`
# runs it after tests/bench.sh.
bin=${1:-./chexplore}
top=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
if [ -n "${2:-}" ]; then data=$2; else data=$scratch/demo; "$bin" demo "$data" --count 12 -q || exit 1; fi
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
[ -f "$PT" ] || { echo "bench_terminal: no $PT"; exit 0; }
export XDG_STATE_HOME=$(mktemp -d) XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_STATE_HOME" "$XDG_CONFIG_HOME" "$scratch"' EXIT
echo "terminal bytes per key ($(git -C "$top" rev-parse --short HEAD 2>/dev/null), $(date -u +%F), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
for geo in 120x40 200x60; do
	cols=${geo%x*} rows=${geo#*x}
	for bw in normal low; do
		python3 "$PT" --cols "$cols" --rows "$rows" --keys "j,1,3,i,j,?,q,z" --gap 0.6 --settle 3 -- \
		    "$bin" "$data" --bandwidth "$bw" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
k = {x["key"] + str(i): x for i, x in enumerate(d["keys"])}
names = ["next CXR", "GT overlay", "error map", "probe on", "probe move", "help", "leave help"]
print("  %s %-6s first %7d |" % (sys.argv[1], sys.argv[2], d["first"]["bytes"]),
      " | ".join("%s %d B/%d pic" % (n, x["bytes"], x["sixel"]) for n, x in zip(names, d["keys"])))
' "$geo" "$bw"
		python3 "$PT" --cols "$cols" --rows "$rows" --rate 1250 --keys "j,j,j,j,j,j,j,j,j,j,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z" \
		    --gap 0.05 --settle 3 -- "$bin" "$data" --bandwidth "$bw" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("  %s %-6s ten j 50 ms apart at 10 Mbit/s: %d bytes, %d pictures" % (sys.argv[1], sys.argv[2],
      sum(x["bytes"] for x in d["keys"]), sum(x["sixel"] for x in d["keys"])))
' "$geo" "$bw"
	done
done
