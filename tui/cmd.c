/* cmd: the one parser of every command's argv (see cmd.h). */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "escape.h"
#include "tasks.h"
#include "xalloc.h"

#define CMD_MAXOPT	64

/* The one message of the [DIR] | --dir DIR rule. */
#define CMD_DIR_TWICE	"give the folder once: --dir DIR or DIR"

/* The common flags as opts.h options, but for where their values go. */
static const struct opt common[CMD_NCOMMON] = {
	[CMD_C_DIR] = { "dir|d", OPT_STR, NULL, "DIR", "dataset folder (default .)" },
	[CMD_C_GT] = { "gt|gt_path|g", OPT_STR, NULL, "FILE", "ground-truth segmentation JSON" },
	[CMD_C_MAPS] = { "maps|map_dir|m", OPT_STR, NULL, "DIR",
	    "folder of heatmaps (*_map.pkl, .npy, .png)" },
	[CMD_C_SAVE_DIR] = { "save-dir|save_dir|o", OPT_STR, NULL, "DIR", "output folder (default .)" },
	[CMD_C_SHARD] = { "shard", OPT_STR, NULL, "K/N",
	    "only every N-th heatmap from the K-th: writes a part for merge" },
	[CMD_C_PATHOLOGIES] = { "pathologies", OPT_STR, NULL, "LIST",
	    "only these pathologies, comma-separated (default all 10)" },
	[CMD_C_JSON] = { "json", OPT_BOOL, NULL, NULL, "one JSON object" },
	[CMD_C_SEED] = { "seed", OPT_STR, NULL, "N", "bootstrap seed (default 0)" },
	[CMD_C_JOBS] = { "jobs|j", OPT_INT, NULL, "N", "worker threads (default: all cores)" },
	[CMD_C_QUIET] = { "quiet|q", OPT_BOOL, NULL, NULL, "no progress bar" },
};

/* What the common options are parsed into before they reach cmd_ctx. */
struct common_vals {
	const char	*str[CMD_NCOMMON];	/* OPT_STR ones */
	int		 num[CMD_NCOMMON];	/* OPT_INT and OPT_BOOL ones */
};

/* Common flag c as the entry spells and explains it, its value into v. */
static struct opt
common_opt(const struct cmd_entry *e, int c, struct common_vals *v)
{
	struct opt o = common[c];

	o.dst = o.type == OPT_STR ? (void *)&v->str[c] : (void *)&v->num[c];
	if (e->names[c] != NULL)
		o.names = e->names[c];
	if (e->help[c] != NULL)
		o.help = e->help[c];
	else if (c == CMD_C_DIR && (e->flags & CMD_DIRPOS))
		o.help = "dataset folder (or the one positional DIR)";
	return o;
}

/* The entry's whole table: --dir first, its own options (into args), then the
 * other common flags; zero-terminated. v and args may be NULL (help and
 * synopsis only). */
static void
table(const struct cmd_entry *e, struct common_vals *v, void *args, struct opt *t)
{
	static struct common_vals none;
	int n = 0;

	if (v == NULL)
		v = &none;
	for (int c = 0; c < CMD_C_NINPUT; c++)
		if (e->flags & (1u << c))
			t[n++] = common_opt(e, c, v);
	for (const struct cmd_opt *o = e->opts; o && o->names && n < CMD_MAXOPT - CMD_NCOMMON; o++)
		t[n++] = (struct opt){ o->names, o->type, args ? (char *)args + o->off : NULL,
		    o->arg, o->help };
	for (int c = CMD_C_NINPUT; c < CMD_NCOMMON; c++)
		if (e->flags & (1u << c))
			t[n++] = common_opt(e, c, v);
	t[n] = (struct opt){ 0 };
}

/* --seed: 0 .. 2**32 - 1, as NumPy's RandomState takes it. */
static int
parse_seed(const char *s, uint32_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s == '-' || end == s || *end || errno || v > 0xffffffffull)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* --pathologies "Edema, Cardiomegaly": the localization names, any case,
 * comma-separated; a bit per task id. -1 with the bad name in bad. */
static int
parse_tasks(const char *s, unsigned *out, char *bad, size_t nbad)
{
	*out = 0;
	while (*s) {
		const char *e = strchr(s, ',');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		int t = -1;
		while (n > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		for (int k = 0; k < CX_NTASKS && n > 0; k++)
			if (strlen(cx_task_names[k]) == n && strncasecmp(cx_task_names[k], s, n) == 0)
				t = k;
		if (t < 0) {
			snprintf(bad, nbad, "%.*s", (int)(n < 60 ? n : 60), s);
			return -1;
		}
		*out |= 1u << t;
		s = e ? e + 1 : s + strlen(s);
	}
	return *out ? 0 : -1;
}

/* The common values into ctx, with the [DIR] | --dir DIR rule. */
static int
common_take(const struct cmd_entry *e, const struct common_vals *v, struct cmd_ctx *ctx)
{
	const char *seed = v->str[CMD_C_SEED];

	ctx->dir = v->str[CMD_C_DIR];
	ctx->gt = v->str[CMD_C_GT];
	ctx->maps = v->str[CMD_C_MAPS];
	ctx->save_dir = v->str[CMD_C_SAVE_DIR] ? v->str[CMD_C_SAVE_DIR] : ".";
	ctx->shard = v->str[CMD_C_SHARD];
	ctx->shard_n = 1;
	ctx->json = v->num[CMD_C_JSON];
	ctx->jobs = v->num[CMD_C_JOBS];
	ctx->quiet = v->num[CMD_C_QUIET];
	if (seed != NULL && parse_seed(seed, &ctx->seed) == -1)
		return cmd_usage(ctx, "--seed: want an integer between 0 and 2**32 - 1");
	if (ctx->shard != NULL && opt_shard(ctx->shard, &ctx->shard_k, &ctx->shard_n) == -1)
		return cmd_usage(ctx, "--shard: want K/N with 1 <= K <= N");
	ctx->tasks = (1u << CX_NTASKS) - 1;
	if (v->str[CMD_C_PATHOLOGIES] != NULL) {
		char bad[64] = "", esc[256];
		if (parse_tasks(v->str[CMD_C_PATHOLOGIES], &ctx->tasks, bad, sizeof bad) == -1)
			return cmd_usage(ctx, "--pathologies: '%s' is not one of the 10 pathologies "
			    "(Airspace Opacity, Atelectasis, Cardiomegaly, Consolidation, Edema, "
			    "Enlarged Cardiomediastinum, Lung Lesion, Pleural Effusion, Pneumothorax, "
			    "Support Devices)", cx_escape_buf(bad, esc, sizeof esc));
		ctx->tasks_given = 1;
	}
	if ((e->flags & CMD_DIRPOS) && ctx->npos > 0) {
		if (ctx->dir != NULL || ctx->npos > 1)
			return cmd_usage(ctx, CMD_DIR_TWICE);
		ctx->dir = ctx->pos[0];
		ctx->pos++;
		ctx->npos--;
	}
	return CMD_OK;
}

/* An entry with run: defaults, options, common flags, then the command. */
static int
exec_parsed(const struct cmd_entry *e, int argc, char **argv)
{
	struct opt t[CMD_MAXOPT + 1];
	struct common_vals v = { 0 };
	struct cmd_ctx ctx = { .entry = e };
	void *args = cx_xcalloc(1, e->args_size ? e->args_size : 1);
	int rc;

	if (e->args_defaults != NULL)
		memcpy(args, e->args_defaults, e->args_size);
	if (e->init != NULL)
		e->init(args);
	table(e, &v, args, t);
	rc = opt_scan(e->name, t, argc, argv, &ctx.npos);
	if (rc == 1) {
		cmd_help(e);
		rc = CMD_OK;
	} else if (rc == -1)
		rc = CMD_USAGE;
	else {
		ctx.pos = argv + 1;
		if ((rc = common_take(e, &v, &ctx)) == CMD_OK) {
			rc = e->run(&ctx, args);
			free(args);	/* run freed its repeatable options' lists */
			return rc;
		}
	}
	/* run not reached: the lists of repeatable options are ours to free */
	for (const struct cmd_opt *o = e->opts; o && o->names; o++)
		if (o->type == OPT_LIST)
			free(((struct opt_list *)(void *)((char *)args + o->off))->v);
	free(args);
	return rc;
}

int
cmd_exec(const struct cmd_entry *e, int argc, char **argv)
{
	int rc = e->raw != NULL ? e->raw(argc, argv) : exec_parsed(e, argc, argv);

	/* the one mapping of outcomes to exit codes */
	return rc == CMD_OK || rc == CMD_FAILED ? rc : CMD_USAGE;
}

/* The length of the usage form at s (forms end at '\n'). */
static size_t
form_len(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? (size_t)(nl - s) : strlen(s);
}

void
cmd_help(const struct cmd_entry *e)
{
	struct opt t[CMD_MAXOPT + 1];
	const char *p = e->usage;
	int first = 1;

	for (;;) {
		size_t n = form_len(p);
		printf("%s chexplore %s %.*s\n", first ? "usage:" : "      ", e->name, (int)n, p);
		first = 0;
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	if (e->about)
		printf("\n%s\n", e->about);
	table(e, NULL, NULL, t);
	opt_help_options(t);
}

int
cmd_usage(const struct cmd_ctx *ctx, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	cli_fail(ctx->entry->name, "%s", buf);
	return CMD_USAGE;
}

int
cmd_failed(const struct cx_err *err)
{
	cli_error(err);
	return CMD_FAILED;
}

const char *
cmd_dir(const struct cmd_ctx *ctx)
{
	return ctx->dir ? ctx->dir : ".";
}

/* ---- the synopsis in mdoc ---- */

/* One mdoc line being built, and what its last token was. */
enum last { L_START, L_FLAG, L_VAL, L_BAR, L_POS };
struct mdline {
	FILE		*fp;
	int		 open;	/* a line is started */
	enum last	 last;
	const char	*kind;	/* the macro of the last word, "Ar" or "Cm" */
};

static void
md_put(struct mdline *l, const char *s)
{
	fprintf(l->fp, l->open ? " %s" : ".%s", s);
	l->open = 1;
}

static void
md_break(struct mdline *l)
{
	if (l->open)
		fputc('\n', l->fp);
	l->open = 0;
	l->kind = NULL;
}

/* A word: Ar for a placeholder (capital first), Cm for a literal; the macro
 * is left out after | when it would repeat. */
static void
md_word(struct mdline *l, const char *w, size_t n)
{
	const char *kind = isupper((unsigned char)w[0]) ? "Ar" : "Cm";

	if (l->kind == NULL || strcmp(l->kind, kind) != 0 || l->last != L_BAR)
		md_put(l, kind);
	fprintf(l->fp, " %.*s", (int)n, w);
	l->kind = kind;
}

/* Alternatives such as "iou|hitmiss" or "FILE|DIR" (n bytes at s): the words
 * with | between. */
static void
md_words(struct mdline *l, const char *s, size_t n)
{
	for (;;) {
		const char *bar = memchr(s, '|', n);
		size_t k = bar ? (size_t)(bar - s) : n;
		md_word(l, s, k);
		if (bar == NULL)
			break;
		md_put(l, "|");
		l->last = L_BAR;
		s += k + 1;
		n -= k + 1;
	}
}

static void
md_flag(struct mdline *l, const char *f, size_t n)
{
	md_put(l, "Fl");
	/* mdoc's Fl writes one dash itself */
	fprintf(l->fp, " %.*s", (int)n - 1, f + 1);
	l->kind = NULL;
}

/* The long name of an option ("--gt"), else its short one ("-j"). */
static void
md_option(struct mdline *l, const struct opt *o)
{
	const char *p = o->names, *best = NULL;
	size_t bn = 0;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (best == NULL || (bn == 1 && n > 1)) {
			best = p;
			bn = n;
		}
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	md_break(l);
	md_put(l, "Op");
	md_put(l, "Fl");
	fprintf(l->fp, " %s%.*s", bn > 1 ? "-" : "", (int)bn, best);
	if (o->arg) {
		/* a boolean's word is optional: --true-pos-only [yes | no] */
		if (o->type == OPT_BOOL)
			md_put(l, "Op");
		l->last = L_FLAG;
		md_words(l, o->arg, strlen(o->arg));
	}
	md_break(l);
}

/* A usage form cut into tokens: "[" and "]" apart, the rest at spaces. */
struct token {
	const char	*s;
	size_t		 n;
};
#define CMD_MAXTOK	128

static int
tokens(const char *s, size_t n, struct token *tok)
{
	int nt = 0;

	for (size_t i = 0; i < n && nt < CMD_MAXTOK;) {
		size_t j = i;
		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (s[i] == '[' || s[i] == ']')
			j = i + 1;
		else
			while (j < n && s[j] != ' ' && s[j] != ']')
				j++;
		tok[nt++] = (struct token){ s + i, j - i };
		i = j;
	}
	return nt;
}

static int
tok_is(const struct token *t, const char *w)
{
	return t->n == strlen(w) && strncmp(t->s, w, t->n) == 0;
}

/* Does a flag of the form name the option? */
static int
form_names(const struct token *tok, int nt, const struct opt *o)
{
	struct opt one[2] = { *o, { 0 } };

	for (int i = 0; i < nt; i++) {
		const char *f = tok[i].s;
		size_t dash = tok[i].n > 2 && f[1] == '-' ? 2 : 1;
		if (f[0] == '-' && tok[i].n > dash && opt_find(one, f + dash, tok[i].n - dash))
			return 1;
	}
	return 0;
}

/* One usage form as mdoc lines: each flag, optional group and positional
 * on its own line, a flag's value and alternatives after | on the same. */
static void
md_form(const char *s, size_t n, const struct opt *t, FILE *fp)
{
	struct token tok[CMD_MAXTOK];
	struct mdline l = { .fp = fp, .last = L_START };
	int nt = tokens(s, n, tok), depth = 0;

	for (int i = 0; i < nt; i++) {
		const struct token *k = &tok[i];
		if (depth == 0 && i + 2 < nt && tok_is(k, "[") && tok_is(&tok[i + 1], "options") &&
		    tok_is(&tok[i + 2], "]") && t[0].names) {
			for (const struct opt *o = t; o->names; o++)
				if (!form_names(tok, nt, o))
					md_option(&l, o);
			i += 2;
			l.last = L_START;
		} else if (tok_is(k, "[")) {
			if (depth++ == 0) {
				if (l.last != L_BAR)
					md_break(&l);
				md_put(&l, "Op");
			} else
				md_put(&l, "Oo");
			l.kind = NULL;
			l.last = L_START;
		} else if (tok_is(k, "]")) {
			if (--depth > 0)
				md_put(&l, "Oc");
			l.kind = NULL;
			l.last = L_POS;
		} else if (tok_is(k, "|")) {
			md_put(&l, "|");
			l.last = L_BAR;
		} else if (tok_is(k, "...")) {
			md_put(&l, "...");
		} else if (k->s[0] == '-') {
			if (depth == 0 && l.last != L_BAR)
				md_break(&l);
			md_flag(&l, k->s, k->n);
			l.last = L_FLAG;
		} else {
			int value = l.last == L_FLAG || l.last == L_BAR;
			if (depth == 0 && !value)
				md_break(&l);
			md_words(&l, k->s, k->n);
			l.last = value ? L_VAL : L_POS;
		}
	}
	md_break(&l);
}

void
cmd_synopsis_mdoc(const struct cmd_entry *e, FILE *fp)
{
	struct opt t[CMD_MAXOPT + 1];
	const char *p = e->usage;

	table(e, NULL, NULL, t);
	for (;;) {
		size_t n = form_len(p);
		fprintf(fp, ".Nm\n%s %s\n", e->flags & CMD_DEFAULT ? ".Op Cm" : ".Cm", e->name);
		md_form(p, n, t, fp);
		if (p[n] == '\0')
			break;
		fprintf(fp, ".br\n");
		p += n + 1;
	}
}
