/* dataset: walk a folder, classify files by the official names, join by id.
 * Kept cheap on purpose (the explorer opens a dataset before its first
 * screen): no image is decoded, no heatmap opened, and annotation files are
 * only scanned for their top-level keys. */
#include "dataset.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "imgid.h"
#include "annjson.h"
#include "heatmap.h"
#include "json.h"
#include "points.h"
#include "outfile.h"
#include "pool.h"
#include "xalloc.h"

/* How deep below the dataset folder files are looked for. */
#define WALK_DEPTH	6

struct strvec {
	size_t	  n, cap;
	char	**v;
};

static void
sv_push(struct strvec *s, char *p)
{
	if (s->n == s->cap)
		s->v = cx_xreallocarray(s->v, s->cap = s->cap ? 2 * s->cap : 64, sizeof *s->v);
	s->v[s->n++] = p;
}

static void
sv_free(struct strvec *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
sort_strs(char **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_str);
}

/* A heatmap folder seen during the walk, with its files. */
struct heatdir {
	char		*path;
	struct strvec	 files;	/* file names */
};

struct walk {
	struct strvec	 images;	/* image paths */
	struct strvec	 found[CX_DS_NROLES];	/* file paths by role (not heatmaps) */
	size_t		 nheat;
	struct heatdir	*heat;
	size_t		 nseen, seencap;	/* folders walked, by device and inode: */
	struct { dev_t dev; ino_t ino; int used; } *seen;	/* a symlink loop is walked once */
	/* Patient folders met (and marked seen) but not yet listed, in walk
	 * order: listed by walk_pending, on a thread of its own while the
	 * dataset's files are read. */
	size_t		 npend;
	struct pend { char *path; dev_t dev; } *pend;
};

/* 1 the first time the folder dir is met, 0 after (a symlink back up, lN ->
 * ., or a folder reached twice) or when it cannot be stat'ed. Every patient
 * and study folder is met once: a hash set (open addressing, at most half
 * full), so that 10 000 CXRs cost 20 000 lookups, not 2 * 10^8 comparisons. */
static size_t
seen_slot(const struct walk *w, dev_t dev, ino_t ino)
{
	size_t mask = w->seencap - 1, i = ((size_t)ino * 0x9e3779b97f4a7c15ull ^ (size_t)dev) & mask;

	while (w->seen[i].used && !(w->seen[i].dev == dev && w->seen[i].ino == ino))
		i = (i + 1) & mask;
	return i;
}

/* Mark (dev, ino) visited: 1 the first time, 0 after. */
static int
walk_mark(struct walk *w, dev_t dev, ino_t ino)
{
	size_t i;

	if (2 * (w->nseen + 1) > w->seencap) {
		struct walk old = *w;
		w->seencap = w->seencap ? 2 * w->seencap : 64;
		w->seen = cx_xcalloc(w->seencap, sizeof *w->seen);
		for (size_t j = 0; j < old.seencap; j++)
			if (old.seen[j].used)
				w->seen[seen_slot(w, old.seen[j].dev, old.seen[j].ino)] = old.seen[j];
		free(old.seen);
	}
	i = seen_slot(w, dev, ino);
	if (w->seen[i].used)
		return 0;
	w->seen[i].dev = dev;
	w->seen[i].ino = ino;
	w->seen[i].used = 1;
	w->nseen++;
	return 1;
}

/* A regular file (through symlinks): FIFOs, sockets and devices are no
 * dataset file, and opening a FIFO would block. */
static int
is_regular(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

static int
is_heatmap_name(const char *name)
{
	return ends_with(name, "_map.pkl") || ends_with(name, "_map.npy") ||
	    ends_with(name, "_map.png");
}

static int
is_image_name(const char *name)
{
	return strncmp(name, "view", 4) == 0 && (ends_with(name, ".jpg") ||
	    ends_with(name, ".jpeg") || ends_with(name, ".png") || ends_with(name, ".JPG"));
}

int
cx_dataset_classify(const char *name)
{
	if (ends_with(name, ".csv")) {
		if (strcmp(name, "valid.csv") == 0 || strcmp(name, "test.csv") == 0 ||
		    strstr(name, "labels") != NULL)
			return CX_DS_LABELS;
		return -1;
	}
	if (!ends_with(name, ".json"))
		return -1;
	if (strncmp(name, "gt_segmentations", 16) == 0)
		return CX_DS_GT_SEG;
	if (strncmp(name, "gt_annotations", 14) == 0)
		return CX_DS_GT_ANN;
	if (strncmp(name, "hb_segmentations", 16) == 0)
		return CX_DS_HB_SEG;
	if (strncmp(name, "hb_annotations", 14) == 0)
		return CX_DS_HB_ANN;
	if (strncmp(name, "hb_salient_pt", 13) == 0)
		return CX_DS_HB_PTS;
	if (strstr(name, "saliency") != NULL || strncmp(name, "gradcam_segmentations", 21) == 0 ||
	    strncmp(name, "pred", 4) == 0 || strstr(name, "_segmentations") != NULL)
		return CX_DS_PRED_SEG;
	return -1;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Sorted entry names of a folder (no dot files); NULL with err when
 * unreadable. Each name is preceded by its d_type (one byte, DT_UNKNOWN
 * where the file system does not say) and its d_ino (8 bytes): ENT_NAME. */
#define ENT_PRE		(1 + sizeof(uint64_t))
#define ENT_NAME(e)	((e) + ENT_PRE)

static uint64_t
ent_ino(const char *e)
{
	uint64_t ino;

	memcpy(&ino, e + 1, sizeof ino);
	return ino;
}

static int
cmp_ent(const void *a, const void *b)
{
	return strcmp(ENT_NAME(*(char *const *)a), ENT_NAME(*(char *const *)b));
}

static char **
list_dir(const char *dir, size_t *n, struct cx_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct strvec v = {0};

	*n = 0;
	if (d == NULL) {
		cx_err_file(err, dir);
		cx_err_set(err, "cannot read folder: %s", strerror(errno));
		return NULL;
	}
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			size_t len = strlen(e->d_name);
			char *p = cx_xmalloc(len + 1 + ENT_PRE);
			uint64_t ino = (uint64_t)e->d_ino;
			p[0] = (char)e->d_type;
			memcpy(p + 1, &ino, sizeof ino);
			memcpy(p + ENT_PRE, e->d_name, len + 1);
			sv_push(&v, p);
		}
	closedir(d);
	if (v.n > 1)
		qsort(v.v, v.n, sizeof *v.v, cmp_ent);
	*n = v.n;
	if (v.v == NULL)
		v.v = cx_xmalloc(sizeof *v.v);
	return v.v;
}

/* The entry is a folder / a regular file (through symlinks): from its
 * d_type when that says, else stat (a symlink, or an unknown type): most
 * entries of a dataset cost no stat call. */
static int
ent_is_dir(const char *ent, const char *path)
{
	return (unsigned char)ent[0] == DT_DIR ? 1 :
	    (unsigned char)ent[0] == DT_REG ? 0 : is_dir(path);
}

static int
ent_is_regular(const char *ent, const char *path)
{
	return (unsigned char)ent[0] == DT_REG ? 1 :
	    (unsigned char)ent[0] == DT_DIR ? 0 : is_regular(path);
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* A folder met as entry ent of a folder on device dev: visited before?
 * A plain folder (not a symlink) is known by its entry's inode without a
 * stat call (20 000 of them at 10 000 CXRs); a symlink or an entry of
 * unknown type is stat'ed. *sub: the device its own entries are on. */
static int
walk_first_visit_ent(struct walk *w, const char *path, const char *ent, dev_t dev, dev_t *sub)
{
	struct stat st;

	if ((unsigned char)ent[0] == DT_DIR && ent_ino(ent) != 0) {
		*sub = dev;
		return walk_mark(w, dev, (ino_t)ent_ino(ent));
	}
	if (stat(path, &st) == -1)
		return 0;
	*sub = st.st_dev;
	return walk_mark(w, st.st_dev, st.st_ino);
}

/* patientN/studyK/view* images below the patient folder pdir, whose
 * entries are on device pdev. */
static void
walk_patient(struct walk *w, const char *pdir, dev_t pdev)
{
	char **studies, **views;
	size_t ns, nv;
	struct cx_err e = {0};
	dev_t sdev;

	if ((studies = list_dir(pdir, &ns, &e)) == NULL)
		return;
	for (size_t i = 0; i < ns; i++) {
		char *sdir;
		if (strncmp(ENT_NAME(studies[i]), "study", 5) != 0)
			continue;
		sdir = cx_path_join(pdir, ENT_NAME(studies[i]));
		if (walk_first_visit_ent(w, sdir, studies[i], pdev, &sdev) &&
		    (views = list_dir(sdir, &nv, &e)) != NULL) {
			for (size_t j = 0; j < nv; j++) {
				char *vp;
				if (!is_image_name(ENT_NAME(views[j])))
					continue;
				vp = cx_path_join(sdir, ENT_NAME(views[j]));
				if (ent_is_regular(views[j], vp))
					sv_push(&w->images, vp);
				else
					free(vp);
			}
			free_list(views, nv);
		}
		free(sdir);
	}
	free_list(studies, ns);
}

/* A patient folder met as entry pent of a folder on device dev: marked
 * seen now (as it would be if listed now), listed later, in this order. */
static void
walk_patient_later(struct walk *w, const char *pdir, const char *pent, dev_t dev)
{
	dev_t pdev;

	if (!walk_first_visit_ent(w, pdir, pent, dev, &pdev))
		return;
	w->pend = cx_xreallocarray(w->pend, w->npend + 1, sizeof *w->pend);
	w->pend[w->npend].path = cx_xstrdup(pdir);
	w->pend[w->npend++].dev = pdev;
}

/* List the pending patient folders (20 000 folders at 10 000 CXRs: about a
 * third of the open). Only study folders are marked here; a study folder
 * reached also from outside its patient folder (a symlink to it) could be
 * taken by the walk first, where listing at once would have taken it here. */
static void *
walk_pending(void *arg)
{
	struct walk *w = arg;

	for (size_t i = 0; i < w->npend; i++) {
		walk_patient(w, w->pend[i].path, w->pend[i].dev);
		free(w->pend[i].path);
	}
	free(w->pend);
	w->pend = NULL;
	w->npend = 0;
	return NULL;
}

static void
walk_dir(struct walk *w, const char *dir, int depth, const int *skip)
{
	char **names;
	size_t n, nheat = 0;
	struct cx_err e = {0};
	struct heatdir *hd = NULL;

	struct stat st;

	/* the folder's device: its plain subfolders are on it */
	if (stat(dir, &st) == -1 || !walk_mark(w, st.st_dev, st.st_ino) ||
	    (names = list_dir(dir, &n, &e)) == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		if (is_heatmap_name(ENT_NAME(names[i])))
			nheat++;
	if (nheat > 0 && !skip[CX_DS_HEATMAPS]) {
		w->heat = cx_xreallocarray(w->heat, w->nheat + 1, sizeof *w->heat);
		hd = &w->heat[w->nheat++];
		memset(hd, 0, sizeof *hd);
		hd->path = cx_xstrdup(dir);
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = ENT_NAME(names[i]);
		char *p = cx_path_join(dir, name);
		int role;
		if (ent_is_dir(names[i], p)) {
			if (strncmp(name, "patient", 7) == 0) {
				if (!skip[CX_DS_NROLES])
					walk_patient_later(w, p, names[i], st.st_dev);
			} else if (depth == 0 && strcmp(name, "methods") == 0) {
				/* DIR/methods/NAME/: more methods to compare, each
				 * read by the explorer on its own, not the dataset's
				 * predictions or heatmaps. */
			} else if (depth < WALK_DEPTH)
				walk_dir(w, p, depth + 1, skip);
			free(p);
			continue;
		}
		if (hd != NULL && is_heatmap_name(name)) {
			sv_push(&hd->files, cx_xstrdup(name));
			free(p);
			continue;
		}
		role = cx_dataset_classify(name);
		if (role >= 0 && !skip[role] && ent_is_regular(names[i], p))
			sv_push(&w->found[role], p);
		else
			free(p);
	}
	free_list(names, n);
}

/* "<id>_<Pathology>_map.<ext>": id and task, or -1, or
 * CX_HEATMAP_LUNG_OPACITY (the heatmap module's rule). */
static int
heat_name(const char *name, char **id)
{
	struct cx_heatmap_name nm;
	const char *slash = strrchr(name, '/');
	int rc;

	if ((rc = cx_heatmap_parse_name(slash ? slash + 1 : name, &nm)) < 0)
		return rc;
	*id = nm.id;
	return nm.task;
}

/* Top-level keys of a checked JSON object (buf is freed), scanned
 * without building a tree. */
static int
json_keys_scan(char *buf, size_t len, struct strvec *keys, struct cx_err *err)
{
	size_t i = 0;
	int depth;
	char where[32];

#define WS() while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')) i++
#define FAIL(msg) do { snprintf(where, sizeof where, "byte %zu", i); free(buf); \
	return cx_err_at(err, where, "%s", msg); } while (0)
	WS();
	if (i >= len || buf[i] != '{')
		FAIL("want a JSON object of image ids");
	i++;
	WS();
	if (i < len && buf[i] == '}') {
		free(buf);
		return 0;
	}
	for (;;) {
		size_t k0;
		char *key;
		WS();
		if (i >= len || buf[i] != '"')
			FAIL("want an image id string");
		k0 = ++i;
		while (i < len && buf[i] != '"') {
			if (buf[i] == '\\')
				i++;
			i++;
		}
		if (i >= len)
			FAIL("unterminated string");
		key = cx_xmalloc(i - k0 + 1);
		memcpy(key, buf + k0, i - k0);
		key[i - k0] = '\0';
		/* ids from files may become paths and reach the terminal */
		if (cx_imgid_check(key) != NULL) {
			const char *why = cx_imgid_check(key);
			free(key);
			i = k0;
			FAIL(why);
		}
		sv_push(keys, key);
		i++;
		WS();
		if (i >= len || buf[i] != ':')
			FAIL("want ':'");
		i++;
		/* skip one value */
		depth = 0;
		WS();
		do {
			if (i >= len)
				FAIL("unexpected end of file");
			if (buf[i] == '"') {
				for (i++; i < len && buf[i] != '"'; i++)
					if (buf[i] == '\\')
						i++;
				if (i >= len)
					FAIL("unterminated string");
			} else if (buf[i] == '{' || buf[i] == '[')
				depth++;
			else if (buf[i] == '}' || buf[i] == ']') {
				if (--depth < 0)
					FAIL("unbalanced brackets");
			} else if (depth == 0) {
				/* scalar: up to the next delimiter */
				while (i + 1 < len && buf[i + 1] != ',' && buf[i + 1] != '}' &&
				    buf[i + 1] != ' ' && buf[i + 1] != '\n' && buf[i + 1] != '\r' &&
				    buf[i + 1] != '\t')
					i++;
			}
			i++;
		} while (depth > 0);
		WS();
		if (i < len && buf[i] == ',') {
			i++;
			continue;
		}
		if (i < len && buf[i] == '}')
			break;
		FAIL("want ',' or '}'");
	}
	i++;
	WS();
	if (i != len)
		FAIL("trailing data after the JSON object");
#undef WS
#undef FAIL
	free(buf);
	return 0;
}

/* The ids met while checking, in file order; after an id that is not
 * acceptable, nothing more (the first is the error). */
struct keyscan {
	const char	*buf;
	struct strvec	*keys;
	const char	*why;
	size_t		 at;
};

static void
key_seen(void *ctx, size_t off, size_t len)
{
	struct keyscan *k = ctx;
	char *key;

	if (k->why)
		return;
	key = cx_xmalloc(len + 1);
	memcpy(key, k->buf + off, len);
	key[len] = '\0';
	/* ids from files may become paths and reach the terminal */
	if ((k->why = cx_imgid_check(key)) != NULL) {
		k->at = off;
		free(key);
		return;
	}
	sv_push(k->keys, key);
}

/* Top-level keys of a JSON object, and its check, in one pass. */
static int
json_keys(const char *path, struct strvec *keys, struct cx_err *err)
{
	size_t len, i = 0;
	char *buf = cx_read_file(path, &len, CX_JSON_MAX, err), where[32];
	struct keyscan k = { buf, keys, NULL, 0 };
	int rc;

	if (buf == NULL)
		return -1;
	if ((rc = cx_json_check_keys(buf, len, path, key_seen, &k, err)) == -1) {
		free(buf);
		return -1;
	}
	if (rc == 1) {		/* nested too deep to be checked: scanned as it is */
		sv_free(keys);
		return json_keys_scan(buf, len, keys, err);
	}
	while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
		i++;
	rc = i < len && buf[i] == '{';
	free(buf);
	if (!rc) {
		snprintf(where, sizeof where, "byte %zu", i);
		return cx_err_at(err, where, "want a JSON object of image ids");
	}
	if (k.why) {
		snprintf(where, sizeof where, "byte %zu", k.at);
		return cx_err_at(err, where, "%s", k.why);
	}
	return 0;
}

static void
note(struct cx_dataset *ds, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
note(struct cx_dataset *ds, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ds->notes = cx_xreallocarray(ds->notes, ds->nnotes + 1, sizeof *ds->notes);
	ds->notes[ds->nnotes++] = cx_xstrdup(buf);
}

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s && s[1] ? s + 1 : p;
}

/* A file entry (there is room: nfile < CX_DS_MAXFILES). */
static struct cx_ds_file *
add_file_quiet(struct cx_dataset *ds, enum cx_ds_role role, const char *path)
{
	struct cx_ds_file *f = &ds->file[ds->nfile++];

	memset(f, 0, sizeof *f);
	f->role = role;
	f->path = cx_xstrdup(path);
	f->name = cx_xstrdup(base_name(path));
	return f;
}

static struct cx_ds_file *
add_file(struct cx_dataset *ds, enum cx_ds_role role, const char *path)
{
	if (ds->nfile == CX_DS_MAXFILES) {
		note(ds, "%s: ignored, more than %d dataset files", path, CX_DS_MAXFILES);
		return NULL;
	}
	return add_file_quiet(ds, role, path);
}

/* Ids a file holds (sorted, owned by the caller's vector). */
static void
file_ids(const struct cx_ds_file *f, struct strvec *ids)
{
	if (f->role == CX_DS_LABELS)
		for (size_t i = 0; i < f->labels.n; i++)
			sv_push(ids, cx_xstrdup(f->labels.r[i].id));
	else
		for (size_t i = 0; i < f->seg.n; i++)
			sv_push(ids, cx_xstrdup(f->seg.e[i].id));
}

static void
split_id(struct cx_ds_cxr *c)
{
	/* patientN_studyK_view...: the first two '_' fields */
	const char *a = strchr(c->id, '_'), *b = a ? strchr(a + 1, '_') : NULL;

	if (a == NULL || b == NULL) {
		c->patient = cx_xstrdup(c->id);
		c->study = cx_xstrdup("");
		c->view = cx_xstrdup("");
		return;
	}
	c->patient = cx_xmalloc((size_t)(a - c->id) + 1);
	memcpy(c->patient, c->id, (size_t)(a - c->id));
	c->patient[a - c->id] = '\0';
	c->study = cx_xmalloc((size_t)(b - a));
	memcpy(c->study, a + 1, (size_t)(b - a - 1));
	c->study[b - a - 1] = '\0';
	c->view = cx_xstrdup(b + 1);
}

/* Masks from the annotation file of role ann, as a file entry of role seg
 * (only when no readable seg file exists). */
static void
rasterize(struct cx_dataset *ds, struct strvec *keys, enum cx_ds_role ann, enum cx_ds_role seg)
{
	struct cx_annfile af;
	struct cx_ds_file *f;
	int a = cx_dataset_role(ds, ann);
	char *path;

	if (a < 0 || cx_dataset_role(ds, seg) >= 0)
		return;
	path = cx_xstrdup(ds->file[a].path);
	if ((f = add_file(ds, seg, path)) == NULL) {
		free(path);
		return;
	}
	free(path);
	if (cx_annfile_load(&af, f->path, &f->err) == -1) {
		char buf[1200];
		f->failed = 1;
		note(ds, "%s", cx_err_format(&f->err, buf, sizeof buf));
		return;
	}
	cx_annfile_rasterize(&af, &f->seg);
	for (size_t i = 0; i < f->seg.n; i++)
		sv_push(&keys[ds->nfile - 1], cx_xstrdup(f->seg.e[i].id));
	f->rasterized = 1;
	f->nids = af.n;
	cx_annfile_fini(&af);
}

int
cx_dataset_check_files(struct cx_dataset *ds)
{
	int nfailed = 0;

	for (size_t i = 0; i < ds->nfile; i++) {
		struct cx_ds_file *f = &ds->file[i];
		if (!f->failed && (f->role == CX_DS_GT_ANN || f->role == CX_DS_HB_ANN)) {
			struct cx_annfile af;
			if (cx_annfile_load(&af, f->path, &f->err) == -1)
				f->failed = 1;
			else
				cx_annfile_fini(&af);
		} else if (!f->failed && f->role == CX_DS_HB_PTS) {
			struct cx_ptfile pf;
			if (cx_points_load(&pf, f->path, &f->err) == -1)
				f->failed = 1;
			else
				cx_points_fini(&pf);
		}
		nfailed += f->failed;
	}
	return nfailed;
}

/* What cx_dataset_open keeps between its phases; all of it is freed by
 * open_fini, whatever phase stopped. Indexed by file (ds->file[f]):
 * keys[f] the sorted ids of the file, and for a heatmap folder hdof[f] its
 * walk entry and, per listed file, heatid[f][i] (NULL when the name is not
 * <id>_<Pathology>_map.*) and heattask[f][i]. */
struct opening {
	struct walk	 w;
	int		 skip[CX_DS_NROLES + 1];	/* roles (and images) not walked for */
	struct strvec	 keys[CX_DS_MAXFILES];
	char		**heatid[CX_DS_MAXFILES];
	int		*heattask[CX_DS_MAXFILES];
	struct heatdir	*hdof[CX_DS_MAXFILES];
};

static void
open_fini(struct opening *o)
{
	for (size_t f = 0; f < CX_DS_MAXFILES; f++) {
		sv_free(&o->keys[f]);
		if (o->heatid[f]) {
			for (size_t i = 0; o->hdof[f] && i < o->hdof[f]->files.n; i++)
				free(o->heatid[f][i]);
			free(o->heatid[f]);
		}
		free(o->heattask[f]);
	}
	sv_free(&o->w.images);
	for (int r = 0; r < CX_DS_NROLES; r++)
		sv_free(&o->w.found[r]);
	for (size_t h = 0; h < o->w.nheat; h++) {
		free(o->w.heat[h].path);
		sv_free(&o->w.heat[h].files);
	}
	free(o->w.heat);
	free(o->w.seen);
}

/* Drop the repeats of a sorted vector. */
static void
sv_unique(struct strvec *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (n > 0 && strcmp(s->v[n - 1], s->v[i]) == 0) {
			free(s->v[i]);
			continue;
		}
		s->v[n++] = s->v[i];
	}
	s->n = n;
}

/* Explicit paths: each must exist, and its role is not looked for. */
static int
take_explicit(struct opening *o, const struct cx_dataset_opts *opts, struct cx_err *err)
{
	for (int r = 0; opts && r < CX_DS_NROLES; r++) {
		struct stat st;
		if (opts->path[r] == NULL)
			continue;
		o->skip[r] = 1;
		if (stat(opts->path[r], &st) == -1) {
			cx_err_file(err, opts->path[r]);
			return cx_err_set(err, "cannot open: %s", strerror(errno));
		}
		if (r == CX_DS_HEATMAPS) {
			o->w.heat = cx_xreallocarray(o->w.heat, o->w.nheat + 1, sizeof *o->w.heat);
			memset(&o->w.heat[o->w.nheat], 0, sizeof *o->w.heat);
			o->w.heat[o->w.nheat++].path = cx_xstrdup(opts->path[r]);
		} else
			sv_push(&o->w.found[r], cx_xstrdup(opts->path[r]));
	}
	return 0;
}

/* The pathologies of a heatmap folder's files, as a bit set. */
static unsigned
heat_tasks(const struct heatdir *hd)
{
	unsigned m = 0;

	for (size_t i = 0; i < hd->files.n; i++) {
		struct cx_heatmap_name nm;
		const char *base = strrchr(hd->files.v[i], '/');
		if (cx_heatmap_parse_name(base ? base + 1 : hd->files.v[i], &nm) == 0) {
			m |= 1u << nm.task;
			free(nm.id);
		}
	}
	return m;
}

/* Length of the parent part of path ("a/b/c" -> 3), 0 when none. */
static size_t
parent_len(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? (size_t)(s - path) : 0;
}

/* Heatmaps spread over sibling folders, one set of pathologies each
 * (maps/Edema/, maps/Cardiomegaly/, ...; maps/ itself may hold some too):
 * one heatmap folder, the parent, its files named relative to it, the files
 * segment --maps reads there. Siblings that share a pathology stay apart
 * (two methods' folders side by side). */
static void
merge_heat_siblings(struct walk *w)
{
	for (size_t a = 0; a < w->nheat; a++) {
		struct heatdir *ha = &w->heat[a], m = {0};
		size_t pl = parent_len(ha->path), nmem = 0;
		unsigned seen = 0;
		int clash = 0;
		if (ha->files.n == 0 || pl == 0)
			continue;
		/* members: ha's siblings and their parent, when it has heatmaps */
		for (size_t b = 0; b < w->nheat; b++) {
			struct heatdir *hb = &w->heat[b];
			int sib = parent_len(hb->path) == pl && strncmp(hb->path, ha->path, pl) == 0;
			int par = strlen(hb->path) == pl && strncmp(hb->path, ha->path, pl) == 0;
			unsigned t;
			if (hb->files.n == 0 || !(sib || par))
				continue;
			t = heat_tasks(hb);
			clash |= (seen & t) != 0;
			seen |= t;
			nmem++;
		}
		if (nmem < 2 || clash)
			continue;
		m.path = cx_xmalloc(pl + 1);
		memcpy(m.path, ha->path, pl);
		m.path[pl] = '\0';
		for (size_t b = 0; b < w->nheat; b++) {
			struct heatdir *hb = &w->heat[b];
			int sib = parent_len(hb->path) == pl && strncmp(hb->path, m.path, pl) == 0;
			int par = strlen(hb->path) == pl && strncmp(hb->path, m.path, pl) == 0;
			if (hb->files.n == 0 || !(sib || par))
				continue;
			for (size_t i = 0; i < hb->files.n; i++)
				sv_push(&m.files, par ? cx_xstrdup(hb->files.v[i]) :
				    cx_path_join(hb->path + pl + 1, hb->files.v[i]));
			sv_free(&hb->files);
			free(hb->path);
			hb->path = NULL;
		}
		sort_strs(m.files.v, m.files.n);
		/* the merged folder takes the first member's place */
		for (size_t b = 0, k = 0; b < w->nheat; b++) {
			if (w->heat[b].path == NULL) {
				if (k++ == 0)
					w->heat[b] = m;
				else
					w->heat[b].path = NULL;
			}
		}
		{
			size_t k = 0;
			for (size_t b = 0; b < w->nheat; b++)
				if (w->heat[b].path != NULL)
					w->heat[k++] = w->heat[b];
			w->nheat = k;
		}
		a = (size_t)-1;	/* again, from the start: the parent may merge on */
	}
}

/* The walk: the images folder (images only), then dir for every role not
 * given explicitly. */
static void
walk_folders(struct opening *o, const char *dir, const struct cx_dataset_opts *opts)
{
	if (opts && opts->images) {
		int only_images[CX_DS_NROLES + 1];
		for (int r = 0; r < CX_DS_NROLES; r++)
			only_images[r] = 1;
		only_images[CX_DS_NROLES] = 0;
		walk_dir(&o->w, opts->images, 0, only_images);
		walk_pending(&o->w);	/* before the second walk forgets the folders */
		o->skip[CX_DS_NROLES] = 1;
		/* a second walk, for the other roles */
		o->w.nseen = 0;
		if (o->w.seen != NULL)
			memset(o->w.seen, 0, o->w.seencap * sizeof *o->w.seen);
	}
	walk_dir(&o->w, dir, 0, o->skip);
	merge_heat_siblings(&o->w);
}

/* The explicit heatmap folder (the walk skipped it): listed recursively, as
 * the commands list it, its names relative to the folder. */
static int
list_explicit_heat(struct opening *o, const struct cx_dataset_opts *opts, struct cx_err *err)
{
	for (size_t h = 0; h < o->w.nheat; h++) {
		struct heatdir *hd = &o->w.heat[h];
		struct cx_heatmap_list hl;
		size_t pl = strlen(hd->path);
		if (hd->files.n != 0 || !opts || !opts->path[CX_DS_HEATMAPS] ||
		    strcmp(hd->path, opts->path[CX_DS_HEATMAPS]) != 0)
			continue;
		if (cx_heatmap_list_dir(&hl, hd->path, err) == -1)
			return -1;
		for (size_t i = 0; i < hl.n; i++) {
			const char *rel = hl.path[i];
			if (strncmp(rel, hd->path, pl) == 0)
				for (rel += pl; *rel == '/'; rel++)
					;
			sv_push(&hd->files, cx_xstrdup(rel));
		}
		cx_heatmap_list_fini(&hl);
	}
	return 0;
}

/* One file read: label CSVs and segmentation files in full, the others
 * for their top-level keys (any thread: it writes only f and keys). */
struct readjob {
	struct cx_dataset		*ds;
	struct opening			*o;
	const struct cx_dataset_opts	*opts;
	size_t				 first;	/* ds->file index of the first file read */
};

static int
read_one(size_t k, void *ctx)
{
	struct readjob *j = ctx;
	size_t fi = j->first + k;
	struct cx_ds_file *f = &j->ds->file[fi];
	struct strvec *keys = &j->o->keys[fi];
	int rc;

	switch (f->role) {
	case CX_DS_LABELS:
		rc = cx_labels_load(&f->labels, f->path, &f->err);
		break;
	case CX_DS_GT_SEG: case CX_DS_HB_SEG: case CX_DS_PRED_SEG:
		rc = j->opts && j->opts->lazy_masks ? cx_segscan_load(&f->seg, f->path, &f->err)
		    : cx_segfile_load(&f->seg, f->path, &f->err);
		break;
	default:
		cx_err_file(&f->err, f->path);
		rc = json_keys(f->path, keys, &f->err);
		break;
	}
	if (rc == -1) {
		f->failed = 1;
		sv_free(keys);
		return -1;
	}
	if (f->role == CX_DS_LABELS || f->role == CX_DS_GT_SEG || f->role == CX_DS_HB_SEG ||
	    f->role == CX_DS_PRED_SEG)
		file_ids(f, keys);
	sort_strs(keys->v, keys->n);
	f->nids = keys->n;
	return 0;
}

/* Read every file found, role by role in name order (the reading itself on
 * a few threads: the files do not depend on each other). A discovered file
 * that fails is kept as failed with a note; an explicit one that fails is
 * the error (the first in that order). */
static int
read_files(struct cx_dataset *ds, struct opening *o, const struct cx_dataset_opts *opts,
    struct cx_err *err)
{
	struct readjob j = { ds, o, opts, ds->nfile };
	size_t n;
	int nthreads = cx_pool_cores() < 4 ? cx_pool_cores() : 4;

	for (int r = 0; r < CX_DS_NROLES; r++) {
		sort_strs(o->w.found[r].v, o->w.found[r].n);
		for (size_t i = 0; i < o->w.found[r].n && ds->nfile < CX_DS_MAXFILES; i++)
			add_file_quiet(ds, (enum cx_ds_role)r, o->w.found[r].v[i]);
	}
	n = ds->nfile - j.first;
	cx_pool_run(n, nthreads, read_one, &j, NULL, NULL);
	/* the notes in the order of the files, as one file after another */
	for (int r = 0, fi = (int)j.first; r < CX_DS_NROLES; r++)
		for (size_t i = 0; i < o->w.found[r].n; i++) {
			struct cx_ds_file *f;
			char buf[1200];
			if ((size_t)fi >= ds->nfile) {
				note(ds, "%s: ignored, more than %d dataset files", o->w.found[r].v[i],
				    CX_DS_MAXFILES);
				continue;
			}
			f = &ds->file[fi++];
			if (!f->failed)
				continue;
			if (opts && opts->path[f->role]) {
				*err = f->err;
				return -1;
			}
			note(ds, "%s", cx_err_format(&f->err, buf, sizeof buf));
		}
	return 0;
}

/* Each heatmap folder becomes a file entry; its ids come from the file
 * names (a note counts the names that are not heatmap names). */
static void
add_heat_dirs(struct cx_dataset *ds, struct opening *o)
{
	for (size_t h = 0; h < o->w.nheat; h++) {
		struct heatdir *hd = &o->w.heat[h];
		struct cx_ds_file *f = add_file(ds, CX_DS_HEATMAPS, hd->path);
		size_t fi, nlungop = 0;
		if (f == NULL)
			continue;
		fi = ds->nfile - 1;
		o->hdof[fi] = hd;
		o->heatid[fi] = cx_xcalloc(hd->files.n + 1, sizeof(char *));
		o->heattask[fi] = cx_xcalloc(hd->files.n + 1, sizeof(int));
		for (size_t i = 0; i < hd->files.n; i++) {
			char *id;
			int t = heat_name(hd->files.v[i], &id);
			o->heattask[fi][i] = t;
			nlungop += t == CX_HEATMAP_LUNG_OPACITY;
			if (t < 0)
				continue;
			o->heatid[fi][i] = id;
			sv_push(&o->keys[fi], cx_xstrdup(id));
			f->nitems++;
		}
		sort_strs(o->keys[fi].v, o->keys[fi].n);
		sv_unique(&o->keys[fi]);
		f->nids = o->keys[fi].n;
		if (nlungop)
			note(ds, "%s: " CX_HEATMAP_LUNG_OPACITY_NOTE, f->name, nlungop);
		if (f->nitems + nlungop < hd->files.n)
			note(ds, "%s: %zu file(s) not named <id>_<Pathology>_map.*", f->name,
			    hd->files.n - f->nitems - nlungop);
	}
}

/* The CXRs: every id of an image or of any file, sorted, once each; then
 * each image on its CXR (the first one found wins, a note for the others). */
static void
make_cxrs(struct cx_dataset *ds, struct opening *o)
{
	struct strvec all = {0}, imgid = {0};

	for (size_t i = 0; i < o->w.images.n; i++) {
		char *id = cx_labels_path_id(o->w.images.v[i]);
		sv_push(&imgid, id ? id : cx_xstrdup(""));
		if (id)
			sv_push(&all, cx_xstrdup(id));
	}
	for (size_t f = 0; f < ds->nfile; f++)
		for (size_t i = 0; i < o->keys[f].n; i++)
			sv_push(&all, cx_xstrdup(o->keys[f].v[i]));
	sort_strs(all.v, all.n);
	sv_unique(&all);
	ds->n = all.n;
	ds->cxr = cx_xcalloc(ds->n ? ds->n : 1, sizeof *ds->cxr);
	for (size_t i = 0; i < ds->n; i++) {
		ds->cxr[i].id = all.v[i];
		all.v[i] = NULL;
		split_id(&ds->cxr[i]);
	}
	for (size_t i = 0; i < o->w.images.n; i++) {
		long k = imgid.v[i][0] ? cx_dataset_find(ds, imgid.v[i]) : -1;
		if (k < 0)
			continue;
		if (ds->cxr[k].image != NULL) {
			note(ds, "%s: a second image of %s (kept %s)", o->w.images.v[i],
			    ds->cxr[k].id, ds->cxr[k].image);
			continue;
		}
		ds->cxr[k].image = o->w.images.v[i];
		o->w.images.v[i] = NULL;
	}
	sv_free(&all);
	sv_free(&imgid);
}

/* Join the files to the CXRs: the bit of each file holding an id, the
 * first label row of each CXR, and each heatmap folder's path per CXR and
 * pathology (the first file of a pair wins). */
static void
join_files(struct cx_dataset *ds, struct opening *o)
{
	for (size_t f = 0; f < ds->nfile; f++) {
		struct cx_ds_file *df = &ds->file[f];
		for (size_t i = 0; i < o->keys[f].n; i++) {
			long k = cx_dataset_find(ds, o->keys[f].v[i]);
			if (k >= 0)
				ds->cxr[k].in |= 1ull << f;
		}
		if (df->role == CX_DS_LABELS && !df->failed)
			for (size_t i = 0; i < df->labels.n; i++) {
				long k = cx_dataset_find(ds, df->labels.r[i].id);
				if (k >= 0 && ds->cxr[k].labels == NULL)
					ds->cxr[k].labels = &df->labels.r[i];
			}
		if (df->role == CX_DS_HEATMAPS) {
			struct heatdir *hd = o->hdof[f];
			df->heat = cx_xcalloc(ds->n * CX_NTASKS + 1, sizeof(char *));
			for (size_t i = 0; hd && i < hd->files.n; i++) {
				size_t slot;
				long k;
				if (o->heatid[f][i] == NULL)
					continue;
				k = cx_dataset_find(ds, o->heatid[f][i]);
				if (k < 0)
					continue;
				slot = (size_t)k * CX_NTASKS + (size_t)o->heattask[f][i];
				if (df->heat[slot] == NULL)
					df->heat[slot] = cx_path_join(hd->path, hd->files.v[i]);
			}
		}
	}
}

static void
count_patients(struct cx_dataset *ds)
{
	struct strvec p = {0};

	for (size_t i = 0; i < ds->n; i++)
		sv_push(&p, ds->cxr[i].patient);
	sort_strs(p.v, p.n);
	for (size_t i = 0; i < p.n; i++)
		if (i == 0 || strcmp(p.v[i - 1], p.v[i]) != 0)
			ds->npatients++;
	free(p.v);
}

/* Notes on what is missing: images, labels, ground truth, predictions, and
 * the GT CXRs each prediction file lacks. */
static void
note_missing(struct cx_dataset *ds, const struct opening *o, const struct cx_dataset_opts *opts)
{
	size_t noimg = 0, nolab = 0;
	int gt = cx_dataset_role(ds, CX_DS_GT_SEG);
	const char *first = NULL;

	if (o->w.images.n == 0 && !(opts && opts->images))
		note(ds, "no CXR images (patient*/study*/view*.jpg) found");
	for (size_t i = 0; i < ds->n; i++) {
		if (ds->cxr[i].image == NULL && o->w.images.n > 0) {
			if (noimg++ == 0)
				first = ds->cxr[i].id;
		}
		if (ds->cxr[i].labels == NULL)
			nolab++;
	}
	if (noimg)
		note(ds, "%zu CXR(s) have no image (first: %s)", noimg, first);
	if (cx_dataset_role(ds, CX_DS_LABELS) < 0)
		note(ds, "no label CSV (valid.csv, val_labels.csv, test_labels.csv)");
	else if (nolab)
		note(ds, "%zu CXR(s) are not in the label CSV", nolab);
	if (gt < 0 && cx_dataset_role(ds, CX_DS_GT_ANN) < 0)
		note(ds, "no ground truth (gt_segmentations_*.json or gt_annotations_*.json)");
	else if (gt < 0)
		note(ds, "no gt_segmentations_*.json: GT masks come from rasterizing the annotations");
	else if (ds->file[gt].rasterized)
		note(ds, "no gt_segmentations_*.json: GT masks rasterized from %s",
		    base_name(ds->file[gt].path));
	if (cx_dataset_role(ds, CX_DS_HEATMAPS) < 0 && cx_dataset_role(ds, CX_DS_PRED_SEG) < 0)
		note(ds, "no predictions (heatmap folder of *_map.pkl or a saliency segmentation JSON)");
	if (gt < 0)
		return;
	for (size_t f = 0; f < ds->nfile; f++) {
		size_t miss = 0;
		const char *m1 = NULL;
		if (ds->file[f].failed || (ds->file[f].role != CX_DS_HEATMAPS &&
		    ds->file[f].role != CX_DS_PRED_SEG))
			continue;
		for (size_t i = 0; i < ds->n; i++)
			if ((ds->cxr[i].in >> gt & 1) && !(ds->cxr[i].in >> f & 1) && miss++ == 0)
				m1 = ds->cxr[i].id;
		if (miss)
			note(ds, "%s: %zu GT CXR(s) missing (first: %s)", ds->file[f].name, miss, m1);
	}
}

int
cx_dataset_open(struct cx_dataset *ds, const char *dir, const struct cx_dataset_opts *opts,
    struct cx_err *err)
{
	struct opening o;
	pthread_t lister;
	int listing, rc;

	memset(ds, 0, sizeof *ds);
	memset(&o, 0, sizeof o);
	ds->dir = cx_xstrdup(dir);
	if (!is_dir(dir)) {
		cx_err_file(err, dir);
		cx_dataset_fini(ds);
		return cx_err_set(err, "not a folder");
	}
	if (take_explicit(&o, opts, err) == -1)
		goto fail;
	walk_folders(&o, dir, opts);
	/* the patient folders listed while the files are read: the two do
	 * not touch each other's data (o.w's images and seen set there, the
	 * file entries here) */
	listing = pthread_create(&lister, NULL, walk_pending, &o.w) == 0;
	if (!listing)
		walk_pending(&o.w);
	rc = list_explicit_heat(&o, opts, err) == -1 || read_files(ds, &o, opts, err) == -1;
	if (listing)
		pthread_join(lister, NULL);
	if (rc)
		goto fail;
	if (opts && opts->rasterize) {
		rasterize(ds, o.keys, CX_DS_GT_ANN, CX_DS_GT_SEG);
		rasterize(ds, o.keys, CX_DS_HB_ANN, CX_DS_HB_SEG);
	}
	add_heat_dirs(ds, &o);
	make_cxrs(ds, &o);
	join_files(ds, &o);
	count_patients(ds);
	note_missing(ds, &o, opts);
	open_fini(&o);
	return 0;
fail:
	cx_dataset_fini(ds);
	open_fini(&o);
	return -1;
}

void
cx_dataset_fini(struct cx_dataset *ds)
{
	if (ds == NULL)
		return;
	for (size_t f = 0; f < ds->nfile; f++) {
		struct cx_ds_file *df = &ds->file[f];
		free(df->path);
		free(df->name);
		cx_segfile_fini(&df->seg);
		cx_labels_fini(&df->labels);
		if (df->heat) {
			for (size_t i = 0; i < ds->n * CX_NTASKS; i++)
				free(df->heat[i]);
			free(df->heat);
		}
	}
	for (size_t i = 0; i < ds->n; i++) {
		free(ds->cxr[i].id);
		free(ds->cxr[i].patient);
		free(ds->cxr[i].study);
		free(ds->cxr[i].view);
		free(ds->cxr[i].image);
	}
	free(ds->cxr);
	for (size_t i = 0; i < ds->nnotes; i++)
		free(ds->notes[i]);
	free(ds->notes);
	free(ds->dir);
	memset(ds, 0, sizeof *ds);
}

long
cx_dataset_find(const struct cx_dataset *ds, const char *id)
{
	return cx_imgid_index(ds->cxr, ds->n, sizeof *ds->cxr, id);
}

int
cx_dataset_role(const struct cx_dataset *ds, enum cx_ds_role role)
{
	for (size_t f = 0; f < ds->nfile; f++)
		if (ds->file[f].role == role && !ds->file[f].failed)
			return (int)f;
	return -1;
}

const char *
cx_dataset_heatmap(const struct cx_dataset *ds, int f, size_t i, int task)
{
	if (f < 0 || (size_t)f >= ds->nfile || ds->file[f].heat == NULL || i >= ds->n ||
	    task < 0 || task >= CX_NTASKS)
		return NULL;
	return ds->file[f].heat[i * CX_NTASKS + (size_t)task];
}

const char *
cx_dataset_role_name(enum cx_ds_role role)
{
	static const char *const names[CX_DS_NROLES] = {
		"labels", "GT segmentations", "GT annotations", "HB segmentations",
		"HB annotations", "HB salient points", "predicted segmentations", "heatmaps",
	};

	return (unsigned)role < CX_DS_NROLES ? names[role] : "?";
}
