/* npy: the .npy header is a Python dict literal; we read only the three keys
 * NumPy writes, with a small hand parser (no eval). */
#include "npy.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "xalloc.h"

static int
at(struct cx_err *err, uint64_t off, const char *msg)
{
	char where[64];

	snprintf(where, sizeof where, "byte %llu", (unsigned long long)off);
	return cx_err_at(err, where, "%s", msg);
}

/* The value text after 'key': in the header h (NUL-terminated), or NULL. */
static const char *
hval(const char *h, const char *key)
{
	char pat[32];
	const char *p;

	snprintf(pat, sizeof pat, "'%s'", key);
	if ((p = strstr(h, pat)) == NULL) {
		snprintf(pat, sizeof pat, "\"%s\"", key);
		if ((p = strstr(h, pat)) == NULL)
			return NULL;
	}
	p += strlen(pat);
	while (*p == ' ')
		p++;
	if (*p++ != ':')
		return NULL;
	while (*p == ' ')
		p++;
	return p;
}

/* The header must be exactly a Python dict literal of the three keys with
 * string, boolean or integer-tuple values (what numpy writes): a key found
 * by searching is not enough when the rest could be anything. */
static int
header_ok(const char *p)
{
	int seen = 0, k;

#define SP() while (*p == ' ') p++
	SP();
	if (*p++ != '{')
		return 0;
	for (;;) {
		char q;
		const char *k0;
		SP();
		if (*p == '}')
			break;
		if ((q = *p) != '\'' && q != '"')
			return 0;
		for (k0 = ++p; *p != q; p++)
			if (*p == '\0' || *p == '\\')
				return 0;
		k = (p - k0 == 5 && memcmp(k0, "descr", 5) == 0) ? 1 :
		    (p - k0 == 13 && memcmp(k0, "fortran_order", 13) == 0) ? 2 :
		    (p - k0 == 5 && memcmp(k0, "shape", 5) == 0) ? 4 : 0;
		if (k == 0 || (seen & k))
			return 0;
		seen |= k;
		p++;
		SP();
		if (*p++ != ':')
			return 0;
		SP();
		if (*p == '\'' || *p == '"') {
			q = *p++;
			while (*p != q)
				if (*p == '\0' || *p++ == '\\')
					return 0;
			p++;
		} else if (strncmp(p, "True", 4) == 0 || strncmp(p, "False", 5) == 0) {
			p += *p == 'T' ? 4 : 5;
		} else if (*p == '(') {
			for (p++;; ) {
				SP();
				if (*p == ')')
					break;
				if (*p < '0' || *p > '9')
					return 0;
				while (*p >= '0' && *p <= '9')
					p++;
				SP();
				if (*p == ',')
					p++;
				else if (*p != ')')
					return 0;
			}
			p++;
		} else
			return 0;
		SP();
		if (*p == ',')
			p++;
		else if (*p != '}')
			return 0;
	}
	p++;
	while (*p == ' ' || *p == '\n')
		p++;
#undef SP
	return *p == '\0' && seen == 7;
}

double
cx_npy_half(uint16_t u)
{
	int e = u >> 10 & 0x1f, m = u & 0x3ff;
	double v = e == 0 ? ldexp(m, -24) : e == 31 ? (m ? NAN : INFINITY) : ldexp(m + 1024, e - 25);

	return (u & 0x8000) ? -v : v;
}

double
cx_npy_i64(int64_t v)
{
	return (float)v;
}

double
cx_npy_u64(uint64_t v)
{
	return (float)v;
}

/* One element of kind f, i, u or b and size bytes. */
static double
rd(const uint8_t *p, char kind, int size, int swap)
{
	uint8_t b[8];
	uint64_t u = 0;

	for (int i = 0; i < size; i++)
		b[i] = swap ? p[size - 1 - i] : p[i];
	if (kind == 'f' && size == 4) {
		float f;
		memcpy(&f, b, 4);
		return f;
	}
	if (kind == 'f' && size == 8) {
		double d;
		memcpy(&d, b, 8);
		return d;
	}
	/* b is in host order now */
	switch (size) {
	case 1: u = b[0]; break;
	case 2: { uint16_t x; memcpy(&x, b, 2); u = x; break; }
	case 4: { uint32_t x; memcpy(&x, b, 4); u = x; break; }
	case 8: memcpy(&u, b, 8); break;
	}
	if (kind == 'f')
		return cx_npy_half((uint16_t)u);
	if (kind == 'b')
		return u != 0;
	if (kind == 'u')
		return size == 8 ? cx_npy_u64(u) : (double)(float)u;
	switch (size) {
	case 1: return (double)(float)(int8_t)u;
	case 2: return (double)(float)(int16_t)u;
	case 4: return (double)(float)(int32_t)u;
	default: return cx_npy_i64((int64_t)u);
	}
}

int
cx_npy_parse(struct cx_npy *a, const uint8_t *buf, size_t len, uint64_t max_elems,
    struct cx_err *err)
{
	const uint8_t *data;
	char *h, order, kind;
	const char *d, *s, *f;
	uint64_t hlen, hoff, n = 1, esz;
	int fortran, swap, zero = 0;
	static const int host_le = 1;

	memset(a, 0, sizeof *a);
	if (len < 10 || memcmp(buf, "\x93NUMPY", 6) != 0)
		return at(err, 0, "not a .npy file (bad magic)");
	if (buf[6] == 1) {
		hlen = (uint64_t)buf[8] | (uint64_t)buf[9] << 8;
		hoff = 10;
	} else if (buf[6] == 2 || buf[6] == 3) {
		if (len < 12)
			return at(err, 0, "truncated header");
		hlen = (uint64_t)buf[8] | (uint64_t)buf[9] << 8 | (uint64_t)buf[10] << 16 |
		    (uint64_t)buf[11] << 24;
		hoff = 12;
	} else
		return at(err, 6, "unsupported .npy version");
	if (hlen > 1u << 20 || hlen > len - hoff)
		return at(err, 8, "header length exceeds the file");
	h = cx_xmalloc((size_t)hlen + 1);
	memcpy(h, buf + hoff, (size_t)hlen);
	h[hlen] = '\0';
	if (!header_ok(h)) {
		free(h);
		return at(err, hoff, "header is not a dict of descr, fortran_order and shape");
	}
	d = hval(h, "descr");
	f = hval(h, "fortran_order");
	s = hval(h, "shape");
	if (d == NULL || f == NULL || s == NULL) {
		free(h);
		return at(err, hoff, "header lacks descr, fortran_order or shape");
	}
	/* descr: '<f4', '>f8', '=f2', '|u1', '<i8', '|b1' */
	if ((d[0] != '\'' && d[0] != '"') || d[1] == '\0' || strchr("<>=|", d[1]) == NULL ||
	    d[2] == '\0' || strchr("fiub", d[2]) == NULL || d[3] == '\0' ||
	    strchr("1248", d[3]) == NULL || d[4] != d[0] || (d[2] == 'f' && d[3] == '1') ||
	    (d[2] == 'b' && d[3] != '1')) {
		free(h);
		return at(err, hoff, "unsupported dtype (want float16/32/64, an integer or bool; "
		    "not complex, string or structured)");
	}
	order = d[1];
	kind = d[2];
	esz = (uint64_t)(d[3] - '0');
	swap = (order == '>' && *(const char *)&host_le) || (order == '<' && !*(const char *)&host_le);
	if (strncmp(f, "True", 4) == 0)
		fortran = 1;
	else if (strncmp(f, "False", 5) == 0)
		fortran = 0;
	else {
		free(h);
		return at(err, hoff, "bad fortran_order");
	}
	if (*s++ != '(') {
		free(h);
		return at(err, hoff, "bad shape");
	}
	for (;;) {
		char *end;
		unsigned long long v;
		while (*s == ' ' || *s == ',')
			s++;
		if (*s == ')')
			break;
		if (*s < '0' || *s > '9' || a->ndim == 8) {
			free(h);
			return at(err, hoff, "bad shape");
		}
		errno = 0;
		v = strtoull(s, &end, 10);
		if (errno != 0 || v > (1ull << 40)) {
			free(h);
			return at(err, hoff, "bad shape");
		}
		if (*end == 'L')
			end++;
		s = end;
		a->shape[a->ndim++] = v;
		if (v == 0)
			zero = 1;
		else if (n <= max_elems)
			n = n > max_elems / v ? max_elems + 1 : n * v;
	}
	free(h);
	if (zero)
		n = 0;
	if (n > max_elems)
		return at(err, hoff, "array too large");
	data = buf + hoff + hlen;
	if (n * esz != len - hoff - hlen)
		return at(err, hoff + hlen, "data size does not match the shape");
	a->n = n;
	a->f32 = kind == 'f' && esz == 4;
	a->f64 = kind == 'f' && esz == 8;
	a->v = cx_xmalloc((size_t)(n ? n : 1) * sizeof *a->v);
	for (uint64_t k = 0; k < n; k++) {
		uint64_t e = k;
		if (fortran && a->ndim > 1) {
			/* k is the C-order index; find the Fortran-order element. */
			uint64_t rem = k, mul = 1, idx[8];
			for (int i = a->ndim - 1; i >= 0; i--) {
				idx[i] = rem % a->shape[i];
				rem /= a->shape[i];
			}
			e = 0;
			for (int i = 0; i < a->ndim; i++) {
				e += idx[i] * mul;
				mul *= a->shape[i];
			}
		}
		a->v[k] = rd(data + e * esz, kind, (int)esz, swap);
	}
	return 0;
}

int
cx_npy_load(struct cx_npy *a, const char *path, uint64_t max_elems, struct cx_err *err)
{
	uint64_t max = 16 + 64 + max_elems * 8 + (1u << 20);
	size_t len;
	uint8_t *buf;
	int rc;

	memset(a, 0, sizeof *a);
	if ((buf = (uint8_t *)cx_read_file(path, &len, max > SIZE_MAX / 2 ? SIZE_MAX / 2 : (size_t)max,
	    err)) == NULL)
		return -1;
	rc = cx_npy_parse(a, buf, len, max_elems, err);
	free(buf);
	if (rc == -1)
		cx_err_file(err, path);
	return rc;
}

void
cx_npy_fini(struct cx_npy *a)
{
	free(a->v);
	memset(a, 0, sizeof *a);
}
