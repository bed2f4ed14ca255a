/* cug.h — conditional uniform graph tests (cug.c), as R sna's cug.test:
 * is a graph-level value higher or lower than in random graphs of the same
 * size, number of ties or dyad census?  Contracts as in measures.h. */
#ifndef CN_CUG_H
#define CN_CUG_H

#include <stdint.h>

#include "graph.h"

/* What the random graphs keep of the observed one (sna's cmode). */
typedef enum {
  CN_CUG_SIZE,  /* n only: every possible tie present with chance 1/2 */
  CN_CUG_EDGES, /* n and the number of ties (arcs when directed) */
  CN_CUG_DYADS  /* n and the dyad census: mutual, asymmetric and null pairs
                   (undirected: as EDGES) */
} cn_cug_given;

/* A graph-level value of a graph; NaN when undefined.  Returns
 * CN_MEASURE_OK or a failure status, the value in *out. */
typedef int (*cn_graph_stat)(const cn_graph *g, int directed, void *ctx,
                             double *out);

typedef struct cn_cug_result {
  double observed;
  double p_ge, p_le; /* share of the random graphs with a value >= / <= the
                        observed one (within a relative 1e-10) */
  double mean, sd;   /* of the random graphs' values */
  double reps;       /* random graphs whose value is defined (not NaN): the
                        denominator of the shares */
} cn_cug_result;

/* Draws `reps` random graphs on g's n vertices, uniform among those that
 * keep `given` of g (of its out view when directed, with directed random
 * graphs; of its und view otherwise), the t-th from its own stream of
 * `seed` (random.h), and compares stat on them with stat on g.  The
 * graphs are built one after the other (stat may use threads); the
 * interrupt is checked between them. */
int cn_cug(const cn_graph *g, int directed, cn_cug_given given,
           cn_graph_stat stat, void *ctx, int64_t reps, uint64_t seed,
           cn_cug_result *out);

#endif
