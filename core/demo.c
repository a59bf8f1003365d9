/* demo: the synthetic dataset. Everything is planned first from the seed (one
 * RNG stream per CXR, so threads cannot change the result), then each CXR is
 * rendered and written on the pool, then the JSON and CSV files are written.
 *
 * Each finding is a "blob": a rotated ellipse with a wavy radius r(theta). The
 * image is drawn from the blob and the annotation polygon is sampled from the
 * same boundary, so the radiologist's outline sits on what the image shows. */
#include "demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "image.h"
#include "outfile.h"
#include "pklwrite.h"
#include "polygon.h"
#include "rle.h"
#include "segjson.h"
#include "tasks.h"
#include "xalloc.h"

#define MAXBLOB		3	/* instances per pathology */
#define POLY_N		24	/* points per polygon */
#define COARSE		10	/* Grad-CAM feature grid */
#define MAP_SIDE	320	/* heatmap side (model resolution) */

const char *const cx_demo_files[] = {
	"valid.csv", "gt_annotations_val.json", "gt_segmentations_val.json",
	"hb_annotations_val.json", "hb_segmentations_val.json", "hb_salient_pt_val.json",
	"gradcam_segmentations_val.json", ".chexplore-demo", NULL
};

/* ---- random numbers: splitmix64, one stream per purpose ---- */

struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double
unif(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static double
range(struct rng *r, double a, double b)
{
	return a + (b - a) * unif(r);
}

static struct rng
rng_for(uint64_t seed, uint64_t a, uint64_t b)
{
	struct rng r = { seed * 0x2545f4914f6cdd1dull + a * 0x9e3779b97f4a7c15ull + b };

	rng_next(&r);
	return r;
}

/* ---- plan ---- */

enum effect { FX_BRIGHT, FX_DARK, FX_HARD };

struct blob {
	double	cu, cv, ru, rv, rot;	/* normalized to the image (u = x/w, v = y/h) */
	double	amp[3], ph[3];
	int	fx;
	double	strength;
};

struct finding {
	int		n;
	struct blob	b[MAXBLOB];
};

struct cxr {
	unsigned	 patient, study;
	char		 id[64], rel[96];	/* id, image path below the folder */
	uint32_t	 w, h;
	int		 male, age, ap;
	signed char	 lab[CX_NCHEXPERT];
	struct finding	 gt[CX_NTASKS];		/* positive pathologies */
	struct finding	 hb[CX_NTASKS];		/* human benchmark (subset) */
	double		 pt[CX_NTASKS][2];	/* salient point (u, v); < 0: none */
	double		 prob[CX_NTASKS];
	int		 hit[CX_NTASKS];	/* heatmap peak on the finding */
	int		 heart_big;
	int		 in_gt;
	/* outputs of the parallel step */
	struct cx_rle	 gtm[CX_NTASKS], hbm[CX_NTASKS], pdm[CX_NTASKS];
};

struct demo {
	const char		*dir;
	const struct cx_demo_opts *o;
	struct cxr		*c;
	unsigned		 n;
	struct cx_err		*errs;	/* per CXR */
};

static double lung_cu[2] = { 0.31, 0.69 };

static void
blob_shape(struct rng *r, struct blob *b, double wav)
{
	for (int k = 0; k < 3; k++) {
		b->amp[k] = range(r, 0, wav) / (k + 1);
		b->ph[k] = range(r, 0, 2 * M_PI);
	}
}

static struct blob
mkblob(struct rng *r, double cu, double cv, double ru, double rv, double rot, int fx,
    double strength, double wav)
{
	struct blob b = { cu, cv, ru, rv, rot, {0}, {0}, fx, strength };

	blob_shape(r, &b, wav);
	return b;
}

/* Draws v[n - 1] first and v[0] last, each in [lim[k][0], lim[k][1]). The
 * draws used to be written as mkblob's arguments, whose order C leaves
 * open: GCC took them right to left on x86-64 and left to right on arm64,
 * and the demo set differed. This order is x86-64's, so its files stay the
 * same bytes; now every compiler and CPU makes them. */
static void
draws(struct rng *r, int n, const double (*lim)[2], double *v)
{
	for (int k = n - 1; k >= 0; k--)
		v[k] = range(r, lim[k][0], lim[k][1]);
}

#define DRAWS(v, ...) draws(r, (int)(sizeof (const double[][2]){ __VA_ARGS__ } / \
	sizeof(double[2])), (const double[][2]){ __VA_ARGS__ }, v)

/* A finding of task t in its anatomical place. */
static void
plan_finding(struct rng *r, int t, struct finding *f)
{
	int side = unif(r) < 0.5 ? 0 : 1;
	double lc = lung_cu[side], lat = side ? 1 : -1, v[5];

	f->n = 1;
	switch (t) {
	case 0:	/* Enlarged Cardiomediastinum */
		DRAWS(v, { 0.48, 0.52 }, { 0.28, 0.33 }, { 0.085, 0.11 }, { 0.13, 0.17 });
		f->b[0] = mkblob(r, v[0], v[1], v[2], v[3], 0, FX_BRIGHT, 40, 0.06);
		break;
	case 1:	/* Cardiomegaly */
		DRAWS(v, { 0.55, 0.58 }, { 0.61, 0.65 }, { 0.16, 0.19 }, { 0.11, 0.13 }, { -0.2, 0.1 });
		f->b[0] = mkblob(r, v[0], v[1], v[2], v[3], v[4], FX_BRIGHT, 35, 0.04);
		break;
	case 2:	/* Lung Lesion */
		f->n = unif(r) < 0.25 ? 2 : 1;
		for (int i = 0; i < f->n; i++) {
			double rr = range(r, 0.018, 0.035);
			if (i)
				lc = lung_cu[side = !side];
			DRAWS(v, { -0.06, 0.06 }, { 0.25, 0.6 });
			f->b[i] = mkblob(r, lc + v[0], v[1], rr, rr, 0, FX_BRIGHT, 75, 0.08);
		}
		break;
	case 3:	/* Airspace Opacity */
		f->n = unif(r) < 0.3 ? 2 : 1;
		for (int i = 0; i < f->n; i++) {
			if (i)
				lc = lung_cu[side = !side];
			DRAWS(v, { -0.04, 0.04 }, { 0.35, 0.62 }, { 0.05, 0.09 }, { 0.06, 0.12 },
			    { -0.5, 0.5 });
			f->b[i] = mkblob(r, lc + v[0], v[1], v[2], v[3], v[4], FX_BRIGHT, 75, 0.12);
		}
		break;
	case 4:	/* Edema: both lungs, perihilar */
		f->n = 2;
		for (int i = 0; i < 2; i++) {
			DRAWS(v, { i ? 0.61 : 0.36, i ? 0.64 : 0.39 }, { 0.42, 0.5 }, { 0.07, 0.09 },
			    { 0.12, 0.16 }, { 0.1, 0.3 });
			f->b[i] = mkblob(r, v[0], v[1], v[2], v[3], (i ? 1 : -1) * v[4], FX_BRIGHT, 50,
			    0.1);
		}
		break;
	case 5:	/* Consolidation */
		DRAWS(v, { -0.03, 0.03 }, { 0.5, 0.63 }, { 0.06, 0.08 }, { 0.06, 0.09 }, { -0.4, 0.4 });
		f->b[0] = mkblob(r, lc + v[0], v[1], v[2], v[3], v[4], FX_BRIGHT, 90, 0.1);
		break;
	case 6:	/* Atelectasis: a band at the base */
		DRAWS(v, { -0.02, 0.02 }, { 0.6, 0.67 }, { 0.08, 0.1 }, { 0.025, 0.04 }, { 0.05, 0.25 });
		f->b[0] = mkblob(r, lc + v[0], v[1], v[2], v[3], lat * v[4], FX_BRIGHT, 70, 0.05);
		break;
	case 7:	/* Pneumothorax: apical-lateral crescent */
		DRAWS(v, { 0.05, 0.07 }, { 0.2, 0.27 }, { 0.045, 0.06 }, { 0.1, 0.13 }, { -0.3, -0.1 });
		f->b[0] = mkblob(r, lc + lat * v[0], v[1], v[2], v[3], lat * v[4], FX_DARK, 30, 0.04);
		break;
	case 8:	/* Pleural Effusion: the costophrenic angle */
		DRAWS(v, { 0.0, 0.03 }, { 0.63, 0.66 }, { 0.11, 0.14 }, { 0.06, 0.08 }, { 0.0, 0.2 });
		f->b[0] = mkblob(r, lc + lat * v[0], v[1], v[2], v[3], lat * v[4], FX_BRIGHT, 80,
		    0.05);
		break;
	case 9:	/* Support Devices: a tube, sometimes a pacemaker */
		DRAWS(v, { 0.49, 0.52 }, { 0.22, 0.3 }, { 0.17, 0.22 }, { -0.08, 0.08 });
		f->b[0] = mkblob(r, v[0], v[1], 0.006, v[2], v[3], FX_HARD, 110, 0.0);
		if (unif(r) < 0.35) {
			f->n = 2;
			DRAWS(v, { 0.72, 0.8 }, { 0.14, 0.2 }, { -0.3, 0.3 });
			f->b[1] = mkblob(r, v[0], v[1], 0.035, 0.025, v[2], FX_HARD, 120, 0.0);
		}
		break;
	}
}

/* The human benchmark reader: mostly agrees, sometimes shifted, sometimes
 * draws nothing or somewhere else. */
static void
plan_hb(struct rng *r, int t, const struct finding *g, struct finding *h)
{
	double u = unif(r);

	if (u < 0.1) {
		h->n = 0;
		return;
	}
	if (u < 0.2) {
		plan_finding(r, t, h);
		return;
	}
	*h = *g;
	for (int i = 0; i < h->n; i++) {
		struct blob *b = &h->b[i];
		/* the shift scales with the finding: a tube is not missed by a centimetre */
		b->cu += range(r, -0.15, 0.15) * b->ru;
		b->cv += range(r, -0.15, 0.15) * b->rv;
		b->ru *= range(r, 0.8, 1.2);
		b->rv *= range(r, 0.8, 1.2);
		blob_shape(r, b, 0.08);
	}
}

static void
plan(struct demo *d)
{
	const struct cx_demo_opts *o = d->o;
	unsigned patient = 64541, study = 1;
	struct rng pr = rng_for(o->seed, 0xfeed, 0);

	d->n = o->count;
	d->c = cx_xcalloc(d->n, sizeof *d->c);
	for (unsigned i = 0; i < d->n; i++) {
		struct cxr *c = &d->c[i];
		struct rng r = rng_for(o->seed, i + 1, 1);
		double aspect, scale, npos = 0;

		/* about 234 CXRs of 200 patients: a second study now and then */
		if (i > 0) {
			if (unif(&pr) < 0.15 && study < 3)
				study++;
			else {
				patient++;
				study = 1;
			}
		}
		c->patient = patient;
		c->study = study;
		snprintf(c->id, sizeof c->id, "patient%u_study%u_view1_frontal", patient, study);
		snprintf(c->rel, sizeof c->rel, "valid/patient%u/study%u/view1_frontal.jpg",
		    patient, study);
		scale = o->full_size ? 1.0 : 0.36;
		c->w = (uint32_t)(range(&r, 2000, 3000) * scale);
		aspect = range(&r, 0.8, 1.2);
		c->h = (uint32_t)(c->w * aspect);
		if (c->h > 3000 * scale)
			c->h = (uint32_t)(3000 * scale);
		c->male = unif(&r) < 0.55;
		c->age = (int)range(&r, 19, 91);
		c->ap = unif(&r) < 0.6;
		for (int k = 0; k < CX_NCHEXPERT; k++)
			c->lab[k] = 0;
		/* about 3/4 of the validation CXRs have something to localize */
		if (unif(&r) < 0.78) {
			static const double pp[CX_NTASKS] = { 0.35, 0.3, 0.1, 0.45, 0.2, 0.12, 0.3,
			    0.06, 0.25, 0.45 };
			for (int t = 0; t < CX_NTASKS; t++)
				if (unif(&r) < pp[t]) {
					c->lab[cx_task_chexpert_index(t)] = 1;
					npos++;
				}
			if (npos == 0) {
				int t = (int)(unif(&r) * CX_NTASKS);
				c->lab[cx_task_chexpert_index(t)] = 1;
				npos = 1;
			}
		}
		c->lab[7] = npos > 0 && unif(&r) < 0.1;		/* Pneumonia */
		c->lab[11] = npos > 0 && unif(&r) < 0.05;	/* Pleural Other */
		c->lab[12] = unif(&r) < 0.04;			/* Fracture */
		c->lab[0] = npos == 0 && !c->lab[12];		/* No Finding */
		c->in_gt = npos > 0;
		for (int t = 0; t < CX_NTASKS; t++) {
			int pos = c->lab[cx_task_chexpert_index(t)] == 1;
			c->pt[t][0] = c->pt[t][1] = -1;
			if (pos) {
				plan_finding(&r, t, &c->gt[t]);
				plan_hb(&r, t, &c->gt[t], &c->hb[t]);
				if (c->hb[t].n > 0) {
					const struct blob *b = &c->hb[t].b[0];
					c->pt[t][0] = b->cu + range(&r, -0.3, 0.3) * b->ru;
					c->pt[t][1] = b->cv + range(&r, -0.3, 0.3) * b->rv;
				}
				if (t == 1)
					c->heart_big = 1;
			}
			/* the model: right about 3 times in 5, confident when right */
			c->hit[t] = pos && unif(&r) < 0.62;
			c->prob[t] = pos ? (c->hit[t] ? range(&r, 0.55, 0.97) : range(&r, 0.2, 0.75))
			    : range(&r, 0.01, 0.4);
		}
	}
}

/* ---- rendering ---- */

static double
clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static double
smooth(double e0, double e1, double x)
{
	double t = clamp01((x - e0) / (e1 - e0));

	return t * t * (3 - 2 * t);
}

static uint32_t
hash2(uint32_t x, uint32_t y, uint32_t s)
{
	uint32_t h = x * 0x8da6b343u ^ y * 0xd8163841u ^ s * 0xcb1ab31fu;

	h ^= h >> 13;
	h *= 0x5bd1e995u;
	return h ^ (h >> 15);
}

/* Value noise in [0, 1) on a lattice of cell size 1. */
static double
vnoise(double x, double y, uint32_t s)
{
	int xi = (int)floor(x), yi = (int)floor(y);
	double fx = x - xi, fy = y - yi;
	double a = (hash2((uint32_t)xi, (uint32_t)yi, s) >> 8) / 16777216.0;
	double b = (hash2((uint32_t)xi + 1, (uint32_t)yi, s) >> 8) / 16777216.0;
	double c = (hash2((uint32_t)xi, (uint32_t)yi + 1, s) >> 8) / 16777216.0;
	double d = (hash2((uint32_t)xi + 1, (uint32_t)yi + 1, s) >> 8) / 16777216.0;

	fx = fx * fx * (3 - 2 * fx);
	fy = fy * fy * (3 - 2 * fy);
	return (a + (b - a) * fx) + ((c + (d - c) * fx) - (a + (b - a) * fx)) * fy;
}

/* Normalized radius of (u, v) in blob b, < 1 inside (aspect-corrected). */
static double
blob_rho(const struct blob *b, double u, double v, double cs, double sn)
{
	double du = u - b->cu, dv = v - b->cv;
	double a = (du * cs + dv * sn) / b->ru, c = (-du * sn + dv * cs) / b->rv;
	double th = atan2(c, a), rr = 1;

	for (int k = 0; k < 3; k++)
		rr += b->amp[k] * sin((k + 2) * th + b->ph[k]);
	return sqrt(a * a + c * c) / rr;
}

static double
ellipse_rho(double u, double v, double cu, double cv, double ru, double rv)
{
	double a = (u - cu) / ru, b = (v - cv) / rv;

	return sqrt(a * a + b * b);
}

/* Chest phantom: body, lungs with vessel texture, mediastinum, heart, spine,
 * ribs, clavicles, then the findings, grain and a little vignetting. */
static void
render(const struct cxr *c, uint8_t *px, uint32_t seed)
{
	double hr_u = c->heart_big ? 0.165 : 0.125, hr_v = c->heart_big ? 0.12 : 0.1;
	double inv_w = 1.0 / c->w, inv_h = 1.0 / c->h;
	double tex = 22;	/* vessel texture cells per image width */

	for (uint32_t y = 0; y < c->h; y++) {
		double v = (y + 0.5) * inv_h;
		/* per-row terms, out of the pixel loop */
		double knob = 0.028 * exp(-pow((v - 0.25) / 0.035, 2));
		double spmod = 0.6 + 0.4 * pow(fabs(sin(v * 48)), 0.3);
		double hw = 0.15 * sqrt(clamp01((v - 0.115) / 0.2)) +
		    0.018 * sin(M_PI * clamp01((v - 0.2) / 0.55));
		for (uint32_t x = 0; x < c->w; x++) {
			double u = (x + 0.5) * inv_w, val, lung = 0, dx = fabs(u - 0.5), mw, rh;
			double body = 1 - smooth(0.9, 1.0, ellipse_rho(u, v, 0.5, 0.62, 0.55, 0.7));
			/* neck above the shoulders */
			if (v < 0.12)
				body *= 1 - smooth(0.0, 0.05, dx - 0.1 - (0.12 - v) * 0.2) *
				    smooth(0.0, 0.12, 0.12 - v);
			val = 12 + (118 + 30 * smooth(0.6, 0.85, v)) * body;
			for (int s = 0; s < 2; s++) {
				double lc = lung_cu[s] + (s ? -0.005 : 0.005);
				/* apex rounded, widest at the base; the dome is highest
				 * mid-lung and falls into the costophrenic angle */
				double q = (u - lc) / 0.15, dome = (s ? 0.675 : 0.655) + 0.07 * q * q;
				double m = (1 - smooth(-0.018, 0.004, fabs(u - lc) - hw)) *
				    (1 - smooth(dome - 0.012, dome + 0.006, v));
				if (m > lung)
					lung = m;
			}
			if (lung > 0) {
				double n1 = vnoise(u * tex, v * tex, seed), n2 = vnoise(u * tex * 2.7,
				    v * tex * 2.7, seed + 7);
				/* branching vessels: ridges of the noise, fading towards the periphery */
				double r1 = 1 - fabs(2 * n1 - 1), ves = r1 * r1 * r1 * 0.6 + n2 * 0.4;
				double hil = 1 - clamp01((dx - 0.06) / 0.32);
				val = val * (1 - lung) + lung * (40 + 14 * v + 34 * ves * hil * hil +
				    6 * n2 + 18 * smooth(0.45, 0.72, v) + 10 * smooth(0.1, 0.16, fabs(u - 0.5) - 0.25));
			}
			/* gastric bubble under the left hemidiaphragm */
			{
				double gb = ellipse_rho(u, v, 0.65, 0.745, 0.05, 0.028);
				if (gb < 1.2)
					val -= 32 * (1 - smooth(0.6, 1.15, gb)) * body;
			}
			/* mediastinum with the aortic knob, then the heart */
			mw = 0.052 + 0.012 * v + (u > 0.5 ? knob : 0);
			if (v > 0.01 && v < 0.72)
				val = fmax(val, (150 + 20 * v) * (1 - smooth(-0.012, 0.014, dx - mw)) * body *
				    (1 - smooth(0.6, 0.72, v)) * (0.85 + 0.15 * smooth(0.01, 0.1, v)));
			rh = ellipse_rho(u, v, 0.545, 0.6, hr_u, hr_v);
			if (rh < 1.15)
				val = fmax(val, 168 * (1 - smooth(0.9, 1.08, rh)));
			/* trachea and main bronchi: the dark air column */
			if (v < 0.37 && dx < 0.1) {
				double tw = 0.013, d;
				if (v < 0.3)
					d = dx;
				else	/* the bronchi diverge from the carina */
					d = fabs(dx - (v - 0.3) * 0.9);
				val -= 38 * (1 - smooth(tw * 0.6, tw, d)) * smooth(0.02, 0.06, v) *
				    (1 - smooth(0.33, 0.37, v));
			}
			/* spine, faint through the mediastinum */
			if (dx < 0.04 && body > 0.5)
				val += 14 * (1 - smooth(0.022, 0.04, dx)) * spmod;
			/* posterior ribs: arcs rising from the spine then falling laterally */
			if (v > 0.08 && v < 0.8 && dx > 0.025 && dx < 0.46 && body > 0.3) {
				double f = -0.33 * dx + 1.25 * dx * dx, k = floor((v - 0.15 - f) / 0.056 + 0.5);
				if (k >= 0 && k < 10) {
					double cv = 0.15 + 0.056 * k + f, th = 0.0085 + 0.0006 * k;
					double d = fabs(v - cv);
					if (d < th * 1.5) {
						double a = 1 - smooth(th * 0.7, th * 1.5, d);
						double cortex = 0.6 + 0.4 * smooth(th * 0.3, th * 0.8, d);
						val += (6 + 24 * lung) * a * cortex * (1 - smooth(0.38, 0.46, dx)) *
						    (1 - 0.6 * (1 - smooth(0.9, 1.08, rh)));
					}
				}
			}
			/* clavicles */
			{
				double cvl = 0.118 - 0.12 * (dx - 0.05) + 0.25 * (dx - 0.15) * (dx - 0.15), d = fabs(v - cvl);
				if (dx > 0.035 && dx < 0.32 && d < 0.018)
					val += 40 * (1 - smooth(0.007, 0.017, d)) * (1 - smooth(0.26, 0.32, dx));
			}
			px[(size_t)y * c->w + x] = (uint8_t)fmin(255, fmax(0, val));
		}
	}
	/* findings, within their bounding boxes */
	for (int t = 0; t < CX_NTASKS; t++)
		for (int i = 0; i < c->gt[t].n; i++) {
			const struct blob *b = &c->gt[t].b[i];
			double ext = 1.4 * fmax(b->ru, b->rv) * 1.3, cs = cos(b->rot), sn = sin(b->rot);
			long x0 = (long)((b->cu - ext) * c->w), x1 = (long)((b->cu + ext) * c->w);
			long y0 = (long)((b->cv - ext) * c->h), y1 = (long)((b->cv + ext) * c->h);
			if (x0 < 0) x0 = 0;
			if (y0 < 0) y0 = 0;
			if (x1 >= (long)c->w) x1 = (long)c->w - 1;
			if (y1 >= (long)c->h) y1 = (long)c->h - 1;
			for (long y = y0; y <= y1; y++)
				for (long x = x0; x <= x1; x++) {
					double u = (x + 0.5) * inv_w, v = (y + 0.5) * inv_h;
					double rho = blob_rho(b, u, v, cs, sn), a, p;
					if (rho > 1.15)
						continue;
					p = px[(size_t)y * c->w + x];
					if (b->fx == FX_HARD)
						a = 1 - smooth(0.8, 1.0, rho);
					else
						a = (1 - smooth(0.55, 1.1, rho)) *
						    (0.75 + 0.25 * vnoise(u * 60, v * 60, seed + 99 + (uint32_t)t));
					if (b->fx == FX_DARK)
						p = p - (p - 30) * 0.55 * a;
					else
						p = p + b->strength * a * (1 - p / 300);
					px[(size_t)y * c->w + x] = (uint8_t)fmin(255, fmax(0, p));
				}
		}
	/* grain and vignetting */
	for (uint32_t y = 0; y < c->h; y++)
		for (uint32_t x = 0; x < c->w; x++) {
			size_t k = (size_t)y * c->w + x;
			double g = ((hash2(x, y, seed + 3) >> 20) / 4096.0 - 0.5) * 9;
			double du = (x + 0.5) * inv_w - 0.5, dv = (y + 0.5) * inv_h - 0.5;
			double p = (px[k] + g) * (1 - 0.18 * (du * du + dv * dv));
			px[k] = (uint8_t)fmin(255, fmax(0, p));
		}
}

/* ---- polygons and masks ---- */

static void
blob_poly(const struct blob *b, uint32_t w, uint32_t h, double *xy)
{
	double cs = cos(b->rot), sn = sin(b->rot);

	for (int i = 0; i < POLY_N; i++) {
		double th = 2 * M_PI * i / POLY_N, rr = 1, a, c, u, v;
		for (int k = 0; k < 3; k++)
			rr += b->amp[k] * sin((k + 2) * th + b->ph[k]);
		a = cos(th) * rr * b->ru;
		c = sin(th) * rr * b->rv;
		u = b->cu + a * cs - c * sn;
		v = b->cv + a * sn + c * cs;
		/* two decimals, like annotation tools export */
		xy[2 * i] = round(u * w * 100) / 100;
		xy[2 * i + 1] = round(v * h * 100) / 100;
	}
}

struct colmask {
	uint8_t		*m;	/* column-major */
	uint32_t	 h;
};

static void
colmask_span(void *ctx, uint32_t y, uint32_t x0, uint32_t x1)
{
	struct colmask *cm = ctx;

	for (uint32_t x = x0; x <= x1; x++)
		cm->m[(size_t)x * cm->h + y] = 1;
}

/* Drawn straight into a column-major mask (the RLE order): a row-major mask
 * would need a cache-hostile transposition of the whole image. */
static void
finding_rle(const struct finding *f, uint32_t w, uint32_t h, uint8_t *m, struct cx_rle *r)
{
	double xy[2 * POLY_N];
	struct colmask cm = { m, h };

	if (f->n == 0) {
		cx_rle_zero(r, h, w);
		return;
	}
	memset(m, 0, (size_t)w * h);
	for (int i = 0; i < f->n; i++) {
		blob_poly(&f->b[i], w, h, xy);
		cx_polygon_spans(h, w, xy, POLY_N, colmask_span, &cm);
	}
	cx_rle_from_colmajor(r, m, h, w);
}

/* ---- heatmaps ---- */

static void
heat_coarse(const struct cxr *c, size_t i, int t, uint64_t seed, float *g)
{
	struct rng r = rng_for(seed, i + 1, 100 + (uint64_t)t);
	double pu, pv, amp = 1.0;
	int pos = c->gt[t].n > 0;

	if (pos && c->hit[t]) {
		const struct blob *b = &c->gt[t].b[(int)(unif(&r) * c->gt[t].n)];
		pu = b->cu + range(&r, -0.3, 0.3) * b->ru;
		pv = b->cv + range(&r, -0.3, 0.3) * b->rv;
	} else {
		/* somewhere in the chest, away from the finding if any */
		pu = range(&r, 0.2, 0.8);
		pv = range(&r, 0.2, 0.75);
		if (pos && fabs(pu - c->gt[t].b[0].cu) < 0.15)
			pu = pu < 0.5 ? pu + 0.3 : pu - 0.3;
		amp = pos ? 0.8 : range(&r, 0.3, 1.0);
	}
	for (int i = 0; i < COARSE; i++)
		for (int j = 0; j < COARSE; j++) {
			double cu = (j + 0.5) / COARSE, cv = (i + 0.5) / COARSE;
			double d2 = (cu - pu) * (cu - pu) + (cv - pv) * (cv - pv);
			double val = amp * exp(-d2 / (2 * 0.09 * 0.09)) + range(&r, 0, 0.12);
			/* Grad-CAM is a ReLU of a weighted sum: non-negative, small scale */
			g[i * COARSE + j] = (float)(val * 2e-3);
		}
}

/* Bilinear upsampling of the feature grid (half-pixel centres), as Grad-CAM
 * implementations do before saving the map. */
static void
heat_map(const float *g, float *map)
{
	for (int y = 0; y < MAP_SIDE; y++) {
		float sy = fmaxf((y + 0.5f) * COARSE / MAP_SIDE - 0.5f, 0), wy;
		int i0 = (int)sy, i1 = i0 + (i0 < COARSE - 1);
		wy = sy - i0;
		for (int x = 0; x < MAP_SIDE; x++) {
			float sx = fmaxf((x + 0.5f) * COARSE / MAP_SIDE - 0.5f, 0), wx;
			int j0 = (int)sx, j1 = j0 + (j0 < COARSE - 1);
			wx = sx - j0;
			map[y * MAP_SIDE + x] = (1 - wy) * ((1 - wx) * g[i0 * COARSE + j0] +
			    wx * g[i0 * COARSE + j1]) + wy * ((1 - wx) * g[i1 * COARSE + j0] +
			    wx * g[i1 * COARSE + j1]);
		}
	}
}

/* A rough "prediction": the normalized feature grid above 0.5, at image size. */
static void
heat_pred(const struct cxr *c, const float *g, uint8_t *m, struct cx_rle *r)
{
	float lo = g[0], hi = g[0];

	for (int i = 1; i < COARSE * COARSE; i++) {
		lo = fminf(lo, g[i]);
		hi = fmaxf(hi, g[i]);
	}
	/* rows of feature cell i: y * COARSE / h == i, i.e. [start[i], start[i+1]) */
	uint32_t start[COARSE + 1];

	for (int i = 0; i <= COARSE; i++)
		start[i] = (uint32_t)(((uint64_t)i * c->h + COARSE - 1) / COARSE);
	for (uint32_t x = 0; x < c->w; x++) {
		const float *col = g + (size_t)x * COARSE / c->w;
		uint8_t *mc = m + (size_t)x * c->h;
		for (int i = 0; i < COARSE; i++)
			memset(mc + start[i], hi > lo && (col[i * COARSE] - lo) / (hi - lo) > 0.5f,
			    start[i + 1] - start[i]);
	}
	cx_rle_from_colmajor(r, m, c->h, c->w);
}

/* The model's input image: the CXR at side x side, 3 normalized channels. */
static float *
cxr_img(const struct cxr *c, const uint8_t *px, uint32_t side)
{
	float *f = cx_xmalloc((size_t)3 * side * side * sizeof *f);
	static const double mean[3] = { 0.485, 0.456, 0.406 }, sd[3] = { 0.229, 0.224, 0.225 };

	for (uint32_t y = 0; y < side; y++)
		for (uint32_t x = 0; x < side; x++) {
			double p = px[(size_t)(y * (uint64_t)c->h / side) * c->w +
			    (size_t)(x * (uint64_t)c->w / side)] / 255.0;
			for (int k = 0; k < 3; k++)
				f[(size_t)k * side * side + y * side + x] = (float)((p - mean[k]) / sd[k]);
		}
	return f;
}

static int
do_cxr(size_t i, void *ctx)
{
	struct demo *d = ctx;
	struct cxr *c = &d->c[i];
	struct cx_err *err = &d->errs[i];
	size_t npx = (size_t)c->w * c->h;
	uint8_t *px = cx_xmalloc(npx), *m = cx_xmalloc(npx);
	uint32_t side = d->o->full_size ? 320 : 64;
	float *img, *map = cx_xmalloc(MAP_SIDE * MAP_SIDE * sizeof *map), g[COARSE * COARSE];
	char *path, *dir, name[256];
	int rc = 0;

	render(c, px, (uint32_t)(d->o->seed * 2654435761u + i));
	path = cx_path_join(d->dir, c->rel);
	dir = cx_xstrdup(path);
	*strrchr(dir, '/') = '\0';
	if (cx_mkdirs(dir, err) == -1 || cx_image_write_jpeg(path, px, c->w, c->h, 90, err) == -1)
		rc = -1;
	free(dir);
	free(path);
	for (int t = 0; rc == 0 && t < CX_NTASKS; t++) {
		if (c->in_gt) {
			finding_rle(&c->gt[t], c->w, c->h, m, &c->gtm[t]);
			finding_rle(&c->hb[t], c->w, c->h, m, &c->hbm[t]);
		}
	}
	img = cxr_img(c, px, side);
	for (int t = 0; rc == 0 && t < CX_NTASKS; t++) {
		struct cx_pkl_heatmap hm = {
			.map = map, .mh = MAP_SIDE, .mw = MAP_SIDE, .prob = c->prob[t],
			.task = cx_task_names[t], .gt = c->gt[t].n > 0, .cxr_img = img,
			.ih = side, .iw = side, .cxr_w = c->w, .cxr_h = c->h,
			.key_map = 94162299033696ull + i * 4096 + (uint64_t)t * 64,
			.key_img = 94160763868736ull + i * 4096 + (uint64_t)t * 64,
		};
		heat_coarse(c, i, t, d->o->seed, g);
		heat_map(g, map);
		heat_pred(c, g, m, &c->pdm[t]);
		snprintf(name, sizeof name, "gradcam_maps_val/%s_%s_map.pkl", c->id, cx_task_names[t]);
		path = cx_path_join(d->dir, name);
		if (cx_pkl_write_heatmap(path, &hm, err) == -1)
			rc = -1;
		free(path);
	}
	free(img);
	free(map);
	free(px);
	free(m);
	return rc;
}

/* ---- the JSON and CSV files ---- */

static void
write_num(FILE *fp, double x)
{
	char buf[32];

	fputs(cx_fmt_repr(x, buf), fp);
}

/* Open the output file name below the demo folder. */
static int
demo_open(struct demo *d, const char *name, struct cx_outfile *o, struct cx_err *err)
{
	char *path = cx_path_join(d->dir, name);
	int rc = cx_outfile_open(o, path, err);

	free(path);
	return rc;
}

static int
write_ann(struct demo *d, const char *name, int hb, struct cx_err *err)
{
	struct cx_outfile o;
	int first = 1;

	if (demo_open(d, name, &o, err) == -1)
		return -1;
	fputc('{', o.fp);
	for (unsigned i = 0; i < d->n; i++) {
		const struct cxr *c = &d->c[i];
		if (!c->in_gt)
			continue;
		fprintf(o.fp, "%s\"%s\": {\"img_size\": [%u, %u]", first ? "" : ", ", c->id, c->h, c->w);
		first = 0;
		for (int t = 0; t < CX_NTASKS; t++) {
			const struct finding *f = hb ? &c->hb[t] : &c->gt[t];
			double xy[2 * POLY_N];
			if (f->n == 0)
				continue;
			fprintf(o.fp, ", \"%s\": [", cx_task_names[t]);
			for (int k = 0; k < f->n; k++) {
				blob_poly(&f->b[k], c->w, c->h, xy);
				fputs(k ? ", [" : "[", o.fp);
				for (int p = 0; p < POLY_N; p++) {
					fputs(p ? ", [" : "[", o.fp);
					write_num(o.fp, xy[2 * p]);
					fputs(", ", o.fp);
					write_num(o.fp, xy[2 * p + 1]);
					fputc(']', o.fp);
				}
				fputc(']', o.fp);
			}
			fputc(']', o.fp);
		}
		fputc('}', o.fp);
	}
	fputs("}", o.fp);
	return cx_outfile_commit(&o, err);
}

static int
write_points(struct demo *d, struct cx_err *err)
{
	struct cx_outfile o;
	int first = 1;

	if (demo_open(d, "hb_salient_pt_val.json", &o, err) == -1)
		return -1;
	fputc('{', o.fp);
	for (unsigned i = 0; i < d->n; i++) {
		const struct cxr *c = &d->c[i];
		int ft = 1;
		if (!c->in_gt)
			continue;
		fprintf(o.fp, "%s\"%s\": {", first ? "" : ", ", c->id);
		first = 0;
		for (int t = 0; t < CX_NTASKS; t++) {
			if (c->pt[t][0] < 0)
				continue;
			fprintf(o.fp, "%s\"%s\": [[", ft ? "" : ", ", cx_task_names[t]);
			ft = 0;
			write_num(o.fp, round(c->pt[t][0] * c->w * 10) / 10);
			fputs(", ", o.fp);
			write_num(o.fp, round(c->pt[t][1] * c->h * 10) / 10);
			fputs("]]", o.fp);
		}
		fputc('}', o.fp);
	}
	fputs("}", o.fp);
	return cx_outfile_commit(&o, err);
}

/* Moves the masks of `which` (0 GT, 1 HB, 2 prediction) into a segfile and saves it. */
static int
write_seg(struct demo *d, const char *name, int which, struct cx_err *err)
{
	struct cx_segfile f = {0};
	char *path = cx_path_join(d->dir, name);
	int rc;

	for (unsigned i = 0; i < d->n; i++) {
		struct cxr *c = &d->c[i];
		struct cx_segentry e;
		struct cx_rle *src = which == 0 ? c->gtm : which == 1 ? c->hbm : c->pdm;
		if (which < 2 && !c->in_gt)
			continue;
		memset(&e, 0, sizeof e);
		e.id = cx_xstrdup(c->id);
		e.h = c->h;
		e.w = c->w;
		for (int t = 0; t < CX_NTASKS; t++) {
			e.present[t] = 1;
			e.m[t] = src[t];
			memset(&src[t], 0, sizeof src[t]);
			if (e.m[t].counts == NULL)
				cx_rle_zero(&e.m[t], c->h, c->w);
		}
		cx_segfile_add(&f, &e);
	}
	cx_segfile_sort(&f);
	rc = cx_segfile_save(&f, path, 1, err);
	free(path);
	cx_segfile_fini(&f);
	return rc;
}

static int
write_csv(struct demo *d, struct cx_err *err)
{
	struct cx_outfile o;

	if (demo_open(d, "valid.csv", &o, err) == -1)
		return -1;
	fputs("Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Enlarged Cardiomediastinum,"
	    "Cardiomegaly,Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,"
	    "Pneumothorax,Pleural Effusion,Pleural Other,Fracture,Support Devices\n", o.fp);
	for (unsigned i = 0; i < d->n; i++) {
		const struct cxr *c = &d->c[i];
		/* CheXpert's column order: Lung Opacity before Lung Lesion */
		static const int col[CX_NCHEXPERT] = { 0, 1, 2, 4, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13 };
		fprintf(o.fp, "CheXpert-v1.0/%s,%s,%d,Frontal,%s", c->rel, c->male ? "Male" : "Female",
		    c->age, c->ap ? "AP" : "PA");
		for (int k = 0; k < CX_NCHEXPERT; k++)
			fprintf(o.fp, ",%s", c->lab[col[k]] ? "1.0" : "0.0");
		fputc('\n', o.fp);
	}
	return cx_outfile_commit(&o, err);
}

int
cx_demo_write(const char *dir, const struct cx_demo_opts *o, struct cx_err *err)
{
	struct demo d = { dir, o, NULL, 0, NULL };
	char *p;
	size_t failed;
	int rc = 0;

	if (o->count < 1 || o->count > 5000)
		return cx_err_set(err, "count %u not in 1..5000", o->count);
	p = cx_path_join(dir, "gradcam_maps_val");
	if (cx_mkdirs(p, err) == -1) {
		free(p);
		return -1;
	}
	free(p);
	p = cx_path_join(dir, ".chexplore-demo");
	remove(p);	/* the marker says "complete": not while we write */
	free(p);
	plan(&d);
	d.errs = cx_xcalloc(d.n, sizeof *d.errs);
	failed = cx_pool_run(d.n, o->nthreads, do_cxr, &d, o->progress, o->pctx);
	if (failed) {
		for (unsigned i = 0; i < d.n; i++)
			if (d.errs[i].msg[0]) {
				*err = d.errs[i];
				break;
			}
		rc = -1;
	}
	if (rc == 0 && (write_csv(&d, err) == -1 ||
	    write_ann(&d, "gt_annotations_val.json", 0, err) == -1 ||
	    write_ann(&d, "hb_annotations_val.json", 1, err) == -1 ||
	    write_points(&d, err) == -1 ||
	    write_seg(&d, "gt_segmentations_val.json", 0, err) == -1 ||
	    write_seg(&d, "hb_segmentations_val.json", 1, err) == -1 ||
	    write_seg(&d, "gradcam_segmentations_val.json", 2, err) == -1))
		rc = -1;
	if (rc == 0) {
		struct cx_outfile m;
		p = cx_path_join(dir, ".chexplore-demo");
		if (cx_outfile_open(&m, p, err) == -1)
			rc = -1;
		else {
			fprintf(m.fp, "chexplore demo: seed %llu, %u CXRs%s\n",
			    (unsigned long long)o->seed, o->count, o->full_size ? ", full size" : "");
			rc = cx_outfile_commit(&m, err);
		}
		free(p);
	}
	for (unsigned i = 0; i < d.n; i++)
		for (int t = 0; t < CX_NTASKS; t++) {
			cx_rle_fini(&d.c[i].gtm[t]);
			cx_rle_fini(&d.c[i].hbm[t]);
			cx_rle_fini(&d.c[i].pdm[t]);
		}
	free(d.c);
	free(d.errs);
	return rc;
}
