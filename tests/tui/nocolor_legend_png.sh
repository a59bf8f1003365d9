#!/bin/sh
# tests/tui/nocolor_legend_png.sh [BIN]: under NO_COLOR the annotated PNG's
# legend shows each pathology's hatching as the picture draws it (outline
# and pattern, read back from the PNG by hatch_check), never a solid swatch
# for a hatched GT: all pathologies, and one.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
checker hatch_check export_nocolor_legend_hatched || exit 0
for form in all one; do
	set --
	[ $form = one ] && set -- --pathology "$P"
	if "$BIN" export "$ID" --dir "$D" "$@" --no-color --overlay gt,pred --annotate \
	    --png "$T/a-$form.png" 2>"$T/err" && "$BIN" export "$ID" --dir "$D" "$@" \
	    --no-color --overlay gt,pred --png "$T/p-$form.png" 2>>"$T/err"; then
		r=$("$chk" "$T/a-$form.png" "$T/p-$form.png" "$P")
		case $r in
		ok*) ok "export_nocolor_legend_hatched_$form" ;;
		*) fail "export_nocolor_legend_hatched_$form" "$r ($ID, $P)" ;;
		esac
	else
		fail "export_nocolor_legend_hatched_$form" "$(head -1 "$T/err")"
	fi
done
exit 0
