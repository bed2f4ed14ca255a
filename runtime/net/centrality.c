/* centrality.c — betweenness (Brandes: of actors and of ties), closeness and
 * harmonic centrality, with the peers' options (measures.h). */
#include "measures.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "random.h"

/* Two path lengths a, b >= 0 are equal when |a-b| / (|a|+|b|) < 1e-10, as in
 * igraph's igraph_cmp_epsilon with IGRAPH_SHORTEST_PATH_EPSILON.  (igraph
 * compares d+1 because it stores distances plus one; we compare d itself, so
 * the tolerance stays relative to the path length whatever the scale.) */
#define PATH_EPS 1e-10

static int cmp_eps(double a, double b) {
  if (a == b)
    return 0;
  double diff = a - b, sum = fabs(a) + fabs(b);
  if (a == 0 || b == 0 || sum < DBL_MIN)
    return fabs(diff) < PATH_EPS * DBL_MIN ? 0 : (diff < 0 ? -1 : 1);
  return fabs(diff) / sum < PATH_EPS ? 0 : (diff < 0 ? -1 : 1);
}

/* A view walked forwards (adj, lengths) and the offsets of the reverse view,
 * which bound how many predecessors a vertex can have. */
typedef struct walk {
  const int64_t *off;
  const int32_t *adj;
  const double *w;     /* NULL for hops */
  int inverse;         /* length = 1 / w */
  const int64_t *roff; /* reverse view offsets (predecessor slots) */
  double cutoff;       /* paths longer than this are not followed */
} walk;

static cn_mode reverse_mode(cn_mode mode) {
  return mode == CN_MODE_OUT ? CN_MODE_IN
                             : mode == CN_MODE_IN ? CN_MODE_OUT : CN_MODE_ALL;
}

static walk make_walk(const cn_graph *g, cn_mode mode, const cn_path_opts *o) {
  cn_view v = cn_graph_view(g, mode);
  walk k;
  k.off = v.off;
  k.adj = v.adj;
  k.w = o->len == CN_LEN_HOPS ? NULL : o->len == CN_LEN_WEIGHT ? v.d : v.w;
  k.inverse = o->len == CN_LEN_INVWEIGHT;
  k.roff = cn_graph_view(g, reverse_mode(mode)).off;
  k.cutoff = o->cutoff >= 0 ? o->cutoff : INFINITY;
  return k;
}

static double arc_len(const walk *k, int64_t e) {
  return k->inverse ? 1.0 / k->w[e] : k->w[e];
}

/* The position of the arc u -> v in the walked view (v is a neighbour of
 * u). */
static int64_t arc_of(const walk *k, int32_t u, int32_t v) {
  return k->off[u] +
         cn_row_find(k->adj + k->off[u], k->off[u + 1] - k->off[u], v);
}

/* ---- per-worker scratch ------------------------------------------------ */

/* Everything a kernel touches for one vertex, in one 32-byte record, so a
 * visit to a random neighbour costs one cache line. */
typedef struct vstate {
  double dist;   /* Dijkstra distance */
  double sigma;  /* number of shortest paths from the source */
  double delta;  /* dependency (BFS Brandes: (1+δ)/σ once final) */
  int32_t mark;  /* BFS: distance in hops, -1 = unseen;
                    Dijkstra: heap index, -1 = unseen, -2 = settled */
  int32_t npred; /* Dijkstra Brandes: predecessors at pred + roff[v] */
} vstate;

/* A heap entry carries its key, so sifting reads only the heap array. */
typedef struct hentry {
  double key; /* = at[v].dist */
  int32_t v;
} hentry;

typedef struct scratch {
  vstate *at;
  int32_t *order; /* vertices in the order they were settled */
  hentry *heap;   /* binary min-heap ordered by (dist, vertex id) */
  int32_t *pred;
} scratch;

static void scratch_free(scratch *s) {
  free(s->at), free(s->order), free(s->heap), free(s->pred);
}

/* Allocates what the kernels need, in the reset state (mark = -1, every
 * other field 0); the kernels restore it after each source. */
static int scratch_init(scratch *s, int32_t n, int64_t narcs, int weighted,
                        int brandes) {
  size_t sz = n ? (size_t)n : 1;
  s->at = calloc(sz, sizeof *s->at);
  s->order = malloc(sz * sizeof *s->order);
  s->heap = weighted ? malloc(sz * sizeof *s->heap) : NULL;
  s->pred = weighted && brandes
                ? malloc((narcs ? (size_t)narcs : 1) * sizeof *s->pred)
                : NULL;
  if (!s->at || !s->order || (weighted && !s->heap) ||
      (weighted && brandes && !s->pred))
    return -1;
  for (int32_t v = 0; v < n; v++)
    s->at[v].mark = -1;
  return 0;
}

static void reset(scratch *s, int32_t reached) {
  for (int32_t i = 0; i < reached; i++) {
    vstate *x = &s->at[s->order[i]];
    x->sigma = x->delta = 0.0;
    x->mark = -1;
    x->npred = 0;
  }
}

/* ---- binary heap ------------------------------------------------------- */

static int heap_less(hentry a, hentry b) {
  return a.key < b.key || (a.key == b.key && a.v < b.v);
}

static void heap_up(scratch *s, int32_t i) {
  hentry x = s->heap[i];
  while (i > 0) {
    int32_t p = (i - 1) / 2;
    if (!heap_less(x, s->heap[p]))
      break;
    s->heap[i] = s->heap[p];
    s->at[s->heap[i].v].mark = i;
    i = p;
  }
  s->heap[i] = x;
  s->at[x.v].mark = i;
}

static int32_t heap_pop(scratch *s, int32_t *size) {
  int32_t top = s->heap[0].v;
  hentry last = s->heap[--*size];
  int32_t i = 0;
  if (*size > 0) {
    for (;;) {
      int32_t c = 2 * i + 1;
      if (c >= *size)
        break;
      if (c + 1 < *size && heap_less(s->heap[c + 1], s->heap[c]))
        c++;
      if (!heap_less(s->heap[c], last))
        break;
      s->heap[i] = s->heap[c];
      s->at[s->heap[i].v].mark = i;
      i = c;
    }
    s->heap[i] = last;
    s->at[last.v].mark = i;
  }
  s->at[top].mark = -2;
  return top;
}

/* ---- single-source shortest paths ------------------------------------- */

/* BFS from src, no further than the cutoff; fills order, mark (hops) and,
 * if count, sigma.  Returns the number of vertices reached, src included. */
static int32_t bfs(const walk *k, scratch *s, int32_t src, int count) {
  vstate *at = s->at;
  int32_t head = 0, tail = 0;
  s->order[tail++] = src;
  at[src].mark = 0;
  at[src].sigma = 1.0;
  while (head < tail) {
    int32_t v = s->order[head++];
    int32_t dv = at[v].mark + 1;
    if ((double)dv > k->cutoff)
      continue;
    double sv = at[v].sigma;
    for (int64_t e = k->off[v]; e < k->off[v + 1]; e++) {
      vstate *x = &at[k->adj[e]];
      if (x->mark < 0) {
        x->mark = dv;
        s->order[tail++] = k->adj[e];
      }
      if (count && x->mark == dv)
        x->sigma += sv;
    }
  }
  return tail;
}

/* Dijkstra from src over paths no longer than the cutoff; fills order and
 * dist, and with brandes also sigma and the predecessor lists, treating
 * lengths within PATH_EPS as equal.  Returns the number of vertices
 * settled. */
static int32_t dijkstra(const walk *k, scratch *s, int32_t src, int brandes) {
  vstate *at = s->at;
  int32_t size = 0, settled = 0;
  at[src].dist = 0.0;
  at[src].sigma = 1.0;
  s->heap[size++] = (hentry){0.0, src};
  at[src].mark = 0;
  while (size > 0) {
    int32_t v = heap_pop(s, &size);
    s->order[settled++] = v;
    double dv = at[v].dist, sv = at[v].sigma;
    for (int64_t e = k->off[v]; e < k->off[v + 1]; e++) {
      int32_t w = k->adj[e];
      vstate *x = &at[w];
      int32_t hp = x->mark;
      if (hp == -2)
        continue;
      double alt = dv + arc_len(k, e);
      if (alt > k->cutoff)
        continue;
      int c = hp == -1 ? -1
                       : (brandes ? cmp_eps(alt, x->dist)
                                  : (alt < x->dist ? -1 : 1));
      if (c < 0) {
        x->dist = alt;
        if (brandes) {
          x->sigma = sv;
          s->pred[k->roff[w]] = v;
          x->npred = 1;
        }
        if (hp == -1) {
          s->heap[size] = (hentry){alt, w};
          heap_up(s, size++);
        } else {
          s->heap[hp].key = alt;
          heap_up(s, hp);
        }
      } else if (c == 0) {
        x->sigma += sv;
        s->pred[k->roff[w] + x->npred++] = v;
      }
    }
  }
  return settled;
}

/* ---- sums over sources ------------------------------------------------- */

/* Betweenness (of vertices and of ties) and harmonic centrality from chosen
 * sources add up one single-source search per source.  Source number i of
 * the list goes to partition i mod parts and each partition is summed in
 * its own arrays, sources in list order; the partitions are added up in
 * index order at the end.  The result is therefore the same whatever the
 * number of threads. */
typedef enum { SUM_BETWEENNESS, SUM_HARMONIC } sum_kind;

typedef struct src_job {
  walk k;
  int weighted;
  sum_kind kind;
  int endpoints;                  /* betweenness: credit the ends too */
  const unsigned char *is_target; /* betweenness: NULL = every vertex */
  const int32_t *src;             /* NULL: sources 0 .. nsrc-1 */
  int32_t nsrc;
  int32_t parts;
  scratch *sc;   /* one per worker */
  double **acc;  /* one per partition: n entries */
  double **eacc; /* one per partition: an entry per arc, or NULL */
} src_job;

static double target_weight(const src_job *j, int32_t v) {
  return j->is_target ? (double)j->is_target[v] : 1.0;
}

/* One source of Brandes's accumulation.  A target t adds 1 to δ(t) (the
 * pair s-t itself); with endpoints it is credited that 1 as well, and the
 * source once per target it reaches.  eacc, if not NULL, receives each
 * arc's share σ_s(v)/σ_s(w) (1 + δ(w)) of the paths along v -> w. */
static void brandes_bfs(const src_job *j, scratch *s, int32_t src, double *acc,
                        double *eacc) {
  const walk *k = &j->k;
  vstate *at = s->at;
  int32_t reached = bfs(k, s, src, 1);
  double ends = 0.0;
  /* Pull dependencies from successors; delta then holds (τ+δ)/σ. */
  for (int32_t i = reached - 1; i >= 0; i--) {
    int32_t v = s->order[i];
    int32_t dn = at[v].mark + 1;
    double sv = at[v].sigma, sum = 0.0;
    for (int64_t e = k->off[v]; e < k->off[v + 1]; e++) {
      const vstate *x = &at[k->adj[e]];
      if (x->mark == dn) {
        sum += x->delta;
        if (eacc)
          eacc[e] += sv * x->delta;
      }
    }
    double dep = sv * sum, t = target_weight(j, v);
    if (v != src) {
      acc[v] += j->endpoints ? dep + t : dep;
      ends += t;
    }
    at[v].delta = (t + dep) / sv;
  }
  if (j->endpoints)
    acc[src] += ends;
  reset(s, reached);
}

static void brandes_dijkstra(const src_job *j, scratch *s, int32_t src,
                             double *acc, double *eacc) {
  const walk *k = &j->k;
  vstate *at = s->at;
  int32_t reached = dijkstra(k, s, src, 1);
  double ends = 0.0;
  for (int32_t i = reached - 1; i >= 0; i--) {
    int32_t w = s->order[i];
    double t = target_weight(j, w);
    double coef = (t + at[w].delta) / at[w].sigma;
    const int32_t *p = s->pred + k->roff[w];
    for (int32_t q = 0; q < at[w].npred; q++) {
      double c = at[p[q]].sigma * coef;
      at[p[q]].delta += c;
      if (eacc)
        eacc[arc_of(k, p[q], w)] += c;
    }
    if (w != src) {
      acc[w] += j->endpoints ? at[w].delta + t : at[w].delta;
      ends += t;
    }
  }
  if (j->endpoints)
    acc[src] += ends;
  reset(s, reached);
}

/* 1/d(src, v) for every v that src reaches. */
static void harmonic_from(const src_job *j, scratch *s, int32_t src,
                          double *acc) {
  int32_t reached = j->weighted ? dijkstra(&j->k, s, src, 0)
                                : bfs(&j->k, s, src, 0);
  for (int32_t i = 1; i < reached; i++) {
    const vstate *x = &s->at[s->order[i]];
    acc[s->order[i]] += 1.0 / (j->weighted ? x->dist : (double)x->mark);
  }
  reset(s, reached);
}

static int src_chunk(void *ctx, int worker, int64_t begin, int64_t end) {
  src_job *j = ctx;
  scratch *s = &j->sc[worker];
  for (int64_t p = begin; p < end; p++) {
    double *eacc = j->eacc ? j->eacc[p] : NULL;
    for (int64_t i = p; i < j->nsrc; i += j->parts) {
      if (cn_measure_interrupt)
        return CN_MEASURE_INTERRUPTED;
      int32_t src = j->src ? j->src[i] : (int32_t)i;
      if (j->kind == SUM_HARMONIC)
        harmonic_from(j, s, src, j->acc[p]);
      else if (j->weighted)
        brandes_dijkstra(j, s, src, j->acc[p], eacc);
      else
        brandes_bfs(j, s, src, j->acc[p], eacc);
    }
  }
  return 0;
}

/* Runs the job over its sources: out (n entries) and, if eout is not NULL,
 * eout (an entry per arc of the walked view) receive the sums. */
static int run_sources(src_job *j, int32_t n, double *out, double *eout) {
  int64_t narcs = j->k.off[n];
  /* 24 divides evenly among 1, 2, 3, 4, 6 or 8 threads; fewer partitions
   * on huge graphs to bound memory (parts · n doubles, and parts · arcs for
   * tie betweenness). */
  j->parts = n <= (1 << 18) && (!eout || narcs <= (1 << 21)) ? 24 : 8;
  if (j->parts > j->nsrc)
    j->parts = j->nsrc > 0 ? j->nsrc : 1;
  int workers = cn_parallel_workers(j->parts, 1);
  size_t sz = n ? (size_t)n : 1, esz = narcs ? (size_t)narcs : 1;
  int status = CN_MEASURE_NOMEM;
  j->sc = calloc((size_t)workers, sizeof *j->sc);
  j->acc = calloc((size_t)j->parts, sizeof *j->acc);
  j->eacc = eout ? calloc((size_t)j->parts, sizeof *j->eacc) : NULL;
  if (!j->sc || !j->acc || (eout && !j->eacc))
    goto done;
  for (int w = 0; w < workers; w++)
    if (scratch_init(&j->sc[w], n, narcs, j->weighted,
                     j->kind == SUM_BETWEENNESS) != 0)
      goto done;
  for (int32_t p = 0; p < j->parts; p++)
    if (!(j->acc[p] = calloc(sz, sizeof **j->acc)) ||
        (eout && !(j->eacc[p] = calloc(esz, sizeof **j->eacc))))
      goto done;
  status = cn_parallel_for(j->parts, 1, workers, src_chunk, j);
  if (status == CN_MEASURE_OK) {
    for (int32_t v = 0; v < n; v++) {
      double t = 0.0;
      for (int32_t p = 0; p < j->parts; p++)
        t += j->acc[p][v];
      out[v] = t;
    }
    for (int64_t e = 0; eout && e < narcs; e++) {
      double t = 0.0;
      for (int32_t p = 0; p < j->parts; p++)
        t += j->eacc[p][e];
      eout[e] = t;
    }
  }
done:
  if (j->sc)
    for (int w = 0; w < workers; w++)
      scratch_free(&j->sc[w]);
  for (int32_t p = 0; j->acc && p < j->parts; p++)
    free(j->acc[p]);
  for (int32_t p = 0; j->eacc && p < j->parts; p++)
    free(j->eacc[p]);
  free(j->sc), free(j->acc), free(j->eacc);
  return status;
}

/* ---- betweenness ------------------------------------------------------- */

static int cmp_i32(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

int cn_measure_sample_sources(int32_t n, int32_t k, uint64_t seed,
                              int32_t *out) {
  int32_t *v = malloc((n ? (size_t)n : 1) * sizeof *v);
  if (!v)
    return CN_MEASURE_NOMEM;
  for (int32_t i = 0; i < n; i++)
    v[i] = i;
  uint64_t x = seed;
  for (int32_t i = 0; i < k; i++) {
    int32_t r = i + (int32_t)cn_rand_below(&x, (uint64_t)(n - i));
    int32_t t = v[i];
    v[i] = v[r], v[r] = t;
  }
  qsort(v, (size_t)k, sizeof *v, cmp_i32);
  memcpy(out, v, (size_t)k * sizeof *out);
  free(v);
  return CN_MEASURE_OK;
}

/* NetworkX's rescaling (measures.h); sample, if not NULL, holds the k
 * sampled sources in ascending order. */
static void scale_betweenness(int32_t n, int directed, const cn_path_opts *o,
                              const int32_t *sample, int32_t k, double *out) {
  double N = o->endpoints ? (double)n : (double)n - 1.0;
  if (N < 2)
    return;
  double corr = directed ? 1.0 : 2.0;
  if (!sample) {
    double scale = o->normalized ? 1.0 / (N * (N - 1.0)) : 1.0 / corr;
    for (int32_t v = 0; v < n; v++)
      out[v] *= scale;
    return;
  }
  double kk = (double)k;
  double other = o->normalized ? 1.0 / (kk * (N - 1.0)) : N / (kk * corr);
  double in_sample = other;
  if (!o->endpoints)
    in_sample = k < 2 ? NAN
                      : o->normalized ? 1.0 / ((kk - 1.0) * (N - 1.0))
                                      : N / ((kk - 1.0) * corr);
  int32_t next = 0; /* sample is ascending */
  for (int32_t v = 0; v < n; v++) {
    int sampled = next < k && sample[next] == v;
    next += sampled;
    out[v] *= sampled ? in_sample : other;
  }
}

/* Brandes from every vertex, on the und or the out view. */
static src_job brandes_job(const cn_graph *g, int directed,
                           const cn_path_opts *o) {
  src_job j;
  memset(&j, 0, sizeof j);
  j.k = make_walk(g, directed ? CN_MODE_OUT : CN_MODE_ALL, o);
  j.weighted = o->len != CN_LEN_HOPS;
  j.kind = SUM_BETWEENNESS;
  j.nsrc = g->n;
  return j;
}

int cn_measure_betweenness_opts(const cn_graph *g, int directed,
                                const cn_path_opts *o, double *out) {
  int32_t n = g->n;
  src_job j = brandes_job(g, directed, o);
  j.endpoints = o->endpoints;
  int sampled = o->k > 0 && o->k < n;
  int32_t *sample = NULL;
  unsigned char *is_target = NULL;
  int status = CN_MEASURE_NOMEM;
  if (sampled) {
    if (!(sample = malloc((size_t)o->k * sizeof *sample)) ||
        cn_measure_sample_sources(n, o->k, o->seed, sample) != CN_MEASURE_OK)
      goto done;
    j.src = sample, j.nsrc = o->k;
  } else if (o->k <= 0 && o->sources) {
    j.src = o->sources, j.nsrc = o->nsources;
  }
  if (o->targets) {
    if (!(is_target = calloc(n ? (size_t)n : 1, 1)))
      goto done;
    for (int32_t i = 0; i < o->ntargets; i++)
      is_target[o->targets[i]] = 1;
    j.is_target = is_target;
  }
  status = run_sources(&j, n, out, NULL);
  if (status == CN_MEASURE_OK)
    scale_betweenness(n, directed, o, sample, sampled ? o->k : 0, out);
done:
  free(sample);
  free(is_target);
  return status;
}

/* The options of the plain measures. */
static cn_path_opts plain(cn_len_mode len, int normalized) {
  cn_path_opts o = cn_path_defaults();
  o.len = len;
  o.normalized = normalized;
  return o;
}

int cn_measure_betweenness(const cn_graph *g, int directed, cn_len_mode len,
                           int normalized, double *out) {
  cn_path_opts o = plain(len, normalized);
  return cn_measure_betweenness_opts(g, directed, &o, out);
}

int cn_measure_tie_betweenness(const cn_graph *g, int directed,
                               const cn_path_opts *o, double *out) {
  int32_t n = g->n;
  src_job j = brandes_job(g, directed, o);
  double *vertex = malloc((n ? (size_t)n : 1) * sizeof *vertex);
  if (!vertex)
    return CN_MEASURE_NOMEM;
  int status = run_sources(&j, n, vertex, out);
  free(vertex);
  if (status != CN_MEASURE_OK)
    return status;
  /* NetworkX's edge rescaling: N = n, pairs counted as ordered. */
  double N = (double)n;
  double scale = N < 2 ? 1.0
                 : o->normalized ? 1.0 / (N * (N - 1.0))
                 : directed ? 1.0 : 0.5;
  for (int32_t u = 0; u < n; u++)
    for (int64_t e = j.k.off[u]; e < j.k.off[u + 1]; e++) {
      int32_t v = j.k.adj[e];
      if (directed) {
        out[e] *= scale;
      } else if (v > u) { /* the paths that cross the pair either way */
        int64_t f = arc_of(&j.k, v, u);
        out[e] = out[f] = (out[e] + out[f]) * scale;
      }
    }
  return CN_MEASURE_OK;
}

/* ---- closeness and harmonic ------------------------------------------- */

typedef struct close_job {
  walk k;
  int weighted, harmonic, normalized, wf_improved;
  int32_t n;
  double scale; /* harmonic normalisation */
  scratch *sc;
  double *out;
} close_job;

static int close_chunk(void *ctx, int worker, int64_t begin, int64_t end) {
  close_job *j = ctx;
  scratch *s = &j->sc[worker];
  for (int64_t v = begin; v < end; v++) {
    int32_t src = (int32_t)v;
    int32_t reached;
    double sum = 0.0, inv = 0.0;
    if (j->weighted) {
      reached = dijkstra(&j->k, s, src, 0);
      for (int32_t i = 1; i < reached; i++) {
        double d = s->at[s->order[i]].dist;
        sum += d;
        inv += 1.0 / d;
      }
    } else {
      reached = bfs(&j->k, s, src, 0);
      int64_t hsum = 0;
      for (int32_t i = 1; i < reached; i++) {
        int32_t d = s->at[s->order[i]].mark;
        hsum += d;
        inv += 1.0 / d;
      }
      sum = (double)hsum;
    }
    reset(s, reached);
    double r1 = (double)(reached - 1), c;
    if (j->harmonic)
      c = inv * j->scale;
    else if (reached < 2)
      c = j->wf_improved ? 0.0 : NAN;
    else {
      c = (j->normalized ? r1 : 1.0) / sum;
      if (j->wf_improved)
        c *= r1 / ((double)j->n - 1.0);
    }
    j->out[src] = c;
  }
  return 0;
}

static int closeness_like(const cn_graph *g, cn_mode mode,
                          const cn_path_opts *o, int harmonic, double *out) {
  int32_t n = g->n;
  close_job j;
  j.k = make_walk(g, mode, o);
  j.weighted = o->len != CN_LEN_HOPS;
  j.harmonic = harmonic;
  j.normalized = o->normalized;
  j.wf_improved = o->wf_improved;
  j.n = n;
  j.scale = o->normalized && n > 1 ? 1.0 / ((double)n - 1.0) : 1.0;
  j.out = out;
  const int64_t chunk = 16;
  int workers = cn_parallel_workers(n, chunk);
  int status = CN_MEASURE_NOMEM;
  j.sc = calloc((size_t)workers, sizeof *j.sc);
  if (!j.sc)
    return status;
  for (int w = 0; w < workers; w++)
    if (scratch_init(&j.sc[w], n, 0, j.weighted, 0) != 0)
      goto done;
  status = cn_parallel_for(n, chunk, workers, close_chunk, &j);
done:
  for (int w = 0; w < workers; w++)
    scratch_free(&j.sc[w]);
  free(j.sc);
  return status;
}

int cn_measure_closeness_opts(const cn_graph *g, cn_mode mode,
                              const cn_path_opts *o, double *out) {
  return closeness_like(g, mode, o, 0, out);
}

int cn_measure_closeness(const cn_graph *g, cn_mode mode, cn_len_mode len,
                         double *out) {
  cn_path_opts o = plain(len, 1);
  return closeness_like(g, mode, &o, 0, out);
}

int cn_measure_harmonic_opts(const cn_graph *g, cn_mode mode,
                             const cn_path_opts *o, double *out) {
  if (!o->sources)
    return closeness_like(g, mode, o, 1, out);
  /* From each source against the mode's direction: the distances *to* it. */
  int32_t n = g->n;
  src_job j;
  memset(&j, 0, sizeof j);
  j.k = make_walk(g, reverse_mode(mode), o);
  j.weighted = o->len != CN_LEN_HOPS;
  j.kind = SUM_HARMONIC;
  j.src = o->sources, j.nsrc = o->nsources;
  int status = run_sources(&j, n, out, NULL);
  double scale = o->normalized && n > 1 ? 1.0 / ((double)n - 1.0) : 1.0;
  for (int32_t v = 0; status == CN_MEASURE_OK && v < n; v++)
    out[v] *= scale;
  return status;
}

int cn_measure_harmonic(const cn_graph *g, cn_mode mode, cn_len_mode len,
                        int normalized, double *out) {
  cn_path_opts o = plain(len, normalized);
  return closeness_like(g, mode, &o, 1, out);
}
