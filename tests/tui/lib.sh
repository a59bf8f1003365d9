# tests/tui/lib.sh: what every tests/tui/BEHAVIOUR.sh shares, on top of
# tests/lib.sh. A behaviour file sources it first thing:
#	. "$(dirname "$0")/lib.sh"
# and runs alone as  [BUILD=build] tests/tui/BEHAVIOUR.sh [BIN]  (BIN defaults
# to ./chexplore; BUILD names the build folder whose tests/tui/*_check
# programs it uses). tests/tui/run.sh runs them all on one demo dataset,
# made once and passed in $CX_TUI_DATA.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib.sh"
BIN=${1:-./chexplore}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
HERE=$top/tests/tui
ROOT=$top
BUILD=${BUILD:-build}
T=$tmp
SOCK="$T/tmux1.sock"
at_exit='for s in "$T"/tmux*.sock "$T"/ft-*.sock; do [ -S "$s" ] && tmux -S "$s" kill-server >/dev/null 2>&1; done'
# The explorer keeps its marks here, never in the user's state folder.
export XDG_STATE_HOME="$T/state" NO_COLOR=

# checker NAME CHECK: $chk, the checker program $BUILD/tests/tui/NAME (built
# by `make tests` from tests/tui/NAME.c); a FAIL line for CHECK and status 1
# when it is not there (a checker that does not build is a failure).
checker() {
	chk=$ROOT/$BUILD/tests/tui/$1
	[ -x "$chk" ] && return 0
	fail "$2" "$BUILD/tests/tui/$1 is not built (make tests, or make SANITIZE=address,undefined tests for build-san)"
	return 1
}

# demo_data: the demo dataset of 12 CXRs and eval's IoU of its prediction
# file, made once per run in $CX_TUI_DATA (or here, for a file run alone).
# Sets D (the dataset), GT, PRED, EVD (eval's output folder), N (CXRs), ID
# (the first CXR of the GT) and P (a pathology positive in it).
demo_data() {
	S=${CX_TUI_DATA:-$T/shared}
	# The file that makes the folder makes the data; files run at the same
	# time on the same $CX_TUI_DATA (tests/run.sh -j) wait for it.
	if ! [ -f "$S/ready" ] && mkdir -p "$(dirname "$S")" && mkdir "$S" 2>/dev/null; then
		if ! "$BIN" demo "$S/d" --count 12 -q >"$S/demo.log" 2>&1; then
			fail demo "chexplore demo failed: $(head -1 "$S/demo.log")"
			touch "$S/failed"
			exit 0
		fi
		"$BIN" eval --metric iou --gt "$S/d/gt_segmentations_val.json" \
		    --pred "$(ls "$S/d"/*segmentations*.json | grep -v -e gt_ -e hb_ | head -1)" \
		    -o "$S/ev" -q >/dev/null 2>&1
		touch "$S/ready"
	fi
	i=0
	while ! [ -f "$S/ready" ]; do
		if [ -f "$S/failed" ] || [ $i -ge 3000 ]; then fail demo "no demo dataset in $S"; exit 0; fi
		sleep 0.1; i=$((i + 1))
	done
	D="$S/d"
	EVD="$S/ev"
	GT="$D/gt_segmentations_val.json"
	PRED=$(ls "$D"/*segmentations*.json | grep -v -e gt_ -e hb_ | head -1)
	N=$(ls "$D/valid" | wc -l)
	ID=$(sed -n 's/.*"\(patient[0-9]*_study[0-9]*_view[0-9]*_[a-z]*\)".*/\1/p' "$GT" | head -1)
	[ -n "$ID" ] || ID=$(ls "$D/valid" | head -1)_study1_view1_frontal
	# A pathology positive in that CXR: the first with a non-empty mask, by eval.
	P=$(awk -F, -v id="$ID" 'NR==1{for(i=1;i<=NF;i++)h[i]=$i} $NF==id{for(i=1;i<NF;i++)if($i!=""){print h[i];exit}}' "$EVD/iou_results_per_cxr.csv")
	[ -n "$P" ] || P=Cardiomegaly
}

# need_tmux NAME: skip NAME and end the file when tmux is not installed.
need_tmux() {
	if ! command -v tmux >/dev/null; then
		skip "$1" "tmux is not installed"
		exit 0
	fi
}

tm() { tmux -S "$SOCK" "$@"; }
cap() { tm capture-pane -p -t x; }
# Wait until the pane shows a pattern (up to ~5 s); the screen is in $T/cap.
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		cap >"$T/cap" 2>/dev/null
		grep -q -- "$1" "$T/cap" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
keys() { tm send-keys -t x "$@"; sleep 0.3; }

# explore_open: the explorer on the demo dataset in a 160x45 tmux pane, its
# stderr in $T/explore.err and its exit status in $T/explore.rc; waits for
# the title and the first CXR selected ($FIRST: the first id of eval's).
# EXPLORE_TERM sets its TERM (default xterm-256color).
explore_open() {
	tm -f /dev/null new-session -d -s x -x 160 -y 45 \
	    "env TERM=${EXPLORE_TERM:-xterm-256color} '$BIN' '$D' --graphics none 2>'$T/explore.err'; echo \$? >'$T/explore.rc'; sleep 30" || { fail explorer "tmux did not start"; exit 0; }
	FIRST=$(tail -n +2 "$EVD/iou_results_per_cxr.csv" | awk -F, '{print $NF}' | sort | head -1)
	wait_for "$N/$N CXRs" >/dev/null && wait_for " $FIRST |" >/dev/null
}

# explore_close NAME: quit the explorer of explore_open; a FAIL line for NAME
# unless it exits 0 with nothing on stderr (sanitizer reports included).
explore_close() {
	keys q
	i=0
	while [ $i -lt 50 ] && ! [ -s "$T/explore.rc" ]; do sleep 0.1; i=$((i + 1)); done
	if [ "$(cat "$T/explore.rc" 2>/dev/null)" != 0 ] || [ -s "$T/explore.err" ]; then
		fail "$1" "exit $(cat "$T/explore.rc" 2>/dev/null): $(head -1 "$T/explore.err" 2>/dev/null)"
	fi
	tm kill-server >/dev/null 2>&1
}
