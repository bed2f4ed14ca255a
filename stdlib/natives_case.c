/* natives_case.c — looking at the case itself: actors, ties, stages, layers,
 * kinds, groups, the timeline, the evidence behind ties, neighbours and
 * snapshots as values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "measures.h"
#include "snapshot.h"

/* ---- small helpers ---- */

static cn_name *key(cn_eval *E, const char *s) {
  return cn_intern_cstr(&E->c->names, s);
}

static cn_value span_text(cn_eval *E, cn_span s) {
  char buf[96];
  cn_span_print(buf, sizeof buf, s);
  return cn_str(cn_arena_strdup(E->arena, buf));
}

static cn_value sources_value(cn_eval *E, const cn_tie *t) {
  cn_value v = cn_list_new(E->arena, cn_tie_nsources(t));
  for (int i = 0; i < cn_tie_nsources(t); i++)
    v.u.list->items[i] = cn_str(cn_tie_sources(t)[i]->str);
  return v;
}

/* "何竹贤 -- 彩陶师傅" or "何竹贤 -> 江浙冶炼厂". */
static cn_value tie_text(cn_eval *E, const cn_tie *t) {
  const cn_case *c = E->c;
  return cn_str(cn_arena_printf(E->arena, "%s %s %s",
                                c->actors.items[t->from].name->str,
                                t->directed ? "->" : "--",
                                c->actors.items[t->to].name->str));
}

/* The value naming a vertex: its actor, or the collapsed group. */
/* The value of an attribute literal, resolved without the evaluator's local
 * scopes (a `def` parameter must not change what an attribute says). */
static cn_value literal_value(cn_eval *E, const cn_ast *e) {
  switch (e->kind) {
  case CN_AST_NUM: return cn_num(e->u.num);
  case CN_AST_STR: return cn_str(e->u.str->str);
  case CN_AST_BOOL: return cn_bool(e->u.boolean);
  case CN_AST_UNOP:
    if (e->u.binop.lhs && e->u.binop.lhs->kind == CN_AST_NUM)
      return cn_num(-e->u.binop.lhs->u.num);
    break;
  case CN_AST_NAME: {
    static const struct { enum cn_ns ns; cn_vtype t; } order[] = {
        {CN_NS_ACTOR, CN_V_ACTOR}, {CN_NS_GROUP, CN_V_GROUP},
        {CN_NS_STAGE, CN_V_STAGE}, {CN_NS_LAYER, CN_V_LAYER},
        {CN_NS_KIND, CN_V_KIND}};
    for (size_t k = 0; k < sizeof order / sizeof *order; k++)
      if (e->u.name->slot[order[k].ns] >= 0)
        return cn_named(order[k].t, e->u.name);
    return cn_named(CN_V_SYMBOL, e->u.name);
  }
  case CN_AST_LIST: {
    cn_value v = cn_list_new(E->arena, e->u.list.n);
    for (int i = 0; i < e->u.list.n; i++)
      v.u.list->items[i] = literal_value(E, e->u.list.items[i]);
    return v;
  }
  default:
    break;
  }
  return cn_eval_expr(E, e);
}

/* Widen hull h by span s. */
static void hull_add(cn_span *h, int *any, cn_span s) {
  if (!*any) {
    *h = s;
    *any = 1;
    return;
  }
  if (s.from < h->from)
    h->from = s.from;
  if (s.to > h->to)
    h->to = s.to;
}

/* ---- actors(sel…) ---- */

static const char *const fixed_actor_cols[] = {"actor", "kind", "span"};

static int is_fixed_actor_col(const char *k) {
  for (int i = 0; i < 3; i++)
    if (strcmp(k, fixed_actor_cols[i]) == 0)
      return 1;
  return 0;
}

/* count(actors(…)), count(ties(…)): the number of rows, none built (see
 * cn_call.rows_only). */
static cn_value rows_counted(cn_call *call, int64_t n) {
  call->rows_only = 2;
  return cn_num((double)n);
}

static cn_value f_actors(cn_eval *E, cn_call *call) {
  cn_snapshot *s = cn_snapshot_of_call_views(E, call, 0); /* no graph */
  cn_arg_count(E, call);
  if (call->rows_only)
    return rows_counted(call, s->n); /* a row per vertex */
  const cn_case *c = E->c;
  size_t na = c->actors.n;
  /* the span an actor lives in: its own, else the hull of its ties' spans
   * (the ties the snapshot could see: transient ones only when asked) */
  cn_span *life = cn_arena_alloc(E->arena, sizeof *life * (na + 1));
  int *known = cn_arena_alloc(E->arena, sizeof *known * (na + 1));
  for (size_t t = 0; t < c->ties.n; t++) {
    const cn_tie *tie = &c->ties.items[t];
    if (tie->transient && !s->sel.transient)
      continue;
    cn_span live = cn_tie_life(c, tie);
    hull_add(&life[tie->from], &known[tie->from], live);
    hull_add(&life[tie->to], &known[tie->to], live);
  }
  for (size_t a = 0; a < na; a++) {
    const cn_actor *ac = &c->actors.items[a];
    if (ac->has_span) {
      life[a] = ac->span;
      known[a] = 1;
    } else if (!known[a]) {
      life[a].from = -INFINITY;
      life[a].to = INFINITY;
    }
  }
  /* attribute columns: every key of a listed actor (or collapsed group),
   * in order of first appearance */
  int ncols = 3, cap = 8;
  cn_name_map seen = {0}; /* the attribute columns so far */
  cn_name **cols = cn_arena_alloc(E->arena, sizeof *cols * (size_t)cap);
  for (int i = 0; i < 3; i++)
    cols[i] = key(E, fixed_actor_cols[i]);
  for (int32_t v = 0; v < s->n; v++) {
    int32_t a = s->vertex_actor[v];
    const cn_attrs *at = a >= 0 ? c->actors.items[a].attrs
                                : c->groups.items[-1 - a].attrs;
    for (int k = 0; at && k < at->n; k++) {
      cn_name *name = at->items[k].key.name;
      if (is_fixed_actor_col(name->str))
        continue;
      if (cn_name_map_add(&seen, name, ncols) != ncols)
        continue;
      if (ncols == cap) {
        cn_name **more = cn_arena_alloc(E->arena, sizeof *more * (size_t)cap * 2);
        memcpy(more, cols, sizeof *cols * (size_t)cap);
        cols = more;
        cap *= 2;
      }
      cols[ncols++] = name;
    }
  }
  cn_value out = cn_list_new(E->arena, s->n);
  for (int32_t v = 0; v < s->n; v++) {
    cn_value r = cn_row(E->arena, cols, ncols);
    cn_value *val = r.u.rec->vals;
    int32_t a = s->vertex_actor[v];
    const cn_attrs *at;
    val[0] = cn_vertex_value(s, v);
    if (a >= 0) {
      const cn_actor *ac = &c->actors.items[a];
      val[1] = ac->kind >= 0 ? cn_named(CN_V_KIND, c->kinds.items[ac->kind].name)
                             : cn_nil();
      val[2] = span_text(E, life[a]);
      at = ac->attrs;
    } else {
      /* a collapsed group: its members' lives together */
      cn_span h = {0, 0};
      int any = 0;
      for (size_t m = 0; m < na; m++)
        if (s->actor_vertex[m] == v)
          hull_add(&h, &any, life[m]);
      val[1] = cn_str("group");
      val[2] = span_text(E, h);
      at = c->groups.items[-1 - a].attrs;
    }
    /* backwards, so that the first of a repeated key wins */
    for (int k = at ? at->n - 1 : -1; k >= 0; k--) {
      int j = cn_name_map_get(&seen, at->items[k].key.name);
      if (j >= 0)
        val[j] = literal_value(E, at->items[k].value);
    }
    out.u.list->items[v] = r;
  }
  cn_name_map_free(&seen);
  return out;
}

/* ---- ties(sel…) ---- */

static cn_value f_ties(cn_eval *E, cn_call *call) {
  cn_snapshot *s = cn_snapshot_of_call_views(E, call, 0); /* no graph */
  cn_arg_count(E, call);
  if (call->rows_only)
    return rows_counted(call, s->nties);
  const cn_case *c = E->c;
  static const char *const names[] = {"from", "to", "dir", "layer",
                                      "span", "weight", "sources"};
  cn_name **cols = cn_keys(&E->c->names, E->arena, names, 7);
  cn_value out = cn_list_new(E->arena, s->nties);
  for (int64_t i = 0; i < s->nties; i++) {
    const cn_tie *t = &c->ties.items[s->ties[i]];
    cn_value r = cn_row(E->arena, cols, 7);
    cn_value *val = r.u.rec->vals;
    /* the ends as the snapshot sees them: a collapsed member is its group */
    val[0] = cn_vertex_value(s, s->actor_vertex[t->from]);
    val[1] = cn_vertex_value(s, s->actor_vertex[t->to]);
    val[2] = cn_str(t->directed ? "->" : "--");
    val[3] = cn_layer_value(c, t->layer);
    val[4] = span_text(E, cn_tie_life(c, t));
    val[5] = cn_num(cn_tie_weight(t));
    val[6] = sources_value(E, t);
    out.u.list->items[i] = r;
  }
  return out;
}

/* ---- stages(), layers(), kinds(), groups() ---- */

static cn_value names_list(cn_eval *E, cn_call *call, cn_vtype t) {
  cn_arg_count(E, call);
  const cn_case *c = E->c;
  size_t n = t == CN_V_STAGE ? c->stages.n
             : t == CN_V_LAYER ? c->layers.n
             : t == CN_V_KIND  ? c->kinds.n
                               : c->groups.n;
  cn_value out = cn_list_new(E->arena, (int64_t)n);
  for (size_t i = 0; i < n; i++) {
    cn_name *name = t == CN_V_STAGE ? c->stages.items[i].name
                    : t == CN_V_LAYER ? c->layers.items[i].name
                    : t == CN_V_KIND  ? c->kinds.items[i].name
                                      : c->groups.items[i].name;
    out.u.list->items[i] = cn_named(t, name);
  }
  return out;
}

static cn_value f_stages(cn_eval *E, cn_call *call) { return names_list(E, call, CN_V_STAGE); }
/* layers(): every layer; with a selection, the layers that have ties in it
 * (in declaration order). */
static cn_value f_layers(cn_eval *E, cn_call *call) {
  if (call->nnamed == 0 && (call->npos == 0 || call->pos[0].t != CN_V_NET))
    return names_list(E, call, CN_V_LAYER);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call);
  const cn_case *c = E->c;
  unsigned char *present = cn_arena_alloc(E->arena, c->layers.n + 1);
  for (int64_t k = 0; k < s->nties; k++) {
    int32_t l = c->ties.items[s->ties[k]].layer;
    if (l >= 0)
      present[l] = 1;
  }
  int64_t n = 0;
  for (size_t l = 0; l < c->layers.n; l++)
    n += present[l];
  cn_value out = cn_list_new(E->arena, n);
  n = 0;
  for (size_t l = 0; l < c->layers.n; l++)
    if (present[l])
      out.u.list->items[n++] = cn_layer_value(c, (int32_t)l);
  return out;
}
static cn_value f_kinds(cn_eval *E, cn_call *call) { return names_list(E, call, CN_V_KIND); }
static cn_value f_groups(cn_eval *E, cn_call *call) { return names_list(E, call, CN_V_GROUP); }

/* sources(): the evidence codes cited by the ties of a network, each once,
 * in order of first citation. */
static cn_value f_sources(cn_eval *E, cn_call *call) {
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call);
  const cn_case *c = E->c;
  int64_t total = 0;
  for (int64_t k = 0; k < s->nties; k++)
    total += cn_tie_nsources(&c->ties.items[s->ties[k]]);
  cn_value out = cn_list_new(E->arena, total);
  int64_t n = 0;
  for (int64_t k = 0; k < s->nties; k++) {
    const cn_tie *t = &c->ties.items[s->ties[k]];
    for (int j = 0; j < cn_tie_nsources(t); j++) {
      cn_value v = cn_str(cn_tie_sources(t)[j]->str);
      int seen = 0;
      for (int64_t i = 0; i < n && !seen; i++)
        seen = cn_value_equal(&out.u.list->items[i], &v);
      if (!seen)
        out.u.list->items[n++] = v;
    }
  }
  out.u.list->n = n;
  return out;
}

/* ---- timeline() ---- */

typedef struct moment {
  double from;
  int is_event; /* stages first on equal years */
  int32_t index;
} moment;

static int cmp_moments(const void *a, const void *b) {
  const moment *x = a, *y = b;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  if (x->is_event != y->is_event)
    return x->is_event - y->is_event;
  return (x->index > y->index) - (x->index < y->index);
}

static cn_value f_timeline(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_case *c = E->c;
  size_t n = c->stages.n + c->events.n;
  moment *m = cn_arena_alloc(E->arena, sizeof *m * (n + 1));
  size_t k = 0;
  for (size_t i = 0; i < c->stages.n; i++)
    m[k++] = (moment){c->stages.items[i].span.from, 0, (int32_t)i};
  for (size_t i = 0; i < c->events.n; i++)
    m[k++] = (moment){c->events.items[i].span.from, 1, (int32_t)i};
  qsort(m, n, sizeof *m, cmp_moments);
  static const char *const names[] = {"when", "what", "name",
                                      "label", "move", "stage"};
  cn_name **cols = cn_keys(&E->c->names, E->arena, names, 6);
  cn_value out = cn_list_new(E->arena, (int64_t)n);
  for (size_t i = 0; i < n; i++) {
    cn_value r = cn_row(E->arena, cols, 6);
    cn_value *val = r.u.rec->vals;
    if (!m[i].is_event) {
      const cn_stage *st = &c->stages.items[m[i].index];
      val[0] = span_text(E, st->span);
      val[1] = cn_str("stage");
      val[2] = cn_named(CN_V_STAGE, st->name);
      val[3] = st->label ? cn_str(st->label->str) : cn_nil();
      const char *move = cn_stage_move(E->arena, st);
      if (move)
        val[4] = cn_str(move);
      val[5] = cn_named(CN_V_STAGE, st->name); /* where(…, stage=S) keeps it */
    } else {
      const cn_event *ev = &c->events.items[m[i].index];
      val[0] = span_text(E, ev->span);
      val[1] = cn_str("event");
      val[2] = cn_str(ev->text->str);
      if (ev->stage >= 0)
        val[5] = cn_named(CN_V_STAGE, c->stages.items[ev->stage].name);
    }
    out.u.list->items[i] = r;
  }
  return out;
}

/* ---- evidence(a [, b]) ---- */

static cn_value f_evidence(cn_eval *E, cn_call *call) {
  for (int i = 0; i < call->nnamed; i++)
    for (int k = 0; cn_selection_keys[k]; k++)
      if (strcmp(call->names[i]->str, cn_selection_keys[k]) == 0)
        cn_eval_fail(E, &call->named_loc[i],
                     "evidence(a) lists every tie of a over all time; "
                     "ties(stage=…) lists the ties of one stage",
                     "evidence() covers the whole case: it takes no '%s='",
                     cn_selection_keys[k]);
  cn_arg_count(E, call);
  const cn_case *c = E->c;
  int32_t a = cn_arg_entity(E, call, 0, CN_NS_ACTOR);
  int32_t b = call->npos > 1 ? cn_arg_entity(E, call, 1, CN_NS_ACTOR) : -1;
  static const char *const names[] = {"tie", "layer", "span", "sources"};
  cn_name **cols = cn_keys(&E->c->names, E->arena, names, 4);
  int64_t n = 0;
  for (size_t t = 0; t < c->ties.n; t++) {
    const cn_tie *tie = &c->ties.items[t];
    n += (tie->from == a && (b < 0 || tie->to == b)) ||
         (tie->to == a && (b < 0 || tie->from == b));
  }
  cn_value out = cn_list_new(E->arena, n);
  int64_t k = 0;
  for (size_t t = 0; t < c->ties.n; t++) {
    const cn_tie *tie = &c->ties.items[t];
    if (!((tie->from == a && (b < 0 || tie->to == b)) ||
          (tie->to == a && (b < 0 || tie->from == b))))
      continue;
    cn_value r = cn_row(E->arena, cols, 4);
    cn_value *val = r.u.rec->vals;
    val[0] = tie_text(E, tie);
    val[1] = cn_layer_value(c, tie->layer);
    val[2] = span_text(E, cn_tie_life(c, tie));
    val[3] = sources_value(E, tie);
    out.u.list->items[k++] = r;
  }
  return out;
}

/* ---- neighbors(a, sel…, mode=) ---- */

static cn_value f_neighbors(cn_eval *E, cn_call *call) {
  cn_mode mode = cn_arg_mode(E, call);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_done(E, call); /* a misspelt mode= gets a suggestion */
  cn_arg_count(E, call);
  int32_t v = cn_arg_vertex(E, s, &call->pos[0], &call->pos_loc[0]);
  if (v < 0)
    return cn_list_new(E->arena, 0);
  const cn_graph *g = &s->g;
  cn_view view = cn_graph_view(g, mode);
  const int64_t *off = view.off;
  const int32_t *adj = view.adj;
  int64_t lo = off[v], hi = off[v + 1];
  cn_value out = cn_list_new(E->arena, hi - lo);
  for (int64_t k = lo; k < hi; k++)
    out.u.list->items[k - lo] = cn_vertex_value(s, adj[k]);
  return out;
}

/* ---- net(sel…) ---- */

static cn_value f_net(cn_eval *E, cn_call *call) {
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call);
  cn_value v = {CN_V_NET, {0}};
  v.u.net = s;
  return v;
}

const cn_native cn_natives_case[] = {
    {"actors", NULL, 1, "the actors of a network: kind, span and attributes (a collapsed group is one row)", f_actors},
    {"ties", NULL, 1, "the ties of a network: ends, direction, layer, span, weight and sources", f_ties},
    {"stages", NULL, 0, "the stages, in declaration order", f_stages},
    {"layers", NULL, 1, "the layers, in declaration order; with a selection, those that have ties in it", f_layers},
    {"kinds", NULL, 0, "the kinds of actor, in declaration order", f_kinds},
    {"groups", NULL, 0, "the groups, in declaration order", f_groups},
    {"sources", NULL, 1, "the evidence codes (interview codes, documents) cited by the ties of a network, each once", f_sources},
    {"timeline", NULL, 0, "stages and events ordered by their first year", f_timeline},
    {"evidence", CN_ARGS(CN_POS("a", CN_A_ACTOR), CN_OPT("b", CN_A_ACTOR)), 0,
     "the ties of an actor (or between two), with the sources behind each, over the whole case", f_evidence},
    {"neighbors", CN_ARGS(CN_POS("a", CN_A_ACTOR), CN_KEY("mode", CN_A_WORD, "\"all\"", "\"in\"|\"out\"")), 1,
     "the actors tied to a in a network, in vertex order", f_neighbors},
    {"net", NULL, 1, "a network (snapshot) as a value, for later queries", f_net},
};
const size_t cn_natives_case_n = sizeof cn_natives_case / sizeof *cn_natives_case;
