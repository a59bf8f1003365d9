#!/bin/sh
# regress --metric (regression_model_assurance.py): output against the
# reference script's, the reference's crashes answered, rows joined by id,
# bad input and usage. Fixtures: tests/data/regress_ma (make_fixtures.py says
# how the expected files were made with the reference).
# Usage: tests/suite_regress_ma.sh BIN
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
d=$top/tests/data/regress_ma
bad=$top/tests/bad/regress
. "$top/tests/lib.sh"

# same NAME GOT WANT: files equal
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		fail "$1" "$(diff "$3" "$2" | head -4 | tr '\n' ' ')"
	fi
}

# ---- against the reference script (reference flag spellings) ----
for m in iou hitmiss; do
	if run "ma_ref_$m" 0 "$bin" regress --metric "$m" --map_dir "$d/maps" \
	    --pred_results "$d/${m}_results_per_cxr.csv" --save_dir "$tmp/$m"; then
		same "ma_ref_$m" "$tmp/$m/regression_modelprob_$m.csv" \
		    "$d/expected_regression_modelprob_$m.csv"
	fi
done
# the same with one thread and the long spellings
if run ma_ref_j1 0 "$bin" regress --metric iou --map-dir "$d/maps" --pred-results \
    "$d/iou_results_per_cxr.csv" --save-dir "$tmp/j1" -j 1 --quiet; then
	same ma_ref_j1 "$tmp/j1/regression_modelprob_iou.csv" "$d/expected_regression_modelprob_iou.csv"
fi

# ---- rows joined by img_id: shuffled rows give the same file ----
{ head -n 1 "$d/iou_results_per_cxr.csv"; tail -n +2 "$d/iou_results_per_cxr.csv" | sort -r; } \
    >"$tmp/shuffled.csv"
if run ma_join_order 0 "$bin" regress --metric iou --map-dir "$d/maps" \
    --pred-results "$tmp/shuffled.csv" --save-dir "$tmp/sh"; then
	same ma_join_order "$tmp/sh/regression_modelprob_iou.csv" "$d/expected_regression_modelprob_iou.csv"
fi

# a CXR without a heatmap: noted on stderr, its probability missing
mkdir -p "$tmp/maps"
cp "$d"/maps/*.pkl "$tmp/maps/"
rm "$tmp/maps/patient90002_study1_view1_frontal_Edema_map.pkl"
if run ma_missing_map 0 "$bin" regress --metric iou --map-dir "$tmp/maps" \
    --pred-results "$d/iou_results_per_cxr.csv" --save-dir "$tmp/mm"; then
	if ! grep -q "1 rows of .* lack a heatmap.*patient90002_study1_view1_frontal" "$tmp/err"; then
		fail ma_missing_map "no note: $(head -c 200 "$tmp/err")"
	elif ! grep -q '^Edema,9.0,' "$tmp/mm/regression_modelprob_iou.csv" ||
	    ! grep -q '^Airspace Opacity,9.0,"0.53, (0.207, 0.853)\*\*"' "$tmp/mm/regression_modelprob_iou.csv"; then
		fail ma_missing_map "unexpected rows"
	else
		ok ma_missing_map
	fi
fi
run ma_missing_quiet 0 "$bin" regress --metric iou --map-dir "$tmp/maps" \
    --pred-results "$d/iou_results_per_cxr.csv" --save-dir "$tmp/mq" -q &&
    { [ -s "$tmp/err" ] && fail ma_missing_quiet "stderr with --quiet" || ok ma_missing_quiet; }

# ---- where the reference stops (answers derived by hand) ----
# edge4: y = prob (r = 1), y = -prob (r = -1): exact fits, Fisher bounds
# tanh(+-inf) = +-1; y = 1 everywhere: slope exactly 0, Spearman undefined;
# no values: NaN
if run ma_edge4 0 "$bin" regress --metric iou --map-dir "$d/maps" \
    --pred-results "$d/edge4_results_per_cxr.csv" --save-dir "$tmp/e4"; then
	f=$tmp/e4/regression_modelprob_iou.csv
	cat >"$tmp/want4" <<'EOF'
Airspace Opacity,4.0,"1.0, (1.0, 1.0)***","1.0, (1.0, 1.0)***"
Atelectasis,4.0,"-1.0, (-1.0, -1.0)***","-1.0, (-1.0, -1.0)***"
Cardiomegaly,4.0,"0.0, (0.0, 0.0)","nan, (nan, nan)"
Consolidation,4.0,"nan, (nan, nan)","nan, (nan, nan)"
EOF
	sed -n 2,5p "$f" >"$tmp/got4"
	same ma_edge4 "$tmp/got4" "$tmp/want4"
fi
# edge3: n = 3 rows: no Fisher interval (the reference divides by zero)
if run ma_edge3 0 "$bin" regress --metric iou --map-dir "$d/maps" \
    --pred-results "$d/edge3_results_per_cxr.csv" --save-dir "$tmp/e3"; then
	if grep -q '^Airspace Opacity,3.0,"1.0, (1.0, 1.0)\*\*\*","1.0, (nan, nan)\*\*\*"$' \
	    "$tmp/e3/regression_modelprob_iou.csv"; then
		ok ma_edge3
	else
		fail ma_edge3 "$(sed -n 2p "$tmp/e3/regression_modelprob_iou.csv")"
	fi
fi

# ---- bad input ----
badrun ma_bad_number "badnum_results.csv:3: .*abc" "$tmp/b1" "$bin" regress --metric iou \
    --map-dir "$d/maps" --pred-results "$bad/badnum_results.csv" --save-dir "$tmp/b1"
badrun ma_no_column "nocol_results.csv:1: no column \"Edema\"" "$tmp/b2" "$bin" regress \
    --metric iou --map-dir "$d/maps" --pred-results "$bad/nocol_results.csv" --save-dir "$tmp/b2"
badrun ma_no_prob "noprob/patient90001_study1_view1_frontal_Edema_map.pkl: no model probability" \
    "$tmp/b3" "$bin" regress --metric iou --map-dir "$bad/noprob" \
    --pred-results "$d/iou_results_per_cxr.csv" --save-dir "$tmp/b3"
mkdir -p "$tmp/maps/sub"
cp "$d/maps/patient90003_study1_view1_frontal_Edema_map.pkl" "$tmp/maps/sub/"
badrun ma_duplicate "a second heatmap of patient90003_study1_view1_frontal, Edema" "$tmp/b4" \
    "$bin" regress --metric iou --map-dir "$tmp/maps" \
    --pred-results "$d/iou_results_per_cxr.csv" --save-dir "$tmp/b4"
badrun ma_no_results "nonexistent.csv" "$tmp/b5" "$bin" regress --metric iou \
    --map-dir "$d/maps" --pred-results "$bad/nonexistent.csv" --save-dir "$tmp/b5"
badrun ma_no_map_dir "nonexistent" "$tmp/b6" "$bin" regress --metric iou \
    --map-dir "$bad/nonexistent" --pred-results "$d/iou_results_per_cxr.csv" --save-dir "$tmp/b6"

# ---- usage ----
run ma_usage_mixed 2 "$bin" regress --metric iou --map-dir "$d/maps" \
    --pred-results "$d/iou_results_per_cxr.csv" --features-dir "$d" &&
    { grep -q "two different regressions" "$tmp/err" && ok ma_usage_mixed ||
    fail ma_usage_mixed "$(head -c 200 "$tmp/err")"; }
run ma_usage_metric 2 "$bin" regress --metric dice --map-dir "$d/maps" \
    --pred-results "$d/iou_results_per_cxr.csv" && ok ma_usage_metric
run ma_usage_missing 2 "$bin" regress --metric iou --map-dir "$d/maps" && ok ma_usage_missing
run ma_help 0 "$bin" regress --help &&
    { grep -q -- "--pred-results" "$tmp/out" && ok ma_help || fail ma_help "no --pred-results in help"; }
