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
/* Close and remove the temp file. Frees o. Safe on a zeroed struct. */
void	cx_outfile_abort(struct cx_outfile *o);
/* mkdir -p; -1 with err on failure. */
int	cx_mkdirs(const char *dir, struct cx_err *err);
/* dir + "/" + name, caller frees. */
char	*cx_path_join(const char *dir, const char *name);

#endif
