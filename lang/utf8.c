/* utf8.c — UTF-8 decoding, identifier classes, widths and NFC via
 * utf8proc. */
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t cn_utf8_decode(const char *s, size_t n, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (n == 0)
    return 0;
  unsigned char c = u[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len;
  int32_t v, min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, v = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, v = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((u[i] & 0xC0) != 0x80)
      return 0;
    v = (v << 6) | (u[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return len;
}

size_t cn_utf8_encode(int32_t cp, char *out) {
  utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
  return n > 0 ? (size_t)n : 0;
}

/* The offset of the first byte at or after i that is not ASCII, or n:
 * eight bytes at a time where it can. */
static size_t skip_ascii(const char *s, size_t i, size_t n) {
  for (uint64_t w; i + 8 <= n; i += 8) {
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ull)
      break;
  }
  while (i < n && (unsigned char)s[i] < 0x80)
    i++;
  return i;
}

size_t cn_utf8_validate(const char *s, size_t n) {
  size_t i = 0;
  while ((i = skip_ascii(s, i, n)) < n) {
    int32_t cp;
    size_t k = cn_utf8_decode(s + i, n - i, &cp);
    if (!k)
      return i;
    i += k;
  }
  return n;
}

int cn_utf8_ident_ok(int32_t cp, int first) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_')
      return 1;
    return !first && cp >= '0' && cp <= '9';
  }
  if (cp == 0xB7 || cp == 0x30FB) /* middle dots: 马克斯·韦伯 */
    return !first;
  if (cp >= 0x4E00 && cp <= 0x9FA5)
    return 1; /* the 汉字 of Unicode 1.1, letters (Lo) in every version:
                 most names of a Chinese case, read without a look-up */
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_NL: /* 〇 and Roman numerals behave as letters */
    return 1;
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
    return !first;
  default:
    return 0;
  }
}

int cn_utf8_width(int32_t cp) {
  if (cp < 0x20 || cp == 0x7F)
    return 1;
  int w = utf8proc_charwidth(cp);
  return w < 0 ? 1 : w;
}

int cn_utf8_str_width(const char *s, size_t n) {
  int w = 0;
  size_t i = 0;
  while (i < n) {
    int32_t cp;
    size_t k = cn_utf8_decode(s + i, n - i, &cp);
    if (!k) {
      w += 4;
      i++;
    } else {
      w += cn_utf8_width(cp);
      i += k;
    }
  }
  return w;
}

size_t cn_utf8_count(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      c++;
  return c;
}

int cn_utf8_nfc_inert(int32_t cp) {
  /* Checked against Unicode 14 for every code point of these ranges: NFC
   * maps none of them, none has a combining class, none is the second
   * half of a canonical composition. */
  static const int32_t inert[][2] = {
      {0x0000, 0x02FF}, /* Latin up to the combining marks at U+0300 */
      {0x0388, 0x0482}, {0x048A, 0x052F}, /* Greek, Cyrillic */
      {0x05D0, 0x05EA}, {0x0621, 0x064A}, /* Hebrew, Arabic letters */
      {0x1E00, 0x1EFF},                   /* Vietnamese and other Latin */
      {0x3000, 0x3029}, {0x3041, 0x3096}, {0x30A1, 0x30FA},
      {0x30FC, 0x30FF}, /* CJK marks, kana */
      {0x3400, 0x9FFF}, /* 汉字 (and the Yijing hexagrams) */
      {0xAC00, 0xD7A3}, /* Hangul syllables */
  };
  if (cp >= 0x3400 && cp <= 0x9FFF)
    return 1; /* the common case first */
  for (size_t i = 0; i < sizeof inert / sizeof *inert; i++)
    if (cp <= inert[i][1])
      return cp >= inert[i][0];
  return 0;
}

int cn_utf8_nfc_quick(const char *s, size_t n) {
  size_t i = 0;
  while ((i = skip_ascii(s, i, n)) < n) {
    unsigned char b = (unsigned char)s[i];
    if (b >= 0xE4 && b <= 0xE9 && i + 2 < n &&
        ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
        ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
      i += 3; /* U+4000..U+9FFF: 汉字, the common case */
      continue;
    }
    int32_t cp;
    size_t k = cn_utf8_decode(s + i, n - i, &cp);
    if (!k || !cn_utf8_nfc_inert(cp))
      return 0;
    i += k;
  }
  return 1;
}

char *cn_utf8_nfc(const char *s, size_t n, size_t *len) {
  if (cn_utf8_nfc_quick(s, n) || cn_utf8_validate(s, n) < n)
    return NULL; /* NFC already, or not UTF-8: left for the caller */
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t m =
      utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  if (m < 0) {
    if (m == UTF8PROC_ERROR_NOMEM) {
      fputs("cnet: out of memory\n", stderr);
      exit(70);
    }
    return NULL;
  }
  if ((size_t)m == n && memcmp(out, s, n) == 0) {
    free(out); /* a mark after an unaffected letter: NFC already */
    return NULL;
  }
  *len = (size_t)m;
  return (char *)out;
}

char cn_utf8_ascii_twin(int32_t cp) {
  /* Full-width forms U+FF01..U+FF5E map one to one onto ASCII '!'..'~'. */
  if (cp >= 0xFF01 && cp <= 0xFF5E)
    return (char)(cp - 0xFF01 + '!');
  switch (cp) {
  case 0x3000: return ' ';  /* ideographic space */
  case 0x3001: return ',';  /* 、 */
  case 0x3002: return '.';  /* 。 */
  case 0x201C: case 0x201D: return '"';  /* “ ” */
  case 0x2018: case 0x2019: return '\''; /* ‘ ’ */
  case 0x300C: case 0x300D: return '"';  /* 「 」 */
  case 0x3010: return '[';  /* 【 */
  case 0x3011: return ']';  /* 】 */
  case 0x2014: return '-';  /* — */
  case 0x2026: return '.';  /* … */
  case 0x00A0: return ' ';  /* no-break space */
  default: return 0;
  }
}
