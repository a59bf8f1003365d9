/* opts: a small getopt_long with aliases and Python-style boolean values. */
#include "opts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "escape.h"
#include "xalloc.h"

/* Does name appear in the '|'-separated list? */
static int
names_match(const char *names, const char *name, size_t len)
{
	const char *p = names;

	while (*p) {
		const char *e = strchr(p, '|');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == len && strncmp(p, name, len) == 0)
			return 1;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return 0;
}

const struct opt *
opt_find(const struct opt *opts, const char *name, size_t len)
{
	for (const struct opt *o = opts; o->names; o++)
		if (names_match(o->names, name, len))
			return o;
	return NULL;
}

/* 1/0 for a boolean word, -1 otherwise. */
static int
bool_word(const char *s)
{
	static const char *yes[] = { "true", "yes", "1", "on", NULL };
	static const char *no[] = { "false", "no", "0", "off", NULL };

	for (int i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}

static void
print_names(const char *names, const char *arg)
{
	const char *p = names;
	int first = 1, col = 2;

	printf("  ");
	while (*p) {
		const char *e = strchr(p, '|');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		col += printf("%s%s%.*s", first ? "" : ", ", n == 1 ? "-" : "--", (int)n, p);
		first = 0;
		if (e == NULL)
			break;
		p = e + 1;
	}
	if (arg)
		col += printf(" %s", arg);
	printf("%*s", col < 36 ? 36 - col : 1, "");
}

void
opt_help_options(const struct opt *opts)
{
	printf("\noptions:\n");
	for (const struct opt *o = opts; o->names; o++) {
		print_names(o->names, o->arg);
		printf("%s\n", o->help ? o->help : "");
	}
	print_names("h|help", NULL);
	printf("show this help\n");
}

static int
set_value(const char *cmd, const struct opt *o, const char *name, const char *val)
{
	char *end;
	char esc[128];
	void *dst = o->dst;

	switch (o->type) {
	case OPT_STR:
		*(const char **)dst = val;
		return 0;
	case OPT_LIST: {
		struct opt_list *l = dst;
		l->v = cx_xreallocarray(l->v, l->n + 1, sizeof *l->v);
		l->v[l->n++] = val;
		return 0;
	}
	case OPT_INT: {
		long v;
		errno = 0;
		v = strtol(val, &end, 10);
		if (errno || end == val || *end || v < -2147483647L || v > 2147483647L) {
			fprintf(stderr, "chexplore %s: --%s: want an integer, got '%s'\n", cmd, name,
			    cx_escape_buf(val, esc, sizeof esc));
			return -1;
		}
		*(int *)dst = (int)v;
		return 0;
	}
	case OPT_DBL: {
		double v;
		if (opt_decimal(val, &v) == -1) {
			fprintf(stderr, "chexplore %s: --%s: want a finite decimal number, got '%s'\n",
			    cmd, name, cx_escape_buf(val, esc, sizeof esc));
			return -1;
		}
		*(double *)dst = v;
		return 0;
	}
	case OPT_BOOL: {
		int b = bool_word(val);
		if (b < 0) {
			fprintf(stderr, "chexplore %s: --%s: want True or False, got '%s'\n", cmd, name,
			    cx_escape_buf(val, esc, sizeof esc));
			return -1;
		}
		*(int *)dst = b;
		return 0;
	}
	}
	return -1;
}

int
opt_scan(const char *cmd, const struct opt *opts, int argc, char **argv, int *npos)
{
	int np = 0, only_pos = 0;
	char esc[128];

	for (int i = 1; i < argc; i++) {
		char *a = argv[i], *name, *eq;
		const struct opt *o;
		size_t len;

		if (only_pos || a[0] != '-' || a[1] == '\0') {
			argv[1 + np++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			return 1;
		name = a + (a[1] == '-' ? 2 : 1);
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		/* short options are single letters after one dash */
		if (a[1] != '-' && len != 1) {
			if (a[1] >= '0' && a[1] <= '9') {	/* a negative number */
				argv[1 + np++] = a;
				continue;
			}
			fprintf(stderr, "chexplore %s: unknown option '%s' (try --help)\n", cmd,
			    cx_escape_buf(a, esc, sizeof esc));
			return -1;
		}
		if ((o = opt_find(opts, name, len)) == NULL) {
			fprintf(stderr, "chexplore %s: unknown option '%s' (try --help)\n", cmd,
			    cx_escape_buf(a, esc, sizeof esc));
			return -1;
		}
		char nm[64];
		snprintf(nm, sizeof nm, "%.*s", (int)len, name);
		if (eq) {
			if (set_value(cmd, o, nm, eq + 1) == -1)
				return -1;
		} else if (o->type == OPT_BOOL) {
			if (i + 1 < argc && bool_word(argv[i + 1]) >= 0)
				set_value(cmd, o, nm, argv[++i]);
			else
				*(int *)o->dst = 1;
		} else {
			if (i + 1 >= argc) {
				fprintf(stderr, "chexplore %s: --%s needs a value (try --help)\n", cmd, nm);
				return -1;
			}
			if (set_value(cmd, o, nm, argv[++i]) == -1)
				return -1;
		}
	}
	*npos = np;
	return 0;
}

/* A finite decimal number: nan and inf pass strtod and no option means them;
 * hex floats (0x1p-1) are no number to Python's float(). */
int
opt_decimal(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(*v) || strpbrk(s, "xX") != NULL)
		return -1;
	return 0;
}

int
opt_shard(const char *s, int *k, int *n)
{
	char *end;
	long a, b;

	a = strtol(s, &end, 10);
	if (end == s || *end != '/')
		return -1;
	b = strtol(end + 1, &end, 10);
	if (*end || b < 1 || a < 1 || a > b || b > 1000000)
		return -1;
	*k = (int)a;
	*n = (int)b;
	return 0;
}
