/* labels: CheXpert label CSVs (SPEC §2): Path,Sex,Age,Frontal/Lateral,AP/PA and
 * the 14 CheXpert tasks, values 1.0 / 0.0 / -1.0 (uncertain) / empty. */
#ifndef CX_LABELS_H
#define CX_LABELS_H

#include <stddef.h>

#include "err.h"
#include "tasks.h"

/* Label values; an empty field is CX_LABEL_NONE. */
#define CX_LABEL_POS	1
#define CX_LABEL_NEG	0
#define CX_LABEL_UNC	(-1)
#define CX_LABEL_NONE	(-2)

struct cx_labelrow {
	char		*id;		/* image id, e.g. patient64541_study1_view1_frontal */
	char		*path;		/* the Path field as written */
	char		*sex;		/* "" when absent */
	int		 age;		/* -1 when absent */
	char		*view;		/* Frontal/Lateral, "" when absent */
	char		*appa;		/* AP/PA, "" when absent */
	size_t		 line;		/* line in the CSV */
	signed char	 v[CX_NCHEXPERT];	/* CHEXPERT_TASKS order; CX_LABEL_* */
};

struct cx_labels {
	size_t			 n;
	struct cx_labelrow	*r;	/* sorted by id (strcmp) */
};

/* Read a label CSV. Columns are found by header name (any order; "Lung Opacity"
 * is Airspace Opacity); Path is required, absent task columns read as empty.
 * Errors carry the file and "line:col". */
int	cx_labels_load(struct cx_labels *l, const char *path, struct cx_err *err);
/* Parse len bytes of CSV text; name is for errors. */
int	cx_labels_parse(struct cx_labels *l, const char *buf, size_t len, const char *name,
	    struct cx_err *err);
/* Row of an id, or NULL (binary search). */
const struct cx_labelrow *cx_labels_find(const struct cx_labels *l, const char *id);
/* Label of a localization task id (tasks.h) in a row: CX_LABEL_*. */
int	cx_labels_task(const struct cx_labelrow *r, int task);
void	cx_labels_fini(struct cx_labels *l);

/* Image id of a CXR path: the last three components patient*\/study*\/view*
 * joined with '_', extension dropped ("CheXpert-v1.0/valid/patient1/study2/
 * view1_frontal.jpg" -> "patient1_study2_view1_frontal"). Caller frees; NULL
 * when the path does not end that way. */
char	*cx_labels_path_id(const char *path);

#endif
