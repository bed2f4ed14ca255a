/* permutation.h — permutation tests of networks (permutation.c): the QAP
 * correlation of two networks on the same actors (sna's qaptest with gcor).
 * Contracts as in measures.h (status codes, cn_measure_interrupt, results
 * independent of the thread count). */
#ifndef CN_PERMUTATION_H
#define CN_PERMUTATION_H

#include <stdint.h>

#include "graph.h"

/* Largest network the exact mode enumerates: 10! = 3,628,800 orders. */
enum { CN_QAP_EXACT_MAX = 10 };

typedef struct cn_qap_result {
  double r;        /* the observed correlation */
  double p_ge;     /* share of permutations whose correlation is >= r */
  double p_le;     /* share whose correlation is <= r */
  double reps;     /* permutations drawn, or n! when exact */
  int exact;       /* every permutation enumerated */
} cn_qap_result;

/* The QAP test of a and b, two graphs on the same vertices (vertex v is the
 * same actor in both; a->n == b->n).  The statistic is Pearson's
 * correlation of the two binary adjacency matrices over the n(n-1) ordered
 * pairs of distinct vertices (the out views; an undirected tie fills both
 * cells, which gives the same r as the n(n-1)/2 pairs of sna's
 * mode="graph").  The null distribution relabels the vertices of b (of a
 * when a has fewer arcs: the same distribution, less work, and
 * cn_qap(a, b) = cn_qap(b, a)) by a uniform random permutation: `reps` of
 * them, the t-th drawn from its own
 * stream of `seed` (random.h) by a Fisher-Yates shuffle; or all n! when
 * exact is set (n <= CN_QAP_EXACT_MAX).  Since r grows with the number of
 * cells tied in both, the comparisons are made on that integer count, so
 * that ties between permutations are exact.  r and the p-values are NaN
 * when either matrix is constant (empty or complete, or n < 2), and when
 * exact is asked of more than CN_QAP_EXACT_MAX vertices. */
int cn_qap(const cn_graph *a, const cn_graph *b, int64_t reps, uint64_t seed,
           int exact, cn_qap_result *out);

#endif
