/* term: what the terminal can show (sixel, kitty graphics, colours, cell size) and the only
 * place that writes images to it. Queries go out at once before curses starts,
 * DA1 last, and are read back with a timeout. Main (event loop) thread only:
 * it owns the terminal. */
#ifndef UI_TERM_H
#define UI_TERM_H

#include <stddef.h>
#include <stdint.h>

enum gfx_mode { GFX_NONE, GFX_BLOCKS, GFX_SIXEL, GFX_KITTY };

/* term_detect's force: auto, the kitty graphics protocol allowed (the
 * explorer; plain -1 is auto among sixel and half blocks). */
#define TERM_AUTO_KITTY	(-3)

struct term_caps {
	enum gfx_mode	mode;		/* what we will use */
	int		sixel;		/* DA1 listed 4 (or passthrough to a sixel terminal) */
	int		kitty;		/* answered the kitty graphics query with OK (or the
					 * outer terminal did, through tmux passthrough) */
	int		registers;	/* sixel colour registers (XTSMGRAPHICS), 256 if unknown */
	int		max_w, max_h;	/* sixel geometry limit, 0 if unknown */
	int		cell_w, cell_h;	/* pixels per cell */
	int		truecolor;	/* 24-bit SGR colours for half blocks */
	int		sync;		/* synchronized output (mode 2026) */
	int		tmux;		/* running inside tmux */
	int		passthrough;	/* wrap images in tmux passthrough */
	int		pane_top, pane_left;	/* tmux pane offset in the outer terminal */
	size_t		max_bytes;	/* largest image sequence we may write */
	char		why[192];	/* how the mode was chosen, for the status line */
	char		outer[64];	/* tmux: the outer terminal's type, "" unknown */
	char		da1[64];	/* the terminal's DA1 reply, as it came; "" none */
};

/* Parse "auto" (-1), "sixel", "blocks", "none" (also "text"); -2 when unknown. */
int	term_gfx_parse(const char *s);
/* The same with "kitty" too, and "auto" as TERM_AUTO_KITTY (the explorer). */
int	term_gfx_parse_kitty(const char *s);
/* Detect on the terminal at fd (a tty; -1: none, defaults only). force is a
 * gfx mode, -1 for auto (sixel or half blocks) or TERM_AUTO_KITTY (also the
 * kitty graphics query, before DA1; kitty is chosen first when it answers).
 * Never blocks longer than timeout_ms. */
void	term_detect(struct term_caps *tc, int fd, int force, int timeout_ms);
/* Re-read the cell size (TIOCGWINSZ) after a resize; keeps the old one when
 * the terminal reports no pixels. */
void	term_update_cells(struct term_caps *tc, int fd);
/* Parse query replies in buf (exposed for tests). */
void	term_parse_replies(struct term_caps *tc, const char *buf, size_t n, int *got_da1);

/* Half-block text for w x h RGB: each cell shows two pixels (upper in the
 * foreground of U+2580, lower in the background). Lines end with SGR reset and
 * "\n" when newline is set, else with cursor moves back to column col (1-based)
 * on the next row. Returns a malloc'd string. */
char	*term_blocks(const uint8_t *rgb, uint32_t w, uint32_t h, int truecolor,
	    int newline, int col, size_t *len);
/* Write an image sequence (sixel, kitty commands or blocks) at cell (row,
 * col), 0-based, in one write(2), wrapped in synchronized output and tmux
 * passthrough as the caps say (kitty: ESC doubled, in pieces of whole
 * commands). The cursor position is saved and restored. Returns 0 or -1. */
int	term_put_image(int fd, const struct term_caps *tc, int row, int col,
	    const char *seq, size_t len);
/* The cursor position (0-based) from a DSR reply of the terminal at fd;
 * -1 without an answer within timeout_ms. */
int	term_cursor(int fd, int *row, int *col, int timeout_ms);
/* Ask the terminal for DA1 again (after a picture): it answers once every byte
 * written before has been read — over SSH, once the picture has crossed the
 * link. The answer reads as tc->da1. -1 when the terminal never answered DA1. */
int	term_ping(int fd, const struct term_caps *tc);
/* Write all of buf (retrying on EINTR / short writes). */
int	term_write_all(int fd, const char *buf, size_t n);

#endif
