/* fuzz_theme: arbitrary bytes as an explorer theme file never crash and never
 * overflow the warning buffer. theme.c needs nothing from curses, so it is
 * compiled into the target directly. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../tui/explore/theme.c"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct theme t;
	char warn[512];
	FILE *fp;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/cx-fuzz-theme-%ld", (long)getpid());
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	theme_default(&t);
	warn[0] = '\0';
	(void)theme_load(&t, path, warn, sizeof warn);
	if (memchr(warn, '\0', sizeof warn) == NULL)
		abort();
	for (int r = 0; r < TR_COUNT; r++)
		if (t.s[r].fg < -1 || t.s[r].fg > 255 || t.s[r].bg < -1 || t.s[r].bg > 255)
			abort();
	unlink(path);
	return 0;
}
