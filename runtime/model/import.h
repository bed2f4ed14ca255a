/* import.h — `import actors "f.csv" {map}` and `import ties "f.csv" : LAYER
 * {map}`: rows of a spreadsheet (CSV or TSV, UTF-8) become actors or ties of
 * the case, each bad row reported at its file, line and column. */
#ifndef CN_IMPORT_H
#define CN_IMPORT_H

#include "case.h"

/// Carry out one CN_AST_IMPORT statement: read the file (relative to the
/// script that holds the statement), map its columns as the block says and
/// add its rows to the case.  The file becomes one of the case's sources,
/// so that later diagnostics can point into it.  Returns the number of
/// errors reported.
int cn_import_stmt(cn_case *c, cn_diag *diag, const cn_ast *s);

#endif
