/* natives_position.c — position, groups and tests of significance as
 * functions of a selection: equivalence() and blocks() (structural
 * equivalence, sna's sedist and equiv.clust), ei_index() and assortativity()
 * (ties within and between groups of an attribute), qap() (the QAP
 * correlation of two networks), cug() (a conditional uniform graph test).
 * Options are read before the snapshot, as in
 * natives_measures.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "cug.h"
#include "groups.h"
#include "permutation.h"
#include "position.h"
#include "snapshot.h"

/* ---- options ---- */

static int whole(double x, double lo, double hi) {
  return x >= lo && x <= hi && x == floor(x);
}

static cn_equiv_method method_arg(cn_eval *E, cn_call *call) {
  const cn_loc *loc;
  const cn_value *m = cn_arg_named(call, "method", &loc);
  if (!m)
    return CN_EQUIV_EUCLIDEAN;
  const char *s = cn_arg_string(E, m, loc);
  if (strcmp(s, "euclidean") == 0)
    return CN_EQUIV_EUCLIDEAN;
  if (strcmp(s, "correlation") == 0)
    return CN_EQUIV_CORRELATION;
  cn_eval_fail(E, loc,
               "method is \"euclidean\" (distance of the two actors' ties) or "
               "\"correlation\" (their correlation)",
               "unknown method '%s'", s);
}

static int directed_arg(cn_eval *E, cn_call *call) {
  const cn_loc *loc;
  const cn_value *d = cn_arg_named(call, "directed", &loc);
  return d ? cn_arg_bool(E, d, loc) : 0;
}

/* seed=: a whole number from 0 to 2^53 (default 0). */
static uint64_t seed_arg(cn_eval *E, cn_call *call) {
  const cn_loc *loc;
  const cn_value *v = cn_arg_named(call, "seed", &loc);
  if (!v)
    return 0;
  if (v->t != CN_V_NUM || !whole(v->u.num, 0, 9007199254740992.0))
    cn_eval_fail(E, loc, "the same seed draws the same permutations",
                 "seed is a whole number from 0 to 2^53");
  return (uint64_t)v->u.num;
}

/* reps=: a whole number >= 1 (default 1000), or "exact" (*exact set). */
static int64_t reps_arg(cn_eval *E, cn_call *call, int *exact) {
  const cn_loc *loc;
  const cn_value *v = cn_arg_named(call, "reps", &loc);
  *exact = 0;
  if (!v)
    return 1000;
  const char *hint = "reps= is how many random draws to make (1000 is usual); "
                     "qap() and nesting() also take \"exact\": every "
                     "permutation of a small network";
  if (v->t == CN_V_STR && strcmp(v->u.str, "exact") == 0) {
    *exact = 1;
    return 0;
  }
  if (v->t != CN_V_NUM)
    cn_eval_fail(E, loc, hint, "reps is a whole number ≥ 1 or \"exact\", not %s",
                 cn_type_name(v->t));
  if (!whole(v->u.num, 1, 1e9))
    cn_eval_fail(E, loc, hint, "reps is a whole number from 1 to 10^9, not %g",
                 v->u.num);
  return (int64_t)v->u.num;
}

/* Every permutation is enumerated when asked, or when there are no more of
 * them than the permutations asked for (n! <= reps). */
static int exact_wanted(cn_eval *E, cn_call *call, int asked, int64_t reps,
                        int32_t n) {
  if (asked && n > CN_QAP_EXACT_MAX)
    cn_eval_fail(E, &call->node->loc,
                 "give reps=N (e.g. reps=1000) to draw N random permutations",
                 "reps=\"exact\" enumerates all n! permutations, too many for "
                 "%d actors (at most %d)",
                 n, CN_QAP_EXACT_MAX);
  if (asked)
    return 1;
  double f = 1;
  for (int32_t i = 2; i <= n && f <= (double)reps; i++)
    f *= i;
  return f <= (double)reps;
}

/* ---- an attribute per vertex (by=) ---- */

/* The value of attribute `key` of each vertex: a category (cat[v], an index
 * into *labels) or a number (num[v]); -1 / NaN when the actor has none, and
 * for a collapsed group.  *numeric: every value given is a number. */
typedef struct attr_values {
  int32_t *cat;
  double *num;
  cn_value *labels;
  int32_t ncat;
  int numeric, any_name;
} attr_values;

static void attr_read(cn_eval *E, const cn_snapshot *s, const char *key,
                      const cn_loc *loc, attr_values *av) {
  const cn_case *c = E->c;
  size_t n = (size_t)s->n + 1;
  av->cat = cn_arena_alloc(E->arena, sizeof *av->cat * n);
  av->num = cn_arena_alloc(E->arena, sizeof *av->num * n);
  av->labels = cn_arena_alloc(E->arena, sizeof *av->labels * n);
  av->ncat = 0;
  av->any_name = 0;
  int any_num = 0;
  const cn_name **names = cn_arena_alloc(E->arena, sizeof *names * n);
  int kind = strcmp(key, "kind") == 0;
  for (int32_t v = 0; v < s->n; v++) {
    av->cat[v] = -1;
    av->num[v] = NAN;
    int32_t a = s->vertex_actor[v];
    if (a < 0)
      continue; /* a collapsed group has no one value */
    const cn_actor *ac = &c->actors.items[a];
    const cn_name *name = NULL;
    cn_value label = cn_nil();
    if (kind) {
      if (ac->kind < 0)
        continue;
      name = c->kinds.items[ac->kind].name;
      label = cn_named(CN_V_KIND, c->kinds.items[ac->kind].name);
    } else {
      const cn_attr *at = cn_attrs_get(ac->attrs, key);
      if (!at)
        continue;
      const cn_ast *lit = at->value;
      if (lit->kind == CN_AST_NUM ||
          (lit->kind == CN_AST_UNOP && lit->u.binop.lhs &&
           lit->u.binop.lhs->kind == CN_AST_NUM)) {
        double x = lit->kind == CN_AST_NUM ? lit->u.num : -lit->u.binop.lhs->u.num;
        av->num[v] = x;
        any_num = 1;
        label = cn_num(x);
        /* a number is also a category, by its value */
        int32_t k = 0;
        while (k < av->ncat && !(names[k] == NULL && av->labels[k].u.num == x))
          k++;
        if (k == av->ncat) {
          names[k] = NULL;
          av->labels[av->ncat++] = label;
        }
        av->cat[v] = k;
        continue;
      }
      if (lit->kind == CN_AST_NAME)
        name = lit->u.name, label = cn_named(CN_V_SYMBOL, lit->u.name);
      else if (lit->kind == CN_AST_STR)
        name = lit->u.str, label = cn_str(lit->u.str->str);
      else if (lit->kind == CN_AST_BOOL)
        name = cn_intern_cstr(&E->c->names, lit->u.boolean ? "true" : "false"),
        label = cn_bool(lit->u.boolean);
      else
        cn_eval_fail(E, loc, "by= groups the actors by an attribute with one value each",
                     "actor '%s' has a list as its '%s'", ac->name->str, key);
    }
    av->any_name = 1;
    int32_t k = 0;
    while (k < av->ncat && names[k] != name)
      k++;
    if (k == av->ncat) {
      names[k] = name;
      av->labels[av->ncat++] = label;
    }
    av->cat[v] = k;
  }
  av->numeric = any_num && !av->any_name;
}

/* by=ATTR: the attribute's name, checked to exist; NULL when not given. */
static const char *by_arg(cn_eval *E, cn_call *call, const cn_loc **loc) {
  const cn_value *v = cn_arg_named(call, "by", loc);
  if (!v)
    return NULL;
  const char *key = cn_arg_string(E, v, *loc);
  if (!cn_actor_attr_exists(E->c, key))
    cn_eval_fail(E, *loc, cn_actor_attr_hint(E, key),
                 "no actor has an attribute '%s'", key);
  return key;
}

/* ---- equivalence(a?, b?, sel…, method=) and blocks(k=, sel…, method=) ---- */

/* Equivalence compares every two actors and keeps an n×n matrix (two for
 * blocks()): 5,000 actors take 200 MB. */
enum { EQUIV_MAX = 5000 };

static double *equivalence_matrix(cn_eval *E, cn_call *call,
                                  const cn_snapshot *s, cn_equiv_method m) {
  if (s->n > EQUIV_MAX)
    cn_eval_fail(E, &call->node->loc,
                 "select fewer actors: a stage=, layer=, isolates=false or "
                 "an attribute such as kind=",
                 "%s() compares every two actors: %d actors are too many "
                 "(at most %d)",
                 call->fn, s->n, EQUIV_MAX);
  size_t n = (size_t)s->n;
  double *d = cn_arena_alloc(E->arena, sizeof *d * (n * n + 1));
  cn_measure_status(E, call, cn_measure_equivalence(&s->g, m, d));
  return d;
}

static cn_value f_equivalence(cn_eval *E, cn_call *call) {
  cn_equiv_method m = method_arg(E, call);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_done(E, call);
  cn_arg_count(E, call);
  if (call->npos == 1)
    cn_eval_fail(E, &call->pos_loc[0],
                 "give two actors for their equivalence, or none for every pair",
                 "equivalence() takes two actors or none, not one");
  size_t n = (size_t)s->n;
  double *d = equivalence_matrix(E, call, s, m);
  if (call->npos == 2) {
    int32_t a = cn_arg_vertex(E, s, &call->pos[0], &call->pos_loc[0]);
    int32_t b = cn_arg_vertex(E, s, &call->pos[1], &call->pos_loc[1]);
    return cn_num(a < 0 || b < 0 ? NAN : d[(size_t)a * n + (size_t)b]);
  }
  const char *const cols[] = {"a", "b",
                              m == CN_EQUIV_EUCLIDEAN ? "distance" : "correlation"};
  cn_name **keys = cn_keys(&E->c->names, E->arena, cols, 3);
  cn_value t = cn_list_new(E->arena, (int64_t)(n * (n - (n > 0)) / 2));
  int64_t r = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++) {
      cn_value row = cn_row(E->arena, keys, 3);
      row.u.rec->vals[0] = cn_vertex_value(s, (int32_t)i);
      row.u.rec->vals[1] = cn_vertex_value(s, (int32_t)j);
      row.u.rec->vals[2] = cn_num(d[i * n + j]);
      t.u.list->items[r++] = row;
    }
  return t;
}

static cn_value f_blocks(cn_eval *E, cn_call *call) {
  cn_equiv_method m = method_arg(E, call);
  const cn_loc *kloc;
  const cn_value *kv = cn_arg_named(call, "k", &kloc);
  const char *hint = "k= is how many positions to cluster the actors into";
  if (!kv)
    cn_eval_fail(E, &call->node->loc, hint, "blocks() needs k=, the number of positions");
  if (kv->t != CN_V_NUM || !whole(kv->u.num, 1, INT32_MAX))
    cn_eval_fail(E, kloc, hint, "k is a whole number ≥ 1");
  int32_t k = (int32_t)kv->u.num;
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_done(E, call);
  cn_arg_count(E, call);
  if (k > s->n)
    cn_eval_fail(E, kloc,
                 s->n ? cn_arena_printf(E->arena, "k= is 1 to %d here", s->n)
                      : "this selection has no actors",
                 "k=%d is more than the %d actors of this network", k, s->n);
  size_t n = (size_t)s->n;
  double *d = equivalence_matrix(E, call, s, m);
  if (m == CN_EQUIV_CORRELATION) /* a dissimilarity, as equiv.clust codes it */
    for (size_t i = 0; i < n * n; i++)
      d[i] = -d[i];
  int32_t *block = cn_arena_alloc(E->arena, sizeof *block * (n + 1));
  cn_measure_status(E, call, cn_measure_blocks(d, s->n, k, block));
  static const char *const cols[] = {"actor", "block"};
  cn_name **keys = cn_keys(&E->c->names, E->arena, cols, 2);
  cn_value t = cn_list_new(E->arena, s->n);
  for (int32_t v = 0; v < s->n; v++) {
    cn_value row = cn_row(E->arena, keys, 2);
    row.u.rec->vals[0] = cn_vertex_value(s, v);
    row.u.rec->vals[1] = cn_num(block[v]);
    t.u.list->items[v] = row;
  }
  return t;
}

/* ---- ei_index(by=, sel…) and assortativity(sel…, by=, directed=) ---- */

static double ei(int64_t internal, int64_t external) {
  return internal + external ? (double)(external - internal) /
                                   (double)(internal + external)
                             : NAN;
}

static cn_value f_ei_index(cn_eval *E, cn_call *call) {
  const cn_loc *loc;
  const char *key = by_arg(E, call, &loc);
  if (!key)
    cn_eval_fail(E, &call->node->loc, "write e.g. ei_index(by=place)",
                 "ei_index() needs by=, the attribute that makes the groups");
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_done(E, call);
  cn_arg_count(E, call);
  attr_values av;
  attr_read(E, s, key, loc, &av);
  size_t G = (size_t)av.ncat + 1;
  int64_t *in = cn_arena_alloc(E->arena, sizeof *in * G);
  int64_t *ex = cn_arena_alloc(E->arena, sizeof *ex * G);
  int32_t *size = cn_arena_alloc(E->arena, sizeof *size * G);
  int64_t within, between;
  cn_measure_ei(&s->g, av.cat, av.ncat, in, ex, &within, &between);
  memset(size, 0, sizeof *size * G);
  for (int32_t v = 0; v < s->n; v++)
    if (av.cat[v] >= 0)
      size[av.cat[v]]++;
  static const char *const gcols[] = {"group", "actors", "internal", "external", "ei"};
  cn_name **gkeys = cn_keys(&E->c->names, E->arena, gcols, 5);
  cn_value groups = cn_list_new(E->arena, av.ncat);
  for (int32_t c = 0; c < av.ncat; c++) {
    cn_value row = cn_row(E->arena, gkeys, 5);
    cn_value *val = row.u.rec->vals;
    val[0] = av.labels[c];
    val[1] = cn_num(size[c]);
    val[2] = cn_num((double)in[c]);
    val[3] = cn_num((double)ex[c]);
    val[4] = cn_num(ei(in[c], ex[c]));
    groups.u.list->items[c] = row;
  }
  static const char *const cols[] = {"ei", "internal", "external", "groups"};
  cn_value out = cn_row(E->arena, cn_keys(&E->c->names, E->arena, cols, 4), 4);
  out.u.rec->vals[0] = cn_num(ei(within, between));
  out.u.rec->vals[1] = cn_num((double)within);
  out.u.rec->vals[2] = cn_num((double)between);
  out.u.rec->vals[3] = groups;
  return out;
}

static cn_value f_assortativity(cn_eval *E, cn_call *call) {
  const cn_loc *loc;
  const char *key = by_arg(E, call, &loc);
  int directed = directed_arg(E, call);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_done(E, call);
  cn_arg_count(E, call);
  if (!key)
    return cn_num(cn_measure_assortativity_degree(&s->g, directed));
  attr_values av;
  attr_read(E, s, key, loc, &av);
  if (av.numeric)
    return cn_num(cn_measure_assortativity_values(&s->g, directed, av.num, av.num));
  for (int32_t v = 0; v < s->n; v++)
    if (!isnan(av.num[v]))
      cn_eval_fail(E, loc,
                   "an attribute is numeric when every value is a number, "
                   "categorical when none is",
                   "'%s' mixes numbers and names", key);
  return cn_num(cn_measure_assortativity_nominal(&s->g, directed, av.cat, av.ncat));
}

/* ---- qap(A, B, sel…, reps=, seed=) ---- */

static void free_graph(void *g) { cn_graph_free(g); }

/* A graph built from tie records, freed with the statement's arena (so that
 * an error raised later, which jumps, does not leak it). */
static const cn_graph *arena_graph(cn_eval *E, cn_call *call, int32_t n,
                                   const cn_graph_tie *t, size_t nt) {
  cn_graph *g = cn_arena_alloc(E->arena, sizeof *g);
  if (cn_graph_build(g, n, t, nt) != 0)
    cn_measure_status(E, call, CN_MEASURE_NOMEM);
  cn_arena_defer(E->arena, free_graph, g);
  return g;
}

/* The binary directed graph of s's arcs among the vertices keep[0..m-1]
 * (vertex keep[i] of s becomes i). */
static const cn_graph *restrict_graph(cn_eval *E, cn_call *call,
                                      const cn_snapshot *s,
                                      const int32_t *keep, int32_t m) {
  int32_t *pos = cn_arena_alloc(E->arena, sizeof *pos * ((size_t)s->n + 1));
  for (int32_t v = 0; v < s->n; v++)
    pos[v] = -1;
  for (int32_t i = 0; i < m; i++)
    pos[keep[i]] = i;
  const cn_graph *g = &s->g;
  cn_graph_tie *t = cn_arena_alloc(E->arena, sizeof *t * ((size_t)g->out_off[g->n] + 1));
  size_t nt = 0;
  for (int32_t u = 0; u < g->n; u++)
    for (int64_t e = g->out_off[u]; e < g->out_off[u + 1]; e++)
      if (pos[u] >= 0 && pos[g->out_adj[e]] >= 0) {
        t[nt].u = pos[u], t[nt].v = pos[g->out_adj[e]];
        t[nt].w = 1, t[nt].directed = 1;
        nt++;
      }
  return arena_graph(E, call, m, t, nt);
}

/* The value of a QAP test as a record. */
static cn_value qap_record(cn_eval *E, const cn_qap_result *q, int32_t n) {
  static const char *const cols[] = {"r", "p_ge", "p_le", "reps", "exact", "actors"};
  cn_value out = cn_row(E->arena, cn_keys(&E->c->names, E->arena, cols, 6), 6);
  cn_value *val = out.u.rec->vals;
  val[0] = cn_num(q->r);
  val[1] = cn_num(q->p_ge);
  val[2] = cn_num(q->p_le);
  val[3] = cn_num(q->reps);
  val[4] = cn_bool(q->exact);
  val[5] = cn_num(n);
  return out;
}

/* One of qap's two networks, narrowed by the call's selection arguments. */
static cn_snapshot *qap_net(cn_eval *E, cn_call *call, int i,
                            const unsigned char *used) {
  if (call->npos <= i || call->pos[i].t != CN_V_NET)
    cn_eval_fail(E, call->npos > i ? &call->pos_loc[i] : &call->node->loc,
                 "write qap(net(layer=交易), net(layer=政策)) or "
                 "qap(net(stage=S1), net(stage=S2))",
                 "qap() compares two networks: its %s argument is %s",
                 i == 0 ? "first" : "second",
                 call->npos > i ? cn_type_name(call->pos[i].t) : "missing");
  cn_call one = *call;
  one.pos = call->pos + i;
  one.pos_loc = call->pos_loc + i;
  one.npos = 1;
  memcpy(call->used, used, (size_t)call->nnamed);
  return cn_snapshot_of_call(E, &one);
}

static cn_value f_qap(cn_eval *E, cn_call *call) {
  int asked;
  int64_t reps;
  uint64_t seed;
  cn_qap_options(E, call, &reps, &seed, &asked);
  unsigned char *used = cn_arena_alloc(E->arena, (size_t)call->nnamed + 1);
  memcpy(used, call->used, (size_t)call->nnamed);
  cn_snapshot *a = qap_net(E, call, 0, used);
  cn_snapshot *b = qap_net(E, call, 1, used);
  if (call->npos > 2)
    cn_eval_fail(E, &call->pos_loc[2], NULL,
                 "qap() takes two networks, not %d arguments", call->npos);
  cn_arg_done(E, call);
  /* the actors of both, in a's vertex order */
  int32_t *ka = cn_arena_alloc(E->arena, sizeof *ka * ((size_t)a->n + 1));
  int32_t *kb = cn_arena_alloc(E->arena, sizeof *kb * ((size_t)a->n + 1));
  int32_t m = 0;
  for (int32_t v = 0; v < a->n; v++) {
    cn_value who = cn_vertex_value(a, v);
    int32_t w = cn_snapshot_vertex_of(b, &who);
    /* the same actor (or group) in both: a member that b folds into its
     * group is not b's group, or several of a's actors would be one */
    if (w >= 0 && b->vertex_actor[w] == a->vertex_actor[v])
      ka[m] = v, kb[m] = w, m++;
  }
  int exact = exact_wanted(E, call, asked, reps, m);
  const cn_graph *ga = restrict_graph(E, call, a, ka, m);
  const cn_graph *gb = restrict_graph(E, call, b, kb, m);
  cn_qap_result q;
  cn_measure_status(E, call, cn_qap(ga, gb, reps, seed, exact, &q));
  return qap_record(E, &q, m);
}

void cn_qap_options(cn_eval *E, cn_call *call, int64_t *reps, uint64_t *seed,
                    int *exact) {
  *reps = reps_arg(E, call, exact);
  *seed = seed_arg(E, call);
}

/* For nesting(): the QAP test of two layers of a snapshot (natives_change.c). */
int cn_qap_layers(cn_eval *E, cn_call *call, const cn_snapshot *s, int32_t la,
                  int32_t lb, int64_t reps, uint64_t seed, int exact,
                  cn_qap_result *out) {
  int ex = exact_wanted(E, call, exact, reps, s->n);
  const cn_graph *g[2];
  int32_t layer[2] = {la, lb};
  cn_graph_tie *t = cn_arena_alloc(E->arena, sizeof *t * ((size_t)s->nties + 1));
  for (int x = 0; x < 2; x++) {
    size_t nt = 0;
    for (int64_t i = 0; i < s->nties; i++) {
      const cn_tie *tie = &E->c->ties.items[s->ties[i]];
      if (tie->layer != layer[x])
        continue;
      t[nt].u = s->actor_vertex[tie->from], t[nt].v = s->actor_vertex[tie->to];
      t[nt].w = 1, t[nt].directed = tie->directed;
      nt++;
    }
    g[x] = arena_graph(E, call, s->n, t, nt);
  }
  return cn_qap(g[0], g[1], reps, seed, ex, out);
}

/* ---- cug(MEASURE, sel…, given=, reps=, seed=, directed=) ---- */

static int stat_density(const cn_graph *g, int directed, void *ctx, double *out) {
  (void)ctx;
  *out = cn_measure_density(g, directed);
  return CN_MEASURE_OK;
}

static int stat_assortativity(const cn_graph *g, int directed, void *ctx,
                              double *out) {
  (void)ctx;
  *out = cn_measure_assortativity_degree(g, directed);
  return CN_MEASURE_OK;
}

/* Freeman's centralization of the values c (n of them): Σ (max - c_v)
 * over the star's sum, `star`. */
static double freeman(const double *c, int32_t n, double star) {
  double max = -INFINITY, sum = 0;
  for (int32_t v = 0; v < n; v++)
    max = fmax(max, c[v]);
  for (int32_t v = 0; v < n; v++)
    sum += max - c[v];
  return n >= 3 ? sum / star : NAN;
}

/* Undirected Freeman centralization of degree, or of raw betweenness, as
 * sna's centralization(…, mode="graph"): the star's sums are (n-1)(n-2) and
 * (n-1)^2 (n-2) / 2.  (Issue 13's centralization() of runtime/net can take
 * these over once both halves are merged.) */
static int centralization(const cn_graph *g, int betweenness, double *out) {
  int32_t n = g->n;
  double *c = malloc(sizeof *c * ((size_t)n + 1));
  if (!c)
    return CN_MEASURE_NOMEM;
  int rc = CN_MEASURE_OK;
  double star = (double)(n - 1) * (n - 2);
  if (betweenness) {
    rc = cn_measure_betweenness(g, 0, CN_LEN_HOPS, 0, c);
    star *= (double)(n - 1) / 2;
  } else {
    for (int32_t v = 0; v < n; v++)
      c[v] = (double)(g->und_off[v + 1] - g->und_off[v]);
  }
  if (rc == CN_MEASURE_OK)
    *out = freeman(c, n, star);
  free(c);
  return rc;
}

static int stat_degree_centralization(const cn_graph *g, int directed,
                                      void *ctx, double *out) {
  (void)ctx, (void)directed;
  return centralization(g, 0, out);
}

static int stat_betweenness_centralization(const cn_graph *g, int directed,
                                           void *ctx, double *out) {
  (void)ctx, (void)directed;
  return centralization(g, 1, out);
}

/* The graph-level values cug() tests. */
static const struct {
  const char *name;
  cn_graph_stat fn;
  int undirected_only;
} cug_stats[] = {
    {"density", stat_density, 0},
    {"assortativity", stat_assortativity, 0},
    {"degree_centralization", stat_degree_centralization, 1},
    {"betweenness_centralization", stat_betweenness_centralization, 1},
};

static cn_value f_cug(cn_eval *E, cn_call *call) {
  int exact;
  int64_t reps;
  uint64_t seed;
  cn_qap_options(E, call, &reps, &seed, &exact);
  const cn_loc *gloc;
  const cn_value *gv = cn_arg_named(call, "given", &gloc);
  const char *given_name = gv ? cn_arg_string(E, gv, gloc) : "edges";
  cn_cug_given given = CN_CUG_EDGES;
  if (strcmp(given_name, "size") == 0)
    given = CN_CUG_SIZE;
  else if (strcmp(given_name, "dyads") == 0)
    given = CN_CUG_DYADS;
  else if (strcmp(given_name, "edges") != 0)
    cn_eval_fail(E, gloc,
                 "given is \"size\" (random graphs of as many actors), "
                 "\"edges\" (and as many ties) or \"dyads\" (and the same "
                 "mutual, one-way and empty pairs)",
                 "unknown given '%s'", given_name);
  int directed = directed_arg(E, call);
  if (call->npos == 2 && call->pos[1].t == CN_V_NET) {
    /* cug(MEASURE, net(…)): the network first, where the snapshot is taken */
    cn_value *pos = cn_arena_alloc(E->arena, sizeof *pos * 2);
    cn_loc *loc = cn_arena_alloc(E->arena, sizeof *loc * 2);
    pos[0] = call->pos[1], pos[1] = call->pos[0];
    loc[0] = call->pos_loc[1], loc[1] = call->pos_loc[0];
    call->pos = pos, call->pos_loc = loc;
  }
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_done(E, call);
  cn_arg_count(E, call);
  if (exact)
    cn_eval_fail(E, &call->node->loc, "give reps=N random graphs",
                 "cug() draws random graphs: reps=\"exact\" is for qap()");
  const char *name = cn_arg_string(E, &call->pos[0], &call->pos_loc[0]);
  size_t k = 0, nstats = sizeof cug_stats / sizeof *cug_stats;
  while (k < nstats && strcmp(cug_stats[k].name, name) != 0)
    k++;
  if (k == nstats)
    cn_eval_fail(E, &call->pos_loc[0],
                 "cug() tests \"density\", \"assortativity\", "
                 "\"degree_centralization\" or \"betweenness_centralization\"",
                 "unknown measure '%s'", name);
  if (directed && cug_stats[k].undirected_only)
    cn_eval_fail(E, &call->node->loc, "leave directed= out",
                 "%s is measured on undirected ties only", name);
  cn_cug_result r;
  cn_measure_status(E, call, cn_cug(&s->g, directed, given, cug_stats[k].fn,
                                    NULL, reps, seed, &r));
  static const char *const cols[] = {"measure", "observed", "p_ge", "p_le",
                                     "mean", "sd", "reps", "given"};
  cn_value out = cn_row(E->arena, cn_keys(&E->c->names, E->arena, cols, 8), 8);
  cn_value *val = out.u.rec->vals;
  val[0] = cn_str(cug_stats[k].name);
  val[1] = cn_num(r.observed);
  val[2] = cn_num(r.p_ge);
  val[3] = cn_num(r.p_le);
  val[4] = cn_num(r.mean);
  val[5] = cn_num(r.sd);
  val[6] = cn_num(r.reps);
  val[7] = cn_str(given_name);
  return out;
}

#define METHOD CN_KEY("method", CN_A_WORD, "\"euclidean\"", "\"correlation\"")
#define BY CN_KEY("by", CN_A_TEXT, NULL, NULL)

const cn_native cn_natives_position[] = {
    {"equivalence", CN_ARGS(CN_OPT("a", CN_A_ACTOR), CN_OPT("b", CN_A_ACTOR), METHOD), 1,
     "structural equivalence of every two actors (of a and b if given) as sna's sedist on the binary ties: euclidean distance or correlation of their rows and columns, the cells between the two left out", f_equivalence},
    {"blocks", CN_ARGS(CN_KEY("k", CN_A_NUMBER, NULL, NULL), METHOD), 1,
     "the actors clustered into k positions by structural equivalence: complete-linkage hierarchical clustering, as sna's equiv.clust with R's hclust and cutree", f_blocks},
    {"ei_index", CN_ARGS(BY), 1,
     "Krackhardt & Stern's E-I index (external - internal) / (external + internal) of the groups of attribute by: whole network and per group, one tie per pair", f_ei_index},
    {"assortativity", CN_ARGS(BY, CN_KEY("directed", CN_A_BOOL, "false", NULL)), 1,
     "degree assortativity, or by an attribute (categorical: Newman's r; numeric: correlation), as NetworkX and igraph; directed: out-degree of the tail against in-degree of the head", f_assortativity},
    {"qap", CN_ARGS(CN_POS("A", CN_A_ANY), CN_POS("B", CN_A_ANY),
                    CN_KEY("reps", CN_A_NUMBER, "1000", "\"exact\""),
                    CN_KEY("seed", CN_A_NUMBER, "0", NULL)), 1,
     "QAP correlation of two networks over their common actors, with the share of random relabellings at least (p_ge) and at most (p_le) as high, as sna's qaptest with gcor; exact when n! <= reps", f_qap},
    {"cug", CN_ARGS(CN_POS("measure", CN_A_WORD),
                    CN_KEY("given", CN_A_WORD, "\"edges\"", "\"size\"|\"dyads\""),
                    CN_KEY("reps", CN_A_NUMBER, "1000", NULL),
                    CN_KEY("seed", CN_A_NUMBER, "0", NULL),
                    CN_KEY("directed", CN_A_BOOL, "false", NULL)), 1,
     "conditional uniform graph test of \"density\", \"assortativity\", \"degree_centralization\" or \"betweenness_centralization\" (sna's cug.test): the share of random graphs with as many actors (and ties, or dyad census) whose value is at least (p_ge) or at most (p_le) the observed one", f_cug},
};
const size_t cn_natives_position_n =
    sizeof cn_natives_position / sizeof *cn_natives_position;
