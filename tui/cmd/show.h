/* show: the shared half of `show` and `export` — options, dataset, one CXR
 * rendered to an RGB picture. Main thread. */
#ifndef UI_SHOW_H
#define UI_SHOW_H

#include "cmd.h"

/* The options of show and export (cmd_entry args). */
struct show_args {
	const char	*path;		/* --pathology */
	const char	*ovs;		/* --overlay */
	const char	*gfx;		/* --graphics */
	const char	*png;		/* --png (export) */
	const char	*at;		/* --at COL,ROW: the zoom's centre */
	const char	*method;	/* --method NAME or NAME=PATH: the prediction drawn */
	const char	*colours;	/* --colours LIST: overlay colours */
	struct opt_list	 thr;		/* --threshold T or PATHOLOGY=T, repeatable */
	int		 width, height, pred2, nocolor, invert, annotate;
	double		 zoom, alpha, window, level;
};

/* export's option table (show's and --png) and the defaults of both. */
extern const struct cmd_opt show_export_opts[];
extern const struct show_args show_defaults;

/* Open the dataset (ctx->dir), render the CXR ctx->pos[0]: to the terminal,
 * or for export to the --png file. Returns CMD_OK, CMD_FAILED or CMD_USAGE. */
int	show_run(const struct cmd_ctx *ctx, const struct show_args *a, int is_export);

#endif
