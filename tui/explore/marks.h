/* marks: review marks (ok / wrong GT / model failure) and notes per CXR of
 * one dataset, kept in a tab-separated file shared by every dataset
 * (default $XDG_STATE_HOME/chexplore/marks.tsv, else
 * ~/.local/state/chexplore/marks.tsv) and keyed by the dataset's real path;
 * exported as CSV. A leaf: no curses, no app; errors are values. Event loop
 * thread only (not thread-safe). */
#ifndef UI_MARKS_H
#define UI_MARKS_H

#include <stddef.h>

#include "err.h"

enum mark_kind { MARK_NONE, MARK_OK, MARK_WRONG_GT, MARK_MODEL_FAILURE, MARK_NKINDS };

struct mark {
	char		*id;
	int		 kind;		/* enum mark_kind */
	char		*note;		/* never NULL */
};

struct marks {
	struct mark	*v;
	size_t		 n;
	char		*path;		/* the marks file */
	char		*key;		/* the dataset's real path: its lines' first field */
};

/* Load the marks of dataset folder dir from path (NULL: the default file
 * above). A missing file is no marks; 0. -1 with err when the file exists
 * but cannot be read. mk is usable (and must be finied) either way. */
int	marks_load(struct marks *mk, const char *dir, const char *path, struct cx_err *err);
/* The mark of id, or NULL. */
struct mark *marks_find(const struct marks *mk, const char *id);
/* The mark of id, made (kind none, empty note) when there is none. */
struct mark *marks_get(struct marks *mk, const char *id);
/* Set a mark's note (copied). */
void	marks_set_note(struct mark *m, const char *note);
/* Rewrite the file atomically: other datasets' lines kept as they are, this
 * dataset's from mk (marks with no kind and no note are dropped). -1 with
 * err when it cannot be written. */
int	marks_save(const struct marks *mk, struct cx_err *err);
/* Write "img_id,mark,note" CSV of the marks that say something to path;
 * *count of them. -1 with err. */
int	marks_export_csv(const struct marks *mk, const char *path, size_t *count,
	    struct cx_err *err);
/* Short name of a kind ("ok", "wrong GT", ...), for the status line. */
const char *marks_kind_label(int kind);
void	marks_fini(struct marks *mk);

#endif
