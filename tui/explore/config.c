/* config: the explorer's settings file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "term.h"

/* $XDG_CONFIG_HOME/chexplore/config: "theme = NAME", "graphics = MODE",
 * "fail-iou = X" lines, read before the options (which override them). A bad
 * line is a file:line: warning. */
void
explore_read_config(struct explore_config *c)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char path[4096], line[1200];
	size_t ln = 0;
	FILE *fp;

	if (x && *x == '/')
		snprintf(path, sizeof path, "%s/chexplore/config", x);
	else
		snprintf(path, sizeof path, "%s/.config/chexplore/config", home ? home : ".");
	/* the one way a user's file is opened: a FIFO is refused, never waited on */
	if (!(fp = cx_fopen_regular(path, &(struct cx_err){ 0 })))
		return;
	while (fgets(line, sizeof line, fp)) {
		char key[64], val[1024];
		ln++;
		if (line[strspn(line, " \t")] == '#' || line[strspn(line, " \t\r\n")] == 0)
			continue;
		if (sscanf(line, " %63[a-z-] = %1023s", key, val) != 2) {
			if (!c->warn[0])
				snprintf(c->warn, sizeof c->warn, "%s:%zu: want 'key = value'", path, ln);
			continue;
		}
		if (strcmp(key, "theme") == 0)
			snprintf(c->theme, sizeof c->theme, "%s", val);
		else if (strcmp(key, "graphics") == 0 && term_gfx_parse_kitty(val) != -2)
			snprintf(c->gfx, sizeof c->gfx, "%s", val);
		else if (strcmp(key, "bandwidth") == 0 && (strcmp(val, "low") == 0
		    || strcmp(val, "normal") == 0))
			snprintf(c->bandwidth, sizeof c->bandwidth, "%s", val);
		else if (strcmp(key, "export-dir") == 0)
			snprintf(c->export_dir, sizeof c->export_dir, "%s", val);
		else if (strcmp(key, "fail-iou") == 0 && atof(val) > 0)
			c->fail_iou = atof(val);
		else if (!c->warn[0])
			snprintf(c->warn, sizeof c->warn, "%s:%zu: unknown setting or bad value", path,
			    ln);
	}
	fclose(fp);
}
