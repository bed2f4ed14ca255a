/* render_font.c — before drawing, ask fontconfig whether the figure's font
 * is installed and has a glyph for every character of its labels: Graphviz
 * itself would silently substitute another font or draw empty boxes. */
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render.h"
#include "utf8.h"

/* Family names compare without case and spaces ("Noto Sans CJK SC" =
 * "NotoSansCJKSC"), as fontconfig itself matches them. */
static int same_family(const char *a, const char *b) {
  for (;;) {
    while (*a == ' ')
      a++;
    while (*b == ' ')
      b++;
    if (!*a || !*b)
      return !*a && !*b;
    char x = *a, y = *b;
    if (x >= 'A' && x <= 'Z')
      x = (char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = (char)(y - 'A' + 'a');
    if (x != y)
      return 0;
    a++;
    b++;
  }
}

enum { MAX_SHOWN = 8 };

char *cn_render_font_problem(const char *family, const char *const *texts,
                             size_t n, char **hint) {
  *hint = NULL;
  if (!FcInit())
    return strdup("fontconfig cannot be initialised, so the fonts cannot be "
                  "checked");
  FcPattern *pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
  FcConfigSubstitute(NULL, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult res;
  FcPattern *match = FcFontMatch(NULL, pat, &res);
  FcPatternDestroy(pat);
  char *msg = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&msg, &len);
  int bad = 0;
  FcChar8 *got = NULL;
  int found = 0;
  for (int i = 0;
       match && FcPatternGetString(match, FC_FAMILY, i, &got) == FcResultMatch;
       i++)
    found |= same_family((const char *)got, family);
  if (!found) {
    FcChar8 *sub = NULL;
    if (match)
      FcPatternGetString(match, FC_FAMILY, 0, &sub);
    fprintf(m, "font '%s' is not installed", family);
    if (sub)
      fprintf(m, " (fontconfig would draw with '%s' instead, and its missing "
                 "characters as empty boxes)", (const char *)sub);
    bad = 1;
    *hint = strdup(
        "for Chinese labels install Debian's fonts-noto-cjk (apt-get install "
        "fonts-noto-cjk, or `make deps`), or name an installed font with "
        "font=\"…\" (`fc-list : family` lists them)");
  } else {
    FcCharSet *cs = NULL;
    if (FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) != FcResultMatch)
      cs = NULL;
    int32_t missing[MAX_SHOWN];
    int nmissing = 0, total = 0;
    for (size_t t = 0; cs && t < n; t++) {
      const char *s = texts[t];
      if (!s)
        continue;
      size_t sl = strlen(s), i = 0;
      while (i < sl) {
        int32_t cp;
        size_t k = cn_utf8_decode(s + i, sl - i, &cp);
        if (!k) {
          i++;
          continue;
        }
        i += k;
        if (cp < 0x20 || cp == 0x7F || FcCharSetHasChar(cs, (FcChar32)cp))
          continue;
        int seen = 0;
        for (int j = 0; j < nmissing; j++)
          seen |= missing[j] == cp;
        if (seen)
          continue;
        total++;
        if (nmissing < MAX_SHOWN)
          missing[nmissing++] = cp;
      }
    }
    if (total) {
      bad = 1;
      fprintf(m, "font '%s' has no glyph for %s", family,
              total == 1 ? "the character" : "the characters");
      for (int j = 0; j < nmissing; j++) {
        char u[8];
        u[cn_utf8_encode(missing[j], u)] = '\0';
        fprintf(m, "%s '%s' (U+%04X)", j ? "," : "", u, (unsigned)missing[j]);
      }
      if (total > nmissing)
        fprintf(m, " and %d more", total - nmissing);
      fprintf(m, ": they would be drawn as empty boxes");
      *hint = strdup(
          "Debian's fonts-noto-cjk covers Chinese, Japanese and Korean: "
          "apt-get install fonts-noto-cjk, and use font=\"Noto Sans CJK SC\" "
          "(the default); or name a font that has these characters");
    }
  }
  fclose(m);
  if (match)
    FcPatternDestroy(match);
  if (!bad) {
    free(msg);
    return NULL;
  }
  return msg;
}
