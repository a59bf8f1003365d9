/* heat_check: decode the sixel `chexplore show --overlay heatmap` wrote for all
 * pathologies (libsixel, an independent decoder) and check, against the
 * heatmap files themselves, that each listed pathology's colour sits where its
 * min-max normalized map dominates, with more opacity where the map is higher,
 * and that the picture is left alone where every listed map is low (maps of
 * pathologies not listed are not drawn).
 * BASE.six is the same picture without overlays: a pixel blended towards
 * colour c with opacity a is base + a (c - base), so the colour (and a) that
 * best explain each pixel are recovered in full RGB, lightness included.
 * usage: heat_check FILE.six BASE.six MAPDIR ID "Pathology=#rrggbb" ...
 * Prints "ok ..." or "FAIL ..." and exits 0/1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sixel.h>

#include "heatmap.h"

#define MAXP	10

struct src {
	char		name[64];
	double		rgb[3];
	float		*map;		/* normalized */
	uint32_t	mh, mw;
	long		dom, good;
	double		a_hi, a_lo;	/* opacity sums where v >= 0.9 / 0.6..0.75 */
	long		n_hi, n_lo;
};

/* Decoded RGB of a sixel file, NULL on failure. */
static unsigned char *
decode(const char *path, int *w, int *h)
{
	unsigned char *buf = malloc(64u << 20), *px, *pal, *rgb;
	int ncol;
	long n;
	FILE *fp = fopen(path, "rb");

	if (!fp) {
		free(buf);
		return NULL;
	}
	n = (long)fread(buf, 1, 64u << 20, fp);
	fclose(fp);
	if (sixel_decode_raw(buf, (int)n, &px, w, h, &pal, &ncol, NULL) != SIXEL_OK) {
		free(buf);
		return NULL;
	}
	rgb = malloc((size_t)*w * *h * 3);
	for (size_t i = 0; i < (size_t)*w * *h; i++)
		memcpy(rgb + 3 * i, pal + 3 * px[i], 3);
	free(buf);
	free(px);
	free(pal);
	return rgb;
}

/* Opacity a that best explains o = g + a (c - g), and the residual. */
static double
fit(const unsigned char *o, const unsigned char *g, const double c[3], double *a)
{
	double num = 0, den = 0, res = 0;

	for (int k = 0; k < 3; k++) {
		num += (o[k] - g[k]) * (c[k] - g[k]);
		den += (c[k] - g[k]) * (c[k] - g[k]);
	}
	*a = den > 0 ? num / den : 0;
	for (int k = 0; k < 3; k++) {
		double e = o[k] - g[k] - *a * (c[k] - g[k]);
		res += e * e;
	}
	return sqrt(res);
}

int
main(int argc, char **argv)
{
	unsigned char *pic, *base;
	int w, h, bw, bh, ns = 0, shown = 0;
	long low = 0, low_same = 0;
	int rc = 1;
	struct src s[MAXP];

	setvbuf(stdout, NULL, _IOLBF, 0);	/* the verdict survives a sanitizer's exit */
	if (argc < 6)
		return 2;
	pic = decode(argv[1], &w, &h);
	base = decode(argv[2], &bw, &bh);
	if (!pic || !base) {
		printf("FAIL sixel does not decode\n");
		goto out;
	}
	if (w != bw || h != bh) {
		printf("FAIL sizes differ: %dx%d and %dx%d\n", w, h, bw, bh);
		goto out;
	}
	for (int a = 5; a < argc && ns < MAXP; a++) {
		char *eq = strchr(argv[a], '='), path[4096];
		unsigned v;
		struct cx_heatmap hm;
		struct cx_err err = { 0 };
		float lo, hi;

		if (!eq || sscanf(eq + 1, "#%6x", &v) != 1) {
			rc = 2;
			goto out;
		}
		memset(&s[ns], 0, sizeof s[ns]);
		snprintf(s[ns].name, sizeof s[ns].name, "%.*s", (int)(eq - argv[a]), argv[a]);
		s[ns].rgb[0] = v >> 16;
		s[ns].rgb[1] = (v >> 8) & 255;
		s[ns].rgb[2] = v & 255;
		snprintf(path, sizeof path, "%s/%s_%s_map.pkl", argv[3], argv[4], s[ns].name);
		if (cx_heatmap_load(&hm, path, &err) == -1) {
			printf("FAIL cannot read %s\n", path);
			goto out;
		}
		lo = hi = hm.map[0];
		for (size_t k = 0; k < (size_t)hm.mh * hm.mw; k++) {
			lo = hm.map[k] < lo ? hm.map[k] : lo;
			hi = hm.map[k] > hi ? hm.map[k] : hi;
		}
		s[ns].map = malloc((size_t)hm.mh * hm.mw * sizeof(float));
		for (size_t k = 0; k < (size_t)hm.mh * hm.mw; k++)
			s[ns].map[k] = hi > lo ? (hm.map[k] - lo) / (hi - lo) : 0;
		s[ns].mh = hm.mh;
		s[ns].mw = hm.mw;
		cx_heatmap_fini(&hm);
		ns++;
	}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const unsigned char *o = pic + 3 * ((size_t)y * w + x);
			const unsigned char *g = base + 3 * ((size_t)y * w + x);
			double v[MAXP], top = -1, second = -1, best_res = 1e9, own_res = 1e9, alpha = 0;
			int best = -1, near = -1;

			for (int k = 0; k < ns; k++) {
				/* Nearest map cell: only clear-cut pixels are judged, so
				 * the renderer's interpolation does not matter. */
				uint32_t mx = (uint32_t)((x + 0.5) * s[k].mw / w);
				uint32_t my = (uint32_t)((y + 0.5) * s[k].mh / h);
				v[k] = s[k].map[(size_t)my * s[k].mw + mx];
				if (v[k] > top) {
					second = top;
					top = v[k];
					best = k;
				} else if (v[k] > second)
					second = v[k];
			}
			if (top < 0.1) {
				/* Sixel palettes differ a little between the two pictures. */
				int d = abs(o[0] - g[0]) + abs(o[1] - g[1]) + abs(o[2] - g[2]);
				low++;
				low_same += d <= 24;
				continue;
			}
			if (top < 0.6 || top - second < 0.25)
				continue;
			/* Which listed colour explains the pixel best? */
			for (int k = 0; k < ns; k++) {
				double a, r = fit(o, g, s[k].rgb, &a);
				if (a > 0.05 && k == best) {
					own_res = r;
					alpha = a;
				}
				if (a > 0.05 && r < best_res) {
					best_res = r;
					near = k;
				}
			}
			s[best].dom++;
			/* Sixel quantization moves colours by a few levels: a near
			 * tie with a similar palette colour counts for the right one. */
			if (near != best && !(own_res <= best_res + 6))
				continue;
			s[best].good++;
			if (top >= 0.9) {
				s[best].a_hi += alpha;
				s[best].n_hi++;
			} else if (top < 0.75) {
				s[best].a_lo += alpha;
				s[best].n_lo++;
			}
		}
	for (int k = 0; k < ns; k++) {
		double ah = s[k].n_hi ? s[k].a_hi / s[k].n_hi : NAN;
		double al = s[k].n_lo ? s[k].a_lo / s[k].n_lo : NAN;
		printf("  %s: %ld/%ld dominant pixels in its colour, opacity %.2f at v>=0.9, "
		    "%.2f at v<0.75\n", s[k].name, s[k].good, s[k].dom, ah, al);
		if (s[k].dom < 30)
			continue;
		if (s[k].good * 10 < s[k].dom * 9) {
			printf("FAIL %s: only %ld of %ld pixels where its map dominates are in its "
			    "colour\n", s[k].name, s[k].good, s[k].dom);
			goto out;
		}
		if (s[k].n_hi && s[k].n_lo && !(ah > al + 0.05)) {
			printf("FAIL %s: opacity %.2f where the map is high, %.2f where lower\n",
			    s[k].name, ah, al);
			goto out;
		}
		shown++;
	}
	if (low == 0 || low_same * 100 < low * 98) {
		printf("FAIL where every listed map is low, %ld of %ld pixels are untouched\n",
		    low_same, low);
		goto out;
	}
	if (shown < 2) {
		printf("FAIL only %d pathologies checked (need 2)\n", shown);
		goto out;
	}
	printf("ok %dx%d: %d pathologies in their colours where their maps dominate, "
	    "untouched where all are low (%ld/%ld)\n", w, h, shown, low_same, low);
	rc = 0;
out:
	for (int k = 0; k < ns; k++)
		free(s[k].map);
	free(pic);
	free(base);
	return rc;
}
