/* sixel_check: decode the sixel `chexplore show` wrote (libsixel, an
 * independent decoder) and check that the overlay colour sits where the GT
 * mask is: picture pixels whose whole neighbourhood is inside the mask are
 * tinted, pixels whose neighbourhood is outside stay gray.
 * usage: sixel_check FILE.six GT.json ID PATHOLOGY
 * Prints "ok ..." or "FAIL ..." and exits 0/1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sixel.h>

#include "segjson.h"

int
main(int argc, char **argv)
{
	unsigned char *buf, *px, *pal;
	int w, h, ncol, task;
	long n, in_ok = 0, in_bad = 0, out_ok = 0, out_bad = 0;
	FILE *fp;
	struct cx_segfile gt;
	struct cx_err err = { 0 };
	const struct cx_segentry *e;
	const struct cx_rle *m;

	int rc = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);	/* the verdict survives a sanitizer's exit */
	if (argc != 5 || !(fp = fopen(argv[1], "rb")))
		return 2;
	buf = malloc(64u << 20);
	n = (long)fread(buf, 1, 64u << 20, fp);
	fclose(fp);
	if (sixel_decode_raw(buf, (int)n, &px, &w, &h, &pal, &ncol, NULL) != SIXEL_OK) {
		printf("FAIL sixel does not decode\n");
		free(buf);
		return 1;
	}
	free(buf);
	if (cx_segfile_load(&gt, argv[2], &err) == -1) {
		printf("FAIL cannot read the GT\n");
		free(px);
		free(pal);
		return 1;
	}
	if (!(e = cx_segfile_find(&gt, argv[3])) || (task = cx_task_id(argv[4])) < 0) {
		printf("FAIL cannot read the GT\n");
		rc = 1;
		goto out;
	}
	m = &e->m[task];
	for (int y = 2; y < h - 2; y++)
		for (int x = 2; x < w - 2; x++) {
			int inside = 0, total = 0;
			/* 5x5 picture neighbourhood, sampled at full resolution. */
			for (int dy = -2; dy <= 2; dy++)
				for (int dx = -2; dx <= 2; dx++) {
					long fy = (long)((y + dy + 0.5) * m->h / h);
					long fx = (long)((x + dx + 0.5) * m->w / w);
					inside += cx_rle_get(m, fy, fx);
					total++;
				}
			const unsigned char *c = pal + 3 * px[(size_t)y * w + x];
			int mx = c[0] > c[1] ? c[0] : c[1], mn = c[0] < c[1] ? c[0] : c[1];
			mx = c[2] > mx ? c[2] : mx;
			mn = c[2] < mn ? c[2] : mn;
			if (inside == total && mx - mn > 20)
				in_ok++;
			else if (inside == total)
				in_bad++;
			else if (inside == 0 && mx - mn <= 12)
				out_ok++;
			else if (inside == 0)
				out_bad++;
		}
	if (in_ok + in_bad == 0 || in_bad * 100 > (in_ok + in_bad) || out_bad * 100 > (out_ok + out_bad)) {
		printf("FAIL %dx%d: inside tinted %ld/%ld, outside gray %ld/%ld\n", w, h, in_ok,
		    in_ok + in_bad, out_ok, out_ok + out_bad);
		rc = 1;
	} else
		printf("ok %dx%d: inside tinted %ld/%ld, outside gray %ld/%ld\n", w, h, in_ok,
		    in_ok + in_bad, out_ok, out_ok + out_bad);
out:
	cx_segfile_fini(&gt);
	free(px);
	free(pal);
	return rc;
}
