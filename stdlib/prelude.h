/* prelude.h — the library written in cnet (stdlib/prelude.cnet), embedded
 * in the binary and bound the first time a script calls one of its
 * functions, so start-up does not pay for it. */
#ifndef CN_PRELUDE_H
#define CN_PRELUDE_H

#include "eval.h"

/// Make the prelude available to E (installs the lazy binding hook).
void cn_prelude_open(cn_eval *E);
/// The text of the prelude.
const char *cn_prelude_text(void);

/* A documented function of the prelude, read from its `##` comment lines. */
typedef struct cn_prelude_doc {
  char *name, *params, *doc;
} cn_prelude_doc;

/// The documented functions of the prelude (n set to their number); the
/// array lives as long as the process.
const cn_prelude_doc *cn_prelude_docs(size_t *n);

#endif
