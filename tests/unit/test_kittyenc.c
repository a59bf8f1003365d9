/* test_kittyenc: the PNGs made for kitty graphics decode (by libpng) to the
 * pixels given — gray, RGB, RGBA and RGBA with few colours (a palette with
 * tRNS); commands are cut into chunks of at most 4096 base64 bytes, all but
 * the last a multiple of 4, only the first with the keys, and decode back to
 * the data; term_put_image wraps kitty commands for tmux passthrough with
 * every ESC doubled, in pieces of whole commands each starting at the
 * picture's cell of the outer terminal. */
#include <png.h>
#include <stdint.h>
#include <unistd.h>

#include "check.h"
#include "kittyenc.h"
#include "term.h"

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* png decoded by libpng as RGBA, compared with px (ch channels). */
static int
png_is(const uint8_t *png, size_t n, const uint8_t *px, uint32_t w, uint32_t h, int ch)
{
	png_image im;
	uint8_t *out;
	int ok = 1;

	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&im, png, n) || im.width != w || im.height != h)
		return 0;
	im.format = PNG_FORMAT_RGBA;
	out = malloc(PNG_IMAGE_SIZE(im));
	if (!png_image_finish_read(&im, NULL, out, 0, NULL)) {
		free(out);
		return 0;
	}
	for (size_t i = 0; i < (size_t)w * h && ok; i++) {
		const uint8_t *q = out + 4 * i, *s = px + (size_t)ch * i;
		uint8_t want[4] = { s[0], ch == 1 ? s[0] : s[1], ch == 1 ? s[0] : s[2],
		    ch == 4 ? s[3] : 255 };
		/* A fully transparent pixel's colour is not kept. */
		if (ch == 4 && s[3] == 0)
			ok = q[3] == 0;
		else
			ok = memcmp(q, want, 4) == 0;
	}
	free(out);
	return ok;
}

static void
test_png_kinds(void)
{
	static const uint32_t sizes[][2] = { { 1, 1 }, { 7, 3 }, { 64, 33 }, { 301, 257 } };

	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		uint32_t w = sizes[k][0], h = sizes[k][1];
		for (int ch = 1; ch <= 4; ch++) {
			if (ch == 2)
				continue;
			for (int few = 0; few < 2; few++) {
				uint8_t *px = malloc((size_t)w * h * ch), *png;
				size_t n;
				/* smooth with noise, or a few colours (a mask layer) */
				for (size_t i = 0; i < (size_t)w * h * ch; i++)
					px[i] = few ? (uint8_t)((i / ch / 5 % 3) * 100)
					    : (uint8_t)(i / 7 + rnd() % 9);
				for (size_t i = 0; ch == 4 && few && i < (size_t)w * h; i++)
					px[4 * i + 3] = (uint8_t)(i % 4 == 0 ? 0 : i % 4 == 1 ? 89 : 255);
				png = ui_kitty_png(px, w, h, ch, &n);
				CHECK(png_is(png, n, px, w, h, ch));
				/* few colours in RGBA: a palette (colour type 3) */
				if (ch == 4 && few)
					CHECK(png[25] == 3);
				free(png);
				free(px);
			}
		}
	}
}

static int
unb64(int c)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(t, c) : NULL;

	return p ? (int)(p - t) : -1;
}

static void
test_chunks(void)
{
	static const size_t lens[] = { 1, 2, 3, 3071, 3072, 3073, 6144, 10000 };

	for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
		size_t n = lens[k], got = 0, nchunks = 0;
		uint8_t *data = malloc(n), *back = malloc(n + 3);
		struct ui_buf b = { 0 };
		const char *p;
		int last = 0;
		for (size_t i = 0; i < n; i++)
			data[i] = (uint8_t)rnd();
		ui_kitty_transmit(&b, "a=T,f=100,i=9", data, n);
		for (p = b.p; *p; nchunks++) {
			const char *semi = strchr(p, ';'), *end = strstr(p, "\033\\");
			CHECK(strncmp(p, "\033_G", 3) == 0 && semi && end && semi < end);
			if (!semi || !end)
				break;
			size_t keys = (size_t)(semi - p - 3), len = (size_t)(end - semi - 1);
			CHECK(len <= 4096);
			last = strncmp(semi - 3, "m=0", 3) == 0;
			CHECK(last || len % 4 == 0);
			if (nchunks == 0)
				CHECK(strncmp(p + 3, "a=T,f=100,i=9,q=2,m=", 20) == 0);
			else
				CHECK(keys == 7 && strncmp(p + 3, "q=2,m=", 6) == 0);
			for (size_t i = 0; i + 3 < len + 1 && i < len; i += 4) {
				int v[4];
				for (int j = 0; j < 4; j++)
					v[j] = unb64(semi[1 + i + j]);
				CHECK(v[0] >= 0 && v[1] >= 0);
				if (v[0] < 0 || v[1] < 0)
					break;
				back[got++] = (uint8_t)(v[0] << 2 | v[1] >> 4);
				if (v[2] >= 0)
					back[got++] = (uint8_t)(v[1] << 4 | v[2] >> 2);
				if (v[3] >= 0)
					back[got++] = (uint8_t)(v[2] << 6 | v[3]);
			}
			p = end + 2;
		}
		CHECK(last);
		CHECK(nchunks == (n + 3071) / 3072);
		CHECK(got == n && memcmp(back, data, n) == 0);
		free(b.p);
		free(data);
		free(back);
	}
}

/* What term_put_image writes for seq, read back through a pipe. */
static char *
put_through(const struct term_caps *tc, const char *seq, size_t len, size_t *n)
{
	int fd[2];
	size_t cap = len * 2 + 4096, got = 0;
	char *out = malloc(cap);
	ssize_t r;

	if (pipe(fd) != 0) {
		free(out);
		return NULL;
	}
	if (fork() == 0) {
		close(fd[0]);
		_exit(term_put_image(fd[1], tc, 4, 5, seq, len) == 0 ? 0 : 1);
	}
	close(fd[1]);
	while ((r = read(fd[0], out + got, cap - got)) > 0)
		got += (size_t)r;
	close(fd[0]);
	*n = got;
	return out;
}

static void
test_passthrough(void)
{
	struct term_caps tc;
	struct ui_buf seq = { 0 };
	uint8_t *data = malloc(600000);
	char *out, pre[32];
	size_t n = 0, i = 0, pieces = 0;
	struct ui_buf plain = { 0 };

	memset(&tc, 0, sizeof tc);
	tc.mode = GFX_KITTY;
	tc.passthrough = 1;
	tc.pane_top = 2;
	tc.pane_left = 3;
	for (size_t k = 0; k < 600000; k++)
		data[k] = (uint8_t)rnd();
	/* a cursor move, an image of about 800 KB of commands, a delete */
	ui_buf_put(&seq, "\033[3B", 4);
	ui_kitty_transmit(&seq, "a=T,f=100,i=5,p=1,z=1,C=1", data, 600000);
	ui_kitty_cmd(&seq, "a=d,d=I,i=4");
	out = put_through(&tc, seq.p, seq.n, &n);
	CHECK(out != NULL);
	if (!out)
		return;
	/* pieces: DCS tmux; <ESC doubled> ST; the first saves the cursor */
	snprintf(pre, sizeof pre, "\033[%d;%dH", 4 + 1 + 2, 5 + 1 + 3);
	while (i < n) {
		size_t j = i + 7, start;
		CHECK(strncmp(out + i, "\033Ptmux;", 7) == 0);
		if (strncmp(out + i, "\033Ptmux;", 7) != 0)
			break;
		if (pieces == 0) {
			CHECK(strncmp(out + j, "\033\0337", 3) == 0);
			j += 3;
		}
		/* each piece starts at the picture's cell of the outer terminal */
		CHECK(out[j] == '\033' && out[j + 1] == '\033' && strncmp(out + j + 2, pre + 1,
		    strlen(pre) - 1) == 0);
		j += strlen(pre) + 1;
		start = plain.n;
		for (; j < n; j++) {
			if (out[j] == '\033' && out[j + 1] == '\033') {
				ui_buf_put(&plain, "\033", 1);
				j++;
			} else if (out[j] == '\033' && out[j + 1] == '\\')
				break;
			else {
				CHECK(out[j] != '\033');
				ui_buf_put(&plain, out + j, 1);
			}
		}
		/* a piece ends after a whole command (or the cursor restore) */
		CHECK(plain.n > start && (plain.p[plain.n - 1] == '\\'
		    || (j + 2 >= n && memcmp(plain.p + plain.n - 2, "\0338", 2) == 0)));
		CHECK(plain.n - start <= 256 * 1024 + 8192);
		i = j + 2;
		pieces++;
	}
	CHECK(pieces >= 3);
	CHECK(plain.n == seq.n + 2 && memcmp(plain.p, seq.p, seq.n) == 0
	    && memcmp(plain.p + seq.n, "\0338", 2) == 0);
	free(out);
	free(seq.p);
	free(plain.p);
	free(data);
}

int
main(void)
{
	RUN(test_png_kinds);
	RUN(test_chunks);
	RUN(test_passthrough);
	return CHECK_DONE();
}
