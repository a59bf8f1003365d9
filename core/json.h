/* json: read a whole JSON file with cJSON, with line:col for syntax errors
 * (cJSON's global error pointer is not used), and build JSON paths. */
#ifndef CX_JSON_H
#define CX_JSON_H

#include <cJSON.h>
#include <stddef.h>

#include "err.h"

/* Largest JSON file read (bytes). */
#define CX_JSON_MAX	(2ull << 30)

/* Read and parse path. Returns the root (caller cJSON_Delete's) or NULL with
 * err: "file:line:col: syntax error ..." or an I/O message. */
cJSON	*cx_json_load(const char *path, struct cx_err *err);
/* Parse a buffer of len bytes; name goes into err->file. */
cJSON	*cx_json_parse(const char *buf, size_t len, const char *name, struct cx_err *err);
/* Read a whole file into memory (NUL-terminated); NULL with err. max bounds the size. */
char	*cx_read_file(const char *path, size_t *len, size_t max, struct cx_err *err);

#endif
