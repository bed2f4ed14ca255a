/* suggest.c — edit distance on code points and the closest-candidate pick. */
#include "suggest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

enum { MAXCP = 64 }; /* longer names are compared on their first 64 */

static int decode_all(const char *s, int32_t *out) {
  size_t n = strlen(s), i = 0;
  int k = 0;
  while (i < n && k < MAXCP) {
    int32_t cp;
    size_t len = cn_utf8_decode(s + i, n - i, &cp);
    if (!len) {
      cp = (unsigned char)s[i];
      len = 1;
    }
    if (cp >= 'A' && cp <= 'Z')
      cp += 'a' - 'A'; /* case slips are free */
    out[k++] = cp;
    i += len;
  }
  return k;
}

int cn_edit_distance(const char *a, const char *b, int max) {
  int32_t x[MAXCP], y[MAXCP];
  int n = decode_all(a, x), m = decode_all(b, y);
  if (abs(n - m) > max)
    return max + 1;
  int prev[MAXCP + 1], cur[MAXCP + 1];
  for (int j = 0; j <= m; j++)
    prev[j] = j;
  for (int i = 1; i <= n; i++) {
    cur[0] = i;
    int rowmin = cur[0];
    for (int j = 1; j <= m; j++) {
      int d = prev[j - 1] + (x[i - 1] != y[j - 1]);
      if (prev[j] + 1 < d)
        d = prev[j] + 1;
      if (cur[j - 1] + 1 < d)
        d = cur[j - 1] + 1;
      cur[j] = d;
      if (d < rowmin)
        rowmin = d;
    }
    if (rowmin > max)
      return max + 1;
    memcpy(prev, cur, sizeof(int) * (size_t)(m + 1));
  }
  return prev[m];
}

void cn_suggest_init(cn_suggest *s, const char *word) {
  s->word = word;
  size_t n = cn_utf8_count(word, strlen(word));
  s->limit = n <= 1 ? 0 : n <= 4 ? 1 : n <= 8 ? 2 : 3;
  s->best = NULL;
  s->best_dist = s->limit + 1;
}

void cn_suggest_offer(cn_suggest *s, const char *candidate) {
  if (strcmp(candidate, s->word) == 0)
    return;
  int d = cn_edit_distance(s->word, candidate, s->best_dist - 1);
  if (d < s->best_dist) {
    s->best = candidate;
    s->best_dist = d;
  }
}
