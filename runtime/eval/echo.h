/* echo.h — `cnet --echo`: each top-level expression's source text, as
 * written, shown with its result, in every output format:
 *
 *   table     "> EXPR" (further lines of it "+ …"), as R's source(echo=TRUE)
 *   csv, tsv  "# EXPR" (every line of it), a comment line CSV readers skip
 *   json      one object per expression instead of the bare value:
 *             {"expr": "EXPR", "value": …}, or {"expr": "EXPR", "error": true}
 *             when it failed (the message is on stderr, as always)
 */
#ifndef CN_ECHO_H
#define CN_ECHO_H

#include <stdio.h>

#include "eval.h"

/// Before the expression at loc runs: its text (table, csv, tsv).
void cn_echo_before(cn_eval *E, FILE *out, const cn_loc *loc);
/// After it ran: its value v (NULL when it failed) — in json together with
/// its text, otherwise as without --echo.
void cn_echo_result(cn_eval *E, FILE *out, const cn_loc *loc,
                    const cn_value *v);

#endif
