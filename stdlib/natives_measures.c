/* natives_measures.c — the network measures as functions of a selection:
 * one actor gives a number, no actor a table of every actor's value (of
 * every tied pair's, for tie_betweenness).  Each function's options are
 * read before its snapshot; the record of each says which it takes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "measures.h"
#include "snapshot.h"

/* ---- shared plumbing ---- */

void cn_measure_status(cn_eval *E, cn_call *call, int rc) {
  if (rc == CN_MEASURE_INTERRUPTED)
    cn_eval_error(E, &call->node->loc, "interrupted");
  if (rc == CN_MEASURE_NOMEM) {
    char what[96];
    snprintf(what, sizeof what, "computing %s()", call->fn);
    cn_eval_out_of_memory(E, &call->node->loc, what);
  }
}

/* The group a value names when it names a group and no actor (a name
 * written as a string names what the bare name would), else -1. */
static int32_t group_named(const cn_case *c, const cn_value *v) {
  const cn_name *n = NULL;
  if (v->t >= CN_V_ACTOR && v->t <= CN_V_SYMBOL)
    n = v->u.name;
  else if (v->t == CN_V_STR)
    n = cn_intern_find(&c->names, v->u.str, strlen(v->u.str));
  if (!n || n->slot[CN_NS_GROUP] < 0)
    return -1;
  return v->t == CN_V_GROUP || n->slot[CN_NS_ACTOR] < 0 ? n->slot[CN_NS_GROUP]
                                                        : -1;
}

/* The one reading of an actor argument, for every built-in that takes
 * one: a group is its vertex where the selection collapses it (an error
 * where it does not); an actor is its vertex, -1 when it is not in the
 * snapshot, and an error when the selection folds it into a group — its
 * numbers would be the group's. */
int32_t cn_arg_vertex(cn_eval *E, const cn_snapshot *s, const cn_value *v,
                      const cn_loc *loc) {
  const cn_case *c = s->c;
  int32_t g = group_named(c, v);
  if (g >= 0) {
    int collapsed = 0;
    for (int i = 0; i < s->sel.ncollapse; i++)
      collapsed |= s->sel.collapse[i] == g;
    const char *name = c->groups.items[g].name->str;
    if (!collapsed)
      cn_eval_fail(E, loc,
                   cn_arena_printf(E->arena,
                                   "add collapse=%s to read the group as "
                                   "one actor",
                                   name),
                   "group '%s' is not collapsed in this network", name);
    cn_value gv = cn_named(CN_V_GROUP, c->groups.items[g].name);
    return cn_snapshot_vertex_of(s, &gv);
  }
  int32_t a = cn_value_entity(E, v, loc, CN_NS_ACTOR);
  int32_t x = s->actor_vertex[a];
  if (x >= 0 && s->vertex_actor[x] < 0) {
    const char *who = c->actors.items[a].name->str;
    const char *into = cn_snapshot_vertex_name(s, x)->str;
    char desc[256];
    cn_selection_describe(c, &s->sel, desc, sizeof desc);
    cn_eval_fail(E, loc,
                 cn_arena_printf(E->arena,
                                 "ask for %s, or add collapse=[] to see %s on "
                                 "its own",
                                 into, who),
                 "%s is folded into %s in this network (%s): its numbers "
                 "are the group's",
                 who, into, desc);
  }
  return x;
}

/* The vertex of positional argument i (-1: the measure is then NaN). */
static int32_t vertex_arg(cn_eval *E, const cn_snapshot *s, cn_call *call,
                          int i) {
  return cn_arg_vertex(E, s, &call->pos[i], &call->pos_loc[i]);
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

cn_value cn_measure_result(cn_eval *E, cn_call *call, const cn_snapshot *s,
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

/* ---- options ---- */

/* The options of the functions in this file. */
enum {
  I_MODE, I_DIRECTED, I_STRONG, I_NORMALIZED, I_WEIGHTS, I_ENDPOINTS,
  I_CUTOFF, I_K, I_SEED, I_SOURCES, I_TARGETS, I_WF_IMPROVED, O_COUNT
};
static const char *const option_name[O_COUNT] = {
    "mode",   "directed", "strong", "normalized", "weights", "endpoints",
    "cutoff", "k",        "seed",   "sources",    "targets", "wf_improved"};

/* A call's options, read before its snapshot is built (so that none is
 * taken for a selection by an actor attribute). */
typedef struct options {
  unsigned allowed;
  const cn_value *v[O_COUNT];
  const cn_loc *loc[O_COUNT];
  cn_path_opts path;
  cn_mode mode;
  int directed, strong;
} options;

static int whole(double x, double lo, double hi) {
  return x >= lo && x <= hi && x == floor(x);
}

/* Reads and checks every option the function takes that the call gives. */
static void options_read(cn_eval *E, cn_call *call, options *o) {
  memset(o, 0, sizeof *o);
  for (int i = 0; i < O_COUNT; i++) /* the options its record lists */
    if (cn_native_param(call->native, option_name[i]))
      o->allowed |= 1u << i;
  o->path = cn_path_defaults();
  o->mode = CN_MODE_ALL;
  for (int i = 0; i < O_COUNT; i++)
    if (o->allowed & (1u << i))
      o->v[i] = cn_arg_named(call, option_name[i], &o->loc[i]);
  const cn_value *const *v = o->v;
  const cn_loc *const *loc = o->loc;
  if (v[I_MODE])
    o->mode = cn_arg_mode(E, call);
  if (v[I_DIRECTED])
    o->directed = cn_arg_bool(E, v[I_DIRECTED], loc[I_DIRECTED]);
  if (v[I_STRONG])
    o->strong = cn_arg_bool(E, v[I_STRONG], loc[I_STRONG]);
  if (v[I_NORMALIZED])
    o->path.normalized = cn_arg_bool(E, v[I_NORMALIZED], loc[I_NORMALIZED]);
  if (v[I_WEIGHTS]) {
    const char *w = cn_arg_string(E, v[I_WEIGHTS], loc[I_WEIGHTS]);
    if (strcmp(w, "none") == 0)
      o->path.len = CN_LEN_HOPS;
    else if (strcmp(w, "distance") == 0)
      o->path.len = CN_LEN_WEIGHT;
    else if (strcmp(w, "strength") == 0)
      o->path.len = CN_LEN_INVWEIGHT;
    else
      cn_eval_fail(E, loc[I_WEIGHTS],
                   "weights is \"none\" (count steps), \"distance\" (a weight "
                   "is a length; of parallel ties the shortest counts) or "
                   "\"strength\" (length 1/weight; parallel ties add up)",
                   "unknown weights '%s'", w);
  }
  if (v[I_ENDPOINTS])
    o->path.endpoints = cn_arg_bool(E, v[I_ENDPOINTS], loc[I_ENDPOINTS]);
  if (v[I_CUTOFF]) {
    const cn_value *c = v[I_CUTOFF];
    const char *hint = "leave cutoff= out for no limit";
    if (c->t != CN_V_NUM)
      cn_eval_fail(E, loc[I_CUTOFF], hint,
                   "cutoff is a path length ≥ 0, not %s", cn_type_name(c->t));
    if (!(c->u.num >= 0))
      cn_eval_fail(E, loc[I_CUTOFF], hint,
                   "cutoff is a path length ≥ 0, not %g", c->u.num);
    o->path.cutoff = c->u.num;
  }
  if (v[I_K]) {
    const cn_value *k = v[I_K];
    const char *hint = "k= is how many actors to sample as sources";
    if (k->t != CN_V_NUM)
      cn_eval_fail(E, loc[I_K], hint, "k is a whole number ≥ 1, not %s",
                   cn_type_name(k->t));
    if (!whole(k->u.num, 1, INT32_MAX))
      cn_eval_fail(E, loc[I_K], hint, "k is a whole number ≥ 1, not %g",
                   k->u.num);
    o->path.k = (int32_t)k->u.num;
  }
  if (v[I_SEED]) {
    const cn_value *seed = v[I_SEED];
    if (seed->t != CN_V_NUM || !whole(seed->u.num, 0, 9007199254740992.0))
      cn_eval_fail(E, loc[I_SEED], "the same seed draws the same sources",
                   "seed is a whole number from 0 to 2^53");
    if (!v[I_K])
      cn_eval_fail(E, loc[I_SEED], "add k=N to sample N actors as sources",
                   "seed= only matters with k=");
    o->path.seed = (uint64_t)seed->u.num;
  }
  if (v[I_K] && (v[I_SOURCES] || v[I_TARGETS]))
    cn_eval_fail(E, loc[I_K], "give either k= or sources=/targets=",
                 "k= picks the sources at random, so it does not go with %s=",
                 v[I_SOURCES] ? "sources" : "targets");
  if (v[I_WF_IMPROVED])
    o->path.wf_improved = cn_arg_bool(E, v[I_WF_IMPROVED], loc[I_WF_IMPROVED]);
}

/* sources= or targets=: an actor or a list of them, each in the snapshot and
 * named once. */
static const int32_t *vertex_list(cn_eval *E, const cn_snapshot *s,
                                  const cn_value *v, const cn_loc *loc,
                                  const char *key, int32_t *count) {
  int64_t n = v->t == CN_V_LIST ? v->u.list->n : 1;
  int32_t *out = cn_arena_alloc(E->arena, sizeof *out * (size_t)(n + 1));
  unsigned char *seen = cn_arena_alloc(E->arena, (size_t)s->n + 1);
  memset(seen, 0, (size_t)s->n + 1);
  for (int64_t i = 0; i < n; i++) {
    const cn_value *a = v->t == CN_V_LIST ? &v->u.list->items[i] : v;
    int32_t x = cn_arg_vertex(E, s, a, loc);
    const char *name = cn_arg_string(E, a, loc);
    if (x < 0)
      cn_eval_fail(E, loc,
                   "an actor outside the selection's span, or left out by "
                   "without= or layer=, has no paths here",
                   "%s= names '%s', who is not in this network", key, name);
    if (seen[x])
      cn_eval_fail(E, loc, NULL, "%s= names '%s' twice", key, name);
    seen[x] = 1;
    out[i] = x;
  }
  *count = (int32_t)n;
  return out;
}

/* The graph views a measure reads, given its options (graph.h). */
typedef unsigned (*views_fn)(const options *o);
static unsigned every_view(const options *o) {
  (void)o;
  return CN_VIEW_ALL;
}
/* Counts of the binary projection read the und pattern alone. */
static unsigned und_if_undirected(const options *o) {
  return o->directed ? CN_VIEW_ALL : CN_VIEW_UND;
}
static unsigned und_if_mode_all(const options *o) {
  return o->mode == CN_MODE_ALL ? CN_VIEW_UND : CN_VIEW_ALL;
}
/* Paths counted in steps along ties in either direction walk the und
 * pattern alone; lengths from weights, or directions, need the rest. */
static unsigned und_if_undirected_steps(const options *o) {
  return !o->directed && o->mode == CN_MODE_ALL && o->path.len == CN_LEN_HOPS
             ? CN_VIEW_UND
             : CN_VIEW_ALL;
}
/* Burt's measures read the und view and its mutual strengths z. */
static unsigned und_with_z(const options *o) {
  (void)o;
  return CN_VIEW_UND_Z;
}

/* The snapshot of a measure's call, its options read and checked, with the
 * views of its graph that views(o) names built. */
static cn_snapshot *measure_snapshot_views(cn_eval *E, cn_call *call,
                                           options *o, views_fn views) {
  options_read(E, call, o);
  cn_snapshot *s = cn_snapshot_of_call_views(E, call, views(o));
  cn_arg_done(E, call);
  cn_path_opts *p = &o->path;
  if (o->v[I_K] && p->k > s->n)
    cn_eval_fail(E, o->loc[I_K],
                 s->n ? cn_arena_printf(E->arena,
                                        "k= is how many actors to sample as "
                                        "sources: 1 to %d here",
                                        s->n)
                      : "this selection has no actors",
                 "k=%d is more than the %d actors of this network", p->k,
                 s->n);
  if (o->v[I_SOURCES])
    p->sources = vertex_list(E, s, o->v[I_SOURCES], o->loc[I_SOURCES],
                             "sources", &p->nsources);
  if (o->v[I_TARGETS])
    p->targets = vertex_list(E, s, o->v[I_TARGETS], o->loc[I_TARGETS],
                             "targets", &p->ntargets);
  return s;
}

static cn_snapshot *measure_snapshot(cn_eval *E, cn_call *call, options *o) {
  return measure_snapshot_views(E, call, o, every_view);
}

/* ---- counts ---- */

static cn_value f_degree(cn_eval *E, cn_call *call) {
  options o;
  cn_snapshot *s = measure_snapshot_views(E, call, &o, und_if_mode_all);
  cn_arg_count(E, call);
  if (call->npos > 0) { /* one actor: its row, not the whole table */
    int32_t v = vertex_arg(E, s, call, 0);
    return cn_num(v < 0 ? (double)NAN : (double)cn_measure_degree_of(&s->g, o.mode, v));
  }
  int32_t *deg = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(s->n + 1));
  cn_measure_degree(&s->g, o.mode, deg);
  double *vals = scratch(E, s);
  for (int32_t v = 0; v < s->n; v++)
    vals[v] = deg[v];
  return cn_measure_result(E, call, s, vals);
}

static cn_value f_strength(cn_eval *E, cn_call *call) {
  options o;
  cn_snapshot *s = measure_snapshot(E, call, &o);
  cn_arg_count(E, call);
  if (call->npos > 0) {
    int32_t v = vertex_arg(E, s, call, 0);
    return cn_num(v < 0 ? NAN : cn_measure_strength_of(&s->g, o.mode, v));
  }
  double *vals = scratch(E, s);
  cn_measure_strength(&s->g, o.mode, vals);
  return cn_measure_result(E, call, s, vals);
}

static cn_value f_density(cn_eval *E, cn_call *call) {
  options o;
  cn_snapshot *s = measure_snapshot_views(E, call, &o, und_if_undirected);
  cn_arg_count(E, call);
  return cn_num(cn_measure_density(&s->g, o.directed));
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
  options o;
  cn_snapshot *s = measure_snapshot(E, call, &o);
  cn_arg_count(E, call);
  int32_t *comp = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(s->n + 1));
  int32_t nc = o.strong ? cn_measure_strong_components(&s->g, comp)
                        : cn_measure_weak_components(&s->g, comp);
  cn_measure_status(E, call, nc < 0 ? nc : 0);
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
  options o;
  cn_snapshot *s = measure_snapshot(E, call, &o);
  cn_arg_count(E, call);
  int32_t a = vertex_arg(E, s, call, 0), b = vertex_arg(E, s, call, 1);
  if (a < 0 || b < 0)
    return want_path ? cn_list_new(E->arena, 0) : cn_num(NAN);
  int32_t *path = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(s->n + 1));
  int32_t dist = -1;
  cn_measure_status(E, call,
               cn_measure_shortest_path(&s->g, a, b, o.directed, path, &dist));
  if (dist < 0) /* not reached (a ?: with INFINITY would make dist a float) */
    return want_path ? cn_list_new(E->arena, 0) : cn_num(INFINITY);
  if (!want_path)
    return cn_num(dist);
  cn_value l = cn_list_new(E->arena, dist + 1);
  for (int32_t i = 0; i <= dist; i++)
    l.u.list->items[i] = cn_vertex_value(s, path[i]);
  return l;
}

static cn_value f_path(cn_eval *E, cn_call *call) { return path_or_distance(E, call, 1); }
static cn_value f_distance(cn_eval *E, cn_call *call) { return path_or_distance(E, call, 0); }

/* ---- structural holes ---- */

static cn_value f_constraint(cn_eval *E, cn_call *call) {
  options o;
  cn_snapshot *s = measure_snapshot_views(E, call, &o, und_with_z);
  cn_arg_count(E, call);
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
    cn_measure_status(E, call, k < 0 ? (int)k : 0);
    double c = 0;
    for (int64_t i = 0; i < k; i++)
      c += terms[i];
    return cn_num(c);
  }
  double *vals = scratch(E, s);
  cn_measure_status(E, call, cn_measure_constraint(&s->g, vals));
  return per_actor_table(E, s, "constraint", vals);
}

static cn_value holes(cn_eval *E, cn_call *call, int which) {
  options o;
  cn_snapshot *s = measure_snapshot_views(E, call, &o, und_with_z);
  cn_arg_count(E, call);
  double *es = scratch(E, s), *eff = scratch(E, s), *h = scratch(E, s);
  int rc = which == 2 ? cn_measure_hierarchy(&s->g, h)
                      : cn_measure_effective_size(&s->g, es, eff);
  cn_measure_status(E, call, rc);
  return cn_measure_result(E, call, s, which == 0 ? es : which == 1 ? eff : h);
}

static cn_value f_effsize(cn_eval *E, cn_call *call) { return holes(E, call, 0); }
static cn_value f_efficiency(cn_eval *E, cn_call *call) { return holes(E, call, 1); }
static cn_value f_hierarchy(cn_eval *E, cn_call *call) { return holes(E, call, 2); }

/* ---- centrality ---- */

static cn_value f_betweenness(cn_eval *E, cn_call *call) {
  options o;
  cn_snapshot *s = measure_snapshot_views(E, call, &o, und_if_undirected_steps);
  cn_arg_count(E, call);
  double *vals = scratch(E, s);
  cn_measure_status(E, call,
               cn_measure_betweenness_opts(&s->g, o.directed, &o.path, vals));
  return cn_measure_result(E, call, s, vals);
}

/* One row per tied pair (per arc when directed), in actor order. */
static cn_value f_tie_betweenness(cn_eval *E, cn_call *call) {
  options o;
  cn_snapshot *s = measure_snapshot(E, call, &o);
  cn_arg_count(E, call);
  cn_view view = cn_graph_view(&s->g, o.directed ? CN_MODE_OUT : CN_MODE_ALL);
  int64_t narcs = view.off[s->n];
  double *vals = cn_arena_alloc(E->arena, sizeof(double) * (size_t)(narcs + 1));
  cn_measure_status(E, call,
               cn_measure_tie_betweenness(&s->g, o.directed, &o.path, vals));
  int64_t rows = 0;
  for (int32_t u = 0; u < s->n; u++)
    for (int64_t e = view.off[u]; e < view.off[u + 1]; e++)
      rows += o.directed || view.adj[e] > u;
  cn_value t = cn_list_new(E->arena, rows);
  cn_name *k[3] = {cn_intern_cstr(&E->c->names, "from"),
                   cn_intern_cstr(&E->c->names, "to"),
                   cn_intern_cstr(&E->c->names, "betweenness")};
  int64_t r = 0;
  for (int32_t u = 0; u < s->n; u++)
    for (int64_t e = view.off[u]; e < view.off[u + 1]; e++) {
      if (!o.directed && view.adj[e] < u)
        continue;
      cn_value row = cn_record_new(E->arena, 3);
      memcpy(row.u.rec->keys, k, sizeof k);
      row.u.rec->vals[0] = cn_vertex_value(s, u);
      row.u.rec->vals[1] = cn_vertex_value(s, view.adj[e]);
      row.u.rec->vals[2] = cn_num(vals[e]);
      t.u.list->items[r++] = row;
    }
  return t;
}

static cn_value f_closeness(cn_eval *E, cn_call *call) {
  options o;
  cn_snapshot *s = measure_snapshot_views(E, call, &o, und_if_undirected_steps);
  cn_arg_count(E, call);
  double *vals = scratch(E, s);
  cn_measure_status(E, call,
               cn_measure_closeness_opts(&s->g, o.mode, &o.path, vals));
  return cn_measure_result(E, call, s, vals);
}

static cn_value f_harmonic(cn_eval *E, cn_call *call) {
  options o;
  cn_snapshot *s = measure_snapshot_views(E, call, &o, und_if_undirected_steps);
  cn_arg_count(E, call);
  double *vals = scratch(E, s);
  cn_measure_status(E, call,
               cn_measure_harmonic_opts(&s->g, o.mode, &o.path, vals));
  return cn_measure_result(E, call, s, vals);
}

#define ACTOR_OPT CN_OPT("actor", CN_A_ACTOR)
#define MODE CN_KEY("mode", CN_A_WORD, "\"all\"", NULL)
#define DIRECTED CN_KEY("directed", CN_A_BOOL, "false", NULL)
#define NORMALIZED CN_KEY("normalized", CN_A_BOOL, "true", NULL)
#define WEIGHTS CN_KEY("weights", CN_A_WORD, "\"none\"", NULL)
#define CUTOFF CN_KEY("cutoff", CN_A_NUMBER, NULL, NULL)
#define SOURCES CN_KEY("sources", CN_A_ACTORS, NULL, NULL)

const cn_native cn_natives_measures[] = {
    {"degree", CN_ARGS(ACTOR_OPT, MODE), 1,
     "number of distinct contacts (binary projection; mode \"in\"/\"out\" for directed ties)", f_degree},
    {"strength", CN_ARGS(ACTOR_OPT, MODE), 1,
     "summed weight of an actor's ties", f_strength},
    {"density", CN_ARGS(DIRECTED), 1,
     "ties present / ties possible, one tie per pair; NaN below two actors", f_density},
    {"components", CN_ARGS(CN_KEY("strong", CN_A_BOOL, "false", NULL)), 1,
     "connected components, largest first: component, size, actors; strong=true: strong components along directed ties (igraph's mode=\"strong\")", f_components},
    {"path", CN_ARGS(CN_POS("a", CN_A_ACTOR), CN_POS("b", CN_A_ACTOR), DIRECTED), 1,
     "a shortest path from a to b as a list of actors (empty if none)", f_path},
    {"distance", CN_ARGS(CN_POS("a", CN_A_ACTOR), CN_POS("b", CN_A_ACTOR), DIRECTED), 1,
     "steps on a shortest path from a to b (Inf if none)", f_distance},
    {"constraint", CN_ARGS(ACTOR_OPT, CN_OPT("other", CN_A_ACTOR)), 1,
     "Burt's constraint (lower = more brokerage); with two actors the dyadic constraint of the first on the second", f_constraint},
    {"effsize", CN_ARGS(ACTOR_OPT), 1, "Burt's effective size of the ego network", f_effsize},
    {"efficiency", CN_ARGS(ACTOR_OPT), 1, "effective size / number of contacts", f_efficiency},
    {"hierarchy", CN_ARGS(ACTOR_OPT), 1,
     "Burt's hierarchy: how much of the constraint comes from one contact (NaN below two contacts)", f_hierarchy},
    {"betweenness",
     CN_ARGS(ACTOR_OPT, DIRECTED, NORMALIZED, WEIGHTS,
             CN_KEY("endpoints", CN_A_BOOL, "false", NULL), CUTOFF,
             CN_KEY("k", CN_A_NUMBER, NULL, NULL),
             CN_KEY("seed", CN_A_NUMBER, "0", NULL), SOURCES,
             CN_KEY("targets", CN_A_ACTORS, NULL, NULL)),
     1,
     "Brandes betweenness, normalized by (n-1)(n-2)/2 (undirected) or (n-1)(n-2) (directed); endpoints, k/seed sampling and sources/targets as NetworkX, cutoff as igraph", f_betweenness},
    {"tie_betweenness", CN_ARGS(DIRECTED, NORMALIZED, WEIGHTS, CUTOFF), 1,
     "edge betweenness of every tied pair (every arc when directed), for Girvan-Newman: from, to, betweenness; normalized by n(n-1)/2 (undirected) or n(n-1) (directed)", f_tie_betweenness},
    {"closeness",
     CN_ARGS(ACTOR_OPT, MODE, NORMALIZED, WEIGHTS, CUTOFF,
             CN_KEY("wf_improved", CN_A_BOOL, "false", NULL)),
     1,
     "(reached - 1) / summed distance to the actors reached, NaN for an isolate; normalized = false: 1 / summed distance (igraph); wf_improved: times (reached - 1)/(n - 1) (NetworkX); cutoff as igraph", f_closeness},
    {"harmonic", CN_ARGS(ACTOR_OPT, MODE, NORMALIZED, WEIGHTS, CUTOFF, SOURCES), 1,
     "sum of 1/distance to every other actor, divided by n-1 unless normalized = false; sources: to those actors only (NetworkX); cutoff as igraph", f_harmonic},
};
const size_t cn_natives_measures_n =
    sizeof cn_natives_measures / sizeof *cn_natives_measures;
