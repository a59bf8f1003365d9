#!/bin/sh
# Terminal safety (issue 5): ids, pathology names and file names from data
# files never reach the terminal unescaped. Every command's stdout and stderr
# is scanned for C0 control bytes (other than newline and tab), DEL, and C1
# controls / bidi overrides in UTF-8.
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
d=$top/tests/bad/safety
. "$top/tests/lib.sh"
evil="$tmp/evil$(printf '\033')[31mname.json"
cp "$d/escape_ids_seg.json" "$evil"

# Exit 0 when the file holds no byte that a terminal would interpret.
clean() {
	LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" && return 1
	# C1 controls as UTF-8 (c2 80..c2 9f) and bidi overrides (e2 80 aa..ae, e2 81 a6..a9)
	od -An -tx1 -v "$1" | tr -s ' \n' ' ' | grep -Eq 'c2 [89][0-9a-f]|e2 80 a[a-e]|e2 81 a[6-9]' && return 1
	return 0
}
check() {
	name=$1; shift
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	if clean "$tmp/out" && clean "$tmp/err"; then echo "ok   safety/$name"
	else echo "FAIL safety/$name: control bytes reached the terminal"; fi
}
# the scanner itself must see what it looks for
printf 'a\033[2Jb\n' >"$tmp/probe1"; printf 'a\302\233b\n' >"$tmp/probe2"
if ! clean "$tmp/probe1" && ! clean "$tmp/probe2" && clean "$top/README.md"; then
	echo "ok   safety/scanner"
else
	echo "FAIL safety/scanner: does not tell control bytes from text"
fi
check validate-ids validate "$d/escape_ids_seg.json"
check validate-json validate --json "$d/escape_ids_seg.json"
check validate-pathology validate "$d/escape_pathology.json"
check eval-pathology eval --metric iou --gt "$d/escape_pathology.json" --pred "$d/escape_ids_seg.json" --save-dir "$tmp/e0"
check eval-ids eval --metric iou --gt "$d/escape_ids_seg.json" --pred "$d/escape_ids_seg.json" --save-dir "$tmp/e1"
check count-ids count --seg_path "$d/escape_ids_seg.json" --save_dir "$tmp/c"
check stats-ids stats --gt "$d/escape_ids_seg.json" --pred "$d/escape_ids_seg.json"
check inspect-ids inspect "$d/escape_ids_seg.json"
check inspect-json inspect --json "$d/escape_ids_seg.json"
check missing-filename inspect "$tmp/no$(printf '\033')]0;x$(printf '\007')such.json"
check evil-filename validate "$evil"
check evil-option eval --metric "$(printf '\033[2J')"
check evil-command "$(printf 'x\033[2Jy')"
exit 0
