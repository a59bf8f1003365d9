/* outfile: outputs as a set, and no temp file left by SIGINT/SIGTERM
 * (issue 15). */
#include "check.h"
#include "outfile.h"

#include <dirent.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Entries in dir (. and .. aside); *tmp set when one is a temp file. */
static int
entries(const char *dir, int *tmp)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	*tmp = 0;
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (strstr(e->d_name, ".tmp") != NULL)
			*tmp = 1;
	}
	closedir(d);
	return n;
}

static void
put(const char *dir, const char *name, const char *text)
{
	char *p = cx_path_join(dir, name);
	FILE *fp = fopen(p, "w");

	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
	free(p);
}

static int
has(const char *dir, const char *name, const char *text)
{
	char *p = cx_path_join(dir, name), buf[64] = "";
	FILE *fp = fopen(p, "r");
	size_t n = 0;

	free(p);
	if (fp == NULL)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return strcmp(buf, text) == 0;
}

static int
open3(struct cx_outfile *of, const char *dir, struct cx_err *err)
{
	static const char *names[3] = { "a.csv", "b.csv", "c.csv" };

	for (int i = 0; i < 3; i++) {
		char *p = cx_path_join(dir, names[i]);
		int rc = cx_outfile_open(&of[i], p, err);
		free(p);
		if (rc == -1)
			return -1;
		fprintf(of[i].fp, "new");
	}
	return 0;
}

static void
rmrf(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

/* The third name is a folder: the old a.csv and b.csv stay as they were, no
 * temp file; then with the folder gone the whole new set is written. */
static void
test_outfile_set(void)
{
	char dir[] = "/tmp/cxofXXXXXX", *c;
	struct cx_outfile of[3] = {{0}};
	struct cx_err err = {0};
	int tmp;

	if (mkdtemp(dir) == NULL)
		SKIP("no temp dir");
	put(dir, "a.csv", "old");
	put(dir, "b.csv", "old");
	c = cx_path_join(dir, "c.csv");
	CHECK(mkdir(c, 0755) == 0);
	CHECK(open3(of, dir, &err) == 0);
	CHECK(cx_outfile_commit_set(of, 3, &err) == -1);
	CHECK_STR(err.file, c);
	CHECK(strstr(err.msg, "folder") != NULL);
	CHECK(has(dir, "a.csv", "old") && has(dir, "b.csv", "old"));
	CHECK(entries(dir, &tmp) == 3 && !tmp);
	CHECK(of[0].tmp == NULL && of[2].fp == NULL);
	CHECK(rmdir(c) == 0);
	CHECK(open3(of, dir, &err) == 0);
	CHECK(cx_outfile_commit_set(of, 3, &err) == 0);
	CHECK(has(dir, "a.csv", "new") && has(dir, "b.csv", "new") && has(dir, "c.csv", "new"));
	CHECK(entries(dir, &tmp) == 3 && !tmp);
	/* entries never opened are skipped */
	memset(of, 0, sizeof of);
	{
		char *p = cx_path_join(dir, "d.csv");
		CHECK(cx_outfile_open(&of[1], p, &err) == 0);
		free(p);
		CHECK(cx_outfile_commit_set(of, 3, &err) == 0);
		CHECK(entries(dir, &tmp) == 4 && !tmp);
	}
	free(c);
	rmrf(dir);
}

/* A child with three temp files open gets sig: it dies of sig (the shell's
 * 128 + sig) and leaves no temp file. */
static void
signal_case(int sig)
{
	char dir[] = "/tmp/cxofXXXXXX";
	pid_t pid;
	int st = 0, tmp;

	if (mkdtemp(dir) == NULL)
		SKIP("no temp dir");
	pid = fork();
	if (pid == 0) {
		struct cx_outfile of[3] = {{0}};
		struct cx_err err = {0};
		if (open3(of, dir, &err) == -1)
			_exit(3);
		fflush(NULL);
		raise(sig);
		_exit(4);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sig);
	CHECK(entries(dir, &tmp) == 0 && !tmp);
	rmrf(dir);
}

static void
test_outfile_sigint(void)
{
	signal_case(SIGINT);
}

static void
test_outfile_sigterm(void)
{
	signal_case(SIGTERM);
}

/* An ignored SIGINT (nohup, a background job) stays ignored. */
static void
test_outfile_sigint_ignored(void)
{
	char dir[] = "/tmp/cxofXXXXXX";
	pid_t pid;
	int st = 0, tmp;

	if (mkdtemp(dir) == NULL)
		SKIP("no temp dir");
	pid = fork();
	if (pid == 0) {
		struct cx_outfile of[3] = {{0}};
		struct cx_err err = {0};
		signal(SIGINT, SIG_IGN);
		if (open3(of, dir, &err) == -1)
			_exit(3);
		raise(SIGINT);
		_exit(cx_outfile_commit_set(of, 3, &err) == 0 ? 0 : 5);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(entries(dir, &tmp) == 3 && !tmp);
	rmrf(dir);
}

int
main(void)
{
	/* SIGINT at its default, as in a shell's foreground: a background job
	 * without job control (make test & in a script) starts with it
	 * ignored, which outfile rightly keeps (test_outfile_sigint_ignored) */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	RUN(test_outfile_set);
	RUN(test_outfile_sigint);
	RUN(test_outfile_sigterm);
	RUN(test_outfile_sigint_ignored);
	return CHECK_DONE();
}
