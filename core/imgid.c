/* imgid: the image-id rule. */
#include <string.h>

#include "imgid.h"

const char *
cx_imgid_check(const char *id)
{
	size_t n = strlen(id);

	if (n == 0)
		return "empty image id";
	if (n > CX_IMGID_MAX)
		return "image id longer than 255 bytes";
	/* "." and ".." (and hidden names) would name folders if joined to a path */
	if (id[0] == '.')
		return "image id starts with '.'";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];
		if (c == '/' || c == '\\')
			return "image id holds a path separator";
		if (c <= 0x20 || c >= 0x7f)
			return "image id holds a control, space or non-ASCII byte";
	}
	return NULL;
}
