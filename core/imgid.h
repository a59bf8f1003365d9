/* imgid: what an image id may hold. An id is a flattened image path
 * (SPEC §2: "patient64541_study1_view1_frontal"); ids come from files and
 * may end up in file names and on the terminal, so anything that could
 * climb folders, hide in a terminal or is not printable ASCII is refused. */
#ifndef CX_IMGID_H
#define CX_IMGID_H

#include <stddef.h>

/* Longest id accepted (bytes). */
#define CX_IMGID_MAX	255

/* NULL when id is acceptable, else a static reason ("image id holds '/'").
 * Rule: 1..CX_IMGID_MAX bytes of printable ASCII other than space, '/' and
 * '\\', not starting with '.'. */
const char	*cx_imgid_check(const char *id);

/* Tables of entries keyed by image id: arrays of structs whose FIRST member is
 * `char *id`, size bytes each (segmentation, annotation, point and label files).
 * Sort by id (strcmp); find an id by binary search (NULL when absent), or its
 * index (-1 when absent); the index of the first entry whose id repeats its
 * predecessor's, or 0 when none. */
void		 cx_imgid_sort(void *base, size_t n, size_t size);
const void	*cx_imgid_find(const void *base, size_t n, size_t size, const char *id);
long		 cx_imgid_index(const void *base, size_t n, size_t size, const char *id);
size_t		 cx_imgid_first_dup(const void *base, size_t n, size_t size);

#endif
