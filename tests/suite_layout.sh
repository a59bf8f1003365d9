#!/bin/sh
# The code's structure, drawn from its own includes and definitions
# (tests/tools/layout.py): no include or use circle, the commands and the
# explorer in separate rooms of tui/, core without a terminal, no tui/ file
# over 800 lines.
top=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v python3 >/dev/null; then
	echo "skip layout: python3 is not installed (make deps installs it)"
	exit 0
fi
python3 "$top/tests/tools/layout.py" "$top"
