/* tunepart: `tune --shard K/N` parts and their merge (chexplore merge). */
#ifndef UI_TUNEPART_H
#define UI_TUNEPART_H

/* First token of a tune part file. */
#define TUNE_PART_MAGIC	"#chexplore-tune-part"

/* Is path a part written by tune --shard? */
int	tune_is_part(const char *path);
/* Combine every part of one sharded tune run into the reference's CSV in
 * save_dir. Returns the exit code. */
int	tune_merge(char **paths, int nparts, const char *save_dir, int quiet);

#endif
