#!/bin/sh
# Golden parity: every reference step run through chexplore and compared with
# ../shared/reference (skipped with a message when ../shared is absent).
# tests/parity-known.txt lists "step: reason" lines for differences that are
# understood and documented; those report as skip, never as ok.
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${CX_SHARED:-$top/../shared}
if [ ! -f "$shared/tools/parity.py" ]; then
	echo "skip parity: $shared/tools/parity.py not found (CI lays ../shared beside the checkout)"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	echo "FAIL parity: python3 is needed to run ../shared/tools/parity.py"
	exit 0
fi
. "$top/tests/lib.sh"
known="$top/tests/parity-known.txt"
run() {
	label=$1; shift
	python3 "$shared/tools/parity.py" --bin "$bin" "$@" 2>&1 | while IFS= read -r line; do
		case "$line" in
		"ok   "*) echo "ok   parity/$label: ${line#ok   }" ;;
		"FAIL "*)
			step=${line#FAIL }; step=${step%%:*}
			why=$( [ -f "$known" ] && grep "^$label/$step:" "$known" | head -1 | cut -d: -f2-)
			if [ -n "$why" ]; then echo "skip parity/$label: ${line#FAIL } (known:$why)"
			else echo "FAIL parity/$label: ${line#FAIL }"; fi ;;
		esac
	done
}
[ -d "$shared/reference/synth-small" ] && run synth-small --ref "$shared/reference/synth-small"
[ -d "$shared/reference/sample" ] && run sample --data "$shared/reference/sample-data" --golden "$shared/reference/sample/golden"
exit 0
