/* escape.h — text made safe for the formats cnet writes: JSON strings,
 * XML text and attributes, CSV cells and Graphviz labels.  Every writer
 * of these formats escapes through here.  (Numbers are written by
 * lang/number.c, which the front end's printer shares.) */
#ifndef CN_ESCAPE_H
#define CN_ESCAPE_H

#include <stdio.h>

/// A JSON string, quotes included: \" \\ \n \r \t, other control
/// characters as \u00XX, U+2028 and U+2029 as \u2028 and \u2029 (JSON
/// allows them raw, older JavaScript does not).
void cn_esc_json(FILE *f, const char *s);
/// XML text or attribute value: & < > " ' as references, line breaks and
/// tabs as &#10; &#13; &#9;; characters XML 1.0 forbids (other control
/// characters, U+FFFE, U+FFFF) as U+FFFD.
void cn_esc_xml(FILE *f, const char *s);
/// The text of a Graphviz HTML-like label: cn_esc_xml's escapes, but a
/// line break is <BR/> and a carriage return or tab a space.
void cn_esc_html_label(FILE *f, const char *s);
/// A CSV cell (RFC 4180): quoted, with quotes doubled, when it holds a
/// comma, a quote, a line break, or a space at either end (a spreadsheet
/// would drop it).  The data as it is: what -f csv prints for programs.
void cn_esc_csv(FILE *f, const char *s);
/// A CSV cell of a file for spreadsheets (export()): as cn_esc_csv, but a
/// cell a spreadsheet would run as a formula (see cn_csv_formula) is
/// neutralised as OWASP recommends: quoted, after a single quote
/// CN_CSV_MARK.
void cn_esc_csv_sheet(FILE *f, const char *s);
/// The mark that neutralises a formula in a CSV cell.
#define CN_CSV_MARK '\''
/// Does cn_esc_csv put the mark before this text?  It does when the text
/// starts with = + - @, a tab or a carriage return (a formula to a
/// spreadsheet) — unless it is a number (-3, +1.5e3, -Inf) — and when it
/// starts with the mark itself, so that reading back is unambiguous: a
/// quoted cell whose text is the mark then such text is read without its
/// mark (runtime/model/import.c), every other cell as it is.
int cn_csv_formula(const char *s);
/// A plain Graphviz label (an escString): backslashes doubled, so that
/// "\N" or "\l" in a name stay text; a line break is a centred \n, a
/// carriage return or tab a space.
void cn_esc_dot_label(FILE *f, const char *s);

/// JSON text (as cn_esc_json writes it) made safe inside an HTML
/// <script> block: < > & as \u003c \u003e \u0026, which can stand only
/// inside its strings, so that no "</script>" or "<!--" can end the block.
void cn_esc_script_json(FILE *f, const char *json);

/// What one of the above writes for s, as a malloc'ed string.
char *cn_esc_string(void (*esc)(FILE *, const char *), const char *s);

#endif
