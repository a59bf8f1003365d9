#!/bin/sh
# tests/tui/run.sh [BIN [NAME...]]: the explorer driven in tmux (send-keys /
# capture-pane) and `show`'s pictures decoded back to pixels, one behaviour
# a file: every tests/tui/NAME.sh (or the NAMEs given), in order, on one demo
# dataset made here once and passed to them in $CX_TUI_DATA (or the one in
# $CX_TUI_DATA already: tests/run.sh shares one a build). BUILD (default
# build) names the build folder of the checker programs (make tests).
# One file alone: BUILD=build tests/tui/NAME.sh ./chexplore (it makes its own
# demo dataset). One line per check: "ok   NAME", "FAIL NAME: why" or
# "skip NAME: why".
. "$(dirname "$0")/lib.sh"
shift $(($# > 0 ? 1 : 0))
export BUILD
CX_TUI_DATA=${CX_TUI_DATA:-$T/data}
export CX_TUI_DATA
demo_data
if [ $# -eq 0 ]; then
	for f in "$HERE"/*.sh; do
		case $(basename "$f") in lib.sh|run.sh) continue ;; esac
		set -- "$@" "$(basename "$f" .sh)"
	done
fi
for name in "$@"; do
	f=$HERE/${name%.sh}.sh
	if ! [ -f "$f" ]; then fail "tui/$name" "no $f"; continue; fi
	echo "-- tui/$(basename "$f" .sh)"
	t0=$(date +%s%3N)
	sh "$f" "$BIN"
	ms=$(( $(date +%s%3N) - t0 ))
	echo "time tui/$(basename "$f" .sh) $((ms / 1000)).$((ms % 1000 / 100)) s"
done
exit 0
