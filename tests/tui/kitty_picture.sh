#!/bin/sh
# tests/tui/kitty_picture.sh [BIN]: the picture the kitty layers make. On a
# pretend kitty terminal (../shared/tools/ptyterm.py --kitty, 120x40 cells
# of 10x20 px) the explorer's commands are replayed by tests/tools/
# kitty_screen.py (PNG decoded, layers composed by z-index with 8-bit
# alpha): the first screen, then with the error map, then the heatmap too,
# each equals `chexplore export`'s PNG of the same view (PSNR at least 40 dB
# — the X-ray's gray is sent in steps of 4 — and no pixel more than 8 levels
# off); every command is well formed (chunks of at most 4096 bytes, all but
# the last a multiple of 4, continuation chunks with m and q only, every
# placement with C=1).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
KS=$top/tests/tools/kitty_screen.py
if ! [ -f "$PT" ] || ! command -v python3 >/dev/null; then
	skip kitty_picture "needs python3 and ../shared/tools/ptyterm.py"
	exit 0
fi
python3 "$PT" --kitty --keys "3,4,z" --gap 1.5 --settle 3 --log "$T/k.log" -- "$BIN" "$D" \
    >"$T/k.json" 2>/dev/null
# where each state ends in the log: the first screen, after 3, after 4
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
at = d["first"]["bytes"]
out = [at]
for k in d["keys"]:
    at += k["bytes"]
    out.append(at)
print(*out)' "$T/k.json" >"$T/ends" 2>/dev/null
read -r e0 e3 e4 rest <"$T/ends"
# the CXR shown: the study list's first row (patientN/studyN/viewN_x)
ID=$(grep -a -o -m1 'patient[0-9]*/study[0-9]*/view[0-9]*_[a-z]*' "$T/k.log" | head -1 | tr / _)
# the X-ray's placement (z-index 1): cell and size
python3 "$KS" "$T/k.log" 10 20 --upto "${e0:-0}" >"$T/places" 2>"$T/ks.err"
read -r _ _ row col _ _ w h <<EOF
$(awk '$2 == 1' "$T/places")
EOF
if [ -z "$w" ]; then
	fail kitty_picture "no X-ray placed: $(head -c 300 "$T/ks.err")"
	exit 0
fi
# same "PSNR MAXDIFF" check for one state
same() {
	name=$1 upto=$2 ov=$3
	if ! "$BIN" export "$ID" --dir "$D" --overlay "$ov" --width "$w" --height "$h" \
	    --png "$T/$name.png" 2>"$T/$name.err"; then
		fail "$name" "export: $(head -1 "$T/$name.err")"
		return
	fi
	r=$(python3 "$KS" "$T/k.log" 10 20 --upto "$upto" --png "$T/$name.png" "$row" "$col" 2>&1)
	set -- $r
	case $1 in
	inf) psnr_ok=1 ;;
	[4-9][0-9].*|[1-9][0-9][0-9].*) psnr_ok=1 ;;
	*) psnr_ok=0 ;;
	esac
	if [ "$psnr_ok" = 1 ] && [ "${2:-99}" -le 8 ]; then ok "$name"
	else fail "$name" "kitty layers vs export --overlay $ov: PSNR $1 dB, largest difference ${2:-?}"; fi
}
same explore_kitty_equals_export "$e0" gt,pred
same explore_kitty_error_map_equals_export "$e3" gt,pred,error
same explore_kitty_heatmap_equals_export "$e4" gt,pred,error,heatmap
r=$(python3 "$KS" "$T/k.log" 10 20 --bad 2>&1)
case $r in
bad:*) fail explore_kitty_commands_well_formed "$r" ;;
*) ok explore_kitty_commands_well_formed ;;
esac
exit 0
