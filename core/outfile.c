/* outfile: temp file + rename. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

/* The temp files open now, for the SIGINT/SIGTERM/SIGHUP handler: fixed
 * slots (no malloc, no lock in the handler), a slot's path written before it
 * is marked used and left alone until it is marked free again. */
#define TMP_SLOTS	64
static char tmp_path[TMP_SLOTS][PATH_MAX];
static volatile sig_atomic_t tmp_used[TMP_SLOTS];
static pthread_mutex_t tmp_lock = PTHREAD_MUTEX_INITIALIZER;
static int handlers_set;
/* Sections where a signal is only noted (a count changed under tmp_lock)
 * and the signal that came meanwhile: a temp file created and not yet
 * registered, a set half renamed. The signal is acted on when the last
 * section ends, so no temp file is missed and no set is cut in two. */
static volatile sig_atomic_t deferring, pending_sig;

/* Async-signal-safe: unlink the registered temp files, then die of the
 * signal with its default action (the shell sees 128 + signo: 130, 143).
 * While a set is being renamed (in whichever thread), only noted. */
static void
on_signal(int sig)
{
	if (deferring) {
		pending_sig = sig;
		return;
	}
	for (int i = 0; i < TMP_SLOTS; i++)
		if (tmp_used[i])
			unlink(tmp_path[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Install on_signal for the signals that are at their default action (an
 * ignored SIGINT, e.g. under nohup, or a handler of the caller's stays). */
static void
set_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;	/* returns only in a deferring section */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
		    !(old.sa_flags & SA_SIGINFO))
			sigaction(sigs[i], &sa, NULL);
}

/* Slot of path, or -1 when none is free (the file is then not cleaned up on
 * a signal, nothing else changes). */
static int
tmp_register(const char *path)
{
	int slot = -1;

	if (strlen(path) >= PATH_MAX)
		return -1;
	pthread_mutex_lock(&tmp_lock);
	for (int i = 0; i < TMP_SLOTS; i++)
		if (!tmp_used[i]) {
			strcpy(tmp_path[i], path);
			tmp_used[i] = 1;
			slot = i;
			break;
		}
	pthread_mutex_unlock(&tmp_lock);
	return slot;
}

/* Enter (on) or leave a section where signals are only noted; the first
 * entry installs the handlers. Leaving the last one acts on a noted signal. */
static void
defer_signals(int on)
{
	pthread_mutex_lock(&tmp_lock);
	if (!handlers_set) {
		set_handlers();
		handlers_set = 1;
	}
	deferring += on ? 1 : -1;
	pthread_mutex_unlock(&tmp_lock);
	/* sent again to the process: the handler runs in a thread that takes
	 * it (this one may block it), removes the temp files and dies */
	if (!on && !deferring && pending_sig)
		kill(getpid(), pending_sig);
}

/* Forget path's slot (after it was renamed or unlinked). */
static void
tmp_unregister(const char *path)
{
	pthread_mutex_lock(&tmp_lock);
	for (int i = 0; i < TMP_SLOTS; i++)
		if (tmp_used[i] && strcmp(tmp_path[i], path) == 0) {
			tmp_used[i] = 0;
			break;
		}
	pthread_mutex_unlock(&tmp_lock);
}

char *
cx_path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = cx_xmalloc(a + b + 2);

	memcpy(p, dir, a);
	if (a && dir[a - 1] != '/')
		p[a++] = '/';
	memcpy(p + a, name, b + 1);
	return p;
}

int
cx_outfile_open(struct cx_outfile *o, const char *path, struct cx_err *err)
{
	size_t n = strlen(path) + 16;
	int fd;

	memset(o, 0, sizeof *o);
	o->path = cx_xstrdup(path);
	o->tmp = cx_xmalloc(n);
	snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
	defer_signals(1);	/* the handler set; no signal between create and register */
	if ((fd = mkstemp(o->tmp)) != -1)
		tmp_register(o->tmp);
	defer_signals(0);
	if (fd == -1) {
		cx_err_file(err, path);
		cx_err_set(err, "cannot create: %s", strerror(errno));
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof *o);
		return -1;
	}
	fchmod(fd, 0644);
	o->fp = fdopen(fd, "w");
	if (o->fp == NULL) {
		close(fd);
		unlink(o->tmp);
		tmp_unregister(o->tmp);
		cx_err_file(err, path);
		cx_err_set(err, "cannot open: %s", strerror(errno));
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof *o);
		return -1;
	}
	return 0;
}

int
cx_outfile_commit(struct cx_outfile *o, struct cx_err *err)
{
	int bad = ferror(o->fp);

	if (fclose(o->fp) != 0)
		bad = 1;
	o->fp = NULL;
	if (bad || rename(o->tmp, o->path) != 0) {
		cx_err_file(err, o->path);
		cx_err_set(err, "cannot write: %s", strerror(errno ? errno : EIO));
		unlink(o->tmp);
		tmp_unregister(o->tmp);
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof *o);
		return -1;
	}
	tmp_unregister(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return 0;
}

/* The folders of a set's files, each opened once (by device and inode: two
 * flocks of one folder in one process would wait on each other), in that
 * order, so two runs lock them in the same order. */
struct dirlock {
	int	fd[8];
	dev_t	dev[8];
	ino_t	ino[8];
	size_t	n;
};

static void
dirlock_add(struct dirlock *l, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = cx_xstrdup(slash == NULL ? "." : path);
	struct stat st;
	size_t i;
	int fd;

	if (slash != NULL)
		dir[slash == path ? 1 : slash - path] = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	free(dir);
	if (fd == -1)
		return;		/* an unreadable folder: renamed unlocked */
	if (fstat(fd, &st) == -1 || l->n == sizeof l->fd / sizeof l->fd[0]) {
		close(fd);
		return;
	}
	for (i = 0; i < l->n; i++)
		if (l->dev[i] == st.st_dev && l->ino[i] == st.st_ino) {
			close(fd);
			return;
		}
	for (i = l->n; i > 0 && (l->dev[i - 1] > st.st_dev ||
	    (l->dev[i - 1] == st.st_dev && l->ino[i - 1] > st.st_ino)); i--) {
		l->fd[i] = l->fd[i - 1];
		l->dev[i] = l->dev[i - 1];
		l->ino[i] = l->ino[i - 1];
	}
	l->fd[i] = fd;
	l->dev[i] = st.st_dev;
	l->ino[i] = st.st_ino;
	l->n++;
}

/* Lock every folder of the set (an exclusive flock on the folder itself: no
 * lock file left among the outputs). A folder whose lock is refused (e.g.
 * NFS without flock) is renamed into unlocked, as before. */
static void
dirlock_take(struct dirlock *l, const struct cx_outfile *o, size_t n)
{
	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < n; i++)
		if (o[i].tmp != NULL)
			dirlock_add(l, o[i].path);
	for (size_t i = 0; i < l->n; i++)
		while (flock(l->fd[i], LOCK_EX) == -1 && errno == EINTR)
			;
}

static void
dirlock_drop(struct dirlock *l)
{
	for (size_t i = 0; i < l->n; i++)
		close(l->fd[i]);	/* the last close releases the flock */
	l->n = 0;
}


int
cx_outfile_commit_set(struct cx_outfile *o, size_t n, struct cx_err *err)
{
	size_t i, done = 0;
	struct dirlock lk = { .n = 0 };
	struct stat st;
	int e, rc = -1;

	/* 1. every temp file written out and closed */
	for (i = 0; i < n; i++) {
		int bad;
		if (o[i].tmp == NULL)
			continue;
		errno = 0;
		bad = ferror(o[i].fp);
		if (fclose(o[i].fp) != 0)
			bad = 1;
		o[i].fp = NULL;
		if (bad) {
			e = errno ? errno : EIO;
			cx_err_file(err, o[i].path);
			cx_err_set(err, "cannot write: %s", strerror(e));
			goto out;
		}
	}
	/* 2. the set's folders locked: another run writing the same set waits
	 * here until this one has renamed all of its files */
	dirlock_take(&lk, o, n);
	defer_signals(1);
	/* 3. no final name is a folder (rename would fail half-way) */
	for (i = 0; i < n; i++)
		if (o[i].tmp != NULL && lstat(o[i].path, &st) == 0 && S_ISDIR(st.st_mode)) {
			cx_err_file(err, o[i].path);
			cx_err_set(err, "cannot write: it is a folder");
			goto unlock;
		}
	/* 4. all renamed; a failure takes back what this run renamed */
	for (done = 0; done < n; done++) {
		if (o[done].tmp == NULL)
			continue;
		if (rename(o[done].tmp, o[done].path) != 0) {
			e = errno;
			cx_err_file(err, o[done].path);
			cx_err_set(err, "cannot write: %s", strerror(e));
			for (i = 0; i < done; i++)
				if (o[i].path != NULL && o[i].tmp == NULL)
					unlink(o[i].path);
			goto unlock;
		}
		tmp_unregister(o[done].tmp);
		free(o[done].tmp);
		o[done].tmp = NULL;
	}
	rc = 0;
unlock:
	dirlock_drop(&lk);
	for (i = 0; i < n; i++)
		cx_outfile_abort(&o[i]);
	defer_signals(0);	/* a signal that came meanwhile: now */
	return rc;
out:
	for (i = 0; i < n; i++)
		cx_outfile_abort(&o[i]);
	return rc;
}

void
cx_outfile_abort(struct cx_outfile *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL) {
		unlink(o->tmp);
		tmp_unregister(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}

int
cx_mkdirs(const char *dir, struct cx_err *err)
{
	char *p = cx_xstrdup(dir);
	struct stat st;

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0755) == -1 && errno != EEXIST) {
				cx_err_file(err, p);
				cx_err_set(err, "cannot create folder: %s", strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (stat(p, &st) == -1 || !S_ISDIR(st.st_mode)) {
		cx_err_file(err, dir);
		cx_err_set(err, "not a folder");
		free(p);
		return -1;
	}
	free(p);
	return 0;
}
