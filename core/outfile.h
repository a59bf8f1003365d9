/* outfile: outputs written atomically (temp file in the same folder, then rename),
 * so a failed run never leaves a half-written file. */
#ifndef CX_OUTFILE_H
#define CX_OUTFILE_H

#include <stdio.h>

#include "err.h"

struct cx_outfile {
	FILE	*fp;		/* write here */
	char	*path;		/* final name */
	char	*tmp;		/* temp name */
};

/* Open a temp file beside path. -1 with err on failure. */
int	cx_outfile_open(struct cx_outfile *o, const char *path, struct cx_err *err);
/* Flush, fsync-free close and rename onto the final name. Frees o. */
int	cx_outfile_commit(struct cx_outfile *o, struct cx_err *err);
/* Commit n outputs as one set (entries never opened, or zeroed, are
 * skipped): all temp files closed, then, if none failed and no final name is
 * a folder, all renamed; a rename that fails removes the files this call
 * renamed. So a failure leaves the old set (or, after a failed rename, no
 * part of the new one) and no temp file. The renames hold an exclusive flock
 * on each folder of the set, so two runs writing the same set (at once, into
 * one folder) leave one run's whole set, never a mix. Frees every entry. */
int	cx_outfile_commit_set(struct cx_outfile *o, size_t n, struct cx_err *err);
/* Temp files open are removed on SIGINT, SIGTERM and SIGHUP (when those are
 * at their default action), and the process then dies of the signal. A
 * signal while a temp file is being created or a set renamed waits until
 * that is done (so the set stays whole: old or new). */
/* Close and remove the temp file. Frees o. Safe on a zeroed struct. */
void	cx_outfile_abort(struct cx_outfile *o);
/* mkdir -p; -1 with err on failure. */
int	cx_mkdirs(const char *dir, struct cx_err *err);
/* dir + "/" + name, caller frees. */
char	*cx_path_join(const char *dir, const char *name);

#endif
