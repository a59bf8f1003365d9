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

static const struct command {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*summary;
} commands[] = {
	{ "demo",     cli_demo,     "write a synthetic dataset in the official formats" },
	{ "info",     cli_info,     "what a dataset folder holds" },
	{ "inspect",  cli_inspect,  "what a file holds (segmentations, annotations, heatmaps, images)" },
	{ "validate", cli_validate, "check segmentation/annotation/salient-point files against the format" },
	{ "segment",  cli_segment,  "heatmaps or polygons to segmentation masks" },
	{ "eval",     cli_eval,     "mIoU or hit rate per pathology with bootstrap CIs" },
	{ "tune",     cli_tune,     "tune binarization thresholds or probability cutoffs" },
	{ "count",    cli_count,    "number of non-empty masks per pathology" },
	{ "prs",      cli_prs,      "pixel precision, recall and specificity" },
	{ "features", cli_features, "pathology features: instances, area, elongation, rectangularity" },
	{ "pctdec",   cli_pctdec,   "percentage decrease of a method against the human benchmark" },
	{ "regress",  cli_regress,  "regressions of features against IoU and hit/miss" },
	{ "stats",    cli_stats,    "one-shot summary of a dataset and its predictions" },
	{ "merge",    cli_merge,    "combine the parts written by --shard runs" },
	{ "show",     cli_show,     "render one CXR with overlays to the terminal" },
	{ "export",   cli_export,   "write one CXR with overlays as a PNG" },
	{ "explore",  cli_explore,  "the interactive explorer (default)" },
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: chexplore [DIR]                 open the explorer on a dataset\n"
	    "       chexplore COMMAND [OPTIONS]      run a command (COMMAND --help for its options)\n\n"
	    "commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
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
	if (argc >= 2 && argv[1][0] != '-') {
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				return commands[i].fn(argc - 1, argv + 1);
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
	return cli_explore(argc, argv);
}
