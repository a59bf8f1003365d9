/* prompt: the bottom line — a message, the one-line prompt being typed (id
 * search, id jump, id filter, pathology, note), or what the explorer is
 * doing (workers' progress, the probe, the mark and note of what the review
 * keys act on, the graphics mode). Event loop thread only. */
#ifndef UI_PROMPT_H
#define UI_PROMPT_H

#include "app.h"

/* Start prompting, from the text initial:
 *   '/'  search ids: the cursor follows the first match from where it was
 *        as typed; Enter keeps it (empty: the last search again), Esc goes
 *        back;
 *   ':'  jump to an id (exact, else the first starting so) on Enter;
 *   'f'  filter ids (live as typed; Esc restores the filter);
 *   'p'  pathology filter: the matching names listed as typed, Enter takes
 *        the first (empty: no pathology filter). */
void	prompt_open(struct app *a, int kind, const char *initial);
/* Start the note prompt of the current CXR and pathology task (MARK_CXR:
 * the CXR as a whole), from its note; Enter saves it. */
void	prompt_open_note(struct app *a, int task);
/* What the review keys (mark, note) act on for the current CXR: the table's
 * pathology when the table has the focus, else the pathology filter's,
 * else the CXR as a whole (MARK_CXR). */
int	prompt_mark_task(const struct app *a);
/* "Cardiomegaly" or "the CXR": what task names in messages. */
const char *prompt_task_label(int task);
/* A key while prompting; returns V_* flags. */
int	prompt_key(struct app *a, int ch);
/* Draw the bottom line. */
void	prompt_draw_status(struct app *a);
/* Set the pathology filter to task (-1: none): the picture shows its
 * overlay alone (all again for none) and the table's cursor goes to it. */
void	prompt_set_pathology(struct app *a, int task);

#endif
