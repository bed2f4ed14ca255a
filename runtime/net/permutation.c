/* permutation.c — the QAP test (permutation.h). */
#include "permutation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measures.h"
#include "parallel.h"
#include "progress.h"
#include "random.h"

/* Up to this many vertices b's arcs are looked up in an n×n bit matrix
 * (32 MB at the limit); beyond it by binary search in b's sorted rows. */
enum { DENSE_MAX = 16384 };

typedef struct qap {
  const cn_graph *a, *b;
  int32_t n;
  uint64_t *bits; /* b's arcs as bits, row-major, or NULL */
  int64_t observed; /* cells tied in both, unpermuted */
  uint64_t seed;
  int32_t *perm;  /* per worker: n entries */
  int64_t *ge, *le; /* per worker: permutations at or above / below */
} qap;

static int b_has(const qap *q, int32_t i, int32_t j) {
  if (q->bits) {
    uint64_t cell = (uint64_t)i * (uint64_t)q->n + (uint64_t)j;
    return (int)((q->bits[cell >> 6] >> (cell & 63)) & 1u);
  }
  const cn_graph *b = q->b;
  return cn_row_find(b->out_adj + b->out_off[i],
                     b->out_off[i + 1] - b->out_off[i], j) >= 0;
}

/* Cells (i, j) tied in a whose image (perm[i], perm[j]) is tied in b. */
static int64_t both(const qap *q, const int32_t *perm) {
  const cn_graph *a = q->a;
  int64_t s = 0;
  for (int32_t i = 0; i < q->n; i++) {
    int32_t pi = perm[i];
    for (int64_t e = a->out_off[i]; e < a->out_off[i + 1]; e++)
      s += b_has(q, pi, perm[a->out_adj[e]]);
  }
  return s;
}

static void tally(qap *q, int worker, int64_t s) {
  q->ge[worker] += s >= q->observed;
  q->le[worker] += s <= q->observed;
}

static int draw(void *ctx, int worker, int64_t begin, int64_t end) {
  qap *q = ctx;
  int32_t n = q->n, *perm = q->perm + (size_t)worker * (size_t)n;
  for (int64_t t = begin; t < end; t++) {
    uint64_t x = cn_rand_stream(q->seed, (uint64_t)t);
    for (int32_t i = 0; i < n; i++)
      perm[i] = i;
    for (int32_t i = n - 1; i > 0; i--) {
      int32_t r = (int32_t)cn_rand_below(&x, (uint64_t)i + 1);
      int32_t tmp = perm[i];
      perm[i] = perm[r], perm[r] = tmp;
    }
    tally(q, worker, both(q, perm));
  }
  return CN_MEASURE_OK;
}

/* Every permutation of 0..n-1 once, by Heap's algorithm (iterative). */
static int enumerate(qap *q) {
  int32_t n = q->n, *perm = q->perm, c[CN_QAP_EXACT_MAX] = {0};
  int64_t total = 1;
  for (int32_t i = 0; i < n; i++) {
    perm[i] = i;
    total *= i + 1;
  }
  tally(q, 0, both(q, perm));
  int64_t done = 1;
  for (int32_t i = 1; i < n;) {
    if (c[i] < i) {
      int32_t k = i % 2 == 0 ? 0 : c[i];
      int32_t tmp = perm[k];
      perm[k] = perm[i], perm[i] = tmp;
      tally(q, 0, both(q, perm));
      if (++done % 65536 == 0) {
        if (cn_measure_interrupt)
          return CN_MEASURE_INTERRUPTED;
        cn_progress(done, total);
      }
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return CN_MEASURE_OK;
}

static int64_t arcs(const cn_graph *g) { return g->out_off[g->n]; }

int cn_qap(const cn_graph *a, const cn_graph *b, int64_t reps, uint64_t seed,
           int exact, cn_qap_result *out) {
  int32_t n = a->n;
  out->r = out->p_ge = out->p_le = NAN;
  out->exact = exact;
  out->reps = (double)reps;
  if (exact) {
    double f = 1;
    for (int32_t i = 2; i <= n; i++)
      f *= i;
    out->reps = f;
  }
  double cells = (double)n * (n - 1), sa = (double)arcs(a), sb = (double)arcs(b);
  double va = cells * sa - sa * sa, vb = cells * sb - sb * sb;
  if (n < 2 || !(va > 0) || !(vb > 0) || (exact && n > CN_QAP_EXACT_MAX))
    return CN_MEASURE_OK; /* a constant matrix has no correlation */
  /* Walk the graph with fewer arcs and look up in the other: the count
   * for relabelling b by p equals the count for relabelling a by p's
   * inverse, so the distribution is the same (and qap(A, B) = qap(B, A)). */
  if (arcs(b) < arcs(a)) {
    const cn_graph *t = a;
    a = b, b = t;
  }
  qap q;
  memset(&q, 0, sizeof q);
  q.a = a, q.b = b, q.n = n, q.seed = seed;
  int workers = exact ? 1 : cn_parallel_workers(reps, 16);
  int rc = CN_MEASURE_NOMEM;
  if (n <= DENSE_MAX) {
    size_t words = ((size_t)n * (size_t)n + 63) / 64;
    q.bits = calloc(words, sizeof *q.bits);
    if (!q.bits)
      goto done;
    for (int32_t i = 0; i < n; i++)
      for (int64_t e = b->out_off[i]; e < b->out_off[i + 1]; e++) {
        uint64_t cell = (uint64_t)i * (uint64_t)n + (uint64_t)b->out_adj[e];
        q.bits[cell >> 6] |= (uint64_t)1 << (cell & 63);
      }
  }
  q.perm = malloc(sizeof *q.perm * (size_t)n * (size_t)workers);
  q.ge = calloc((size_t)workers, sizeof *q.ge);
  q.le = calloc((size_t)workers, sizeof *q.le);
  if (!q.perm || !q.ge || !q.le)
    goto done;
  for (int32_t i = 0; i < n; i++)
    q.perm[i] = i;
  q.observed = both(&q, q.perm);
  rc = exact ? enumerate(&q) : cn_parallel_for(reps, 16, workers, draw, &q);
  if (rc != CN_MEASURE_OK)
    goto done;
  int64_t ge = 0, le = 0;
  for (int w = 0; w < workers; w++)
    ge += q.ge[w], le += q.le[w];
  out->r = (cells * (double)q.observed - sa * sb) / sqrt(va * vb);
  out->p_ge = (double)ge / out->reps;
  out->p_le = (double)le / out->reps;
done:
  free(q.bits);
  free(q.perm);
  free(q.ge);
  free(q.le);
  return rc;
}
