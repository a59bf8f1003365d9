/* image: JPEG through TurboJPEG, PNG through libpng. Each decode owns its
 * error context (a TurboJPEG handle, a libpng error callback with its own
 * jmp_buf), so decodes may run on several threads at once. */
#include "image.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "json.h"
#include "outfile.h"
#include "rle.h"
#include "xalloc.h"

/* Largest image file read into memory (bytes). */
#define IMG_FILE_MAX	(1ull << 30)

enum { KIND_UNKNOWN, KIND_JPEG, KIND_PNG };

/* An image file in memory, read once through the one file reader
 * (cx_read_file: a FIFO or device is refused without blocking). */
struct img_file {
	unsigned char	*buf;
	size_t		 len;
	int		 kind;
};

static int
img_read(struct img_file *f, const char *path, struct cx_err *err)
{
	const unsigned char *b;

	memset(f, 0, sizeof *f);
	if ((f->buf = (unsigned char *)cx_read_file(path, &f->len, IMG_FILE_MAX, err)) == NULL)
		return -1;
	b = f->buf;
	if (f->len >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		f->kind = KIND_JPEG;
	else if (f->len >= 8 && png_sig_cmp(b, 0, 8) == 0)
		f->kind = KIND_PNG;
	else {
		free(f->buf);
		f->buf = NULL;
		return f->len == 0 ? cx_err_at(err, "0", "empty file, not an image")
		    : cx_err_at(err, "0", "not a JPEG or PNG image");
	}
	return 0;
}

/* ---- JPEG ---- */

struct jpeg_src {
	tjhandle	 tj;
	unsigned char	*buf;
	size_t		 len;
	int		 w, h, subsamp, cs;
};

/* The number of scans (SOS markers) in a JPEG: the markers walked, the
 * entropy-coded data after each SOS skipped (0xff 0x00 is a stuffed byte,
 * 0xff 0xd0..0xd7 a restart marker): one pass over the file. */
static size_t
jpeg_scans(const unsigned char *b, size_t len)
{
	size_t i = 2, n = 0;

	while (i + 1 < len) {
		unsigned m;
		if (b[i] != 0xff) {
			i++;	/* garbage between markers: libjpeg skips it too */
			continue;
		}
		if ((m = b[i + 1]) == 0xff) {
			i++;	/* fill byte */
			continue;
		}
		i += 2;
		if (m == 0xd9)
			break;
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd8))
			continue;	/* no length */
		if (i + 2 > len)
			break;
		i += (size_t)b[i] << 8 | b[i + 1];
		if (m != 0xda)
			continue;
		n++;
		while (i + 1 < len && !(b[i] == 0xff && b[i + 1] != 0x00 &&
		    !(b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7)))
			i++;
	}
	return n;
}

static int
jpeg_open(struct jpeg_src *j, struct img_file *f, struct cx_err *err)
{
	size_t scans;

	memset(j, 0, sizeof *j);
	j->buf = f->buf;
	j->len = f->len;
	f->buf = NULL;	/* now j's */
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
	/* Each scan of a progressive file makes the decoder visit every block:
	 * 20 000 scans of one end-of-block run each (2 MB at 8000x8000) kept it
	 * busy for minutes. TurboJPEG 2.1 has no scan limit: counted here. */
	if ((scans = jpeg_scans(j->buf, j->len)) > CX_IMAGE_JPEG_SCANS) {
		cx_err_at(err, "data", "JPEG has %zu scans, more than the limit of %d",
		    scans, CX_IMAGE_JPEG_SCANS);
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
	const struct img_file *f;	/* the file being read (NULL when writing) */
	size_t		 off;		/* how far it is read: the error's place */
};

static void
png_on_error(png_structp png, png_const_charp msg)
{
	struct png_ctx *c = png_get_error_ptr(png);

	if (c->f != NULL) {
		char where[48];
		snprintf(where, sizeof where, "byte %zu", c->off);
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

static void
png_on_read(png_structp png, png_bytep out, size_t n)
{
	struct png_ctx *c = png_get_io_ptr(png);

	if (n > c->f->len - c->off)
		png_error(png, "unexpected end of file");
	memcpy(out, c->f->buf + c->off, n);
	c->off += n;
}

enum png_mode { PNG_NATIVE, PNG_GRAY8 };

/* Read a PNG: header only (im == NULL) or the pixels, natively (8/16-bit,
 * gray/RGB; palettes become RGB, alpha is dropped) or as 8-bit gray. */
static int
png_read(const struct img_file *f, struct cx_image *im, enum png_mode mode, uint32_t *pw,
    uint32_t *ph, int *pch, int *pdepth, struct cx_err *err)
{
	struct png_ctx ctx;
	png_structp png = NULL;
	png_infop info = NULL;
	uint8_t *volatile px = NULL;
	png_bytep *volatile rows = NULL;
	png_uint_32 w, h;
	int bd, ct, ch, depth;
	size_t rowbytes;

	ctx.err = err;
	ctx.f = f;
	ctx.off = 0;
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, png_on_error, png_on_warning);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL) {
		png_destroy_read_struct(&png, NULL, NULL);
		return cx_err_set(err, "cannot start the PNG decoder");
	}
	if (setjmp(ctx.jb)) {
		png_destroy_read_struct(&png, &info, NULL);
		free(rows);
		free(px);
		if (im)
			memset(im, 0, sizeof *im);
		return -1;
	}
	png_set_read_fn(png, &ctx, png_on_read);
	png_read_info(png, info);
	png_get_IHDR(png, info, &w, &h, &bd, &ct, NULL, NULL, NULL);
	if (cx_rle_check_size(h, w, err) == -1) {
		cx_err_at(err, "IHDR", "%s", err->msg);
		longjmp(ctx.jb, 1);
	}
	/* deflate cannot compress better than about 1032:1: a file much smaller
	 * than its declared rows is a decompression bomb or truncated */
	{
		uint64_t raw = (uint64_t)h * (((uint64_t)w * (uint64_t)png_get_channels(png, info) *
		    (uint64_t)bd + 7) / 8 + 1);
		if ((uint64_t)f->len * 1100 < raw) {
			cx_err_at(err, "IHDR", "PNG header declares %ux%u but the file has only %zu bytes",
			    (unsigned)w, (unsigned)h, f->len);
			longjmp(ctx.jb, 1);
		}
	}
	ch = (ct & PNG_COLOR_MASK_COLOR) ? 3 : 1;
	depth = bd == 16 ? 16 : 8;
	if (im == NULL) {
		png_destroy_read_struct(&png, &info, NULL);
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
	struct img_file f;
	struct jpeg_src j;
	int rc;

	cx_err_file(err, path);
	if (img_read(&f, path, err) == -1)
		return -1;
	if (f.kind == KIND_PNG) {
		rc = png_read(&f, NULL, PNG_NATIVE, w, h, channels, depth, err);
		free(f.buf);
		return rc;
	}
	if (jpeg_open(&j, &f, err) == -1)
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
	struct img_file f;
	struct jpeg_src j;
	int rc;

	memset(im, 0, sizeof *im);
	cx_err_file(err, path);
	if (img_read(&f, path, err) == -1)
		return -1;
	if (f.kind == KIND_PNG) {
		rc = png_read(&f, im, PNG_NATIVE, NULL, NULL, NULL, NULL, err);
		free(f.buf);
		return rc;
	}
	if (jpeg_open(&j, &f, err) == -1)
		return -1;
	rc = jpeg_decode(&j, im, j.w, j.h, jpeg_channels(&j), err);
	jpeg_close(&j);
	return rc;
}

int
cx_image_load_gray_scaled(struct cx_image *im, const char *path, uint32_t min_w,
    uint32_t min_h, uint32_t *full_w, uint32_t *full_h, struct cx_err *err)
{
	struct img_file f;
	struct jpeg_src j;
	tjscalingfactor *sf;
	int nsf, rc, bw, bh;

	memset(im, 0, sizeof *im);
	cx_err_file(err, path);
	if (img_read(&f, path, err) == -1)
		return -1;
	if (f.kind == KIND_PNG) {
		rc = png_read(&f, im, PNG_GRAY8, NULL, NULL, NULL, NULL, err);
		free(f.buf);
		if (rc == -1)
			return -1;
		if (full_w)
			*full_w = im->w;
		if (full_h)
			*full_h = im->h;
		return 0;
	}
	if (jpeg_open(&j, &f, err) == -1)
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
	ctx.f = NULL;
	ctx.off = 0;
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
