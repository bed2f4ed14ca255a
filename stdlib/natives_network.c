/* natives_network.c — eigenvector, Bonacich and PageRank centrality, the
 * whole-network numbers (centralization, transitivity, diameter, average
 * distance, reciprocity), clustering, k-cores and cliques, as functions of
 * a selection.  As in natives_measures.c, every option is read before the
 * snapshot, so that none is taken for a selection by an actor attribute;
 * docs/measures.md ("Whole network, spectral centrality and cohesion") has
 * the conventions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "cohesion.h"
#include "snapshot.h"
#include "spectral.h"
#include "wholenet.h"

/* ---- options ---- */

/* The index of the word the named option `key` gives among words[] (a
 * NULL-terminated list), or dflt when the call does not give it. */
static int word_option(cn_eval *E, cn_call *call, const char *key,
                       const char *const *words, int dflt, const char *hint) {
  const cn_loc *loc;
  const cn_value *v = cn_arg_named(call, key, &loc);
  if (!v)
    return dflt;
  if (v->t != CN_V_STR && !(v->t >= CN_V_ACTOR && v->t <= CN_V_SYMBOL))
    cn_eval_fail(E, loc, hint, "%s is a word, not %s", key, cn_type_name(v->t));
  const char *s = cn_arg_string(E, v, loc);
  for (int i = 0; words[i]; i++)
    if (strcmp(s, words[i]) == 0)
      return i;
  cn_eval_fail(E, loc, hint, "unknown %s '%s'", key, s);
}

static const char *const weight_words[] = {"none", "strength", NULL};

/* weights="none" (1 per tie) or "strength" (summed tie weights). */
static int weighted_option(cn_eval *E, cn_call *call) {
  return word_option(E, call, "weights", weight_words, 0,
                     "weights is \"none\" (one per tie) or \"strength\" (the "
                     "summed weight of the ties joining a pair)");
}

static int bool_option(cn_eval *E, cn_call *call, const char *key, int dflt) {
  const cn_loc *loc;
  const cn_value *v = cn_arg_named(call, key, &loc);
  return v ? cn_arg_bool(E, v, loc) : dflt;
}

/* A number option within [lo, hi] (whole when whole is set). */
static double number_option(cn_eval *E, cn_call *call, const char *key,
                            double dflt, double lo, double hi, int whole,
                            const char *what) {
  const cn_loc *loc;
  const cn_value *v = cn_arg_named(call, key, &loc);
  if (!v)
    return dflt;
  if (v->t != CN_V_NUM)
    cn_eval_fail(E, loc, NULL, "%s is %s, not %s", key, what,
                 cn_type_name(v->t));
  double x = v->u.num;
  if (!(x >= lo && x <= hi) || (whole && x != floor(x)))
    cn_eval_fail(E, loc, NULL, "%s is %s, not %g", key, what, x);
  return x;
}

/* The snapshot of the call, once its options are read. */
static cn_snapshot *snapshot(cn_eval *E, cn_call *call) {
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_done(E, call);
  cn_arg_count(E, call);
  return s;
}

static double *scratch(cn_eval *E, const cn_snapshot *s) {
  return cn_arena_alloc(E->arena, sizeof(double) * (size_t)(s->n + 1));
}

/* CN_MEASURE_NOCONV, then the statuses of every measure. */
static void status(cn_eval *E, cn_call *call, int rc) {
  if (rc == CN_MEASURE_NOCONV)
    cn_eval_fail(E, &call->node->loc,
                 strcmp(call->fn, "pagerank") == 0
                     ? "with damping=1 a walk can swing for ever between two "
                       "sides of the network: use a damping below 1"
                     : "the leading eigenvalue is shared or nearly so (a "
                       "directed network whose cycles lie one after another)",
                 "%s() did not settle after %d steps", call->fn,
                 CN_SPECTRAL_MAX_ITER);
  cn_measure_status(E, call, rc);
}

/* ---- centrality ---- */

static const char *const scale_words[] = {"max", "norm", NULL};

static cn_value f_eigenvector(cn_eval *E, cn_call *call) {
  cn_mode mode = cn_arg_mode(E, call);
  int weighted = weighted_option(E, call);
  int scale = word_option(E, call, "scale", scale_words, 0,
                          "scale is \"max\" (largest value 1, as igraph) or "
                          "\"norm\" (unit length, as NetworkX and sna)");
  cn_snapshot *s = snapshot(E, call);
  double *vals = scratch(E, s);
  status(E, call,
         cn_measure_eigenvector(&s->g, mode, weighted,
                                scale ? CN_SCALE_NORM : CN_SCALE_MAX, vals,
                                NULL));
  return cn_measure_result(E, call, s, vals);
}

static cn_value f_bonacich(cn_eval *E, cn_call *call) {
  const cn_loc *bloc = NULL;
  cn_arg_named(call, "beta", &bloc);
  double beta = number_option(E, call, "beta", 1.0, -1e300, 1e300, 0,
                              "a number (the attenuation)");
  int directed = bool_option(E, call, "directed", 0);
  cn_snapshot *s = snapshot(E, call);
  double *vals = scratch(E, s);
  int rc = cn_measure_bonacich(&s->g, directed, beta, vals);
  if (rc == CN_MEASURE_SINGULAR)
    cn_eval_fail(E, bloc ? bloc : &call->node->loc,
                 "beta is 1 / an eigenvalue of this network: choose another, "
                 "e.g. below 1 / the largest eigenvalue",
                 "I - beta·A has no inverse for beta=%g", beta);
  status(E, call, rc);
  return cn_measure_result(E, call, s, vals);
}

static cn_value f_pagerank(cn_eval *E, cn_call *call) {
  double d = number_option(E, call, "damping", 0.85, 0.0, 1.0, 0,
                           "a probability from 0 to 1");
  int directed = bool_option(E, call, "directed", 0);
  int weighted = weighted_option(E, call);
  cn_snapshot *s = snapshot(E, call);
  double *vals = scratch(E, s);
  status(E, call, cn_measure_pagerank(&s->g, directed, weighted, d, vals));
  return cn_measure_result(E, call, s, vals);
}

/* ---- the whole network ---- */

static const char *const centr_words[] = {"degree", "betweenness",
                                          "closeness", "eigenvector", NULL};

static cn_value f_centralization(cn_eval *E, cn_call *call) {
  const cn_loc *mloc, *dloc;
  const cn_value *mode_v = cn_arg_named(call, "mode", &mloc);
  const cn_value *dir_v = cn_arg_named(call, "directed", &dloc);
  cn_mode mode = cn_arg_mode(E, call);
  int directed = dir_v ? cn_arg_bool(E, dir_v, dloc) : 0;
  cn_snapshot *s = snapshot(E, call);
  const char *hint = "centralization of \"degree\", \"betweenness\", "
                     "\"closeness\" or \"eigenvector\"";
  const cn_value *m = &call->pos[0];
  if (m->t != CN_V_STR && !(m->t >= CN_V_ACTOR && m->t <= CN_V_SYMBOL))
    cn_eval_fail(E, &call->pos_loc[0], hint, "the measure is a word, not %s",
                 cn_type_name(m->t));
  const char *name = cn_arg_string(E, m, &call->pos_loc[0]);
  int which = -1;
  for (int i = 0; centr_words[i]; i++)
    if (strcmp(name, centr_words[i]) == 0)
      which = i;
  if (which < 0)
    cn_eval_fail(E, &call->pos_loc[0], hint, "no centralization of '%s'", name);
  if (mode_v && which != CN_CENTR_DEGREE && which != CN_CENTR_EIGENVECTOR)
    cn_eval_fail(E, mloc, which == CN_CENTR_BETWEENNESS ? "write directed=true" : NULL,
                 "mode= goes with \"degree\" and \"eigenvector\", not \"%s\"", name);
  if (dir_v && which != CN_CENTR_BETWEENNESS)
    cn_eval_fail(E, dloc, "write mode=\"in\" or mode=\"out\"",
                 "directed= goes with \"betweenness\", not \"%s\"", name);
  double *c = scratch(E, s);
  int32_t n = s->n;
  int rc = CN_MEASURE_OK;
  switch (which) {
  case CN_CENTR_DEGREE: {
    int32_t *deg = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(n + 1));
    cn_measure_degree(&s->g, mode, deg);
    for (int32_t v = 0; v < n; v++)
      c[v] = deg[v];
    directed = mode != CN_MODE_ALL;
    break;
  }
  case CN_CENTR_BETWEENNESS:
    rc = cn_measure_betweenness(&s->g, directed, CN_LEN_HOPS, 0, c);
    break;
  case CN_CENTR_CLOSENESS:
    rc = cn_measure_closeness(&s->g, CN_MODE_ALL, CN_LEN_HOPS, c);
    break;
  default:
    rc = cn_measure_eigenvector(&s->g, mode, 0, CN_SCALE_MAX, c, NULL);
    directed = mode != CN_MODE_ALL;
    break;
  }
  status(E, call, rc);
  return cn_num(cn_centralization(
      c, n, cn_centralization_tmax((cn_centr)which, n, directed)));
}

static cn_value f_transitivity(cn_eval *E, cn_call *call) {
  cn_snapshot *s = snapshot(E, call);
  int rc;
  double t = cn_measure_transitivity(&s->g, &rc);
  status(E, call, rc);
  return cn_num(t);
}

static cn_value f_clustering(cn_eval *E, cn_call *call) {
  int weighted = weighted_option(E, call);
  cn_snapshot *s = snapshot(E, call);
  double *vals = scratch(E, s);
  status(E, call, cn_measure_clustering(&s->g, weighted, vals));
  return cn_measure_result(E, call, s, vals);
}

static cn_value distances(cn_eval *E, cn_call *call, int average) {
  int directed = bool_option(E, call, "directed", 0);
  cn_snapshot *s = snapshot(E, call);
  cn_distance_summary d;
  status(E, call, cn_measure_distances(&s->g, directed, &d));
  if (s->n == 0)
    return cn_num(NAN);
  if (average)
    return cn_num(d.pairs > 0 ? d.total / d.pairs : NAN);
  return cn_num(d.longest);
}

static cn_value f_diameter(cn_eval *E, cn_call *call) { return distances(E, call, 0); }
static cn_value f_avg_distance(cn_eval *E, cn_call *call) { return distances(E, call, 1); }

static cn_value f_reciprocity(cn_eval *E, cn_call *call) {
  cn_snapshot *s = snapshot(E, call);
  return cn_num(cn_measure_reciprocity(&s->g));
}

/* ---- cohesion ---- */

static cn_value f_coreness(cn_eval *E, cn_call *call) {
  cn_mode mode = cn_arg_mode(E, call);
  cn_snapshot *s = snapshot(E, call);
  int32_t *core = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(s->n + 1));
  status(E, call, cn_measure_coreness(&s->g, mode, core));
  double *vals = scratch(E, s);
  for (int32_t v = 0; v < s->n; v++)
    vals[v] = core[v];
  return cn_measure_result(E, call, s, vals);
}

/* The cliques found, kept in the call's arena. */
typedef struct clique_list {
  cn_eval *E;
  int32_t **members;
  int32_t *size;
  int64_t n, cap;
} clique_list;

static int keep_clique(void *ctx, const int32_t *members, int32_t size) {
  clique_list *l = ctx;
  if (l->n == l->cap) {
    int64_t cap = l->cap ? 2 * l->cap : 64;
    int32_t **m = cn_arena_alloc(l->E->arena, sizeof *m * (size_t)cap);
    int32_t *sz = cn_arena_alloc(l->E->arena, sizeof *sz * (size_t)cap);
    if (l->n) {
      memcpy(m, l->members, sizeof *m * (size_t)l->n);
      memcpy(sz, l->size, sizeof *sz * (size_t)l->n);
    }
    l->members = m, l->size = sz, l->cap = cap;
  }
  int32_t *copy = cn_arena_alloc(l->E->arena, sizeof *copy * (size_t)size);
  memcpy(copy, members, sizeof *copy * (size_t)size);
  l->members[l->n] = copy;
  l->size[l->n++] = size;
  return 0;
}

typedef struct clique_ref {
  const int32_t *m;
  int32_t size;
} clique_ref;

/* Largest first; equal sizes in the order of their actors. */
static int cmp_cliques(const void *a, const void *b) {
  const clique_ref *x = a, *y = b;
  if (x->size != y->size)
    return y->size > x->size ? 1 : -1;
  for (int32_t i = 0; i < x->size; i++)
    if (x->m[i] != y->m[i])
      return x->m[i] > y->m[i] ? 1 : -1;
  return 0;
}

static cn_value f_cliques(cn_eval *E, cn_call *call) {
  const cn_loc *loc;
  const cn_value *minv = cn_arg_named(call, "min", &loc);
  double min = number_option(E, call, "min", 3, 1, INT32_MAX, 1,
                             "a whole number ≥ 1 (the fewest actors in a clique)");
  cn_snapshot *s = snapshot(E, call);
  if (minv && min > s->n)
    cn_eval_fail(E, loc,
                 s->n ? cn_arena_printf(E->arena,
                                        "a clique has at most the %d actors "
                                        "of this network",
                                        s->n)
                      : "this selection has no actors",
                 "min=%g is more than the %d actors of this network", min,
                 s->n);
  clique_list l = {E, NULL, NULL, 0, 0};
  status(E, call, cn_measure_cliques(&s->g, (int32_t)min, keep_clique, &l));
  clique_ref *refs = cn_arena_alloc(E->arena, sizeof *refs * (size_t)(l.n + 1));
  for (int64_t i = 0; i < l.n; i++)
    refs[i].m = l.members[i], refs[i].size = l.size[i];
  qsort(refs, (size_t)l.n, sizeof *refs, cmp_cliques);
  cn_name *k[3] = {cn_intern_cstr(&E->c->names, "clique"),
                   cn_intern_cstr(&E->c->names, "size"),
                   cn_intern_cstr(&E->c->names, "actors")};
  cn_value t = cn_list_new(E->arena, l.n);
  for (int64_t i = 0; i < l.n; i++) {
    cn_value r = cn_record_new(E->arena, 3);
    memcpy(r.u.rec->keys, k, sizeof k);
    r.u.rec->vals[0] = cn_num((double)(i + 1));
    r.u.rec->vals[1] = cn_num(refs[i].size);
    cn_value a = cn_list_new(E->arena, refs[i].size);
    for (int32_t j = 0; j < refs[i].size; j++)
      a.u.list->items[j] = cn_vertex_value(s, refs[i].m[j]);
    r.u.rec->vals[2] = a;
    t.u.list->items[i] = r;
  }
  return t;
}

#define ACTOR_OPT CN_OPT("actor", CN_A_ACTOR)
#define MODE CN_KEY("mode", CN_A_WORD, "\"all\"", "\"in\"|\"out\"")
#define DIRECTED CN_KEY("directed", CN_A_BOOL, "false", NULL)
#define WEIGHTS CN_KEY("weights", CN_A_WORD, "\"none\"", "\"strength\"")

const cn_native cn_natives_network[] = {
    {"eigenvector",
     CN_ARGS(ACTOR_OPT, MODE, WEIGHTS,
             CN_KEY("scale", CN_A_WORD, "\"max\"", "\"norm\"")),
     1,
     "eigenvector centrality, largest value 1 (scale=\"norm\": unit length, as NetworkX); mode \"in\" follows directed ties as NetworkX and igraph; NaN for all when no tie (directed: no cycle)", f_eigenvector},
    {"bonacich",
     CN_ARGS(ACTOR_OPT, CN_KEY("beta", CN_A_NUMBER, "1", NULL), DIRECTED), 1,
     "Bonacich's power centrality (I - beta A)^-1 A 1, scaled to sum of squares n, as sna bonpow; negative beta rewards ties to weak actors", f_bonacich},
    {"pagerank",
     CN_ARGS(ACTOR_OPT, CN_KEY("damping", CN_A_NUMBER, "0.85", NULL), DIRECTED, WEIGHTS), 1,
     "PageRank with uniform teleport, summing to 1; directed: along the ties, an actor without out-ties spreads its share evenly (NetworkX, igraph)", f_pagerank},
    {"centralization",
     CN_ARGS({"measure", CN_A_WORD, NULL,
              "\"degree\"|\"betweenness\"|\"closeness\"|\"eigenvector\"",
              CN_P_POS | CN_P_REQUIRED},
             MODE, DIRECTED),
     1,
     "Freeman centralization of a measure: the summed gap to the top actor over that of the most centralized network of the same size (the star; eigenvector: one tie), as sna and igraph; NaN when the measure is NaN for an actor", f_centralization},
    {"transitivity", NULL, 1,
     "3 × triangles / connected triples, direction ignored; NaN without a triple", f_transitivity},
    {"clustering", CN_ARGS(ACTOR_OPT, WEIGHTS), 1,
     "local clustering: the share of pairs of an actor's contacts that are tied, NaN below two contacts; weights=\"strength\": NetworkX's weighted form", f_clustering},
    {"diameter", CN_ARGS(DIRECTED), 1,
     "the longest shortest path in steps between actors that reach each other (igraph's unconn=TRUE); 0 without ties", f_diameter},
    {"avg_distance", CN_ARGS(DIRECTED), 1,
     "mean steps over the pairs that reach each other (igraph's unconn=TRUE); NaN when none does", f_avg_distance},
    {"reciprocity", NULL, 1,
     "the share of directed ties returned (an undirected tie counts as returned); NaN without ties", f_reciprocity},
    {"coreness", CN_ARGS(ACTOR_OPT, MODE), 1,
     "k-core number: the largest k such that the actor is in a part where everyone has at least k contacts", f_coreness},
    {"cliques", CN_ARGS(CN_KEY("min", CN_A_NUMBER, "3", NULL)), 1,
     "maximal cliques of at least min actors, largest first: clique, size, actors (direction ignored)", f_cliques},
};
const size_t cn_natives_network_n =
    sizeof cn_natives_network / sizeof *cn_natives_network;
