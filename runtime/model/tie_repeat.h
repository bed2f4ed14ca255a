/* tie_repeat.h — a tie written twice: the same ends, layer, direction,
 * span and attributes as an earlier tie of the script.  Both count (ties
 * add, as in UCINET and igraph), so a pasted line doubles a weight without
 * a word; the loader finds the earlier one to warn about it. */
#ifndef CN_TIE_REPEAT_H
#define CN_TIE_REPEAT_H

#include "case.h"

typedef struct cn_tie_repeats {
  struct cn_tie_seen *slots; /* open addressing; tie -1 is empty */
  size_t cap, n;
} cn_tie_repeats;

/// Where an earlier tie equal to tie `t` of c was written, or NULL; in that
/// case t is remembered as written at `at`.
const cn_loc *cn_tie_repeat_find(cn_tie_repeats *r, const cn_case *c,
                                 int32_t t, const cn_loc *at);
/// Free the table.
void cn_tie_repeats_free(cn_tie_repeats *r);

#endif
