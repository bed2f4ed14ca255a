/* print.h — the syntax tree printed back as source text: names quoted only
 * when they would not read back bare, numbers in their shortest exact form,
 * strings escaped, expressions parenthesised only where precedence needs
 * it.  Printing a statement and parsing the text again gives the same tree
 * (locations aside).  Used by :save and :help in the REPL. */
#ifndef CN_PRINT_H
#define CN_PRINT_H

#include <stdio.h>

#include "ast.h"

/// Can the name s be written bare: would the lexer read the text s back
/// as the identifier s — not as a keyword (those reserved everywhere, and
/// where a statement starts when stmt_start), a number, punctuation, or a
/// name normalised to another?  The one rule :save and --fmt follow.
int cn_print_is_bare(const char *s, int stmt_start);
/// A name: bare when cn_print_is_bare, else quoted with escapes.
void cn_print_name_at(FILE *out, const char *s, int stmt_start);
/// A name anywhere but first in a statement.
void cn_print_name(FILE *out, const char *s);
/// A string literal "…" with \" \\ \n \t and \u{…} for other controls.
void cn_print_string(FILE *out, const char *s);
/// A number in the shortest form that reads back as the same double
/// (cn_num_text in number.h; negative numbers with a leading '-').
void cn_print_number(FILE *out, double x);
/// A span written in years: 1980..2002, 1980.., ..1990 or 1997 (nothing
/// for all time; cn_years_text in number.h).
void cn_print_years(FILE *out, double from, double to);
/// An expression.
void cn_print_expr(FILE *out, const cn_ast *e);
/// " { key = value, … }" (with the leading space), or nothing for NULL.
void cn_print_attrs(FILE *out, const cn_attrs *attrs);
/// One statement on one line (no line end), as it would be written.
void cn_print_stmt(FILE *out, const cn_ast *s);

#endif
