/* utf8.h — UTF-8 decoding and validation, identifier characters, display
 * widths and NFC (character classes and normalisation come from utf8proc's
 * Unicode tables). */
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
/// Does NFC leave cp as it is whatever stands around it (NFC_Quick_Check
/// Yes and combining class 0)?
int cn_utf8_nfc_inert(int32_t cp);
/// Is s[0..n) in NFC for certain, without asking utf8proc: is every code
/// point one NFC leaves alone whatever stands around it (ASCII, Latin-1,
/// Greek, Cyrillic, CJK ideographs, kana, Hangul syllables …)?  0 means
/// "maybe not".
int cn_utf8_nfc_quick(const char *s, size_t n);
/// s[0..n) (valid UTF-8) in Unicode normal form C: a new malloc'd,
/// NUL-terminated string whose length is stored in *len, or NULL when s is
/// in NFC already (the usual case, found without copying).
char *cn_utf8_nfc(const char *s, size_t n, size_t *len);
/// The ASCII character a full-width or Chinese-IME punctuation mark stands
/// for ('，' -> ','), or 0 if cp is not one.
char cn_utf8_ascii_twin(int32_t cp);

#endif
