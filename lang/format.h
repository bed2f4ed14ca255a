/* format.h — cnet --fmt: a script in canonical layout, its comments kept.
 * Statements are printed by lang/print.c (the printer :save uses), one to
 * a line; blank lines between statements are kept (runs folded into one);
 * comments stay where they were, before the statement or at its end; the
 * layer colons of consecutive ties line up. */
#ifndef CN_FORMAT_H
#define CN_FORMAT_H

#include <stdio.h>

#include "diag.h"
#include "intern.h"
#include "source.h"

/// Write src in canonical layout to out.  Returns 0, or -1 when the text
/// has syntax errors (reported through diag; nothing is written).
int cn_format_source(const cn_source *src, cn_names *names, cn_diag *diag,
                     FILE *out);

#endif
