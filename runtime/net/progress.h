/* progress.h — how far a long measure is, for whoever shows it (the
 * command line draws a line on a terminal: cli/progress.c).  The measures
 * report; nothing is shown unless a front end set the hook.  Reports come
 * from one thread at a time (in a parallel loop, the calling thread). */
#ifndef CN_PROGRESS_H
#define CN_PROGRESS_H

#include <stdint.h>

/// Called with the work done so far out of total (same units: sources,
/// replications …) of the built-in `what` (NULL if unknown); done < 0: the
/// work ended (a line on show is cleared).  NULL: nobody shows progress.
extern void (*cn_progress_hook)(const char *what, int64_t done, int64_t total);
/// The built-in running (set by the evaluator around each call).
extern const char *cn_progress_what;

/// Report progress (cheap when no hook is set).
static inline void cn_progress(int64_t done, int64_t total) {
  if (cn_progress_hook)
    cn_progress_hook(cn_progress_what, done, total);
}

/// The work ended, or an error is about to be said: clear the line.
static inline void cn_progress_end(void) {
  if (cn_progress_hook)
    cn_progress_hook(cn_progress_what, -1, -1);
}

#endif
