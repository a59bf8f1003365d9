/* cli_export: the picture `show` draws, written as a PNG. */
#include "cli.h"
#include "show.h"

static int
export_run(const struct cmd_ctx *ctx, void *args)
{
	return show_run(ctx, args, 1);
}

const struct cmd_entry cmd_export_entry = {
	.name = "export", .summary = "write one CXR with overlays as a PNG",
	.usage = "ID --png FILE [--dir DIR] [--width PX] [options]",
	.about = "Write one CXR with its overlays as a PNG.", .flags = CMD_DIR,
	.opts = show_export_opts, CMD_ARGS(struct show_args, &show_defaults), .run = export_run,
};
