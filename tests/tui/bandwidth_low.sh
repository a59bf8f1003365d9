#!/bin/sh
# tests/tui/bandwidth_low.sh [BIN]: --bandwidth low (or "bandwidth = low" in
# the settings file) sends the picture of the next CXR in at most 65 % of
# the default's bytes, on a pretend sixel terminal
# (../shared/tools/ptyterm.py); a bad value is exit 2 with one line.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
PT=${CX_SHARED:-$top/../shared}/tools/ptyterm.py
if ! [ -f "$PT" ] || ! command -v python3 >/dev/null; then
	skip bandwidth_low "needs python3 and ../shared/tools/ptyterm.py"
	exit 0
fi
# bytes of the picture sent for 'j' (the next CXR)
jbytes() {
	python3 "$PT" --keys j,z --gap 0.6 --settle 3 -- "$@" 2>/dev/null |
	    python3 -c 'import json, sys; k = json.load(sys.stdin)["keys"][0]; print(k["bytes"] if k["sixel"] else 0)'
}
export XDG_CONFIG_HOME="$T/cfg"
normal=$(jbytes "$BIN" "$D")
low=$(jbytes "$BIN" "$D" --bandwidth low)
mkdir -p "$T/cfg/chexplore"
echo "bandwidth = low" >"$T/cfg/chexplore/config"
cfg=$(jbytes "$BIN" "$D")
if [ "${normal:-0}" -gt 0 ] && [ "${low:-0}" -gt 0 ] && [ $((low * 100)) -le $((normal * 65)) ]; then
	ok explore_bandwidth_low
else
	fail explore_bandwidth_low "next CXR: $low bytes low, $normal default"
fi
if [ "${cfg:-0}" -gt 0 ] && [ $((cfg * 100)) -le $((normal * 65)) ]; then ok explore_bandwidth_low_config
else fail explore_bandwidth_low_config "next CXR: $cfg bytes with bandwidth = low in the config, $normal default"; fi
rm -f "$T/cfg/chexplore/config"
"$BIN" explore "$D" --bandwidth fast >"$T/o" 2>"$T/e" </dev/null
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$T/e")" -eq 1 ] && grep -q -- "--bandwidth: want normal or low" "$T/e"; then
	ok explore_bandwidth_bad_value
else
	fail explore_bandwidth_bad_value "exit $rc: $(head -c 200 "$T/e")"
fi
exit 0
