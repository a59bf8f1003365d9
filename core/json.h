/* json: read a whole JSON file with cJSON, with line:col for syntax errors
 * (cJSON's global error pointer is not used), and build JSON paths. */
#ifndef CX_JSON_H
#define CX_JSON_H

#include <cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

/* Largest JSON file read (bytes). */
#define CX_JSON_MAX	(2ull << 30)

/* Read and parse path. Returns the root (caller cJSON_Delete's) or NULL with
 * err: "file:line:col: syntax error ..." or an I/O message. */
cJSON	*cx_json_load(const char *path, struct cx_err *err);
/* Parse a buffer of len bytes; name goes into err->file. */
cJSON	*cx_json_parse(const char *buf, size_t len, const char *name, struct cx_err *err);
/* Refuse, with err at line:col, what Python's json refuses and cJSON lets
 * through: a BOM, raw bytes below 0x20 in strings, bad escapes, leading zeros,
 * data (a NUL too) after the value, whitespace other than space/tab/CR/LF; and
 * a NUL (raw or \u0000) in any string, which C strings would cut. 0 if fine.
 * cx_json_parse calls it, and keeps the last value of a key given twice in one
 * object (at the first one's place), as Python's dict does. */
int	cx_json_check(const char *buf, size_t len, const char *name, struct cx_err *err);
/* The same, calling key(ctx, off, len) for each key of the top-level object
 * (its bytes between the quotes, escapes as written) in file order, as it
 * goes: one pass gives a file's ids and its check. 1 when it stopped
 * checking at cJSON's nesting limit (what follows was not seen). */
int	cx_json_check_keys(const char *buf, size_t len, const char *name,
	    void (*key)(void *ctx, size_t off, size_t len), void *ctx, struct cx_err *err);
/* s as a JSON string, quotes included, with the escapes JSON requires
 * (" \\ and control bytes); other bytes pass as they are. */
void	cx_json_write_string(FILE *fp, const char *s);
/* The one way a file named by the user is opened: read-only, refusing what is
 * not a regular file (a FIFO or a device would block or never end) without
 * blocking in open(). Returns the descriptor (blocking, close-on-exec) and
 * *size, or -1 with err ("cannot open: ...", "not a regular file"). */
int	cx_open_regular(const char *path, uint64_t *size, struct cx_err *err);
/* The same as a stdio stream ("r"); NULL with err, errno kept from the
 * failing call (ENOENT for a missing file, EINVAL for not a regular one). */
FILE	*cx_fopen_regular(const char *path, struct cx_err *err);
/* Read a whole file into memory (NUL-terminated) through cx_open_regular;
 * NULL with err. max bounds the size. */
char	*cx_read_file(const char *path, size_t *len, size_t max, struct cx_err *err);

/* The shape the segmentation, annotation and salient-point files share: one
 * JSON object whose keys are image ids, one entry each. An entry kind says
 * how big an entry is (it must start with its char *id, which the reader
 * sets and checks) and how to read and free one. */
struct cx_json_idkind {
	size_t	 size;
	int	 (*entry)(const cJSON *o, void *entry, struct cx_err *err);
	void	 (*fini)(void *entry);
};
/* Parse buf into *entries (calloc'd, *n of them, sorted by id). Errors
 * (with their place: line:col, the id, or a JSON path below it) leave
 * nothing allocated. name goes into err->file. */
int	cx_json_idfile_parse(const struct cx_json_idkind *k, const char *buf, size_t len,
	    const char *name, void **entries, size_t *n, struct cx_err *err);
/* Frees n entries made by cx_json_idfile_parse. */
void	cx_json_idfile_free(const struct cx_json_idkind *k, void *entries, size_t n);
/* The same from a file; success leaves err cleared. */
int	cx_json_idfile_load(const struct cx_json_idkind *k, const char *path, void **entries,
	    size_t *n, struct cx_err *err);

#endif
