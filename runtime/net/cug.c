/* cug.c — conditional uniform graph tests (cug.h). */
#include "cug.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measures.h"
#include "progress.h"
#include "random.h"

/* A set of cells (i·n + j) by open addressing: enough for the ties of one
 * random graph. */
typedef struct cellset {
  uint64_t *slot; /* UINT64_MAX: empty */
  size_t mask;
} cellset;

static int cellset_init(cellset *s, int64_t count) {
  size_t cap = 16;
  while (cap < (size_t)count * 2 + 16)
    cap *= 2;
  s->slot = malloc(sizeof *s->slot * cap);
  if (!s->slot)
    return -1;
  memset(s->slot, 0xff, sizeof *s->slot * cap);
  s->mask = cap - 1;
  return 0;
}

/* Adds cell; returns 1 if it was new. */
static int cellset_add(cellset *s, uint64_t cell) {
  size_t h = (size_t)((cell * 0x9e3779b97f4a7c15u) >> 17) & s->mask;
  while (s->slot[h] != UINT64_MAX) {
    if (s->slot[h] == cell)
      return 0;
    h = (h + 1) & s->mask;
  }
  s->slot[h] = cell;
  return 1;
}

static int cellset_has(const cellset *s, uint64_t cell) {
  size_t h = (size_t)((cell * 0x9e3779b97f4a7c15u) >> 17) & s->mask;
  while (s->slot[h] != UINT64_MAX) {
    if (s->slot[h] == cell)
      return 1;
    h = (h + 1) & s->mask;
  }
  return 0;
}

/* A uniform random cell: an ordered pair i != j, or (directed == 0) an
 * unordered one written i < j. */
static uint64_t random_cell(uint64_t *x, int32_t n, int directed) {
  for (;;) {
    uint64_t i = cn_rand_below(x, (uint64_t)n), j = cn_rand_below(x, (uint64_t)n);
    if (i == j)
      continue;
    if (!directed && i > j) {
      uint64_t t = i;
      i = j, j = t;
    }
    return i * (uint64_t)n + j;
  }
}

/* m distinct uniform cells into out[0..m-1], by rejection; when m is more
 * than half of the `cells` possible, the cells left out are drawn instead
 * and the others listed. */
static int random_cells(uint64_t *x, int32_t n, int directed, int64_t m,
                        int64_t cells, uint64_t *out) {
  int invert = m > cells / 2;
  int64_t draw = invert ? cells - m : m;
  cellset s;
  if (cellset_init(&s, draw) != 0)
    return CN_MEASURE_NOMEM;
  for (int64_t k = 0; k < draw;) {
    uint64_t c = random_cell(x, n, directed);
    if (cellset_add(&s, c)) {
      if (!invert)
        out[k] = c;
      k++;
    }
  }
  if (invert) {
    int64_t k = 0;
    for (int32_t i = 0; i < n; i++)
      for (int32_t j = directed ? 0 : i + 1; j < n; j++) {
        uint64_t c = (uint64_t)i * (uint64_t)n + (uint64_t)j;
        if (i != j && !cellset_has(&s, c))
          out[k++] = c;
      }
  }
  free(s.slot);
  return CN_MEASURE_OK;
}

/* The observed graph's counts that the random graphs keep. */
typedef struct census {
  int64_t ties;   /* arcs (directed) or pairs */
  int64_t mutual; /* directed: pairs tied both ways */
  int64_t asym;   /* directed: pairs tied one way */
} census;

static census count(const cn_graph *g, int directed) {
  census c = {0, 0, 0};
  if (!directed) {
    c.ties = g->und_off[g->n] / 2;
    return c;
  }
  c.ties = g->out_off[g->n];
  for (int32_t i = 0; i < g->n; i++)
    for (int64_t e = g->out_off[i]; e < g->out_off[i + 1]; e++) {
      int32_t j = g->out_adj[e];
      if (i < j && cn_row_find(g->out_adj + g->out_off[j],
                               g->out_off[j + 1] - g->out_off[j], i) >= 0)
        c.mutual++;
    }
  c.asym = c.ties - 2 * c.mutual;
  return c;
}

/* One random graph (stream x) as tie records; returns their number or a
 * negative status.  ties has room for n(n-1) records. */
static int64_t random_graph(uint64_t *x, int32_t n, int directed,
                            cn_cug_given given, const census *c,
                            uint64_t *cells, cn_graph_tie *ties) {
  int64_t all = (int64_t)n * (n - 1) / (directed ? 1 : 2), nt = 0;
  if (given == CN_CUG_SIZE) {
    uint64_t bits = 0;
    int left = 0;
    for (int32_t i = 0; i < n; i++)
      for (int32_t j = directed ? 0 : i + 1; j < n; j++) {
        if (i == j)
          continue;
        if (left == 0)
          bits = cn_rand_next(x), left = 64;
        if (bits & 1u)
          ties[nt].u = i, ties[nt].v = j, ties[nt].w = 1,
          ties[nt].directed = directed, nt++;
        bits >>= 1, left--;
      }
    return nt;
  }
  if (given == CN_CUG_EDGES || !directed) {
    int rc = random_cells(x, n, directed, c->ties, all, cells);
    if (rc != CN_MEASURE_OK)
      return rc;
    for (int64_t k = 0; k < c->ties; k++)
      ties[k].u = (int32_t)(cells[k] / (uint64_t)n),
      ties[k].v = (int32_t)(cells[k] % (uint64_t)n), ties[k].w = 1,
      ties[k].directed = directed;
    return c->ties;
  }
  /* dyad census: mutual + asym distinct pairs, the first `mutual` of a
   * shuffle of them tied both ways, the others one way at random */
  int64_t pairs = c->mutual + c->asym;
  int rc = random_cells(x, n, 0, pairs, all / 2, cells);
  if (rc != CN_MEASURE_OK)
    return rc;
  for (int64_t k = 0; k < pairs; k++) {
    int64_t r = k + (int64_t)cn_rand_below(x, (uint64_t)(pairs - k));
    uint64_t t = cells[k];
    cells[k] = cells[r], cells[r] = t;
    int32_t i = (int32_t)(cells[k] / (uint64_t)n), j = (int32_t)(cells[k] % (uint64_t)n);
    if (k < c->mutual) {
      ties[nt].u = i, ties[nt].v = j, ties[nt].w = 1, ties[nt].directed = 1, nt++;
      ties[nt].u = j, ties[nt].v = i, ties[nt].w = 1, ties[nt].directed = 1, nt++;
    } else {
      int flip = (int)(cn_rand_next(x) & 1u);
      ties[nt].u = flip ? j : i, ties[nt].v = flip ? i : j, ties[nt].w = 1,
      ties[nt].directed = 1, nt++;
    }
  }
  return nt;
}

/* a >= b (ge) or a <= b, within a relative 1e-10: values computed in
 * another order on equal graphs may differ in their last bits. */
static int at_least(double a, double b, int ge) {
  double tol = 1e-10 * fmax(1.0, fmax(fabs(a), fabs(b)));
  return ge ? a >= b - tol : a <= b + tol;
}

int cn_cug(const cn_graph *g, int directed, cn_cug_given given,
           cn_graph_stat stat, void *ctx, int64_t reps, uint64_t seed,
           cn_cug_result *out) {
  int32_t n = g->n;
  out->observed = out->p_ge = out->p_le = out->mean = out->sd = NAN;
  out->reps = 0;
  int rc = stat(g, directed, ctx, &out->observed);
  if (rc != CN_MEASURE_OK || n < 2)
    return rc;
  census c = count(g, directed);
  /* the most ties a random graph can have: every cell for SIZE, else the
   * observed number */
  size_t room = (given == CN_CUG_SIZE ? (size_t)n * (size_t)(n - 1)
                                      : (size_t)c.ties) + 1;
  uint64_t *cells = malloc(sizeof *cells * room);
  cn_graph_tie *ties = malloc(sizeof *ties * room);
  double *vals = malloc(sizeof *vals * ((size_t)reps + 1));
  rc = CN_MEASURE_NOMEM;
  if (!cells || !ties || !vals)
    goto done;
  int64_t defined = 0, ge = 0, le = 0;
  double sum = 0;
  for (int64_t t = 0; t < reps; t++) {
    if (cn_measure_interrupt) {
      rc = CN_MEASURE_INTERRUPTED;
      goto done;
    }
    cn_progress(t, reps);
    uint64_t x = cn_rand_stream(seed, (uint64_t)t);
    int64_t nt = random_graph(&x, n, directed, given, &c, cells, ties);
    if (nt < 0) {
      rc = (int)nt;
      goto done;
    }
    cn_graph r;
    if (cn_graph_build(&r, n, ties, (size_t)nt) != 0)
      goto done;
    double v;
    rc = stat(&r, directed, ctx, &v);
    cn_graph_free(&r);
    if (rc != CN_MEASURE_OK)
      goto done;
    rc = CN_MEASURE_NOMEM;
    if (isnan(v))
      continue;
    vals[defined++] = v;
    sum += v;
    ge += at_least(v, out->observed, 1);
    le += at_least(v, out->observed, 0);
  }
  rc = CN_MEASURE_OK;
  out->reps = (double)defined;
  if (defined > 0 && !isnan(out->observed)) {
    out->p_ge = (double)ge / (double)defined;
    out->p_le = (double)le / (double)defined;
  }
  if (defined > 0) {
    double mean = sum / (double)defined, ss = 0;
    for (int64_t k = 0; k < defined; k++)
      ss += (vals[k] - mean) * (vals[k] - mean);
    out->mean = mean;
    out->sd = defined > 1 ? sqrt(ss / (double)(defined - 1)) : NAN;
  }
done:
  free(cells);
  free(ties);
  free(vals);
  return rc;
}
