/* marks: review marks (ok / wrong GT / model failure) and notes per CXR of
 * one dataset, kept in a tab-separated file shared by every dataset
 * (default $XDG_STATE_HOME/chexplore/marks.tsv, else
 * ~/.local/state/chexplore/marks.tsv) and keyed by the dataset's real path;
 * exported as CSV. Several explorers (or people) may share the file: a save
 * takes a lock, re-reads the file and writes it whole with this process's
 * changes over what others wrote since (atomic replace), so nobody's marks
 * are lost. A leaf: no curses, no app; errors are values. Event loop thread
 * only (not thread-safe). */
#ifndef UI_MARKS_H
#define UI_MARKS_H

#include <stddef.h>

#include "err.h"

enum mark_kind { MARK_NONE, MARK_OK, MARK_WRONG_GT, MARK_MODEL_FAILURE, MARK_NKINDS };

struct mark {
	char		*id;
	int		 kind;		/* enum mark_kind */
	char		*note;		/* never NULL */
	int		 changed;	/* set here since the last load or save */
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
/* Set a mark's kind (enum mark_kind) or note (copied): a change to save. */
void	marks_set_kind(struct mark *m, int kind);
void	marks_set_note(struct mark *m, const char *note);
/* Save under the file's lock: re-read it, keep every line of other
 * datasets and every mark of this one that this process did not change
 * (others' work), put this process's changes over them (a mark with no kind
 * and no note is removed), replace the file atomically. mk then holds the
 * merged marks (others' included). -1 with err when the file cannot be
 * locked, read or written (mk unchanged). */
int	marks_save(struct marks *mk, struct cx_err *err);
/* Write "img_id,mark,note" CSV of the marks that say something to path;
 * *count of them. -1 with err. */
int	marks_export_csv(const struct marks *mk, const char *path, size_t *count,
	    struct cx_err *err);
/* Short name of a kind ("ok", "wrong GT", ...), for the status line. */
const char *marks_kind_label(int kind);
void	marks_fini(struct marks *mk);

#endif
