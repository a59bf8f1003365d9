/* fuzz_image: JPEG and PNG decoding (full, scaled gray, header only) of
 * arbitrary bytes never crashes; a decoded image has the probed size.
 * libjpeg and libpng are not instrumented, so libFuzzer would see every kind
 * of file (progressive, arithmetic, interlaced, palette...) as the same few
 * edges of image.c and keep one seed of them all: the kind of an input
 * (its SOF marker, components and sampling; PNG colour type, depth,
 * interlace, tRNS) is given to it as an extra counter, so that each kind
 * stays in the corpus and is mutated (seeds: tests/fuzz/image_seeds.sh). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image.h"

#define NKIND 4096
__attribute__((used, section("__libfuzzer_extra_counters")))
static uint8_t kind_seen[NKIND];

static unsigned
jpeg_kind(const uint8_t *b, size_t n)
{
	unsigned k = 0, scans = 0;

	for (size_t i = 2; i + 4 <= n; ) {
		unsigned m, len;
		if (b[i] != 0xff) {
			i++;
			continue;
		}
		m = b[i + 1];
		if (m == 0xff || m == 0x01 || (m >= 0xd0 && m <= 0xd8)) {
			i += m == 0xff ? 1 : 2;
			continue;
		}
		len = (unsigned)b[i + 2] << 8 | b[i + 3];
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc && i + 10 <= n) {
			unsigned nc = b[i + 9];
			k = (m - 0xc0) * 16 + (nc < 15 ? nc : 15);
			if (nc >= 1 && i + 12 <= n)
				k = k * 8 + (b[i + 11] & 7u);	/* first component's sampling */
		}
		if (m == 0xdd)
			k ^= 1u << 11;	/* restart interval */
		if (m == 0xda && ++scans > 1)
			break;
		i += 2 + len;
	}
	return k;
}

static unsigned
png_kind(const uint8_t *b, size_t n)
{
	unsigned k;

	if (n < 29)
		return 0;
	k = (unsigned)(b[24] & 31) * 8 + (b[25] & 7u);
	k = k * 2 + (b[28] & 1u);
	for (size_t i = 33; i + 4 <= n; i++)
		if (memcmp(b + i, "tRNS", 4) == 0) {
			k |= 1u << 10;
			break;
		}
	return k | 1u << 11;
}

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
	if (size >= 3 && data[0] == 0xff && data[1] == 0xd8)
		kind_seen[jpeg_kind(data, size) % NKIND] = 1;
	else if (size >= 8 && data[0] == 0x89 && data[1] == 'P')
		kind_seen[png_kind(data, size) % NKIND] = 1;
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
