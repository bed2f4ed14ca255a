/* snapshot.c — from a selection to the actors and ties alive in it, and
 * from those to the CSR graph the measures read. */
#include "snapshot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "suggest.h"

const char *const cn_selection_keys[] = {
    "stage",    "at",          "span",        "layer", "transient", "collapse",
    "without",  "drop_source", "min_sources", "isolates", NULL};

static void free_graph(void *p) { cn_graph_free(p); }

/* ---- reading selection arguments ---- */

/* A value or a list of values, as an array of entity ids of namespace ns. */
static int32_t *entity_list(cn_eval *E, const cn_value *v, const cn_loc *loc,
                            enum cn_ns ns, int *n) {
  if (v->t == CN_V_LIST) {
    int32_t *ids = cn_arena_alloc(E->arena, sizeof *ids * (size_t)(v->u.list->n + 1));
    for (int64_t i = 0; i < v->u.list->n; i++)
      ids[i] = cn_value_entity(E, &v->u.list->items[i], loc, ns);
    *n = (int)v->u.list->n;
    return ids;
  }
  int32_t *ids = cn_arena_alloc(E->arena, sizeof *ids);
  ids[0] = cn_value_entity(E, v, loc, ns);
  *n = 1;
  return ids;
}

static cn_span span_of_value(cn_eval *E, const cn_value *v, const cn_loc *loc) {
  if (v->t == CN_V_SPAN)
    return v->u.span;
  if (v->t == CN_V_NUM) {
    cn_span s = {v->u.num, v->u.num};
    return s;
  }
  if (v->t == CN_V_STAGE)
    return E->c->stages.items[v->u.name->slot[CN_NS_STAGE]].span;
  cn_eval_fail(E, loc, "write span=1980..1990, span=1997 or span=..1990",
               "a span is a range of years, not %s", cn_type_name(v->t));
}

int cn_actor_attr_exists(const cn_case *c, const char *key) {
  if (strcmp(key, "kind") == 0)
    return 1;
  for (size_t i = 0; i < c->actors.n; i++)
    if (cn_attrs_get(c->actors.items[i].attrs, key))
      return 1;
  return 0;
}

/* The distinct names offered, for a hint: the closest to a word, and a
 * list of them (cut short with " …" when long). */
typedef struct name_menu {
  cn_suggest closest;
  cn_name_map seen;
  char list[512];
  size_t len;
  int cut;
} name_menu;

static void menu_init(name_menu *m, const char *word) {
  memset(m, 0, sizeof *m);
  cn_suggest_init(&m->closest, word);
}

static void menu_offer(name_menu *m, const cn_name *n) {
  if (cn_name_map_get(&m->seen, n) >= 0)
    return;
  cn_name_map_add(&m->seen, n, 0);
  cn_suggest_offer(&m->closest, n->str);
  if (m->len < sizeof m->list - 64)
    m->len += (size_t)snprintf(m->list + m->len, sizeof m->list - m->len,
                               "%s%s", m->len ? ", " : "", n->str);
  else
    m->cut = 1;
}

/* The list, with " …" when cut; the map is freed. */
static const char *menu_done(name_menu *m) {
  if (m->cut)
    snprintf(m->list + m->len, sizeof m->list - m->len, " …");
  cn_name_map_free(&m->seen);
  return m->list;
}

const char *cn_actor_attr_hint(cn_eval *E, const char *key) {
  name_menu m;
  menu_init(&m, key);
  for (size_t i = 0; i < E->c->actors.n; i++) {
    const cn_attrs *at = E->c->actors.items[i].attrs;
    for (int k = 0; at && k < at->n; k++)
      menu_offer(&m, at->items[k].key.name);
  }
  const char *list = menu_done(&m);
  if (m.closest.best)
    return cn_arena_printf(E->arena, "did you mean '%s'?", m.closest.best);
  return cn_arena_printf(E->arena, "the actors' attributes are: kind%s%s",
                         *list ? ", " : "", list);
}

/* drop_source= naming a code that no tie cites would leave the network
 * as it is, and a misspelt code would pass for a robust finding: refuse
 * it, with the codes the ties cite (or the closest of them). */
static void check_source_cited(cn_eval *E, const cn_name *code,
                               const cn_loc *loc) {
  const cn_case *c = E->c;
  for (size_t t = 0; t < c->ties.n; t++)
    for (int j = 0; j < cn_tie_nsources(&c->ties.items[t]); j++)
      if (cn_tie_sources(&c->ties.items[t])[j] == code)
        return;
  name_menu m;
  menu_init(&m, code->str);
  for (size_t t = 0; t < c->ties.n; t++)
    for (int j = 0; j < cn_tie_nsources(&c->ties.items[t]); j++)
      menu_offer(&m, cn_tie_sources(&c->ties.items[t])[j]);
  const char *list = menu_done(&m);
  const char *hint =
      m.closest.best
          ? cn_arena_printf(E->arena, "did you mean '%s'? the ties cite: %s",
                            m.closest.best, list)
      : *list ? cn_arena_printf(E->arena, "the ties cite: %s", list)
              : "no tie of this case has a source = \"…\"";
  cn_eval_fail(E, loc, hint,
               "drop_source: no tie cites '%s', so leaving it out changes "
               "nothing",
               code->str);
}

/* A span= or at= that misses every actor's and tie's life selects an
 * empty network, which reads like a finding ("no brokers"): warn, with
 * the years the case covers.  Once for a location (a loop warns once). */
static void warn_outside_case(cn_eval *E, const char *key, cn_span want,
                              const cn_loc *loc) {
  const cn_case *c = E->c;
  cn_span life = {INFINITY, -INFINITY};
  for (size_t a = 0; a < c->actors.n; a++) {
    const cn_actor *ac = &c->actors.items[a];
    if (!ac->has_span)
      continue; /* dated by its ties, or alive at all times without one */
    if (cn_span_overlaps(ac->span, want))
      return;
    life.from = fmin(life.from, ac->span.from);
    life.to = fmax(life.to, ac->span.to);
  }
  unsigned char *tied = cn_arena_alloc(E->arena, c->actors.n + 1);
  memset(tied, 0, c->actors.n + 1);
  for (size_t t = 0; t < c->ties.n; t++) {
    const cn_tie *tie = &c->ties.items[t];
    cn_span l = cn_tie_life(c, tie);
    if (cn_span_overlaps(l, want))
      return;
    tied[tie->from] = tied[tie->to] = 1;
    life.from = fmin(life.from, l.from);
    life.to = fmax(life.to, l.to);
  }
  for (size_t a = 0; a < c->actors.n; a++)
    if (!c->actors.items[a].has_span && !tied[a])
      return; /* an actor of all times */
  if (life.from > life.to || (loc && E->outside_warned.src == loc->src &&
                              E->outside_warned.first_line == loc->first_line &&
                              E->outside_warned.first_column == loc->first_column))
    return; /* an empty case, or told already */
  char asked[64], lived[64];
  cn_span_print(asked, sizeof asked, want);
  cn_span_print(lived, sizeof lived, life);
  cn_diag_warning(E->diag, loc,
                  "%s=%s lies outside the case: its actors and ties live in "
                  "%s",
                  key, asked, lived);
  cn_diag_hint(E->diag, "nothing is alive there, so the network is empty");
  if (loc)
    E->outside_warned = *loc;
}

/* Apply one selection argument; returns 0 if key is not one. */
static int apply_arg(cn_eval *E, cn_selection *sel, const char *key,
                     const cn_value *v, const cn_loc *loc) {
  if (strcmp(key, "stage") == 0) {
    sel->stage = cn_value_entity(E, v, loc, CN_NS_STAGE);
    sel->span = E->c->stages.items[sel->stage].span;
  } else if (strcmp(key, "at") == 0) {
    double y = cn_arg_number(E, v, loc);
    sel->span.from = sel->span.to = y;
    warn_outside_case(E, key, sel->span, loc);
  } else if (strcmp(key, "span") == 0) {
    sel->span = span_of_value(E, v, loc);
    warn_outside_case(E, key, sel->span, loc);
  } else if (strcmp(key, "layer") == 0) {
    sel->layers = entity_list(E, v, loc, CN_NS_LAYER, &sel->nlayers);
  } else if (strcmp(key, "transient") == 0) {
    sel->transient = cn_arg_bool(E, v, loc);
  } else if (strcmp(key, "isolates") == 0) {
    sel->no_isolates = !cn_arg_bool(E, v, loc);
  } else if (strcmp(key, "collapse") == 0) {
    sel->collapse = entity_list(E, v, loc, CN_NS_GROUP, &sel->ncollapse);
  } else if (strcmp(key, "without") == 0) {
    sel->without = entity_list(E, v, loc, CN_NS_ACTOR, &sel->nwithout);
  } else if (strcmp(key, "drop_source") == 0) {
    int n = v->t == CN_V_LIST ? (int)v->u.list->n : 1;
    sel->drop = cn_arena_alloc(E->arena, sizeof *sel->drop * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
      const cn_value *e = v->t == CN_V_LIST ? &v->u.list->items[i] : v;
      const char *s = cn_arg_string(E, e, loc);
      sel->drop[i] = cn_intern_cstr(&E->c->names, s);
      check_source_cited(E, sel->drop[i], loc);
    }
    sel->ndrop = n;
  } else if (strcmp(key, "min_sources") == 0) {
    double n = cn_arg_number(E, v, loc);
    if (n < 0 || n != floor(n) || n > 65535)
      cn_eval_error(E, loc, "min_sources is a whole number ≥ 0, not %g", n);
    sel->min_sources = (int)n;
  } else {
    return 0;
  }
  return 1;
}

static void check_filter(cn_eval *E, const cn_attr_filter *f,
                         const cn_loc *loc);

void cn_selection_from_call(cn_eval *E, cn_call *call, cn_selection *sel) {
  memset(sel, 0, sizeof *sel);
  sel->stage = -1;
  sel->span.from = -INFINITY;
  sel->span.to = INFINITY;
  const cn_case *c = E->c;
  /* 1. the arguments given */
  for (int i = 0; i < call->nnamed; i++) {
    if (call->used[i])
      continue;
    const char *key = call->names[i]->str;
    if (apply_arg(E, sel, key, &call->named[i], &call->named_loc[i])) {
      call->used[i] = 1;
    } else if (cn_actor_attr_exists(c, call->names[i]->str)) {
      cn_attr_filter *f =
          cn_arena_alloc(E->arena, sizeof *f * (size_t)(sel->nfilters + 1));
      if (sel->nfilters)
        memcpy(f, sel->filters, sizeof *f * (size_t)sel->nfilters);
      f[sel->nfilters].key = call->names[i];
      f[sel->nfilters].value = call->named[i];
      sel->filters = f;
      sel->nfilters++;
      call->used[i] = 1;
      check_filter(E, &f[sel->nfilters - 1], &call->named_loc[i]);
    }
  }
  /* 2. the stage's own attributes, where the call says nothing */
  if (sel->stage >= 0) {
    const cn_attrs *at = c->stages.items[sel->stage].attrs;
    for (int k = 0; at && k < at->n; k++) {
      const char *key = at->items[k].key.name->str;
      int given = 0;
      for (int i = 0; i < call->nnamed; i++)
        given |= strcmp(call->names[i]->str, key) == 0;
      if (given || strcmp(key, "stage") == 0 || strcmp(key, "span") == 0 ||
          strcmp(key, "at") == 0)
        continue;
      int selection_key = 0;
      for (int j = 0; cn_selection_keys[j]; j++)
        selection_key |= strcmp(cn_selection_keys[j], key) == 0;
      if (!selection_key)
        continue; /* other stage attributes are just data */
      cn_value v = cn_eval_expr(E, at->items[k].value);
      apply_arg(E, sel, key, &v, &at->items[k].value->loc);
    }
  }
}

/* ---- matching ---- */

/* Does an attribute literal equal a query value?  Names compare by name
 * whatever they resolve to; numbers, strings and booleans by value. */
static int literal_matches(const cn_ast *lit, const cn_value *want) {
  if (want->t == CN_V_LIST) { /* any item, lists in it too (on the heap:
                                  a list may nest 100,000 deep) */
    const cn_value **todo = NULL;
    size_t n = 0, cap = 0;
    int found = 0;
    todo = cn_xgrow(todo, &cap, 1, sizeof *todo);
    todo[n++] = want;
    while (!found && n) {
      const cn_value *v = todo[--n];
      if (v->t != CN_V_LIST) {
        found = literal_matches(lit, v);
        continue;
      }
      todo = cn_xgrow(todo, &cap, n + (size_t)v->u.list->n, sizeof *todo);
      for (int64_t i = v->u.list->n - 1; i >= 0; i--)
        todo[n++] = &v->u.list->items[i];
    }
    free(todo);
    return found;
  }
  switch (lit->kind) {
  case CN_AST_NAME: /* kind=企业 or kind="企业", quoted or not */
    return (want->t >= CN_V_ACTOR && want->t <= CN_V_SYMBOL &&
            want->u.name == lit->u.name) ||
           (want->t == CN_V_STR && strcmp(want->u.str, lit->u.name->str) == 0);
  case CN_AST_STR:
    return (want->t == CN_V_STR && strcmp(want->u.str, lit->u.str->str) == 0) ||
           (want->t >= CN_V_ACTOR && want->t <= CN_V_SYMBOL &&
            want->u.name == lit->u.str);
  case CN_AST_NUM:
    return want->t == CN_V_NUM && want->u.num == lit->u.num;
  case CN_AST_UNOP:
    return want->t == CN_V_NUM && want->u.num == -lit->u.binop.lhs->u.num;
  case CN_AST_BOOL:
    return want->t == CN_V_BOOL && want->u.b == lit->u.boolean;
  case CN_AST_LIST:
    for (int i = 0; i < lit->u.list.n; i++)
      if (literal_matches(lit->u.list.items[i], want))
        return 1;
    return 0;
  default:
    return 0;
  }
}

const char *cn_attr_filter_misses(cn_eval *E, const cn_attr_filter *f) {
  const cn_case *c = E->c;
  int kind = strcmp(f->key->str, "kind") == 0;
  char values[512] = "";
  size_t len = 0;
  const char *seen[24];
  int nseen = 0;
  for (size_t a = 0; a < c->actors.n; a++) {
    const cn_actor *ac = &c->actors.items[a];
    cn_ast kind_lit;
    const cn_ast *lit = NULL;
    if (kind && ac->kind >= 0) {
      memset(&kind_lit, 0, sizeof kind_lit);
      kind_lit.kind = CN_AST_NAME;
      kind_lit.u.name = c->kinds.items[ac->kind].name;
      lit = &kind_lit;
    } else if (!kind) {
      const cn_attr *at = cn_attrs_get(ac->attrs, f->key->str);
      lit = at ? at->value : NULL;
    }
    if (!lit)
      continue;
    if (literal_matches(lit, &f->value))
      return NULL;
    if (lit->kind != CN_AST_NAME && lit->kind != CN_AST_STR &&
        lit->kind != CN_AST_NUM)
      continue;
    char one[64];
    if (lit->kind == CN_AST_NUM)
      snprintf(one, sizeof one, "%g", lit->u.num);
    else
      snprintf(one, sizeof one, "%s",
               lit->kind == CN_AST_NAME ? lit->u.name->str : lit->u.str->str);
    int dup = 0;
    for (int k = 0; k < nseen && !dup; k++)
      dup = strcmp(seen[k], one) == 0;
    if (dup || nseen == (int)(sizeof seen / sizeof *seen) ||
        len >= sizeof values - 80)
      continue;
    seen[nseen++] = cn_arena_strdup(E->arena, one);
    len += (size_t)snprintf(values + len, sizeof values - len, "%s%s",
                            len ? ", " : "", one);
  }
  return len ? cn_arena_printf(E->arena, "the values of '%s' are: %s",
                               f->key->str, values)
             : "";
}

/* A filter that no actor passes is a slip (村里 for 村内): say so, with
 * the values the attribute has. */
static void check_filter(cn_eval *E, const cn_attr_filter *f,
                         const cn_loc *loc) {
  const char *values = cn_attr_filter_misses(E, f);
  if (!values)
    return;
  char want[128];
  cn_value_text(&f->value, want, sizeof want, -1);
  cn_eval_fail(E, loc, *values ? values : NULL, "no actor has %s = %s",
               f->key->str, want);
}

static int actor_passes(const cn_case *c, const cn_selection *sel,
                        int32_t a) {
  const cn_actor *ac = &c->actors.items[a];
  for (int i = 0; i < sel->nwithout; i++)
    if (sel->without[i] == a)
      return 0;
  for (int i = 0; i < sel->nfilters; i++) {
    const cn_attr_filter *f = &sel->filters[i];
    if (strcmp(f->key->str, "kind") == 0) {
      if (ac->kind < 0)
        return 0;
      cn_ast lit;
      memset(&lit, 0, sizeof lit);
      lit.kind = CN_AST_NAME;
      lit.u.name = c->kinds.items[ac->kind].name;
      if (!literal_matches(&lit, &f->value))
        return 0;
      continue;
    }
    const cn_attr *at = cn_attrs_get(ac->attrs, f->key->str);
    if (!at || !literal_matches(at->value, &f->value))
      return 0;
  }
  return 1;
}

static int tie_passes(const cn_selection *sel, const cn_tie *t) {
  if (t->transient && !sel->transient)
    return 0;
  if (!cn_span_overlaps(cn_tie_span(t), sel->span))
    return 0;
  if (sel->nlayers) {
    int ok = 0;
    for (int i = 0; i < sel->nlayers; i++)
      ok |= sel->layers[i] == t->layer;
    if (!ok)
      return 0;
  }
  if (sel->ndrop && cn_tie_nsources(t)) {
    int kept = 0;
    for (int s = 0; s < cn_tie_nsources(t) && !kept; s++) {
      int dropped = 0;
      for (int d = 0; d < sel->ndrop; d++)
        dropped |= cn_tie_sources(t)[s] == sel->drop[d];
      kept = !dropped;
    }
    if (!kept)
      return 0;
  }
  if (sel->min_sources) {
    int distinct = 0;
    for (int s = 0; s < cn_tie_nsources(t); s++) {
      int seen = 0;
      for (int r = 0; r < s; r++)
        seen |= cn_tie_sources(t)[r] == cn_tie_sources(t)[s];
      distinct += !seen;
    }
    if (distinct < sel->min_sources)
      return 0;
  }
  return 1;
}

/* ---- sharing within a statement ---- */

static int same_ids(const int32_t *a, int na, const int32_t *b, int nb) {
  return na == nb && (na == 0 || memcmp(a, b, sizeof *a * (size_t)na) == 0);
}

int cn_selection_same(const cn_selection *a, const cn_selection *b) {
  if (a->stage != b->stage || a->transient != b->transient ||
      a->no_isolates != b->no_isolates || a->min_sources != b->min_sources ||
      memcmp(&a->span, &b->span, sizeof a->span) != 0 ||
      !same_ids(a->layers, a->nlayers, b->layers, b->nlayers) ||
      !same_ids(a->collapse, a->ncollapse, b->collapse, b->ncollapse) ||
      !same_ids(a->without, a->nwithout, b->without, b->nwithout) ||
      a->ndrop != b->ndrop || a->nfilters != b->nfilters)
    return 0;
  for (int i = 0; i < a->ndrop; i++)
    if (a->drop[i] != b->drop[i]) /* interned */
      return 0;
  for (int i = 0; i < a->nfilters; i++)
    if (a->filters[i].key != b->filters[i].key ||
        !cn_value_equal(&a->filters[i].value, &b->filters[i].value))
      return 0;
  return 1;
}

enum { NSHARED = sizeof ((cn_eval *)0)->snaps / sizeof(cn_snapshot *) };

/* A snapshot of the same selection that this statement built already:
 * `[degree(a) for a in …]` builds one network, not one per actor.
 * Snapshots are never changed once built, so sharing one is safe. */
static cn_snapshot *shared_snapshot(const cn_eval *E, const cn_selection *sel) {
  long n = E->nsnaps < NSHARED ? E->nsnaps : NSHARED;
  for (long i = 0; i < n; i++)
    if (cn_selection_same(&E->snaps[i]->sel, sel))
      return E->snaps[i];
  return NULL;
}

/* A copy of a selection whose arrays and filter values live in A. */
void cn_selection_copy(cn_arena *A, cn_selection *to, const cn_selection *from) {
  *to = *from;
#define COPY(field, n)                                                       \
  if (from->n) {                                                             \
    to->field = cn_arena_alloc(A, sizeof *to->field * (size_t)from->n);      \
    memcpy(to->field, from->field, sizeof *to->field * (size_t)from->n);     \
  }
  COPY(layers, nlayers)
  COPY(collapse, ncollapse)
  COPY(without, nwithout)
  COPY(drop, ndrop)
  COPY(filters, nfilters)
#undef COPY
  for (int i = 0; i < from->nfilters; i++)
    to->filters[i].value = cn_value_copy(A, &from->filters[i].value);
}

/* ---- building ---- */

/* Tie record k of a snapshot's graph: its k-th tie between vertices. */
static void tie_record(const void *ud, size_t k, cn_graph_tie *out) {
  const cn_snapshot *s = ud;
  const cn_tie *tie = &s->c->ties.items[s->ties[k]];
  out->u = s->actor_vertex[tie->from];
  out->v = s->actor_vertex[tie->to];
  out->w = cn_tie_weight(tie);
  out->directed = tie->directed;
}

/* A statement's snapshots are this statement's (shared_snapshot), else
 * the cache's (snapshot_cache.c: kept across statements while the case is
 * unchanged), else built in the statement's arena: always so for a let,
 * whose value outlives every statement and may hold the snapshot. */
cn_snapshot *cn_snapshot_build(cn_eval *E, const cn_selection *sel) {
  cn_snapshot *s = shared_snapshot(E, sel);
  if (!s) {
    if (E->on_error && E->arena != E->keep)
      s = cn_snapshot_cached(E, sel);
    if (!s)
      s = cn_snapshot_build_in(E, E->arena, sel);
    E->snaps[E->nsnaps++ % NSHARED] = s;
  }
  return s;
}

/* What the snapshot keeps goes to A, what building it needs for a while to
 * the statement's arena. */
cn_snapshot *cn_snapshot_build_in(cn_eval *E, cn_arena *A,
                                  const cn_selection *sel) {
  const cn_case *c = E->c;
  cn_arena *T = E->arena;
  size_t na = c->actors.n, nt = c->ties.n;
  cn_snapshot *s = cn_arena_alloc(A, sizeof *s);
  s->c = c;
  s->sel = *sel;
  /* group of each collapsed actor */
  int32_t *group_of = cn_arena_alloc(T, sizeof(int32_t) * (na + 1));
  for (size_t a = 0; a < na; a++)
    group_of[a] = -1;
  for (int i = 0; i < sel->ncollapse; i++) {
    const cn_group *g = &c->groups.items[sel->collapse[i]];
    for (int m = 0; m < g->nmembers; m++) {
      int32_t a = g->members[m];
      if (group_of[a] >= 0 && group_of[a] != sel->collapse[i])
        cn_eval_error(E, NULL, "actor '%s' is in both collapsed groups '%s' "
                               "and '%s'", c->actors.items[a].name->str,
                      c->groups.items[group_of[a]].name->str, g->name->str);
      group_of[a] = sel->collapse[i];
    }
  }
  /* which actors are alive: own span, else a tie alive in the span (or no
   * tie at all).  A transient tie dates its actors too, though it stays out
   * of the network's ties unless transient=true. */
  unsigned char *has_tie = cn_arena_alloc(T, na + 1);
  unsigned char *tie_alive = cn_arena_alloc(T, na + 1);
  unsigned char *has_selected = cn_arena_alloc(T, na + 1);
  unsigned char *in = cn_arena_alloc(T, na + 1);
  for (size_t t = 0; t < nt; t++) {
    const cn_tie *tie = &c->ties.items[t];
    has_tie[tie->from] = has_tie[tie->to] = 1;
    if (cn_span_overlaps(cn_tie_span(tie), sel->span))
      tie_alive[tie->from] = tie_alive[tie->to] = 1;
  }
  for (size_t a = 0; a < na; a++) {
    const cn_actor *ac = &c->actors.items[a];
    int alive = ac->has_span ? cn_span_overlaps(ac->span, sel->span)
                             : (tie_alive[a] || !has_tie[a]);
    in[a] = alive && actor_passes(c, sel, (int32_t)a);
  }
  /* selected ties between actors that are in (counted here, listed below:
   * isolates=false only drops actors without a selected tie, so the
   * second pass selects the same ties, and no per-tie flag is kept) */
  int64_t count = 0;
  for (size_t t = 0; t < nt; t++) {
    const cn_tie *tie = &c->ties.items[t];
    if (in[tie->from] && in[tie->to] && tie_passes(sel, tie)) {
      has_selected[tie->from] = has_selected[tie->to] = 1;
      count++;
    }
  }
  /* A layer selection keeps every actor alive in the span, those without a
   * tie in the layer as isolates (as UCINET, NetworkX and igraph do);
   * isolates=false leaves out every actor without a selected tie. */
  if (sel->no_isolates)
    for (size_t a = 0; a < na; a++)
      in[a] = in[a] && has_selected[a];
  /* vertices: actors in declaration order; a collapsed group sits where its
   * first member would */
  s->actor_vertex = cn_arena_alloc(A, sizeof(int32_t) * (na + 1));
  s->vertex_actor = cn_arena_alloc(A, sizeof(int32_t) * (na + 1));
  int32_t *group_vertex = cn_arena_alloc(T, sizeof(int32_t) * (c->groups.n + 1));
  for (size_t g = 0; g < c->groups.n; g++)
    group_vertex[g] = -1;
  int32_t n = 0;
  for (size_t a = 0; a < na; a++) {
    s->actor_vertex[a] = -1;
    if (!in[a])
      continue;
    int32_t g = group_of[a];
    if (g < 0) {
      s->vertex_actor[n] = (int32_t)a;
      s->actor_vertex[a] = n++;
    } else {
      if (group_vertex[g] < 0) {
        group_vertex[g] = n;
        s->vertex_actor[n++] = -1 - g;
      }
      s->actor_vertex[a] = group_vertex[g];
    }
  }
  s->n = n;
  /* ties */
  s->ties = cn_arena_alloc(A, sizeof(int32_t) * (size_t)(count + 1));
  for (size_t t = 0; t < nt; t++) {
    const cn_tie *tie = &c->ties.items[t];
    if (!in[tie->from] || !in[tie->to] || !tie_passes(sel, tie))
      continue;
    if (s->actor_vertex[tie->from] == s->actor_vertex[tie->to])
      continue; /* inside a collapsed group */
    s->ties[s->nties++] = (int32_t)t;
  }
  /* the views are built when a measure asks for them (cn_snapshot_need),
   * reading the records from the case through tie_record */
  cn_graph_lazy(&s->g, n, (size_t)s->nties, tie_record, s);
  cn_arena_defer(A, free_graph, &s->g);
  return s;
}

void cn_snapshot_need(cn_eval *E, cn_snapshot *s, unsigned views) {
  if (cn_graph_need(&s->g, views) != 0)
    cn_eval_out_of_memory(E, NULL, "building the network");
}

cn_snapshot *cn_snapshot_of_call(cn_eval *E, cn_call *call) {
  return cn_snapshot_of_call_views(E, call, CN_VIEW_ALL);
}

static cn_snapshot *snapshot_of_call(cn_eval *E, cn_call *call);

cn_snapshot *cn_snapshot_of_call_views(cn_eval *E, cn_call *call,
                                       unsigned views) {
  cn_snapshot *s = snapshot_of_call(E, call);
  cn_snapshot_need(E, s, views);
  return s;
}

static cn_snapshot *snapshot_of_call(cn_eval *E, cn_call *call) {
  if (call->npos > 0 && call->pos[0].t == CN_V_NET) {
    cn_snapshot *s = call->pos[0].u.net;
    call->pos++;
    call->pos_loc++;
    call->npos--;
    /* further selection on a snapshot: narrow its selection */
    int more = 0;
    for (int i = 0; i < call->nnamed; i++)
      more |= !call->used[i];
    if (!more)
      return s;
    cn_selection sel;
    cn_selection_from_call(E, call, &sel);
    cn_selection merged = s->sel;
    if (sel.stage >= 0 || !isinf(sel.span.from) || !isinf(sel.span.to)) {
      merged.stage = sel.stage >= 0 ? sel.stage : merged.stage;
      merged.span = sel.span;
    }
    if (sel.nlayers) { merged.layers = sel.layers; merged.nlayers = sel.nlayers; }
    if (sel.transient) merged.transient = 1;
    if (sel.no_isolates) merged.no_isolates = 1;
    if (sel.ncollapse) { merged.collapse = sel.collapse; merged.ncollapse = sel.ncollapse; }
    if (sel.nwithout) { merged.without = sel.without; merged.nwithout = sel.nwithout; }
    if (sel.ndrop) { merged.drop = sel.drop; merged.ndrop = sel.ndrop; }
    if (sel.min_sources) merged.min_sources = sel.min_sources;
    if (sel.nfilters) { merged.filters = sel.filters; merged.nfilters = sel.nfilters; }
    return cn_snapshot_build(E, &merged);
  }
  cn_selection sel;
  cn_selection_from_call(E, call, &sel);
  return cn_snapshot_build(E, &sel);
}

cn_name *cn_snapshot_vertex_name(const cn_snapshot *s, int32_t v) {
  int32_t a = s->vertex_actor[v];
  return a >= 0 ? s->c->actors.items[a].name : s->c->groups.items[-1 - a].name;
}

cn_value cn_vertex_value(const cn_snapshot *s, int32_t v) {
  return cn_named(s->vertex_actor[v] >= 0 ? CN_V_ACTOR : CN_V_GROUP,
                  cn_snapshot_vertex_name(s, v));
}

int32_t cn_snapshot_vertex_of(const cn_snapshot *s, const cn_value *v) {
  if (v->t == CN_V_STR) { /* a name written as a string */
    cn_name *n = cn_intern_find(&s->c->names, v->u.str, strlen(v->u.str));
    if (!n)
      return -1;
    cn_value named = cn_named(CN_V_SYMBOL, n);
    return cn_snapshot_vertex_of(s, &named);
  }
  if (v->t < CN_V_ACTOR || v->t > CN_V_SYMBOL)
    return -1;
  if (v->t == CN_V_GROUP || (v->u.name && v->u.name->slot[CN_NS_GROUP] >= 0 &&
                             v->u.name->slot[CN_NS_ACTOR] < 0)) {
    int32_t g = v->u.name->slot[CN_NS_GROUP];
    for (int32_t i = 0; i < s->n; i++)
      if (s->vertex_actor[i] == -1 - g)
        return i;
    return -1;
  }
  int32_t a = v->u.name ? v->u.name->slot[CN_NS_ACTOR] : -1;
  return a >= 0 ? s->actor_vertex[a] : -1;
}

void cn_selection_describe(const cn_case *c, const cn_selection *sel,
                           char *buf, size_t n) {
  size_t len = 0;
  buf[0] = '\0';
#define ADD(...)                                                             \
  do {                                                                       \
    if (len < n)                                                             \
      len += (size_t)snprintf(buf + len, n - len, __VA_ARGS__);              \
  } while (0)
  if (sel->stage >= 0) {
    ADD("stage %s", c->stages.items[sel->stage].name->str);
  } else if (!isinf(sel->span.from) || !isinf(sel->span.to)) {
    char sp[64];
    cn_span_print(sp, sizeof sp, sel->span);
    ADD("%s", sp);
  }
  for (int i = 0; i < sel->nlayers; i++)
    ADD("%s%s", i ? ", " : (len ? ", layer " : "layer "),
        c->layers.items[sel->layers[i]].name->str);
  for (int i = 0; i < sel->ncollapse; i++)
    ADD("%s%s", i ? ", " : (len ? ", collapse " : "collapse "),
        c->groups.items[sel->collapse[i]].name->str);
  for (int i = 0; i < sel->nwithout; i++)
    ADD("%s%s", i ? ", " : (len ? ", without " : "without "),
        c->actors.items[sel->without[i]].name->str);
  if (len == 0)
    ADD("the whole case");
#undef ADD
}
