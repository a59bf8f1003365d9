/* segjson: segmentation JSON files (SPEC §2.1): {id: {Pathology: {size, counts}}}. */
#ifndef CX_SEGJSON_H
#define CX_SEGJSON_H

#include <stdio.h>

#include "err.h"
#include "rle.h"
#include "tasks.h"

struct cx_segentry {
	char		*id;
	uint32_t	 h, w;			/* size of the first mask seen */
	unsigned char	 present[CX_NTASKS];	/* 1 when the file holds that pathology */
	struct cx_rle	 m[CX_NTASKS];		/* zero mask of h x w when absent */
};

struct cx_seglazy;

struct cx_segfile {
	size_t			 n, cap;
	struct cx_segentry	*e;	/* sorted by id (strcmp) */
	/* Set by cx_segscan_load: the masks (m[]) of an entry are decoded when
	 * first asked (cx_segfile_find, cx_segscan_at); a reader of the whole
	 * of e[] calls cx_segscan_realize first. Ids, h, w and present are
	 * there from the start. NULL: every mask decoded. */
	struct cx_seglazy	*lazy;
};

/* Read a segmentation JSON file. Unknown pathology names are an error; "Lung
 * Opacity" is Airspace Opacity. Errors carry the file and line:col (syntax) or
 * the JSON path (content), e.g. "patient1_study1_view1_frontal/Edema/counts". */
int	cx_segfile_load(struct cx_segfile *f, const char *path, struct cx_err *err);
/* Parse from memory (len bytes; need not be NUL-terminated); name is for errors. */
int	cx_segfile_parse(struct cx_segfile *f, const char *buf, size_t len,
	    const char *name, struct cx_err *err);
/* Entry for id (its masks decoded), or NULL. Binary search. */
const struct cx_segentry *cx_segfile_find(const struct cx_segfile *f, const char *id);
/* Index of id's entry, or -1; decodes nothing. */
long	cx_segfile_index(const struct cx_segfile *f, const char *id);
/* Start an empty file / append an entry (takes ownership of e's contents) and
 * keep the order with cx_segfile_sort once done. */
void	cx_segfile_add(struct cx_segfile *f, struct cx_segentry *e);
void	cx_segfile_sort(struct cx_segfile *f);
/* Write as JSON: ids sorted, pathologies in LOCALIZATION_TASKS order, only the
 * present ones (all_tasks: every pathology, zero masks where absent). */
int	cx_segfile_write(const struct cx_segfile *f, FILE *fp, int all_tasks);
/* Write atomically to path. */
int	cx_segfile_save(const struct cx_segfile *f, const char *path, int all_tasks,
	    struct cx_err *err);
void	cx_segentry_fini(struct cx_segentry *e);
void	cx_segfile_fini(struct cx_segfile *f);

#endif
