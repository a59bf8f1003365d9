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

#endif
