/* explore: the `explore` command (also `chexplore [DIR]`): options, the
 * terminal, the app, the loop. Main thread. */
#ifndef UI_EXPLORE_H
#define UI_EXPLORE_H

/* argv[0] = "explore"; returns the exit code (0, 1 the dataset cannot be
 * read, 2 usage or no terminal). */
int	cli_explore(int argc, char **argv);

#endif
