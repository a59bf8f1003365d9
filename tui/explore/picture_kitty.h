/* picture_kitty: the main screen's picture in the kitty graphics protocol —
 * the X-ray and each overlay (heatmap, error map, GT, prediction, points,
 * probe) as its own image, placed above the X-ray with its z-index, and
 * the bookkeeping of what the terminal holds: an image whose pixels did not
 * change is not sent again (at most a new placement), images are deleted
 * when they leave the view, placements when a text screen comes up. No
 * curses. Event loop thread only. */
#ifndef UI_PICTURE_KITTY_H
#define UI_PICTURE_KITTY_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "term.h"

struct picture;
struct picture_kitty;

/* The commands that make the terminal show CXR p->cur with the scene p->sc
 * at ow x oh (side by side: rgb, the composed picture, as one image; else
 * rgb is ignored and may be NULL): malloc'd in *seq (*len bytes), to be
 * written at the pane's first cell, or NULL when the terminal shows it
 * already. */
void	picture_kitty_frame(struct picture *p, struct model *m, const struct term_caps *tc,
	    const uint8_t *rgb, uint32_t ow, uint32_t oh, char **seq, size_t *len);
/* No picture (no CXR, no pane): the commands deleting what is shown, or
 * NULL when nothing is. */
void	picture_kitty_none(struct picture *p, const struct term_caps *tc, char **seq,
	    size_t *len);
/* The whole picture again (after a text screen: placements only; after a
 * clear: the images again), owned by p; NULL when there is none. */
const char *picture_kitty_whole(struct picture *p, const struct term_caps *tc, size_t *len);
/* The picture leaves the screen: a text screen comes up (placements
 * deleted, images kept) or the terminal is cleared (images deleted: a
 * clear frees them in kitty). Written to fd now. */
void	picture_kitty_off_screen(struct picture *p, const struct term_caps *tc, int fd,
	    int cleared);
/* Delete every image (at exit) and free the state. */
void	picture_kitty_free(struct picture *p, int fd);

#endif
