/* load.h — turn parsed statements into the case model, validating as it
 * goes: every error of a script is reported (up to the diag cap). */
#ifndef CN_LOAD_H
#define CN_LOAD_H

#include "case.h"

/// Load a script file ("-" = standard input) into c.  Declarations take
/// effect; let/def/expression statements are appended to c->stmts.
/// Returns the number of errors reported.
int cn_load_file(cn_case *c, const char *path, cn_diag *diag);
/// Same for text held in memory, shown under `name` (e.g. "<repl>").
int cn_load_text(cn_case *c, const char *name, const char *text, size_t len,
                 cn_diag *diag);
/// Same for a source already made (the REPL sets its line_base so that
/// lines count on across inputs); the case takes ownership of src.
int cn_load_source(cn_case *c, cn_source *src, cn_diag *diag);
/// Read the file an include or import statement (at from) names, if the
/// sandbox lets it (where.h): cn_src_load's rules for such files.
cn_source *cn_load_read(const char *path, cn_diag *diag, const cn_loc *from);
/// Checks that need the whole case (names inside stage attributes).
/// Call once after the last file; returns the number of errors reported.
int cn_load_finish(cn_case *c, cn_diag *diag);

#endif
