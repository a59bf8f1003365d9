#!/bin/sh
# export's options for what the explorer's 'o' holds: --threshold
# PATHOLOGY=T (repeatable; a plain T of --pathology), --method NAME[=PATH],
# --colours, and the derived masks of a folder without a prediction JSON.
# Each reaches the pixels (the PNG differs from the default) and
# gives what the explorer shows (a plain T and PATHOLOGY=T the same PNG; the
# dataset's own method by name the default PNG); bad values are one usage
# line, exit 2, no PNG.
# Usage: tests/suite_export_opts.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
prefix=export_opts/
cd "$tmp" || exit 1
"$bin" demo d --count 3 -q || { fail export_opts/demo "demo failed"; exit 0; }
id=$(ls d/valid | head -1)_study1_view1_frontal
pred=$(basename "$(ls d/*segmentations*.json | grep -v -e gt_ -e hb_ | head -1)")
ex() { out=$1; shift; "$bin" export "$id" --dir d --png "$out" --width 200 "$@"; }
ex base.png
ex thr1.png --pathology Atelectasis --threshold 0.3
ex thr2.png --pathology Atelectasis --threshold Atelectasis=0.3
# all pathologies: a threshold on each (those the GT marks are drawn)
set --
for p in "Airspace Opacity" Atelectasis Cardiomegaly Consolidation Edema \
    "Enlarged Cardiomediastinum" "Lung Lesion" "Pleural Effusion" Pneumothorax "Support Devices"; do
	set -- "$@" --threshold "$p=0.05"
done
ex thr3.png "$@"
ex own.png --method "$pred"
ex heat.png --method heat="$tmp/d/gradcam_maps_val"
ex col.png --colours "$(printf '102030,%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13)102030"
ex one.png --pathology Atelectasis
t threshold-forms-agree 'cmp -s thr1.png thr2.png && ! cmp -s thr1.png one.png'
t threshold-other-pathologies '[ -s thr3.png ] && ! cmp -s thr3.png base.png'
t method-own-is-default 'cmp -s own.png base.png'
t method-heatmaps '[ -s heat.png ] && ! cmp -s heat.png base.png'
t colours '[ -s col.png ] && ! cmp -s col.png base.png'
# a salient-point method as the prediction: its points drawn (it has no
# masks; the picture showed nothing of it)
ex nopred.png --overlay none
ex pts.png --overlay pred --method pts="$tmp/d/hb_salient_pt_val.json"
t method-points-drawn '[ -s pts.png ] && ! cmp -s pts.png nopred.png'
# a folder without a prediction JSON: the masks derived from its heatmaps
# are drawn, as the explorer draws them (they were missing from export)
mkdir -p np
for f in d/*; do case $f in *gradcam_segmentations*) ;; *) ln -s "$tmp/$f" np/ ;; esac; done
"$bin" export "$id" --dir np --png np-pred.png --width 200 --overlay pred
"$bin" export "$id" --dir np --png np-none.png --width 200 --overlay none
t derived-pred-drawn '[ -s np-pred.png ] && ! cmp -s np-pred.png np-none.png'
for bad in "--threshold Foo=0.5" "--threshold 0.5" "--threshold Edema=2" "--method nosuch" \
    "--method =x" "--colours ff0000" "--method $pred=/etc/hostname"; do
	nm=bad$(echo "$bad" | tr -c 'a-zA-Z0-9\n' '-' | cut -c1-30)
	# shellcheck disable=SC2086
	if run "$prefix$nm" 2 ex bad.png $bad; then
		if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "^chexplore export: " "$tmp/err" \
		    && ! [ -e bad.png ]; then ok "$prefix$nm"
		else fail "$prefix$nm" "$(head -c 200 "$tmp/err")"; fi
	fi
done
exit 0
