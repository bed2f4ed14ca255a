/* tie_repeat.c — finding a tie written twice: a hash of each tie's ends,
 * layer, direction, span and attribute keys, and a full comparison of the
 * attribute values on a hit. */
#include "tie_repeat.h"

#include <stdlib.h>
#include <string.h>

typedef struct cn_tie_seen {
  int32_t tie; /* -1: empty */
  uint64_t hash;
  cn_loc at;
} cn_tie_seen;

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
  return mix(h, keys);
}

static void grow(cn_tie_repeats *r) {
  size_t cap = r->cap ? r->cap * 2 : 1024;
  cn_tie_seen *slots = cn_xmalloc(sizeof *slots * cap);
  for (size_t i = 0; i < cap; i++)
    slots[i].tie = -1;
  for (size_t i = 0; i < r->cap; i++) {
    if (r->slots[i].tie < 0)
      continue;
    size_t k = r->slots[i].hash & (cap - 1);
    while (slots[k].tie >= 0)
      k = (k + 1) & (cap - 1);
    slots[k] = r->slots[i];
  }
  free(r->slots);
  r->slots = slots;
  r->cap = cap;
}

const cn_loc *cn_tie_repeat_find(cn_tie_repeats *r, const cn_case *c,
                                 int32_t t, const cn_loc *at) {
  if ((r->n + 1) * 2 > r->cap)
    grow(r);
  const cn_tie *tie = &c->ties.items[t];
  uint64_t h = tie_hash(tie);
  size_t k = h & (r->cap - 1);
  for (; r->slots[k].tie >= 0; k = (k + 1) & (r->cap - 1))
    if (r->slots[k].hash == h &&
        same_tie(&c->ties.items[r->slots[k].tie], tie))
      return &r->slots[k].at;
  r->slots[k].tie = t;
  r->slots[k].hash = h;
  r->slots[k].at = *at;
  r->n++;
  return NULL;
}

void cn_tie_repeats_free(cn_tie_repeats *r) {
  free(r->slots);
  memset(r, 0, sizeof *r);
}
