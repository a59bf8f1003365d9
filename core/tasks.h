/* tasks: the CheXlocalize pathologies and CheXpert tasks (SPEC §1). */
#ifndef CX_TASKS_H
#define CX_TASKS_H

#define CX_NTASKS	10	/* localization pathologies */
#define CX_NCHEXPERT	14	/* CheXpert label tasks */

/* Pathology names in LOCALIZATION_TASKS order (index = task id). */
extern const char *const cx_task_names[CX_NTASKS];
/* Task ids in alphabetical order of their names. */
extern const int cx_task_sorted[CX_NTASKS];
/* CheXpert task names in CHEXPERT_TASKS order ("Airspace Opacity" for Lung Opacity). */
extern const char *const cx_chexpert_names[CX_NCHEXPERT];

/* Task id of a pathology name (accepts "Lung Opacity"), or -1. */
int	cx_task_id(const char *name);
/* Same for a name of length n (not NUL-terminated). */
int	cx_task_idn(const char *name, unsigned long n);
/* Index of a task id in the 14-element CHEXPERT_TASKS vector. */
int	cx_task_chexpert_index(int task);
/* CHEXPERT_TASKS index of a name (accepts "Lung Opacity"), or -1. */
int	cx_chexpert_id(const char *name);

#endif
