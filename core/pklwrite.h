/* pklwrite: heatmap pickles in the published CheXlocalize form (SPEC §2.4):
 * protocol 3, a dict whose tensors are legacy torch storages rebuilt with
 * torch._utils._rebuild_tensor_v2 from torch.storage._load_from_bytes. */
#ifndef CX_PKLWRITE_H
#define CX_PKLWRITE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct cx_pkl_heatmap {
	const float	*map;		/* mh*mw row-major, saved as (1, 1, mh, mw) */
	uint32_t	 mh, mw;
	double		 prob;		/* saved as a Python float */
	const char	*task;		/* pathology name */
	int		 gt;		/* 0/1 */
	const float	*cxr_img;	/* 3*ih*iw (channel-major) or NULL for zeros */
	uint32_t	 ih, iw;
	uint32_t	 cxr_w, cxr_h;	/* cxr_dims = (w, h) */
	uint64_t	 key_map, key_img;	/* storage keys (torch used addresses); 0: defaults */
};

/* The pickle bytes (caller frees); never fails (sizes are the caller's). */
unsigned char *cx_pkl_heatmap_bytes(const struct cx_pkl_heatmap *h, size_t *len);
/* Write the pickle to path atomically. */
int	cx_pkl_write_heatmap(const char *path, const struct cx_pkl_heatmap *h,
	    struct cx_err *err);

#endif
