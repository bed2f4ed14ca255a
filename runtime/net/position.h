/* position.h — structural equivalence and positions (position.c), as R
 * sna's sedist and equiv.clust.  Contracts as in measures.h. */
#ifndef CN_POSITION_H
#define CN_POSITION_H

#include <stdint.h>

#include "graph.h"

typedef enum { CN_EQUIV_EUCLIDEAN, CN_EQUIV_CORRELATION } cn_equiv_method;

/* Structural equivalence of every two vertices on the binary directed
 * adjacency matrix (the out view; an undirected tie fills both cells), as
 * sna's sedist(mode="digraph", diag=FALSE): the profile of i is its row
 * and its column, and for the pair (i, j) the cells of columns/rows i and j
 * are left out (they are the diagonal of one of the two), so each profile
 * has 2(n-2) cells.  EUCLIDEAN: the distance of the two profiles;
 * CORRELATION: their Pearson correlation, 0 when either profile is constant
 * (sna sets its NA to 0).  out is n×n, row-major, symmetric; the diagonal
 * is 0 (euclidean) or 1 (correlation; 0 for a constant profile, as sna).
 * Costs O(n·m) time beside the n² of the output. */
int cn_measure_equivalence(const cn_graph *g, cn_equiv_method method,
                           double *out);

/* Complete-linkage hierarchical clustering of the n×n dissimilarity diss
 * (R's hclust(method="complete"), with its order of merges among equal
 * dissimilarities: the least dissimilarity over each cluster's nearest
 * neighbour of higher index, first found wins), cut into k clusters (R's
 * cutree(k=)): block[v] in 1..k, numbered in the order of their first
 * vertex.  1 <= k <= n.  Costs O(n²) memory, O(n³) time at worst. */
int cn_measure_blocks(const double *diss, int32_t n, int32_t k,
                      int32_t *block);

#endif
