/* keys: the one {key, action, help} table. It dispatches keys in every view,
 * writes the help screen and the EXPLORER key list of the man page
 * (`chexplore explore --keys-mdoc`). The table is constant: any thread reads it. */
#ifndef UI_KEYS_H
#define UI_KEYS_H

enum action {
	A_NONE, A_QUIT, A_HELP, A_BACK, A_DOWN, A_UP, A_PROBE_LEFT, A_PROBE_RIGHT, A_PGDOWN, A_PGUP, A_HOME, A_END,
	A_FOCUS, A_SORT, A_SORT_REV, A_SEARCH, A_SEARCH_NEXT, A_SEARCH_PREV, A_JUMP, A_FILTER,
	A_PATHPICK, A_PATHNEXT, A_PATHPREV, A_FILTERKIND, A_FAILING, A_CLEARFILTER,
	A_NEXTFAIL, A_PREVFAIL, A_ALLPATH, A_OV_GT, A_OV_PRED, A_OV_ERROR, A_OV_HEAT,
	A_OV_POINTS, A_ZOOMIN, A_ZOOMOUT, A_ZOOMRESET, A_PANL, A_PANR, A_PANU, A_PAND,
	A_THR_UP, A_THR_DOWN, A_THR_RESET, A_THR_PLOT, A_HEAT_MORE, A_HEAT_LESS, A_SIDE,
	A_PROBE, A_STATS, A_PROBLEMS, A_MARK, A_NOTE, A_EXPORT_MARKS, A_METHOD, A_SORT_DIFF, A_THEME, A_REDRAW,
	A_WIN_NARROW, A_WIN_WIDE, A_LEVEL_DARK, A_LEVEL_BRIGHT, A_INVERT, A_FILM_RESET, A_ZOOM_1TO1,
	A_EXPORT_PNG,
};

struct keybind {
	int		 key;		/* curses key code */
	enum action	 action;
	const char	*name;		/* as shown: "j", "Down", "Ctrl-L" */
	const char	*section;	/* help group; NULL = same as the previous */
	const char	*help;		/* NULL: an alias of the previous entry */
};

extern const struct keybind ui_keys[];
/* Action of a key (A_NONE when unbound). */
enum action key_action(int key);
/* Print the table as an mdoc list (.Bl/.It/.El) to stdout. */
void	keys_print_mdoc(void);

#endif
