/* case.c — life cycle of the case model and small helpers over it. */
#include "case.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"

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

cn_case_mark cn_case_mark_now(const cn_case *c) {
  cn_case_mark m = {c->layers.n, c->kinds.n,  c->stages.n, c->actors.n,
                    c->ties.n,   c->groups.n, c->events.n, c->stmts.n,
                    c->srcs.n,   c->title,    c->attrs,    c->case_loc,
                    c->implicit_tie};
  return m;
}

int cn_case_declared_since(const cn_case *c, const cn_case_mark *m) {
  return c->layers.n != m->layers || c->kinds.n != m->kinds ||
         c->stages.n != m->stages || c->actors.n != m->actors ||
         c->ties.n != m->ties || c->groups.n != m->groups ||
         c->events.n != m->events || c->title != m->title ||
         c->attrs != m->attrs ||
         c->case_loc.first_line != m->case_loc.first_line;
}

void cn_case_rollback(cn_case *c, const cn_case_mark *m) {
  if (cn_case_declared_since(c, m))
    c->version++;
  for (size_t i = m->layers; i < c->layers.n; i++)
    c->layers.items[i].name->slot[CN_NS_LAYER] = -1;
  for (size_t i = m->kinds; i < c->kinds.n; i++)
    c->kinds.items[i].name->slot[CN_NS_KIND] = -1;
  for (size_t i = m->stages; i < c->stages.n; i++)
    c->stages.items[i].name->slot[CN_NS_STAGE] = -1;
  for (size_t i = m->actors; i < c->actors.n; i++) {
    c->actors.items[i].name->slot[CN_NS_ACTOR] = -1;
    c->nspanned -= (size_t)c->actors.items[i].has_span;
  }
  for (size_t i = m->groups; i < c->groups.n; i++)
    c->groups.items[i].name->slot[CN_NS_GROUP] = -1;
  c->layers.n = m->layers;
  c->kinds.n = m->kinds;
  c->stages.n = m->stages;
  c->actors.n = m->actors;
  c->ties.n = m->ties;
  c->groups.n = m->groups;
  c->events.n = m->events;
  c->stmts.n = m->stmts;
  /* sources stay: diagnostics already printed may point into them */
  c->title = m->title;
  c->attrs = m->attrs;
  c->case_loc = m->case_loc;
  c->implicit_tie = m->implicit_tie;
}

const cn_tie_extra *cn_tie_extra_new(cn_case *c, cn_span span, double weight,
                                     cn_name **sources, int nsources,
                                     cn_attrs *attrs) {
  if (isinf(span.from) && span.from < 0 && isinf(span.to) && span.to > 0 &&
      weight == 1.0 && nsources == 0 && !attrs)
    return NULL;
  cn_tie_extra *x = cn_arena_alloc(&c->arena, sizeof *x);
  x->span = span;
  x->weight = weight;
  x->sources = sources;
  x->nsources = nsources;
  x->attrs = attrs;
  return x;
}

int32_t cn_case_add_source(cn_case *c, cn_source *src) {
  c->srcs.items = cn_xgrow(c->srcs.items, &c->srcs.cap, c->srcs.n + 1,
                           sizeof src);
  c->srcs.items[c->srcs.n] = src;
  return (int32_t)c->srcs.n++;
}

void cn_span_print(char *buf, size_t n, cn_span s) {
  if (isinf(s.from) && isinf(s.to))
    snprintf(buf, n, "always");
  else
    cn_years_text(buf, n, s.from, s.to);
}

cn_span cn_tie_life(const cn_case *c, const cn_tie *t) {
  cn_span s = cn_tie_span(t);
  if (c->nspanned == 0) /* skips two look-ups per tie on large cases */
    return s;
  const cn_actor *ends[2] = {&c->actors.items[t->from],
                             &c->actors.items[t->to]};
  for (int e = 0; e < 2; e++)
    if (ends[e]->has_span) {
      if (ends[e]->span.from > s.from)
        s.from = ends[e]->span.from;
      if (ends[e]->span.to < s.to)
        s.to = ends[e]->span.to;
    }
  return s;
}

const char *cn_stage_move(cn_arena *A, const cn_stage *st) {
  if (!st->state_from || !st->state_to)
    return NULL;
  return cn_arena_printf(A, "%s → %s", st->state_from->str,
                         st->state_to->str);
}
