/* diag.h — the one place that prints diagnostics: GNU header, the source
 * line, a caret under the spot; counts errors and caps them. */
#ifndef CN_DIAG_H
#define CN_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#include "source.h"

typedef struct cn_diag {
  FILE *out;        /* stderr normally */
  int errors;       /* errors reported so far (capped ones included) */
  int warnings;
  int max_errors;   /* after this many, print "too many errors" and stop */
  int suppressed;   /* 1 once the cap was reached: later reports are silent */
  int show_hints;   /* 1 if the last error was printed (hints follow it) */
  /* the user's call into library code being run (the evaluator sets it):
   * an error located in a library source is reported there instead, and
   * where it happened is kept in `inside` for a note */
  const cn_loc *user_call;
  cn_loc inside;
  int relocated;    /* 1 when the last error was reported at user_call */
} cn_diag;

#define CN_DIAG_MAX_ERRORS 20

void cn_diag_init(cn_diag *d, FILE *out);
/// Report an error at loc (loc may be NULL: no position).
void cn_diag_error(cn_diag *d, const cn_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cn_diag_verror(cn_diag *d, const cn_loc *loc, const char *fmt, va_list ap);
void cn_diag_warning(cn_diag *d, const cn_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/// A note attached to the previous error or warning (e.g. "first declared
/// here"), with its own source line and caret.
void cn_diag_note(cn_diag *d, const cn_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/// "hint: …" after the previous error or warning.
void cn_diag_hint(cn_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/// "cnet: error: …" with no source position (files that cannot be read).
void cn_diag_plain_error(cn_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/// 1 once the error cap was reached: callers may stop early.
int cn_diag_full(const cn_diag *d);

#endif
