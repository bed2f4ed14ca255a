/* temps.h — the temporary files of atomic writes (atomic.c): created
 * beside their target with O_EXCL|O_NOFOLLOW under an unpredictable name
 * that still says whose they are, ".BASE.cnet-PID-RANDOM"; removed when
 * SIGINT, SIGTERM or SIGHUP ends the process mid-write; and, after a
 * kill -9, removed by the next write to the same target once the process
 * named in them is gone. */
#ifndef CN_TEMPS_H
#define CN_TEMPS_H

#include <sys/types.h>

/// Create a temporary beside target with the given mode: its descriptor
/// (its malloc'd name in *name), or -1 with errno set.  Leftovers of dead
/// processes writing the same target are removed first.  The temporary
/// is removed if a signal ends the process before cn_temp_forget(*name).
int cn_temp_create(const char *target, mode_t mode, char **name);
/// The temporary was renamed or removed: a signal need not remove it.
void cn_temp_forget(const char *name);

#endif
