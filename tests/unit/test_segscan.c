/* test_segscan: the lazy reading of segmentation files gives what the full
 * parser gives — the same entries and masks, or the same error line — on
 * hand-made shapes, on thousands of mutations of a file, and on the
 * reference files; the runs read from COCO strings (core/rlesrc) count the
 * same areas and intersections as decoded masks. */
#include <dirent.h>

#include "check.h"
#include "json.h"
#include "segjson.h"
#include "segscan.h"
#include "xalloc.h"

/* Both readers on buf: 0 when they agree (result and error alike). */
static int
same_reading(const char *buf, size_t len, int *lazy)
{
	struct cx_segfile a, b;
	struct cx_err ea = {0}, eb = {0};
	int ra = cx_segfile_parse(&a, buf, len, "f.json", &ea);
	int rb = cx_segscan_parse(&b, buf, len, "f.json", &eb);
	int bad = 0;

	if (lazy)
		*lazy = rb == 0 && b.lazy != NULL;
	if (ra != rb)
		bad = 1;
	else if (ra == -1) {
		char x[1200], y[1200];
		bad = strcmp(cx_err_format(&ea, x, sizeof x), cx_err_format(&eb, y, sizeof y)) != 0;
		if (bad)
			fprintf(stderr, "  error lines differ:\n  %s\n  %s\n", x, y);
	} else if (a.n != b.n)
		bad = 1;
	else
		for (size_t i = 0; i < a.n && !bad; i++) {
			const struct cx_segentry *p = &a.e[i], *q;
			bad |= strcmp(p->id, b.e[i].id) != 0 || p->h != b.e[i].h || p->w != b.e[i].w ||
			    memcmp(p->present, b.e[i].present, sizeof p->present) != 0;
			/* the numbers straight from the strings, before decoding */
			for (int t = 0; t < CX_NTASKS && !bad; t++) {
				struct cx_rlesrc s;
				cx_segscan_mask(&b, i, t, &s);
				bad |= s.area != cx_rle_area(&p->m[t]);
			}
			q = cx_segscan_at(&b, i);
			for (int t = 0; t < CX_NTASKS && !bad; t++)
				bad |= p->m[t].h != q->m[t].h || p->m[t].w != q->m[t].w ||
				    p->m[t].n != q->m[t].n || memcmp(p->m[t].counts, q->m[t].counts,
				    p->m[t].n * sizeof *p->m[t].counts) != 0;
		}
	if (ra == 0)
		cx_segfile_fini(&a);
	if (rb == 0)
		cx_segfile_fini(&b);
	return bad;
}

#define M1 "{\"size\": [4, 3], \"counts\": \"129\"}"
#define M0 "{\"size\": [4, 3], \"counts\": \"<\"}"

static const char *const shapes[] = {
	/* the usual shape: lazy */
	"{\"patient1_study1_view1_frontal\": {\"Edema\": " M1 ", \"Cardiomegaly\": " M0 "}}",
	"{}", " {\n} \n", "{\"patient1_study1_view1_frontal\": {}}",
	"{\"p2_s1_v1\": {\"Edema\": " M1 "}, \"p1_s1_v1\": {\"Lung Opacity\": " M1 "}}",
	"{\"p1\": {\"Edema\": {\"counts\": \"129\", \"size\": [4, 3]}}}",
	"{\"p1\": {\"Edema\": {\"size\": [0, 0], \"counts\": \"\"}}}",
	"{\"p1\":{\"Edema\":{\"size\":[4,3],\"counts\":\"129\"}}}\r\n\t",
	/* an escaped backslash (byte 92) in a COCO string */
	"{\"p1\": {\"Edema\": {\"size\": [100, 100], \"counts\": \"P1T3\\\\d9\"}}}",
	/* the full parser's business */
	"{\"p1\": {\"Edema\": {\"size\": [4.0, 3], \"counts\": \"12N1\"}}}",
	"{\"p1\": {\"Edema\": {\"size\": [4, 3], \"counts\": [1, 2, 9]}}}",
	"{\"p1\": {\"Edema\": {\"size\": [4, 3], \"counts\": \"12N1\", \"x\": 1}}}",
	"{\"p1\": {\"Edema\": " M1 "}, \"p1\": {\"Edema\": " M0 "}}",
	"{\"p1\": {\"Edema\": " M1 ", \"Edema\": " M0 "}}",
	"{\"p1\": {\"Airspace Opacity\": " M1 ", \"Lung Opacity\": " M0 "}}",
	"{\"p1\": {\"Edemas\": " M1 "}}",
	"{\"p1\": {\"Edema\": {\"size\": [4, 3], \"counts\": \"12N2\"}}}",
	"{\"p1\": {\"Edema\": {\"size\": [4, 3], \"counts\": \"12N\"}}}",
	"{\"p1\": {\"Edema\": {\"size\": [4, 3], \"counts\": \"12\\u004e1\"}}}",
	"{\"p1\": {\"Edema\": {\"size\": [4, 4], \"counts\": \"<\"}, \"Cardiomegaly\": " M0 "}}",
	"{\"p1\": {\"Edema\": {\"size\": [40000, 1], \"counts\": \"<\"}}}",
	"{\"p1\": {\"Edema\": {\"size\": [-4, 3], \"counts\": \"<\"}}}",
	"{\"p1\": {\"Edema\": {\"size\": [04, 3], \"counts\": \"<\"}}}",
	"{\"p1\": {\"Edema\": {\"size\": [4, 3, 1], \"counts\": \"<\"}}}",
	"{\"\\u0070\": {}}", "{\"p/1\": {}}", "{\".p\": {}}", "{\"\": {}}", "{\"p\x01\": {}}",
	"\xef\xbb\xbf{}", "{} x", "{}\0", "", "[]", "{\"p1\": []}", "{\"p1\": {\"Edema\": 1}}",
	"{\"p1\": {}", "{\"p1\" {}}", "{\"p1\": {},}", "{\"p1\": {}}\f",
};

static void
test_shapes(void)
{
	for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
		int lazy, bad = same_reading(shapes[k], strlen(shapes[k]) + (k == 31), &lazy);
		if (bad)
			fprintf(stderr, "  shape %zu: %s\n", k, shapes[k]);
		CHECK(!bad);
		/* the first nine take the lazy path */
		CHECK(lazy == (k < 9));
	}
}

/* Thousands of one-byte changes of a small file: deletions, insertions and
 * replacements by bytes that matter to JSON and to COCO strings. */
static void
test_mutations(void)
{
	static const char base[] = "{\"p1_s1_v1\": {\"Edema\": {\"size\": [50, 100], \"counts\": "
	    "\"`0<\\\\k4\"}, \"Atelectasis\": {\"size\": [50, 100], \"counts\": \"`0<\\\\k4\"}},\n"
	    " \"p0_s1_v1\": {\"Pneumothorax\": {\"counts\": \"129\", \"size\": [4, 3]}}}";
	static const char alphabet[] = "{}[]\":, \\0129Ne.-o\x7f\x1f";
	size_t n = strlen(base), nbad = 0, nlazy = 0, ntried = 0;
	char *buf = cx_xmalloc(n + 2);
	int lazy;

	CHECK(same_reading(base, n, &lazy) == 0 && lazy);
	for (size_t pos = 0; pos < n; pos++)
		for (size_t a = 0; a <= sizeof alphabet - 1; a++) {
			size_t len;
			if (a == sizeof alphabet - 1) {	/* delete */
				memcpy(buf, base, pos);
				memcpy(buf + pos, base + pos + 1, n - pos - 1);
				len = n - 1;
			} else if (pos & 1) {		/* replace */
				memcpy(buf, base, n);
				buf[pos] = alphabet[a];
				len = n;
			} else {			/* insert */
				memcpy(buf, base, pos);
				buf[pos] = alphabet[a];
				memcpy(buf + pos + 1, base + pos, n - pos);
				len = n + 1;
			}
			nbad += same_reading(buf, len, &lazy) != 0;
			nlazy += lazy;
			ntried++;
		}
	free(buf);
	CHECK(nbad == 0);
	/* many mutations keep the usual shape: the lazy path was exercised */
	CHECK(nlazy > 50 && nlazy < ntried);
}

/* The reference's files (real COCO strings, backslashes included). */
static void
test_reference_files(void)
{
	const char *files[] = { "sample-data/gt_segmentations_val.json",
	    "sample-data/gradcam_segmentations_val_sample.json" };
	int any = 0;

	for (int k = 0; k < 2; k++) {
		const char *p = check_shared(files[k]);
		struct cx_err err = {0};
		size_t len;
		char *buf;
		int lazy;
		if (p == NULL || (buf = cx_read_file(p, &len, 1u << 30, &err)) == NULL)
			continue;
		CHECK(same_reading(buf, len, &lazy) == 0);
		CHECK(lazy);
		free(buf);
		any = 1;
	}
	if (!any)
		SKIP("no reference sample data");
}

/* Random masks: areas and intersection / union from the strings equal
 * those of the decoded masks; a string that does not decode is refused by
 * both. */
static void
test_runs(void)
{
	uint32_t seed = 7;
	int bad = 0;

#define RND() (seed = seed * 1103515245u + 12345u, (seed >> 8) & 0xffff)
	for (int k = 0; k < 400 && !bad; k++) {
		uint32_t h = 1 + RND() % 40, w = 1 + RND() % 40;
		uint8_t *ma = cx_xcalloc((size_t)h * w, 1), *mb = cx_xcalloc((size_t)h * w, 1);
		struct cx_rle a, b, da, db;
		struct cx_rlesrc sa, sb, ca;
		struct cx_err err = {0};
		uint64_t i1, u1, i2, u2, i3, u3, area;
		char *stra, *strb;
		int density = RND() % 4;
		for (size_t p = 0; p < (size_t)h * w; p++) {
			ma[p] = density && RND() % 4 < (unsigned)density;
			mb[p] = (RND() % 3) == 0 || (p > 0 && ma[p - 1] && RND() % 2);
		}
		cx_rle_from_colmajor(&a, ma, h, w);
		cx_rle_from_colmajor(&b, mb, h, w);
		stra = cx_rle_to_string(&a);
		strb = cx_rle_to_string(&b);
		CHECK(cx_rle_from_string(&da, stra, h, w, "t", &err) == 0);
		CHECK(cx_rle_from_string(&db, strb, h, w, "t", &err) == 0);
		memset(&sa, 0, sizeof sa);
		sa.h = sb.h = h;
		sa.w = sb.w = w;
		sb = sa;
		sa.str = stra;
		sa.len = strlen(stra);
		sb.str = strb;
		sb.len = strlen(strb);
		bad |= cx_rlesrc_check(stra, sa.len, h, w, &area) != 0 || area != cx_rle_area(&a);
		cx_rle_inter_union(&a, &b, &i1, &u1);
		cx_rlesrc_inter_union(&sa, &sb, &i2, &u2);
		cx_rlesrc_of_rle(&ca, &a);	/* decoded against a string */
		cx_rlesrc_inter_union(&ca, &sb, &i3, &u3);
		bad |= i1 != i2 || u1 != u2 || i1 != i3 || u1 != u3;
		/* against the all-zero mask */
		memset(&ca, 0, sizeof ca);
		ca.h = h;
		ca.w = w;
		cx_rlesrc_inter_union(&sa, &ca, &i2, &u2);
		bad |= i2 != 0 || u2 != cx_rle_area(&a);
		/* a string cut or grown by a byte: both readers agree */
		for (int cut = 0; cut < 2; cut++) {
			size_t n = strlen(stra);
			char *s2 = cx_xmalloc(n + 2);
			struct cx_rle r;
			memcpy(s2, stra, n + 1);
			if (cut && n)
				s2[n - 1] = '\0';
			else {
				s2[n] = (char)('0' + RND() % 64);
				s2[n + 1] = '\0';
			}
			int ok = cx_rle_from_string(&r, s2, h, w, "t", &err) == 0;
			bad |= ok != (cx_rlesrc_check(s2, strlen(s2), h, w, &area) == 0);
			if (ok)
				cx_rle_fini(&r);
			free(s2);
		}
		free(stra);
		free(strb);
		free(ma);
		free(mb);
		cx_rle_fini(&a);
		cx_rle_fini(&b);
		cx_rle_fini(&da);
		cx_rle_fini(&db);
	}
	CHECK(!bad);
}

int
main(void)
{
	RUN(test_shapes);
	RUN(test_mutations);
	RUN(test_reference_files);
	RUN(test_runs);
	return CHECK_DONE();
}
