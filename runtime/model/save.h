/* save.h — the case as it now stands, written back as a canonical,
 * readable .cnet script (the REPL's :save).
 *
 * The script has one section per kind of declaration — case, layers,
 * kinds, stages, actors, groups, ties, events — each in declaration order,
 * then the let and def statements in the order they were given (the case's
 * own queries are left out).  Includes are already expanded and `in STAGE`
 * spans are written in years.  Loading the script gives the same case, so
 * every query gives the same answer. */
#ifndef CN_SAVE_H
#define CN_SAVE_H

#include <stddef.h>
#include <stdio.h>

#include "case.h"

/// Write the script for c to out.  Returns 0, or -1 on a write error.
int cn_save_write(const cn_case *c, FILE *out);
/// Write the script to `path` whole or not at all (atomic.h).  Returns 0,
/// or CN_OUT_FAILED or CN_OUT_REFUSED (--no-write) with why[0..nwhy) set.
int cn_save_file(const cn_case *c, const char *path, char *why, size_t nwhy);

#endif
