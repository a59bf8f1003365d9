/* image_seeds OUTDIR: the image fuzzer's seeds, one small file of every
 * JPEG and PNG kind the decoders take apart differently (built and run by
 * tests/fuzz/image_seeds.sh; the files are kept in tests/fuzz/corpus/image/).
 * JPEG through libjpeg (arithmetic coding, progression, restarts,
 * subsampling, CMYK/YCCK), PNG through libpng (every colour type and depth,
 * palette and tRNS, Adam7 interlace). A pattern of gradients and edges so
 * that the coefficients are not all zero. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

static const char *outdir;

static FILE *
out(const char *name)
{
	char p[1024];
	FILE *fp;

	snprintf(p, sizeof p, "%s/%s", outdir, name);
	if ((fp = fopen(p, "wb")) == NULL) {
		perror(p);
		exit(1);
	}
	return fp;
}

static unsigned
pattern(unsigned x, unsigned y, unsigned c)
{
	return (x * 37u + y * 11u + c * 85u + ((x / 4 + y / 4) % 2) * 120u) & 0xffffu;
}

enum { J_ARITH = 1, J_PROG = 2, J_RESTART = 4, J_OPT = 8 };

static void
jpeg(const char *name, unsigned w, unsigned h, int comps, J_COLOR_SPACE in, J_COLOR_SPACE as,
    int hs, int vs, int flags)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	FILE *fp = out(name);
	unsigned char *row = malloc((size_t)w * (size_t)comps);

	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, fp);
	c.image_width = w;
	c.image_height = h;
	c.input_components = comps;
	c.in_color_space = in;
	jpeg_set_defaults(&c);
	if (as != in)
		jpeg_set_colorspace(&c, as);
	jpeg_set_quality(&c, 60, TRUE);
	if (comps > 1) {
		c.comp_info[0].h_samp_factor = hs;
		c.comp_info[0].v_samp_factor = vs;
	}
	if (flags & J_ARITH)
		c.arith_code = TRUE;
	if (flags & J_PROG)
		jpeg_simple_progression(&c);
	if (flags & J_RESTART)
		c.restart_in_rows = 1;
	if (flags & J_OPT)
		c.optimize_coding = TRUE;
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < h) {
		JSAMPROW r = row;
		for (unsigned x = 0; x < w; x++)
			for (int k = 0; k < comps; k++)
				row[x * (unsigned)comps + (unsigned)k] =
				    (unsigned char)pattern(x, c.next_scanline, (unsigned)k);
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	fclose(fp);
	free(row);
}

static void
png(const char *name, unsigned w, unsigned h, int ct, int bd, int interlace, int trns)
{
	png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(p);
	FILE *fp = out(name);
	int ch = ct == PNG_COLOR_TYPE_GRAY ? 1 : ct == PNG_COLOR_TYPE_GRAY_ALPHA ? 2
	    : ct == PNG_COLOR_TYPE_RGB ? 3 : ct == PNG_COLOR_TYPE_RGBA ? 4 : 1;
	size_t rowbytes = ((size_t)w * (size_t)ch * (size_t)bd + 7) / 8;
	unsigned char *px = calloc(h, rowbytes);
	png_bytep *rows = malloc(h * sizeof *rows);
	unsigned maxv = (1u << bd) - 1;

	if (setjmp(png_jmpbuf(p))) {
		fprintf(stderr, "%s: libpng failed\n", name);
		exit(1);
	}
	png_init_io(p, fp);
	png_set_IHDR(p, info, w, h, bd, ct, interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (ct == PNG_COLOR_TYPE_PALETTE) {
		png_color pal[256];
		png_byte alpha[256];
		int n = 1 << bd;
		for (int i = 0; i < n; i++) {
			pal[i].red = (png_byte)(i * 255 / (n > 1 ? n - 1 : 1));
			pal[i].green = (png_byte)(255 - pal[i].red);
			pal[i].blue = (png_byte)(i * 40);
			alpha[i] = (png_byte)(i * 17);
		}
		png_set_PLTE(p, info, pal, n);
		if (trns)
			png_set_tRNS(p, info, alpha, n > 4 ? n / 2 : n, NULL);
	} else if (trns) {
		png_color_16 t = { 0, 1, 2, 3, 1 };
		png_set_tRNS(p, info, NULL, 0, &t);
	}
	if (ct == PNG_COLOR_TYPE_GRAY && bd == 16)
		png_set_gAMA(p, info, 1.0 / 2.2);
	for (unsigned y = 0; y < h; y++) {
		rows[y] = px + (size_t)y * rowbytes;
		for (unsigned x = 0; x < w; x++)
			for (int k = 0; k < ch; k++) {
				unsigned v = pattern(x, y, (unsigned)k) % (maxv + 1);
				size_t bit = ((size_t)x * (size_t)ch + (size_t)k) * (size_t)bd;
				if (bd == 16) {
					rows[y][bit / 8] = (png_byte)(v * 257 >> 8);
					rows[y][bit / 8 + 1] = (png_byte)(v * 257);
				} else if (bd == 8)
					rows[y][bit / 8] = (png_byte)v;
				else
					rows[y][bit / 8] |= (png_byte)(v << (8 - bd - bit % 8));
			}
	}
	png_write_info(p, info);
	png_write_image(p, rows);
	png_write_end(p, NULL);
	png_destroy_write_struct(&p, &info);
	fclose(fp);
	free(rows);
	free(px);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: image_seeds OUTDIR\n");
		return 2;
	}
	outdir = argv[1];
	/* JPEG: 8-bit (all libjpeg-turbo 2.1 decodes through TurboJPEG) */
	jpeg("j-gray.jpg", 24, 17, 1, JCS_GRAYSCALE, JCS_GRAYSCALE, 1, 1, 0);
	jpeg("j-rgb420.jpg", 33, 18, 3, JCS_RGB, JCS_YCbCr, 2, 2, 0);
	jpeg("j-rgb422.jpg", 17, 9, 3, JCS_RGB, JCS_YCbCr, 2, 1, 0);
	jpeg("j-rgb440.jpg", 17, 19, 3, JCS_RGB, JCS_YCbCr, 1, 2, 0);
	jpeg("j-rgb444-opt.jpg", 16, 16, 3, JCS_RGB, JCS_YCbCr, 1, 1, J_OPT);
	jpeg("j-rgb411.jpg", 40, 8, 3, JCS_RGB, JCS_YCbCr, 4, 1, 0);
	jpeg("j-rgb-noycc.jpg", 16, 8, 3, JCS_RGB, JCS_RGB, 1, 1, 0);
	jpeg("j-prog-gray.jpg", 24, 24, 1, JCS_GRAYSCALE, JCS_GRAYSCALE, 1, 1, J_PROG);
	jpeg("j-prog-rgb420.jpg", 33, 25, 3, JCS_RGB, JCS_YCbCr, 2, 2, J_PROG);
	jpeg("j-arith-gray.jpg", 24, 16, 1, JCS_GRAYSCALE, JCS_GRAYSCALE, 1, 1, J_ARITH);
	jpeg("j-arith-rgb420.jpg", 32, 17, 3, JCS_RGB, JCS_YCbCr, 2, 2, J_ARITH);
	jpeg("j-arith-prog.jpg", 24, 24, 3, JCS_RGB, JCS_YCbCr, 2, 2, J_ARITH | J_PROG);
	jpeg("j-restart.jpg", 32, 32, 3, JCS_RGB, JCS_YCbCr, 2, 2, J_RESTART);
	jpeg("j-restart-prog.jpg", 32, 24, 1, JCS_GRAYSCALE, JCS_GRAYSCALE, 1, 1,
	    J_RESTART | J_PROG);
	jpeg("j-cmyk.jpg", 16, 16, 4, JCS_CMYK, JCS_CMYK, 1, 1, 0);
	jpeg("j-ycck.jpg", 16, 16, 4, JCS_CMYK, JCS_YCCK, 2, 2, 0);
	jpeg("j-ycck-prog.jpg", 16, 16, 4, JCS_CMYK, JCS_YCCK, 1, 1, J_PROG);
	/* PNG: every colour type and depth, palettes with tRNS, Adam7 */
	png("p-gray1.png", 19, 7, PNG_COLOR_TYPE_GRAY, 1, 0, 0);
	png("p-gray2.png", 9, 5, PNG_COLOR_TYPE_GRAY, 2, 0, 0);
	png("p-gray4-i.png", 11, 9, PNG_COLOR_TYPE_GRAY, 4, 1, 0);
	png("p-gray8-trns.png", 8, 8, PNG_COLOR_TYPE_GRAY, 8, 0, 1);
	png("p-gray16-i.png", 9, 9, PNG_COLOR_TYPE_GRAY, 16, 1, 0);
	png("p-graya8.png", 8, 6, PNG_COLOR_TYPE_GRAY_ALPHA, 8, 0, 0);
	png("p-graya16-i.png", 7, 7, PNG_COLOR_TYPE_GRAY_ALPHA, 16, 1, 0);
	png("p-rgb8-i.png", 10, 10, PNG_COLOR_TYPE_RGB, 8, 1, 0);
	png("p-rgb16.png", 6, 5, PNG_COLOR_TYPE_RGB, 16, 0, 0);
	png("p-rgb8-trns.png", 6, 6, PNG_COLOR_TYPE_RGB, 8, 0, 1);
	png("p-rgba8.png", 6, 6, PNG_COLOR_TYPE_RGBA, 8, 0, 0);
	png("p-rgba16-i.png", 5, 9, PNG_COLOR_TYPE_RGBA, 16, 1, 0);
	png("p-pal1.png", 17, 4, PNG_COLOR_TYPE_PALETTE, 1, 0, 0);
	png("p-pal2-trns.png", 9, 9, PNG_COLOR_TYPE_PALETTE, 2, 0, 1);
	png("p-pal4-i.png", 13, 11, PNG_COLOR_TYPE_PALETTE, 4, 1, 0);
	png("p-pal8-trns-i.png", 12, 12, PNG_COLOR_TYPE_PALETTE, 8, 1, 1);
	return 0;
}
