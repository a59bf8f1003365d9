/* picture: the CXR on the main screen — its scene (overlays, zoom, probe,
 * live thresholds), the decoded CXR, the encoded picture (sixel, kitty
 * graphics layers through picture_kitty.c, or half blocks) waiting to be
 * written, and the pane it goes in. No curses. Event loop thread only. */
#ifndef UI_PICTURE_H
#define UI_PICTURE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "picture_kitty.h"
#include "scene.h"
#include "term.h"
#include "workers.h"

/* A picture that changed in more rectangles than this is sent whole. */
#define PICTURE_MAX_PARTS	8

struct picture {
	struct scene		 sc;
	int			 side;		/* side by side */
	struct model_cxr	 cur;
	int			 cur_ok;	/* cur holds m->row index cur.i */
	int			 send;		/* PIC_SEND_*: what to write */
	char			*seq;		/* half blocks: the picture */
	size_t			 seqlen;
	struct picture_part {
		char		*seq;
		size_t		 len;
		int		 row, col;	/* where it goes, in cells from the pane */
	}			 parts[PICTURE_MAX_PARTS];	/* PIC_SEND_PART: the rectangles */
	int			 nparts;
	uint8_t			*rgb;		/* the whole picture last rendered */
	uint32_t		 rgb_w, rgb_h;
	size_t			 rgb_cxr;	/* which CXR it shows */
	int			 on_screen;	/* rgb is what the terminal shows */
	char			*full;		/* sixel: rgb encoded whole (PIC_SEND_WHOLE, and for
						 * writing it again), or NULL */
	size_t			 fulllen;
	int			 img_row, img_col, img_h, img_w;	/* pane in cells */
	uint32_t		 pic_w, pic_h;	/* picture in pixels */
	int			 probe_x, probe_y;	/* picture pixels */
	double			 last_ms;	/* render time of the last picture */
	int			 low_bandwidth;	/* sixel in fewer bytes (UI_SIXEL_LOW) */
	struct picture_kitty	*kitty;		/* kitty graphics: what the terminal holds */
};

/* What went wrong in picture_render (bits). */
enum { PIC_IMAGE_FAILED = 1, PIC_TOO_LARGE = 2 };

/* What picture_render made: the whole picture (picture_whole; NULL when it
 * does not fit), the rectangles that changed in p->parts, or nothing
 * (nothing changed). */
enum { PIC_SEND_WHOLE, PIC_SEND_PART, PIC_SEND_NOTHING };

/* A sixel picture that differs from the one on screen only in rectangles
 * smaller together than this share of it is sent as those rectangles. */
#define PICTURE_PART_MAX	0.6

void	picture_init(struct picture *p);
void	picture_fini(struct picture *p);
/* Render CXR i (-1: none) into p->seq for the pane and the terminal tc:
 * decoded (or taken from the prefetch) at the size the zoom needs; next
 * (-1: none) is decoded ahead in the background. With sixel, when the
 * picture on screen (p->on_screen) is the same CXR at the same size and
 * only small rectangles changed (an overlay, the probe, a threshold), they
 * are in p->parts (PIC_SEND_PART), each to be written at its cell of the
 * pane; an unchanged picture is PIC_SEND_NOTHING. Returns PIC_* bits; with
 * PIC_IMAGE_FAILED, msg says why the image could not be read. */
int	picture_render(struct picture *p, struct model *m, struct workers *w,
	    const struct term_caps *tc, long i, long next, char *msg, size_t n);
/* The whole picture encoded, to write it (PIC_SEND_WHOLE) or write it again
 * (after a text screen, a redraw): made now from p->rgb if the last write was
 * a part. NULL with *len 0 when there is none (or it does not fit). */
const char *picture_whole(struct picture *p, const struct term_caps *tc, size_t *len);
/* The picture left the screen: a text screen is on top, or the terminal was
 * cleared (kitty: its images are deleted or hidden now, on fd). */
void	picture_off_screen(struct picture *p, const struct term_caps *tc, int fd, int cleared);
/* Is there a picture on its way or on screen (for the status line)? */
int	picture_shown(const struct picture *p);
/* The probe's read-out over CXR i (position, intensity, GT / prediction /
 * heatmap at the probe for pathology task), "" when the probe is off. */
void	picture_probe_text(struct picture *p, struct model *m, long i, int task, char *buf,
	    size_t n);
/* Zoom in (towards the masks of CXR i, or the probe), out, or back. */
void	picture_zoom(struct picture *p, const struct model *m, long i, int in);
void	picture_zoom_reset(struct picture *p);
/* Pan a zoomed picture by a quarter of its window. */
void	picture_pan(struct picture *p, int dx, int dy);
/* Move the probe by (dx, dy) fortieths of the picture (right and down are
 * positive), kept on the picture. */
void	picture_probe_move(struct picture *p, int dx, int dy);
/* Turn the probe on at the middle when it was never placed. */
void	picture_probe_center(struct picture *p);

#endif
