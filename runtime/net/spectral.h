/* spectral.h — centralities that are fixed points of the adjacency matrix:
 * eigenvector, Bonacich power and PageRank (spectral.c).  The contracts of
 * measures.h hold (caller-owned arrays of g->n values, NaN for undefined,
 * status codes, results independent of the thread count). */
#ifndef CN_SPECTRAL_H
#define CN_SPECTRAL_H

#include "measures.h"

/* Statuses beyond measures.h's: an iteration that did not settle, and a
 * linear system without a unique solution. */
enum { CN_MEASURE_NOCONV = -10, CN_MEASURE_SINGULAR = -11 };

/* How an eigenvector is scaled: largest value 1 (igraph's scale=TRUE) or
 * unit Euclidean length (NetworkX, sna). */
/* The most steps an iteration takes before it gives up. */
#define CN_SPECTRAL_MAX_ITER 100000

typedef enum { CN_SCALE_MAX, CN_SCALE_NORM } cn_scale;

/* Eigenvector centrality: x_i proportional to Σ_j a_ji x_j over the chosen
 * view (ALL: the und view, direction ignored; IN: ties pointing at i, the
 * directed form of NetworkX and igraph; OUT: ties leaving i), with the
 * view's summed strengths when weighted, else 1 per tie.  Power iteration on
 * A + I from the all-ones vector (NetworkX's start), so a disconnected graph
 * gets the leading eigenvector of the whole matrix: components whose largest
 * eigenvalue is smaller converge to 0, and components sharing the largest
 * one keep the weight the equal start gives them.  Every value is NaN when
 * the largest eigenvalue is 0 (no tie; or, directed, no cycle).  Returns
 * CN_MEASURE_NOCONV when the iteration has not settled after
 * CN_SPECTRAL_MAX_ITER steps.  *lambda (may be NULL) receives the eigenvalue. */
int cn_measure_eigenvector(const cn_graph *g, cn_mode mode, int weighted,
                           cn_scale scale, double *out, double *lambda);

/* Bonacich's power centrality (sna bonpow, igraph power_centrality):
 * c = (I - beta A)^-1 A 1 on the binary projection (directed: the out view,
 * a_ij = 1 when i -> j), scaled so that Σ c_i^2 = n.  Solved exactly (LU
 * with partial pivoting) up to CN_BONACICH_DENSE_MAX actors, by iteration
 * above, which needs |beta| below 1 / the largest eigenvalue.  All NaN when
 * c = 0 (no tie, or beta makes every path cancel).  CN_MEASURE_SINGULAR
 * when I - beta A has no inverse, CN_MEASURE_NOCONV when the iteration
 * diverges. */
#define CN_BONACICH_DENSE_MAX 2000
int cn_measure_bonacich(const cn_graph *g, int directed, double beta,
                        double *out);

/* PageRank with damping d (0 <= d <= 1) and a uniform teleport, as
 * NetworkX and igraph (PRPACK): directed, along the out view, and an actor
 * without out-ties (dangling) hands its share to everyone equally;
 * undirected, every tie runs both ways.  Weighted: the share along a tie
 * is its summed strength over the actor's total.  Values sum to 1; empty
 * graph: nothing to write.  CN_MEASURE_NOCONV when the iteration has not
 * settled after CN_SPECTRAL_MAX_ITER steps (possible only for d = 1). */
int cn_measure_pagerank(const cn_graph *g, int directed, int weighted,
                        double damping, double *out);

#endif
