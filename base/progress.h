/* progress.h — how far long work is, and the request to stop it: what
 * every layer may use (this folder is below all of them).  Long work
 * reports (the measures, the loader reading a large script, an import
 * reading a large spreadsheet); whoever shows it sets the hook (the
 * command line draws a line on a terminal: cli/progress_line.c).  Nothing
 * is shown unless a front end set it.  Reports come from one thread at a
 * time (in a parallel loop, the calling thread). */
#ifndef CN_PROGRESS_H
#define CN_PROGRESS_H

#include <signal.h>
#include <stdint.h>

/* What done and total count: steps of a built-in (sources, replications
 * …), or bytes of a file being read. */
typedef enum { CN_PROGRESS_STEPS, CN_PROGRESS_BYTES } cn_progress_unit;

/// Called with the work done so far out of total, in `unit`: of the
/// built-in `what` (NULL if unknown) for steps, of reading the file `what`
/// for bytes; done < 0: the work ended (a line on show is cleared).  NULL:
/// nobody shows progress.
extern void (*cn_progress_hook)(const char *what, cn_progress_unit unit,
                                int64_t done, int64_t total);
/// The built-in running (set by the evaluator around each call).
extern const char *cn_progress_what;

/* Set to nonzero (e.g. from a SIGINT handler) to make long work stop: a
 * running measure returns CN_MEASURE_INTERRUPTED (measures.h), a load or
 * an import ends with an error "interrupted".  Work only reads it; the
 * caller resets it to 0 before the next query or input. */
extern volatile sig_atomic_t cn_measure_interrupt;

/// Report progress of the running built-in (cheap when no hook is set).
static inline void cn_progress(int64_t done, int64_t total) {
  if (cn_progress_hook)
    cn_progress_hook(cn_progress_what, CN_PROGRESS_STEPS, done, total);
}

/// Report how far the reading of file `name` is, in bytes.
static inline void cn_progress_read(const char *name, int64_t done,
                                    int64_t total) {
  if (cn_progress_hook)
    cn_progress_hook(name, CN_PROGRESS_BYTES, done, total);
}

/// The work ended, or an error is about to be said: clear the line.
static inline void cn_progress_end(void) {
  if (cn_progress_hook)
    cn_progress_hook(cn_progress_what, CN_PROGRESS_STEPS, -1, -1);
}

#endif
