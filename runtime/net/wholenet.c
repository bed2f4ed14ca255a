/* wholenet.c — reciprocity, diameter and average distance, Freeman
 * centralization (wholenet.h). */
#include "wholenet.h"

#include <math.h>
#include <stdlib.h>

#include "parallel.h"

double cn_measure_reciprocity(const cn_graph *g) {
  int64_t arcs = g->out_off[g->n], mutual = 0;
  for (int32_t u = 0; u < g->n; u++)
    for (int64_t e = g->out_off[u]; e < g->out_off[u + 1]; e++) {
      int32_t v = g->out_adj[e];
      mutual += cn_row_find(g->out_adj + g->out_off[v],
                            g->out_off[v + 1] - g->out_off[v], u) >= 0;
    }
  return arcs ? (double)mutual / (double)arcs : NAN;
}

/* ---- distances ---- */

/* Sources per chunk: one breadth-first search each. */
#define SOURCES_PER_CHUNK 16

typedef struct bfs_worker {
  int32_t *dist, *queue;
  int64_t pairs, total; /* whole numbers: exact in any order */
  int32_t longest;
} bfs_worker;

typedef struct bfs_job {
  cn_view v;
  int32_t n;
  bfs_worker *w;
} bfs_job;

static int bfs_sources(void *ctx, int worker, int64_t begin, int64_t end) {
  bfs_job *j = ctx;
  bfs_worker *w = &j->w[worker];
  for (int64_t s = begin; s < end; s++) {
    int32_t head = 0, tail = 0;
    w->queue[tail++] = (int32_t)s;
    w->dist[s] = 0;
    while (head < tail) {
      int32_t u = w->queue[head++];
      for (int64_t e = j->v.off[u]; e < j->v.off[u + 1]; e++) {
        int32_t x = j->v.adj[e];
        if (w->dist[x] >= 0)
          continue;
        w->dist[x] = w->dist[u] + 1;
        w->queue[tail++] = x;
        w->pairs++;
        w->total += w->dist[x];
        if (w->dist[x] > w->longest)
          w->longest = w->dist[x];
      }
    }
    for (int32_t i = 0; i < tail; i++)
      w->dist[w->queue[i]] = -1;
  }
  return CN_MEASURE_OK;
}

int cn_measure_distances(const cn_graph *g, int directed,
                         cn_distance_summary *out) {
  out->pairs = out->total = 0.0;
  out->longest = 0;
  int32_t n = g->n;
  if (n <= 0)
    return CN_MEASURE_OK;
  int workers = cn_parallel_workers(n, SOURCES_PER_CHUNK);
  bfs_worker *w = calloc((size_t)workers, sizeof *w);
  if (!w)
    return CN_MEASURE_NOMEM;
  int rc = CN_MEASURE_OK;
  for (int k = 0; k < workers; k++) {
    w[k].dist = malloc(sizeof *w[k].dist * (size_t)n);
    w[k].queue = malloc(sizeof *w[k].queue * (size_t)n);
    if (!w[k].dist || !w[k].queue)
      rc = CN_MEASURE_NOMEM;
    for (int32_t i = 0; w[k].dist && i < n; i++)
      w[k].dist[i] = -1;
  }
  if (rc == CN_MEASURE_OK) {
    bfs_job j = {cn_graph_view(g, directed ? CN_MODE_OUT : CN_MODE_ALL), n, w};
    rc = cn_parallel_for(n, SOURCES_PER_CHUNK, workers, bfs_sources, &j);
  }
  for (int k = 0; k < workers; k++) {
    out->pairs += (double)w[k].pairs;
    out->total += (double)w[k].total;
    if (w[k].longest > out->longest)
      out->longest = w[k].longest;
    free(w[k].dist), free(w[k].queue);
  }
  free(w);
  return rc;
}

/* ---- centralization ---- */

double cn_centralization_tmax(cn_centr which, int32_t n, int directed) {
  double m = (double)n;
  double t = NAN;
  if (n < 2)
    return NAN; /* (n-1)(n-2) would be positive again at n = 0 */
  switch (which) {
  case CN_CENTR_DEGREE:
    t = directed ? (m - 1) * (m - 1) : (m - 1) * (m - 2);
    break;
  case CN_CENTR_BETWEENNESS:
    t = (m - 1) * (m - 1) * (m - 2) / (directed ? 1.0 : 2.0);
    break;
  case CN_CENTR_CLOSENESS:
    t = n > 1 ? (m - 1) * (m - 2) / (2 * m - 3) : NAN;
    break;
  case CN_CENTR_EIGENVECTOR:
    t = directed ? m - 1 : m - 2;
    break;
  }
  return t > 0 ? t : NAN;
}

double cn_centralization(const double *c, int32_t n, double tmax) {
  double top = -INFINITY;
  for (int32_t i = 0; i < n; i++) {
    if (isnan(c[i]))
      return NAN;
    if (c[i] > top)
      top = c[i];
  }
  double s = 0.0;
  for (int32_t i = 0; i < n; i++)
    s += top - c[i];
  return s / tmax;
}
