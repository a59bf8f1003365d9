/* cli: the sub-commands. Each takes (argc, argv) with argv[0] = its name and
 * returns the exit code: 0 ok, 1 some input failed, 2 usage or fatal. */
#ifndef UI_CLI_H
#define UI_CLI_H

#include "err.h"

int	cli_demo(int argc, char **argv);
int	cli_info(int argc, char **argv);
int	cli_inspect(int argc, char **argv);
int	cli_validate(int argc, char **argv);
int	cli_segment(int argc, char **argv);
int	cli_eval(int argc, char **argv);
int	cli_tune(int argc, char **argv);
int	cli_count(int argc, char **argv);
int	cli_prs(int argc, char **argv);
int	cli_features(int argc, char **argv);
int	cli_pctdec(int argc, char **argv);
int	cli_regress(int argc, char **argv);
int	cli_stats(int argc, char **argv);
int	cli_merge(int argc, char **argv);
int	cli_show(int argc, char **argv);
int	cli_export(int argc, char **argv);
int	cli_explore(int argc, char **argv);

/* Print "chexplore: file:where: message" (escaped) to stderr. */
void	cli_error(const struct cx_err *err);
/* Print "chexplore CMD: message" (printf-style) to stderr. */
void	cli_fail(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Print a notice ("chexplore: note: ...") to stderr unless quiet. */
void	cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
