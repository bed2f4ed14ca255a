/* escape.c — escaping for JSON, XML, CSV and Graphviz labels (escape.h). */
#include "escape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* The code point of the three-byte UTF-8 sequence at s, or -1 (the
 * escapers look for U+2028, U+2029, U+FFFE and U+FFFF). */
static int32_t three_byte(const unsigned char *s) {
  if ((s[0] & 0xF0) != 0xE0 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
    return -1;
  return (int32_t)((s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu));
}

void cn_esc_json(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    int32_t cp = three_byte(p);
    switch (*p) {
    case '"': fputs("\\\"", f); break;
    case '\\': fputs("\\\\", f); break;
    case '\n': fputs("\\n", f); break;
    case '\r': fputs("\\r", f); break;
    case '\t': fputs("\\t", f); break;
    default:
      if (*p < 0x20 || *p == 0x7F) {
        fprintf(f, "\\u%04x", *p);
      } else if (cp == 0x2028 || cp == 0x2029) {
        fprintf(f, "\\u%04x", (unsigned)cp);
        p += 2;
      } else {
        fputc(*p, f);
      }
    }
  }
  fputc('"', f);
}

void cn_esc_script_json(FILE *f, const char *json) {
  for (const char *p = json; *p; p++) {
    if (*p == '<')
      fputs("\\u003c", f);
    else if (*p == '>')
      fputs("\\u003e", f);
    else if (*p == '&')
      fputs("\\u0026", f);
    else
      fputc(*p, f);
  }
}

static void xml(FILE *f, const char *s, int label) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    int32_t cp = three_byte(p);
    switch (*p) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&#39;", f); break;
    case '\n': fputs(label ? "<BR/>" : "&#10;", f); break;
    case '\r': fputs(label ? " " : "&#13;", f); break;
    case '\t': fputs(label ? " " : "&#9;", f); break;
    default:
      if (*p < 0x20 || *p == 0x7F) {
        fputs("\xEF\xBF\xBD", f); /* not allowed in XML 1.0: U+FFFD */
      } else if (cp == 0xFFFE || cp == 0xFFFF) {
        fputs("\xEF\xBF\xBD", f);
        p += 2;
      } else {
        fputc(*p, f);
      }
    }
  }
}

void cn_esc_xml(FILE *f, const char *s) { xml(f, s, 0); }

void cn_esc_html_label(FILE *f, const char *s) { xml(f, s, 1); }

/* A number as cnet or a person writes one: a sign, digits with a point,
 * an exponent; or Inf, NaN. */
static int number_text(const char *s) {
  if (*s == '+' || *s == '-')
    s++;
  if (strcmp(s, "Inf") == 0 || strcmp(s, "NaN") == 0)
    return 1;
  size_t digits = strspn(s, "0123456789");
  s += digits;
  if (*s == '.') {
    size_t frac = strspn(s + 1, "0123456789");
    digits += frac;
    s += 1 + frac;
  }
  if (!digits)
    return 0;
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-')
      s++;
    size_t exp = strspn(s, "0123456789");
    if (!exp)
      return 0;
    s += exp;
  }
  return *s == '\0';
}

int cn_csv_formula(const char *s) {
  if (*s == CN_CSV_MARK)
    return 1;
  return s[0] && strchr("=+-@\t\r", s[0]) && !number_text(s);
}

static void csv_cell(FILE *f, const char *s, int mark) {
  size_t n = strlen(s);
  if (!mark && !(n && (s[0] == ' ' || s[n - 1] == ' ')) &&
      !strpbrk(s, ",\"\n\r")) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  if (mark)
    fputc(CN_CSV_MARK, f);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

void cn_esc_csv(FILE *f, const char *s) { csv_cell(f, s, 0); }

void cn_esc_csv_sheet(FILE *f, const char *s) {
  csv_cell(f, s, cn_csv_formula(s));
}

void cn_esc_dot_label(FILE *f, const char *s) {
  for (; *s; s++) {
    if (*s == '\\')
      fputs("\\\\", f);
    else if (*s == '\n')
      fputs("\\n", f);
    else
      fputc(*s == '\r' || *s == '\t' ? ' ' : *s, f);
  }
}

char *cn_esc_string(void (*esc)(FILE *, const char *), const char *s) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f)
    cn_out_of_memory(strlen(s));
  esc(f, s);
  if (fclose(f) != 0 || !buf)
    cn_out_of_memory(len);
  return buf;
}
