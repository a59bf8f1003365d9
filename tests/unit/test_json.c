/* json: the reader refuses what Python's json (the reference) refuses and
 * cJSON lets through, at Python's line:col, and keeps the last value of a key
 * given twice, as Python's dict does (issue 15). */
#include "check.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bad {
	const char *json;
	size_t len;		/* 0: strlen */
	const char *where, *msg;
};

static void
test_json_refused(void)
{
	static const struct bad cases[] = {
		{ "\xef\xbb\xbf{\"a\": 1}", 0, "1:1", "byte order mark" },
		{ "{\"a\x01" "b\": 1}", 0, "1:4", "raw control byte 0x01" },
		{ "{\"a\": \"x\ty\"}", 0, "1:9", "raw control byte 0x09" },
		{ "{\"a\": \"x\ny\"}", 0, "1:9", "raw control byte 0x0a" },
		{ "{\"p1\0_s1\": 1}", 13, "1:5", "NUL byte inside a JSON key" },
		{ "{\"p1\\u0000_s1\": 1}", 0, "1:5", "NUL (U+0000) inside a JSON key" },
		{ "{\"a\": \"\\u0000\"}", 0, "1:8", "NUL (U+0000) inside a JSON string" },
		{ "{\"a\": [04, 5]}", 0, "1:8", "leading zero" },
		{ "{\"a\": -01}", 0, "1:7", "leading zero" },
		{ "{\"a\": 1}\n\0\0", 11, "2:1", "NUL byte after the JSON value" },
		{ "{\"a\": 1} x", 0, "1:10", "unexpected data after the JSON value" },
		{ "{\"a\": 1.}", 0, "1:9", "digits after '.'" },
		{ "{\"a\": 1e}", 0, "1:9", "exponent" },
		{ "{\"a\": [1, 2,]}", 0, "1:13", "JSON syntax error" },
		{ "{\"a\": 1,}", 0, "1:9", "want a key" },
		{ "{\"a\":\v1}", 0, "1:6", "JSON syntax error" },
		{ "{\"a\": \"\\x\"}", 0, "1:8", "bad escape" },
		{ "{\"a\": \"\\u12g4\"}", 0, "1:8", "bad \\u escape" },
		{ "{\"a\": [1, 2", 0, "1:12", "ends too early" },
		{ "{\"a\": NaN}", 0, "1:7", "JSON syntax error" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct cx_err err = {0};
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].json);
		cJSON *r = cx_json_parse(cases[i].json, len, "t.json", &err);
		CHECK(r == NULL);
		cJSON_Delete(r);
		CHECK_STR(err.file, "t.json");
		CHECK_STR(err.where, cases[i].where);
		CHECK(strstr(err.msg, cases[i].msg) != NULL);
		if (strstr(err.msg, cases[i].msg) == NULL || strcmp(err.where, cases[i].where) != 0)
			fprintf(stderr, "  case %zu: got %s \"%s\"\n", i, err.where, err.msg);
	}
}

static void
test_json_kept(void)
{
	static const char *cases[] = {
		"{ \"a\" :\t[ 1 , -0.5e+3 , 0 , 0.0 , 1E-2 , true , false , null ] }\r\n",
		"{\"p1\\u001b_x\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}",
		"{}", "[]", "{\"a\": {}, \"b\": [[], {}]}", "\"s\"", "0", "-0",
		"{\"caf\xc3\xa9\": 1}",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct cx_err err = {0};
		cJSON *r = cx_json_parse(cases[i], strlen(cases[i]), "t.json", &err);
		CHECK(r != NULL);
		if (r == NULL)
			fprintf(stderr, "  case %zu: %s %s\n", i, err.where, err.msg);
		cJSON_Delete(r);
	}
}

/* json.loads('{"a":1,"b":2,"a":3}') == {"a": 3, "b": 2}: the last value, at
 * the first key's place; in every object, nested ones too. */
static void
test_json_duplicate_keys(void)
{
	const char *s = "{\"a\": 1, \"b\": {\"size\": [1, 2], \"counts\": \"x\", \"size\": [3, 4],"
	    " \"counts\": \"y\", \"size\": [5, 6]}, \"a\": 3, \"c\": 0, \"a\": 4}";
	struct cx_err err = {0};
	cJSON *r = cx_json_parse(s, strlen(s), "t.json", &err), *b, *c;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(cJSON_GetArraySize(r) == 3);
	c = r->child;
	CHECK_STR(c->string, "a");
	CHECK(c->valuedouble == 4);
	CHECK_STR(c->next->string, "b");
	CHECK_STR(c->next->next->string, "c");
	b = cJSON_GetObjectItemCaseSensitive(r, "b");
	CHECK(cJSON_GetArraySize(b) == 2);
	CHECK_STR(b->child->string, "size");
	CHECK(cJSON_GetArrayItem(b->child, 0)->valuedouble == 5);
	CHECK_STR(cJSON_GetObjectItemCaseSensitive(b, "counts")->valuestring, "y");
	cJSON_Delete(r);
}

/* Strings are written escaped, plain stretches whole: quotes, backslashes
 * and control characters at the start, the middle and the end, UTF-8 bytes
 * as they are, the empty string. */
static void
test_json_write_string(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "\"\"" },
		{ "plain 1 2 3", "\"plain 1 2 3\"" },
		{ "\"q\"", "\"\\\"q\\\"\"" },
		{ "a\\b", "\"a\\\\b\"" },
		{ "\x01x\n", "\"\\u0001x\\u000a\"" },
		{ "caf\xc3\xa9\x1f", "\"caf\xc3\xa9\\u001f\"" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		cx_json_write_string(fp, cases[i].in);
		fclose(fp);
		CHECK_STR(buf, cases[i].out);
		free(buf);
	}
}

int
main(void)
{
	RUN(test_json_write_string);
	RUN(test_json_refused);
	RUN(test_json_kept);
	RUN(test_json_duplicate_keys);
	return CHECK_DONE();
}
