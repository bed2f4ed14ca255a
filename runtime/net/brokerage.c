/* brokerage.c — Gould & Fernandez (1989) brokerage roles, ported from R sna::brokerage. */
#include "measures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"

/* Counting follows sna's C routine brokerage_R: for every arc i->j and every
 * arc j->k with k != i and no arc i->k, broker j scores one two-path, typed
 * by the groups of i, j, k.  Here the loops run per broker (in(j) x out(j)),
 * which visits the same two-paths and lets brokers run on separate threads.
 * The expectations and variances are sna's R code, term for term; sums over
 * "the other groups" run over distinct group sizes with multiplicities,
 * which is the same sum without a K x K (or K^3) loop over groups. */

static int has_arc(const cn_graph *g, int32_t i, int32_t k) {
  return cn_row_find(g->out_adj + g->out_off[i],
                     g->out_off[i + 1] - g->out_off[i], k) >= 0;
}

static int role(int32_t gi, int32_t gj, int32_t gk) {
  if (gj == gi)
    return gj == gk ? CN_GF_COORDINATOR : CN_GF_REPRESENTATIVE;
  if (gj == gk)
    return CN_GF_GATEKEEPER;
  return gi == gk ? CN_GF_ITINERANT : CN_GF_LIAISON;
}

int cn_measure_brokerage_paths(const cn_graph *g, const int32_t *group,
                               int32_t broker, cn_brokerage_path_fn fn,
                               void *ctx) {
  int32_t j = broker;
  for (int64_t a = g->in_off[j]; a < g->in_off[j + 1]; a++) {
    int32_t i = g->in_adj[a];
    for (int64_t b = g->out_off[j]; b < g->out_off[j + 1]; b++) {
      int32_t k = g->out_adj[b];
      if (k == i || has_arc(g, i, k))
        continue;
      int r = fn(ctx, i, j, k, role(group[i], group[j], group[k]));
      if (r)
        return r;
    }
  }
  return 0;
}

/* ---- raw counts -------------------------------------------------------- */

typedef struct count_job {
  const cn_graph *g;
  const int32_t *group;
  double *raw;
} count_job;

/* Tally one open two-path by its role (cn_brokerage_path_fn). */
static int tally(void *ctx, int32_t from, int32_t broker, int32_t to,
                 int role_of_path) {
  (void)from, (void)broker, (void)to;
  ((int64_t *)ctx)[role_of_path]++;
  return 0;
}

static int count_chunk(void *ctx, int worker, int64_t begin, int64_t end) {
  (void)worker;
  count_job *c = ctx;
  for (int64_t v = begin; v < end; v++) {
    int32_t j = (int32_t)v;
    int64_t cnt[CN_GF_NCOLS] = {0};
    cn_measure_brokerage_paths(c->g, c->group, j, tally, cnt);
    double *row = c->raw + (size_t)j * CN_GF_NCOLS;
    int64_t t = 0;
    for (int r = 0; r < CN_GF_TOTAL; r++) {
      row[r] = (double)cnt[r];
      t += cnt[r];
    }
    row[CN_GF_TOTAL] = (double)t;
  }
  return 0;
}

/* ---- null model -------------------------------------------------------- */

static int cmp_i32(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

static double choose2(double x) { return x * (x - 1.0) / 2.0; }

/* Distinct group sizes t[0..nt) with multiplicities mult[]. */
typedef struct sizes {
  double *t, *mult;
  int32_t nt;
} sizes;

/* sna's per-vertex moments for a broker whose group has ni members; the
 * sums over h run over the other groups. */
static void vertex_moments(const sizes *sz, double N, double d, double ni,
                           double e[CN_GF_NCOLS], double v[CN_GF_NCOLS]) {
  double q = d * d * (1 - d), r3 = pow(d, 3) * pow(1 - d, 3);
  double s_xx1 = 0, s_xx1x2 = 0, s_x = 0, s_x2 = 0, s_lia = 0;
  for (int32_t a = 0; a < sz->nt; a++) {
    double x = sz->t[a], m = sz->mult[a] - (x == ni ? 1 : 0);
    if (m <= 0)
      continue;
    s_xx1 += m * (x * (x - 1));
    s_xx1x2 += m * (x * (x - 1) * (x - 2));
    s_x += m * x;
    s_x2 += m * (x * x);
    s_lia += m * (x * choose2(N - x - ni) * r3);
  }
  e[0] = q * (ni - 1) * (ni - 2);
  v[0] = e[0] * (1 - q) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * r3;
  e[1] = q * s_xx1;
  v[1] = e[1] * (1 - q) + 2 * s_xx1x2 * r3;
  e[2] = q * (N - ni) * (ni - 1);
  v[2] = e[2] * (1 - q) +
         2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * r3;
  e[3] = e[2];
  v[3] = v[2];
  e[4] = q * (s_x * s_x - s_x2);
  v[4] = e[4] * (1 - q) + 4 * s_lia;
  e[5] = q * (N - 1) * (N - 2);
  v[5] = e[5] * (1 - q) + 2 * (N - 1) * (N - 2) * (N - 3) * r3;
}

/* sna's graph-level moments. */
static int graph_moments(const sizes *sz, double N, double d,
                         double e[CN_GF_NCOLS], double v[CN_GF_NCOLS]) {
  double q = d * d * (1 - d);
  double r3 = pow(d, 3) * pow(1 - d, 3), r4 = pow(d, 4) * pow(1 - d, 2),
         r5 = pow(d, 5) * (1 - d);
  const double *t = sz->t, *m = sz->mult;
  int32_t nt = sz->nt;
  double s0 = 0, sv0 = 0, s1 = 0, sv1b = 0, sv2 = 0, s4b = 0;
  for (int32_t a = 0; a < nt; a++) {
    double x = t[a];
    s0 += m[a] * (x * (x - 1) * (x - 2));
    sv0 += m[a] * (x * (x - 1) * (x - 2) *
                   ((4 * x - 10) * r3 - 4 * (x - 3) * r4 + (x - 3) * r5));
    s1 += m[a] * (x * (N - x) * (x - 1));
    sv1b += m[a] * (x * x * (x - 1) * ((4 * x - 6) * r3 + (N - x - 1) * r5));
    sv2 += m[a] * (x * (N - x) * (x - 1) * ((N - 3) * r3 + (x - 2) * r5));
    s4b += m[a] * (x * x * (N - 2 * x));
  }
  double sv1a = 0, s4a = 0;
  for (int32_t a = 0; a < nt; a++)
    for (int32_t b = 0; b < nt; b++) {
      double x = t[a], y = t[b], mm = m[a] * m[b];
      sv1a += mm * (x * y * (x - 1) *
                    ((2 * x + 2 * y - 6) * r3 + (N - x - 1) * r5));
      s4a += mm * (x * y * (N - x - y));
    }
  e[0] = q * s0;
  v[0] = e[0] * (1 - q) + sv0;
  e[1] = q * s1;
  v[1] = e[1] * (1 - q) + (sv1a - sv1b);
  e[2] = q * s1;
  v[2] = e[2] * (1 - q) + sv2;
  e[3] = e[2];
  v[3] = v[2];
  e[4] = q * (s4a - s4b);
  v[4] = e[4] * (1 - q);
  /* Ordered triples of distinct groups (i, j, k) with sizes (x, y, w). */
  for (int32_t a = 0; a < nt; a++) {
    if (cn_measure_interrupt)
      return CN_MEASURE_INTERRUPTED;
    for (int32_t b = 0; b < nt; b++) {
      double mb = m[b] - (b == a);
      if (mb <= 0)
        continue;
      for (int32_t c = 0; c < nt; c++) {
        double mc = m[c] - (c == a) - (c == b);
        if (mc <= 0)
          continue;
        double ni = t[a], nj = t[b], nk = t[c];
        v[4] += m[a] * mb * mc *
                (ni * nj * nk *
                 ((4 * (N - nj) - 2 * (ni + nk + 1)) * r3 -
                  (4 * (N - nk) - 2 * (ni + nj + 1)) * r4 +
                  (N - (ni + nk + 1)) * r5));
      }
    }
  }
  e[5] = q * N * (N - 1) * (N - 2);
  v[5] = e[5] * (1 - q) + N * (N - 1) * (N - 2) *
                              ((4 * N - 10) * r3 - 4 * (N - 3) * r4 +
                               (N - 3) * r5);
  return 0;
}

static double sd_of(double var) { return var >= 0 ? sqrt(var) : NAN; }

int cn_measure_brokerage(const cn_graph *g, const int32_t *group, double *raw,
                         double *expected, double *sd, double *z,
                         cn_brokerage_gli *gli) {
  int32_t n = g->n;
  size_t nn = n ? (size_t)n : 1;
  int status = CN_MEASURE_NOMEM;
  double *counts = raw ? raw : malloc(nn * CN_GF_NCOLS * sizeof *counts);
  int32_t *label = malloc(nn * sizeof *label); /* distinct labels, sorted */
  int32_t *members = malloc(nn * sizeof *members); /* per distinct label */
  int32_t *bysize = malloc(nn * sizeof *bysize);
  sizes sz = {malloc(nn * sizeof(double)), malloc(nn * sizeof(double)), 0};
  double *mom = malloc(nn * 2 * CN_GF_NCOLS * sizeof *mom); /* per size */
  if (!counts || !label || !members || !bysize || !sz.t || !sz.mult || !mom)
    goto done;

  count_job cj = {g, group, counts};
  int workers = cn_parallel_workers(n, 1024);
  status = cn_parallel_for(n, 1024, workers, count_chunk, &cj);
  if (status != CN_MEASURE_OK)
    goto done;

  /* Groups and their sizes, then the distinct sizes with multiplicities. */
  memcpy(label, group, (size_t)n * sizeof *label);
  qsort(label, (size_t)n, sizeof *label, cmp_i32);
  int32_t ngroups = 0;
  for (int32_t a = 0; a < n; a++) {
    if (a == 0 || label[a] != label[a - 1]) {
      label[ngroups] = label[a];
      members[ngroups++] = 0;
    }
    members[ngroups - 1]++;
  }
  memcpy(bysize, members, (size_t)ngroups * sizeof *bysize);
  qsort(bysize, (size_t)ngroups, sizeof *bysize, cmp_i32);
  for (int32_t a = 0; a < ngroups; a++) {
    if (a == 0 || bysize[a] != bysize[a - 1]) {
      sz.t[sz.nt] = bysize[a];
      sz.mult[sz.nt++] = 0;
    }
    sz.mult[sz.nt - 1]++;
  }

  /* sna: N = number of vertices, m = number of arcs, d = m / (N(N-1)). */
  double N = (double)n;
  double d = (double)g->out_off[n] / (N * (N - 1));
  for (int32_t a = 0; a < sz.nt; a++) {
    double *e = mom + (size_t)a * 2 * CN_GF_NCOLS;
    vertex_moments(&sz, N, d, sz.t[a], e, e + CN_GF_NCOLS);
  }
  for (int32_t v = 0; v < n; v++) {
    double ni = members[cn_row_find(label, ngroups, group[v])];
    int32_t lo = 0, hi = sz.nt - 1; /* ni is one of the sizes */
    while (lo < hi) {
      int32_t mid = lo + (hi - lo) / 2;
      if (sz.t[mid] < ni)
        lo = mid + 1;
      else
        hi = mid;
    }
    const double *e = mom + (size_t)lo * 2 * CN_GF_NCOLS;
    const double *var = e + CN_GF_NCOLS;
    for (int c = 0; c < CN_GF_NCOLS; c++) {
      size_t at = (size_t)v * CN_GF_NCOLS + (size_t)c;
      double s = sd_of(var[c]);
      if (expected) /* + 0.0: a singleton group's (1-1)(1-2) is -0 */
        expected[at] = e[c] + 0.0;
      if (sd)
        sd[at] = s;
      if (z)
        z[at] = (counts[at] - e[c]) / s; /* 0/0 = NaN, as in R */
    }
  }

  if (gli) {
    double e[CN_GF_NCOLS], var[CN_GF_NCOLS];
    status = graph_moments(&sz, N, d, e, var);
    if (status != CN_MEASURE_OK)
      goto done;
    for (int c = 0; c < CN_GF_NCOLS; c++) {
      double t = 0.0;
      for (int32_t v = 0; v < n; v++)
        t += counts[(size_t)v * CN_GF_NCOLS + (size_t)c];
      gli->raw[c] = t;
      gli->expected[c] = e[c] + 0.0;
      gli->sd[c] = sd_of(var[c]);
      gli->z[c] = (t - e[c]) / gli->sd[c];
    }
  }
  status = CN_MEASURE_OK;
done:
  if (counts != raw)
    free(counts);
  free(label), free(members), free(bysize), free(sz.t), free(sz.mult);
  free(mom);
  return status;
}
