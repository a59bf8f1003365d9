/* methjobs: the methods' background work — the heatmap methods of
 * DIR/methods/ and --method segmented (the CXR on screen first, as the
 * dataset's derived predictions are), and the comparison of every method
 * (tui/comparison.c, the numbers of `chexplore compare`) once every
 * method's masks are complete. Part of struct workers (workers.c forwards
 * its messages here). Threads: every function here is for the event loop
 * thread; the worker threads read the model (what model_open built and
 * masks already applied, which never change) and push owned results. */
#ifndef UI_METHJOBS_H
#define UI_METHJOBS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "comparison.h"
#include "model.h"
#include "queue.h"

/* Message kinds of methjobs (above workers.c's own). */
enum { MJ_MSG_DERIVED = 100, MJ_MSG_DERIVE_DONE, MJ_MSG_CMP };

/* The comparison screen's numbers: compare's, on the explorer's methods
 * (seed 0, as the statistics screen), with the dataset's human benchmark. */
struct cmpview {
	struct cmp_result	 r;		/* r.m[k] names borrowed from the model */
	char			 err[768];	/* a method that could not be scored */
};

struct methjobs {
	pthread_t	 der_thr;
	int		 der_running;
	size_t		 der_done, der_total;	/* (method, CXR) pairs */
	pthread_t	 cmp_thr;
	int		 cmp_running;
	struct cmpview	*cmp;			/* made once every input is complete */
};

/* Segment the heatmap methods in the background (none: nothing). */
void	methjobs_derive_start(struct methjobs *mj, const struct model *m, struct queue *q,
	    atomic_int *cancel);
/* Compute the comparison when every method's masks are complete and it is
 * not made yet; 0 when it waits for masks (what for: *why). */
int	methjobs_cmp_start(struct methjobs *mj, const struct model *m, struct queue *q,
	    atomic_int *cancel, const char **why);
/* What applying asks of the explorer (the values of workers.h's WK_*). */
enum { MJ_REDRAW = 1, MJ_IMAGE = 2, MJ_LIST = 4 };
/* Apply one message of a methjobs kind (cur: the CXR on screen); MJ_* flags. */
int	methjobs_apply(struct methjobs *mj, struct model *m, long cur, struct msg *msg);
/* Free what a message not applied still owns. */
void	methjobs_msg_free(struct msg *msg);
/* Wait for the threads (the caller has set the cancel flag). */
void	methjobs_stop(struct methjobs *mj);
void	methjobs_fini(struct methjobs *mj);

#endif
