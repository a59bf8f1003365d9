/* segment_ann: placeholder until implemented. */
#include "cli.h"
#include "segment.h"

int
segment_from_annotations(const struct segment_opts *o)
{
	cli_fail("segment", "not implemented yet");
	return 2;
}
