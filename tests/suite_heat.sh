#!/bin/sh
# segment --maps on hostile heatmaps: one "chexplore: file:byte N: message"
# line, exit 1, no output file; good numpy-style pickles segment fine.
# Usage: tests/suite_heat.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
bad=$top/tests/bad/heat
good=$top/tests/data/heat
. "$top/tests/lib.sh"
f=patient1_study1_view1_frontal_Edema_map

# expect CASE PATTERN [EXT]: segment the folder tests/bad/heat/CASE
expect() {
	name=$1; pat=$2; ext=${3:-pkl}
	rm -f "$tmp/out.json"
	"$bin" segment --maps "$bad/$name" --out "$tmp/out.json" -q >"$tmp/stdout" 2>"$tmp/stderr"; rc=$?
	lines=$(wc -l <"$tmp/stderr")
	if [ "$rc" -ne 1 ]; then echo "FAIL heat/$name: exit $rc, want 1 ($(head -1 "$tmp/stderr"))"
	elif [ "$lines" -ne 1 ]; then echo "FAIL heat/$name: $lines stderr lines, want 1"
	elif ! grep -q -- "^chexplore: $bad/$name/$f.$ext:$pat" "$tmp/stderr"; then
		echo "FAIL heat/$name: stderr '$(cat "$tmp/stderr")' lacks '$pat'"
	elif [ -e "$tmp/out.json" ]; then echo "FAIL heat/$name: output written"
	else echo "ok   heat/$name"; fi
}

expect os_system "byte 15: unknown global 'os.system'"
expect eval_p4 "byte 28: unknown global 'builtins.eval'"
expect newobj "byte [0-9]*: object construction (NEWOBJ) is not allowed"
expect huge_bytes "byte 11: declared length exceeds the file"
expect huge_bytes8 "byte 8: declared length exceeds the file"
expect memo "byte 3: memo key missing"
expect not_dict "byte 2: not a dict of heatmap fields"
expect wrong_dtype "byte [0-9]*: unsupported numpy dtype"
expect short_array "byte [0-9]*: array data size does not match its shape"
expect truncated "byte [0-9]*: declared length exceeds the file"
expect tensor_past_storage "byte [0-9]*: tensor extends past its storage"
expect storage_count "byte [0-9]*: storage size exceeds the data"
expect bad_magic "byte [0-9]*: not a torch storage (bad magic number)"
expect npy_complex "byte 10: unsupported dtype (want float16/32/64, an integer or bool; not complex, string or structured)" npy
expect npy_huge "byte 10: array too large" npy

# Bombs made on the fly: 2M DUPs of None, 2M MARKs; the reader stops at its
# bounds instead of growing without limit.
mkdir -p "$tmp/dup" "$tmp/mark"
{ printf '\200\002N'; head -c 2000000 /dev/zero | tr '\0' '2'; printf '.'; } >"$tmp/dup/$f.pkl"
{ printf '\200\002'; head -c 2000000 /dev/zero | tr '\0' '('; printf 'N.'; } >"$tmp/mark/$f.pkl"
for b in dup:"stack too deep" mark:"too many MARKs"; do
	d=${b%%:*}; msg=${b#*:}
	"$bin" segment --maps "$tmp/$d" --out "$tmp/out.json" -q 2>"$tmp/stderr"; rc=$?
	if [ $rc -eq 1 ] && grep -q "byte [0-9]*: $msg" "$tmp/stderr"; then echo "ok   heat/bomb-$d"
	else echo "FAIL heat/bomb-$d: exit $rc, $(cat "$tmp/stderr")"; fi
done

# The three numpy-style pickles hold the same 3x4 map 0..11 for a 8x6 image:
# Otsu and a threshold give the same masks whatever the layout.
for how in otsu thr; do
	prev=
	for d in np_p2 np_p4 np_fortran_be; do
		rm -f "$tmp/$d.json"
		if [ $how = thr ]; then
			printf 'threshold,task\n0.5,Edema\n' >"$tmp/thr.csv"
			"$bin" segment --maps "$good/$d" --thresholds "$tmp/thr.csv" --out "$tmp/$d.json" -q 2>"$tmp/stderr"
		else
			"$bin" segment --maps "$good/$d" --out "$tmp/$d.json" -q 2>"$tmp/stderr"
		fi
		if [ $? -ne 0 ]; then echo "FAIL heat/$how-$d: $(cat "$tmp/stderr")"; continue; fi
		if [ -n "$prev" ] && ! cmp -s "$tmp/$prev.json" "$tmp/$d.json"; then
			echo "FAIL heat/$how-$d: differs from $prev"
		else
			echo "ok   heat/$how-$d"
		fi
		prev=$d
	done
done
# 0..11 over 48 pixels: threshold 0.5 keeps the right half of a smooth ramp,
# a non-empty, non-full mask of size [6, 8].
if grep -q '"size": *\[6, *8\]' "$tmp/np_p2.json" 2>/dev/null; then echo "ok   heat/size"
else echo "FAIL heat/size: $(cat "$tmp/np_p2.json" 2>/dev/null)"; fi

# torch.save files, both forms (tests/data/torchsave/make_fixtures.py, torch
# 1.13): segmented as the reference segments the pickle.dump of the same dict
# (a map viewed at storage offset 12 of a storage cxr_img shares).
ts=$top/tests/data/torchsave
for v in pickle zip legacy; do
	rm -f "$tmp/ts.json"
	if "$bin" segment --maps "$ts/$v" --out "$tmp/ts.json" -q 2>"$tmp/stderr" &&
	    cmp -s "$tmp/ts.json" "$ts/expected_segment.json"; then echo "ok   heat/torchsave-$v"
	else echo "FAIL heat/torchsave-$v: $(cat "$tmp/stderr" "$tmp/ts.json" 2>/dev/null | head -c 200)"; fi
done
for b in bad_deflated:"data.pkl is compressed" bad_truncated:"no zip directory" \
    bad_short_storage:"storage size exceeds the data" bad_legacy_cut:"storage size exceeds the data" \
    bad_global:"unknown global 'os.system'"; do
	d=${b%%:*}; msg=${b#*:}
	rm -f "$tmp/ts.json"
	"$bin" segment --maps "$ts/$d" --out "$tmp/ts.json" -q 2>"$tmp/stderr"; rc=$?
	if [ $rc -eq 1 ] && [ "$(wc -l <"$tmp/stderr")" -eq 1 ] && [ ! -e "$tmp/ts.json" ] &&
	    grep -q "^chexplore: $ts/$d/p1_study1_view1_frontal_Edema_map.pkl:byte [0-9]*: \(torch.save file: \)\{0,1\}$msg" "$tmp/stderr"; then
		echo "ok   heat/torchsave-$d"
	else echo "FAIL heat/torchsave-$d: exit $rc, $(cat "$tmp/stderr")"; fi
done

# Usage: a bad shard is exit 2.
"$bin" segment --maps "$good/np_p2" --out "$tmp/x.json" --shard 3/2 >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok   heat/shard-usage" || echo "FAIL heat/shard-usage: want exit 2"
# Shards 1/2 and 2/2 of the synthetic set together hold every heatmap once.
syn=$top/../shared/reference/synth-small/inputs/gradcam_maps_val
if [ -d "$syn" ]; then
	"$bin" segment --maps "$syn" --out "$tmp/s1.json" --shard 1/2 -q &&
	"$bin" segment --maps "$syn" --out "$tmp/s2.json" --shard 2/2 -q
	n=$(cat "$tmp/s1.json" "$tmp/s2.json" | grep -o '"counts"' | wc -l)
	[ "$n" -eq "$(ls "$syn" | grep -c '_map.pkl$')" ] && echo "ok   heat/shards" ||
		echo "FAIL heat/shards: $n masks"
else
	echo "skip heat/shards: ../shared/reference/synth-small not present"
fi
exit 0
