/* holes.c — Burt's structural holes (constraint, effective size, hierarchy) and contact groups. */
#include "measures.h"

#include <math.h>
#include <stdlib.h>

#include "parallel.h"

/* Everything is computed on the und view: contacts N(i), z_ij = und_z,
 * p_ij = z_ij / Σ_k z_ik, m_jq = z_jq / max_k z_jk.  One pass over the
 * neighbours q of ego i and their neighbours x gives both
 *   acc[x] = Σ_q p_iq p_qx           (indirect constraint through q), and
 *   red_q  = Σ_x p_ix z_qx / max z_q (redundancy of contact q),
 * restricted to x ∈ N(i).  The pass costs Σ_{q∈N(i)} deg(q). */

static void row_sum_max(const cn_graph *g, int32_t v, double *sum,
                        double *max) {
  double s = 0.0, m = 0.0;
  for (int64_t e = g->und_off[v]; e < g->und_off[v + 1]; e++) {
    s += g->und_z[e];
    if (g->und_z[e] > m)
      m = g->und_z[e];
  }
  *sum = s;
  *max = m;
}

typedef struct ego_out {
  double constraint, effsize, hierarchy;
} ego_out;

/* What the kernel computes besides constraint (a bit set). */
enum { WANT_EFFSIZE = 1, WANT_HIERARCHY = 2 };

/* How many contacts ahead the kernel asks the memory for what it will read
 * of a contact q: its row bounds and sums first, then (once those are in)
 * the start of its row.  Rows of random contacts are scattered through
 * memory, and without this the kernel mostly waits for them. */
enum { AHEAD_BOUNDS = 12, AHEAD_ROW = 6 };

/* What the kernel reads of a contact q, in one place (a cache line holds
 * four), so that a random contact costs one miss, not three: where its row
 * starts (it ends where the next vertex's starts) and Σ_k z_qk. */
typedef struct vertex_info {
  int64_t start;
  double zsum;
} vertex_info;

/* A worker's scratch for egos taken one after another: the ego's contacts
 * are marked in a bit set (n bits: small enough to stay in cache, where an
 * n-entry array does not), and pos gives a marked contact's index in the
 * ego's row. */
typedef struct ego_scratch {
  int32_t *pos;   /* n entries; unread where mark is clear */
  uint64_t *mark; /* (n + 63) / 64 words, all clear between egos */
  double *pi, *acc;
} ego_scratch;

/* A contact whose row is longer than this many times the ego's is a hub
 * to the ego (the kernel searches its row rather than scanning it). */
enum { HUB_RATIO = 16 };

static int marked(const uint64_t *mark, int32_t x) {
  return (int)((mark[(uint32_t)x >> 6] >> ((uint32_t)x & 63)) & 1);
}

/* The kernel for one ego with k >= 1 contacts.
 *  mark, pos: the ego's contacts are marked and indexed here (mark is clear
 *        again on return); if mark is NULL, contacts are found by binary
 *        search.
 *  info, zmax: each vertex's row start and Σ z (n + 1 entries), and its
 *        max z; or NULL to compute them here (the same way, so results are
 *        bitwise identical).
 *  pi, acc: scratch of k entries.  On return acc[a] holds c_{i,a}.
 *  want: WANT_ bits; what is not wanted is left NaN in *out.  Each value is
 *        computed the same way whatever else is wanted. */
static void ego_kernel(const cn_graph *g, int32_t i, uint64_t *mark,
                       int32_t *pos, const vertex_info *info, const double *zmax,
                       double *pi, double *acc, unsigned want, ego_out *out) {
  const int64_t *off = g->und_off;
  const int32_t *adj = g->und_adj;
  const double *z = g->und_z;
  int64_t b0 = off[i];
  int64_t k = off[i + 1] - b0;
  const int32_t *row = adj + b0;
  const double *zrow = z + b0;
  double si, mi;
  if (info)
    si = info[i].zsum;
  else
    row_sum_max(g, i, &si, &mi);
  for (int64_t a = 0; a < k; a++) {
    pi[a] = zrow[a] / si;
    acc[a] = 0.0;
    if (mark) {
      uint32_t x = (uint32_t)row[a];
      mark[x >> 6] |= (uint64_t)1 << (x & 63);
      pos[x] = (int32_t)a;
    }
  }
  double es = 0.0;
  for (int64_t a = 0; a < k; a++) {
    if (mark && a + AHEAD_BOUNDS < k) {
      int32_t q = row[a + AHEAD_BOUNDS];
      __builtin_prefetch(&info[q]);
      if (want & WANT_EFFSIZE)
        __builtin_prefetch(&zmax[q]);
    }
    if (mark && a + AHEAD_ROW < k)
      __builtin_prefetch(&adj[info[row[a + AHEAD_ROW]].start]);
    int32_t q = row[a];
    double sq, mq;
    int64_t e0, e1;
    if (info) {
      sq = info[q].zsum, mq = zmax[q];
      e0 = info[q].start, e1 = info[q + 1].start;
    } else {
      row_sum_max(g, q, &sq, &mq);
      e0 = off[q], e1 = off[q + 1];
    }
    double piq = pi[a], red = 0.0;
    if (e1 - e0 > HUB_RATIO * k) {
      /* q has far more contacts than the ego: look the ego's contacts up
       * in q's row rather than read it all.  Both rows are sorted, so the
       * contacts are found in the order a scan of q's row meets them, and
       * every sum is taken in the same order. */
      int64_t lo = e0;
      for (int64_t b = 0; b < k && lo < e1; b++) {
        int64_t e = lo + cn_row_lower_bound(adj + lo, e1 - lo, row[b]);
        lo = e;
        if (e < e1 && adj[e] == row[b]) {
          acc[b] += piq * (z[e] / sq);
          red += pi[b] * z[e];
          lo = e + 1;
        }
      }
    } else {
      for (int64_t e = e0; e < e1; e++) {
        int32_t x = adj[e];
        int64_t b;
        if (mark) {
          if (!marked(mark, x))
            continue;
          b = pos[x];
        } else if ((b = cn_row_find(row, k, x)) < 0) {
          continue;
        }
        acc[b] += piq * (z[e] / sq);
        red += pi[b] * z[e];
      }
    }
    if (want & WANT_EFFSIZE)
      es += 1.0 - red / mq;
  }
  double c = 0.0;
  for (int64_t a = 0; a < k; a++) {
    double t = pi[a] + acc[a];
    acc[a] = t * t;
    c += acc[a];
    if (mark) {
      uint32_t x = (uint32_t)row[a];
      mark[x >> 6] &= ~((uint64_t)1 << (x & 63));
    }
  }
  double h = NAN;
  if ((want & WANT_HIERARCHY) && k > 1 && c > 0) {
    double mean = c / (double)k, s = 0.0;
    for (int64_t a = 0; a < k; a++) {
      double r = acc[a] / mean;
      if (r > 0)
        s += r * log(r);
    }
    h = s / ((double)k * log((double)k));
  }
  out->constraint = c;
  out->effsize = want & WANT_EFFSIZE ? es : NAN;
  out->hierarchy = h;
}

/* ---- all vertices ------------------------------------------------------ */

typedef struct holes_job {
  const cn_graph *g;
  vertex_info *info; /* n + 1 entries */
  double *zmax;
  ego_scratch *sc; /* one per worker */
  unsigned want;
  double *c, *es, *eff, *h;
} holes_job;

static int holes_chunk(void *ctx, int w, int64_t begin, int64_t end) {
  holes_job *j = ctx;
  const cn_graph *g = j->g;
  const ego_scratch *sc = &j->sc[w];
  for (int64_t v = begin; v < end; v++) {
    int32_t i = (int32_t)v;
    int64_t k = g->und_off[i + 1] - g->und_off[i];
    ego_out o = {NAN, NAN, NAN};
    double eff = NAN;
    if (k > 0) {
      ego_kernel(g, i, sc->mark, sc->pos, j->info, j->zmax, sc->pi, sc->acc,
                 j->want, &o);
      eff = o.effsize / (double)k;
    }
    if (j->c)
      j->c[i] = o.constraint;
    if (j->es)
      j->es[i] = o.effsize;
    if (j->eff)
      j->eff[i] = eff;
    if (j->h)
      j->h[i] = o.hierarchy;
  }
  return 0;
}

int cn_measure_structural_holes(const cn_graph *g, double *constraint,
                                double *effsize, double *efficiency,
                                double *hierarchy) {
  int32_t n = g->n;
  const int64_t chunk = 256;
  int workers = cn_parallel_workers(n, chunk);
  holes_job j = {g, NULL, NULL, NULL, 0, constraint, effsize, efficiency,
                 hierarchy};
  j.want = (effsize || efficiency ? WANT_EFFSIZE : 0u) |
           (hierarchy ? WANT_HIERARCHY : 0u);
  int64_t maxdeg = 1;
  for (int32_t i = 0; i < n; i++)
    if (g->und_off[i + 1] - g->und_off[i] > maxdeg)
      maxdeg = g->und_off[i + 1] - g->und_off[i];
  size_t sz = n ? (size_t)n : 1, words = ((size_t)n + 63) / 64 + 1;
  int status = CN_MEASURE_NOMEM;
  j.info = malloc((sz + 1) * sizeof *j.info);
  j.zmax = malloc(sz * sizeof *j.zmax);
  j.sc = calloc((size_t)workers, sizeof *j.sc);
  if (!j.info || !j.zmax || !j.sc)
    goto done;
  for (int w = 0; w < workers; w++) {
    ego_scratch *sc = &j.sc[w];
    sc->pos = malloc(sz * sizeof *sc->pos);
    sc->mark = calloc(words, sizeof *sc->mark);
    sc->pi = malloc((size_t)maxdeg * sizeof *sc->pi);
    sc->acc = malloc((size_t)maxdeg * sizeof *sc->acc);
    if (!sc->pos || !sc->mark || !sc->pi || !sc->acc)
      goto done;
  }
  for (int32_t i = 0; i <= n; i++)
    j.info[i].start = g->und_off[i];
  for (int32_t i = 0; i < n; i++)
    row_sum_max(g, i, &j.info[i].zsum, &j.zmax[i]);
  status = cn_parallel_for(n, chunk, workers, holes_chunk, &j);
done:
  for (int w = 0; j.sc && w < workers; w++) {
    free(j.sc[w].pos);
    free(j.sc[w].mark);
    free(j.sc[w].pi);
    free(j.sc[w].acc);
  }
  free(j.sc), free(j.info), free(j.zmax);
  return status;
}

int cn_measure_constraint(const cn_graph *g, double *constraint) {
  return cn_measure_structural_holes(g, constraint, NULL, NULL, NULL);
}

int cn_measure_effective_size(const cn_graph *g, double *effsize,
                              double *efficiency) {
  return cn_measure_structural_holes(g, NULL, effsize, efficiency, NULL);
}

int cn_measure_hierarchy(const cn_graph *g, double *hierarchy) {
  return cn_measure_structural_holes(g, NULL, NULL, NULL, hierarchy);
}

/* ---- one ego ----------------------------------------------------------- */

int64_t cn_measure_constraint_terms(const cn_graph *g, int32_t ego,
                                    double *terms) {
  int64_t k = g->und_off[ego + 1] - g->und_off[ego];
  if (k == 0)
    return 0;
  double *pi = malloc((size_t)k * sizeof *pi);
  if (!pi)
    return CN_MEASURE_NOMEM;
  ego_out o;
  ego_kernel(g, ego, NULL, NULL, NULL, NULL, pi, terms, 0, &o);
  free(pi);
  return k;
}

double cn_measure_dyadic_constraint(const cn_graph *g, int32_t i, int32_t j) {
  int64_t k = g->und_off[i + 1] - g->und_off[i];
  if (k == 0)
    return NAN;
  int64_t a = cn_row_find(g->und_adj + g->und_off[i], k, j);
  if (a < 0)
    return 0.0;
  double *terms = malloc((size_t)k * sizeof *terms);
  if (!terms || cn_measure_constraint_terms(g, i, terms) < 0) {
    free(terms);
    return NAN;
  }
  double c = terms[a];
  free(terms);
  return c;
}

/* ---- contact groups ---------------------------------------------------- */

static int32_t uf_find(int32_t *parent, int32_t a) {
  while (parent[a] != a) {
    parent[a] = parent[parent[a]];
    a = parent[a];
  }
  return a;
}

/* Union-find over ego's contacts; parent is scratch of deg(ego) entries. */
static int32_t groups_kernel(const cn_graph *g, int32_t ego, int32_t *parent,
                             int32_t *label) {
  int64_t b0 = g->und_off[ego];
  int64_t k = g->und_off[ego + 1] - b0;
  const int32_t *row = g->und_adj + b0;
  for (int64_t a = 0; a < k; a++)
    parent[a] = (int32_t)a;
  for (int64_t a = 0; a < k; a++) {
    int32_t q = row[a];
    for (int64_t e = g->und_off[q]; e < g->und_off[q + 1]; e++) {
      int64_t b = cn_row_find(row, k, g->und_adj[e]);
      if (b < 0)
        continue;
      int32_t ra = uf_find(parent, (int32_t)a), rb = uf_find(parent, (int32_t)b);
      /* the smaller index stays the root, so a group's root is its first
       * contact */
      if (ra < rb)
        parent[rb] = ra;
      else if (rb < ra)
        parent[ra] = rb;
    }
  }
  int32_t ngroups = 0;
  for (int64_t a = 0; a < k; a++) {
    int32_t r = uf_find(parent, (int32_t)a);
    if (r == a) {
      if (label)
        label[a] = ngroups;
      ngroups++;
    } else if (label) {
      label[a] = label[r]; /* r < a: already labelled */
    }
  }
  return ngroups;
}

int32_t cn_measure_contact_groups(const cn_graph *g, int32_t ego,
                                  int32_t *label) {
  int64_t k = g->und_off[ego + 1] - g->und_off[ego];
  if (k == 0)
    return 0;
  int32_t *parent = malloc((size_t)k * sizeof *parent);
  if (!parent)
    return CN_MEASURE_NOMEM;
  int32_t r = groups_kernel(g, ego, parent, label);
  free(parent);
  return r;
}

typedef struct groups_job {
  const cn_graph *g;
  int32_t **parent;
  int32_t *out;
} groups_job;

static int groups_chunk(void *ctx, int w, int64_t begin, int64_t end) {
  groups_job *j = ctx;
  for (int64_t v = begin; v < end; v++)
    j->out[v] = groups_kernel(j->g, (int32_t)v, j->parent[w], NULL);
  return 0;
}

int cn_measure_contact_group_counts(const cn_graph *g, int32_t *ngroups) {
  int32_t n = g->n;
  const int64_t chunk = 256;
  int workers = cn_parallel_workers(n, chunk);
  int64_t maxdeg = 1;
  for (int32_t i = 0; i < n; i++)
    if (g->und_off[i + 1] - g->und_off[i] > maxdeg)
      maxdeg = g->und_off[i + 1] - g->und_off[i];
  groups_job j = {g, calloc((size_t)workers, sizeof(int32_t *)), ngroups};
  int status = CN_MEASURE_NOMEM;
  if (!j.parent)
    return status;
  for (int w = 0; w < workers; w++)
    if (!(j.parent[w] = malloc((size_t)maxdeg * sizeof(int32_t))))
      goto done;
  status = cn_parallel_for(n, chunk, workers, groups_chunk, &j);
done:
  for (int w = 0; w < workers; w++)
    free(j.parent[w]);
  free(j.parent);
  return status;
}
