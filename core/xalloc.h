/* xalloc: allocation that never returns NULL. Out of memory is fatal (a bug-class
 * event, not bad input); the program may install a hook that restores the terminal. */
#ifndef CX_XALLOC_H
#define CX_XALLOC_H

#include <stddef.h>

void	*cx_xmalloc(size_t n);
void	*cx_xcalloc(size_t nmemb, size_t size);
void	*cx_xrealloc(void *p, size_t n);
/* realloc to nmemb*size, aborting on overflow. */
void	*cx_xreallocarray(void *p, size_t nmemb, size_t size);
char	*cx_xstrdup(const char *s);
/* Called once before abort() on out of memory (e.g. endwin). */
void	 cx_xalloc_set_fatal_hook(void (*hook)(void));

#endif
