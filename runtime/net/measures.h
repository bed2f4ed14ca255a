/* measures.h — network measures over a cn_graph (docs/measures.md has the formulas). */
#ifndef CN_MEASURES_H
#define CN_MEASURES_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "graph.h"
#include "progress.h"

/* Contracts shared by every function below:
 *  - The graph is only read, so several measures may run on one graph at
 *    the same time.
 *  - Per-vertex results go into caller-owned arrays of length g->n (indexed
 *    by vertex), unless a comment says otherwise.  Nothing returned by a
 *    measure needs to be freed.
 *  - Undefined values are NaN (math.h NAN), never 0.
 *  - Functions returning int report a status: CN_MEASURE_OK, CN_MEASURE_NOMEM
 *    (an allocation failed), or CN_MEASURE_INTERRUPTED.  After a status other
 *    than OK the output arrays hold unspecified values.
 *  - Results do not depend on the number of threads used. */

enum {
  CN_MEASURE_OK = 0,
  CN_MEASURE_NOMEM = -1,
  CN_MEASURE_INTERRUPTED = -2
};

/* cn_measure_interrupt (progress.h): set, a running long measure stops
 * and returns CN_MEASURE_INTERRUPTED. */

/* Which view a measure walks.  ALL = the und view (direction ignored). */
typedef enum { CN_MODE_OUT, CN_MODE_IN, CN_MODE_ALL } cn_mode;

/* One view of a graph as CSR arrays: offsets, neighbours, the pair's summed
 * strength w (und_s for ALL, a_ij for OUT and IN) and its shortest parallel
 * tie d (und_d, out_d, in_d). */
typedef struct cn_view {
  const int64_t *off;
  const int32_t *adj;
  const double *w;
  const double *d;
} cn_view;

static inline cn_view cn_graph_view(const cn_graph *g, cn_mode mode) {
  cn_view v;
  v.off = mode == CN_MODE_OUT ? g->out_off : mode == CN_MODE_IN ? g->in_off : g->und_off;
  v.adj = mode == CN_MODE_OUT ? g->out_adj : mode == CN_MODE_IN ? g->in_adj : g->und_adj;
  v.w = mode == CN_MODE_OUT ? g->out_w : mode == CN_MODE_IN ? g->in_w : g->und_s;
  v.d = mode == CN_MODE_OUT ? g->out_d : mode == CN_MODE_IN ? g->in_d : g->und_d;
  return v;
}

/* How long a tie is for path measures.  WEIGHT: the weight is a distance,
 * and parallel ties give the shortest of them (the view's d); INVWEIGHT: the
 * weight is a strength, and the length is 1 / the summed strength (the
 * view's w), so a pair tied in several layers is nearer. */
typedef enum { CN_LEN_HOPS, CN_LEN_WEIGHT, CN_LEN_INVWEIGHT } cn_len_mode;

/* ---- counts ------------------------------------------------------------ */

/* Number of distinct neighbours in the chosen view (ALL: contacts in either
 * direction, i.e. the binary projection). */
void cn_measure_degree(const cn_graph *g, cn_mode mode, int32_t *deg);
/* The degree of vertex i alone (its row of the view). */
int32_t cn_measure_degree_of(const cn_graph *g, cn_mode mode, int32_t i);

/* Summed tie weight: ALL = Σ_j und_s[i][j], OUT = Σ_j a_ij, IN = Σ_j a_ji. */
void cn_measure_strength(const cn_graph *g, cn_mode mode, double *s);
/* The strength of vertex i alone. */
double cn_measure_strength_of(const cn_graph *g, cn_mode mode, int32_t i);

/* Density of the binary projection: directed = out arcs / (n(n-1)),
 * undirected = 2·(und pairs) / (n(n-1)).  NaN when n < 2. */
double cn_measure_density(const cn_graph *g, int directed);

/* ---- Burt's structural holes (holes.c) -------------------------------- */

/* Every output may be NULL.  For each vertex i with contacts N(i) (und view):
 * constraint C_i, effective size ES_i (Burt's general form), efficiency
 * ES_i / |N(i)|, hierarchy (NaN when |N(i)| <= 1).  All NaN without contacts.
 * Cost Σ_q deg(q)^2; runs on several threads. */
int cn_measure_structural_holes(const cn_graph *g, double *constraint,
                                double *effsize, double *efficiency,
                                double *hierarchy);
int cn_measure_constraint(const cn_graph *g, double *constraint);
int cn_measure_effective_size(const cn_graph *g, double *effsize,
                              double *efficiency);
int cn_measure_hierarchy(const cn_graph *g, double *hierarchy);

/* The dyadic constraints c_ij of one ego: terms[k] belongs to the contact
 * g->und_adj[g->und_off[ego] + k]; the caller provides deg(ego) entries.
 * They sum (in that order) to exactly the constraint reported above.
 * Returns the number of contacts, or CN_MEASURE_NOMEM. */
int64_t cn_measure_constraint_terms(const cn_graph *g, int32_t ego,
                                    double *terms);

/* c_ij for one pair: NaN when i has no contacts, 0 when j is not a contact
 * of i (including j == i), else the same value constraint_terms gives.
 * Returns NaN also if memory runs out. */
double cn_measure_dyadic_constraint(const cn_graph *g, int32_t i, int32_t j);

/* Contact groups of ego: connected components of the ties among ego's
 * contacts (ego removed).  label[k] is the group of contact
 * g->und_adj[g->und_off[ego] + k]; groups are numbered 0, 1, … in order of
 * their first contact.  Returns the number of groups (0 for an isolate; >= 2
 * means ego spans a structural hole) or CN_MEASURE_NOMEM.  Costs
 * O(Σ_{q∈N(ego)} deg(q) · log deg(ego)) time and O(deg(ego)) memory. */
int32_t cn_measure_contact_groups(const cn_graph *g, int32_t ego,
                                  int32_t *label);

/* The number of contact groups of every vertex (threads). */
int cn_measure_contact_group_counts(const cn_graph *g, int32_t *ngroups);

/* ---- paths (centrality.c, measures.c) --------------------------------- */

/* The options of the path measures.  cn_path_defaults() gives the plain
 * measure; each function reads only the fields it names. */
typedef struct cn_path_opts {
  cn_len_mode len;
  double cutoff;          /* ignore paths longer than this (igraph's cutoff;
                             a vertex at exactly the cutoff counts); < 0 or
                             infinite: no limit */
  int normalized;
  int endpoints;          /* betweenness: the ends of a path count as on it */
  int wf_improved;        /* closeness: scale by (r-1)/(n-1) */
  const int32_t *sources; /* betweenness, harmonic: the paths' first ends;
                             NULL = every vertex */
  int32_t nsources;
  const int32_t *targets; /* betweenness: the paths' last ends; NULL = every
                             vertex */
  int32_t ntargets;
  int32_t k;              /* betweenness: > 0 samples k distinct sources
                             (0 < k <= n) and ignores `sources` */
  uint64_t seed;          /* the sample's seed */
} cn_path_opts;

static inline cn_path_opts cn_path_defaults(void) {
  cn_path_opts o = {CN_LEN_HOPS, -1.0, 1, 0, 0, NULL, 0, NULL, 0, 0, 0};
  return o;
}

/* Brandes betweenness.  directed == 0: und view, unordered pairs (the
 * ordered-pair sum halved); directed == 1: out view, ordered pairs.  Scaled
 * as NetworkX (>= 3.5) does, with N = n if endpoints else n - 1 and no
 * scaling when N < 2:
 *   normalized: 1 / (N (N-1)) on the ordered-pair sum, which is
 *     2 / ((n-1)(n-2)) undirected and 1 / ((n-1)(n-2)) directed;
 *   sampled (k < n): the sum over k sources estimates the full one: with
 *     endpoints scale by N / k, without by (n-1) / k, or (n-1) / (k-1) at a
 *     sampled vertex (NaN when k == 1), as well as the above.
 * sources / targets restrict the pairs (NetworkX's betweenness_subset).
 * Weighted lengths must be > 0; path lengths within a relative 1e-10 of
 * each other count as equal (igraph's rule). */
int cn_measure_betweenness_opts(const cn_graph *g, int directed,
                                const cn_path_opts *o, double *out);
/* The plain measure: cn_path_defaults() with len and normalized. */
int cn_measure_betweenness(const cn_graph *g, int directed, cn_len_mode len,
                           int normalized, double *out);

/* The k sources (0 < k <= n) that sampled betweenness draws for a seed, in
 * ascending order: a partial Fisher-Yates shuffle of 0..n-1 driven by
 * splitmix64 seeded with `seed`.  Returns CN_MEASURE_OK or NOMEM. */
int cn_measure_sample_sources(int32_t n, int32_t k, uint64_t seed,
                              int32_t *out);

/* Edge betweenness (Brandes; NetworkX's edge_betweenness_centrality): for
 * every arc e of the und view (directed == 0) or of the out view
 * (directed == 1), out[e] = the share of shortest paths that cross it.
 * Undirected, both arcs of a pair hold the pair's value: unordered pairs,
 * or over n(n-1)/2 when normalized; directed, ordered pairs, over n(n-1).
 * Reads len, cutoff and normalized.  out has und_off[n] or out_off[n]
 * entries. */
int cn_measure_tie_betweenness(const cn_graph *g, int directed,
                               const cn_path_opts *o, double *out);

/* Closeness (r-1) / Σ d over the r-1 vertices reached from i (OUT: along
 * out arcs, IN: against them, ALL: und view); NaN when i reaches nothing.
 * Not normalized: 1 / Σ d (igraph's normalized = false).  wf_improved:
 * times (r-1)/(n-1) (Wasserman and Faust; NetworkX's default), which is 0
 * when i reaches nothing.  Reads len, cutoff, normalized and wf_improved. */
int cn_measure_closeness_opts(const cn_graph *g, cn_mode mode,
                              const cn_path_opts *o, double *out);
/* The plain measure: normalized, no cutoff. */
int cn_measure_closeness(const cn_graph *g, cn_mode mode, cn_len_mode len,
                         double *out);

/* Harmonic centrality Σ 1/d(i,v) over v != i (1/∞ = 0), or over the
 * sources v only; normalized divides by (n-1) when n > 1.  Reads len,
 * cutoff, normalized and sources. */
int cn_measure_harmonic_opts(const cn_graph *g, cn_mode mode,
                             const cn_path_opts *o, double *out);
int cn_measure_harmonic(const cn_graph *g, cn_mode mode, cn_len_mode len,
                        int normalized, double *out);

/* A shortest path in hops from `from` to `to` (und view, or out view when
 * directed).  On CN_MEASURE_OK, *dist is the number of hops and path[0..
 * *dist] the vertices from `from` to `to` (the caller provides n entries),
 * or *dist = -1 when `to` is unreachable.  Among several shortest paths the
 * lexicographically smallest vertex sequence is returned. */
int cn_measure_shortest_path(const cn_graph *g, int32_t from, int32_t to,
                             int directed, int32_t *path, int32_t *dist);

/* ---- components (measures.c) ------------------------------------------ */

/* Weak (und view) or strong (out view) components.  comp[v] is numbered
 * 0, 1, … in order of each component's smallest vertex.  Returns the number
 * of components or CN_MEASURE_NOMEM.  No recursion. */
int32_t cn_measure_weak_components(const cn_graph *g, int32_t *comp);
int32_t cn_measure_strong_components(const cn_graph *g, int32_t *comp);

/* ---- Gould & Fernandez brokerage (brokerage.c) ------------------------ */

/* Columns, in R sna's order. */
enum {
  CN_GF_COORDINATOR,    /* w_I : A -> A -> A */
  CN_GF_ITINERANT,      /* w_O : A -> B -> A */
  CN_GF_REPRESENTATIVE, /* b_IO: A -> A -> B */
  CN_GF_GATEKEEPER,     /* b_OI: A -> B -> B */
  CN_GF_LIAISON,        /* b_O : A -> B -> C */
  CN_GF_TOTAL,          /* t   : row sum     */
  CN_GF_NCOLS
};

/* Graph-level totals, sna's *.gli. */
typedef struct cn_brokerage_gli {
  double raw[CN_GF_NCOLS], expected[CN_GF_NCOLS], sd[CN_GF_NCOLS],
      z[CN_GF_NCOLS];
} cn_brokerage_gli;

/* sna::brokerage on the out view (a binary digraph; an undirected tie runs
 * both ways, so it is counted in both directions as sna does on symmetric
 * data).  group[v] is any int label.  Per-vertex arrays hold n·CN_GF_NCOLS
 * values, row-major (value of vertex v, column c at [v*CN_GF_NCOLS + c]):
 * raw counts of open two-paths i->v->k (no arc i->k), their expectations,
 * standard deviations and z-scores under sna's null model (N = n, m = out
 * arcs).  Any output may be NULL.  z is NaN when E = sd = 0. */
int cn_measure_brokerage(const cn_graph *g, const int32_t *group, double *raw,
                         double *expected, double *sd, double *z,
                         cn_brokerage_gli *gli);

/* Enumerates the open two-paths from -> broker -> to that broker is
 * credited for, in ascending (from, to) order, with their role column.
 * fn returns nonzero to stop early; that value is then returned. */
typedef int (*cn_brokerage_path_fn)(void *ctx, int32_t from, int32_t broker,
                                    int32_t to, int role);
int cn_measure_brokerage_paths(const cn_graph *g, const int32_t *group,
                               int32_t broker, cn_brokerage_path_fn fn,
                               void *ctx);

#endif
