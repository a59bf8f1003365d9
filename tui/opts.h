/* opts: long options with aliases, shared by every sub-command.
 * Names are '|'-separated: "gt|gt_path|g" accepts --gt, --gt_path and -g.
 * The reference scripts' spellings (--gt_path, --true_pos_only True) are aliases. */
#ifndef UI_OPTS_H
#define UI_OPTS_H

#include <stddef.h>

enum opt_type {
	OPT_STR,	/* const char ** */
	OPT_INT,	/* int * */
	OPT_DBL,	/* double * */
	OPT_BOOL,	/* int *: "--x" is 1; "--x VALUE" takes True/False/yes/no/1/0 */
	OPT_LIST,	/* struct opt_list *: repeatable string option */
};

struct opt_list {
	int		  n;
	const char	**v;
};

struct opt {
	const char	*names;
	enum opt_type	 type;
	void		*dst;
	const char	*arg;	/* shown in help, e.g. "FILE" */
	const char	*help;
};

/* Parse argv[1..] (argv[0] is the command) into the options' dst. Positional arguments are moved to the front of argv+1
 * and counted in *npos. Prints one "chexplore CMD: ..." line and returns -1 on
 * bad usage; returns 1 for --help/-h (printing nothing); 0 otherwise.
 * The option table ends with a zeroed entry. Main thread. */
int	opt_scan(const char *cmd, const struct opt *opts, int argc, char **argv,
	    int *npos);
/* Print "options:" and one line per option (then -h, --help) to stdout. */
void	opt_help_options(const struct opt *opts);
/* The option one of whose '|'-separated names is name[0 .. len-1], or NULL. */
const struct opt *opt_find(const struct opt *opts, const char *name, size_t len);
/* Parse "K/N" for --shard; -1 when malformed. */
/* A finite decimal number (no nan, inf or hex float); -1 if s is not one. */
int	opt_decimal(const char *s, double *v);
int	opt_shard(const char *s, int *k, int *n);

#endif
