/* fuzz_image: JPEG and PNG decoding (full, scaled gray, header only) of
 * arbitrary bytes never crashes; a decoded image has the probed size. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "image.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct cx_image im;
	struct cx_err err = {0};
	uint32_t w, h, fw, fh;
	int ch, d, probed;
	FILE *fp;

	/* the image API reads files: one scratch file per process */
	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/cx-fuzz-image-%ld", (long)getpid());
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	probed = cx_image_probe(path, &w, &h, &ch, &d, &err) == 0;
	if (cx_image_load(&im, path, &err) == 0) {
		if (!probed || im.w != w || im.h != h || im.px == NULL)
			abort();
		cx_image_fini(&im);
	}
	if (cx_image_load_gray_scaled(&im, path, 64, 64, &fw, &fh, &err) == 0) {
		if (im.channels != 1 || im.depth != 8 || im.w > fw || im.h > fh)
			abort();
		cx_image_fini(&im);
	}
	unlink(path);
	return 0;
}
