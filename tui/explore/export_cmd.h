/* export_cmd: the `chexplore export` command line that writes the same PNG
 * as the explorer's 'o' for a view: every setting of the scene that reaches
 * the pixels (pathology, overlays, live thresholds, the method drawn, zoom
 * and its centre, window / level, invert, heatmap opacity, NO_COLOR, the
 * theme's overlay colours) as an
 * option, shell-quoted. Event loop thread. */
#ifndef UI_EXPORT_CMD_H
#define UI_EXPORT_CMD_H

#include <stddef.h>

#include "model.h"
#include "scene.h"

/* The command for CXR i drawn with s into png, run by exe ("chexplore" when
 * NULL), in buf; -1 when it does not fit in n or a setting has no option
 * (buf then says which). */
int	export_command(const struct model *m, size_t i, const struct scene *s, const char *exe,
	    const char *png, char *buf, size_t n);
/* The same as a shell script at path (created, never over a file): a
 * comment line, then the command. -1 with errno. */
int	export_command_write(const char *path, const char *cmd, const char *about);

#endif
