/* loop: the explorer's one event loop — poll() on the terminal and the
 * workers' pipe, keys to the top view, one redraw pass, the picture written
 * after the text. Event loop thread (it is that thread). */
#ifndef UI_LOOP_H
#define UI_LOOP_H

#include "app.h"

/* Run until the user quits, with the main view at the bottom of the stack
 * (curses set up, workers started by the caller). script: keys typed as if
 * by the user, one per frame (--keys), or NULL. */
void	loop_run(struct app *a, const char *script);

#endif
