/* suggest.h — "did you mean": edit distance over code points, so that a
 * one-character slip in a Chinese name (何竹先 for 何竹贤) counts as one. */
#ifndef CN_SUGGEST_H
#define CN_SUGGEST_H

#include <stddef.h>

/// Levenshtein distance between a and b counted in code points, or
/// max + 1 as soon as it must exceed max.
int cn_edit_distance(const char *a, const char *b, int max);

typedef struct cn_suggest {
  const char *word; /* what was written */
  int limit;        /* largest distance worth suggesting */
  const char *best;
  int best_dist;
} cn_suggest;

/// Start looking for a replacement of `word`.
void cn_suggest_init(cn_suggest *s, const char *word);
/// Offer a candidate; the closest one (first on ties) is kept.
void cn_suggest_offer(cn_suggest *s, const char *candidate);

#endif
