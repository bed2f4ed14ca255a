/* cohesion.h — dense parts of a network: k-cores, maximal cliques,
 * triangles (cohesion.c).  The contracts of measures.h hold. */
#ifndef CN_COHESION_H
#define CN_COHESION_H

#include "measures.h"

/* The core number of every vertex (Batagelj & Zaversnik, O(m)): the largest
 * k such that the vertex is in a subgraph where every vertex has degree
 * >= k.  Degrees in the chosen view: ALL = distinct contacts (the binary
 * projection), IN / OUT = in- or out-ties (igraph's mode).  Returns OK or
 * NOMEM. */
int cn_measure_coreness(const cn_graph *g, cn_mode mode, int32_t *core);

/* Called with each maximal clique of at least min_size vertices, its
 * vertices ascending.  Returns nonzero to stop the enumeration (that value
 * is returned). */
typedef int (*cn_clique_fn)(void *ctx, const int32_t *members, int32_t size);

/* The maximal cliques of the und view (Bron–Kerbosch with Tomita's pivot,
 * the outer level in degeneracy order, as Eppstein, Löffler & Strash), each
 * once, in no fixed order.  An isolate is a maximal clique of size 1.
 * Returns OK, NOMEM, INTERRUPTED or fn's value. */
int cn_measure_cliques(const cn_graph *g, int32_t min_size, cn_clique_fn fn,
                       void *ctx);

/* Triangles of the und view.  tri[v] (may be NULL) = the triangles through
 * v; returns the number of triangles of the graph (>= 0) or a status. */
int64_t cn_measure_triangles(const cn_graph *g, int64_t *tri);

/* Global transitivity 3·triangles / connected triples (igraph
 * transitivity_undirected, NetworkX transitivity); NaN without a triple.
 * NaN also if memory runs out (check with *status, may be NULL). */
double cn_measure_transitivity(const cn_graph *g, int *status);

/* Local clustering on the und view: triangles through v over d(d-1)/2
 * pairs of contacts, NaN when d < 2 (igraph's mode="nan").  weighted: the
 * form of NetworkX (Onnela et al.), Σ over triangles of the cube root of
 * the product of the three strengths, each over the graph's largest,
 * times 2 / (d(d-1)).  Returns OK or NOMEM. */
int cn_measure_clustering(const cn_graph *g, int weighted, double *out);

#endif
