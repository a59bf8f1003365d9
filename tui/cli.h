/* cli: the commands' entries (one per file in tui/cmd/, see cmd.h), the
 * explorer's command, and the error printers every command uses.
 * Which thread: the main thread. */
#ifndef UI_CLI_H
#define UI_CLI_H

#include "cmd.h"
#include "err.h"

extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_info_entry;
extern const struct cmd_entry cmd_inspect_entry;
extern const struct cmd_entry cmd_validate_entry;
extern const struct cmd_entry cmd_segment_entry;
extern const struct cmd_entry cmd_eval_entry;
extern const struct cmd_entry cmd_tune_entry;
extern const struct cmd_entry cmd_count_entry;
extern const struct cmd_entry cmd_prs_entry;
extern const struct cmd_entry cmd_features_entry;
extern const struct cmd_entry cmd_pctdec_entry;
extern const struct cmd_entry cmd_regress_entry;
extern const struct cmd_entry cmd_stats_entry;
extern const struct cmd_entry cmd_merge_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_compare_entry;

/* The explorer (tui/explore/explore.c), also run when no command is named. */
extern const struct cmd_entry cmd_explore_entry;

/* Print "chexplore: file:where: message" (escaped) to stderr. */
void	cli_error(const struct cx_err *err);
/* Print "chexplore CMD: message" (printf-style) to stderr. */
void	cli_fail(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Print a notice ("chexplore: note: ...") to stderr unless quiet. */
void	cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
