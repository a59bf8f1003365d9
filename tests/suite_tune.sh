#!/bin/sh
# tune --shard K/N + merge: the parts of a sharded sweep merge into the same
# CSV as the reference's golden file; broken part sets are refused.
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
ref=${CX_SHARED:-$top/../shared}/reference/synth-small
. "$top/tests/lib.sh"
prefix=tune/
if [ ! -d "$ref" ]; then
	echo "skip tune/shard: ../shared/reference/synth-small not present"; exit 0
fi
maps=$ref/inputs/gradcam_maps_val gt=$ref/golden/gt_segmentations.json
for mode in thresholds prob-cutoffs; do
	case $mode in thresholds) g=$ref/golden/tune_heatmap/tuning_results.csv ;;
	*) g=$ref/golden/tune_prob/probability_tuning_results.csv ;; esac
	for k in 1 2 3; do
		"$bin" tune $mode --map_dir "$maps" --gt_path "$gt" --save-dir "$tmp/$mode" --shard $k/3 -q
	done
	"$bin" merge "$tmp/$mode"/*.part-*-of-3.csv --save-dir "$tmp/$mode/merged" -q
	t "shard-merge-$mode" 'cmp -s "$tmp/$mode/merged/$(basename "$g")" "$g"'
	t "shard-no-full-output-$mode" '[ ! -e "$tmp/$mode/$(basename "$g")" ]'
done
p=$tmp/thresholds
"$bin" merge "$p/tuning_results.part-1-of-3.csv" --save-dir "$tmp/m1" 2>"$tmp/err"
t merge-missing-part '[ $? -eq 1 ] && [ ! -e "$tmp/m1/tuning_results.csv" ] && [ $(wc -l <"$tmp/err") -eq 1 ]'
"$bin" merge "$p/tuning_results.part-1-of-3.csv" "$p/tuning_results.part-1-of-3.csv" \
    "$p/tuning_results.part-2-of-3.csv" --save-dir "$tmp/m2" 2>"$tmp/err"
t merge-twice '[ $? -eq 1 ] && grep -q "two parts" "$tmp/err" && [ ! -e "$tmp/m2/tuning_results.csv" ]'
"$bin" merge "$p/tuning_results.part-1-of-3.csv" "$tmp/prob-cutoffs/probability_tuning_results.part-2-of-3.csv" \
    "$p/tuning_results.part-3-of-3.csv" --save-dir "$tmp/m3" 2>"$tmp/err"
t merge-mixed-modes '[ $? -eq 1 ] && grep -q "another run" "$tmp/err"'
# a corrupt heatmap of a CXR without ground truth is still reported
mkdir -p "$tmp/maps"; cp "$maps"/*.pkl "$tmp/maps/"
bad="$tmp/maps/patient64541_study1_view1_frontal_Edema_map.pkl"
printf 'not a pickle' >"$bad"
"$bin" tune thresholds --map_dir "$tmp/maps" --gt_path "$gt" --save-dir "$tmp/tb" -q 2>"$tmp/err"
t corrupt-map-without-gt '[ $? -eq 1 ] && grep -q "Edema_map.pkl" "$tmp/err" && [ ! -e "$tmp/tb/tuning_results.csv" ]'
"$bin" tune thresholds --map_dir "$maps" --gt_path "$gt" --shard 4/3 -q 2>/dev/null
t shard-usage '[ $? -eq 2 ]'
exit 0
