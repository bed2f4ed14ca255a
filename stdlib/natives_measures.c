/* natives_measures.c — the network measures as functions of a selection:
 * one actor gives a number, no actor a table of every actor's value. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "measures.h"
#include "snapshot.h"

/* ---- shared plumbing ---- */

static void check_status(cn_eval *E, cn_call *call, int rc) {
  if (rc == CN_MEASURE_INTERRUPTED)
    cn_eval_error(E, &call->node->loc, "interrupted");
  if (rc == CN_MEASURE_NOMEM)
    cn_eval_error(E, &call->node->loc, "out of memory computing %s()",
                  call->fn);
}

/* The vertex of positional argument i: -1 when the actor is not in the
 * snapshot (the measure is then NaN).  Unknown names are errors. */
static int32_t vertex_arg(cn_eval *E, const cn_snapshot *s, cn_call *call,
                          int i) {
  const cn_value *v = &call->pos[i];
  const cn_loc *loc = &call->pos_loc[i];
  int is_group = v->t == CN_V_GROUP ||
                 ((v->t == CN_V_SYMBOL || v->t == CN_V_STR) && v->u.name &&
                  v->t != CN_V_STR && v->u.name->slot[CN_NS_GROUP] >= 0);
  if (is_group) {
    int32_t vx = cn_snapshot_vertex_of(s, v);
    if (vx < 0)
      cn_eval_fail(E, loc, "add collapse=GROUP to measure a group as one actor",
                   "group '%s' is not collapsed in this network",
                   v->u.name->str);
    return vx;
  }
  int32_t a = cn_value_entity(E, v, loc, CN_NS_ACTOR);
  return s->actor_vertex[a];
}

static cn_value per_actor_table(cn_eval *E, const cn_snapshot *s,
                                const char *col, const double *vals) {
  cn_value t = cn_list_new(E->arena, s->n);
  cn_name *kactor = cn_intern_cstr(&E->c->names, "actor");
  cn_name *kcol = cn_intern_cstr(&E->c->names, col);
  for (int32_t v = 0; v < s->n; v++) {
    cn_value r = cn_record_new(E->arena, 2);
    r.u.rec->keys[0] = kactor;
    r.u.rec->vals[0] = cn_vertex_value(s, v);
    r.u.rec->keys[1] = kcol;
    r.u.rec->vals[1] = cn_num(vals[v]);
    t.u.list->items[v] = r;
  }
  return t;
}

/* One actor given: its value; none: the table. */
static cn_value one_or_table(cn_eval *E, cn_call *call, const cn_snapshot *s,
                             const double *vals) {
  if (call->npos == 0)
    return per_actor_table(E, s, call->fn, vals);
  int32_t v = vertex_arg(E, s, call, 0);
  return cn_num(v < 0 ? NAN : vals[v]);
}

static double *scratch(cn_eval *E, const cn_snapshot *s) {
  return cn_arena_alloc(E->arena, sizeof(double) * (size_t)(s->n + 1));
}

cn_mode cn_arg_mode(cn_eval *E, cn_call *call) {
  const cn_loc *loc;
  const cn_value *m = cn_arg_named(call, "mode", &loc);
  if (!m)
    return CN_MODE_ALL;
  if (m->t != CN_V_STR && !(m->t >= CN_V_ACTOR && m->t <= CN_V_SYMBOL))
    cn_eval_fail(E, loc, "write mode=\"all\", mode=\"out\" or mode=\"in\"",
                 "mode is a word, not %s", cn_type_name(m->t));
  const char *s = cn_arg_string(E, m, loc);
  if (strcmp(s, "all") == 0)
    return CN_MODE_ALL;
  if (strcmp(s, "out") == 0)
    return CN_MODE_OUT;
  if (strcmp(s, "in") == 0)
    return CN_MODE_IN;
  cn_eval_fail(E, loc, "mode is \"all\" (direction ignored), \"out\" or \"in\"",
               "unknown mode '%s'", s);
}

static int flag_arg(cn_eval *E, cn_call *call, const char *key, int dflt) {
  const cn_loc *loc;
  const cn_value *v = cn_arg_named(call, key, &loc);
  return v ? cn_arg_bool(E, v, loc) : dflt;
}

static cn_len_mode weights_arg(cn_eval *E, cn_call *call) {
  const cn_loc *loc;
  const cn_value *v = cn_arg_named(call, "weights", &loc);
  if (!v)
    return CN_LEN_HOPS;
  const char *s = cn_arg_string(E, v, loc);
  if (strcmp(s, "none") == 0)
    return CN_LEN_HOPS;
  if (strcmp(s, "distance") == 0)
    return CN_LEN_WEIGHT;
  if (strcmp(s, "strength") == 0)
    return CN_LEN_INVWEIGHT;
  cn_eval_fail(E, loc, "weights is \"none\" (count steps), \"distance\" (a "
                       "weight is a length) or \"strength\" (length 1/weight)",
               "unknown weights '%s'", s);
}

/* ---- counts ---- */

static cn_value f_degree(cn_eval *E, cn_call *call) {
  cn_mode mode = cn_arg_mode(E, call);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 0, 1);
  int32_t *deg = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(s->n + 1));
  cn_measure_degree(&s->g, mode, deg);
  double *vals = scratch(E, s);
  for (int32_t v = 0; v < s->n; v++)
    vals[v] = deg[v];
  return one_or_table(E, call, s, vals);
}

static cn_value f_strength(cn_eval *E, cn_call *call) {
  cn_mode mode = cn_arg_mode(E, call);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 0, 1);
  double *vals = scratch(E, s);
  cn_measure_strength(&s->g, mode, vals);
  return one_or_table(E, call, s, vals);
}

static cn_value f_density(cn_eval *E, cn_call *call) {
  int directed = flag_arg(E, call, "directed", 0);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 0, 0);
  return cn_num(cn_measure_density(&s->g, directed));
}

typedef struct comp_row {
  int32_t id, size, first;
} comp_row;

static int cmp_comp(const void *a, const void *b) {
  const comp_row *x = a, *y = b;
  if (x->size != y->size)
    return y->size - x->size;
  return x->first - y->first;
}

static cn_value f_components(cn_eval *E, cn_call *call) {
  int strong = flag_arg(E, call, "strong", 0);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 0, 0);
  int32_t *comp = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(s->n + 1));
  int32_t nc = strong ? cn_measure_strong_components(&s->g, comp)
                      : cn_measure_weak_components(&s->g, comp);
  check_status(E, call, nc < 0 ? nc : 0);
  comp_row *rows = cn_arena_alloc(E->arena, sizeof *rows * (size_t)(nc + 1));
  for (int32_t c = 0; c < nc; c++)
    rows[c].id = c, rows[c].size = 0, rows[c].first = -1;
  for (int32_t v = 0; v < s->n; v++) {
    if (rows[comp[v]].first < 0)
      rows[comp[v]].first = v;
    rows[comp[v]].size++;
  }
  qsort(rows, (size_t)nc, sizeof *rows, cmp_comp);
  int32_t *rank = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(nc + 1));
  cn_value t = cn_list_new(E->arena, nc);
  cn_name *k[3] = {cn_intern_cstr(&E->c->names, "component"),
                   cn_intern_cstr(&E->c->names, "size"),
                   cn_intern_cstr(&E->c->names, "actors")};
  int32_t *fill = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(nc + 1));
  for (int32_t c = 0; c < nc; c++) {
    rank[rows[c].id] = c;
    cn_value r = cn_record_new(E->arena, 3);
    memcpy(r.u.rec->keys, k, sizeof k);
    r.u.rec->vals[0] = cn_num(c + 1);
    r.u.rec->vals[1] = cn_num(rows[c].size);
    r.u.rec->vals[2] = cn_list_new(E->arena, rows[c].size);
    t.u.list->items[c] = r;
  }
  for (int32_t v = 0; v < s->n; v++) {
    int32_t c = rank[comp[v]];
    t.u.list->items[c].u.rec->vals[2].u.list->items[fill[c]++] =
        cn_vertex_value(s, v);
  }
  return t;
}

static cn_value path_or_distance(cn_eval *E, cn_call *call, int want_path) {
  int directed = flag_arg(E, call, "directed", 0);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 2, 2);
  int32_t a = vertex_arg(E, s, call, 0), b = vertex_arg(E, s, call, 1);
  if (a < 0 || b < 0)
    return want_path ? cn_list_new(E->arena, 0) : cn_num(NAN);
  int32_t *path = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(s->n + 1));
  int32_t dist = -1;
  check_status(E, call,
               cn_measure_shortest_path(&s->g, a, b, directed, path, &dist));
  if (!want_path)
    return cn_num(dist < 0 ? INFINITY : dist);
  if (dist < 0)
    return cn_list_new(E->arena, 0);
  cn_value l = cn_list_new(E->arena, dist + 1);
  for (int32_t i = 0; i <= dist; i++)
    l.u.list->items[i] = cn_vertex_value(s, path[i]);
  return l;
}

static cn_value f_path(cn_eval *E, cn_call *call) { return path_or_distance(E, call, 1); }
static cn_value f_distance(cn_eval *E, cn_call *call) { return path_or_distance(E, call, 0); }

/* ---- structural holes ---- */

static cn_value f_constraint(cn_eval *E, cn_call *call) {
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 0, 2);
  if (call->npos == 2) {
    int32_t a = vertex_arg(E, s, call, 0), b = vertex_arg(E, s, call, 1);
    if (a < 0 || b < 0)
      return cn_num(NAN);
    return cn_num(cn_measure_dyadic_constraint(&s->g, a, b));
  }
  if (call->npos == 1) {
    /* one ego: its terms, not the whole network */
    int32_t a = vertex_arg(E, s, call, 0);
    if (a < 0)
      return cn_num(NAN);
    int64_t deg = s->g.und_off[a + 1] - s->g.und_off[a];
    if (deg == 0)
      return cn_num(NAN);
    double *terms = cn_arena_alloc(E->arena, sizeof(double) * (size_t)deg);
    int64_t k = cn_measure_constraint_terms(&s->g, a, terms);
    check_status(E, call, k < 0 ? (int)k : 0);
    double c = 0;
    for (int64_t i = 0; i < k; i++)
      c += terms[i];
    return cn_num(c);
  }
  double *vals = scratch(E, s);
  check_status(E, call, cn_measure_constraint(&s->g, vals));
  return per_actor_table(E, s, "constraint", vals);
}

static cn_value holes(cn_eval *E, cn_call *call, int which) {
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 0, 1);
  double *es = scratch(E, s), *eff = scratch(E, s), *h = scratch(E, s);
  int rc = which == 2 ? cn_measure_hierarchy(&s->g, h)
                      : cn_measure_effective_size(&s->g, es, eff);
  check_status(E, call, rc);
  return one_or_table(E, call, s, which == 0 ? es : which == 1 ? eff : h);
}

static cn_value f_effsize(cn_eval *E, cn_call *call) { return holes(E, call, 0); }
static cn_value f_efficiency(cn_eval *E, cn_call *call) { return holes(E, call, 1); }
static cn_value f_hierarchy(cn_eval *E, cn_call *call) { return holes(E, call, 2); }

/* ---- centrality ---- */

static cn_value f_betweenness(cn_eval *E, cn_call *call) {
  int directed = flag_arg(E, call, "directed", 0);
  int normalized = flag_arg(E, call, "normalized", 1);
  cn_len_mode len = weights_arg(E, call);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 0, 1);
  double *vals = scratch(E, s);
  check_status(E, call,
               cn_measure_betweenness(&s->g, directed, len, normalized, vals));
  return one_or_table(E, call, s, vals);
}

static cn_value f_closeness(cn_eval *E, cn_call *call) {
  cn_mode mode = cn_arg_mode(E, call);
  cn_len_mode len = weights_arg(E, call);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 0, 1);
  double *vals = scratch(E, s);
  check_status(E, call, cn_measure_closeness(&s->g, mode, len, vals));
  return one_or_table(E, call, s, vals);
}

static cn_value f_harmonic(cn_eval *E, cn_call *call) {
  cn_mode mode = cn_arg_mode(E, call);
  cn_len_mode len = weights_arg(E, call);
  int normalized = flag_arg(E, call, "normalized", 1);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call, 0, 1);
  double *vals = scratch(E, s);
  check_status(E, call,
               cn_measure_harmonic(&s->g, mode, len, normalized, vals));
  return one_or_table(E, call, s, vals);
}

const cn_native cn_natives_measures[] = {
    {"degree", "(actor?, sel…, mode = \"all\")",
     "number of distinct contacts (binary projection; mode \"in\"/\"out\" for directed ties)", f_degree},
    {"strength", "(actor?, sel…, mode = \"all\")",
     "summed weight of an actor's ties", f_strength},
    {"density", "(sel…, directed = false)",
     "ties present / ties possible, one tie per pair; NaN below two actors", f_density},
    {"components", "(sel…, strong = false)",
     "connected components, largest first: component, size, actors", f_components},
    {"path", "(a, b, sel…, directed = false)",
     "a shortest path from a to b as a list of actors (empty if none)", f_path},
    {"distance", "(a, b, sel…, directed = false)",
     "steps on a shortest path from a to b (Inf if none)", f_distance},
    {"constraint", "(actor?, other?, sel…)",
     "Burt's constraint (lower = more brokerage); with two actors the dyadic constraint of the first on the second", f_constraint},
    {"effsize", "(actor?, sel…)", "Burt's effective size of the ego network", f_effsize},
    {"efficiency", "(actor?, sel…)", "effective size / number of contacts", f_efficiency},
    {"hierarchy", "(actor?, sel…)",
     "Burt's hierarchy: how much of the constraint comes from one contact (NaN below two contacts)", f_hierarchy},
    {"betweenness", "(actor?, sel…, directed = false, normalized = true, weights = \"none\")",
     "Brandes betweenness, normalized by (n-1)(n-2)/2 (undirected) or (n-1)(n-2) (directed)", f_betweenness},
    {"closeness", "(actor?, sel…, mode = \"all\", weights = \"none\")",
     "(reached - 1) / summed distance to the actors reached; NaN for an isolate", f_closeness},
    {"harmonic", "(actor?, sel…, mode = \"all\", normalized = true, weights = \"none\")",
     "sum of 1/distance to every other actor, divided by n-1 unless normalized = false", f_harmonic},
};
const size_t cn_natives_measures_n =
    sizeof cn_natives_measures / sizeof *cn_natives_measures;
