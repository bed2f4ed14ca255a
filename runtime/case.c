/* case.c — life cycle of the case model and small helpers over it. */
#include "case.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cn_case_init(cn_case *c) {
  memset(c, 0, sizeof *c);
  cn_intern_init(&c->names);
  cn_arena_init(&c->arena);
}

void cn_case_free(cn_case *c) {
  free(c->layers.items);
  free(c->kinds.items);
  free(c->stages.items);
  free(c->actors.items);
  free(c->ties.items);
  free(c->groups.items);
  free(c->events.items);
  free(c->stmts.items);
  for (size_t i = 0; i < c->srcs.n; i++)
    cn_src_free(c->srcs.items[i]);
  free(c->srcs.items);
  cn_arena_free(&c->arena);
  cn_intern_free(&c->names);
  memset(c, 0, sizeof *c);
}

cn_loc cn_case_tie_loc(const cn_case *c, const cn_tie *t) {
  cn_loc l = {t->pos.line, t->pos.col, t->pos.line, t->pos.end_col, NULL};
  if (t->pos.src >= 0 && (size_t)t->pos.src < c->srcs.n)
    l.src = c->srcs.items[t->pos.src];
  return l;
}

void cn_span_print(char *buf, size_t n, cn_span s) {
  int lo = !isinf(s.from), hi = !isinf(s.to);
  if (lo && hi && s.from == s.to)
    snprintf(buf, n, "%g", s.from);
  else if (lo && hi)
    snprintf(buf, n, "%g..%g", s.from, s.to);
  else if (lo)
    snprintf(buf, n, "%g..", s.from);
  else if (hi)
    snprintf(buf, n, "..%g", s.to);
  else
    snprintf(buf, n, "always");
}
