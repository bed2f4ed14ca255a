/* test_permutation.c — the permutation and random-graph tests of
 * runtime/net (permutation.h, cug.h) against brute force: QAP p-values
 * over every permutation, the same p-values recomputed one replication
 * after the other (whatever threads cn_qap used), and random graphs that
 * keep what cug's null models promise.  Prints "N passed, N failed". */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cug.h"
#include "measures.h"
#include "permutation.h"
#include "random.h"

/* A random graph on n vertices: each ordered pair tied with chance p/64
 * (directed), or each unordered pair (undirected). */
static void random_graph(cn_graph *g, int32_t n, int directed, unsigned p,
                         uint64_t seed) {
  cn_graph_tie *t = malloc(sizeof *t * (size_t)(n * n + 1));
  size_t nt = 0;
  uint64_t x = seed;
  for (int32_t i = 0; i < n; i++)
    for (int32_t j = directed ? 0 : i + 1; j < n; j++)
      if (i != j && cn_rand_below(&x, 64) < p) {
        t[nt].u = i, t[nt].v = j, t[nt].w = 1, t[nt].directed = directed;
        nt++;
      }
  cn_graph_build(g, n, t, nt);
  free(t);
}

static int has(const cn_graph *g, int32_t i, int32_t j) {
  return cn_row_find(g->out_adj + g->out_off[i],
                     g->out_off[i + 1] - g->out_off[i], j) >= 0;
}

/* Cells tied in a whose image under perm is tied in b. */
static int64_t both(const cn_graph *a, const cn_graph *b, const int32_t *perm) {
  int64_t s = 0;
  for (int32_t i = 0; i < a->n; i++)
    for (int32_t j = 0; j < a->n; j++)
      s += i != j && has(a, i, j) && has(b, perm[i], perm[j]);
  return s;
}

/* The next permutation in lexicographic order; 0 after the last. */
static int next_perm(int32_t *p, int32_t n) {
  int32_t i = n - 2;
  while (i >= 0 && p[i] > p[i + 1])
    i--;
  if (i < 0)
    return 0;
  int32_t j = n - 1;
  while (p[j] < p[i])
    j--;
  int32_t t = p[i];
  p[i] = p[j], p[j] = t;
  for (int32_t a = i + 1, b = n - 1; a < b; a++, b--)
    t = p[a], p[a] = p[b], p[b] = t;
  return 1;
}

static void test_exact(int32_t n, int directed, uint64_t seed) {
  cn_graph a, b;
  random_graph(&a, n, directed, 24, seed);
  random_graph(&b, n, directed, 30, seed + 1);
  int32_t perm[8];
  for (int32_t i = 0; i < n; i++)
    perm[i] = i;
  int64_t obs = both(&a, &b, perm), ge = 0, le = 0, all = 0;
  do {
    int64_t s = both(&a, &b, perm);
    ge += s >= obs, le += s <= obs, all++;
  } while (next_perm(perm, n));
  cn_qap_result q;
  CHECK(cn_qap(&a, &b, 0, 0, 1, &q) == CN_MEASURE_OK);
  CHECK(q.exact && q.reps == (double)all);
  if (!isnan(q.r)) {
    CHECK(q.p_ge == (double)ge / (double)all);
    CHECK(q.p_le == (double)le / (double)all);
  }
  cn_graph_free(&a);
  cn_graph_free(&b);
}

/* The replications one after the other, as permutation.c documents them. */
static void test_streams(int32_t n, int64_t reps, uint64_t seed) {
  cn_graph a, b;
  random_graph(&a, n, 1, 10, seed);
  random_graph(&b, n, 1, 12, seed + 7);
  /* cn_qap relabels the graph with more arcs (the other when equal) */
  const cn_graph *walk = b.out_off[n] < a.out_off[n] ? &b : &a;
  const cn_graph *look = walk == &a ? &b : &a;
  int32_t *perm = malloc(sizeof *perm * (size_t)n);
  for (int32_t i = 0; i < n; i++)
    perm[i] = i;
  int64_t obs = both(walk, look, perm), ge = 0, le = 0;
  for (int64_t t = 0; t < reps; t++) {
    uint64_t x = cn_rand_stream(seed, (uint64_t)t);
    for (int32_t i = 0; i < n; i++)
      perm[i] = i;
    for (int32_t i = n - 1; i > 0; i--) {
      int32_t r = (int32_t)cn_rand_below(&x, (uint64_t)i + 1), tmp = perm[i];
      perm[i] = perm[r], perm[r] = tmp;
    }
    int64_t s = both(walk, look, perm);
    ge += s >= obs, le += s <= obs;
  }
  cn_qap_result q, swapped;
  CHECK(cn_qap(&a, &b, reps, seed, 0, &q) == CN_MEASURE_OK);
  CHECK(cn_qap(&b, &a, reps, seed, 0, &swapped) == CN_MEASURE_OK);
  CHECK(q.p_ge == swapped.p_ge && q.p_le == swapped.p_le && q.r == swapped.r);
  CHECK(!q.exact && q.reps == (double)reps);
  CHECK(q.p_ge == (double)ge / (double)reps);
  CHECK(q.p_le == (double)le / (double)reps);
  free(perm);
  cn_graph_free(&a);
  cn_graph_free(&b);
}

/* What every random graph of cug keeps: its ties, or its mutual and
 * one-way pairs; returned through the statistic. */
typedef struct keep {
  int bad;
  int32_t n;
} keep;

static void census(const cn_graph *g, int64_t *mutual, int64_t *asym) {
  *mutual = *asym = 0;
  for (int32_t i = 0; i < g->n; i++)
    for (int32_t j = i + 1; j < g->n; j++) {
      int ij = has(g, i, j), ji = has(g, j, i);
      *mutual += ij && ji;
      *asym += ij != ji;
    }
}

static int stat_census(const cn_graph *g, int directed, void *ctx, double *out) {
  keep *k = ctx;
  int64_t m, a;
  census(g, &m, &a);
  k->bad += g->n != k->n;
  *out = directed ? (double)(m * 100000 + a) : (double)(g->und_off[g->n] / 2);
  return CN_MEASURE_OK;
}

static void test_cug(int directed, cn_cug_given given, uint64_t seed) {
  cn_graph g;
  random_graph(&g, 9, directed, 20, seed);
  keep k = {0, 9};
  cn_cug_result r;
  CHECK(cn_cug(&g, directed, given, stat_census, &k, 200, seed, &r) == CN_MEASURE_OK);
  CHECK(k.bad == 0);
  CHECK(r.reps == 200);
  if (given == CN_CUG_SIZE) {
    /* about half of the 72 (36) cells: far from every graph the same */
    CHECK(r.sd > 0);
  } else {
    /* EDGES keeps the ties; DYADS, directed, the census */
    int census_kept = given == CN_CUG_DYADS || !directed;
    if (census_kept)
      CHECK(r.mean == r.observed && r.sd == 0 && r.p_ge == 1 && r.p_le == 1);
  }
  cn_cug_result again;
  CHECK(cn_cug(&g, directed, given, stat_census, &k, 200, seed, &again) == CN_MEASURE_OK);
  CHECK(again.p_ge == r.p_ge && again.mean == r.mean && again.sd == r.sd);
  cn_graph_free(&g);
}

/* EDGES, directed: the number of arcs is kept (the census need not be). */
static int stat_arcs(const cn_graph *g, int directed, void *ctx, double *out) {
  (void)directed, (void)ctx;
  *out = (double)g->out_off[g->n];
  return CN_MEASURE_OK;
}

static void test_cug_edges_directed(void) {
  cn_graph g;
  random_graph(&g, 10, 1, 50, 3); /* dense: the complement is drawn */
  cn_cug_result r;
  CHECK(cn_cug(&g, 1, CN_CUG_EDGES, stat_arcs, NULL, 100, 5, &r) == CN_MEASURE_OK);
  CHECK(r.mean == r.observed && r.sd == 0);
  cn_graph_free(&g);
}

static void test_interrupt(void) {
  cn_graph a;
  random_graph(&a, 30, 0, 20, 1);
  cn_measure_interrupt = 1;
  cn_qap_result q;
  CHECK(cn_qap(&a, &a, 1000, 0, 0, &q) == CN_MEASURE_INTERRUPTED);
  cn_cug_result r;
  CHECK(cn_cug(&a, 0, CN_CUG_EDGES, stat_arcs, NULL, 1000, 0, &r) ==
        CN_MEASURE_INTERRUPTED);
  cn_measure_interrupt = 0;
  cn_graph_free(&a);
}

int main(void) {
  for (uint64_t s = 1; s <= 6; s++) {
    test_exact(4 + (int32_t)(s % 3), (int)(s % 2), s * 101);
    test_streams(25 + (int32_t)s, 300, s);
  }
  for (int d = 0; d < 2; d++) {
    test_cug(d, CN_CUG_SIZE, 11);
    test_cug(d, CN_CUG_EDGES, 12);
    test_cug(d, CN_CUG_DYADS, 13);
  }
  test_cug_edges_directed();
  test_interrupt();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
