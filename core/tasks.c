/* tasks: pathology names and their two orders. */
#include "tasks.h"

#include <string.h>

const char *const cx_task_names[CX_NTASKS] = {
	"Enlarged Cardiomediastinum", "Cardiomegaly", "Lung Lesion",
	"Airspace Opacity", "Edema", "Consolidation", "Atelectasis",
	"Pneumothorax", "Pleural Effusion", "Support Devices",
};

/* Airspace Opacity, Atelectasis, Cardiomegaly, Consolidation, Edema,
 * Enlarged Cardiomediastinum, Lung Lesion, Pleural Effusion, Pneumothorax,
 * Support Devices. */
const int cx_task_sorted[CX_NTASKS] = { 3, 6, 1, 5, 4, 0, 2, 8, 7, 9 };

const char *const cx_chexpert_names[CX_NCHEXPERT] = {
	"No Finding", "Enlarged Cardiomediastinum", "Cardiomegaly",
	"Lung Lesion", "Airspace Opacity", "Edema", "Consolidation",
	"Pneumonia", "Atelectasis", "Pneumothorax", "Pleural Effusion",
	"Pleural Other", "Fracture", "Support Devices",
};

static const int chexpert_of_task[CX_NTASKS] = { 1, 2, 3, 4, 5, 6, 8, 9, 10, 13 };

int
cx_task_idn(const char *name, unsigned long n)
{
	if (n == 12 && memcmp(name, "Lung Opacity", 12) == 0)
		return 3;
	for (int i = 0; i < CX_NTASKS; i++)
		if (strlen(cx_task_names[i]) == n && memcmp(cx_task_names[i], name, n) == 0)
			return i;
	return -1;
}

int
cx_task_id(const char *name)
{
	return cx_task_idn(name, strlen(name));
}

int
cx_task_chexpert_index(int task)
{
	return chexpert_of_task[task];
}

int
cx_chexpert_id(const char *name)
{
	if (strcmp(name, "Lung Opacity") == 0)
		return 4;
	for (int i = 0; i < CX_NCHEXPERT; i++)
		if (strcmp(cx_chexpert_names[i], name) == 0)
			return i;
	return -1;
}
