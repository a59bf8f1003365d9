#!/bin/sh
# The code's structure, drawn from its own includes and definitions
# (tests/tools/layout.py): no include or use circle, the commands and the
# explorer in separate rooms of tui/, core without a terminal, no tui/ file
# over 800 lines. Usage: tests/suite_layout.sh [BIN] (BIN is not used).
. "$(dirname "$0")/lib.sh"
if ! command -v python3 >/dev/null; then
	skip layout "python3 is not installed (make deps installs it)"
	exit 0
fi
python3 "$top/tests/tools/layout.py" "$top" || fail layout "layout.py did not run"
