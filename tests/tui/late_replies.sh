#!/bin/sh
# tests/tui/late_replies.sh [BIN]: terminal replies that arrive after the
# explorer stopped waiting for them (a slow link; kitty under software GL
# answered after more than a second) are dropped, not read as keys: the
# late DA1 "\033[?63;...c" used to open help (its "?"), the kitty reply
# "\033_Gi=31;OK\033\\" to toggle overlays, and "q" then closed help
# instead of quitting.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
FT="python3 $HERE/fake_term.py"
for kind in sixel kitty; do
	flag=; [ $kind = kitty ] && flag=--kitty
	rm -f "$T/late.log"
	# replies held 1.2 s (detection waits 0.4 s); q typed at 2.2 s quits
	# unless a late reply opened a screen or a prompt
	$FT $flag --late 1.2 --type 2.2 q --timeout 15 "$T/late.log" \
	    env XDG_CONFIG_HOME="$T/cfg" "$BIN" "$D" >/dev/null 2>&1
	rc=$?
	if [ $rc != 0 ]; then
		fail late_replies_$kind "the explorer did not quit on q (status $rc: a late reply was read as keys)"
	elif grep -q "chexplore help" "$T/late.log"; then
		fail late_replies_$kind "a late reply opened help"
	else
		ok late_replies_$kind
	fi
done
exit 0
