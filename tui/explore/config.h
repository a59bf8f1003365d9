/* config: $XDG_CONFIG_HOME/chexplore/config (default ~/.config/...), lines
 * "theme = NAME", "graphics = MODE", "bandwidth = normal|low", "fail-iou = X",
 * "export-dir = DIR",
 * read before the explorer's options (which override them). Main thread. */
#ifndef UI_CONFIG_H
#define UI_CONFIG_H

#include <stddef.h>

struct explore_config {
	char	theme[256];	/* "" unset */
	char	gfx[32];	/* as --graphics */
	char	bandwidth[16];	/* as --bandwidth */
	double	fail_iou;
	char	export_dir[1024];	/* where 'o' writes, "" the current folder */
	char	warn[600];	/* the first bad line, "file:line: ..."; "" none */
};

/* Fill what the file sets (c holds the defaults); a missing file sets
 * nothing. */
void	explore_read_config(struct explore_config *c);

#endif
