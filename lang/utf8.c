/* utf8.c — UTF-8 decoding, identifier classes and widths via utf8proc. */
#include "utf8.h"

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

size_t cn_utf8_validate(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) { /* eight ASCII bytes at a time */
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        i += 8;
        continue;
      }
    }
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
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
