/* escape: vis-style escaping of untrusted strings (ids, names, CSV fields). */
#include "escape.h"

#include <stdio.h>
#include <string.h>

#include "xalloc.h"

/* Length of a valid UTF-8 sequence of a printable code point at s, or 0. */
static size_t
utf8_ok(const unsigned char *s)
{
	unsigned c = s[0], cp;
	size_t n;

	if (c < 0x80)
		return 0;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	if (cp >= 0x80 && cp < 0xa0)	/* C1 controls */
		return 0;
	/* bidi overrides and isolates could reorder what the user sees */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return n;
}

char *
cx_escape_buf(const char *s, char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	if (n == 0)
		return buf;
	while (*p && o + 1 < n) {
		size_t k;
		if (*p == '\\') {
			if (o + 3 > n)
				break;
			buf[o++] = '\\';
			buf[o++] = '\\';
			p++;
		} else if (*p >= 0x20 && *p < 0x7f) {
			buf[o++] = (char)*p++;
		} else if ((k = utf8_ok(p)) != 0) {
			if (o + k + 1 > n)
				break;
			memcpy(buf + o, p, k);
			o += k;
			p += k;
		} else {
			if (o + 5 > n)
				break;
			snprintf(buf + o, 5, "\\x%02x", *p++);
			o += 4;
		}
	}
	buf[o] = '\0';
	return buf;
}

char *
cx_escape(const char *s)
{
	size_t n = strlen(s) * 4 + 1;
	char *buf = cx_xmalloc(n);

	return cx_escape_buf(s, buf, n);
}
