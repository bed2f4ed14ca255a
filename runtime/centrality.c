/* centrality.c — betweenness (Brandes), closeness and harmonic centrality. */
#include "measures.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"

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
} walk;

static walk make_walk(const cn_graph *g, cn_mode mode, cn_len_mode len) {
  walk k;
  switch (mode) {
  case CN_MODE_OUT:
    k.off = g->out_off, k.adj = g->out_adj, k.w = g->out_w;
    k.roff = g->in_off;
    break;
  case CN_MODE_IN:
    k.off = g->in_off, k.adj = g->in_adj, k.w = g->in_w;
    k.roff = g->out_off;
    break;
  default:
    k.off = g->und_off, k.adj = g->und_adj, k.w = g->und_s;
    k.roff = g->und_off;
    break;
  }
  if (len == CN_LEN_HOPS)
    k.w = NULL;
  k.inverse = len == CN_LEN_INVWEIGHT;
  return k;
}

static double arc_len(const walk *k, int64_t e) {
  return k->inverse ? 1.0 / k->w[e] : k->w[e];
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

/* BFS from src; fills order, mark (hops) and, if count, sigma.  Returns the
 * number of vertices reached, src included. */
static int32_t bfs(const walk *k, scratch *s, int32_t src, int count) {
  vstate *at = s->at;
  int32_t head = 0, tail = 0;
  s->order[tail++] = src;
  at[src].mark = 0;
  at[src].sigma = 1.0;
  while (head < tail) {
    int32_t v = s->order[head++];
    int32_t dv = at[v].mark + 1;
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

/* Dijkstra from src; fills order and dist, and with brandes also sigma and
 * the predecessor lists, treating lengths within PATH_EPS as equal.
 * Returns the number of vertices settled. */
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

/* ---- betweenness ------------------------------------------------------- */

/* Sources are split into a fixed number of partitions (s mod parts), each
 * summed into its own array in ascending source order; the partitions are
 * added up in index order at the end.  The result is therefore the same
 * whatever the number of threads. */
typedef struct btw_job {
  const cn_graph *g;
  walk k;
  int weighted;
  int32_t parts;
  scratch *sc;  /* one per worker */
  double **acc; /* one per partition */
} btw_job;

static void brandes_bfs(const walk *k, scratch *s, int32_t src, double *acc) {
  vstate *at = s->at;
  int32_t reached = bfs(k, s, src, 1);
  /* Pull dependencies from successors; delta then holds (1+δ)/σ. */
  for (int32_t i = reached - 1; i >= 0; i--) {
    int32_t v = s->order[i];
    int32_t dn = at[v].mark + 1;
    double sum = 0.0;
    for (int64_t e = k->off[v]; e < k->off[v + 1]; e++) {
      const vstate *x = &at[k->adj[e]];
      if (x->mark == dn)
        sum += x->delta;
    }
    double dep = at[v].sigma * sum;
    if (v != src)
      acc[v] += dep;
    at[v].delta = (1.0 + dep) / at[v].sigma;
  }
  reset(s, reached);
}

static void brandes_dijkstra(const walk *k, scratch *s, int32_t src,
                             double *acc) {
  vstate *at = s->at;
  int32_t reached = dijkstra(k, s, src, 1);
  for (int32_t i = reached - 1; i >= 0; i--) {
    int32_t w = s->order[i];
    double coef = (1.0 + at[w].delta) / at[w].sigma;
    const int32_t *p = s->pred + k->roff[w];
    for (int32_t j = 0; j < at[w].npred; j++)
      at[p[j]].delta += at[p[j]].sigma * coef;
    if (w != src)
      acc[w] += at[w].delta;
  }
  reset(s, reached);
}

static int btw_chunk(void *ctx, int worker, int64_t begin, int64_t end) {
  btw_job *j = ctx;
  for (int64_t p = begin; p < end; p++) {
    for (int64_t src = p; src < j->g->n; src += j->parts) {
      if (cn_measure_interrupt)
        return CN_MEASURE_INTERRUPTED;
      if (j->weighted)
        brandes_dijkstra(&j->k, &j->sc[worker], (int32_t)src, j->acc[p]);
      else
        brandes_bfs(&j->k, &j->sc[worker], (int32_t)src, j->acc[p]);
    }
  }
  return 0;
}

int cn_measure_betweenness(const cn_graph *g, int directed, cn_len_mode len,
                           int normalized, double *out) {
  int32_t n = g->n;
  btw_job j;
  j.g = g;
  j.k = make_walk(g, directed ? CN_MODE_OUT : CN_MODE_ALL, len);
  j.weighted = len != CN_LEN_HOPS;
  /* 24 divides evenly among 1, 2, 3, 4, 6 or 8 threads; fewer partitions
   * on huge graphs to bound memory (parts · n doubles). */
  j.parts = n <= (1 << 18) ? 24 : 8;
  if (j.parts > n)
    j.parts = n > 0 ? n : 1;
  int workers = cn_parallel_workers(j.parts, 1);
  int64_t narcs = j.k.off[n];
  size_t sz = n ? (size_t)n : 1;
  int status = CN_MEASURE_NOMEM;
  j.sc = calloc((size_t)workers, sizeof *j.sc);
  j.acc = calloc((size_t)j.parts, sizeof *j.acc);
  if (!j.sc || !j.acc)
    goto done;
  for (int w = 0; w < workers; w++)
    if (scratch_init(&j.sc[w], n, narcs, j.weighted, 1) != 0)
      goto done;
  for (int32_t p = 0; p < j.parts; p++)
    if (!(j.acc[p] = calloc(sz, sizeof **j.acc)))
      goto done;
  status = cn_parallel_for(j.parts, 1, workers, btw_chunk, &j);
  if (status == CN_MEASURE_OK) {
    double scale = directed ? 1.0 : 0.5;
    if (normalized && n > 2)
      scale = 1.0 / (((double)n - 1.0) * ((double)n - 2.0));
    for (int32_t v = 0; v < n; v++) {
      double t = 0.0;
      for (int32_t p = 0; p < j.parts; p++)
        t += j.acc[p][v];
      out[v] = t * scale;
    }
  }
done:
  if (j.sc)
    for (int w = 0; w < workers; w++)
      scratch_free(&j.sc[w]);
  if (j.acc)
    for (int32_t p = 0; p < j.parts; p++)
      free(j.acc[p]);
  free(j.sc), free(j.acc);
  return status;
}

/* ---- closeness and harmonic ------------------------------------------- */

typedef struct close_job {
  walk k;
  int weighted, harmonic;
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
    if (j->harmonic)
      j->out[src] = inv * j->scale;
    else
      j->out[src] = reached > 1 ? (double)(reached - 1) / sum : NAN;
  }
  return 0;
}

static int closeness_like(const cn_graph *g, cn_mode mode, cn_len_mode len,
                          int harmonic, int normalized, double *out) {
  int32_t n = g->n;
  close_job j;
  j.k = make_walk(g, mode, len);
  j.weighted = len != CN_LEN_HOPS;
  j.harmonic = harmonic;
  j.scale = normalized && n > 1 ? 1.0 / ((double)n - 1.0) : 1.0;
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

int cn_measure_closeness(const cn_graph *g, cn_mode mode, cn_len_mode len,
                         double *out) {
  return closeness_like(g, mode, len, 0, 0, out);
}

int cn_measure_harmonic(const cn_graph *g, cn_mode mode, cn_len_mode len,
                        int normalized, double *out) {
  return closeness_like(g, mode, len, 1, normalized, out);
}
