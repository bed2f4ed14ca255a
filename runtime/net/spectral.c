/* spectral.c — eigenvector, Bonacich power and PageRank centrality
 * (spectral.h).  Each step of an iteration computes every vertex's new value
 * from its own row of a view ("pull"), so the rows can be shared among
 * threads without changing a bit of the result; the sums over all vertices
 * (norms, differences) are taken afterwards on one thread, in vertex order. */
#include "spectral.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"

/* Rows per chunk handed to a thread: large enough to pay for the hand-off. */
#define ROWS_PER_CHUNK 4096

/* y_i = self·x_i + add + Σ_{e in row i} coef_e · x[adj_e], where coef_e is
 * w_e (weighted) or 1. */
typedef struct product {
  cn_view v;
  const double *w; /* NULL: 1 per tie */
  const double *x;
  double *y;
  double self, add;
} product;

static int product_rows(void *ctx, int worker, int64_t begin, int64_t end) {
  (void)worker;
  const product *p = ctx;
  const int64_t *off = p->v.off;
  const int32_t *adj = p->v.adj;
  const double *x = p->x;
  for (int64_t i = begin; i < end; i++) {
    double s = 0.0;
    if (p->w) /* two loops: the unweighted one is the common, tight case */
      for (int64_t e = off[i]; e < off[i + 1]; e++)
        s += p->w[e] * x[adj[e]];
    else
      for (int64_t e = off[i]; e < off[i + 1]; e++)
        s += x[adj[e]];
    p->y[i] = p->self * x[i] + p->add + s;
  }
  return CN_MEASURE_OK;
}

static int multiply(product *p, int32_t n) {
  if (n <= ROWS_PER_CHUNK) { /* one chunk: no thread to hand it to */
    if (cn_measure_interrupt)
      return CN_MEASURE_INTERRUPTED;
    return product_rows(p, 0, 0, n);
  }
  int workers = cn_parallel_workers(n, ROWS_PER_CHUNK);
  return cn_parallel_for(n, ROWS_PER_CHUNK, workers, product_rows, p);
}

/* The largest |x_i|. */
static double max_abs(const double *x, int32_t n) {
  double m = 0.0;
  for (int32_t i = 0; i < n; i++)
    if (fabs(x[i]) > m)
      m = fabs(x[i]);
  return m;
}

/* Whether the largest eigenvalue of the view is 0: no tie at all, or,
 * following direction, no cycle (every strong component a single vertex). */
static int nilpotent(const cn_graph *g, cn_mode mode, int *status) {
  *status = CN_MEASURE_OK;
  if (mode == CN_MODE_ALL)
    return g->und_off[g->n] == 0;
  int32_t *comp = malloc(sizeof *comp * (size_t)(g->n + 1));
  if (!comp) {
    *status = CN_MEASURE_NOMEM;
    return 0;
  }
  int32_t nc = cn_measure_strong_components(g, comp);
  free(comp);
  if (nc < 0)
    *status = nc;
  return nc == g->n;
}

int cn_measure_eigenvector(const cn_graph *g, cn_mode mode, int weighted,
                           cn_scale scale, double *out, double *lambda) {
  int32_t n = g->n;
  if (lambda)
    *lambda = NAN;
  if (n <= 0)
    return CN_MEASURE_OK;
  int status;
  if (nilpotent(g, mode, &status)) {
    for (int32_t i = 0; i < n; i++)
      out[i] = NAN;
    if (lambda && status == CN_MEASURE_OK)
      *lambda = 0.0;
    return status;
  }
  if (status != CN_MEASURE_OK)
    return status;
  double *x = malloc(sizeof *x * (size_t)n), *y = malloc(sizeof *y * (size_t)n);
  if (!x || !y) {
    free(x), free(y);
    return CN_MEASURE_NOMEM;
  }
  for (int32_t i = 0; i < n; i++)
    x[i] = 1.0;
  product p = {cn_graph_view(g, mode), NULL, x, y, 1.0, 0.0};
  p.w = weighted ? p.v.w : NULL;
  /* A + I shares A's eigenvectors and makes the leading eigenvalue the only
   * one of largest modulus (a bipartite graph also has -lambda), so the
   * iteration settles instead of oscillating. */
  int rc = CN_MEASURE_NOCONV;
  double grow = 1.0;
  for (int it = 0; it < CN_SPECTRAL_MAX_ITER; it++) {
    p.x = x, p.y = y;
    int st = multiply(&p, n);
    if (st != CN_MEASURE_OK) {
      rc = st;
      break;
    }
    grow = max_abs(y, n);
    double change = 0.0;
    for (int32_t i = 0; i < n; i++) {
      y[i] /= grow;
      double d = fabs(y[i] - x[i]);
      if (d > change)
        change = d;
    }
    double *t = x;
    x = y, y = t;
    if (change <= 1e-13) {
      rc = CN_MEASURE_OK;
      break;
    }
  }
  if (rc == CN_MEASURE_OK) {
    double norm = 0.0;
    for (int32_t i = 0; i < n; i++)
      norm += x[i] * x[i];
    norm = sqrt(norm);
    for (int32_t i = 0; i < n; i++)
      out[i] = scale == CN_SCALE_NORM ? x[i] / norm : x[i];
    if (lambda)
      *lambda = grow - 1.0;
  }
  free(x), free(y);
  return rc;
}

/* ---- Bonacich power ---- */

/* Solves M c = b in place (M is n×n, row-major, destroyed; b becomes c) by
 * Gaussian elimination with partial pivoting.  A pivot below tiny means M
 * has no inverse. */
static int solve_dense(double *M, double *b, int32_t n, double tiny) {
  size_t N = (size_t)n;
  for (int32_t k = 0; k < n; k++) {
    if ((k & 63) == 0 && cn_measure_interrupt)
      return CN_MEASURE_INTERRUPTED;
    int32_t piv = k;
    for (int32_t r = k + 1; r < n; r++)
      if (fabs(M[(size_t)r * N + (size_t)k]) > fabs(M[(size_t)piv * N + (size_t)k]))
        piv = r;
    if (!(fabs(M[(size_t)piv * N + (size_t)k]) > tiny))
      return CN_MEASURE_SINGULAR;
    if (piv != k) {
      for (int32_t c = 0; c < n; c++) {
        double t = M[(size_t)k * N + (size_t)c];
        M[(size_t)k * N + (size_t)c] = M[(size_t)piv * N + (size_t)c];
        M[(size_t)piv * N + (size_t)c] = t;
      }
      double t = b[k];
      b[k] = b[piv], b[piv] = t;
    }
    const double *rowk = M + (size_t)k * N;
    for (int32_t r = k + 1; r < n; r++) {
      double *row = M + (size_t)r * N;
      double f = row[k] / rowk[k];
      if (f == 0.0)
        continue;
      for (int32_t c = k; c < n; c++)
        row[c] -= f * rowk[c];
      b[r] -= f * b[k];
    }
  }
  for (int32_t k = n - 1; k >= 0; k--) {
    const double *row = M + (size_t)k * N;
    double s = b[k];
    for (int32_t c = k + 1; c < n; c++)
      s -= row[c] * b[c];
    b[k] = s / row[k];
  }
  return CN_MEASURE_OK;
}

static int bonacich_dense(const cn_view *v, int32_t n, double beta, double *c) {
  size_t N = (size_t)n;
  double *M = calloc(N * N, sizeof *M);
  if (!M)
    return CN_MEASURE_NOMEM;
  for (int32_t i = 0; i < n; i++) {
    M[(size_t)i * N + (size_t)i] = 1.0;
    for (int64_t e = v->off[i]; e < v->off[i + 1]; e++)
      M[(size_t)i * N + (size_t)v->adj[e]] = -beta;
    c[i] = (double)(v->off[i + 1] - v->off[i]); /* (A 1)_i */
  }
  /* Relative to the largest row of M (its infinity norm), a pivot this
   * small leaves no significant digit. */
  double norm = 1.0 + fabs(beta) * (double)max_abs(c, n);
  int rc = solve_dense(M, c, n, 1e-12 * norm);
  free(M);
  return rc;
}

/* c = A1 + beta A c, iterated from c = A1: the series Σ beta^k A^(k+1) 1,
 * which converges when |beta| is below 1 / the largest eigenvalue. */
static int bonacich_series(const cn_view *v, int32_t n, double beta, double *c) {
  double *b = malloc(sizeof *b * (size_t)n), *y = malloc(sizeof *y * (size_t)n);
  if (!b || !y) {
    free(b), free(y);
    return CN_MEASURE_NOMEM;
  }
  for (int32_t i = 0; i < n; i++)
    b[i] = c[i] = (double)(v->off[i + 1] - v->off[i]);
  int rc = CN_MEASURE_NOCONV;
  for (int it = 0; it < CN_SPECTRAL_MAX_ITER; it++) {
    product p = {*v, NULL, c, y, 0.0, 0.0};
    int st = multiply(&p, n);
    if (st != CN_MEASURE_OK) {
      rc = st;
      break;
    }
    double change = 0.0, big = 0.0;
    for (int32_t i = 0; i < n; i++) {
      double nv = b[i] + beta * y[i];
      if (fabs(nv - c[i]) > change)
        change = fabs(nv - c[i]);
      if (fabs(nv) > big)
        big = fabs(nv);
      c[i] = nv;
    }
    if (!(big < 1e300))
      break; /* diverging */
    if (change <= 1e-15 * big) {
      rc = CN_MEASURE_OK;
      break;
    }
  }
  free(b), free(y);
  return rc;
}

int cn_measure_bonacich(const cn_graph *g, int directed, double beta,
                        double *out) {
  int32_t n = g->n;
  if (n <= 0)
    return CN_MEASURE_OK;
  cn_view v = cn_graph_view(g, directed ? CN_MODE_OUT : CN_MODE_ALL);
  int rc = n <= CN_BONACICH_DENSE_MAX ? bonacich_dense(&v, n, beta, out)
                                      : bonacich_series(&v, n, beta, out);
  if (rc != CN_MEASURE_OK)
    return rc;
  double ss = 0.0;
  for (int32_t i = 0; i < n; i++)
    ss += out[i] * out[i];
  double f = ss > 0.0 ? sqrt((double)n / ss) : NAN;
  for (int32_t i = 0; i < n; i++)
    out[i] *= f;
  return CN_MEASURE_OK;
}

/* ---- PageRank ---- */

int cn_measure_pagerank(const cn_graph *g, int directed, int weighted,
                        double damping, double *out) {
  int32_t n = g->n;
  if (n <= 0)
    return CN_MEASURE_OK;
  cn_view fwd = cn_graph_view(g, directed ? CN_MODE_OUT : CN_MODE_ALL);
  cn_view back = cn_graph_view(g, directed ? CN_MODE_IN : CN_MODE_ALL);
  double *total = malloc(sizeof *total * (size_t)n);
  double *share = malloc(sizeof *share * (size_t)n);
  double *y = malloc(sizeof *y * (size_t)n);
  if (!total || !share || !y) {
    free(total), free(share), free(y);
    return CN_MEASURE_NOMEM;
  }
  /* total[j]: what j hands out, Σ over its out-ties (1 each unweighted) */
  for (int32_t j = 0; j < n; j++) {
    double t = 0.0;
    for (int64_t e = fwd.off[j]; e < fwd.off[j + 1]; e++)
      t += weighted ? fwd.w[e] : 1.0;
    total[j] = t;
    out[j] = 1.0 / n;
  }
  int rc = CN_MEASURE_NOCONV;
  for (int it = 0; it < CN_SPECTRAL_MAX_ITER; it++) {
    double dangling = 0.0;
    for (int32_t j = 0; j < n; j++) {
      if (total[j] > 0.0)
        share[j] = damping * out[j] / total[j];
      else {
        share[j] = 0.0;
        dangling += out[j];
      }
    }
    double base = ((1.0 - damping) + damping * dangling) / n;
    product p = {back, weighted ? back.w : NULL, share, y, 0.0, base};
    int st = multiply(&p, n);
    if (st != CN_MEASURE_OK) {
      rc = st;
      break;
    }
    double change = 0.0;
    for (int32_t i = 0; i < n; i++) {
      change += fabs(y[i] - out[i]);
      out[i] = y[i];
    }
    if (change <= 1e-15) {
      rc = CN_MEASURE_OK;
      break;
    }
  }
  if (rc == CN_MEASURE_OK) {
    double s = 0.0;
    for (int32_t i = 0; i < n; i++)
      s += out[i];
    for (int32_t i = 0; i < n; i++)
      out[i] /= s;
  }
  free(total), free(share), free(y);
  return rc;
}
