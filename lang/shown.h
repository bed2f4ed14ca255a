/* shown.h — text as a person sees it on a terminal: control characters,
 * bidirectional controls and invisible characters shown escaped, so that a
 * name can neither drive the terminal, nor reorder what follows it, nor
 * look like another name.  Every printer for people (diagnostics, hints,
 * tables, echoes, -f csv/tsv/json on a terminal) writes through here; files
 * and pipes of data get the text as it is. */
#ifndef CN_SHOWN_H
#define CN_SHOWN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/// Is code point cp shown escaped: C1 controls, the bidi controls
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the invisible
/// ones (U+00AD, U+180E, U+200B–U+200D, U+2060–U+2064, U+FEFF), the line
/// and paragraph separators?  (C0 controls and DEL always are.)
int cn_shown_escaped(int32_t cp);
/// Write s[0..n): a C0 control, DEL or a byte that is not UTF-8 as \xNN, a
/// code point cn_shown_escaped names as \u{XXXX} (cnet's own string
/// escape); a tab as it is, and a line break too where `lines` is set.
void cn_shown_put(FILE *out, const char *s, size_t n, int lines);
/// Does s[0..n) show as it is: nothing escaped, and no tab?
int cn_shown_plain(const char *s, size_t n);
/// The first character of s[0..n) (n ≥ 1): its length in bytes, and in
/// *width the columns cn_shown_put takes for it (-1 for a tab).
size_t cn_shown_char(const char *s, size_t n, int *width);
/// Columns on screen of what cn_shown_put writes for s[0..n) (a tab counts
/// as one).
int cn_shown_width(const char *s, size_t n);

#endif
