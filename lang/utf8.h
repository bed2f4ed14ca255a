/* utf8.h — UTF-8 decoding and validation, identifier characters and display
 * widths (character classes come from utf8proc's Unicode tables). */
#ifndef CN_UTF8_H
#define CN_UTF8_H

#include <stddef.h>
#include <stdint.h>

/// Decode one code point at s (at most n bytes).  Returns its length in
/// bytes and stores it in *cp, or returns 0 for an invalid or truncated
/// sequence (overlong forms and surrogates are invalid).
size_t cn_utf8_decode(const char *s, size_t n, int32_t *cp);
/// Encode cp into out (4 bytes at most); returns the length.
size_t cn_utf8_encode(int32_t cp, char *out);
/// Offset of the first invalid byte in s[0..n), or n when all is valid.
size_t cn_utf8_validate(const char *s, size_t n);
/// May cp appear in an identifier (at its start when first != 0)?
int cn_utf8_ident_ok(int32_t cp, int first);
/// Terminal columns cp takes: 2 for wide (CJK, full-width), 0 for
/// combining marks, else 1.
int cn_utf8_width(int32_t cp);
/// Display width of s[0..n) (invalid bytes count as 4: shown as \xNN).
int cn_utf8_str_width(const char *s, size_t n);
/// Number of code points in s[0..n).
size_t cn_utf8_count(const char *s, size_t n);
/// The ASCII character a full-width or Chinese-IME punctuation mark stands
/// for ('，' -> ','), or 0 if cp is not one.
char cn_utf8_ascii_twin(int32_t cp);

#endif
