/* term: terminal graphics detection and image output. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "term.h"
#include "xalloc.h"

/* tmux refuses escape sequences longer than its input buffer (1 MiB). */
#define TMUX_LIMIT	(1000u * 1024u)
#define SIXEL_LIMIT	(1024u * 1024u)
/* The id of the kitty graphics query (a=q: the terminal stores nothing). */
#define KITTY_QID	"2718"
#define KITTY_QUERY	"_Gi=" KITTY_QID ",s=1,v=1,a=q,t=d,f=24;AAAA"

int
term_gfx_parse(const char *s)
{
	if (!s || strcmp(s, "auto") == 0)
		return -1;
	if (strcmp(s, "sixel") == 0)
		return GFX_SIXEL;
	if (strcmp(s, "blocks") == 0)
		return GFX_BLOCKS;
	if (strcmp(s, "none") == 0 || strcmp(s, "text") == 0)
		return GFX_NONE;
	return -2;
}

int
term_gfx_parse_kitty(const char *s)
{
	if (!s || strcmp(s, "auto") == 0)
		return TERM_AUTO_KITTY;
	if (strcmp(s, "kitty") == 0)
		return GFX_KITTY;
	return term_gfx_parse(s);
}

/* A kitty graphics reply (APC "G i=<id>;OK" ST) to our query at buf[i]
 * (the APC's start): sets tc->kitty when it says OK. The index of its last
 * byte, or i when the reply is not whole yet. */
static size_t
kitty_reply(struct term_caps *tc, const char *buf, size_t n, size_t i)
{
	static const char want[] = "i=" KITTY_QID;
	size_t j = i + 3, semi = 0;

	for (; j + 1 < n && !(buf[j] == '\033' && buf[j + 1] == '\\'); j++)
		if (buf[j] == ';' && !semi)
			semi = j;
	if (j + 1 >= n)
		return i;
	/* keys "k=v,k=v" up to the ';', then the message */
	for (size_t k = i + 3; semi && k < semi;) {
		size_t e = k;
		while (e < semi && buf[e] != ',')
			e++;
		if (e - k == sizeof want - 1 && memcmp(buf + k, want, e - k) == 0
		    && j - semi - 1 == 2 && memcmp(buf + semi + 1, "OK", 2) == 0)
			tc->kitty = 1;
		k = e + 1;
	}
	return j + 1;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

void
term_parse_replies(struct term_caps *tc, const char *buf, size_t n, int *got_da1)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (buf[i] == '\033' && buf[i + 1] == '_' && i + 2 < n && buf[i + 2] == 'G') {
			i = kitty_reply(tc, buf, n, i);
			continue;
		}
		if (buf[i] != '\033' || buf[i + 1] != '[')
			continue;
		size_t j = i + 2;
		int priv = 0, np = 0, inter = 0;
		long p[16] = { 0 };
		int tok4 = 0, cur_len = 0, cur_is4 = 0;
		if (j < n && buf[j] == '?') {
			priv = 1;
			j++;
		}
		for (; j < n; j++) {
			unsigned char c = (unsigned char)buf[j];
			if (c >= '0' && c <= '9') {
				if (np < 16 && p[np] < 100000)
					p[np] = p[np] * 10 + (c - '0');
				cur_is4 = cur_len == 0 && c == '4';
				if (cur_len > 0)
					cur_is4 = 0;
				cur_len++;
			} else if (c == ';') {
				if (cur_len == 1 && cur_is4)
					tok4 = 1;
				cur_len = 0;
				cur_is4 = 0;
				if (np < 15)
					np++;
			} else if (c >= 0x20 && c <= 0x2f) {
				inter = c;
			} else
				break;
		}
		if (j >= n)
			break;
		if (cur_len == 1 && cur_is4)
			tok4 = 1;
		np++;
		char fin = buf[j];
		if (fin == 'c' && priv) {
			/* Sixel is the parameter token exactly "4" (not 14, 42...). */
			if (tok4)
				tc->sixel = 1;
			if (j - i + 1 < sizeof tc->da1 && !tc->da1[0]) {
				memcpy(tc->da1, buf + i, j - i + 1);
				tc->da1[j - i + 1] = 0;
			}
			if (got_da1)
				*got_da1 = 1;
		} else if (fin == 'S' && priv && np >= 3 && p[1] == 0) {
			if (p[0] == 1 && p[2] > 0)
				tc->registers = (int)(p[2] > 1024 ? 1024 : p[2]);
			else if (p[0] == 2 && np >= 4) {
				tc->max_w = (int)p[2];
				tc->max_h = (int)p[3];
			}
		} else if (fin == 't' && !priv && np >= 3) {
			if (p[0] == 6 && p[1] > 0 && p[2] > 0 && p[1] < 1000 && p[2] < 1000) {
				tc->cell_h = (int)p[1];
				tc->cell_w = (int)p[2];
			} else if (p[0] == 4 && p[1] > 0 && p[2] > 0 && tc->cell_w == 0) {
				struct winsize ws;
				/* Window pixels over cells, when CSI 16 t is not answered. */
				if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row) {
					tc->cell_w = (int)(p[2] / ws.ws_col);
					tc->cell_h = (int)(p[1] / ws.ws_row);
				}
			}
		} else if (fin == 'y' && inter == '$' && priv && np >= 2 && p[0] == 2026)
			tc->sync = p[1] == 1 || p[1] == 2;
		i = j;
	}
}

void
term_update_cells(struct term_caps *tc, int fd)
{
	struct winsize ws;

	if (fd >= 0 && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row
	    && ws.ws_xpixel >= ws.ws_col && ws.ws_ypixel >= ws.ws_row) {
		tc->cell_w = ws.ws_xpixel / ws.ws_col;
		tc->cell_h = ws.ws_ypixel / ws.ws_row;
	}
	if (tc->cell_w <= 0 || tc->cell_h <= 0) {
		tc->cell_w = 10;
		tc->cell_h = 20;
	}
}

/* One read of a terminal's reply into buf (cap bytes, *n used, one kept for
 * a NUL) before the deadline end (now_ms() time): 0 when bytes came, -1 on
 * timeout, end of file or a full buffer. */
static int
read_more(int fd, char *buf, size_t cap, size_t *n, long end)
{
	long left = end - now_ms();
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t r;

	if (*n >= cap - 1 || left <= 0 || poll(&pfd, 1, (int)left) <= 0)
		return -1;
	r = read(fd, buf + *n, cap - 1 - *n);
	if (r <= 0)
		return -1;
	*n += (size_t)r;
	return 0;
}

/* Write the queries q and read the replies until DA1 answers (every terminal
 * answers it, so it goes last) or timeout_ms pass; parse them into tc.
 * Returns 1 when DA1 answered. Late replies are flushed so that curses does
 * not read them as keys. */
static int
query(int fd, const char *q, size_t qn, int timeout_ms, struct term_caps *tc)
{
	char buf[4096];
	size_t n = 0;
	long end = now_ms() + timeout_ms;
	int got = 0;

	term_write_all(fd, q, qn);
	while (!got && read_more(fd, buf, sizeof buf, &n, end) == 0) {
		struct term_caps scratch;

		/* Parse a scratch copy: partial buffers must not leave flags. */
		scratch = *tc;
		term_parse_replies(&scratch, buf, n, &got);
	}
	if (got)
		term_parse_replies(tc, buf, n, NULL);
	else
		tcflush(fd, TCIFLUSH);
	return got;
}

/* A tmux command's first output line (without the newline) in line, or "". */
static void
tmux_cmd(const char *cmd, char *line, size_t n)
{
	FILE *fp = popen(cmd, "r");

	line[0] = 0;
	if (!fp)
		return;
	if (!fgets(line, (int)n, fp))
		line[0] = 0;
	line[strcspn(line, "\r\n")] = 0;
	pclose(fp);
}

/* Inside tmux without native sixel: is passthrough allowed (the option; -1
 * unknown), what is the outer terminal, where is the pane; then ask the outer
 * terminal itself through passthrough (DCS tmux; ... ST with ESC doubled) —
 * its replies come back to the pane, and an answer proves passthrough works.
 * Returns 1 when the outer terminal answered DA1. */
static int
tmux_probe(struct term_caps *tc, int fd, int timeout_ms, int want_kitty, int *allowed,
    int *outer_sixel)
{
	static const char q[] =
	    "\033Ptmux;"
	    "\033\033[?1;1;0S"		/* colour registers */
	    "\033\033[?2;1;0S"		/* sixel geometry */
	    "\033\033[16t"		/* cell size */
	    "\033\033" KITTY_QUERY "\033\033\\"	/* kitty graphics (skipped without) */
	    "\033\033[c"		/* DA1 last */
	    "\033\\";
	static const char kq[] = "\033\033" KITTY_QUERY "\033\033\\";
	char qq[sizeof q];
	size_t qn = sizeof q - 1;
	struct term_caps o;
	char line[512];
	int got;

	tmux_cmd("tmux display -p '#{client_termtype}' 2>/dev/null", line, sizeof line);
	snprintf(tc->outer, sizeof tc->outer, "%s", line);
	tmux_cmd("tmux show -Apv allow-passthrough 2>/dev/null", line, sizeof line);
	*allowed = strncmp(line, "on", 2) == 0 || strncmp(line, "all", 3) == 0 ? 1
	    : strncmp(line, "off", 3) == 0 ? 0 : -1;
	/* Passthrough bytes land at the outer terminal's cursor: the picture is
	 * placed with coordinates of the outer terminal, offset by the pane. */
	tmux_cmd("tmux display -p '#{pane_top} #{pane_left}' 2>/dev/null", line, sizeof line);
	if (sscanf(line, "%d %d", &tc->pane_top, &tc->pane_left) != 2)
		tc->pane_top = tc->pane_left = 0;
	*outer_sixel = 0;
	if (*allowed == 0)
		return 0;
	memset(&o, 0, sizeof o);
	memcpy(qq, q, sizeof q);
	if (!want_kitty) {
		char *k = strstr(qq, kq);
		memmove(k, k + sizeof kq - 1, strlen(k + sizeof kq - 1) + 1);
		qn -= sizeof kq - 1;
	}
	got = query(fd, qq, qn, timeout_ms, &o);
	if (!got)
		return 0;
	*allowed = 1;
	tc->kitty = o.kitty;
	if (o.sixel) {
		*outer_sixel = 1;
		if (o.registers > 0)
			tc->registers = o.registers;
		tc->max_w = o.max_w;
		tc->max_h = o.max_h;
	}
	if ((o.sixel || o.kitty) && tc->cell_w <= 0 && o.cell_w > 0) {
		tc->cell_w = o.cell_w;
		tc->cell_h = o.cell_h;
	}
	return 1;
}

/* The status line's explanation when neither sixel nor kitty is used. */
static void
why_blocks(struct term_caps *tc, int kitty_asked, int probed, int allowed, int answered,
    int got_da1)
{
	const char *o = tc->outer[0] ? tc->outer : "unknown";
	const char *what = kitty_asked ? "sixel nor kitty graphics" : "sixel";
	const char *force = kitty_asked ? "--graphics sixel|kitty forces one"
	    : "--graphics sixel forces it";

	if (probed && allowed == 0)
		snprintf(tc->why, sizeof tc->why, "half blocks: tmux has no sixel and "
		    "allow-passthrough is off (tmux set -g allow-passthrough on)");
	else if (probed && answered)
		snprintf(tc->why, sizeof tc->why, "half blocks: neither tmux nor the outer "
		    "terminal (%s) does %s (xterm: -ti vt340)", o, what);
	else if (probed)
		snprintf(tc->why, sizeof tc->why, "half blocks: tmux has no sixel and no "
		    "answer through passthrough; %s", force);
	else if (!got_da1)
		snprintf(tc->why, sizeof tc->why, "half blocks: no DA1 reply; %s", force);
	else if (kitty_asked)
		snprintf(tc->why, sizeof tc->why, "half blocks: no sixel or kitty reply "
		    "(xterm -ti vt340); %s", force);
	else
		snprintf(tc->why, sizeof tc->why, "half blocks: no sixel in DA1 "
		    "(xterm: -ti vt340); --graphics sixel forces it");
}

void
term_detect(struct term_caps *tc, int fd, int force, int timeout_ms)
{
	const char *ct = getenv("COLORTERM"), *tm = getenv("TMUX");
	struct termios old, raw;
	int got_da1 = 0, probed = 0, answered = 0, allowed = -1, outer = 0, tty = 0;
	int native = 0, sixel_pass = 0, kitty_pass = 0;
	int want_kitty = force == TERM_AUTO_KITTY || force == GFX_KITTY;

	memset(tc, 0, sizeof *tc);
	tc->registers = 0;
	tc->truecolor = ct && (strstr(ct, "truecolor") || strstr(ct, "24bit"));
	tc->tmux = tm && *tm;
	if (fd >= 0 && isatty(fd) && tcgetattr(fd, &old) == 0) {
		static const char q[] =
		    "\033[?1;1;0S"	/* XTSMGRAPHICS: colour registers */
		    "\033[?2;1;0S"	/* XTSMGRAPHICS: sixel geometry */
		    "\033[16t"		/* cell size */
		    "\033[14t"		/* window size, when 16t is not answered */
		    "\033[?2026$p";	/* synchronized output? */
		/* The kitty query answers before DA1 where the protocol is known;
		 * DA1 last: every terminal answers it. */
		static const char kq[] = "\033" KITTY_QUERY "\033\\", da1[] = "\033[c";
		char qq[sizeof q + sizeof kq + sizeof da1];
		size_t qn = 0;

		memcpy(qq, q, sizeof q - 1);
		qn = sizeof q - 1;
		/* Not to tmux itself: it takes an APC string as the pane's title
		 * (seen: "Gi=31,s=1,v=1,a=q,t" in the status line, kept after
		 * exit); tmux_probe asks the outer terminal through passthrough. */
		if (want_kitty && !tc->tmux) {
			memcpy(qq + qn, kq, sizeof kq - 1);
			qn += sizeof kq - 1;
		}
		memcpy(qq + qn, da1, sizeof da1 - 1);
		qn += sizeof da1 - 1;
		tty = 1;
		raw = old;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 0;
		raw.c_cc[VTIME] = 0;
		tcsetattr(fd, TCSANOW, &raw);
		got_da1 = query(fd, qq, qn, timeout_ms, tc);
		/* Native sixel when tmux itself lists 4 (tmux 3.4 built with
		 * sixel); otherwise ask the outer terminal through passthrough
		 * (tmux has no kitty graphics of its own). */
		native = tc->sixel;
		if (tc->tmux && (want_kitty || (!tc->sixel && (force < 0 || force == GFX_SIXEL)))) {
			probed = 1;
			tc->kitty = 0;
			answered = tmux_probe(tc, fd, timeout_ms, want_kitty, &allowed, &outer);
		}
		tcsetattr(fd, TCSANOW, &old);
	}
	if (tc->registers <= 0)
		tc->registers = 256;
	term_update_cells(tc, fd);
	tc->max_bytes = SIXEL_LIMIT;
	if (tc->tmux) {
		/* tmux drops escape sequences longer than its input buffer. */
		tc->max_bytes = TMUX_LIMIT;
		if (probed && allowed != 0 && !native && (outer || force == GFX_SIXEL)) {
			tc->sixel = 1;
			sixel_pass = 1;
		}
		/* Kitty graphics only ever reach the outer terminal this way. */
		kitty_pass = probed && allowed != 0 && (tc->kitty || force == GFX_KITTY);
	}
	if (force >= 0) {
		static const char *const names[] = { "text", "half blocks", "sixel", "kitty graphics" };
		tc->mode = (enum gfx_mode)force;
		tc->passthrough = force == GFX_KITTY ? kitty_pass : force == GFX_SIXEL && sixel_pass;
		snprintf(tc->why, sizeof tc->why, "%s (forced)%s", names[force],
		    (force == GFX_SIXEL || force == GFX_KITTY) && tc->passthrough
		    ? " via tmux passthrough" : "");
	} else if (!tty) {
		/* Not a terminal (e.g. show > file): the caller picks. */
		tc->mode = GFX_SIXEL;
		snprintf(tc->why, sizeof tc->why, "not a terminal");
	} else if (want_kitty && tc->kitty && (!tc->tmux || kitty_pass)) {
		tc->mode = GFX_KITTY;
		tc->passthrough = kitty_pass;
		snprintf(tc->why, sizeof tc->why, "kitty graphics%s",
		    tc->passthrough ? " via tmux passthrough" : "");
	} else if (tc->sixel) {
		tc->mode = GFX_SIXEL;
		tc->passthrough = sixel_pass;
		snprintf(tc->why, sizeof tc->why, "sixel%s, %d colours",
		    tc->passthrough ? " via tmux passthrough" : tc->tmux ? " (tmux)" : "",
		    tc->registers);
	} else {
		tc->mode = GFX_BLOCKS;
		why_blocks(tc, want_kitty, probed, allowed, answered, got_da1);
	}
}

int
term_ping(int fd, const struct term_caps *tc)
{
	if (!tc->da1[0])
		return -1;
	return term_write_all(fd, "\033[c", 3);
}

int
term_cursor(int fd, int *row, int *col, int timeout_ms)
{
	struct termios old, raw;
	char buf[256];
	size_t n = 0;
	long end = now_ms() + timeout_ms;
	int rc = -1;

	if (fd < 0 || !isatty(fd) || tcgetattr(fd, &old) != 0)
		return -1;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	tcsetattr(fd, TCSANOW, &raw);
	term_write_all(fd, "\033[6n", 4);
	while (rc != 0 && read_more(fd, buf, sizeof buf, &n, end) == 0) {
		buf[n] = 0;
		/* CSI row ; col R (other replies may come first). */
		for (char *p = buf; (p = strstr(p, "\033[")) != NULL; p += 2) {
			int y, x;
			char fin;
			if (sscanf(p + 2, "%d;%d%c", &y, &x, &fin) == 3 && fin == 'R' && y > 0 && x > 0) {
				*row = y - 1;
				*col = x - 1;
				rc = 0;
				break;
			}
		}
	}
	if (rc != 0)
		tcflush(fd, TCIFLUSH);
	tcsetattr(fd, TCSANOW, &old);
	return rc;
}

int
term_write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				struct pollfd pfd = { .fd = fd, .events = POLLOUT };
				poll(&pfd, 1, 100);
				continue;
			}
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

static size_t
put_num(char *o, unsigned v)
{
	char t[12];
	size_t n = 0, k = 0;

	do
		t[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n > 0)
		o[k++] = t[--n];
	return k;
}

/* SGR for one colour, foreground (38) or background (48). */
static size_t
sgr(char *o, int fg, const uint8_t *c, int truecolor)
{
	size_t k = 0;

	memcpy(o, fg ? "\033[38;" : "\033[48;", 5);
	k = 5;
	if (truecolor) {
		o[k++] = '2';
		for (int i = 0; i < 3; i++) {
			o[k++] = ';';
			k += put_num(o + k, c[i]);
		}
	} else {
		/* xterm 256: the 6x6x6 cube or the 24-step gray ramp, whichever is nearer. */
		int r = (c[0] * 5 + 127) / 255, g = (c[1] * 5 + 127) / 255, b = (c[2] * 5 + 127) / 255;
		int gray = (c[0] + c[1] + c[2]) / 3, gi = (gray - 3) / 10;
		int cube = 16 + 36 * r + 6 * g + b;
		static const int lv[6] = { 0, 95, 135, 175, 215, 255 };
		long dc = 0, dg = 0;
		if (gi < 0)
			gi = 0;
		if (gi > 23)
			gi = 23;
		int gv = 8 + 10 * gi;
		int cv[3] = { lv[r], lv[g], lv[b] };
		for (int i = 0; i < 3; i++) {
			dc += (long)(c[i] - cv[i]) * (c[i] - cv[i]);
			dg += (long)(c[i] - gv) * (c[i] - gv);
		}
		o[k++] = '5';
		o[k++] = ';';
		k += put_num(o + k, (unsigned)(dg < dc ? 232 + gi : cube));
	}
	o[k++] = 'm';
	return k;
}

char *
term_blocks(const uint8_t *rgb, uint32_t w, uint32_t h, int truecolor, int newline,
    int col, size_t *len)
{
	size_t rows = (h + 1) / 2, cap = rows * ((size_t)w * 48 + 32) + 16, n = 0;
	char *o = cx_xmalloc(cap);
	uint8_t last_f[3] = { 0 }, last_b[3] = { 0 };

	for (size_t r = 0; r < rows; r++) {
		const uint8_t *top = rgb + (size_t)(2 * r) * w * 3;
		const uint8_t *bot = 2 * r + 1 < h ? top + (size_t)w * 3 : NULL;
		int have = 0;
		for (uint32_t x = 0; x < w; x++) {
			const uint8_t *f = top + 3 * x, *b = bot ? bot + 3 * x : NULL;
			if (!have || memcmp(f, last_f, 3) != 0) {
				n += sgr(o + n, 1, f, truecolor);
				memcpy(last_f, f, 3);
			}
			if (b && (!have || memcmp(b, last_b, 3) != 0)) {
				n += sgr(o + n, 0, b, truecolor);
				memcpy(last_b, b, 3);
			} else if (!b && !have) {
				memcpy(o + n, "\033[49m", 5);
				n += 5;
			}
			have = 1;
			memcpy(o + n, "\xe2\x96\x80", 3);	/* U+2580 upper half block */
			n += 3;
		}
		memcpy(o + n, "\033[0m", 4);
		n += 4;
		if (newline)
			o[n++] = '\n';
		else if (r + 1 < rows) {
			/* Next row, back to the image's column. */
			memcpy(o + n, "\033[1B\033[", 6);
			n += 6;
			n += put_num(o + n, (unsigned)col);
			o[n++] = 'G';
		}
	}
	o[n] = 0;
	*len = n;
	return o;
}

/* Append s[0..n) to o with every ESC doubled (inside tmux passthrough). */
static size_t
doubled(char *o, const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\033')
			o[k++] = '\033';
		o[k++] = s[i];
	}
	return k;
}

/* The index just after the first ST (ESC \) at or after from; len if none. */
static size_t
after_st(const char *s, size_t len, size_t from)
{
	for (size_t i = from; i + 1 < len; i++)
		if (s[i] == '\033' && s[i + 1] == '\\')
			return i + 2;
	return len;
}

/* Kitty commands through tmux passthrough: pieces of whole commands (tmux
 * may write its own output between two pieces), each starting with the
 * cursor at the picture's cell of the outer terminal; the cursor is saved
 * before the first piece and restored after the last. */
static size_t
kitty_passthrough(char *o, const struct term_caps *tc, int row, int col, const char *seq,
    size_t len)
{
	enum { PIECE = 256 * 1024 };
	size_t n = 0, at = 0;

	while (at < len) {
		size_t cut = at;
		char pre[48];
		int pn = snprintf(pre, sizeof pre, "%s\033[%d;%dH", at == 0 ? "\0337" : "",
		    row + 1 + tc->pane_top, col + 1 + tc->pane_left);
		/* At least one command; more while the piece stays under PIECE. */
		while (cut < len) {
			size_t next = after_st(seq, len, cut);
			if (cut > at && next - at > PIECE)
				break;
			cut = next;
		}
		memcpy(o + n, "\033Ptmux;", 7);
		n += 7;
		n += doubled(o + n, pre, (size_t)pn);
		n += doubled(o + n, seq + at, cut - at);
		if (cut == len)
			n += doubled(o + n, "\0338", 2);
		memcpy(o + n, "\033\\", 2);
		n += 2;
		at = cut;
	}
	return n;
}

int
term_put_image(int fd, const struct term_caps *tc, int row, int col, const char *seq,
    size_t len)
{
	size_t cap = len * 2 + 160 + (len / 65536 + 2) * 128, n = 0;
	char *o = cx_xmalloc(cap);
	int rc, pass = tc->passthrough && len > 2 && seq[0] == '\033' && seq[1] == 'P';

	if (tc->sync) {
		memcpy(o + n, "\033[?2026h", 8);
		n += 8;
	}
	if (tc->passthrough && tc->mode == GFX_KITTY) {
		n += kitty_passthrough(o + n, tc, row, col, seq, len);
	} else if (pass) {
		/* tmux passthrough: DCS tmux; <data with every ESC doubled> ST. The
		 * cursor moves go inside too, in outer-terminal coordinates. */
		char pre[64];
		int pn = snprintf(pre, sizeof pre, "\0337\033[%d;%dH", row + 1 + tc->pane_top,
		    col + 1 + tc->pane_left);
		memcpy(o + n, "\033Ptmux;", 7);
		n += 7;
		for (int i = 0; i < pn; i++) {
			if (pre[i] == '\033')
				o[n++] = '\033';
			o[n++] = pre[i];
		}
		for (size_t i = 0; i < len; i++) {
			if (seq[i] == '\033')
				o[n++] = '\033';
			o[n++] = seq[i];
		}
		memcpy(o + n, "\033\0338\033\\", 5);
		n += 5;
	} else {
		n += (size_t)sprintf(o + n, "\0337\033[%d;%dH", row + 1, col + 1);
		memcpy(o + n, seq, len);
		n += len;
		memcpy(o + n, "\0338", 2);
		n += 2;
	}
	if (tc->sync) {
		memcpy(o + n, "\033[?2026l", 8);
		n += 8;
	}
	rc = term_write_all(fd, o, n);
	free(o);
	return rc;
}
