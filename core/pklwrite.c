/* pklwrite: a tiny pickle emitter that writes exactly the opcodes Python 3's
 * pickler (protocol 3) and torch 1.x's legacy storage serializer emit for a
 * heatmap dict, memo numbers included, so the files are indistinguishable in
 * form from the published ones. */
#include "pklwrite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "xalloc.h"

struct buf {
	unsigned char	*p;
	size_t		 n, cap;
	unsigned	 memo;	/* next memo index */
};

static void
put(struct buf *b, const void *s, size_t n)
{
	if (b->n + n > b->cap) {
		while (b->n + n > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = cx_xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void
op(struct buf *b, unsigned char c)
{
	put(b, &c, 1);
}

static void
le32(struct buf *b, uint32_t v)
{
	unsigned char c[4] = { v & 255, v >> 8 & 255, v >> 16 & 255, v >> 24 & 255 };

	put(b, c, 4);
}

static void
le64(struct buf *b, uint64_t v)
{
	le32(b, (uint32_t)v);
	le32(b, (uint32_t)(v >> 32));
}

/* BINPUT / LONG_BINPUT of the next memo slot. */
static void
memo(struct buf *b)
{
	if (b->memo < 256) {
		op(b, 'q');
		op(b, (unsigned char)b->memo);
	} else {
		op(b, 'r');
		le32(b, b->memo);
	}
	b->memo++;
}

static void
get(struct buf *b, unsigned idx)
{
	op(b, 'h');	/* BINGET: every memo index used here is < 256 */
	op(b, (unsigned char)idx);
}

/* Python's save_long for small non-negative ints. */
static void
pint(struct buf *b, int64_t v)
{
	if (v >= 0 && v <= 0xff) {
		op(b, 'K');
		op(b, (unsigned char)v);
	} else if (v >= 0 && v <= 0xffff) {
		op(b, 'M');
		op(b, v & 255);
		op(b, v >> 8 & 255);
	} else {
		op(b, 'J');
		le32(b, (uint32_t)(int32_t)v);
	}
}

static void
pstr(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	op(b, 'X');
	le32(b, (uint32_t)n);
	put(b, s, n);
	memo(b);
}

static void
pglobal(struct buf *b, const char *mod, const char *name)
{
	op(b, 'c');
	put(b, mod, strlen(mod));
	op(b, '\n');
	put(b, name, strlen(name));
	op(b, '\n');
	memo(b);
}

static void
pfloat(struct buf *b, double d)
{
	uint64_t u;
	unsigned char c[8];

	memcpy(&u, &d, 8);
	for (int i = 0; i < 8; i++)
		c[i] = (unsigned char)(u >> (56 - 8 * i));
	op(b, 'G');
	put(b, c, 8);
}

/* A tuple of ints: TUPLE1..3 without MARK, longer ones with MARK/TUPLE. */
static void
ptuple(struct buf *b, const int64_t *v, int n)
{
	if (n > 3)
		op(b, '(');
	for (int i = 0; i < n; i++)
		pint(b, v[i]);
	op(b, n == 1 ? 0x85 : n == 2 ? 0x86 : n == 3 ? 0x87 : 't');
	memo(b);
}

/* torch's legacy torch.save stream of one FloatStorage (five pickles and the data). */
static void
legacy_storage(struct buf *s, const float *data, size_t n, uint64_t key)
{
	static const unsigned char magic[] = { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46,
	    0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, '.' };
	static const unsigned char version[] = { 0x80, 0x02, 'M', 0xe9, 0x03, '.' };
	char k[32];

	put(s, magic, sizeof magic);
	put(s, version, sizeof version);
	/* sys info */
	s->memo = 0;
	op(s, 0x80); op(s, 2);
	op(s, '}'); memo(s);
	op(s, '(');
	pstr(s, "protocol_version"); pint(s, 1001);
	pstr(s, "little_endian"); op(s, 0x88);
	pstr(s, "type_sizes"); op(s, '}'); memo(s);
	op(s, '(');
	pstr(s, "short"); pint(s, 2);
	pstr(s, "int"); pint(s, 4);
	pstr(s, "long"); pint(s, 4);
	op(s, 'u');
	op(s, 'u');
	op(s, '.');
	/* the storage, as a persistent id */
	snprintf(k, sizeof k, "%llu", (unsigned long long)key);
	s->memo = 0;
	op(s, 0x80); op(s, 2);
	op(s, '(');
	pstr(s, "storage");
	pglobal(s, "torch", "FloatStorage");
	pstr(s, k);
	pstr(s, "cpu");
	pint(s, (int64_t)n);
	op(s, 'N');
	op(s, 't'); memo(s);
	op(s, 'Q');
	op(s, '.');
	/* the list of keys */
	s->memo = 0;
	op(s, 0x80); op(s, 2);
	op(s, ']'); memo(s);
	pstr(s, k);
	op(s, 'a');
	op(s, '.');
	le64(s, n);
	{
		const uint16_t one = 1;
		if (data != NULL && *(const unsigned char *)&one == 1) {
			put(s, data, n * 4);	/* little-endian host: the bytes as they are */
			return;
		}
	}
	for (size_t i = 0; i < n; i++) {
		float f = data ? data[i] : 0.0f;
		uint32_t u;
		memcpy(&u, &f, 4);
		le32(s, u);
	}
}

/* _rebuild_tensor_v2(_load_from_bytes(bytes), 0, size, stride, False, OrderedDict()).
 * The two globals are memoized the first time (first = 1) and fetched after. */
static void
tensor(struct buf *b, const float *data, const int64_t *size, int nd, uint64_t key,
    int first, unsigned *m_rebuild, unsigned *m_load, unsigned *m_odict)
{
	struct buf s = {0};
	int64_t stride[4], numel = 1;

	for (int i = nd - 1; i >= 0; i--) {
		stride[i] = numel;
		numel *= size[i];
	}
	if (first) {
		*m_rebuild = b->memo;
		pglobal(b, "torch._utils", "_rebuild_tensor_v2");
	} else
		get(b, *m_rebuild);
	op(b, '(');
	if (first) {
		*m_load = b->memo;
		pglobal(b, "torch.storage", "_load_from_bytes");
	} else
		get(b, *m_load);
	legacy_storage(&s, data, (size_t)numel, key);
	op(b, 'B');
	le32(b, (uint32_t)s.n);
	put(b, s.p, s.n);
	free(s.p);
	memo(b);
	op(b, 0x85); memo(b);	/* TUPLE1 */
	op(b, 'R'); memo(b);
	pint(b, 0);
	ptuple(b, size, nd);
	ptuple(b, stride, nd);
	op(b, 0x89);		/* NEWFALSE: requires_grad */
	if (first) {
		*m_odict = b->memo;
		pglobal(b, "collections", "OrderedDict");
	} else
		get(b, *m_odict);
	op(b, ')');
	op(b, 'R'); memo(b);
	op(b, 't'); memo(b);
	op(b, 'R'); memo(b);
}

unsigned char *
cx_pkl_heatmap_bytes(const struct cx_pkl_heatmap *h, size_t *len)
{
	struct buf b = {0};
	unsigned mr = 0, ml = 0, mo = 0;
	int64_t msize[4] = { 1, 1, h->mh, h->mw }, isize[3] = { 3, h->ih, h->iw };
	int64_t dims[2] = { h->cxr_w, h->cxr_h };

	op(&b, 0x80); op(&b, 3);
	op(&b, '}'); memo(&b);
	op(&b, '(');
	pstr(&b, "map");
	tensor(&b, h->map, msize, 4, h->key_map ? h->key_map : 94162299033696ull, 1, &mr, &ml, &mo);
	pstr(&b, "prob");
	pfloat(&b, h->prob);
	pstr(&b, "task");
	pstr(&b, h->task);
	pstr(&b, "gt");
	pint(&b, h->gt);
	pstr(&b, "cxr_img");
	tensor(&b, h->cxr_img, isize, 3, h->key_img ? h->key_img : 94160763868736ull, 0, &mr, &ml,
	    &mo);
	pstr(&b, "cxr_dims");
	ptuple(&b, dims, 2);
	op(&b, 'u');
	op(&b, '.');
	*len = b.n;
	return b.p;
}

int
cx_pkl_write_heatmap(const char *path, const struct cx_pkl_heatmap *h, struct cx_err *err)
{
	struct cx_outfile o;
	size_t n;
	unsigned char *p;

	if (cx_outfile_open(&o, path, err) == -1)
		return -1;
	p = cx_pkl_heatmap_bytes(h, &n);
	fwrite(p, 1, n, o.fp);
	free(p);
	return cx_outfile_commit(&o, err);
}
