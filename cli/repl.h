/* repl.h — the interactive session: `cnet -i FILE…` and `cnet` alone.
 *
 * On a terminal: line editing, history kept across sessions and Tab
 * completion through libedit, a continuation prompt for unfinished
 * statements, Ctrl-C to stop a long query.  Otherwise statements are read
 * from standard input without prompts.  Every input either takes effect
 * whole or, after an error, leaves the session as it was. */
#ifndef CN_REPL_H
#define CN_REPL_H

#include "value.h"

typedef struct cn_repl_options {
  const char *const *files; /* loaded (and run) first; :reload reads them */
  int nfiles;
  cn_format format;
  int echo;                 /* --echo: show each expression with its result,
                               except what is typed at a terminal */
} cn_repl_options;

/// Run the session to its end (Ctrl-D, :quit or end of input).  Returns
/// the exit status: 1 if the files failed to load, or if standard input
/// is not a terminal and some input failed; else 0.
int cn_repl_main(const cn_repl_options *o);

#endif
