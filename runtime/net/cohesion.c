/* cohesion.c — k-cores, maximal cliques and triangles (cohesion.h). */
#include "cohesion.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- k-cores ---- */

/* The core numbers, and in order (may be NULL; n entries) the vertices in
 * the order they were peeled off: a degeneracy order when mode is ALL. */
static int peel(const cn_graph *g, cn_mode mode, int32_t *core, int32_t *order) {
  int32_t n = g->n;
  if (n <= 0)
    return CN_MEASURE_OK;
  cn_view deg_view = cn_graph_view(g, mode);
  /* Removing v lowers the degree of the vertices whose degree v counted in:
   * its contacts (ALL), the heads of its out-ties (IN), the tails of its
   * in-ties (OUT). */
  cn_view drop = cn_graph_view(g, mode == CN_MODE_IN    ? CN_MODE_OUT
                                  : mode == CN_MODE_OUT ? CN_MODE_IN
                                                        : CN_MODE_ALL);
  int32_t maxdeg = 0;
  for (int32_t v = 0; v < n; v++) {
    core[v] = (int32_t)(deg_view.off[v + 1] - deg_view.off[v]);
    if (core[v] > maxdeg)
      maxdeg = core[v];
  }
  int32_t *bin = calloc((size_t)maxdeg + 2, sizeof *bin);
  int32_t *pos = malloc(sizeof *pos * (size_t)n);
  int32_t *vert = malloc(sizeof *vert * (size_t)n);
  if (!bin || !pos || !vert) {
    free(bin), free(pos), free(vert);
    return CN_MEASURE_NOMEM;
  }
  /* vert: vertices sorted by current degree; bin[d]: where degree d starts */
  for (int32_t v = 0; v < n; v++)
    bin[core[v]]++;
  for (int32_t d = 0, start = 0; d <= maxdeg; d++) {
    int32_t c = bin[d];
    bin[d] = start;
    start += c;
  }
  for (int32_t v = 0; v < n; v++) {
    pos[v] = bin[core[v]]++;
    vert[pos[v]] = v;
  }
  for (int32_t d = maxdeg; d > 0; d--)
    bin[d] = bin[d - 1];
  bin[0] = 0;
  for (int32_t i = 0; i < n; i++) {
    int32_t v = vert[i];
    for (int64_t e = drop.off[v]; e < drop.off[v + 1]; e++) {
      int32_t u = drop.adj[e];
      if (core[u] <= core[v])
        continue;
      /* move u to the front of its degree's block, then shrink the block */
      int32_t du = core[u], pu = pos[u], pw = bin[du], w = vert[pw];
      if (u != w) {
        pos[u] = pw, vert[pu] = w;
        pos[w] = pu, vert[pw] = u;
      }
      bin[du]++;
      core[u]--;
    }
  }
  if (order) /* vert[..i] was never reordered after vertex i was peeled */
    memcpy(order, vert, sizeof *order * (size_t)n);
  free(bin), free(pos), free(vert);
  return CN_MEASURE_OK;
}

int cn_measure_coreness(const cn_graph *g, cn_mode mode, int32_t *core) {
  return peel(g, mode, core, NULL);
}

/* ---- maximal cliques ---- */

typedef struct clique_run {
  const cn_graph *g;
  int32_t min_size;
  int32_t *r; /* the clique being grown */
  int32_t *sorted;
  cn_clique_fn fn;
  void *ctx;
  long steps;
} clique_run;

/* out = a ∩ (neighbours of v), both sorted; returns its length. */
static int32_t meet(const cn_graph *g, int32_t v, const int32_t *a, int32_t na,
                    int32_t *out) {
  const int32_t *nb = g->und_adj + g->und_off[v];
  int64_t nn = g->und_off[v + 1] - g->und_off[v], j = 0;
  int32_t k = 0;
  for (int32_t i = 0; i < na && j < nn;) {
    if (a[i] < nb[j])
      i++;
    else if (a[i] > nb[j])
      j++;
    else
      out[k++] = a[i++], j++;
  }
  return k;
}

static int cmp_i32(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

static int report(clique_run *c, int32_t size) {
  memcpy(c->sorted, c->r, sizeof *c->r * (size_t)size);
  qsort(c->sorted, (size_t)size, sizeof *c->sorted, cmp_i32);
  return c->fn(c->ctx, c->sorted, size);
}

/* Removes x from the sorted array a of length *n. */
static void take_out(int32_t *a, int32_t *n, int32_t x) {
  int32_t i = 0;
  while (i < *n && a[i] != x)
    i++;
  if (i < *n) {
    memmove(a + i, a + i + 1, sizeof *a * (size_t)(*n - i - 1));
    (*n)--;
  }
}

/* Inserts x into the sorted array a of length *n (room provided). */
static void put_in(int32_t *a, int32_t *n, int32_t x) {
  int32_t i = *n;
  while (i > 0 && a[i - 1] > x) {
    a[i] = a[i - 1];
    i--;
  }
  a[i] = x;
  (*n)++;
}

/* Extends r[0..depth) by the candidates p (sorted, np) excluding those
 * adjacent to all of x (sorted, nx).  p and x are owned by the caller and
 * modified as the search goes. */
static int expand(clique_run *c, int32_t depth, int32_t *p, int32_t np,
                  int32_t *x, int32_t nx) {
  if (np == 0)
    return nx == 0 && depth >= c->min_size ? report(c, depth) : 0;
  if (depth + np < c->min_size)
    return 0; /* too small to reach min_size */
  if ((++c->steps & 1023) == 0 && cn_measure_interrupt)
    return CN_MEASURE_INTERRUPTED;
  const cn_graph *g = c->g;
  int32_t *buf = malloc(sizeof *buf * (size_t)(3 * np + nx + 1));
  if (!buf)
    return CN_MEASURE_NOMEM;
  int32_t *cand = buf, *np2 = buf + np, *nx2 = buf + 2 * np;
  /* Tomita's pivot: the vertex of p ∪ x with most neighbours in p */
  int32_t pivot = -1, best = -1;
  for (int32_t i = 0; i < np + nx; i++) {
    int32_t u = i < np ? p[i] : x[i - np];
    int32_t k = meet(g, u, p, np, np2);
    if (k > best)
      best = k, pivot = u;
  }
  int32_t ncand = 0;
  {
    int32_t k = meet(g, pivot, p, np, np2), j = 0;
    for (int32_t i = 0; i < np; i++) {
      while (j < k && np2[j] < p[i])
        j++;
      if (!(j < k && np2[j] == p[i]))
        cand[ncand++] = p[i];
    }
  }
  int rc = 0;
  for (int32_t i = 0; i < ncand && rc == 0; i++) {
    int32_t v = cand[i];
    c->r[depth] = v;
    int32_t a = meet(g, v, p, np, np2), b = meet(g, v, x, nx, nx2);
    rc = expand(c, depth + 1, np2, a, nx2, b);
    take_out(p, &np, v);
    put_in(x, &nx, v);
  }
  free(buf);
  return rc;
}

int cn_measure_cliques(const cn_graph *g, int32_t min_size, cn_clique_fn fn,
                       void *ctx) {
  int32_t n = g->n;
  if (n <= 0)
    return CN_MEASURE_OK;
  int32_t *core = malloc(sizeof *core * (size_t)n);
  int32_t *order = malloc(sizeof *order * (size_t)n);
  int32_t *rank = malloc(sizeof *rank * (size_t)n);
  int32_t *r = malloc(sizeof *r * (size_t)n);
  int32_t *sorted = malloc(sizeof *sorted * (size_t)n);
  int32_t *px = malloc(sizeof *px * (size_t)(2 * n + 2));
  int rc = CN_MEASURE_NOMEM;
  if (!core || !order || !rank || !r || !sorted || !px)
    goto done;
  rc = peel(g, CN_MODE_ALL, core, order);
  if (rc != CN_MEASURE_OK)
    goto done;
  for (int32_t i = 0; i < n; i++)
    rank[order[i]] = i;
  clique_run c = {g, min_size, r, sorted, fn, ctx, 0};
  for (int32_t i = 0; i < n && rc == CN_MEASURE_OK; i++) {
    if (cn_measure_interrupt) {
      rc = CN_MEASURE_INTERRUPTED;
      break;
    }
    int32_t v = order[i];
    int32_t *p = px, *x = px + n + 1, np = 0, nx = 0;
    for (int64_t e = g->und_off[v]; e < g->und_off[v + 1]; e++) {
      int32_t u = g->und_adj[e];
      if (rank[u] > i)
        p[np++] = u;
      else
        x[nx++] = u;
    }
    r[0] = v;
    rc = expand(&c, 1, p, np, x, nx);
  }
done:
  free(core), free(order), free(rank), free(r), free(sorted), free(px);
  return rc;
}

/* ---- triangles ---- */

/* Walks every triangle once.  Each pair is oriented from the endpoint of
 * lower (degree, index) to the higher, so a vertex looks only at its
 * forward contacts: O(m · sqrt(m)) at worst.  tri (may be NULL) counts the
 * triangles through each vertex; wsum (may be NULL) adds, for each, the
 * cube root of the product of its three strengths over top^3. */
static int64_t walk_triangles(const cn_graph *g, int64_t *tri, double *wsum,
                              double top) {
  int32_t n = g->n;
  const int64_t *off = g->und_off;
  int64_t *foff = malloc(sizeof *foff * (size_t)(n + 1));
  int32_t *fadj = malloc(sizeof *fadj * (size_t)(off[n] / 2 + 1));
  double *fw = wsum ? malloc(sizeof *fw * (size_t)(off[n] / 2 + 1)) : NULL;
  int64_t *mark = malloc(sizeof *mark * (size_t)(n + 1));
  int64_t count = 0;
  if (!foff || !fadj || (wsum && !fw) || !mark) {
    count = CN_MEASURE_NOMEM;
    goto done;
  }
#define AHEAD(u, v)                                                            \
  (off[(v) + 1] - off[v] > off[(u) + 1] - off[u] ||                            \
   (off[(v) + 1] - off[v] == off[(u) + 1] - off[u] && (v) > (u)))
  foff[0] = 0;
  for (int32_t u = 0; u < n; u++) {
    int64_t k = foff[u];
    for (int64_t e = off[u]; e < off[u + 1]; e++) {
      int32_t v = g->und_adj[e];
      if (AHEAD(u, v)) {
        fadj[k] = v;
        if (fw)
          fw[k] = g->und_s[e] / top;
        k++;
      }
    }
    foff[u + 1] = k;
    mark[u] = -1;
  }
#undef AHEAD
  for (int32_t u = 0; u < n; u++) {
    if ((u & 4095) == 0 && cn_measure_interrupt) {
      count = CN_MEASURE_INTERRUPTED;
      goto done;
    }
    for (int64_t e = foff[u]; e < foff[u + 1]; e++)
      mark[fadj[e]] = e;
    for (int64_t e = foff[u]; e < foff[u + 1]; e++) {
      int32_t v = fadj[e];
      for (int64_t f = foff[v]; f < foff[v + 1]; f++) {
        int32_t w = fadj[f];
        if (mark[w] < foff[u])
          continue; /* not a forward contact of u */
        count++;
        if (tri)
          tri[u]++, tri[v]++, tri[w]++;
        if (wsum) {
          double t = cbrt(fw[e] * fw[f] * fw[mark[w]]);
          wsum[u] += t, wsum[v] += t, wsum[w] += t;
        }
      }
    }
  }
done:
  free(foff), free(fadj), free(fw), free(mark);
  return count;
}

int64_t cn_measure_triangles(const cn_graph *g, int64_t *tri) {
  if (tri)
    memset(tri, 0, sizeof *tri * (size_t)g->n);
  return walk_triangles(g, tri, NULL, 1.0);
}

double cn_measure_transitivity(const cn_graph *g, int *status) {
  int64_t t = cn_measure_triangles(g, NULL);
  if (status)
    *status = t < 0 ? (int)t : CN_MEASURE_OK;
  if (t < 0)
    return NAN;
  double triples = 0.0;
  for (int32_t v = 0; v < g->n; v++) {
    double d = (double)(g->und_off[v + 1] - g->und_off[v]);
    triples += d * (d - 1) / 2;
  }
  return triples > 0 ? 3.0 * (double)t / triples : NAN;
}

int cn_measure_clustering(const cn_graph *g, int weighted, double *out) {
  int32_t n = g->n;
  int64_t *tri = calloc((size_t)n + 1, sizeof *tri);
  if (!tri)
    return CN_MEASURE_NOMEM;
  double top = 0.0;
  for (int64_t e = 0; weighted && e < g->und_off[n]; e++)
    if (g->und_s[e] > top)
      top = g->und_s[e];
  for (int32_t v = 0; v < n; v++)
    out[v] = 0.0;
  int64_t rc = walk_triangles(g, tri, weighted ? out : NULL, top);
  if (rc < 0) {
    free(tri);
    return (int)rc;
  }
  for (int32_t v = 0; v < n; v++) {
    double d = (double)(g->und_off[v + 1] - g->und_off[v]);
    double pairs = d * (d - 1) / 2;
    out[v] = d < 2 ? NAN : (weighted ? out[v] : (double)tri[v]) / pairs;
  }
  free(tri);
  return CN_MEASURE_OK;
}
