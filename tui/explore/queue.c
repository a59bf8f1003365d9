/* queue: mutex-protected list + self-pipe. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "queue.h"
#include "xalloc.h"

int
queue_init(struct queue *q)
{
	q->head = q->tail = NULL;
	if (pipe(q->pipe) == -1)
		return -1;
	/* Non-blocking both ends: a full pipe already means "wake up". */
	for (int k = 0; k < 2; k++) {
		fcntl(q->pipe[k], F_SETFL, fcntl(q->pipe[k], F_GETFL) | O_NONBLOCK);
		fcntl(q->pipe[k], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&q->lock, NULL);
	return 0;
}

void
queue_fini(struct queue *q)
{
	struct msg *m = queue_drain(q), *n;

	for (; m; m = n) {
		n = m->next;
		free(m->data);
		free(m);
	}
	close(q->pipe[0]);
	close(q->pipe[1]);
	pthread_mutex_destroy(&q->lock);
}

void
queue_push(struct queue *q, struct msg *m)
{
	char b = 1;
	ssize_t r;

	m->next = NULL;
	pthread_mutex_lock(&q->lock);
	if (q->tail)
		q->tail->next = m;
	else
		q->head = m;
	q->tail = m;
	pthread_mutex_unlock(&q->lock);
	do
		r = write(q->pipe[1], &b, 1);
	while (r < 0 && errno == EINTR);
}

struct msg *
queue_drain(struct queue *q)
{
	char buf[256];
	struct msg *m;

	while (read(q->pipe[0], buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&q->lock);
	m = q->head;
	q->head = q->tail = NULL;
	pthread_mutex_unlock(&q->lock);
	return m;
}

void
queue_post(struct queue *q, int kind, size_t i, size_t done, size_t total, void *data)
{
	struct msg *m = cx_xcalloc(1, sizeof *m);

	m->kind = kind;
	m->i = i;
	m->done = done;
	m->total = total;
	m->data = data;
	queue_push(q, m);
}

void
queue_worker_nice(void)
{
#ifdef SYS_gettid
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
}
