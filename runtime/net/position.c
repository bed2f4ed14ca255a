/* position.c — structural equivalence and its clustering into positions
 * (position.h). */
#include "position.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measures.h"

static int64_t row_len(const int64_t *off, int32_t v) {
  return off[v + 1] - off[v];
}

static int has_arc(const cn_graph *g, int32_t i, int32_t j) {
  return cn_row_find(g->out_adj + g->out_off[i], row_len(g->out_off, i), j) >= 0;
}

int cn_measure_equivalence(const cn_graph *g, cn_equiv_method method,
                           double *out) {
  int32_t n = g->n;
  unsigned char *in_out = calloc((size_t)n + 1, 1), *in_in = calloc((size_t)n + 1, 1);
  if (!in_out || !in_in) {
    free(in_out);
    free(in_in);
    return CN_MEASURE_NOMEM;
  }
  double cells = 2.0 * (n - 2);
  for (int32_t i = 0; i < n; i++) {
    if (cn_measure_interrupt) {
      free(in_out);
      free(in_in);
      return CN_MEASURE_INTERRUPTED;
    }
    /* mark i's row (out) and column (in), then meet them with each j's */
    for (int64_t e = g->out_off[i]; e < g->out_off[i + 1]; e++)
      in_out[g->out_adj[e]] = 1;
    for (int64_t e = g->in_off[i]; e < g->in_off[i + 1]; e++)
      in_in[g->in_adj[e]] = 1;
    double deg_i = (double)(row_len(g->out_off, i) + row_len(g->in_off, i));
    for (int32_t j = i; j < n; j++) {
      double d;
      if (j == i) {
        d = method == CN_EQUIV_EUCLIDEAN ? 0 : deg_i > 0 && deg_i < cells + 2 ? 1 : 0;
      } else {
        double both = 0;
        for (int64_t e = g->out_off[j]; e < g->out_off[j + 1]; e++)
          both += in_out[g->out_adj[e]];
        for (int64_t e = g->in_off[j]; e < g->in_off[j + 1]; e++)
          both += in_in[g->in_adj[e]];
        /* the cells (i, j) and (j, i) sit in the left-out columns/rows */
        double ij = has_arc(g, i, j), ji = has_arc(g, j, i);
        double sx = deg_i - ij - ji;
        double sy = (double)(row_len(g->out_off, j) + row_len(g->in_off, j)) - ij - ji;
        if (method == CN_EQUIV_EUCLIDEAN) {
          d = sqrt(sx + sy - 2 * both);
        } else {
          double vx = cells * sx - sx * sx, vy = cells * sy - sy * sy;
          d = vx > 0 && vy > 0 ? (cells * both - sx * sy) / sqrt(vx * vy) : 0;
        }
      }
      out[(size_t)i * (size_t)n + (size_t)j] = d;
      out[(size_t)j * (size_t)n + (size_t)i] = d;
    }
    for (int64_t e = g->out_off[i]; e < g->out_off[i + 1]; e++)
      in_out[g->out_adj[e]] = 0;
    for (int64_t e = g->in_off[i]; e < g->in_off[i + 1]; e++)
      in_in[g->in_adj[e]] = 0;
  }
  free(in_out);
  free(in_in);
  return CN_MEASURE_OK;
}

/* The root of v's cluster (path halving). */
static int32_t root(int32_t *up, int32_t v) {
  while (up[v] != v)
    v = up[v] = up[up[v]];
  return v;
}

int cn_measure_blocks(const double *diss, int32_t n, int32_t k,
                      int32_t *block) {
  size_t N = (size_t)n;
  double *d = malloc(sizeof *d * N * N + 1);
  double *disnn = malloc(sizeof *disnn * N + 1);
  int32_t *nn = malloc(sizeof *nn * N + 1), *up = malloc(sizeof *up * N + 1);
  unsigned char *live = malloc(N + 1);
  int rc = CN_MEASURE_NOMEM;
  if (!d || !disnn || !nn || !up || !live)
    goto done;
  if (N)
    memcpy(d, diss, sizeof *d * N * N);
  for (int32_t i = 0; i < n; i++) {
    live[i] = 1;
    up[i] = i;
    nn[i] = i;
    disnn[i] = DBL_MAX;
    for (int32_t j = i + 1; j < n; j++)
      if (d[(size_t)i * N + (size_t)j] < disnn[i])
        disnn[i] = d[(size_t)i * N + (size_t)j], nn[i] = j;
  }
  /* n - k merges, as R's hclust.f makes them (complete linkage) */
  for (int32_t step = 0; step < n - k; step++) {
    double dmin = DBL_MAX;
    int32_t im = -1, jm = -1;
    for (int32_t i = 0; i + 1 < n; i++)
      if (live[i] && disnn[i] < dmin)
        dmin = disnn[i], im = i, jm = nn[i];
    if (im < 0) { /* every dissimilarity left is DBL_MAX or more */
      for (im = 0; !live[im]; im++)
        ;
      for (jm = im + 1; !live[jm]; jm++)
        ;
    }
    int32_t i2 = im < jm ? im : jm, j2 = im < jm ? jm : im;
    up[j2] = i2;
    live[j2] = 0;
    dmin = DBL_MAX;
    int32_t jj = i2;
    for (int32_t x = 0; x < n; x++) {
      if (!live[x] || x == i2)
        continue;
      double *a = &d[(size_t)i2 * N + (size_t)x], b = d[(size_t)j2 * N + (size_t)x];
      if (b > *a)
        *a = b;
      d[(size_t)x * N + (size_t)i2] = *a;
      if (i2 < x) {
        if (*a < dmin)
          dmin = *a, jj = x;
      } else if (*a < disnn[x]) {
        disnn[x] = *a, nn[x] = i2;
      }
    }
    disnn[i2] = dmin;
    nn[i2] = jj;
    for (int32_t i = 0; i + 1 < n; i++) {
      if (!live[i] || (nn[i] != i2 && nn[i] != j2))
        continue;
      double best = DBL_MAX;
      int32_t bj = nn[i];
      for (int32_t j = i + 1; j < n; j++)
        if (live[j] && d[(size_t)i * N + (size_t)j] < best)
          best = d[(size_t)i * N + (size_t)j], bj = j;
      nn[i] = bj;
      disnn[i] = best;
    }
  }
  /* number the clusters by their first vertex, as cutree */
  int32_t next = 0;
  for (int32_t v = 0; v < n; v++)
    nn[v] = -1;
  for (int32_t v = 0; v < n; v++) {
    int32_t r = root(up, v);
    if (nn[r] < 0)
      nn[r] = ++next;
    block[v] = nn[r];
  }
  rc = CN_MEASURE_OK;
done:
  free(d);
  free(disnn);
  free(nn);
  free(up);
  free(live);
  return rc;
}
