/* cmd: the one command framework (after tmux's cmd_entry). Each command file
 * in tui/cmd/ exports one `const struct cmd_entry cmd_<name>_entry`; main.c's
 * table lists them. cmd_exec is the one parser: it takes the common flags
 * (--dir, --gt, --maps, --save-dir, --shard, --json, --seed, --jobs, --quiet)
 * the same way for every command, applies the [DIR] | --dir DIR rule, prints
 * --help from the entry, and maps the outcome to the exit code (0 ok, 1 some
 * input failed, 2 usage or fatal). A command gets its own options in an args
 * struct (cmd_entry.opts, CMD_OPT) and the rest in a struct cmd_ctx; both,
 * and the strings they point to (argv), last until run returns.
 * The man page's per-command synopsis is printed from the same entry
 * (cmd_synopsis_mdoc, `chexplore --synopsis-mdoc NAME`).
 * Which thread: all of it runs on the main thread, before any worker starts. */
#ifndef UI_CMD_H
#define UI_CMD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "opts.h"

/* What a run function returns; cmd_exec turns it into the exit code. */
enum cmd_ret {
	CMD_OK = 0,	/* every input read, every output written */
	CMD_FAILED = 1,	/* some input was bad or an output could not be written */
	CMD_USAGE = 2,	/* bad usage, or fatal */
};

/* The common flags, one spelling each for every command that takes them
 * (cmd_entry.names may add or drop an alias). The inputs come first in
 * --help, then the command's own options, then the rest. */
enum cmd_common {
	CMD_C_DIR,	/* --dir DIR, -d DIR: cmd_ctx.dir */
	CMD_C_GT,	/* --gt FILE, --gt_path, -g: cmd_ctx.gt */
	CMD_C_MAPS,	/* --maps DIR, --map_dir, -m: cmd_ctx.maps */
	CMD_C_SAVE_DIR,	/* --save-dir DIR, --save_dir, -o: cmd_ctx.save_dir (default .) */
	CMD_C_SHARD,	/* --shard K/N: cmd_ctx.shard, shard_k, shard_n */
	CMD_C_PATHOLOGIES,	/* --pathologies LIST: cmd_ctx.tasks */
	CMD_C_JSON,	/* --json: cmd_ctx.json */
	CMD_C_SEED,	/* --seed N, 0 .. 2**32 - 1: cmd_ctx.seed */
	CMD_C_JOBS,	/* --jobs N, -j N: cmd_ctx.jobs (0: all cores) */
	CMD_C_QUIET,	/* --quiet, -q: cmd_ctx.quiet */
	CMD_NCOMMON
};
#define CMD_C_NINPUT	(CMD_C_MAPS + 1)

/* cmd_entry.flags: which common flags a command takes, and how. */
#define CMD_DIR		(1u << CMD_C_DIR)
#define CMD_GT		(1u << CMD_C_GT)
#define CMD_MAPS	(1u << CMD_C_MAPS)
#define CMD_SAVE_DIR	(1u << CMD_C_SAVE_DIR)
#define CMD_SHARD	(1u << CMD_C_SHARD)
#define CMD_PATHOLOGIES	(1u << CMD_C_PATHOLOGIES)
#define CMD_JSON	(1u << CMD_C_JSON)
#define CMD_SEED	(1u << CMD_C_SEED)
#define CMD_JOBS	(1u << CMD_C_JOBS)
#define CMD_QUIET	(1u << CMD_C_QUIET)
/* With CMD_DIR: the folder may also be the one positional argument
 * ([DIR] | --dir DIR); both, or two folders, is a usage error. */
#define CMD_DIRPOS	(1u << 16)
/* The command run when none is named (the explorer): its synopsis reads
 * "chexplore [explore] ...". */
#define CMD_DEFAULT	(1u << 17)

/* What cmd_exec hands a run function besides its own options. */
struct cmd_ctx {
	const struct cmd_entry *entry;
	const char	*dir;		/* CMD_DIR: --dir or the positional DIR; NULL: neither */
	const char	*gt, *maps;	/* CMD_GT, CMD_MAPS: NULL when not given */
	const char	*save_dir;	/* CMD_SAVE_DIR: "." when not given */
	const char	*shard;		/* CMD_SHARD: "K/N" as given, or NULL */
	int		 shard_k, shard_n;	/* and parsed: 1 <= K <= N; 0 and 1 without */
	unsigned	 tasks;		/* CMD_PATHOLOGIES: bit t for task id t (all 10
					 * without --pathologies) */
	int		 tasks_given;	/* --pathologies was given */
	int		 json;		/* CMD_JSON: --json given */
	uint32_t	 seed;		/* CMD_SEED: --seed, 0 without */
	int		 jobs;		/* CMD_JOBS: --jobs, 0 without */
	int		 quiet;		/* CMD_QUIET: --quiet given */
	int		 npos;		/* positional arguments (DIR taken out) */
	char		**pos;		/* pos[0 .. npos-1], from argv */
};

/* One of a command's own options (a struct opt of opts.h whose value goes to
 * a field of the command's args struct): write CMD_OPT(ST, FIELD, ...). */
struct cmd_opt {
	const char	*names;		/* "gt|gt_path|g": --gt, --gt_path, -g */
	enum opt_type	 type;
	size_t		 off;		/* offsetof(args struct, field) */
	const char	*arg;		/* shown in help, e.g. "FILE" */
	const char	*help;
};
#define CMD_OPT(ST, FIELD, NAMES, TYPE, ARG, HELP) \
	{ (NAMES), (TYPE), offsetof(ST, FIELD), (ARG), (HELP) }
/* cmd_entry's args struct and its defaults (a const ST, or NULL: zeros). */
#define CMD_ARGS(ST, DEFAULTS) \
	.args_size = sizeof(ST), .args_defaults = (DEFAULTS)

struct cmd_entry {
	const char	*name;
	const char	*summary;	/* one line, for `chexplore --help` */
	/* The synopsis after "chexplore NAME"; forms separated by '\n'. Tokens:
	 * --flag or -f, ARG (upper case) or word (a literal), [ ... ] optional,
	 * | between alternatives, ... repeated. "[options]" stands, in the man
	 * page, for every option of the table the form does not name. */
	const char	*usage;
	const char	*about;		/* paragraph of --help, or NULL */
	unsigned	 flags;		/* CMD_DIR | CMD_JSON | ... */
	const char	*help[CMD_NCOMMON];	/* a common flag's help here, NULL: the default */
	const char	*names[CMD_NCOMMON];	/* its spellings here, NULL: the common ones */
	const struct cmd_opt *opts;	/* own options, zero-terminated; NULL: none */
	size_t		 args_size;	/* the args struct run receives */
	const void	*args_defaults;	/* copied into it before parsing; NULL: zeros */
	/* Called after the defaults, before parsing (e.g. a config file's values,
	 * which the command line then overrides); may be NULL. */
	void		(*init)(void *args);
	/* The command: CMD_OK, CMD_FAILED or CMD_USAGE. */
	int		(*run)(const struct cmd_ctx *ctx, void *args);
	/* Escape hatch instead of run: argv (argv[0] = name) untouched, the
	 * command parses it (and prints its own --help) and returns the exit
	 * code; usage, summary and flags still give the man page's synopsis. */
	int		(*raw)(int argc, char **argv);
};

/* Run the entry on argv (argv[0] = its name) and return the exit code: 0 for
 * --help (printed to stdout), 2 with one stderr line for bad usage, else what
 * run returned (anything but 0 or 1 becomes 2). */
int	cmd_exec(const struct cmd_entry *e, int argc, char **argv);
/* Print the entry's --help to stdout: usage forms, about, options. */
void	cmd_help(const struct cmd_entry *e);
/* Print the entry's synopsis in mdoc to fp, as man/chexplore.1 holds it
 * after the command's section header and before its first .Pp. */
void	cmd_synopsis_mdoc(const struct cmd_entry *e, FILE *fp);
/* Print "chexplore NAME: message" (escaped) to stderr; returns CMD_USAGE. */
int	cmd_usage(const struct cmd_ctx *ctx, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Print err as "chexplore: file:where: message"; returns CMD_FAILED. */
int	cmd_failed(const struct cx_err *err);
/* The folder: ctx->dir, or "." when none was given. */
const char *cmd_dir(const struct cmd_ctx *ctx);

#endif
