/* prompt: the bottom line — a message, the one-line prompt being typed (id
 * filter, note), or what the explorer is doing (workers' progress, the
 * probe, the note of the current CXR, the graphics mode). Event loop thread
 * only. */
#ifndef UI_PROMPT_H
#define UI_PROMPT_H

#include "app.h"

/* Start prompting: kind 'f' (filter ids, live as typed) or 'n' (note of the
 * current CXR, saved on Enter), with the text it starts from. */
void	prompt_open(struct app *a, int kind, const char *initial);
/* A key while prompting; returns V_* flags. */
int	prompt_key(struct app *a, int ch);
/* Draw the bottom line. */
void	prompt_draw_status(struct app *a);

#endif
