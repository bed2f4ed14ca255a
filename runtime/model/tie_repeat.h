/* tie_repeat.h — a tie written twice: the same ends, layer, direction,
 * span and attributes as an earlier tie of the script.  Both count (ties
 * add, as in UCINET and igraph), so a pasted line doubles a weight without
 * a word; the loader notes each tie it reads and, at the end, asks which
 * repeat an earlier one, to warn of them. */
#ifndef CN_TIE_REPEAT_H
#define CN_TIE_REPEAT_H

#include "case.h"

/* 16 bytes a tie, written in order (no random access while a script is
 * read); sorted once at the end. */
typedef struct cn_tie_repeats {
  struct cn_tie_mark *marks;
  size_t n, cap;
  struct cn_tie_file *files; /* the source of the ties from .first on */
  size_t nfiles, files_cap;
} cn_tie_repeats;

/* A tie that repeats an earlier one. */
typedef struct cn_tie_repeat {
  int32_t tie, line, first_line;
  const cn_source *src, *first_src;
} cn_tie_repeat;

/// Note tie t of c, written at `at`.
void cn_tie_repeat_note(cn_tie_repeats *r, const cn_case *c, int32_t t,
                        const cn_loc *at);
/// The noted ties that repeat an earlier noted one, in the order they were
/// written: an array of *n (free it), or NULL when there is none.
cn_tie_repeat *cn_tie_repeats_found(cn_tie_repeats *r, const cn_case *c,
                                    size_t *n);
/// Free the notes.
void cn_tie_repeats_free(cn_tie_repeats *r);

#endif
