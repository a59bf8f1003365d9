#!/bin/sh
# features and regress: golden outputs, reference defects handled, bad input.
# Usage: tests/suite_geom.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
bad=$top/tests/bad/geom
ref=${CX_SHARED:-$top/../shared}/reference
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok   $1"; }
fail() { echo "FAIL $1: $2"; }

# run NAME WANT_RC CMD...: exit code check; stderr kept in $tmp/err
run() {
	name=$1 want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$name" "exit $rc, want $want: $(head -c 200 "$tmp/err")"
		return 1
	fi
	return 0
}

# bad input: one "chexplore: file:where: message" line, exit 1, no output
badrun() {
	name=$1 pat=$2 out=$3; shift 3
	if run "$name" 1 "$@"; then
		if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q "^chexplore: .*$pat" "$tmp/err"; then
			fail "$name" "stderr: $(head -c 200 "$tmp/err")"
		elif [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
			fail "$name" "partial output in $out"
		else
			ok "$name"
		fi
	fi
}

# ---- features ----
if [ -d "$ref/synth-small" ]; then
	g=$ref/synth-small/golden
	if run features_golden 0 "$bin" features --gt_ann "$ref/synth-small/inputs/gt_annotations_val.json" \
	    --gt_seg "$g/gt_segmentations.json" --save_dir "$tmp/f"; then
		d=0
		for f in num_instances area_ratio elongation rec_area_ratio; do
			cmp -s "$tmp/f/$f.csv" "$g/features/$f.csv" || d="$f"
		done
		[ "$d" = 0 ] && ok features_golden || fail features_golden "$d.csv differs"
	fi
else
	echo "skip features_golden: no $ref/synth-small"
fi

if run features_thin 0 "$bin" features --gt-ann "$bad/thin_ann.json" --gt-seg "$bad/thin_seg.json" \
    --save-dir "$tmp/thin"; then
	if ! grep -q "one pixel wide" "$tmp/err"; then
		fail features_thin "no note on stderr"
	elif [ "$(sed -n 3p "$tmp/thin/elongation.csv")" != ",,,,,,,,,,thin1" ] ||
	    [ "$(sed -n 2p "$tmp/thin/rec_area_ratio.csv")" != ",,1.0,,,,,,,,blob1" ] ||
	    [ "$(sed -n 2p "$tmp/thin/area_ratio.csv")" != "0,0,0.75,0,0.0,0,0,0,0,0,blob1" ]; then
		fail features_thin "unexpected CSV rows"
	else
		ok features_thin
	fi
fi

run features_usage 2 "$bin" features --gt-ann "$bad/thin_ann.json" && ok features_usage
run features_unknown_option 2 "$bin" features --frobnicate && ok features_unknown_option
badrun features_bad_json "trunc_ann.json:1:" "$tmp/b1" \
    "$bin" features --gt-ann "$bad/trunc_ann.json" --gt-seg "$bad/thin_seg.json" --save-dir "$tmp/b1"
badrun features_bad_type "badtype_ann.json:thin1/Edema" "$tmp/b2" \
    "$bin" features --gt-ann "$bad/badtype_ann.json" --gt-seg "$bad/thin_seg.json" --save-dir "$tmp/b2"
badrun features_missing_file "nonexistent" "$tmp/b3" \
    "$bin" features --gt-ann "$bad/nonexistent.json" --gt-seg "$bad/thin_seg.json" --save-dir "$tmp/b3"
badrun features_bad_seg "thin_ann.json" "$tmp/b4" \
    "$bin" features --gt-ann "$bad/thin_ann.json" --gt-seg "$bad/thin_ann.json" --save-dir "$tmp/b4"
