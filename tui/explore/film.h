/* film: reading the film on the main screen — window / level and invert
 * of the X-ray, 1:1 zoom, the probe's value in the source image — and 'o',
 * the view exported as an annotated PNG. Event loop thread only. */
#ifndef UI_FILM_H
#define UI_FILM_H

#include <stddef.h>
#include <stdint.h>

#include "image.h"

#include "app.h"

/* 'o' writes at `export`'s default size: 1024 pixels wide. */
#define FILM_EXPORT_W	1024
#define FILM_EXPORT_H	8192

/* The source image of one CXR for the probe (i = -1: none yet). */
struct film_source {
	long		 i;
	int		 ok;
	struct cx_image	 img;
};

/* The film's keys (w W b B I O Z o); V_IGNORED for the others. */
int	film_key(struct app *a, enum action act);
/* The source image's pixel under the probe ("source 812,1033 = 141"),
 * decoded once per CXR at full size; "" when the probe is off. */
void	film_probe_source(struct app *a, char *buf, size_t n);
/* "source (col,row) value" of CXR i's image at path, decoded into fs when
 * fs holds another CXR; "source -" when it cannot be read or the pixel is
 * outside. */
void	film_source_text(struct film_source *fs, long i, const char *path, uint32_t col,
	    uint32_t row, char *buf, size_t n);
void	film_source_fini(struct film_source *fs);
/* Window / level as the info line shows it ("W 205 L 128 inv"), "" when
 * the film is as decoded. */
void	film_label(const struct scene *s, char *buf, size_t n);
/* Is the picture at 1:1 (one image pixel a picture pixel)? */
int	film_is_1to1(const struct picture *p);
/* Where 'o' writes: DIR/ID_PATHOLOGY.png, then -2, -3, ... never over a
 * file; DIR is the settings' export-dir or the current folder. The name is
 * created empty (reserved) in path; -1 when no name could be made. */
int	film_export_name(const char *dir, const char *id, int task, char *path, size_t n);

#endif
