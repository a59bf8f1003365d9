/* image: JPEG through TurboJPEG, PNG through libpng. Each decode owns its
 * error context (a TurboJPEG handle, a libpng error callback with its own
 * jmp_buf), so decodes may run on several threads at once. */
#include "image.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <turbojpeg.h>

#include "outfile.h"
#include "rle.h"
#include "xalloc.h"

/* Largest image file read into memory (bytes). */
#define IMG_FILE_MAX	(1ull << 30)

enum { KIND_UNKNOWN, KIND_JPEG, KIND_PNG };

static int
sniff(const char *path, struct cx_err *err)
{
	unsigned char b[8];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return cx_err_set(err, "cannot open: %s", strerror(errno));
	n = fread(b, 1, sizeof b, fp);
	fclose(fp);
	if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return KIND_JPEG;
	if (n == 8 && png_sig_cmp(b, 0, 8) == 0)
		return KIND_PNG;
	if (n == 0)
		return cx_err_at(err, "0", "empty file, not an image");
	return cx_err_at(err, "0", "not a JPEG or PNG image");
}

static unsigned char *
slurp(const char *path, size_t *len, struct cx_err *err)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	unsigned char *buf;

	if (fp == NULL) {
		cx_err_set(err, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == -1 || (uint64_t)st.st_size > IMG_FILE_MAX) {
		fclose(fp);
		cx_err_set(err, "file too large (over %llu bytes)", (unsigned long long)IMG_FILE_MAX);
		return NULL;
	}
	buf = cx_xmalloc((size_t)st.st_size + 1);
	*len = fread(buf, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		fclose(fp);
		free(buf);
		cx_err_set(err, "read error: %s", strerror(errno));
		return NULL;
	}
	fclose(fp);
	return buf;
}

/* ---- JPEG ---- */

struct jpeg_src {
	tjhandle	 tj;
	unsigned char	*buf;
	size_t		 len;
	int		 w, h, subsamp, cs;
};

static int
jpeg_open(struct jpeg_src *j, const char *path, struct cx_err *err)
{
	memset(j, 0, sizeof *j);
	if ((j->buf = slurp(path, &j->len, err)) == NULL)
		return -1;
	if ((j->tj = tjInitDecompress()) == NULL) {
		free(j->buf);
		return cx_err_set(err, "cannot start the JPEG decoder");
	}
	if (tjDecompressHeader3(j->tj, j->buf, (unsigned long)j->len, &j->w, &j->h,
	    &j->subsamp, &j->cs) == -1) {
		cx_err_at(err, "header", "bad JPEG header: %s", tjGetErrorStr2(j->tj));
		tjDestroy(j->tj);
		free(j->buf);
		return -1;
	}
	if (j->w <= 0 || j->h <= 0 || cx_rle_check_size((uint64_t)j->h, (uint64_t)j->w, err) == -1) {
		if (j->w <= 0 || j->h <= 0)
			cx_err_set(err, "bad JPEG size %dx%d", j->w, j->h);
		cx_err_at(err, "header", "%s", err->msg);
		tjDestroy(j->tj);
		free(j->buf);
		return -1;
	}
	/* Every 8x8 luma block costs at least a bit even in a progressive file, so
	 * a file far smaller than w*h/1024 bytes only pretends to be that large:
	 * refuse it before allocating the pixels it claims. */
	if ((uint64_t)j->w * (uint64_t)j->h / 1024 > (uint64_t)j->len) {
		cx_err_at(err, "header", "JPEG header declares %dx%d but the file has only %zu bytes",
		    j->w, j->h, j->len);
		tjDestroy(j->tj);
		free(j->buf);
		return -1;
	}
	return 0;
}

static void
jpeg_close(struct jpeg_src *j)
{
	if (j->tj)
		tjDestroy(j->tj);
	free(j->buf);
}

static int
jpeg_channels(const struct jpeg_src *j)
{
	return j->cs == TJCS_GRAY ? 1 : 3;
}

/* Does the JPEG carry Adobe's APP14 marker (before the scan)? Adobe writes
 * CMYK inverted (255 = no ink), and libjpeg hands the values over as stored. */
static int
jpeg_adobe(const struct jpeg_src *j)
{
	size_t i = 2;

	while (i + 4 <= j->len && j->buf[i] == 0xff) {
		unsigned m = j->buf[i + 1], len = (unsigned)j->buf[i + 2] << 8 | j->buf[i + 3];
		if (m == 0xda)	/* start of scan: no more header markers */
			break;
		if (m == 0xee && len >= 7 && i + 9 <= j->len && memcmp(j->buf + i + 4, "Adobe", 5) == 0)
			return 1;
		i += 2 + len;
	}
	return 0;
}

/* CMYK (or YCCK, which libjpeg turns into CMYK) pixels to RGB or gray. */
static void
cmyk_convert(const unsigned char *cmyk, size_t n, int adobe, int channels, unsigned char *out)
{
	for (size_t i = 0; i < n; i++, cmyk += 4) {
		unsigned k = adobe ? cmyk[3] : 255u - cmyk[3], rgb[3];
		for (int c = 0; c < 3; c++)
			rgb[c] = ((adobe ? cmyk[c] : 255u - cmyk[c]) * k + 127) / 255;
		if (channels == 1)
			out[i] = (unsigned char)((rgb[0] * 19595 + rgb[1] * 38470 + rgb[2] * 7471 +
			    32768) >> 16);
		else
			for (int c = 0; c < 3; c++)
				out[3 * i + (size_t)c] = (unsigned char)rgb[c];
	}
}

/* Decode at w x h (a size TurboJPEG can scale to) with channels 1 or 3. */
static int
jpeg_decode(struct jpeg_src *j, struct cx_image *im, int w, int h, int channels,
    struct cx_err *err)
{
	size_t n = (size_t)w * (size_t)h * (size_t)channels;
	int cmyk = j->cs == TJCS_CMYK || j->cs == TJCS_YCCK;
	unsigned char *dst;

	memset(im, 0, sizeof *im);
	im->px = cx_xmalloc(n ? n : 1);
	dst = cmyk ? cx_xmalloc((size_t)w * (size_t)h * 4 + 1) : im->px;
	/* A truncated or corrupt file only warns in libjpeg; refuse it: a CXR
	 * with a grey band at the bottom would silently mislead. */
	if (tjDecompress2(j->tj, j->buf, (unsigned long)j->len, dst, w, 0, h,
	    cmyk ? TJPF_CMYK : channels == 1 ? TJPF_GRAY : TJPF_RGB,
	    TJFLAG_STOPONWARNING) == -1) {
		cx_err_at(err, "data", "bad JPEG data: %s", tjGetErrorStr2(j->tj));
		if (cmyk)
			free(dst);
		free(im->px);
		im->px = NULL;
		return -1;
	}
	if (cmyk) {
		cmyk_convert(dst, (size_t)w * (size_t)h, jpeg_adobe(j), channels, im->px);
		free(dst);
	}
	im->w = (uint32_t)w;
	im->h = (uint32_t)h;
	im->channels = channels;
	im->depth = 8;
	return 0;
}

/* ---- PNG ---- */

struct png_ctx {
	jmp_buf		 jb;
	struct cx_err	*err;
	FILE		*fp;	/* the file being read (NULL when writing): the error's place */
};

static void
png_on_error(png_structp png, png_const_charp msg)
{
	struct png_ctx *c = png_get_error_ptr(png);

	if (c->fp != NULL) {
		char where[48];
		snprintf(where, sizeof where, "byte %ld", ftell(c->fp));
		cx_err_at(c->err, where, "bad PNG: %s", msg);
	} else
		cx_err_set(c->err, "bad PNG: %s", msg);
	longjmp(c->jb, 1);
}

static void
png_on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;	/* benign (e.g. bad ancillary chunk); the pixels decide */
}

enum png_mode { PNG_NATIVE, PNG_GRAY8 };

/* Read a PNG: header only (im == NULL) or the pixels, natively (8/16-bit,
 * gray/RGB; palettes become RGB, alpha is dropped) or as 8-bit gray. */
static int
png_read(const char *path, struct cx_image *im, enum png_mode mode, uint32_t *pw,
    uint32_t *ph, int *pch, int *pdepth, struct cx_err *err)
{
	struct png_ctx ctx;
	png_structp png = NULL;
	png_infop info = NULL;
	FILE *volatile fp = NULL;
	uint8_t *volatile px = NULL;
	png_bytep *volatile rows = NULL;
	png_uint_32 w, h;
	int bd, ct, ch, depth;
	size_t rowbytes;

	ctx.err = err;
	ctx.fp = NULL;
	if ((fp = fopen(path, "rb")) == NULL)
		return cx_err_set(err, "cannot open: %s", strerror(errno));
	ctx.fp = fp;
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, png_on_error, png_on_warning);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL) {
		png_destroy_read_struct(&png, NULL, NULL);
		fclose(fp);
		return cx_err_set(err, "cannot start the PNG decoder");
	}
	if (setjmp(ctx.jb)) {
		png_destroy_read_struct(&png, &info, NULL);
		free(rows);
		free(px);
		fclose(fp);
		if (im)
			memset(im, 0, sizeof *im);
		return -1;
	}
	png_init_io(png, fp);
	png_read_info(png, info);
	png_get_IHDR(png, info, &w, &h, &bd, &ct, NULL, NULL, NULL);
	if (cx_rle_check_size(h, w, err) == -1) {
		cx_err_at(err, "IHDR", "%s", err->msg);
		longjmp(ctx.jb, 1);
	}
	/* deflate cannot compress better than about 1032:1: a file much smaller
	 * than its declared rows is a decompression bomb or truncated */
	{
		struct stat st;
		uint64_t raw = (uint64_t)h * (((uint64_t)w * (uint64_t)png_get_channels(png, info) *
		    (uint64_t)bd + 7) / 8 + 1);
		if (fstat(fileno(fp), &st) == 0 && (uint64_t)st.st_size * 1100 < raw) {
			cx_err_at(err, "IHDR", "PNG header declares %ux%u but the file has only %lld bytes",
			    (unsigned)w, (unsigned)h, (long long)st.st_size);
			longjmp(ctx.jb, 1);
		}
	}
	ch = (ct & PNG_COLOR_MASK_COLOR) ? 3 : 1;
	depth = bd == 16 ? 16 : 8;
	if (im == NULL) {
		png_destroy_read_struct(&png, &info, NULL);
		fclose(fp);
		*pw = w;
		*ph = h;
		*pch = ch;
		*pdepth = depth;
		return 0;
	}
	if (ct == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (ct == PNG_COLOR_TYPE_GRAY && bd < 8)
		png_set_expand_gray_1_2_4_to_8(png);
	/* Transparency (an alpha channel, or a palette's tRNS, which the palette
	 * expansion turns into one) has no meaning on a radiograph: dropped. */
	if ((ct & PNG_COLOR_MASK_ALPHA) || (ct == PNG_COLOR_TYPE_PALETTE
	    && png_get_valid(png, info, PNG_INFO_tRNS)))
		png_set_strip_alpha(png);
	if (mode == PNG_GRAY8) {
		if (bd == 16)
			png_set_strip_16(png);
		if (ch == 3)
			png_set_rgb_to_gray_fixed(png, 1, -1, -1);
		ch = 1;
		depth = 8;
	} else if (bd == 16) {
		const uint16_t one = 1;
		if (*(const uint8_t *)&one == 1)
			png_set_swap(png);	/* PNG is big-endian; we promise native */
	}
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
	rowbytes = png_get_rowbytes(png, info);
	if (rowbytes != (size_t)w * (size_t)ch * (size_t)(depth / 8)) {
		cx_err_set(err, "unexpected PNG layout");
		longjmp(ctx.jb, 1);
	}
	px = cx_xmalloc(rowbytes * h);
	rows = cx_xreallocarray(NULL, h, sizeof *rows);
	for (png_uint_32 y = 0; y < h; y++)
		rows[y] = px + (size_t)y * rowbytes;
	png_read_image(png, rows);
	png_read_end(png, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	free(rows);
	fclose(fp);
	im->w = w;
	im->h = h;
	im->channels = ch;
	im->depth = depth;
	im->px = px;
	return 0;
}

/* ---- API ---- */

int
cx_image_probe(const char *path, uint32_t *w, uint32_t *h, int *channels, int *depth,
    struct cx_err *err)
{
	struct jpeg_src j;
	int kind;

	cx_err_file(err, path);
	if ((kind = sniff(path, err)) == -1)
		return -1;
	if (kind == KIND_PNG)
		return png_read(path, NULL, PNG_NATIVE, w, h, channels, depth, err);
	if (jpeg_open(&j, path, err) == -1)
		return -1;
	*w = (uint32_t)j.w;
	*h = (uint32_t)j.h;
	*channels = jpeg_channels(&j);
	*depth = 8;
	jpeg_close(&j);
	return 0;
}

int
cx_image_load(struct cx_image *im, const char *path, struct cx_err *err)
{
	struct jpeg_src j;
	int kind, rc;

	memset(im, 0, sizeof *im);
	cx_err_file(err, path);
	if ((kind = sniff(path, err)) == -1)
		return -1;
	if (kind == KIND_PNG)
		return png_read(path, im, PNG_NATIVE, NULL, NULL, NULL, NULL, err);
	if (jpeg_open(&j, path, err) == -1)
		return -1;
	rc = jpeg_decode(&j, im, j.w, j.h, jpeg_channels(&j), err);
	jpeg_close(&j);
	return rc;
}

int
cx_image_load_gray_scaled(struct cx_image *im, const char *path, uint32_t min_w,
    uint32_t min_h, uint32_t *full_w, uint32_t *full_h, struct cx_err *err)
{
	struct jpeg_src j;
	tjscalingfactor *sf;
	int kind, nsf, rc, bw, bh;

	memset(im, 0, sizeof *im);
	cx_err_file(err, path);
	if ((kind = sniff(path, err)) == -1)
		return -1;
	if (kind == KIND_PNG) {
		if (png_read(path, im, PNG_GRAY8, NULL, NULL, NULL, NULL, err) == -1)
			return -1;
		if (full_w)
			*full_w = im->w;
		if (full_h)
			*full_h = im->h;
		return 0;
	}
	if (jpeg_open(&j, path, err) == -1)
		return -1;
	/* The smallest DCT-scaled size (never upscaled) still covering the request. */
	bw = j.w;
	bh = j.h;
	if ((sf = tjGetScalingFactors(&nsf)) != NULL) {
		for (int i = 0; i < nsf; i++) {
			int sw, sh;
			if (sf[i].num > sf[i].denom)
				continue;
			sw = TJSCALED(j.w, sf[i]);
			sh = TJSCALED(j.h, sf[i]);
			if ((uint32_t)sw >= min_w && (uint32_t)sh >= min_h &&
			    (uint64_t)sw * (uint64_t)sh < (uint64_t)bw * (uint64_t)bh) {
				bw = sw;
				bh = sh;
			}
		}
	}
	if (full_w)
		*full_w = (uint32_t)j.w;
	if (full_h)
		*full_h = (uint32_t)j.h;
	rc = jpeg_decode(&j, im, bw, bh, 1, err);
	jpeg_close(&j);
	return rc;
}

int
cx_image_write_png(const char *path, const uint8_t *px, uint32_t w, uint32_t h,
    int channels, struct cx_err *err)
{
	struct png_ctx ctx;
	struct cx_outfile o;
	png_structp png = NULL;
	png_infop info = NULL;

	cx_err_file(err, path);
	if (channels != 1 && channels != 3)
		return cx_err_set(err, "cannot write %d channels as PNG", channels);
	if (w == 0 || h == 0 || cx_rle_check_size(h, w, err) == -1)
		return w == 0 || h == 0 ? cx_err_set(err, "empty image") : -1;
	if (cx_outfile_open(&o, path, err) == -1)
		return -1;
	ctx.err = err;
	ctx.fp = NULL;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, png_on_error, png_on_warning);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL) {
		png_destroy_write_struct(&png, NULL);
		cx_outfile_abort(&o);
		return cx_err_set(err, "cannot start the PNG encoder");
	}
	if (setjmp(ctx.jb)) {
		png_destroy_write_struct(&png, &info);
		cx_outfile_abort(&o);
		return -1;
	}
	png_init_io(png, o.fp);
	png_set_compression_level(png, 6);
	png_set_IHDR(png, info, w, h, 8, channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (uint32_t y = 0; y < h; y++)
		png_write_row(png, px + (size_t)y * w * (size_t)channels);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	return cx_outfile_commit(&o, err);
}

int
cx_image_write_jpeg(const char *path, const uint8_t *gray, uint32_t w, uint32_t h,
    int quality, struct cx_err *err)
{
	struct cx_outfile o;
	tjhandle tj;
	unsigned char *out = NULL;
	unsigned long len = 0;

	cx_err_file(err, path);
	if (w == 0 || h == 0 || w > 65535 || h > 65535)
		return cx_err_set(err, "cannot write a %ux%u JPEG", w, h);
	if (quality < 1 || quality > 100)
		return cx_err_set(err, "JPEG quality %d not in 1..100", quality);
	if ((tj = tjInitCompress()) == NULL)
		return cx_err_set(err, "cannot start the JPEG encoder");
	if (tjCompress2(tj, gray, (int)w, 0, (int)h, TJPF_GRAY, &out, &len, TJSAMP_GRAY,
	    quality, 0) == -1) {
		cx_err_set(err, "JPEG encoding failed: %s", tjGetErrorStr2(tj));
		tjFree(out);
		tjDestroy(tj);
		return -1;
	}
	tjDestroy(tj);
	if (cx_outfile_open(&o, path, err) == -1) {
		tjFree(out);
		return -1;
	}
	fwrite(out, 1, len, o.fp);
	tjFree(out);
	return cx_outfile_commit(&o, err);
}

void
cx_image_fini(struct cx_image *im)
{
	if (im == NULL)
		return;
	free(im->px);
	memset(im, 0, sizeof *im);
}
