/* main: argv to a sub-command, or to the explorer. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "escape.h"

#define CHEXPLORE_VERSION "0.1.0"

/* Every command, in the order `chexplore --help` lists them. */
static const struct cmd_entry *const commands[] = {
	&cmd_demo_entry, &cmd_info_entry, &cmd_inspect_entry, &cmd_validate_entry,
	&cmd_segment_entry, &cmd_eval_entry, &cmd_tune_entry, &cmd_count_entry,
	&cmd_prs_entry, &cmd_features_entry, &cmd_pctdec_entry, &cmd_regress_entry,
	&cmd_stats_entry, &cmd_merge_entry, &cmd_show_entry, &cmd_export_entry,
	&cmd_compare_entry,
	&cmd_explore_entry,
};
#define NCOMMANDS	(sizeof commands / sizeof commands[0])

static const struct cmd_entry *
find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, commands[i]->name) == 0)
			return commands[i];
	return NULL;
}

/* chexplore --synopsis-mdoc [COMMAND] (hidden): the man page's synopsis of
 * one command, or of each after its section header. */
static int
synopsis_mdoc(const char *name)
{
	if (name != NULL) {
		const struct cmd_entry *e = find(name);
		if (e == NULL) {
			char esc[512];
			fprintf(stderr, "chexplore: no command '%s'\n", cx_escape_buf(name, esc, sizeof esc));
			return 2;
		}
		cmd_synopsis_mdoc(e, stdout);
		return 0;
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		printf(commands[i]->flags & CMD_DEFAULT ? ".Sh EXPLORER\n" : ".Ss %s\n",
		    commands[i]->name);
		cmd_synopsis_mdoc(commands[i], stdout);
	}
	return 0;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: chexplore [DIR]                 open the explorer on a dataset\n"
	    "       chexplore COMMAND [OPTIONS]      run a command (COMMAND --help for its options)\n\n"
	    "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(fp, "\nSee chexplore(1).\n");
}

int
main(int argc, char **argv)
{
#ifdef __GLIBC__
	/* Heatmap commands need a few image-sized buffers (~7 MB each at CXR
	 * size) per map: keep them in the heap for reuse instead of a fresh mmap,
	 * and its page faults, every time. */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
	    || strcmp(argv[1], "help") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("chexplore %s\n", CHEXPLORE_VERSION);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--synopsis-mdoc") == 0)
		return synopsis_mdoc(argc >= 3 ? argv[2] : NULL);
	if (argc >= 2 && argv[1][0] != '-') {
		const struct cmd_entry *e = find(argv[1]);
		if (e != NULL)
			return cmd_exec(e, argc - 1, argv + 1);
		struct stat st;
		if (stat(argv[1], &st) != 0 || !S_ISDIR(st.st_mode)) {
			char esc[512];
			fprintf(stderr, "chexplore: '%s' is neither a command nor a folder\n",
			    cx_escape_buf(argv[1], esc, sizeof esc));
			usage(stderr);
			return 2;
		}
	}
	/* chexplore [OPTIONS] [DIR]: the explorer */
	argv[0] = "explore";
	return cmd_exec(&cmd_explore_entry, argc, argv);
}
