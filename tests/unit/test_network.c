/* test_network.c — the measures of spectral.c, cohesion.c and wholenet.c
 * against brute force on random graphs: triangles, clustering,
 * transitivity and reciprocity from the adjacency matrix; core numbers
 * from the definition; maximal cliques by enumerating every subset;
 * diameter and mean distance by Floyd–Warshall; eigenvector, PageRank and
 * Bonacich by the residual of the equations that define them. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cohesion.h"
#include "spectral.h"
#include "wholenet.h"

static uint64_t state = 20261203;

static uint32_t rnd(uint32_t bound) {
  state = state * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(state >> 33) % bound;
}

#define MAXN 16

typedef struct dense {
  int32_t n;
  int arc[MAXN][MAXN]; /* binary: some tie runs i -> j */
  double s[MAXN][MAXN]; /* summed strength of the pair, direction ignored */
} dense;

/* A random multigraph of n vertices, about one tie in `sparsity` pairs,
 * some directed; its CSR form and its matrices. */
static void random_graph(cn_graph *g, dense *d, int32_t n, int directed,
                         uint32_t sparsity) {
  cn_graph_tie t[MAXN * MAXN * 2];
  size_t k = 0;
  memset(d, 0, sizeof *d);
  d->n = n;
  for (int32_t i = 0; i < n; i++)
    for (int32_t j = 0; j < n; j++) {
      if (i == j || rnd(sparsity) != 0)
        continue;
      int dir = directed ? (int)rnd(3) != 0 : 0;
      double w = 1.0 + rnd(3);
      t[k++] = (cn_graph_tie){i, j, w, dir};
      d->arc[i][j] = 1;
      if (!dir)
        d->arc[j][i] = 1;
      d->s[i][j] += w;
      d->s[j][i] += w;
    }
  if (cn_graph_build(g, n, t, k) != 0)
    exit(2);
}

static int und(const dense *d, int32_t i, int32_t j) {
  return i != j && (d->arc[i][j] || d->arc[j][i]);
}

static int close_to(double a, double b) {
  if (isnan(a) || isnan(b))
    return isnan(a) && isnan(b);
  return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static void test_triangles(const cn_graph *g, const dense *d) {
  int32_t n = d->n;
  int64_t tri[MAXN];
  double cl[MAXN], wcl[MAXN];
  int64_t total = cn_measure_triangles(g, tri);
  CHECK(cn_measure_clustering(g, 0, cl) == CN_MEASURE_OK);
  CHECK(cn_measure_clustering(g, 1, wcl) == CN_MEASURE_OK);
  double top = 0;
  for (int32_t i = 0; i < n; i++)
    for (int32_t j = 0; j < n; j++)
      if (und(d, i, j) && d->s[i][j] > top)
        top = d->s[i][j];
  int64_t all = 0;
  double triples = 0;
  for (int32_t i = 0; i < n; i++) {
    int64_t t = 0;
    double wt = 0;
    int32_t deg = 0;
    for (int32_t j = 0; j < n; j++) {
      deg += und(d, i, j);
      for (int32_t k = j + 1; k < n; k++)
        if (und(d, i, j) && und(d, i, k) && und(d, j, k)) {
          t++;
          wt += cbrt(d->s[i][j] / top * d->s[i][k] / top * d->s[j][k] / top);
        }
    }
    all += t;
    triples += deg * (deg - 1) / 2.0;
    double pairs = deg * (deg - 1) / 2.0;
    CHECK(tri[i] == t);
    CHECK(close_to(cl[i], deg < 2 ? NAN : (double)t / pairs));
    CHECK(close_to(wcl[i], deg < 2 ? NAN : wt / pairs));
  }
  CHECK(total * 3 == all);
  CHECK(close_to(cn_measure_transitivity(g, NULL),
                 triples > 0 ? (double)all / triples : NAN));
}

/* The k-core by the definition: drop vertices of degree < k until none. */
static void test_cores(const cn_graph *g, const dense *d, cn_mode mode) {
  int32_t n = d->n, core[MAXN], want[MAXN] = {0};
  CHECK(cn_measure_coreness(g, mode, core) == CN_MEASURE_OK);
  for (int32_t k = 1; k <= n; k++) {
    int alive[MAXN];
    for (int32_t i = 0; i < n; i++)
      alive[i] = 1;
    for (int changed = 1; changed;) {
      changed = 0;
      for (int32_t i = 0; i < n; i++) {
        if (!alive[i])
          continue;
        int32_t deg = 0;
        for (int32_t j = 0; j < n; j++)
          if (alive[j])
            deg += mode == CN_MODE_ALL ? und(d, i, j)
                   : mode == CN_MODE_IN ? (i != j && d->arc[j][i])
                                        : (i != j && d->arc[i][j]);
        if (deg < k)
          alive[i] = 0, changed = 1;
      }
    }
    for (int32_t i = 0; i < n; i++)
      if (alive[i])
        want[i] = k;
  }
  for (int32_t i = 0; i < n; i++)
    CHECK(core[i] == want[i]);
}

typedef struct found {
  uint32_t mask[1 << 12];
  int n;
} found;

static int collect(void *ctx, const int32_t *m, int32_t size) {
  found *f = ctx;
  uint32_t mask = 0;
  for (int32_t i = 0; i < size; i++) {
    if (i > 0 && m[i] <= m[i - 1])
      return 1; /* members must come ascending */
    mask |= 1u << m[i];
  }
  if (f->n < (int)(sizeof f->mask / sizeof *f->mask))
    f->mask[f->n++] = mask;
  return 0;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static void test_cliques(const cn_graph *g, const dense *d, int32_t min) {
  int32_t n = d->n;
  static found got, want;
  got.n = want.n = 0;
  CHECK(cn_measure_cliques(g, min, collect, &got) == CN_MEASURE_OK);
  for (uint32_t m = 1; m < (1u << n); m++) {
    int clique = 1, size = 0;
    for (int32_t i = 0; i < n && clique; i++) {
      if (!(m >> i & 1))
        continue;
      size++;
      for (int32_t j = i + 1; j < n; j++)
        if (m >> j & 1 && !und(d, i, j))
          clique = 0;
    }
    if (!clique || size < min)
      continue;
    int maximal = 1;
    for (int32_t x = 0; x < n && maximal; x++) {
      if (m >> x & 1)
        continue;
      int all = 1;
      for (int32_t i = 0; i < n && all; i++)
        if (m >> i & 1 && !und(d, i, x))
          all = 0;
      maximal = !all;
    }
    if (maximal)
      want.mask[want.n++] = m;
  }
  qsort(got.mask, (size_t)got.n, sizeof *got.mask, cmp_u32);
  CHECK(got.n == want.n &&
        memcmp(got.mask, want.mask, sizeof *got.mask * (size_t)got.n) == 0);
}

static void test_distances(const cn_graph *g, const dense *d, int directed) {
  int32_t n = d->n;
  double dist[MAXN][MAXN];
  for (int32_t i = 0; i < n; i++)
    for (int32_t j = 0; j < n; j++)
      dist[i][j] = i == j ? 0
                   : (directed ? d->arc[i][j] : und(d, i, j)) ? 1
                                                              : INFINITY;
  for (int32_t k = 0; k < n; k++)
    for (int32_t i = 0; i < n; i++)
      for (int32_t j = 0; j < n; j++)
        if (dist[i][k] + dist[k][j] < dist[i][j])
          dist[i][j] = dist[i][k] + dist[k][j];
  double pairs = 0, total = 0, longest = 0;
  for (int32_t i = 0; i < n; i++)
    for (int32_t j = 0; j < n; j++)
      if (i != j && !isinf(dist[i][j])) {
        pairs++, total += dist[i][j];
        longest = fmax(longest, dist[i][j]);
      }
  cn_distance_summary s;
  CHECK(cn_measure_distances(g, directed, &s) == CN_MEASURE_OK);
  CHECK(s.pairs == pairs && s.total == total && s.longest == longest);
  int64_t arcs = 0, mutual = 0;
  for (int32_t i = 0; i < n; i++)
    for (int32_t j = 0; j < n; j++)
      if (i != j && d->arc[i][j])
        arcs++, mutual += d->arc[j][i];
  CHECK(close_to(cn_measure_reciprocity(g),
                 arcs ? (double)mutual / (double)arcs : NAN));
}

/* a_ij as the view of mode reads it: the coefficient of x_j in row i. */
static double coef(const dense *d, cn_mode mode, int weighted, int32_t i,
                   int32_t j) {
  if (i == j)
    return 0;
  if (mode == CN_MODE_ALL)
    return und(d, i, j) ? (weighted ? d->s[i][j] : 1) : 0;
  return (mode == CN_MODE_IN ? d->arc[j][i] : d->arc[i][j]) ? 1 : 0;
}

static void test_spectral(const cn_graph *g, const dense *d) {
  int32_t n = d->n;
  double x[MAXN], lambda;
  for (int weighted = 0; weighted <= 1; weighted++) {
    int rc = cn_measure_eigenvector(g, CN_MODE_ALL, weighted, CN_SCALE_MAX, x,
                                    &lambda);
    CHECK(rc == CN_MEASURE_OK);
    if (rc != CN_MEASURE_OK || isnan(x[0]))
      continue;
    double top = 0;
    for (int32_t i = 0; i < n; i++) {
      double ax = 0;
      for (int32_t j = 0; j < n; j++)
        ax += coef(d, CN_MODE_ALL, weighted, i, j) * x[j];
      CHECK(fabs(ax - lambda * x[i]) <= 1e-9 * fmax(1, lambda));
      top = fmax(top, x[i]);
    }
    CHECK(top == 1.0);
  }
  /* PageRank: the fixed point of its own equation, summing to 1 */
  for (int directed = 0; directed <= 1; directed++) {
    double pr[MAXN], out[MAXN] = {0}, sum = 0, dangling = 0;
    CHECK(cn_measure_pagerank(g, directed, 0, 0.85, pr) == CN_MEASURE_OK);
    cn_mode m = directed ? CN_MODE_OUT : CN_MODE_ALL;
    for (int32_t j = 0; j < n; j++) {
      for (int32_t i = 0; i < n; i++)
        out[j] += coef(d, m, 0, j, i);
      sum += pr[j];
      if (out[j] == 0)
        dangling += pr[j];
    }
    CHECK(close_to(sum, 1.0));
    for (int32_t i = 0; i < n; i++) {
      double want = (0.15 + 0.85 * dangling) / n;
      for (int32_t j = 0; j < n; j++)
        if (coef(d, m, 0, j, i) > 0)
          want += 0.85 * pr[j] / out[j];
      CHECK(fabs(want - pr[i]) <= 1e-12);
    }
  }
  /* Bonacich: c - beta A c is a multiple of A 1, and Σ c^2 = n */
  for (int directed = 0; directed <= 1; directed++) {
    /* not 1 / an integer: a complete graph has the eigenvalue n - 1 */
    double c[MAXN], beta = 0.0617 + 0.1 * rnd(3), ss = 0, ratio = NAN;
    cn_mode m = directed ? CN_MODE_OUT : CN_MODE_ALL;
    int rc = cn_measure_bonacich(g, directed, beta, c);
    CHECK(rc == CN_MEASURE_OK);
    if (rc != CN_MEASURE_OK || isnan(c[0]))
      continue;
    for (int32_t i = 0; i < n; i++) {
      double r = c[i], deg = 0;
      for (int32_t j = 0; j < n; j++)
        r -= beta * coef(d, m, 0, i, j) * c[j], deg += coef(d, m, 0, i, j);
      if (deg > 0 && isnan(ratio))
        ratio = r / deg;
      CHECK(fabs(r - (deg > 0 ? ratio * deg : 0)) <= 1e-9);
      ss += c[i] * c[i];
    }
    CHECK(close_to(ss, n));
  }
}

/* The complete graph K5 has the eigenvalue 4: beta = 1/4 has no answer.
 * A directed path has no cycle: its eigenvector is undefined. */
static void test_undefined(void) {
  cn_graph_tie t[10];
  size_t k = 0;
  for (int32_t i = 0; i < 5; i++)
    for (int32_t j = i + 1; j < 5; j++)
      t[k++] = (cn_graph_tie){i, j, 1.0, 0};
  cn_graph g;
  double c[5];
  if (cn_graph_build(&g, 5, t, k) != 0)
    exit(2);
  CHECK(cn_measure_bonacich(&g, 0, 0.25, c) == CN_MEASURE_SINGULAR);
  CHECK(cn_measure_bonacich(&g, 0, 0.2, c) == CN_MEASURE_OK);
  cn_graph_free(&g);
  cn_graph_tie path[2] = {{0, 1, 1.0, 1}, {1, 2, 1.0, 1}};
  if (cn_graph_build(&g, 3, path, 2) != 0)
    exit(2);
  double lambda;
  CHECK(cn_measure_eigenvector(&g, CN_MODE_IN, 0, CN_SCALE_MAX, c, &lambda) ==
        CN_MEASURE_OK);
  CHECK(isnan(c[0]) && isnan(c[1]) && isnan(c[2]) && lambda == 0);
  CHECK(cn_measure_eigenvector(&g, CN_MODE_ALL, 0, CN_SCALE_MAX, c, &lambda) ==
        CN_MEASURE_OK);
  CHECK(c[1] == 1.0 && close_to(lambda, sqrt(2.0)));
  cn_graph_free(&g);
}

int main(void) {
  test_undefined();
  for (int round = 0; round < 40; round++) {
    int32_t n = 4 + (int32_t)rnd(MAXN - 3);
    int directed = round % 2;
    cn_graph g;
    dense d;
    random_graph(&g, &d, n, directed, 2 + rnd(5));
    test_triangles(&g, &d);
    test_cores(&g, &d, CN_MODE_ALL);
    test_cores(&g, &d, CN_MODE_IN);
    test_cores(&g, &d, CN_MODE_OUT);
    test_cliques(&g, &d, 1);
    test_cliques(&g, &d, 3);
    test_distances(&g, &d, 0);
    test_distances(&g, &d, 1);
    test_spectral(&g, &d);
    cn_graph_free(&g);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
