/* measures.c — counts (degree, strength, density), components and one shortest path. */
#include "measures.h"

#include <math.h>
#include <stdlib.h>

/* The CSR offsets and neighbours of one view. */
int32_t cn_measure_degree_of(const cn_graph *g, cn_mode mode, int32_t i) {
  cn_view v = cn_graph_view(g, mode);
  return (int32_t)(v.off[i + 1] - v.off[i]);
}

void cn_measure_degree(const cn_graph *g, cn_mode mode, int32_t *deg) {
  for (int32_t i = 0; i < g->n; i++)
    deg[i] = cn_measure_degree_of(g, mode, i);
}

double cn_measure_strength_of(const cn_graph *g, cn_mode mode, int32_t i) {
  cn_view v = cn_graph_view(g, mode);
  double t = 0.0;
  for (int64_t e = v.off[i]; e < v.off[i + 1]; e++)
    t += v.w[e];
  return t;
}

void cn_measure_strength(const cn_graph *g, cn_mode mode, double *s) {
  for (int32_t i = 0; i < g->n; i++)
    s[i] = cn_measure_strength_of(g, mode, i);
}

double cn_measure_density(const cn_graph *g, int directed) {
  if (g->n < 2)
    return NAN;
  double pairs = (double)g->n * (double)(g->n - 1);
  /* und_off[n] counts every pair twice, which is the 2m of 2m/(n(n-1)). */
  double ties = directed ? (double)g->out_off[g->n] : (double)g->und_off[g->n];
  return ties / pairs;
}

/* ---- components -------------------------------------------------------- */

int32_t cn_measure_weak_components(const cn_graph *g, int32_t *comp) {
  int32_t n = g->n;
  int32_t *queue = malloc((n ? (size_t)n : 1) * sizeof *queue);
  if (!queue)
    return CN_MEASURE_NOMEM;
  for (int32_t v = 0; v < n; v++)
    comp[v] = -1;
  int32_t ncomp = 0;
  /* Starting from the smallest unlabelled vertex numbers components by their
   * smallest member. */
  for (int32_t s = 0; s < n; s++) {
    if (comp[s] >= 0)
      continue;
    int32_t head = 0, tail = 0;
    queue[tail++] = s;
    comp[s] = ncomp;
    while (head < tail) {
      int32_t v = queue[head++];
      for (int64_t e = g->und_off[v]; e < g->und_off[v + 1]; e++) {
        int32_t u = g->und_adj[e];
        if (comp[u] < 0) {
          comp[u] = ncomp;
          queue[tail++] = u;
        }
      }
    }
    ncomp++;
  }
  free(queue);
  return ncomp;
}

/* Iterative Tarjan on the out view.  Each frame of the explicit call stack is
 * a vertex plus the position of the next arc to look at. */
int32_t cn_measure_strong_components(const cn_graph *g, int32_t *comp) {
  int32_t n = g->n;
  size_t sz = n ? (size_t)n : 1;
  int32_t *index = malloc(sz * sizeof *index);
  int32_t *low = malloc(sz * sizeof *low);
  int32_t *stack = malloc(sz * sizeof *stack);  /* Tarjan's vertex stack */
  int32_t *frames = malloc(sz * sizeof *frames); /* DFS path */
  int64_t *next = malloc(sz * sizeof *next);     /* next arc per vertex */
  int32_t *rename = malloc(sz * sizeof *rename);
  if (!index || !low || !stack || !frames || !next || !rename) {
    free(index), free(low), free(stack), free(frames), free(next);
    free(rename);
    return CN_MEASURE_NOMEM;
  }
  for (int32_t v = 0; v < n; v++)
    index[v] = -1, comp[v] = -1;
  int32_t counter = 0, sp = 0, ntarjan = 0;
  for (int32_t root = 0; root < n; root++) {
    if (index[root] >= 0)
      continue;
    int32_t depth = 0;
    frames[depth++] = root;
    index[root] = low[root] = counter++;
    next[root] = g->out_off[root];
    stack[sp++] = root;
    while (depth > 0) {
      int32_t v = frames[depth - 1];
      if (next[v] < g->out_off[v + 1]) {
        int32_t w = g->out_adj[next[v]++];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          next[w] = g->out_off[w];
          stack[sp++] = w;
          frames[depth++] = w;
        } else if (comp[w] < 0 && index[w] < low[v]) {
          low[v] = index[w]; /* w is on the stack */
        }
        continue;
      }
      depth--;
      if (depth > 0) {
        int32_t parent = frames[depth - 1];
        if (low[v] < low[parent])
          low[parent] = low[v];
      }
      if (low[v] == index[v]) {
        int32_t w;
        do {
          w = stack[--sp];
          comp[w] = ntarjan;
        } while (w != v);
        ntarjan++;
      }
    }
  }
  /* Renumber by smallest member. */
  for (int32_t c = 0; c < ntarjan; c++)
    rename[c] = -1;
  int32_t ncomp = 0;
  for (int32_t v = 0; v < n; v++) {
    if (rename[comp[v]] < 0)
      rename[comp[v]] = ncomp++;
    comp[v] = rename[comp[v]];
  }
  free(index), free(low), free(stack), free(frames), free(next), free(rename);
  return ncomp;
}

/* ---- one shortest path ------------------------------------------------- */

int cn_measure_shortest_path(const cn_graph *g, int32_t from, int32_t to,
                             int directed, int32_t *path, int32_t *dist) {
  int32_t n = g->n;
  *dist = -1;
  if (from < 0 || from >= n || to < 0 || to >= n)
    return CN_MEASURE_OK;
  /* BFS backwards from `to` (in view when directed) until `from` is found;
   * every vertex closer to `to` than `from` is then labelled.  Walking
   * forward, always taking the smallest neighbour one step closer, gives the
   * lexicographically smallest shortest path. */
  const int64_t *boff = directed ? g->in_off : g->und_off;
  const int32_t *badj = directed ? g->in_adj : g->und_adj;
  const int64_t *foff = directed ? g->out_off : g->und_off;
  const int32_t *fadj = directed ? g->out_adj : g->und_adj;
  int32_t *d = malloc((size_t)n * sizeof *d);
  int32_t *queue = malloc((size_t)n * sizeof *queue);
  if (!d || !queue) {
    free(d), free(queue);
    return CN_MEASURE_NOMEM;
  }
  for (int32_t v = 0; v < n; v++)
    d[v] = -1;
  int32_t head = 0, tail = 0;
  d[to] = 0;
  queue[tail++] = to;
  while (head < tail && d[from] < 0) {
    int32_t v = queue[head++];
    for (int64_t e = boff[v]; e < boff[v + 1]; e++) {
      int32_t u = badj[e];
      if (d[u] < 0) {
        d[u] = d[v] + 1;
        queue[tail++] = u;
      }
    }
  }
  if (d[from] >= 0) {
    int32_t v = from, k = 0;
    path[k++] = v;
    while (v != to) {
      for (int64_t e = foff[v]; e < foff[v + 1]; e++) {
        int32_t u = fadj[e];
        if (d[u] >= 0 && d[u] == d[v] - 1) {
          v = u;
          break;
        }
      }
      path[k++] = v;
    }
    *dist = d[from];
  }
  free(d), free(queue);
  return CN_MEASURE_OK;
}
