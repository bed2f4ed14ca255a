/* tie_repeat.c — finding a tie written twice: a hash of each tie's ends,
 * layer, direction, span and attribute keys is noted as the tie is read;
 * at the end the notes are sorted, and ties of one hash compared in full
 * (attribute values too). */
#include "tie_repeat.h"

#include <stdlib.h>
#include <string.h>

typedef struct cn_tie_mark {
  uint64_t hash;
  int32_t tie, line;
} cn_tie_mark;

/* The ties are numbered in the order they are read: a file's run of them
 * starts at `first`. */
typedef struct cn_tie_file {
  int32_t first;
  const cn_source *src;
} cn_tie_file;

/* Literal attribute values alike (names and strings are interned).  Lists
 * nested deeper than this count as different: no warning, no deep stack. */
enum { MAX_DEPTH = 32 };

static int same_value(const cn_ast *a, const cn_ast *b, int depth) {
  if (a->kind != b->kind || depth > MAX_DEPTH)
    return 0;
  switch (a->kind) {
  case CN_AST_NUM: return a->u.num == b->u.num;
  case CN_AST_STR: return a->u.str == b->u.str;
  case CN_AST_NAME: return a->u.name == b->u.name;
  case CN_AST_BOOL: return a->u.boolean == b->u.boolean;
  case CN_AST_UNOP:
    return a->u.binop.op == b->u.binop.op &&
           same_value(a->u.binop.lhs, b->u.binop.lhs, depth + 1);
  case CN_AST_LIST:
    if (a->u.list.n != b->u.list.n)
      return 0;
    for (int i = 0; i < a->u.list.n; i++)
      if (!same_value(a->u.list.items[i], b->u.list.items[i], depth + 1))
        return 0;
    return 1;
  default:
    return 0;
  }
}

/* The same keys with the same values, in any order (keys are unique). */
static int same_attrs(const cn_attrs *a, const cn_attrs *b) {
  int na = a ? a->n : 0, nb = b ? b->n : 0;
  if (na != nb)
    return 0;
  for (int i = 0; i < na; i++) {
    int found = 0;
    for (int j = 0; j < nb && !found; j++)
      found = a->items[i].key.name == b->items[j].key.name &&
              same_value(a->items[i].value, b->items[j].value, 0);
    if (!found)
      return 0;
  }
  return 1;
}

/* An undirected tie is the same tie whichever end is written first. */
static void ends(const cn_tie *t, int32_t *u, int32_t *v) {
  *u = t->from, *v = t->to;
  if (!t->directed && *u > *v)
    *u = t->to, *v = t->from;
}

static int same_tie(const cn_tie *a, const cn_tie *b) {
  int32_t au, av, bu, bv;
  ends(a, &au, &av);
  ends(b, &bu, &bv);
  cn_span sa = cn_tie_span(a), sb = cn_tie_span(b);
  return au == bu && av == bv && a->layer == b->layer &&
         a->directed == b->directed && a->transient == b->transient &&
         a->has_span == b->has_span && sa.from == sb.from && sa.to == sb.to &&
         same_attrs(cn_tie_attrs(a), cn_tie_attrs(b));
}

static uint64_t mix(uint64_t h, uint64_t x) {
  h ^= x + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
  return h;
}

static uint64_t tie_hash(const cn_tie *t) {
  int32_t u, v;
  ends(t, &u, &v);
  cn_span s = cn_tie_span(t);
  uint64_t from, to;
  memcpy(&from, &s.from, sizeof from);
  memcpy(&to, &s.to, sizeof to);
  uint64_t h = mix(mix(mix(0, (uint32_t)u), (uint32_t)v), (uint32_t)t->layer);
  h = mix(mix(h, t->directed * 2u + t->transient), mix(from, to));
  const cn_attrs *at = cn_tie_attrs(t);
  uint64_t keys = 0; /* in any order */
  for (int i = 0; at && i < at->n; i++)
    keys += (uint64_t)(uintptr_t)at->items[i].key.name * 0x100000001b3u;
  h = mix(h, keys);
  /* spread every bit into the low ones the table indexes by (splitmix64's
   * finalizer): the ends are small consecutive numbers */
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9u;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebu;
  return h ^ (h >> 31);
}

/* The source tie t was read from: the last run starting at or before it. */
static const cn_source *file_of(const cn_tie_repeats *r, int32_t t) {
  size_t lo = 0, hi = r->nfiles;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (r->files[mid].first <= t)
      lo = mid;
    else
      hi = mid;
  }
  return r->nfiles ? r->files[lo].src : NULL;
}

void cn_tie_repeat_note(cn_tie_repeats *r, const cn_case *c, int32_t t,
                        const cn_loc *at) {
  if (r->over)
    return;
  if (r->n == CN_TIE_REPEAT_MAX) {
    r->over = 1;
    free(r->marks);
    r->marks = NULL;
    r->n = r->cap = 0;
    return;
  }
  if (!r->nfiles || r->files[r->nfiles - 1].src != at->src) {
    r->files = cn_xgrow(r->files, &r->files_cap, r->nfiles + 1, sizeof *r->files);
    r->files[r->nfiles++] = (cn_tie_file){t, at->src};
  }
  r->marks = cn_xgrow(r->marks, &r->cap, r->n + 1, sizeof *r->marks);
  r->marks[r->n++] = (cn_tie_mark){tie_hash(&c->ties.items[t]), t,
                                   at->first_line};
}

static int cmp_mark(const void *a, const void *b) {
  const cn_tie_mark *x = a, *y = b;
  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return (x->tie > y->tie) - (x->tie < y->tie);
}

static int cmp_repeat(const void *a, const void *b) {
  const cn_tie_repeat *x = a, *y = b;
  return (x->tie > y->tie) - (x->tie < y->tie);
}

cn_tie_repeat *cn_tie_repeats_found(cn_tie_repeats *r, const cn_case *c,
                                    size_t *n) {
  *n = 0;
  if (r->n < 2)
    return NULL;
  qsort(r->marks, r->n, sizeof *r->marks, cmp_mark);
  cn_tie_repeat *out = NULL;
  size_t cap = 0;
  /* within a run of one hash, in the order written: each tie is compared
   * with the distinct ties before it (nearly always one) */
  size_t *reps = NULL, nreps = 0, reps_cap = 0;
  for (size_t lo = 0, hi; lo < r->n; lo = hi) {
    for (hi = lo + 1; hi < r->n && r->marks[hi].hash == r->marks[lo].hash;)
      hi++;
    nreps = 0;
    for (size_t j = lo; j < hi; j++) {
      const cn_tie_mark *m = &r->marks[j];
      size_t k = 0;
      while (k < nreps && !same_tie(&c->ties.items[r->marks[reps[k]].tie],
                                    &c->ties.items[m->tie]))
        k++;
      if (k == nreps) {
        reps = cn_xgrow(reps, &reps_cap, nreps + 1, sizeof *reps);
        reps[nreps++] = j;
        continue;
      }
      const cn_tie_mark *first = &r->marks[reps[k]];
      out = cn_xgrow(out, &cap, *n + 1, sizeof *out);
      out[(*n)++] = (cn_tie_repeat){m->tie, m->line, first->line,
                                    file_of(r, m->tie), file_of(r, first->tie)};
    }
  }
  free(reps);
  if (out)
    qsort(out, *n, sizeof *out, cmp_repeat);
  return out;
}

void cn_tie_repeats_free(cn_tie_repeats *r) {
  free(r->marks);
  free(r->files);
  memset(r, 0, sizeof *r);
}
