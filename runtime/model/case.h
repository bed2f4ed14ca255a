/* case.h — the case model: actors, kinds, layers, stages, groups, ties and
 * events of one case, in flat arrays indexed by int32 ids, names resolved
 * through the slots of interned names (intern.h). */
#ifndef CN_CASE_H
#define CN_CASE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"

/* A closed interval of years; open ends are -INFINITY / +INFINITY. */
typedef struct cn_span {
  double from, to;
} cn_span;

typedef struct cn_layer {
  cn_name *name, *label;
  cn_attrs *attrs;
  cn_loc loc;
} cn_layer;

typedef cn_layer cn_kind; /* same shape: a name, a label, drawing attrs */

typedef struct cn_stage {
  cn_name *name, *label;
  cn_span span;
  cn_name *state_from, *state_to; /* NULL when not given */
  cn_attrs *attrs;                /* may hold default selection arguments */
  cn_loc loc;
} cn_stage;

typedef struct cn_actor {
  cn_name *name;
  int32_t kind;     /* -1: none */
  int has_span;     /* else it lives where its ties live */
  cn_span span;
  cn_attrs *attrs;
  cn_loc loc;
} cn_actor;

/* What most ties do not have, kept aside so that the tie itself stays small
 * (a case may hold millions of ties: 24 bytes each). */
typedef struct cn_tie_extra {
  cn_span span;      /* the tie's span as written (all time without one) */
  double weight;     /* finite, > 0 */
  cn_name **sources; /* evidence codes */
  int nsources;
  cn_attrs *attrs;   /* the block as written (weight and source among them) */
} cn_tie_extra;

typedef struct cn_tie {
  int32_t from, to; /* actors; for an undirected tie, from is the left end */
  int32_t layer;    /* -1: the implicit layer of a case without layers */
  uint8_t directed, transient, has_span;
  const cn_tie_extra *x; /* NULL: all time, weight 1, no sources, no
                            attributes */
} cn_tie;

/* The span a tie is written with (its life within its actors' is
 * cn_tie_life): all time when it has none. */
static inline cn_span cn_tie_span(const cn_tie *t) {
  cn_span always = {-INFINITY, INFINITY};
  return t->x ? t->x->span : always;
}
static inline double cn_tie_weight(const cn_tie *t) {
  return t->x ? t->x->weight : 1.0;
}
static inline int cn_tie_nsources(const cn_tie *t) {
  return t->x ? t->x->nsources : 0;
}
static inline cn_name *const *cn_tie_sources(const cn_tie *t) {
  return t->x ? t->x->sources : NULL;
}
static inline const cn_attrs *cn_tie_attrs(const cn_tie *t) {
  return t->x ? t->x->attrs : NULL;
}

typedef struct cn_group {
  cn_name *name, *label;
  int32_t *members;
  int32_t nmembers;
  cn_attrs *attrs;
  cn_loc loc;
} cn_group;

typedef struct cn_event {
  cn_span span;
  cn_name *text;
  int32_t stage; /* from its `stage = …` attribute, or -1 */
  cn_attrs *attrs;
  cn_loc loc;
} cn_event;

/* A `let` or `def` statement, kept for the evaluator. */
typedef struct cn_binding {
  cn_ast *stmt;
} cn_binding;

#define CN_VEC(T)                                                            \
  struct {                                                                   \
    T *items;                                                                \
    size_t n, cap;                                                           \
  }

typedef struct cn_case {
  cn_names names;     /* every name of the session */
  cn_arena arena;     /* attributes, groups, kept statements */
  cn_name *title;
  cn_attrs *attrs;
  cn_loc case_loc;    /* where `case` was declared (first_line 0: never) */
  CN_VEC(cn_layer) layers;
  CN_VEC(cn_kind) kinds;
  CN_VEC(cn_stage) stages;
  CN_VEC(cn_actor) actors;
  CN_VEC(cn_tie) ties;
  CN_VEC(cn_group) groups;
  CN_VEC(cn_event) events;
  CN_VEC(cn_ast *) stmts; /* let, def and expression statements, in order */
  CN_VEC(cn_source *) srcs; /* every source read, for positions */
  cn_loc implicit_tie; /* first tie without a layer (first_line 0: none) */
  size_t nspanned;     /* actors with a span of their own: when there are
                          none, a tie lives exactly in its own span */
  uint64_t version;    /* bumped by every change to what the case declares
                          (case_add.c, a rollback that undoes one, the case
                          statement); statements and sources leave it:
                          what was computed from the case at one version
                          (a cached snapshot) holds while it stays */
} cn_case;

/* A point to return to: the sizes of every table of the case.  The REPL
 * marks the case before each input and rolls back when the input fails,
 * so that nothing of it stays half-added. */
typedef struct cn_case_mark {
  size_t layers, kinds, stages, actors, ties, groups, events, stmts, srcs;
  cn_name *title;
  cn_attrs *attrs;
  cn_loc case_loc, implicit_tie;
} cn_case_mark;

void cn_case_init(cn_case *c);
cn_case_mark cn_case_mark_now(const cn_case *c);
/// Was anything declared since the mark (beyond statements and sources)?
int cn_case_declared_since(const cn_case *c, const cn_case_mark *m);
/// Forget everything declared after the mark (names become free again).
void cn_case_rollback(cn_case *c, const cn_case_mark *m);
void cn_case_free(cn_case *c);
/// The extra part of a tie, in the case's arena; NULL when everything is
/// as by default (all time, weight 1, no sources, no attributes).
const cn_tie_extra *cn_tie_extra_new(cn_case *c, cn_span span, double weight,
                                     cn_name **sources, int nsources,
                                     cn_attrs *attrs);
/// Keep a source for the life of the case (positions point into it);
/// returns its index in c->srcs.
int32_t cn_case_add_source(cn_case *c, cn_source *src);
/// Index of `name` in namespace ns, or -1.
static inline int32_t cn_case_find(const cn_name *name, enum cn_ns ns) {
  return name ? name->slot[ns] : -1;
}
/// Does span a overlap span b?
static inline int cn_span_overlaps(cn_span a, cn_span b) {
  return a.from <= b.to && b.from <= a.to;
}
/// Where a tie lives: its own span within the spans of those of its
/// actors that have one (the tie keeps its span as written).
cn_span cn_tie_life(const cn_case *c, const cn_tie *t);
/// Print a span as written: 1980..2002, 1980.., ..1990, 1997, or "always".
void cn_span_print(char *buf, size_t n, cn_span s);
/// A stage's state move as every output writes it ("无 → 有"), in A;
/// NULL when the stage declares none.
const char *cn_stage_move(cn_arena *A, const cn_stage *st);

#endif
