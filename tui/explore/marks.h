/* marks: review marks (ok / wrong GT / model failure) and notes per CXR and
 * pathology of one dataset — a mark on one pathology of a CXR, or on the CXR
 * as a whole — kept in a tab-separated file shared by every dataset
 * (default $XDG_STATE_HOME/chexplore/marks.tsv, else
 * ~/.local/state/chexplore/marks.tsv) and keyed by the dataset's real path;
 * exported as CSV. Several explorers (or people) may share the file: a save
 * takes a lock, re-reads the file and writes it whole with this process's
 * changes over what others wrote since (atomic replace), so nobody's marks
 * are lost. A leaf: no curses, no app; errors are values. Event loop thread
 * only (not thread-safe).
 *
 * The file: one line per mark, "DIR\tTARGET\tKIND\tNOTE\n", DIR the
 * dataset's real path, TARGET the image id (the CXR as a whole) or
 * "ID/PATHOLOGY" (an id holds no '/'), KIND 0 none, 1 ok, 2 wrong GT, 3 model
 * failure, tabs, newlines and backslashes of every field written \t \n \\.
 * The files of earlier versions (the id alone) read as marks on the CXR as a
 * whole; versions before pathology marks keep the "ID/PATHOLOGY" lines as
 * they are. A line this version cannot read is kept as it is. */
#ifndef UI_MARKS_H
#define UI_MARKS_H

#include <stddef.h>

#include "err.h"

enum mark_kind { MARK_NONE, MARK_OK, MARK_WRONG_GT, MARK_MODEL_FAILURE, MARK_NKINDS };

/* The task of a mark on the CXR as a whole. */
#define MARK_CXR	(-1)

struct mark {
	char		*id;
	int		 task;		/* pathology (tasks.h id), or MARK_CXR */
	int		 kind;		/* enum mark_kind */
	char		*note;		/* never NULL */
	int		 changed;	/* set here since the last load or save */
};

struct marks {
	struct mark	*v;		/* sorted by id, then the CXR before its
					 * pathologies in table order */
	size_t		 n;
	char		*path;		/* the marks file */
	char		*key;		/* the dataset's real path: its lines' first field */
	char		*ekey;		/* key as written (escaped) */
};

/* Load the marks of dataset folder dir from path (NULL: the default file
 * above). A missing file is no marks; 0. -1 with err when the file exists
 * but cannot be read. mk is usable (and must be finied) either way. */
int	marks_load(struct marks *mk, const char *dir, const char *path, struct cx_err *err);
/* The mark of (id, task) (task MARK_CXR: the CXR as a whole), or NULL. The
 * pointer holds until the next marks_get or save. */
struct mark *marks_find(const struct marks *mk, const char *id, int task);
/* The mark of (id, task), made (kind none, empty note) when there is none. */
struct mark *marks_get(struct marks *mk, const char *id, int task);
/* What the marks of CXR id say, for a list's marker: task MARK_CXR: the
 * most severe kind among the CXR's marks (model failure, wrong GT, ok) and
 * whether any of them has a note; a task: that pathology's mark and the
 * CXR's own. *kind MARK_NONE, *note 0 when nothing. */
void	marks_summary(const struct marks *mk, const char *id, int task, int *kind, int *note);
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
/* Write "img_id,pathology,mark,note" CSV (RFC 4180 quoting; pathology
 * empty for the CXR as a whole) of the marks that say something to path, in
 * id order; *count of them. -1 with err. */
int	marks_export_csv(const struct marks *mk, const char *path, size_t *count,
	    struct cx_err *err);
/* Short name of a kind ("ok", "wrong GT", ...), for the status line. */
const char *marks_kind_label(int kind);
void	marks_fini(struct marks *mk);

#endif
