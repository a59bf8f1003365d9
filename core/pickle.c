/* pickle: a data-only pickle interpreter. Nothing is ever called: the few
 * whitelisted globals are interpreted by hand (SPEC §2.4). All objects of one
 * load live in one arena freed at once; nothing recurses over objects, so
 * cyclic or deeply nested hostile input cannot blow the C stack. */
#include "pickle.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "npy.h"
#include "xalloc.h"

/* Limits that keep hostile input from costing more than a bounded amount of
 * memory: objects and memo slots are capped independently of file size. */
#define PK_MAX_OBJS	(1u << 20)	/* objects, stack slots and container items */
#define PK_MAX_MEMO	(1u << 20)
#define PK_MAX_LINE	512
#define PK_BUFSZ	65536
#define PK_EAGER	4096	/* blobs up to this size are copied at parse time */
#define PK_MAXDIM	8
#define PK_TORCHSAVE_MAX	(1ull << 30)	/* a torch.save file is read whole */

enum dt {
	DT_F32, DT_F64, DT_F16, DT_BF16, DT_I64, DT_I32, DT_I16, DT_I8,
	DT_U8, DT_U16, DT_U32, DT_U64, DT_BOOL
};
static const int dt_size[] = { 4, 8, 2, 2, 8, 4, 2, 1, 1, 2, 4, 8, 1 };

enum gid {
	G_REBUILD_V2, G_REBUILD_V1, G_REBUILD_PARAM, G_LOAD_FROM_BYTES, G_STORAGE,
	G_TORCH_SIZE, G_ODICT, G_NP_RECON, G_NP_NDARRAY, G_NP_DTYPE, G_NP_SCALAR,
	G_NP_FROMBUF, G_CODECS_ENCODE
};

static const struct {
	const char	*mod, *name;
	int		 id, dt;
} globals[] = {
	{ "torch._utils", "_rebuild_tensor_v2", G_REBUILD_V2, 0 },
	{ "torch._utils", "_rebuild_tensor", G_REBUILD_V1, 0 },
	{ "torch._utils", "_rebuild_parameter", G_REBUILD_PARAM, 0 },
	{ "torch.storage", "_load_from_bytes", G_LOAD_FROM_BYTES, 0 },
	{ "torch", "FloatStorage", G_STORAGE, DT_F32 },
	{ "torch", "DoubleStorage", G_STORAGE, DT_F64 },
	{ "torch", "HalfStorage", G_STORAGE, DT_F16 },
	{ "torch", "BFloat16Storage", G_STORAGE, DT_BF16 },
	{ "torch", "LongStorage", G_STORAGE, DT_I64 },
	{ "torch", "IntStorage", G_STORAGE, DT_I32 },
	{ "torch", "ShortStorage", G_STORAGE, DT_I16 },
	{ "torch", "CharStorage", G_STORAGE, DT_I8 },
	{ "torch", "ByteStorage", G_STORAGE, DT_U8 },
	{ "torch", "BoolStorage", G_STORAGE, DT_BOOL },
	{ "torch", "Size", G_TORCH_SIZE, 0 },
	{ "collections", "OrderedDict", G_ODICT, 0 },
	{ "numpy.core.multiarray", "_reconstruct", G_NP_RECON, 0 },
	{ "numpy._core.multiarray", "_reconstruct", G_NP_RECON, 0 },
	{ "numpy", "ndarray", G_NP_NDARRAY, 0 },
	{ "numpy", "dtype", G_NP_DTYPE, 0 },
	{ "numpy.core.multiarray", "scalar", G_NP_SCALAR, 0 },
	{ "numpy._core.multiarray", "scalar", G_NP_SCALAR, 0 },
	{ "numpy.core.numeric", "_frombuffer", G_NP_FROMBUF, 0 },
	{ "numpy._core.numeric", "_frombuffer", G_NP_FROMBUF, 0 },
	{ "_codecs", "encode", G_CODECS_ENCODE, 0 },
};

struct blob {
	const uint8_t	*p;	/* NULL while still in the file */
	uint64_t	 off;	/* absolute offset of the first byte */
	uint64_t	 len;
};

struct seq {
	struct cx_pk_obj	**v;
	size_t			  n, cap;
};

struct cx_pk_obj {
	enum cx_pk_kind	 kind;
	int		 f32;	/* float from a float32 numpy scalar */
	uint64_t	 off;
	union {
		int64_t		 i;
		double		 f;
		struct blob	 b;
		struct seq	 s;	/* dict: key, value, key, value, ... */
		int		 g;	/* index into globals[] */
		struct {
			struct cx_pk_obj *storage;
			int64_t		 offset;
			int		 ndim;
			int64_t		 size[PK_MAXDIM], stride[PK_MAXDIM];
		} t;
		struct {
			struct cx_pk_obj *bytes;	/* _load_from_bytes stream, or */
			struct cx_pk_obj *ps;		/* a torch.save persistent id */
			int		 decoded;
			int		 dt;
			uint64_t	 numel;
			const uint8_t	*data;
		} st;
		struct {
			int		 dt;
			char		 order;	/* '<', '>', '|', '=' */
		} dt;
		struct {
			struct cx_pk_obj *dtype;
			int		 ndim;
			uint64_t	 shape[PK_MAXDIM];
			int		 fortran;
			struct cx_pk_obj *data;
		} nd;
		struct {
			int		 dt;
			struct cx_pk_obj *key;
			uint64_t	 numel;
			int		 view;
			uint64_t	 view_off, view_size;
		} ps;
	} u;
};

struct arena_blk {
	struct arena_blk	*next;
	size_t			 used, cap;
	_Alignas(16) unsigned char data[];
};

struct cx_pickle {
	int			 fd;		/* -1 for memory input */
	const uint8_t		*mem;
	uint64_t		 size;
	struct arena_blk	*arena;
	size_t			 nobjs;
	struct cx_pk_obj	*root;
	uint8_t			*own;	/* a torch.save file, read whole */
	struct seq		 pst;	/* its storages (persistent ids) */
};

struct vm {
	struct cx_pickle	*pk;
	const uint8_t		*mem;	/* memory source, or NULL for pk->fd */
	uint64_t		 base;	/* absolute offset of mem[0] / of the source */
	uint64_t		 size;	/* source length */
	uint64_t		 pos;	/* relative read position */
	uint64_t		 op;	/* absolute offset of the current opcode */
	int			 inner;	/* persistent ids ok: 1 in a storage's legacy
					 * stream, 2 in a torch.save file */
	uint8_t			*buf;	/* file read window */
	uint64_t		 boff;
	size_t			 blen;
	struct cx_pk_obj	**stack;
	size_t			 sn, scap;
	size_t			*marks;
	size_t			 mn, mcap;
	struct cx_pk_obj	**memo;
	size_t			 memon;		/* slots allocated */
	size_t			 memocount;	/* slots in use, for MEMOIZE */
	struct cx_err		*err;
};

/* ---- arena ---- */

static void *
arena_alloc(struct cx_pickle *pk, size_t n)
{
	struct arena_blk *b = pk->arena;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		b = cx_xmalloc(sizeof *b + cap);
		b->cap = cap;
		b->used = 0;
		b->next = pk->arena;
		pk->arena = b;
	}
	p = b->data + b->used;
	b->used += n;
	return p;
}

/* ---- errors ---- */

static int vm_err(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
vm_err(struct vm *vm, const char *fmt, ...)
{
	char where[64], msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(where, sizeof where, "byte %llu", (unsigned long long)vm->op);
	return cx_err_at(vm->err, where, "%s", msg);
}

static int
off_err(struct cx_err *err, uint64_t off, const char *msg)
{
	char where[64];

	snprintf(where, sizeof where, "byte %llu", (unsigned long long)off);
	return cx_err_at(err, where, "%s", msg);
}

/* ---- reading ---- */

static int
pread_all(int fd, void *dst, size_t n, uint64_t off)
{
	unsigned char *d = dst;

	while (n > 0) {
		ssize_t r = pread(fd, d, n, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		d += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

static int
truncated(struct vm *vm)
{
	return vm_err(vm, "truncated pickle");
}

/* n bytes at the read position (n <= PK_BUFSZ), advancing it. */
static const uint8_t *
need(struct vm *vm, size_t n)
{
	const uint8_t *p;

	if (n > vm->size - vm->pos) {
		truncated(vm);
		return NULL;
	}
	if (vm->mem != NULL) {
		p = vm->mem + vm->pos;
	} else {
		uint64_t abs = vm->base + vm->pos;
		if (abs < vm->boff || abs + n > vm->boff + vm->blen) {
			uint64_t left = vm->base + vm->size - abs;
			size_t want = left < PK_BUFSZ ? (size_t)left : PK_BUFSZ;
			if (pread_all(vm->pk->fd, vm->buf, want, abs) == -1) {
				vm_err(vm, "read error");
				return NULL;
			}
			vm->boff = abs;
			vm->blen = want;
		}
		p = vm->buf + (abs - vm->boff);
	}
	vm->pos += n;
	return p;
}

static int
blob_load(struct cx_pickle *pk, struct blob *b, struct cx_err *err)
{
	uint8_t *p;

	if (b->p != NULL || b->len == 0) {
		if (b->p == NULL)
			b->p = (const uint8_t *)"";
		return 0;
	}
	if (pk->fd < 0) {
		b->p = pk->mem + b->off;
		return 0;
	}
	p = arena_alloc(pk, (size_t)b->len);
	if (pread_all(pk->fd, p, (size_t)b->len, b->off) == -1)
		return off_err(err, b->off, "read error");
	b->p = p;
	return 0;
}

/* A blob of len bytes at the read position; small ones are copied now, large
 * ones only remembered (the caller validated len against the file). */
static int
take_blob(struct vm *vm, uint64_t len, struct blob *b)
{
	if (len > vm->size - vm->pos)
		return vm_err(vm, "declared length exceeds the file");
	b->off = vm->base + vm->pos;
	b->len = len;
	b->p = NULL;
	if (vm->mem != NULL) {
		b->p = vm->mem + vm->pos;
		vm->pos += len;
	} else if (len <= PK_EAGER) {
		const uint8_t *s = need(vm, (size_t)len);
		uint8_t *d;
		if (s == NULL)
			return -1;
		d = arena_alloc(vm->pk, (size_t)len + 1);
		memcpy(d, s, (size_t)len);
		d[len] = 0;
		b->p = d;
	} else {
		vm->pos += len;
	}
	return 0;
}

static int
read_line(struct vm *vm, char *out)
{
	size_t n = 0;

	for (;;) {
		const uint8_t *c = need(vm, 1);
		if (c == NULL)
			return -1;
		if (*c == '\n')
			break;
		if (n + 1 >= PK_MAX_LINE)
			return vm_err(vm, "text argument too long");
		out[n++] = (char)*c;
	}
	if (n > 0 && out[n - 1] == '\r')
		n--;
	out[n] = '\0';
	return 0;
}

static uint64_t
le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* ---- objects and the stack ---- */

static struct cx_pk_obj *
obj_new(struct vm *vm, enum cx_pk_kind kind)
{
	struct cx_pk_obj *o;

	if (vm->pk->nobjs >= PK_MAX_OBJS) {
		vm_err(vm, "too many objects");
		return NULL;
	}
	vm->pk->nobjs++;
	o = arena_alloc(vm->pk, sizeof *o);
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->off = vm->op;
	return o;
}

static int
push(struct vm *vm, struct cx_pk_obj *o)
{
	if (o == NULL)
		return -1;
	/* DUP and GET push without allocating: bound the stack itself */
	if (vm->sn >= PK_MAX_OBJS)
		return vm_err(vm, "stack too deep");
	if (vm->sn == vm->scap) {
		vm->scap = vm->scap ? vm->scap * 2 : 64;
		vm->stack = cx_xreallocarray(vm->stack, vm->scap, sizeof *vm->stack);
	}
	vm->stack[vm->sn++] = o;
	return 0;
}

static struct cx_pk_obj *
pop(struct vm *vm)
{
	size_t floor = vm->mn ? vm->marks[vm->mn - 1] : 0;

	if (vm->sn <= floor) {
		vm_err(vm, "stack underflow");
		return NULL;
	}
	return vm->stack[--vm->sn];
}

static struct cx_pk_obj *
top(struct vm *vm)
{
	size_t floor = vm->mn ? vm->marks[vm->mn - 1] : 0;

	if (vm->sn <= floor) {
		vm_err(vm, "stack underflow");
		return NULL;
	}
	return vm->stack[vm->sn - 1];
}

/* Items above the last mark: *first and *n; the mark is removed. */
static int
pop_mark(struct vm *vm, size_t *first, size_t *n)
{
	if (vm->mn == 0)
		return vm_err(vm, "no MARK on the stack");
	*first = vm->marks[--vm->mn];
	*n = vm->sn - *first;
	return 0;
}

static int
seq_add(struct cx_pickle *pk, struct seq *s, struct cx_pk_obj *o)
{
	/* an APPEND of a memoized object allocates nothing but a slot */
	if (pk->nobjs >= PK_MAX_OBJS)
		return -1;
	pk->nobjs++;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4;
		struct cx_pk_obj **v = arena_alloc(pk, cap * sizeof *v);
		if (s->n)
			memcpy(v, s->v, s->n * sizeof *v);
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = o;
	return 0;
}

static struct cx_pk_obj *
seq_from_stack(struct vm *vm, enum cx_pk_kind kind, size_t first, size_t n)
{
	struct cx_pk_obj *o = obj_new(vm, kind);

	if (o == NULL)
		return NULL;
	if (n > 0) {
		o->u.s.v = arena_alloc(vm->pk, n * sizeof *o->u.s.v);
		memcpy(o->u.s.v, vm->stack + first, n * sizeof *o->u.s.v);
		o->u.s.n = o->u.s.cap = n;
	}
	vm->sn = first;
	return o;
}

static int
memo_put(struct vm *vm, uint64_t idx, struct cx_pk_obj *o)
{
	if (o == NULL)
		return -1;
	if (idx >= PK_MAX_MEMO)
		return vm_err(vm, "memo index too large");
	if (idx >= vm->memon) {
		size_t n = vm->memon ? vm->memon : 64;
		while (n <= idx)
			n *= 2;
		vm->memo = cx_xreallocarray(vm->memo, n, sizeof *vm->memo);
		memset(vm->memo + vm->memon, 0, (n - vm->memon) * sizeof *vm->memo);
		vm->memon = n;
	}
	if (vm->memo[idx] == NULL)
		vm->memocount++;
	vm->memo[idx] = o;
	return 0;
}

static int
memo_get(struct vm *vm, uint64_t idx)
{
	if (idx >= vm->memon || vm->memo[idx] == NULL)
		return vm_err(vm, "memo key missing");
	return push(vm, vm->memo[idx]);
}

static int
blob_is(struct cx_pickle *pk, const struct cx_pk_obj *o, const char *s)
{
	size_t n = strlen(s);
	struct blob *b;

	if (o == NULL || o->kind != CX_PK_STR || o->u.b.len != n)
		return 0;
	b = (struct blob *)&o->u.b;
	if (blob_load(pk, b, NULL) == -1)
		return 0;
	return memcmp(b->p, s, n) == 0;
}

static int
find_global(struct vm *vm, const char *mod, size_t modn, const char *name, size_t namen)
{
	char msg[PK_MAX_LINE * 2 + 32];

	for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++)
		if (strlen(globals[i].mod) == modn && memcmp(globals[i].mod, mod, modn) == 0 &&
		    strlen(globals[i].name) == namen && memcmp(globals[i].name, name, namen) == 0)
			return (int)i;
	/* Name the rejected global, printable characters only. */
	{
		size_t k = 0;
		msg[k++] = '\'';
		for (size_t i = 0; i < modn + 1 + namen && k < sizeof msg - 4; i++) {
			char c = i < modn ? mod[i] : i == modn ? '.' : name[i - modn - 1];
			msg[k++] = (c >= 32 && c < 127) ? c : '?';
		}
		msg[k++] = '\'';
		msg[k] = '\0';
	}
	vm_err(vm, "unknown global %s", msg);
	return -1;
}

static const char *
gname(int g, char *buf, size_t n)
{
	snprintf(buf, n, "%s.%s", globals[g].mod, globals[g].name);
	return buf;
}

/* ---- interpreting the whitelisted callables ---- */

static int
int_tuple(const struct cx_pk_obj *o, int64_t *v, int *n)
{
	if (o == NULL || (o->kind != CX_PK_TUPLE && o->kind != CX_PK_LIST) ||
	    o->u.s.n > PK_MAXDIM)
		return -1;
	for (size_t i = 0; i < o->u.s.n; i++)
		if (cx_pk_int(o->u.s.v[i], &v[i]) == -1 || v[i] < 0)
			return -1;
	*n = (int)o->u.s.n;
	return 0;
}

static int
dtype_parse(const uint8_t *s, size_t n, int *dt, char *order)
{
	static const struct { const char *name; int dt; } names[] = {
		{ "f4", DT_F32 }, { "f8", DT_F64 }, { "f2", DT_F16 }, { "i1", DT_I8 },
		{ "i2", DT_I16 }, { "i4", DT_I32 }, { "i8", DT_I64 }, { "u1", DT_U8 },
		{ "u2", DT_U16 }, { "u4", DT_U32 }, { "u8", DT_U64 }, { "b1", DT_BOOL },
		{ "float32", DT_F32 }, { "float64", DT_F64 }, { "float16", DT_F16 },
		{ "int8", DT_I8 }, { "int16", DT_I16 }, { "int32", DT_I32 },
		{ "int64", DT_I64 }, { "uint8", DT_U8 }, { "uint16", DT_U16 },
		{ "uint32", DT_U32 }, { "uint64", DT_U64 }, { "bool", DT_BOOL },
	};

	*order = '=';
	if (n > 0 && (s[0] == '<' || s[0] == '>' || s[0] == '|' || s[0] == '=')) {
		*order = (char)s[0];
		s++;
		n--;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == n && memcmp(names[i].name, s, n) == 0) {
			*dt = names[i].dt;
			return 0;
		}
	return -1;
}

static double
elem(const uint8_t *p, int dt, int swap)
{
	uint8_t b[8];
	int n = dt_size[dt];
	uint64_t u;

	for (int i = 0; i < n; i++)
		b[i] = swap ? p[n - 1 - i] : p[i];
	u = le(b, n);
	switch (dt) {
	case DT_F32: { uint32_t x = (uint32_t)u; float f; memcpy(&f, &x, 4); return f; }
	case DT_F64: { double d; memcpy(&d, &u, 8); return d; }
	case DT_F16: return cx_npy_half((uint16_t)u);
	case DT_BF16: { uint32_t x = (uint32_t)u << 16; float f; memcpy(&f, &x, 4); return f; }
	/* exact up to 2**53; beyond, the float32 value torch's .float() makes
	 * (a map's only use), not a double rounded again to float32 */
	case DT_I64: return (int64_t)u > (1ll << 53) || (int64_t)u < -(1ll << 53) ?
	    cx_npy_i64((int64_t)u) : (double)(int64_t)u;
	case DT_U64: return u > (1ull << 53) ? cx_npy_u64(u) : (double)u;
	case DT_I32: return (double)(int32_t)(uint32_t)u;
	case DT_I16: return (double)(int16_t)(uint16_t)u;
	case DT_I8: return (double)(int8_t)(uint8_t)u;
	case DT_BOOL: return u != 0;
	default: return (double)u;
	}
}

static int
bad_args(struct vm *vm, int g)
{
	char b[128];

	return vm_err(vm, "bad arguments to '%s'", gname(g, b, sizeof b));
}

static struct cx_pk_obj *
arg(const struct cx_pk_obj *args, size_t i)
{
	return i < args->u.s.n ? args->u.s.v[i] : NULL;
}

static int
reduce(struct vm *vm, struct cx_pk_obj *fn, struct cx_pk_obj *args)
{
	struct cx_pk_obj *o, *a0;
	int g, n;
	char b[128];

	if (fn->kind != CX_PK_GLOBAL)
		return vm_err(vm, "REDUCE on a non-callable");
	g = fn->u.g;
	if (args->kind != CX_PK_TUPLE)
		return bad_args(vm, g);
	a0 = arg(args, 0);
	switch (globals[g].id) {
	case G_REBUILD_V2:
	case G_REBUILD_V1:
		/* torch.save: the storage is a persistent id, its data in the
		 * zip entry or record of its key (torchsave_resolve) */
		if (a0 != NULL && a0->kind == CX_PK_PSTORAGE && vm->inner == 2) {
			struct cx_pk_obj *st = obj_new(vm, CX_PK_STORAGE);
			if (st == NULL)
				return -1;
			st->u.st.ps = a0;
			if (seq_add(vm->pk, &vm->pk->pst, st) == -1)
				return vm_err(vm, "too many objects");
			a0 = st;
		}
		if (args->u.s.n < 4 || a0 == NULL || a0->kind != CX_PK_STORAGE)
			return bad_args(vm, g);
		if ((o = obj_new(vm, CX_PK_TENSOR)) == NULL)
			return -1;
		o->u.t.storage = a0;
		if (cx_pk_int(arg(args, 1), &o->u.t.offset) == -1 || o->u.t.offset < 0 ||
		    int_tuple(arg(args, 2), o->u.t.size, &o->u.t.ndim) == -1 ||
		    int_tuple(arg(args, 3), o->u.t.stride, &n) == -1 || n != o->u.t.ndim)
			return bad_args(vm, g);
		return push(vm, o);
	case G_REBUILD_PARAM:
		if (a0 == NULL || a0->kind != CX_PK_TENSOR)
			return bad_args(vm, g);
		return push(vm, a0);
	case G_LOAD_FROM_BYTES:
		if (args->u.s.n != 1 || a0->kind != CX_PK_BYTES)
			return bad_args(vm, g);
		if ((o = obj_new(vm, CX_PK_STORAGE)) == NULL)
			return -1;
		o->u.st.bytes = a0;
		return push(vm, o);
	case G_TORCH_SIZE:
		if (args->u.s.n == 0)
			return push(vm, obj_new(vm, CX_PK_TUPLE));
		if (a0->kind != CX_PK_TUPLE && a0->kind != CX_PK_LIST)
			return bad_args(vm, g);
		if ((o = obj_new(vm, CX_PK_TUPLE)) == NULL)
			return -1;
		o->u.s = a0->u.s;
		return push(vm, o);
	case G_ODICT:
		if ((o = obj_new(vm, CX_PK_DICT)) == NULL)
			return -1;
		if (args->u.s.n == 0)
			return push(vm, o);
		if (args->u.s.n != 1 || (a0->kind != CX_PK_LIST && a0->kind != CX_PK_TUPLE))
			return bad_args(vm, g);
		for (size_t i = 0; i < a0->u.s.n; i++) {
			struct cx_pk_obj *p = a0->u.s.v[i];
			if ((p->kind != CX_PK_TUPLE && p->kind != CX_PK_LIST) || p->u.s.n != 2)
				return bad_args(vm, g);
			if (seq_add(vm->pk, &o->u.s, p->u.s.v[0]) == -1 ||
			    seq_add(vm->pk, &o->u.s, p->u.s.v[1]) == -1)
				return vm_err(vm, "too many objects");
		}
		return push(vm, o);
	case G_NP_RECON:
		if (args->u.s.n != 3 || a0->kind != CX_PK_GLOBAL ||
		    globals[a0->u.g].id != G_NP_NDARRAY)
			return bad_args(vm, g);
		if ((o = obj_new(vm, CX_PK_NDARRAY)) == NULL)
			return -1;
		return push(vm, o);
	case G_NP_DTYPE: {
		const uint8_t *s = NULL;
		size_t len = 0;
		if (args->u.s.n < 1 || a0->kind != CX_PK_STR)
			return bad_args(vm, g);
		if ((o = obj_new(vm, CX_PK_DTYPE)) == NULL)
			return -1;
		if (cx_pk_blob(vm->pk, a0, &s, &len, vm->err) == -1)
			return -1;
		if (dtype_parse(s, len, &o->u.dt.dt, &o->u.dt.order) == -1)
			return vm_err(vm, "unsupported numpy dtype");
		return push(vm, o);
	}
	case G_NP_SCALAR: {
		const uint8_t *s = NULL;
		size_t len = 0;
		struct cx_pk_obj *d = a0, *raw = arg(args, 1);
		if (args->u.s.n != 2 || d->kind != CX_PK_DTYPE ||
		    (raw->kind != CX_PK_BYTES && raw->kind != CX_PK_STR))
			return bad_args(vm, g);
		if (cx_pk_blob(vm->pk, raw, &s, &len, vm->err) == -1)
			return -1;
		if (len != (size_t)dt_size[d->u.dt.dt])
			return bad_args(vm, g);
		{
			int dt = d->u.dt.dt, isf = dt == DT_F32 || dt == DT_F64 || dt == DT_F16 ||
			    dt == DT_BF16;
			double v = elem(s, dt, d->u.dt.order == '>');
			if ((o = obj_new(vm, isf ? CX_PK_FLOAT : CX_PK_INT)) == NULL)
				return -1;
			if (isf) {
				o->u.f = v;
				o->f32 = dt == DT_F32;
			} else if (dt == DT_U64 || dt == DT_I64) {
				/* elem() went through double: re-read 64-bit integers */
				uint8_t bb[8];
				for (int i = 0; i < 8; i++)
					bb[i] = d->u.dt.order == '>' ? s[7 - i] : s[i];
				o->u.i = (int64_t)le(bb, 8);
			} else
				o->u.i = (int64_t)v;
		}
		return push(vm, o);
	}
	case G_NP_FROMBUF: {
		struct cx_pk_obj *d = arg(args, 1);
		int64_t shape[PK_MAXDIM];
		if (args->u.s.n < 3 || a0->kind != CX_PK_BYTES || d->kind != CX_PK_DTYPE ||
		    int_tuple(arg(args, 2), shape, &n) == -1)
			return bad_args(vm, g);
		if ((o = obj_new(vm, CX_PK_NDARRAY)) == NULL)
			return -1;
		o->u.nd.dtype = d;
		o->u.nd.ndim = n;
		for (int i = 0; i < n; i++)
			o->u.nd.shape[i] = (uint64_t)shape[i];
		o->u.nd.data = a0;
		o->u.nd.fortran = blob_is(vm->pk, arg(args, 3), "F");
		return push(vm, o);
	}
	case G_CODECS_ENCODE: {
		/* Protocol 2 writes bytes as _codecs.encode(str, 'latin1'). */
		const uint8_t *s = NULL;
		size_t len = 0, k = 0;
		uint8_t *d;
		if (args->u.s.n != 2 || a0->kind != CX_PK_STR ||
		    !(blob_is(vm->pk, arg(args, 1), "latin1") ||
		      blob_is(vm->pk, arg(args, 1), "latin-1")))
			return bad_args(vm, g);
		if (cx_pk_blob(vm->pk, a0, &s, &len, vm->err) == -1)
			return -1;
		d = arena_alloc(vm->pk, len + 1);
		for (size_t i = 0; i < len; i++) {
			if (s[i] < 0x80)
				d[k++] = s[i];
			else if ((s[i] == 0xc2 || s[i] == 0xc3) && i + 1 < len &&
			    (s[i + 1] & 0xc0) == 0x80) {
				d[k++] = (uint8_t)((s[i] & 0x03) << 6 | (s[i + 1] & 0x3f));
				i++;
			} else
				return vm_err(vm, "non-latin1 text in _codecs.encode");
		}
		if ((o = obj_new(vm, CX_PK_BYTES)) == NULL)
			return -1;
		o->u.b.p = d;
		o->u.b.len = k;
		o->u.b.off = a0->u.b.off;
		return push(vm, o);
	}
	default:
		return vm_err(vm, "cannot call '%s'", gname(g, b, sizeof b));
	}
}

static int
build(struct vm *vm, struct cx_pk_obj *o, struct cx_pk_obj *state)
{
	if (o->kind == CX_PK_NDARRAY) {
		size_t k = 0;
		int64_t shape[PK_MAXDIM];
		int n;
		if (state->kind != CX_PK_TUPLE || (state->u.s.n != 5 && state->u.s.n != 4))
			return vm_err(vm, "bad ndarray state");
		if (state->u.s.n == 5)
			k = 1;
		if (int_tuple(state->u.s.v[k], shape, &n) == -1 ||
		    state->u.s.v[k + 1]->kind != CX_PK_DTYPE)
			return vm_err(vm, "bad ndarray state");
		o->u.nd.ndim = n;
		for (int i = 0; i < n; i++)
			o->u.nd.shape[i] = (uint64_t)shape[i];
		o->u.nd.dtype = state->u.s.v[k + 1];
		o->u.nd.fortran = state->u.s.v[k + 2]->kind == CX_PK_BOOL &&
		    state->u.s.v[k + 2]->u.i;
		if (state->u.s.v[k + 3]->kind != CX_PK_BYTES && state->u.s.v[k + 3]->kind != CX_PK_STR)
			return vm_err(vm, "ndarray of objects not supported");
		o->u.nd.data = state->u.s.v[k + 3];
		return 0;
	}
	if (o->kind == CX_PK_DTYPE) {
		struct cx_pk_obj *bo;
		const uint8_t *s = NULL;
		size_t len = 0;
		if (state->kind != CX_PK_TUPLE || state->u.s.n < 2)
			return vm_err(vm, "bad dtype state");
		for (size_t i = 2; i < 5 && i < state->u.s.n; i++)
			if (state->u.s.v[i]->kind != CX_PK_NONE)
				return vm_err(vm, "structured numpy dtype not supported");
		bo = state->u.s.v[1];
		if (bo->kind != CX_PK_STR || cx_pk_blob(vm->pk, bo, &s, &len, vm->err) == -1 ||
		    len != 1)
			return vm_err(vm, "bad dtype state");
		o->u.dt.order = (char)s[0];
		return 0;
	}
	if (o->kind == CX_PK_DICT && state->kind == CX_PK_DICT) {
		size_t n = state->u.s.n;	/* state may be o itself */
		if (state == o)
			return 0;
		for (size_t i = 0; i < n; i++)
			if (seq_add(vm->pk, &o->u.s, state->u.s.v[i]) == -1)
				return vm_err(vm, "too many objects");
		return 0;
	}
	if ((o->kind == CX_PK_TENSOR || o->kind == CX_PK_DICT) && state->kind == CX_PK_NONE)
		return 0;
	return vm_err(vm, "BUILD on an unsupported object");
}

static int
persid(struct vm *vm, struct cx_pk_obj *pid)
{
	struct cx_pk_obj *o, *ty, *vm6;
	int64_t numel;

	if (!vm->inner)
		return vm_err(vm, "persistent id outside a torch storage");
	if (pid->kind != CX_PK_TUPLE || pid->u.s.n < 5 || !blob_is(vm->pk, pid->u.s.v[0], "storage"))
		return vm_err(vm, "unsupported persistent id");
	ty = pid->u.s.v[1];
	if (ty->kind != CX_PK_GLOBAL || globals[ty->u.g].id != G_STORAGE ||
	    pid->u.s.v[2]->kind != CX_PK_STR || cx_pk_int(pid->u.s.v[4], &numel) == -1 ||
	    numel < 0)
		return vm_err(vm, "unsupported persistent id");
	if ((o = obj_new(vm, CX_PK_PSTORAGE)) == NULL)
		return -1;
	o->u.ps.dt = globals[ty->u.g].dt;
	o->u.ps.key = pid->u.s.v[2];
	o->u.ps.numel = (uint64_t)numel;
	vm6 = pid->u.s.n > 5 ? pid->u.s.v[5] : NULL;
	if (vm6 != NULL && vm6->kind != CX_PK_NONE) {
		/* (view_key, offset, size) of an old-style storage view */
		int64_t off, sz;
		if (vm6->kind != CX_PK_TUPLE || vm6->u.s.n != 3 ||
		    cx_pk_int(vm6->u.s.v[1], &off) == -1 || cx_pk_int(vm6->u.s.v[2], &sz) == -1 ||
		    off < 0 || sz < 0 || (uint64_t)off > (uint64_t)numel ||
		    (uint64_t)sz > (uint64_t)numel - (uint64_t)off)
			return vm_err(vm, "bad storage view");
		o->u.ps.view = 1;
		o->u.ps.view_off = (uint64_t)off;
		o->u.ps.view_size = (uint64_t)sz;
	}
	return push(vm, o);
}

/* ---- the interpreter ---- */

static struct cx_pk_obj *
mk_int(struct vm *vm, int64_t v)
{
	struct cx_pk_obj *o = obj_new(vm, CX_PK_INT);

	if (o != NULL)
		o->u.i = v;
	return o;
}

static int
push_long(struct vm *vm, uint64_t n)
{
	struct cx_pk_obj *o;

	if (n <= 8) {
		const uint8_t *p = need(vm, (size_t)n);
		uint64_t u;
		if (p == NULL)
			return -1;
		u = le(p, (int)n);
		if (n > 0 && n < 8 && (p[n - 1] & 0x80))
			u |= ~(uint64_t)0 << (8 * n);
		return push(vm, mk_int(vm, (int64_t)u));
	}
	if ((o = obj_new(vm, CX_PK_BIGINT)) == NULL)
		return -1;
	if (take_blob(vm, n, &o->u.b) == -1)
		return -1;
	return push(vm, o);
}

static int
push_blob(struct vm *vm, enum cx_pk_kind kind, uint64_t n)
{
	struct cx_pk_obj *o = obj_new(vm, kind);

	if (o == NULL || take_blob(vm, n, &o->u.b) == -1)
		return -1;
	return push(vm, o);
}

static int
parse_int_line(struct vm *vm, int64_t *v)
{
	char line[PK_MAX_LINE], *end;
	long long x;

	if (read_line(vm, line) == -1)
		return -1;
	errno = 0;
	x = strtoll(line, &end, 10);
	if (*end == 'L')
		end++;
	if (errno != 0 || end == line || *end != '\0')
		return vm_err(vm, "bad integer in text opcode");
	*v = x;
	return 0;
}

static int
run(struct vm *vm, struct cx_pk_obj **result)
{
	for (;;) {
		const uint8_t *p;
		struct cx_pk_obj *o, *a, *b;
		size_t first = 0, n = 0;
		int64_t iv;
		uint8_t opc;

		vm->op = vm->base + vm->pos;
		if ((p = need(vm, 1)) == NULL)
			return -1;
		opc = *p;
		switch (opc) {
		case 0x80:	/* PROTO */
			if ((p = need(vm, 1)) == NULL)
				return -1;
			if (*p > 5)
				return vm_err(vm, "unsupported pickle protocol");
			break;
		case 0x95:	/* FRAME: only a hint for buffering */
			if ((p = need(vm, 8)) == NULL)
				return -1;
			if (le(p, 8) > vm->size - vm->pos)
				return truncated(vm);
			break;
		case '.':	/* STOP */
			if ((o = pop(vm)) == NULL)
				return -1;
			*result = o;
			return 0;
		case '(':	/* MARK */
			if (vm->mn >= PK_MAX_OBJS)
				return vm_err(vm, "too many MARKs");
			if (vm->mn == vm->mcap) {
				vm->mcap = vm->mcap ? vm->mcap * 2 : 16;
				vm->marks = cx_xreallocarray(vm->marks, vm->mcap, sizeof *vm->marks);
			}
			vm->marks[vm->mn++] = vm->sn;
			break;
		case '0':	/* POP */
			if (vm->mn > 0 && vm->marks[vm->mn - 1] == vm->sn)
				vm->mn--;
			else if (pop(vm) == NULL)
				return -1;
			break;
		case '1':	/* POP_MARK */
			if (pop_mark(vm, &first, &n) == -1)
				return -1;
			vm->sn = first;
			break;
		case '2':	/* DUP */
			if ((o = top(vm)) == NULL || push(vm, o) == -1)
				return -1;
			break;
		case 'N':
			if (push(vm, obj_new(vm, CX_PK_NONE)) == -1)
				return -1;
			break;
		case 0x88:	/* NEWTRUE */
		case 0x89:	/* NEWFALSE */
			if ((o = obj_new(vm, CX_PK_BOOL)) == NULL)
				return -1;
			o->u.i = opc == 0x88;
			if (push(vm, o) == -1)
				return -1;
			break;
		case 'J':	/* BININT */
			if ((p = need(vm, 4)) == NULL ||
			    push(vm, mk_int(vm, (int32_t)(uint32_t)le(p, 4))) == -1)
				return -1;
			break;
		case 'K':	/* BININT1 */
			if ((p = need(vm, 1)) == NULL || push(vm, mk_int(vm, p[0])) == -1)
				return -1;
			break;
		case 'M':	/* BININT2 */
			if ((p = need(vm, 2)) == NULL || push(vm, mk_int(vm, (int64_t)le(p, 2))) == -1)
				return -1;
			break;
		case 0x8a:	/* LONG1 */
			if ((p = need(vm, 1)) == NULL || push_long(vm, p[0]) == -1)
				return -1;
			break;
		case 0x8b:	/* LONG4 */
			if ((p = need(vm, 4)) == NULL)
				return -1;
			if ((int32_t)(uint32_t)le(p, 4) < 0)
				return vm_err(vm, "negative length");
			if (push_long(vm, le(p, 4)) == -1)
				return -1;
			break;
		case 'I':	/* INT (text; "01"/"00" are True/False) */
		case 'L': {	/* LONG (text) */
			if (parse_int_line(vm, &iv) == -1 || push(vm, mk_int(vm, iv)) == -1)
				return -1;
			break;
		}
		case 'F': {	/* FLOAT (text) */
			char line[PK_MAX_LINE], *end;
			if (read_line(vm, line) == -1)
				return -1;
			if ((o = obj_new(vm, CX_PK_FLOAT)) == NULL)
				return -1;
			o->u.f = strtod(line, &end);
			if (end == line || *end != '\0')
				return vm_err(vm, "bad float in text opcode");
			if (push(vm, o) == -1)
				return -1;
			break;
		}
		case 'G': {	/* BINFLOAT, big-endian */
			uint64_t u = 0;
			if ((p = need(vm, 8)) == NULL || (o = obj_new(vm, CX_PK_FLOAT)) == NULL)
				return -1;
			for (int i = 0; i < 8; i++)
				u = u << 8 | p[i];
			memcpy(&o->u.f, &u, 8);
			if (push(vm, o) == -1)
				return -1;
			break;
		}
		case 'X':	/* BINUNICODE */
		case 'B':	/* BINBYTES */
		case 'T':	/* BINSTRING (py2 str: bytes) */
			if ((p = need(vm, 4)) == NULL)
				return -1;
			if (opc == 'T' && (int32_t)(uint32_t)le(p, 4) < 0)
				return vm_err(vm, "negative length");
			if (push_blob(vm, opc == 'X' ? CX_PK_STR : CX_PK_BYTES, le(p, 4)) == -1)
				return -1;
			break;
		case 0x8c:	/* SHORT_BINUNICODE */
		case 'C':	/* SHORT_BINBYTES */
		case 'U':	/* SHORT_BINSTRING */
			if ((p = need(vm, 1)) == NULL ||
			    push_blob(vm, opc == 0x8c ? CX_PK_STR : CX_PK_BYTES, p[0]) == -1)
				return -1;
			break;
		case 0x8d:	/* BINUNICODE8 */
		case 0x8e:	/* BINBYTES8 */
		case 0x96:	/* BYTEARRAY8 */
			if ((p = need(vm, 8)) == NULL ||
			    push_blob(vm, opc == 0x8d ? CX_PK_STR : CX_PK_BYTES, le(p, 8)) == -1)
				return -1;
			break;
		case 0x98:	/* READONLY_BUFFER: no-op on bytes */
			if (top(vm) == NULL)
				return -1;
			break;
		case ')':
			if (push(vm, obj_new(vm, CX_PK_TUPLE)) == -1)
				return -1;
			break;
		case ']':
			if (push(vm, obj_new(vm, CX_PK_LIST)) == -1)
				return -1;
			break;
		case '}':
			if (push(vm, obj_new(vm, CX_PK_DICT)) == -1)
				return -1;
			break;
		case 0x8f:	/* EMPTY_SET */
			if (push(vm, obj_new(vm, CX_PK_SET)) == -1)
				return -1;
			break;
		case 't':
		case 'l':
		case 'd':
		case 0x91:	/* FROZENSET */
			if (pop_mark(vm, &first, &n) == -1)
				return -1;
			if (opc == 'd' && n % 2 != 0)
				return vm_err(vm, "odd number of items for DICT");
			o = seq_from_stack(vm, opc == 't' ? CX_PK_TUPLE : opc == 'l' ? CX_PK_LIST :
			    opc == 'd' ? CX_PK_DICT : CX_PK_SET, first, n);
			if (push(vm, o) == -1)
				return -1;
			break;
		case 0x85:	/* TUPLE1..3 */
		case 0x86:
		case 0x87: {
			size_t k = (size_t)(opc - 0x84), floor = vm->mn ? vm->marks[vm->mn - 1] : 0;
			if (vm->sn < floor + k)
				return vm_err(vm, "stack underflow");
			if (push(vm, seq_from_stack(vm, CX_PK_TUPLE, vm->sn - k, k)) == -1)
				return -1;
			break;
		}
		case 'a':	/* APPEND */
			if ((b = pop(vm)) == NULL || (a = top(vm)) == NULL)
				return -1;
			if (a->kind != CX_PK_LIST)
				return vm_err(vm, "APPEND to a non-list");
			if (seq_add(vm->pk, &a->u.s, b) == -1)
				return vm_err(vm, "too many objects");
			break;
		case 'e':	/* APPENDS */
		case 0x90:	/* ADDITEMS */
		case 'u': {	/* SETITEMS */
			if (pop_mark(vm, &first, &n) == -1)
				return -1;
			if (first == 0 || (vm->mn > 0 && vm->marks[vm->mn - 1] >= first))
				return vm_err(vm, "stack underflow");
			a = vm->stack[first - 1];
			if ((opc == 'e' && a->kind != CX_PK_LIST) || (opc == 0x90 && a->kind != CX_PK_SET) ||
			    (opc == 'u' && a->kind != CX_PK_DICT))
				return vm_err(vm, "item opcode on the wrong kind of object");
			if (opc == 'u' && n % 2 != 0)
				return vm_err(vm, "odd number of items for SETITEMS");
			for (size_t i = 0; i < n; i++)
				if (seq_add(vm->pk, &a->u.s, vm->stack[first + i]) == -1)
					return vm_err(vm, "too many objects");
			vm->sn = first;
			break;
		}
		case 's':	/* SETITEM */
			if ((b = pop(vm)) == NULL || (a = pop(vm)) == NULL || (o = top(vm)) == NULL)
				return -1;
			if (o->kind != CX_PK_DICT)
				return vm_err(vm, "SETITEM on a non-dict");
			if (seq_add(vm->pk, &o->u.s, a) == -1 || seq_add(vm->pk, &o->u.s, b) == -1)
				return vm_err(vm, "too many objects");
			break;
		case 'q':	/* BINPUT */
		case 'r':	/* LONG_BINPUT */
			if ((p = need(vm, opc == 'q' ? 1 : 4)) == NULL)
				return -1;
			if (memo_put(vm, le(p, opc == 'q' ? 1 : 4), top(vm)) == -1)
				return -1;
			break;
		case 'p':	/* PUT (text) */
			if (parse_int_line(vm, &iv) == -1)
				return -1;
			if (iv < 0 || memo_put(vm, (uint64_t)iv, top(vm)) == -1)
				return iv < 0 ? vm_err(vm, "negative memo index") : -1;
			break;
		case 0x94:	/* MEMOIZE */
			if (memo_put(vm, vm->memocount, top(vm)) == -1)
				return -1;
			break;
		case 'h':	/* BINGET */
		case 'j':	/* LONG_BINGET */
			if ((p = need(vm, opc == 'h' ? 1 : 4)) == NULL ||
			    memo_get(vm, le(p, opc == 'h' ? 1 : 4)) == -1)
				return -1;
			break;
		case 'g':	/* GET (text) */
			if (parse_int_line(vm, &iv) == -1)
				return -1;
			if (iv < 0 || memo_get(vm, (uint64_t)iv) == -1)
				return iv < 0 ? vm_err(vm, "negative memo index") : -1;
			break;
		case 'c': {	/* GLOBAL "module\nname\n" */
			char mod[PK_MAX_LINE], name[PK_MAX_LINE];
			int g;
			if (read_line(vm, mod) == -1 || read_line(vm, name) == -1)
				return -1;
			if ((g = find_global(vm, mod, strlen(mod), name, strlen(name))) == -1)
				return -1;
			if ((o = obj_new(vm, CX_PK_GLOBAL)) == NULL)
				return -1;
			o->u.g = g;
			if (push(vm, o) == -1)
				return -1;
			break;
		}
		case 0x93: {	/* STACK_GLOBAL */
			const uint8_t *ms = NULL, *ns = NULL;
			size_t ml = 0, nl = 0;
			int g;
			if ((b = pop(vm)) == NULL || (a = pop(vm)) == NULL)
				return -1;
			if (a->kind != CX_PK_STR || b->kind != CX_PK_STR || a->u.b.len > PK_MAX_LINE ||
			    b->u.b.len > PK_MAX_LINE)
				return vm_err(vm, "STACK_GLOBAL wants two short strings");
			if (cx_pk_blob(vm->pk, a, &ms, &ml, vm->err) == -1 ||
			    cx_pk_blob(vm->pk, b, &ns, &nl, vm->err) == -1)
				return -1;
			if ((g = find_global(vm, (const char *)ms, ml, (const char *)ns, nl)) == -1)
				return -1;
			if ((o = obj_new(vm, CX_PK_GLOBAL)) == NULL)
				return -1;
			o->u.g = g;
			if (push(vm, o) == -1)
				return -1;
			break;
		}
		case 'R':	/* REDUCE */
			if ((b = pop(vm)) == NULL || (a = pop(vm)) == NULL)
				return -1;
			if (reduce(vm, a, b) == -1)
				return -1;
			break;
		case 'b':	/* BUILD */
			if ((b = pop(vm)) == NULL || (a = top(vm)) == NULL)
				return -1;
			if (build(vm, a, b) == -1)
				return -1;
			break;
		case 'Q':	/* BINPERSID */
			if ((a = pop(vm)) == NULL || persid(vm, a) == -1)
				return -1;
			break;
		case 'P':
			return vm_err(vm, "text persistent ids are not supported");
		case 'V':	/* UNICODE and STRING: text strings, only in protocol 0 */
		case 'S':
			return vm_err(vm, "a protocol 0 (text) pickle: its %s opcode is not "
			    "supported; save it with protocol 2 or later (torch.save's default)",
			    opc == 'V' ? "UNICODE" : "STRING");
		case 0x81:
		case 0x92:
			return vm_err(vm, "object construction (NEWOBJ) is not allowed");
		case 'i':
		case 'o':
			return vm_err(vm, "object construction (INST/OBJ) is not allowed");
		case 0x82:
		case 0x83:
		case 0x84:
			return vm_err(vm, "extension registry opcodes are not allowed");
		default: {
			char h[8];
			snprintf(h, sizeof h, "0x%02x", opc);
			return vm_err(vm, "unsupported opcode %s", h);
		}
		}
	}
}

static void
vm_init(struct vm *vm, struct cx_pickle *pk, struct cx_err *err)
{
	memset(vm, 0, sizeof *vm);
	vm->pk = pk;
	vm->err = err;
}

/* Fresh stack and memo for the next pickle of the same stream. */
static void
vm_reset(struct vm *vm)
{
	vm->sn = vm->mn = 0;
	vm->memocount = 0;
	if (vm->memon)
		memset(vm->memo, 0, vm->memon * sizeof *vm->memo);
}

static void
vm_fini(struct vm *vm)
{
	free(vm->stack);
	free(vm->marks);
	free(vm->memo);
	free(vm->buf);
}

/* ---- the legacy torch.save stream of one storage (SPEC §2.4) ---- */

static int
storage_decode(struct cx_pickle *pk, struct cx_pk_obj *st, uint64_t max_bytes,
    struct cx_err *err)
{
	static const uint8_t magic[10] = { 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8,
	    0x50, 0x19 };
	struct blob *bb;
	struct cx_pk_obj *r[5], *ps, *keys;
	const struct cx_pk_obj *le_flag;
	struct vm vm;
	int rc = -1;
	const uint8_t *ks = NULL;
	size_t kn = 0;

	if (st->u.st.decoded)
		return 0;
	if (st->u.st.bytes == NULL)
		return off_err(err, st->off, "storage data missing");
	bb = &st->u.st.bytes->u.b;
	if (bb->len > max_bytes)
		return off_err(err, bb->off, "tensor storage too large");
	if (blob_load(pk, bb, err) == -1)
		return -1;
	vm_init(&vm, pk, err);
	vm.mem = bb->p;
	vm.base = bb->off;
	vm.size = bb->len;
	vm.inner = 1;
	for (int i = 0; i < 5; i++) {
		vm_reset(&vm);
		if (run(&vm, &r[i]) == -1)
			goto out;
	}
	vm.op = bb->off;
	if (r[0]->kind != CX_PK_BIGINT || r[0]->u.b.len != 10 ||
	    memcmp(r[0]->u.b.p, magic, 10) != 0) {
		vm_err(&vm, "not a torch storage (bad magic number)");
		goto out;
	}
	if (r[1]->kind != CX_PK_INT || r[1]->u.i != 1001) {
		vm_err(&vm, "unsupported torch storage protocol");
		goto out;
	}
	if (r[2]->kind != CX_PK_DICT) {
		vm_err(&vm, "bad torch sys info");
		goto out;
	}
	le_flag = cx_pk_dict_get(pk, r[2], "little_endian");
	if (le_flag != NULL && !(le_flag->kind == CX_PK_BOOL && le_flag->u.i)) {
		vm_err(&vm, "big-endian torch storage not supported");
		goto out;
	}
	ps = r[3];
	keys = r[4];
	if (ps->kind != CX_PK_PSTORAGE || keys->kind != CX_PK_LIST) {
		vm_err(&vm, "bad torch storage stream");
		goto out;
	}
	if (cx_pk_blob(pk, ps->u.ps.key, &ks, &kn, err) == -1)
		goto out;
	/* Records follow in key order: int64 count, then the raw elements. */
	for (size_t i = 0; i < keys->u.s.n; i++) {
		const uint8_t *p, *s;
		size_t sn;
		uint64_t count, esz = (uint64_t)dt_size[ps->u.ps.dt];
		vm.op = vm.base + vm.pos;
		if (keys->u.s.v[i]->kind != CX_PK_STR ||
		    cx_pk_blob(pk, keys->u.s.v[i], &s, &sn, err) == -1) {
			vm_err(&vm, "bad storage key list");
			goto out;
		}
		if ((p = need(&vm, 8)) == NULL)
			goto out;
		count = le(p, 8);
		if (count > (vm.size - vm.pos) / esz) {
			vm_err(&vm, "storage size exceeds the data");
			goto out;
		}
		if (sn == kn && memcmp(s, ks, kn) == 0) {
			if (count != ps->u.ps.numel) {
				vm_err(&vm, "storage element count does not match its header");
				goto out;
			}
			st->u.st.dt = ps->u.ps.dt;
			st->u.st.data = vm.mem + vm.pos;
			st->u.st.numel = count;
			if (ps->u.ps.view) {
				st->u.st.data += ps->u.ps.view_off * esz;
				st->u.st.numel = ps->u.ps.view_size;
			}
			st->u.st.decoded = 1;
			rc = 0;
			goto out;
		}
		vm.pos += count * esz;
	}
	vm_err(&vm, "storage data missing");
out:
	vm_fini(&vm);
	return rc;
}

/* ---- torch.save files: the zip form (torch >= 1.6) and the legacy one ---- */

static const uint8_t torch_magic[10] = { 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8,
    0x50, 0x19 };

/* Point the storages of persistent ids with key (k, kn) at data (n bytes). */
static int
torchsave_give(struct cx_pickle *pk, const uint8_t *k, size_t kn, const uint8_t *data,
    uint64_t n, uint64_t off, int *any, struct cx_err *err)
{
	*any = 0;
	for (size_t i = 0; i < pk->pst.n; i++) {
		struct cx_pk_obj *st = pk->pst.v[i], *ps = st->u.st.ps;
		const uint8_t *s = NULL;
		size_t sn = 0;
		uint64_t esz = (uint64_t)dt_size[ps->u.ps.dt], numel = ps->u.ps.numel;
		if (cx_pk_blob(pk, ps->u.ps.key, &s, &sn, err) == -1)
			return -1;
		if (sn != kn || memcmp(s, k, kn) != 0)
			continue;
		*any = 1;
		if (numel > n / esz)
			return off_err(err, off, "torch.save file: storage size exceeds the data");
		st->u.st.dt = ps->u.ps.dt;
		st->u.st.data = data;
		st->u.st.numel = numel;
		if (ps->u.ps.view) {
			st->u.st.data += ps->u.ps.view_off * esz;
			st->u.st.numel = ps->u.ps.view_size;
		}
		st->u.st.decoded = 1;
	}
	return 0;
}

static uint64_t
rd(const uint8_t *p, int n)
{
	return le(p, n);
}

/* The zip form: a stored (not compressed) zip of PREFIX/data.pkl, whose
 * persistent ids ('storage', type, key, location, numel) name the entries
 * PREFIX/data/KEY holding the raw elements. */
static int
torchsave_zip(struct cx_pickle *pk, struct cx_err *err)
{
	const uint8_t *b = pk->mem;
	uint64_t len = pk->size, eocd = 0, cd, cdn, pos, poff = 0, plen = 0;
	const uint8_t *pname = NULL;
	size_t pnl = 0;
	struct vm vm;
	int found = 0, rc;

	if (len < 22)
		return off_err(err, 0, "torch.save file: truncated zip");
	for (uint64_t i = len - 22 + 1; i-- > 0 && len - 22 - i <= 65535;)
		if (rd(b + i, 4) == 0x06054b50) {
			eocd = i;
			found = 1;
			break;
		}
	if (!found)
		return off_err(err, 0, "torch.save file: no zip directory (truncated?)");
	cdn = rd(b + eocd + 10, 2);
	cd = rd(b + eocd + 16, 4);
	if (rd(b + eocd + 12, 4) == 0xffffffff || cd == 0xffffffff)
		return off_err(err, eocd, "torch.save file: zip64 archives are not supported");
	if (cd > eocd || rd(b + eocd + 12, 4) > eocd - cd)
		return off_err(err, eocd, "torch.save file: bad zip directory");
	/* two passes over the directory: data.pkl, then the storages */
	for (int pass = 0; pass < 2; pass++) {
		pos = cd;
		for (uint64_t e = 0; e < cdn; e++) {
			uint64_t meth, csz, usz, nl, xl, cl, lh, doff;
			const uint8_t *name;
			if (pos + 46 > eocd || rd(b + pos, 4) != 0x02014b50)
				return off_err(err, pos, "torch.save file: bad zip directory entry");
			meth = rd(b + pos + 10, 2);
			csz = rd(b + pos + 20, 4);
			usz = rd(b + pos + 24, 4);
			nl = rd(b + pos + 28, 2);
			xl = rd(b + pos + 30, 2);
			cl = rd(b + pos + 32, 2);
			lh = rd(b + pos + 42, 4);
			name = b + pos + 46;
			if (pos + 46 + nl + xl + cl > eocd)
				return off_err(err, pos, "torch.save file: bad zip directory entry");
			pos += 46 + nl + xl + cl;
			if (lh + 30 > len || rd(b + lh, 4) != 0x04034b50)
				return off_err(err, lh, "torch.save file: bad zip entry header");
			doff = lh + 30 + rd(b + lh + 26, 2) + rd(b + lh + 28, 2);
			if (doff > len || csz > len - doff)
				return off_err(err, lh, "torch.save file: zip entry extends past the file");
			if (pass == 0) {
				if (nl >= 8 && memcmp(name + nl - 8, "data.pkl", 8) == 0 &&
				    (nl == 8 || name[nl - 9] == '/') && pname == NULL) {
					if (meth != 0 || csz != usz)
						return off_err(err, lh, "torch.save file: data.pkl is "
						    "compressed (only stored entries are read)");
					pname = name;
					pnl = nl - 8;
					poff = doff;
					plen = csz;
				}
				continue;
			}
			/* PREFIX/data/KEY */
			if (nl > pnl + 5 && memcmp(name, pname, pnl) == 0 &&
			    memcmp(name + pnl, "data/", 5) == 0) {
				int any;
				if (torchsave_give(pk, name + pnl + 5, (size_t)(nl - pnl - 5), b + doff,
				    usz, lh, &any, err) == -1)
					return -1;
				if (any && (meth != 0 || csz != usz))
					return off_err(err, lh, "torch.save file: a storage is "
					    "compressed (only stored entries are read)");
			}
		}
		if (pass == 1)
			break;
		if (pname == NULL)
			return off_err(err, cd, "torch.save file: no data.pkl in the zip");
		vm_init(&vm, pk, err);
		vm.mem = b + poff;
		vm.base = poff;
		vm.size = plen;
		vm.inner = 2;
		rc = run(&vm, &pk->root);
		vm_fini(&vm);
		if (rc == -1)
			return -1;
	}
	for (size_t i = 0; i < pk->pst.n; i++)
		if (!pk->pst.v[i]->u.st.decoded)
			return off_err(err, pk->pst.v[i]->off, "torch.save file: storage data missing");
	return 0;
}

/* The legacy form (_use_new_zipfile_serialization=False, torch < 1.6): five
 * pickles (magic number, protocol 1001, sys info, the object, the storage
 * keys), then per key an int64 element count and the raw elements. */
static int
torchsave_legacy(struct cx_pickle *pk, struct cx_err *err)
{
	struct cx_pk_obj *r[5], *keys;
	const struct cx_pk_obj *le_flag;
	struct vm vm;
	int rc = -1;

	vm_init(&vm, pk, err);
	vm.mem = pk->mem;
	vm.size = pk->size;
	vm.inner = 2;
	for (int i = 0; i < 5; i++) {
		vm_reset(&vm);
		if (run(&vm, &r[i]) == -1)
			goto out;
	}
	vm.op = 0;
	if (r[1]->kind != CX_PK_INT || r[1]->u.i != 1001) {
		vm_err(&vm, "torch.save file: unsupported protocol");
		goto out;
	}
	le_flag = r[2]->kind == CX_PK_DICT ? cx_pk_dict_get(pk, r[2], "little_endian") : NULL;
	if (r[2]->kind != CX_PK_DICT ||
	    (le_flag != NULL && !(le_flag->kind == CX_PK_BOOL && le_flag->u.i))) {
		vm_err(&vm, "torch.save file: big-endian or bad sys info");
		goto out;
	}
	keys = r[4];
	if (keys->kind != CX_PK_LIST) {
		vm_err(&vm, "torch.save file: bad storage key list");
		goto out;
	}
	for (size_t i = 0; i < keys->u.s.n; i++) {
		const uint8_t *p, *k;
		size_t kn;
		uint64_t count, esz = 0;
		int any;
		vm.op = vm.base + vm.pos;
		if (keys->u.s.v[i]->kind != CX_PK_STR ||
		    cx_pk_blob(pk, keys->u.s.v[i], &k, &kn, err) == -1) {
			vm_err(&vm, "torch.save file: bad storage key list");
			goto out;
		}
		/* the element size is the storage type's, found by key */
		for (size_t j = 0; j < pk->pst.n && esz == 0; j++) {
			const uint8_t *s = NULL;
			size_t sn = 0;
			struct cx_pk_obj *ps = pk->pst.v[j]->u.st.ps;
			if (cx_pk_blob(pk, ps->u.ps.key, &s, &sn, err) == -1)
				goto out;
			if (sn == kn && memcmp(s, k, kn) == 0)
				esz = (uint64_t)dt_size[ps->u.ps.dt];
		}
		if (esz == 0) {
			vm_err(&vm, "torch.save file: a storage no tensor uses");
			goto out;
		}
		if ((p = need(&vm, 8)) == NULL)
			goto out;
		count = le(p, 8);
		if (count > (vm.size - vm.pos) / esz) {
			vm_err(&vm, "torch.save file: storage size exceeds the data");
			goto out;
		}
		if (torchsave_give(pk, k, kn, vm.mem + vm.pos, count * esz, vm.op, &any, err) == -1)
			goto out;
		vm.pos += count * esz;
	}
	for (size_t i = 0; i < pk->pst.n; i++)
		if (!pk->pst.v[i]->u.st.decoded) {
			off_err(err, pk->pst.v[i]->off, "torch.save file: storage data missing");
			goto out;
		}
	pk->root = r[3];
	rc = 0;
out:
	vm_fini(&vm);
	return rc;
}

/* 1 for a zip, 2 for a legacy torch.save stream, 0 for a plain pickle. */
static int
torchsave_kind(const uint8_t *h, size_t n)
{
	if (n >= 4 && memcmp(h, "PK\003\004", 4) == 0)
		return 1;
	if (n >= 14 && h[0] == 0x80 && h[2] == 0x8a && h[3] == 10 &&
	    memcmp(h + 4, torch_magic, 10) == 0)
		return 2;
	return 0;
}

/* ---- public ---- */

static int
load(struct cx_pickle *pk, struct cx_err *err)
{
	struct vm vm;
	uint8_t h[16];
	size_t hn = 0;
	int rc, kind;

	if (pk->fd < 0) {
		hn = pk->size < sizeof h ? (size_t)pk->size : sizeof h;
		memcpy(h, pk->mem, hn);
	} else if (pk->size >= sizeof h && pread_all(pk->fd, h, sizeof h, 0) == 0)
		hn = sizeof h;
	if ((kind = torchsave_kind(h, hn)) != 0) {
		if (pk->fd >= 0) {
			if (pk->size > PK_TORCHSAVE_MAX)
				return off_err(err, 0, "torch.save file too large");
			pk->own = cx_xmalloc((size_t)pk->size + 1);
			if (pread_all(pk->fd, pk->own, (size_t)pk->size, 0) == -1)
				return off_err(err, 0, "read error");
			pk->mem = pk->own;
			close(pk->fd);
			pk->fd = -1;
		}
		return kind == 1 ? torchsave_zip(pk, err) : torchsave_legacy(pk, err);
	}
	vm_init(&vm, pk, err);
	vm.mem = pk->fd < 0 ? pk->mem : NULL;
	vm.size = pk->size;
	if (pk->fd >= 0)
		vm.buf = cx_xmalloc(PK_BUFSZ);
	vm.boff = UINT64_MAX / 2;
	rc = run(&vm, &pk->root);
	vm_fini(&vm);
	return rc;
}

int
cx_pickle_load(struct cx_pickle **out, const char *path, struct cx_err *err)
{
	struct cx_pickle *pk;
	uint64_t size;
	int fd;

	*out = NULL;
	if ((fd = cx_open_regular(path, &size, err)) == -1)
		return -1;
	pk = cx_xcalloc(1, sizeof *pk);
	pk->fd = fd;
	pk->size = size;
	if (load(pk, err) == -1) {
		cx_err_file(err, path);
		cx_pickle_free(pk);
		return -1;
	}
	*out = pk;
	return 0;
}

int
cx_pickle_load_mem(struct cx_pickle **out, const void *buf, size_t len, struct cx_err *err)
{
	struct cx_pickle *pk = cx_xcalloc(1, sizeof *pk);

	pk->fd = -1;
	pk->mem = buf;
	pk->size = len;
	*out = NULL;
	if (load(pk, err) == -1) {
		cx_pickle_free(pk);
		return -1;
	}
	*out = pk;
	return 0;
}

void
cx_pickle_free(struct cx_pickle *pk)
{
	struct arena_blk *b, *next;

	if (pk == NULL)
		return;
	for (b = pk->arena; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	if (pk->fd >= 0)
		close(pk->fd);
	free(pk->own);
	free(pk);
}

const struct cx_pk_obj *
cx_pickle_root(const struct cx_pickle *pk)
{
	return pk->root;
}

enum cx_pk_kind
cx_pk_kind(const struct cx_pk_obj *o)
{
	return o->kind;
}

uint64_t
cx_pk_offset(const struct cx_pk_obj *o)
{
	return o->off;
}

const struct cx_pk_obj *
cx_pk_dict_get(struct cx_pickle *pk, const struct cx_pk_obj *d, const char *key)
{
	if (d == NULL || d->kind != CX_PK_DICT)
		return NULL;
	/* The last assignment wins, as in Python. */
	for (size_t i = d->u.s.n; i >= 2; i -= 2)
		if (blob_is(pk, d->u.s.v[i - 2], key))
			return d->u.s.v[i - 1];
	return NULL;
}

size_t
cx_pk_len(const struct cx_pk_obj *o)
{
	if (o->kind == CX_PK_TUPLE || o->kind == CX_PK_LIST || o->kind == CX_PK_SET)
		return o->u.s.n;
	return 0;
}

const struct cx_pk_obj *
cx_pk_item(const struct cx_pk_obj *o, size_t i)
{
	return i < cx_pk_len(o) ? o->u.s.v[i] : NULL;
}

int
cx_pk_number(const struct cx_pk_obj *o, double *v)
{
	if (o == NULL)
		return -1;
	if (o->kind == CX_PK_INT || o->kind == CX_PK_BOOL)
		*v = (double)o->u.i;
	else if (o->kind == CX_PK_FLOAT)
		*v = o->u.f;
	else
		return -1;
	return 0;
}

int
cx_pk_number_f32(const struct cx_pk_obj *o)
{
	return o != NULL && o->kind == CX_PK_FLOAT && o->f32;
}

int
cx_pk_int(const struct cx_pk_obj *o, int64_t *v)
{
	if (o == NULL || (o->kind != CX_PK_INT && o->kind != CX_PK_BOOL))
		return -1;
	*v = o->u.i;
	return 0;
}

int
cx_pk_blob(struct cx_pickle *pk, const struct cx_pk_obj *o, const uint8_t **p, size_t *n,
    struct cx_err *err)
{
	struct blob *b;

	if (o == NULL || (o->kind != CX_PK_STR && o->kind != CX_PK_BYTES))
		return cx_err_set(err, "not a string");
	b = (struct blob *)&o->u.b;
	if (blob_load(pk, b, err) == -1)
		return -1;
	*p = b->p;
	*n = (size_t)b->len;
	return 0;
}

/* numel of a shape, or -1 when above max. */
static int
shape_numel(const uint64_t *shape, int ndim, uint64_t max, uint64_t *numel)
{
	uint64_t n = 1;

	for (int i = 0; i < ndim; i++) {
		if (shape[i] != 0 && n > max / shape[i])
			n = max + 1;
		else
			n *= shape[i];
	}
	for (int i = 0; i < ndim; i++)
		if (shape[i] == 0)
			n = 0;
	*numel = n;
	return n > max ? -1 : 0;
}

/* Little-endian float32 bytes into floats: a copy where the host is
 * little-endian (the bytes are the floats), assembled byte by byte else. */
static void
f32_le_copy(float *out, const uint8_t *src, uint64_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(out, src, (size_t)n * 4);
#else
	for (uint64_t k = 0; k < n; k++) {
		uint32_t u = (uint32_t)src[4 * k] | (uint32_t)src[4 * k + 1] << 8 |
		    (uint32_t)src[4 * k + 2] << 16 | (uint32_t)src[4 * k + 3] << 24;
		memcpy(&out[k], &u, 4);
	}
#endif
}

static int array_read(struct cx_pickle *pk, const struct cx_pk_obj *o, uint64_t max_elems,
    struct cx_pk_array *a, int want_f32, struct cx_err *err);

int
cx_pk_array(struct cx_pickle *pk, const struct cx_pk_obj *o, uint64_t max_elems,
    struct cx_pk_array *a, struct cx_err *err)
{
	return array_read(pk, o, max_elems, a, 0, err);
}

int
cx_pk_array_f32(struct cx_pickle *pk, const struct cx_pk_obj *o, uint64_t max_elems,
    struct cx_pk_array *a, struct cx_err *err)
{
	return array_read(pk, o, max_elems, a, 1, err);
}

static int
array_read(struct cx_pickle *pk, const struct cx_pk_obj *o, uint64_t max_elems,
    struct cx_pk_array *a, int want_f32, struct cx_err *err)
{
	memset(a, 0, sizeof *a);
	if (o == NULL)
		return cx_err_set(err, "missing array");
	if (o->kind == CX_PK_TENSOR) {
		struct cx_pk_obj *st = o->u.t.storage;
		uint64_t last = (uint64_t)o->u.t.offset, idx[PK_MAXDIM] = {0};
		int nd = o->u.t.ndim, esz;

		/* the stream holds the whole storage: refuse one far larger
		 * than the elements asked for before reading it */
		if (storage_decode(pk, st, max_elems * 8 + (1u << 20), err) == -1)
			return -1;
		a->ndim = nd;
		for (int i = 0; i < nd; i++)
			a->shape[i] = (uint64_t)o->u.t.size[i];
		if (shape_numel(a->shape, nd, max_elems, &a->n) == -1)
			return off_err(err, o->off, "tensor too large");
		/* The largest element index must lie inside the storage. */
		if (a->n > 0) {
			for (int i = 0; i < nd; i++) {
				uint64_t span = (a->shape[i] - 1);
				uint64_t s = (uint64_t)o->u.t.stride[i];
				if (s != 0 && span > (UINT64_MAX / 2) / s)
					return off_err(err, o->off, "tensor strides overflow");
				last += span * s;
				if (last > UINT64_MAX / 4)
					return off_err(err, o->off, "tensor strides overflow");
			}
			if (last >= st->u.st.numel)
				return off_err(err, o->off, "tensor extends past its storage");
		}
		esz = dt_size[st->u.st.dt];
		a->f32 = st->u.st.dt == DT_F32;
		a->f64 = st->u.st.dt == DT_F64;
		/* the common case: a contiguous little-endian float32 tensor */
		if (st->u.st.dt == DT_F32 && a->n > 0) {
			uint64_t want = 1;
			int contiguous = 1;
			for (int i = nd - 1; i >= 0; i--) {
				if (a->shape[i] != 1 && (uint64_t)o->u.t.stride[i] != want)
					contiguous = 0;
				want *= a->shape[i];
			}
			if (contiguous && want_f32) {
				a->f = cx_xmalloc((size_t)a->n * sizeof *a->f);
				f32_le_copy(a->f, st->u.st.data + (uint64_t)o->u.t.offset * 4, a->n);
				return 0;
			}
			a->v = cx_xmalloc((size_t)a->n * sizeof *a->v);
			if (contiguous) {
				const uint8_t *src = st->u.st.data + (uint64_t)o->u.t.offset * 4;
				for (uint64_t k = 0; k < a->n; k++) {
					float f;
					f32_le_copy(&f, src + 4 * k, 1);
					a->v[k] = f;
				}
				return 0;
			}
		} else
			a->v = cx_xmalloc((size_t)(a->n ? a->n : 1) * sizeof *a->v);
		for (uint64_t k = 0; k < a->n; k++) {
			uint64_t e = (uint64_t)o->u.t.offset;
			for (int i = 0; i < nd; i++)
				e += idx[i] * (uint64_t)o->u.t.stride[i];
			a->v[k] = elem(st->u.st.data + e * (uint64_t)esz, st->u.st.dt, 0);
			for (int i = nd - 1; i >= 0; i--) {
				if (++idx[i] < a->shape[i])
					break;
				idx[i] = 0;
			}
		}
		return 0;
	}
	if (o->kind == CX_PK_NDARRAY) {
		const struct cx_pk_obj *d = o->u.nd.dtype;
		const uint8_t *p = NULL;
		size_t len = 0;
		int nd = o->u.nd.ndim, dt, swap;
		uint64_t idx[PK_MAXDIM] = {0};

		if (d == NULL || o->u.nd.data == NULL)
			return off_err(err, o->off, "ndarray without data");
		dt = d->u.dt.dt;
		swap = d->u.dt.order == '>';
		a->ndim = nd;
		memcpy(a->shape, o->u.nd.shape, sizeof a->shape);
		if (shape_numel(a->shape, nd, max_elems, &a->n) == -1)
			return off_err(err, o->off, "array too large");
		if (cx_pk_blob(pk, o->u.nd.data, &p, &len, err) == -1)
			return -1;
		if ((uint64_t)len != a->n * (uint64_t)dt_size[dt])
			return off_err(err, o->off, "array data size does not match its shape");
		a->f32 = dt == DT_F32;
		a->f64 = dt == DT_F64;
		a->v = cx_xmalloc((size_t)(a->n ? a->n : 1) * sizeof *a->v);
		for (uint64_t k = 0; k < a->n; k++) {
			/* k walks C order; the data is in C or Fortran order. */
			uint64_t e = 0, mul = 1;
			if (o->u.nd.fortran) {
				for (int i = 0; i < nd; i++) {
					e += idx[i] * mul;
					mul *= a->shape[i];
				}
			} else {
				for (int i = nd - 1; i >= 0; i--) {
					e += idx[i] * mul;
					mul *= a->shape[i];
				}
			}
			a->v[k] = elem(p + e * (uint64_t)dt_size[dt], dt, swap);
			for (int i = nd - 1; i >= 0; i--) {
				if (++idx[i] < a->shape[i])
					break;
				idx[i] = 0;
			}
		}
		return 0;
	}
	return off_err(err, o->off, "not a tensor or array");
}
