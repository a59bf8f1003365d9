/* colour: CIELAB and CIEDE2000. */
#include <math.h>

#include "colour.h"

static double
lin(double v)
{
	v /= 255;
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double
labf(double t)
{
	const double e = 216.0 / 24389, k = 24389.0 / 27;

	return t > e ? cbrt(t) : (k * t + 16) / 116;
}

void
cx_colour_lab(const uint8_t rgb[3], double lab[3])
{
	double r = lin(rgb[0]), g = lin(rgb[1]), b = lin(rgb[2]);
	/* sRGB (IEC 61966-2-1) to XYZ, over the D65 white point. */
	double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
	double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
	double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
	double fx = labf(x), fy = labf(y), fz = labf(z);

	lab[0] = 116 * fy - 16;
	lab[1] = 500 * (fx - fy);
	lab[2] = 200 * (fy - fz);
}

static double
deg(double r)
{
	return r * 180 / M_PI;
}

static double
rad(double d)
{
	return d * M_PI / 180;
}

/* Hue angle in degrees, [0, 360); 0 for a neutral colour. */
static double
hue(double b, double a)
{
	double h;

	if (a == 0 && b == 0)
		return 0;
	h = deg(atan2(b, a));
	return h < 0 ? h + 360 : h;
}

double
cx_colour_de2000(const double l1[3], const double l2[3])
{
	double c1 = hypot(l1[1], l1[2]), c2 = hypot(l2[1], l2[2]);
	double cm = (c1 + c2) / 2, cm7 = pow(cm, 7);
	double g = 0.5 * (1 - sqrt(cm7 / (cm7 + pow(25, 7))));
	double a1 = (1 + g) * l1[1], a2 = (1 + g) * l2[1];
	double cp1 = hypot(a1, l1[2]), cp2 = hypot(a2, l2[2]);
	double h1 = hue(l1[2], a1), h2 = hue(l2[2], a2);
	double dl = l2[0] - l1[0], dc = cp2 - cp1, dh, dhh, lm, cpm, hm, t, dt, rc, sl, sc, sh, rt;
	double lm50;

	if (cp1 * cp2 == 0)
		dh = 0;
	else if (fabs(h2 - h1) <= 180)
		dh = h2 - h1;
	else if (h2 - h1 > 180)
		dh = h2 - h1 - 360;
	else
		dh = h2 - h1 + 360;
	dhh = 2 * sqrt(cp1 * cp2) * sin(rad(dh / 2));
	lm = (l1[0] + l2[0]) / 2;
	cpm = (cp1 + cp2) / 2;
	if (cp1 * cp2 == 0)
		hm = h1 + h2;
	else if (fabs(h1 - h2) <= 180)
		hm = (h1 + h2) / 2;
	else if (h1 + h2 < 360)
		hm = (h1 + h2 + 360) / 2;
	else
		hm = (h1 + h2 - 360) / 2;
	t = 1 - 0.17 * cos(rad(hm - 30)) + 0.24 * cos(rad(2 * hm)) + 0.32 * cos(rad(3 * hm + 6))
	    - 0.20 * cos(rad(4 * hm - 63));
	dt = 30 * exp(-((hm - 275) / 25) * ((hm - 275) / 25));
	rc = 2 * sqrt(pow(cpm, 7) / (pow(cpm, 7) + pow(25, 7)));
	lm50 = (lm - 50) * (lm - 50);
	sl = 1 + 0.015 * lm50 / sqrt(20 + lm50);
	sc = 1 + 0.045 * cpm;
	sh = 1 + 0.015 * cpm * t;
	rt = -sin(rad(2 * dt)) * rc;
	return sqrt((dl / sl) * (dl / sl) + (dc / sc) * (dc / sc) + (dhh / sh) * (dhh / sh)
	    + rt * (dc / sc) * (dhh / sh));
}

double
cx_colour_de2000_rgb(const uint8_t a[3], const uint8_t b[3])
{
	double x[3], y[3];

	cx_colour_lab(a, x);
	cx_colour_lab(b, y);
	return cx_colour_de2000(x, y);
}

void
cx_colour_ramp_at(const uint8_t lo[3], const uint8_t hi[3], double t, uint8_t rgb[3])
{
	t = !(t >= 0) ? 0 : t > 1 ? 1 : t;
	for (int k = 0; k < 3; k++)
		rgb[k] = (uint8_t)(lo[k] + (float)t * (hi[k] - lo[k]) + 0.5f);
}

double
cx_colour_ramp_apart(const uint8_t (*avoid)[3], size_t n, uint8_t lo[3], uint8_t hi[3])
{
	/* copper, crimson, violet, rose, teal */
	static const uint8_t ramps[][2][3] = {
		{ { 0x33, 0x1a, 0x00 }, { 0xff, 0xb0, 0x00 } },
		{ { 0x55, 0x00, 0x00 }, { 0xff, 0x00, 0x66 } },
		{ { 0x2a, 0x00, 0x55 }, { 0xcc, 0x66, 0xff } },
		{ { 0x55, 0x22, 0x44 }, { 0xff, 0xcc, 0xee } },
		{ { 0x00, 0x33, 0x33 }, { 0x00, 0xff, 0xcc } },
	};
	double best = -1;

	for (size_t r = 0; r < sizeof ramps / sizeof ramps[0]; r++) {
		double least = 1e9;
		for (int s = 0; s <= 16; s++) {
			uint8_t c[3];
			cx_colour_ramp_at(ramps[r][0], ramps[r][1], 0.2 + 0.8 * s / 16, c);
			for (size_t k = 0; k < n; k++) {
				double d = cx_colour_de2000_rgb(c, avoid[k]);
				least = d < least ? d : least;
			}
		}
		if (least > best) {
			best = least;
			for (int k = 0; k < 3; k++) {
				lo[k] = ramps[r][0][k];
				hi[k] = ramps[r][1][k];
			}
		}
	}
	return best;
}
