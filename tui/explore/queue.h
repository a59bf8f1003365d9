/* queue: results from worker threads to the event loop. Workers push owned
 * messages and write one byte to a self-pipe; the loop polls the pipe, drains
 * and applies. Workers never touch curses. queue_push: any thread;
 * queue_init, queue_drain, queue_fini: the event loop thread. */
#ifndef UI_QUEUE_H
#define UI_QUEUE_H

#include <pthread.h>
#include <stddef.h>

struct msg {
	int		 kind;
	size_t		 i;		/* item (e.g. CXR index) */
	size_t		 done, total;	/* progress */
	void		*data;		/* owned by the message */
	struct msg	*next;
};

struct queue {
	pthread_mutex_t	 lock;
	struct msg	*head, *tail;
	int		 pipe[2];	/* [0] polled by the loop */
};

int	queue_init(struct queue *q);
void	queue_fini(struct queue *q);
/* Push (takes ownership of m, a malloc'd message). Thread-safe. */
void	queue_push(struct queue *q, struct msg *m);
/* Push a new message of these fields (data owned by it). Thread-safe. */
void	queue_post(struct queue *q, int kind, size_t i, size_t done, size_t total, void *data);
/* A worker thread's first call: background work yields to the event loop on
 * a busy machine (Linux: priorities are per thread). */
void	queue_worker_nice(void);
/* Take all messages in order (caller frees each); empties the pipe. */
struct msg *queue_drain(struct queue *q);

#endif
