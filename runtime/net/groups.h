/* groups.h — ties within and between groups of actors (groups.c): the E-I
 * index and assortativity.  Contracts as in measures.h.  A vertex's group
 * or value may be unknown (group < 0, value NaN): a tie with an unknown end
 * is left out of every count. */
#ifndef CN_GROUPS_H
#define CN_GROUPS_H

#include <stdint.h>

#include "graph.h"

/* Krackhardt and Stern's E-I index on the binary projection (the und view,
 * one tie per pair), group[v] in 0..ngroups-1 or < 0.  internal[c] counts
 * the ties with both ends in group c, external[c] those with one end in c
 * and the other in another group; *within and *between the ties inside a
 * group and between two groups, over the whole network.  The index is
 * (E - I) / (E + I) of the matching pair of counts (NaN when both are 0). */
void cn_measure_ei(const cn_graph *g, const int32_t *group, int32_t ngroups,
                   int64_t *internal, int64_t *external, int64_t *within,
                   int64_t *between);

/* Assortativity: Pearson's correlation of x at the tail and y at the head
 * of every arc — of the out view when directed, of the und view otherwise
 * (each tie both ways, so undirected r is symmetric; NetworkX's and
 * igraph's).  NaN when either side is constant or there is no arc. */
double cn_measure_assortativity_values(const cn_graph *g, int directed,
                                       const double *x, const double *y);

/* Degree assortativity: x = degree and y = degree (und view), or
 * x = out-degree and y = in-degree along the out view when directed
 * (NetworkX's default x="out", y="in"; igraph's directed=TRUE). */
double cn_measure_assortativity_degree(const cn_graph *g, int directed);

/* Newman's nominal assortativity (r = (Σ e_cc - Σ a_c b_c) / (1 - Σ a_c b_c)
 * over the mixing matrix e of the arcs, as above), category cat[v] in
 * 0..ncat-1 or < 0.  NaN when there is no arc or Σ a_c b_c = 1. */
double cn_measure_assortativity_nominal(const cn_graph *g, int directed,
                                        const int32_t *cat, int32_t ncat);

#endif
