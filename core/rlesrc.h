/* rlesrc: a mask's runs wherever they are — decoded counts (struct cx_rle)
 * or a COCO compressed string read in place — so that areas and
 * intersections come out without decoding into counts (the explorer's
 * per-CXR numbers over a whole dataset at open). */
#ifndef CX_RLESRC_H
#define CX_RLESRC_H

#include <stddef.h>
#include <stdint.h>

#include "rle.h"

struct cx_rlesrc {
	uint32_t	 h, w;
	const uint32_t	*counts;	/* decoded runs (n of them), or */
	size_t		 n;
	const char	*str;		/* a COCO string (len bytes) that cx_rlesrc_check */
	size_t		 len;		/* accepted; neither: an all-zero mask */
	uint64_t	 area;
};

/* 0 when cx_rle_from_string(s, h, w) would accept the len bytes at s (the same checks: bytes
 * '0'..'o', at most 7 groups a value, every count in 0..h*w, the counts
 * summing to h*w), with the set pixels in *area; -1 otherwise (the caller
 * asks cx_rle_from_string for the message). Decodes nothing into memory. */
int	cx_rlesrc_check(const char *s, size_t len, uint32_t h, uint32_t w, uint64_t *area);
/* The source of a decoded mask (borrowed). */
void	cx_rlesrc_of_rle(struct cx_rlesrc *src, const struct cx_rle *r);
/* |a & b| and |a | b| (sizes must match), as cx_rle_inter_union counts them. */
void	cx_rlesrc_inter_union(const struct cx_rlesrc *a, const struct cx_rlesrc *b,
	    uint64_t *inter, uint64_t *uni);

#endif
