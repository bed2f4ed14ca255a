/* case_fixture.h — what a unit test of the evaluator starts with: standard
 * output and diagnostics sent to /dev/null, a case loaded from its text,
 * and an evaluator with the built-ins on it.  Included by one test file
 * each (the functions are static). */
#ifndef CN_CASE_FIXTURE_H
#define CN_CASE_FIXTURE_H

#include <stdio.h>

#include "builtins.h"
#include "load.h"

/* The stream the diagnostics go to, or NULL (said on stderr) when the
 * case does not load. */
static FILE *case_fixture_open(cn_case *c, cn_eval *E, cn_diag *diag,
                               const char *text, size_t len) {
  FILE *quiet = fopen("/dev/null", "w");
  if (!quiet || !freopen("/dev/null", "w", stdout))
    return NULL;
  cn_diag_init(diag, quiet);
  cn_case_init(c);
  if (cn_load_text(c, "<case>", text, len, diag) || cn_load_finish(c, diag)) {
    fprintf(stderr, "the case does not load\n");
    return NULL;
  }
  cn_eval_init(E, c, diag);
  cn_stdlib_open(E);
  return quiet;
}

#endif
