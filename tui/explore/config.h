/* config: $XDG_CONFIG_HOME/chexplore/config (default ~/.config/...), lines
 * "theme = NAME", "graphics = MODE", "fail-iou = X", read before the
 * explorer's options (which override them). Main thread. */
#ifndef UI_CONFIG_H
#define UI_CONFIG_H

#include <stddef.h>

/* Fill what the file sets; the first bad line is a "file:line: ..." warning
 * in warn (left empty otherwise). A missing file sets nothing. */
void	explore_read_config(char *theme, size_t tn, char *gfx, size_t gn, double *fail_iou,
	    char *warn, size_t wn);

#endif
