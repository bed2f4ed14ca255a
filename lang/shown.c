/* shown.c — text as a terminal shows it (see shown.h). */
#include "shown.h"

#include "utf8.h"

int cn_shown_escaped(int32_t cp) {
  return (cp >= 0x80 && cp < 0xA0) || cp == 0xAD || cp == 0x61C ||
         cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/* One step of s[0..n): its length in bytes, and what is written for it:
 * *esc is 'x' (\xNN of the byte), 'u' (\u{cp}) or 0 (the bytes as they
 * are). */
static size_t step(const char *s, size_t n, int lines, int32_t *cp,
                   int *esc) {
  unsigned char c = (unsigned char)s[0];
  *cp = c;
  if (c == '\t' || (lines && c == '\n')) {
    *esc = 0;
    return 1;
  }
  if (c < 0x20 || c == 0x7F) {
    *esc = 'x';
    return 1;
  }
  size_t k = cn_utf8_decode(s, n, cp);
  if (!k) {
    *esc = 'x';
    return 1;
  }
  *esc = cn_shown_escaped(*cp) ? 'u' : 0;
  return k;
}

void cn_shown_put(FILE *out, const char *s, size_t n, int lines) {
  size_t i = 0;
  while (i < n) {
    int32_t cp;
    int esc;
    size_t k = step(s + i, n - i, lines, &cp, &esc);
    if (esc == 'x')
      fprintf(out, "\\x%02X", (unsigned char)s[i]);
    else if (esc == 'u')
      fprintf(out, "\\u{%X}", (unsigned)cp);
    else
      fwrite(s + i, 1, k, out);
    i += k;
  }
}

int cn_shown_plain(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    int32_t cp;
    int esc;
    i += step(s + i, n - i, 0, &cp, &esc);
    if (esc || cp == '\t')
      return 0;
  }
  return 1;
}

size_t cn_shown_char(const char *s, size_t n, int *width) {
  int32_t cp;
  int esc;
  size_t k = step(s, n, 0, &cp, &esc);
  if (esc == 'x') {
    *width = 4;
  } else if (esc == 'u') {
    *width = 4; /* \u{ and } */
    for (uint32_t v = (uint32_t)cp; v; v >>= 4)
      (*width)++;
  } else {
    *width = cp == '\t' ? -1 : cn_utf8_width(cp);
  }
  return k;
}

int cn_shown_width(const char *s, size_t n) {
  int w = 0;
  size_t i = 0;
  while (i < n) {
    int cw;
    i += cn_shown_char(s + i, n - i, &cw);
    w += cw < 0 ? 1 : cw;
  }
  return w;
}
