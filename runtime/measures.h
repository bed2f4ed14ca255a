/* measures.h — network measures over a cn_graph (docs/measures.md has the formulas). */
#ifndef CN_MEASURES_H
#define CN_MEASURES_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "graph.h"

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

/* Set to nonzero (e.g. from a SIGINT handler) to make a running long
 * measure stop and return CN_MEASURE_INTERRUPTED.  Measures only read it;
 * the caller resets it to 0 before the next query. */
extern volatile sig_atomic_t cn_measure_interrupt;

/* Which view a measure walks.  ALL = the und view (direction ignored). */
typedef enum { CN_MODE_OUT, CN_MODE_IN, CN_MODE_ALL } cn_mode;

/* One view of a graph as CSR arrays: offsets, neighbours, and weights (the
 * pair's summed strength und_s for ALL, a_ij for OUT and IN). */
typedef struct cn_view {
  const int64_t *off;
  const int32_t *adj;
  const double *w;
} cn_view;

static inline cn_view cn_graph_view(const cn_graph *g, cn_mode mode) {
  cn_view v;
  v.off = mode == CN_MODE_OUT ? g->out_off : mode == CN_MODE_IN ? g->in_off : g->und_off;
  v.adj = mode == CN_MODE_OUT ? g->out_adj : mode == CN_MODE_IN ? g->in_adj : g->und_adj;
  v.w = mode == CN_MODE_OUT ? g->out_w : mode == CN_MODE_IN ? g->in_w : g->und_s;
  return v;
}

/* How long a tie is for path measures.  WEIGHT: und_s (ALL) or a_ij
 * (out_w / in_w for OUT / IN); INVWEIGHT: 1 / that. */
typedef enum { CN_LEN_HOPS, CN_LEN_WEIGHT, CN_LEN_INVWEIGHT } cn_len_mode;

/* ---- counts ------------------------------------------------------------ */

/* Number of distinct neighbours in the chosen view (ALL: contacts in either
 * direction, i.e. the binary projection). */
void cn_measure_degree(const cn_graph *g, cn_mode mode, int32_t *deg);

/* Summed tie weight: ALL = Σ_j und_s[i][j], OUT = Σ_j a_ij, IN = Σ_j a_ji. */
void cn_measure_strength(const cn_graph *g, cn_mode mode, double *s);

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

/* Brandes betweenness.  directed == 0: und view, unordered pairs (the
 * ordered-pair sum halved); directed == 1: out view, ordered pairs.
 * normalized: divide by (n-1)(n-2)/2 (undirected) or (n-1)(n-2) (directed);
 * no normalisation when n <= 2.  Weighted lengths must be > 0; path lengths
 * within a relative 1e-10 of each other count as equal (igraph's rule). */
int cn_measure_betweenness(const cn_graph *g, int directed, cn_len_mode len,
                           int normalized, double *out);

/* Closeness (r-1) / Σ d over the r-1 vertices reached from i (OUT: along
 * out arcs, IN: against them, ALL: und view); NaN when i reaches nothing. */
int cn_measure_closeness(const cn_graph *g, cn_mode mode, cn_len_mode len,
                         double *out);

/* Harmonic centrality Σ_{v≠i} 1/d(i,v) (1/∞ = 0); normalized divides by
 * (n-1) when n > 1. */
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
