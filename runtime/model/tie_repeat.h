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
  int over; /* more ties than CN_TIE_REPEAT_MAX: not looked for */
  struct cn_tie_file *files; /* the source of the ties from .first on */
  size_t nfiles, files_cap;
} cn_tie_repeats;

/* A tie that repeats an earlier one. */
typedef struct cn_tie_repeat {
  int32_t tie, line, first_line;
  const cn_source *src, *first_src;
} cn_tie_repeat;

/// Repeats are looked for in scripts of up to this many ties: a case
/// written by hand.  A larger one is a registry or a generated network,
/// whose repeated rows are its multi-ties — and the notes would cost a
/// 10^7-tie load 160 MB and a sort (issue #15's memory and speed goals).
enum { CN_TIE_REPEAT_MAX = 200000 };

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
