/* keys: the key table. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "keys.h"

#define CTRL(c)	((c) & 0x1f)

const struct keybind ui_keys[] = {
	{ 'j', A_DOWN, "j", "Moving", "next row (CXR; pathology: its overlay alone) / probe down; "
	    "on a text screen: scroll" },
	{ KEY_DOWN, A_DOWN, "Down", NULL, NULL },
	{ 'k', A_UP, "k", NULL, "previous row / probe up" },
	{ KEY_UP, A_UP, "Up", NULL, NULL },
	{ 'h', A_PROBE_LEFT, "h", NULL, "probe left; without the probe: the table's (or a text "
	    "screen's) columns scroll left" },
	{ KEY_LEFT, A_PROBE_LEFT, "Left", NULL, NULL },
	{ 'l', A_PROBE_RIGHT, "l", NULL, "probe right; without the probe: the columns that did not "
	    "fit scroll in" },
	{ KEY_RIGHT, A_PROBE_RIGHT, "Right", NULL, NULL },
	{ KEY_NPAGE, A_PGDOWN, "PgDn", NULL, "a page down" },
	{ ' ', A_PGDOWN, "Space", NULL, NULL },
	{ KEY_PPAGE, A_PGUP, "PgUp", NULL, "a page up" },
	{ 'g', A_HOME, "g", NULL, "first row" },
	{ KEY_HOME, A_HOME, "Home", NULL, NULL },
	{ 'G', A_END, "G", NULL, "last row" },
	{ KEY_END, A_END, "End", NULL, NULL },
	{ '\t', A_FOCUS, "Tab", NULL, "focus: study list, pathology table, image probe" },
	{ ']', A_NEXTFAIL, "]", NULL, "next failing CXR (IoU below the bound or a miss)" },
	{ '[', A_PREVFAIL, "[", NULL, "previous failing CXR" },
	{ '/', A_SEARCH, "/", "Study list", "search ids (a substring, any case): the first match "
	    "from the cursor on" },
	{ 'n', A_SEARCH_NEXT, "n", NULL, "next match (wrapping; the status says which of how many)" },
	{ 'N', A_SEARCH_PREV, "N", NULL, "previous match" },
	{ ':', A_JUMP, ":", NULL, "jump to an id typed (exact, else the first starting so)" },
	{ '&', A_FILTER, "&", NULL, "filter ids by a substring (any case)" },
	{ 's', A_SORT, "s", NULL, "sort by the next column of the list (the header's arrow)" },
	{ 'r', A_SORT_REV, "r", NULL, "reverse the sort" },
	{ 'p', A_PATHPICK, "p", NULL, "pathology filter: type part of its name (Enter: the first "
	    "match, empty: none)" },
	{ ')', A_PATHNEXT, ")", NULL, "next pathology filter (none, then each in table order)" },
	{ 'P', A_PATHPREV, "P", NULL, "previous pathology filter" },
	{ '(', A_FILTERKIND, "(", NULL, "pathology filter kind: positive, GT present, prediction "
	    "present" },
	{ 'D', A_SORT_DIFF, "D", NULL, "sort by the method shown minus the baseline IoU of the "
	    "pathology (worst first; two or more methods)" },
	{ 'f', A_FAILING, "f", NULL, "failing cases only" },
	{ 'c', A_CLEARFILTER, "c", NULL, "clear all filters" },
	{ 'a', A_ALLPATH, "a", "Image", "overlays of all pathologies or the selected one" },
	{ '1', A_OV_GT, "1", NULL, "ground truth mask" },
	{ '2', A_OV_PRED, "2", NULL, "prediction mask" },
	{ '3', A_OV_ERROR, "3", NULL, "error map: TP, FP, FN" },
	{ '4', A_OV_HEAT, "4", NULL, "heatmap" },
	{ '5', A_OV_POINTS, "5", NULL, "points: heatmap maximum (pointing game), human-benchmark salient points" },
	{ '}', A_HEAT_MORE, "}", NULL, "heatmap more opaque" },
	{ '{', A_HEAT_LESS, "{", NULL, "heatmap more transparent" },
	{ '+', A_ZOOMIN, "+", NULL, "zoom in (re-cropped from the full image)" },
	{ '=', A_ZOOMIN, "=", NULL, NULL },
	{ '-', A_ZOOMOUT, "-", NULL, "zoom out" },
	{ '0', A_ZOOMRESET, "0", NULL, "whole image" },
	{ 'H', A_PANL, "H", NULL, "pan left" },
	{ 'L', A_PANR, "L", NULL, "pan right" },
	{ 'K', A_PANU, "K", NULL, "pan up" },
	{ 'J', A_PAND, "J", NULL, "pan down" },
	{ 'x', A_SIDE, "x", NULL, "side by side: GT | prediction; with two or more methods the baseline | the method shown" },
	{ 'M', A_METHOD, "M", NULL, "next method (second prediction file, DIR/methods/, --method): list, table, picture and statistics follow" },
	{ 'v', A_METHOD, "v", NULL, NULL },
	{ 'i', A_PROBE, "i", NULL, "pixel probe on/off (move it with the arrows or a click)" },
	{ 'Z', A_ZOOM_1TO1, "Z", NULL, "1:1 zoom: one image pixel a screen pixel, at the probe or the middle (again: whole)" },
	{ 'w', A_WIN_NARROW, "w", "Film", "narrower window (more contrast)" },
	{ 'W', A_WIN_WIDE, "W", NULL, "wider window (less contrast)" },
	{ 'b', A_LEVEL_DARK, "b", NULL, "darker (raise the level)" },
	{ 'B', A_LEVEL_BRIGHT, "B", NULL, "brighter (lower the level)" },
	{ 'I', A_INVERT, "I", NULL, "invert the grey values" },
	{ 'O', A_FILM_RESET, "O", NULL, "the original film: window, level and invert reset" },
	{ 'o', A_EXPORT_PNG, "o", NULL, "export the view as an annotated PNG (id, pathology, legend, colour bar) and, beside it, the export command that remakes it" },
	{ '>', A_THR_UP, ">", "Threshold", "raise the live threshold of the selected pathology" },
	{ '.', A_THR_UP, ".", NULL, NULL },
	{ '<', A_THR_DOWN, "<", NULL, "lower the live threshold" },
	{ ',', A_THR_DOWN, ",", NULL, NULL },
	{ 't', A_THR_RESET, "t", NULL, "back to the dataset's predictions (file or derived)" },
	{ 'T', A_THR_PLOT, "T", NULL, "mIoU against threshold for the pathology (computed in the background)" },
	{ 'S', A_STATS, "S", "Screens", "statistics: mIoU, hit rate, CIs, precision/recall, histogram (there: D the comparison of the methods)" },
	{ '!', A_PROBLEMS, "!", NULL, "problems: every file that failed or was partly read" },
	{ '?', A_HELP, "?", NULL, "this help" },
	{ KEY_F(1), A_HELP, "F1", NULL, NULL },
	{ 'm', A_MARK, "m", NULL, "review mark (ok, wrong GT, model failure, none) of the table's "
	    "pathology (table focus), else the filter's pathology, else the CXR" },
	{ 'e', A_NOTE, "e", NULL, "edit the note (of what m marks)" },
	{ 'E', A_EXPORT_MARKS, "E", NULL, "export review marks and notes as CSV" },
	{ 'C', A_THEME, "C", NULL, "next colour theme" },
	{ CTRL('l'), A_REDRAW, "Ctrl-L", NULL, "redraw the screen" },
	{ 27, A_BACK, "Esc", NULL, "close a screen or prompt" },
	{ 'q', A_QUIT, "q", NULL, "close the screen; quit from the main screen" },
	{ 0, A_NONE, NULL, NULL, NULL },
};

enum action
key_action(int key)
{
	for (const struct keybind *k = ui_keys; k->name; k++)
		if (k->key == key)
			return k->action;
	return A_NONE;
}

void
keys_print_mdoc(void)
{
	const char *sec = NULL;

	for (const struct keybind *k = ui_keys; k->name; k++) {
		const struct keybind *a;
		if (!k->help)
			continue;
		if (k->section && (!sec || strcmp(sec, k->section) != 0)) {
			if (sec)
				printf(".El\n");
			sec = k->section;
			printf(".Ss %s\n.Bl -tag -width Ds -compact\n", sec);
		}
		printf(".It Ic \\&%s", k->name);
		for (a = k + 1; a->name && !a->help; a++)
			printf(" , Ic \\&%s", a->name);
		printf("\n%s.\n", k->help);
	}
	if (sec)
		printf(".El\n");
}
