#!/bin/sh
# tests/tui/show_heatmaps.sh [BIN]: all pathologies with the heatmap overlay (show and export).
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
# All pathologies with the heatmap overlay: every GT-positive pathology's map
# drawn in its palette colour (the default palette of the man page) where it
# dominates, the film untouched where those maps are low; decoded with libsixel
# against the heatmap files, on the demo CXR with the most positive pathologies.
pal_of() {
	case $1 in
	"Enlarged Cardiomediastinum") echo '#ff9900' ;; Cardiomegaly) echo '#33ccff' ;;
	"Lung Lesion") echo '#22dd44' ;; "Airspace Opacity") echo '#ffee00' ;;
	Edema) echo '#3366ff' ;; Consolidation) echo '#ff2222' ;; Atelectasis) echo '#ff99aa' ;;
	Pneumothorax) echo '#ffffff' ;; "Pleural Effusion") echo '#009988' ;; *) echo '#998800' ;;
	esac
}
HID=; best=0
for d in "$D"/valid/*; do
	id=$(basename "$d")_study1_view1_frontal
	"$BIN" show "$id" --dir "$D" --graphics none >"$T/pos.txt" 2>/dev/null || continue
	n=$(grep -c 'GT  *[0-9.]*[1-9][0-9.]*%' "$T/pos.txt")
	if [ "$n" -gt "$best" ]; then best=$n; HID=$id; cp "$T/pos.txt" "$T/hpos.txt"; fi
done
if [ "$best" -lt 2 ]; then
	skip show_all_heatmaps "no demo CXR with two positive pathologies"
elif checker heat_check show_all_heatmaps; then
	"$BIN" show "$HID" --dir "$D" --overlay heatmap --graphics sixel --width 400 >"$T/h.six" 2>"$T/h.err"
	"$BIN" show "$HID" --dir "$D" --overlay none --graphics sixel --width 400 >"$T/hb.six" 2>>"$T/h.err"
	set --
	while IFS= read -r line; do
		case $line in *"GT   0.00%"*) continue ;; esac
		name=$(echo "$line" | sed 's/^ *//; s/ *GT .*//')
		set -- "$@" "$name=$(pal_of "$name")"
	done <<EOF2
$(grep 'GT ' "$T/hpos.txt")
EOF2
	r=$("$chk" "$T/h.six" "$T/hb.six" "$D/gradcam_maps_val" "$HID" "$@" | tail -1)
	case $r in ok*) ok show_all_heatmaps ;; *) fail show_all_heatmaps "$HID: $r" ;; esac
	# export draws the same picture: the heatmaps change pixels of the PNG.
	"$BIN" export "$HID" --dir "$D" --overlay heatmap --png "$T/h1.png" --width 200 2>/dev/null
	"$BIN" export "$HID" --dir "$D" --overlay none --png "$T/h0.png" --width 200 2>/dev/null
	if [ -s "$T/h1.png" ] && [ -s "$T/h0.png" ] && ! cmp -s "$T/h1.png" "$T/h0.png"; then
		ok export_all_heatmaps
	else
		fail export_all_heatmaps "the PNG with heatmaps equals the one without"
	fi
fi
exit 0
