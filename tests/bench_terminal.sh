#!/bin/sh
# tests/bench_terminal.sh BIN DATA: what the explorer writes to a terminal
# per key (bytes and pictures), on a pretend sixel or kitty terminal
# (../shared/tools/ptyterm.py, --kitty) at 120x40 and 200x60 cells of 10x20
# px, with sixel, kitty graphics and both with --bandwidth low: next CXR,
# overlay toggle, error map, probe on and moved (j with the probe on),
# leaving help, and ten keys 50 ms apart on a modelled 10 Mbit/s link; and
# the PSNR of the first picture as the terminal decodes it against export's
# PNG of the same view (tests/tools/kitty_bench.py). DATA: a dataset; without it a demo
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
KB=$top/tests/tools/kitty_bench.py
for geo in 120x40 200x60; do
	cols=${geo%x*} rows=${geo#*x}
	for mode in sixel sixel-low kitty kitty-low; do
		case $mode in
		sixel) pt= opt="--graphics sixel" ;;
		sixel-low) pt= opt="--graphics sixel --bandwidth low" ;;
		kitty) pt=--kitty opt="--graphics kitty" ;;
		kitty-low) pt=--kitty opt="--graphics kitty --bandwidth low" ;;
		esac
		# shellcheck disable=SC2086
		python3 "$PT" $pt --cols "$cols" --rows "$rows" --keys "j,1,3,i,j,?,q,z" --gap 0.6 --settle 3 \
		    --log "$scratch/k.log" -- "$bin" "$data" $opt >"$scratch/k.json" 2>/dev/null
		printf '  %s %-9s %s\n' "$geo" "$mode" \
		    "$(python3 "$KB" "${mode%-low}" "$scratch/k.json" "$scratch/k.log" "$bin" "$data")"
		# shellcheck disable=SC2086
		python3 "$PT" $pt --cols "$cols" --rows "$rows" --rate 1250 --keys "j,j,j,j,j,j,j,j,j,j,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z" \
		    --gap 0.05 --settle 3 --log "$scratch/b.log" -- "$bin" "$data" $opt >"$scratch/b.json" 2>/dev/null
		printf '  %s %-9s ten j 50 ms apart at 10 Mbit/s: %s\n' "$geo" "$mode" \
		    "$(python3 "$KB" "${mode%-low}" "$scratch/b.json" "$scratch/b.log" "$bin" "$data" --burst)"
	done
done
