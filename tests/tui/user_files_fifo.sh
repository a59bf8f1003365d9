#!/bin/sh
# tests/tui/user_files_fifo.sh [BIN]: the explorer's own files (settings,
# marks) given as FIFOs are refused, never waited on: it opens, shows the
# dataset and quits (issue 15: the one way a user's file is opened).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
need_tmux explorer
mkdir -p "$T/cfg/chexplore" "$T/state/chexplore"
mkfifo "$T/cfg/chexplore/config" "$T/state/chexplore/marks.tsv" || { skip user_files_fifo "mkfifo failed"; exit 0; }
tm -f /dev/null new-session -d -s x -x 160 -y 45 \
    "env TERM=xterm-256color XDG_CONFIG_HOME='$T/cfg' XDG_STATE_HOME='$T/state' '$BIN' '$D' --graphics none 2>'$T/fifo.err'; echo \$? >'$T/fifo.rc'; sleep 30"
if wait_for "$N/$N CXRs"; then ok explore_fifo_settings_and_marks_not_waited_on
else fail explore_fifo_settings_and_marks_not_waited_on "no first screen: $(head -3 "$T/cap" | tr '\n' '|')"; fi
keys q
i=0
while [ $i -lt 50 ] && ! [ -s "$T/fifo.rc" ]; do sleep 0.1; i=$((i + 1)); done
if [ -s "$T/fifo.rc" ]; then ok explore_fifo_quits
else fail explore_fifo_quits "still running after q"; fi
tm kill-server >/dev/null 2>&1
exit 0
