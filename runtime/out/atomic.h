/* atomic.h — the one way out to files.  Every file cnet writes (export(),
 * render(), :save, the REPL's history) is written here: into a temporary
 * file beside the target, flushed, fsync'd and renamed over it only when
 * complete, so a reader sees the old file or the new one, never half of
 * one.  The --no-write refusal and the policy of where a script may write
 * (where.h) are checked here too, and nowhere else; temporaries are
 * temps.c's (removed on SIGINT, SIGTERM and SIGHUP, and after a kill -9 by
 * the next write to the same target).
 *
 * A target that exists and is not a regular file (a directory, a symbolic
 * link, a FIFO, a device, a socket) is refused: renaming over it would
 * replace the link or the special file itself, not write into what it
 * stands for.  A replaced file keeps its permission bits (and its owner
 * and group where the system allows); a new file gets 0666 less the umask.
 *
 * Several files added to one set are written as a unit: all are complete
 * before any is renamed (CSV ties with their -actors.csv, DL with its key,
 * one figure per stage), and two processes committing sets into one
 * directory take turns for their renames (a lock on the directory), so a
 * pair on disk never holds one file from each. */
#ifndef CN_ATOMIC_H
#define CN_ATOMIC_H

#include <stddef.h>
#include <stdio.h>

/// cnet's own state (the REPL's history): created 0600, and written even
/// outside where a script may write (where.h); --no-write refuses it too.
enum { CN_OUT_PRIVATE = 1 };

/// What cn_out_add, cn_out_commit and cn_out_write return besides 0: an
/// error of the system, the --no-write refusal, or a path where a script
/// may not write (where.h; CN_WHERE_WRITE_HINT says where it may), or a
/// hidden file, never written (CN_WHERE_HIDDEN_HINT says why).
enum {
  CN_OUT_FAILED = -1,
  CN_OUT_REFUSED = -2,
  CN_OUT_OUTSIDE = -3,
  CN_OUT_HIDDEN = -4
};

/// The hint for a write refused by where.h's rules (CN_OUT_OUTSIDE,
/// CN_OUT_HIDDEN), or NULL for any other rc.
const char *cn_out_refusal_hint(int rc);

/// --no-write: from now on refuse every file write, cnet's own state too.
void cn_out_refuse_writes(int on);
/// 1 under --no-write: a writer that would make a directory first (the
/// REPL's history) must not.
int cn_out_writes_refused(void);

/// One file of a set: write to f; temp is the temporary file's name, for
/// a writer that opens files by name (it must not rename or remove it).
typedef struct cn_out_file {
  FILE *f;
  const char *temp;
} cn_out_file;

typedef struct cn_out cn_out;

/// An empty set of files.
cn_out *cn_out_new(void);
/// Start writing path (flags: CN_OUT_PRIVATE): a temporary file beside it.
/// NULL when it cannot be started, with *why and *rc (CN_OUT_FAILED,
/// CN_OUT_REFUSED or CN_OUT_OUTSIDE) set; the set stays as it was.  Only
/// CN_OUT_PRIVATE files (cnet's own state) may go outside where.h's roots.
const cn_out_file *cn_out_add(cn_out *o, const char *path, int flags,
                              int *rc, char *why, size_t nwhy);
/// Flush, fsync and close every file, then rename each over its target
/// (the first added last).  0, or CN_OUT_FAILED with *why set and every
/// temporary removed.  Frees o either way.
int cn_out_commit(cn_out *o, char *why, size_t nwhy);
/// Remove every temporary and free o.
void cn_out_abort(cn_out *o);

/// Write len bytes of data to path as one set of one file: 0,
/// CN_OUT_FAILED, CN_OUT_REFUSED or CN_OUT_OUTSIDE (with *why set).
int cn_out_write(const char *path, const void *data, size_t len, int flags,
                 char *why, size_t nwhy);

#endif
