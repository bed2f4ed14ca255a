/* wholenet.h — one number for a whole network: reciprocity, diameter and
 * average distance, Freeman centralization (wholenet.c).  The contracts of
 * measures.h hold. */
#ifndef CN_WHOLENET_H
#define CN_WHOLENET_H

#include "measures.h"

/* The share of arcs i -> j whose reverse j -> i is also there, on the
 * directed binary projection (igraph's reciprocity, NetworkX's
 * overall_reciprocity); an undirected tie is two arcs, so a network
 * without directed ties gives 1.  NaN without ties. */
double cn_measure_reciprocity(const cn_graph *g);

/* Shortest paths in steps between every ordered pair of distinct vertices
 * (directed: along the out view; else the und view), over the pairs where
 * the second is reachable from the first (igraph's unconn=TRUE). */
typedef struct cn_distance_summary {
  double pairs;   /* reachable ordered pairs */
  double total;   /* summed distance over them */
  int32_t longest; /* the diameter: the longest of them, 0 without any */
} cn_distance_summary;

/* Breadth-first from every vertex, on several threads.  Returns OK, NOMEM
 * or INTERRUPTED. */
int cn_measure_distances(const cn_graph *g, int directed,
                         cn_distance_summary *out);

/* Which measure a centralization is of; the largest total deviation is
 * that of the graph that maximises it among graphs of n vertices (Freeman
 * 1979; the star, or for eigenvector one tie and n-2 isolates), as
 * igraph's centr_*_tmax and sna's tmaxdev. */
typedef enum {
  CN_CENTR_DEGREE,      /* raw degree: undirected (n-1)(n-2), in/out (n-1)^2 */
  CN_CENTR_BETWEENNESS, /* raw betweenness: (n-1)^2(n-2)/2, directed twice that */
  CN_CENTR_CLOSENESS,   /* undirected normalized closeness: (n-1)(n-2)/(2n-3) */
  CN_CENTR_EIGENVECTOR  /* largest value 1: n-2, directed n-1 */
} cn_centr;

/* The largest possible Σ (max - c_i) among networks of n vertices; NaN when
 * n is too small for any spread (it is then 0). */
double cn_centralization_tmax(cn_centr which, int32_t n, int directed);

/* Freeman's centralization Σ_i (max_j c_j - c_i) / tmax: NaN when any c_i is
 * NaN (the measure is undefined for some actor) or tmax is NaN. */
double cn_centralization(const double *c, int32_t n, double tmax);

#endif
