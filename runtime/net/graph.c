/* graph.c — build the CSR views of a snapshot from tie records (see graph.h). */
#include "graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An arc is one direction of a tie record.  Arc k of record t = k / 2 runs
 * u->v when k is even and v->u when k is odd (odd arcs exist only for
 * undirected records).  Arcs carry two weights:
 *   a — the record's weight, summed into a_ij (out_w, in_w, und_z);
 *   s — the record's weight on the first arc only, so that summing s over
 *       both directions counts an undirected record once (und_s).
 * The least record weight of each merged entry is kept too (out_d, in_d,
 * und_d): the length of the shortest parallel tie. */

static int arc_usable(const cn_graph_tie *t, int32_t n) {
  /* Records that are not ties are skipped: self-loops (graph.h), vertices
   * out of range, and weights that are not finite and > 0 (MEASURES.md §12.2:
   * a tie of weight 0 is no tie). */
  return t->u >= 0 && t->u < n && t->v >= 0 && t->v < n && t->u != t->v &&
         t->w > 0 && isfinite(t->w);
}

static int32_t arc_src(const cn_graph_tie *ties, size_t k) {
  const cn_graph_tie *t = &ties[k >> 1];
  return (k & 1) ? t->v : t->u;
}

static int32_t arc_dst(const cn_graph_tie *ties, size_t k) {
  const cn_graph_tie *t = &ties[k >> 1];
  return (k & 1) ? t->u : t->v;
}

/* Stable counting sort of arc ids by key (source or target), keys in [0,n).
 * cnt has n+1 entries and is clobbered. */
static void sort_arcs(const cn_graph_tie *ties, const size_t *in, size_t *out,
                      size_t m, int32_t n, int by_src, size_t *cnt) {
  memset(cnt, 0, ((size_t)n + 1) * sizeof *cnt);
  for (size_t e = 0; e < m; e++) {
    int32_t key = by_src ? arc_src(ties, in[e]) : arc_dst(ties, in[e]);
    cnt[key + 1]++;
  }
  for (int32_t i = 0; i < n; i++)
    cnt[i + 1] += cnt[i];
  for (size_t e = 0; e < m; e++) {
    int32_t key = by_src ? arc_src(ties, in[e]) : arc_dst(ties, in[e]);
    out[cnt[key]++] = in[e];
  }
}

/* Free every view, keeping n and the way to read the records again. */
static void free_views(cn_graph *g) {
  free(g->und_off);
  free(g->und_adj);
  free(g->und_z);
  free(g->und_s);
  free(g->und_d);
  free(g->out_off);
  free(g->out_adj);
  free(g->out_w);
  free(g->out_d);
  free(g->in_off);
  free(g->in_adj);
  free(g->in_w);
  free(g->in_d);
  g->und_off = g->out_off = g->in_off = NULL;
  g->und_adj = g->out_adj = g->in_adj = NULL;
  g->und_z = g->und_s = g->und_d = NULL;
  g->out_w = g->out_d = g->in_w = g->in_d = NULL;
  g->built = 0;
}

/* Bytes of one view's arrays: offsets, neighbours, and each weight array
 * it holds. */
static size_t view_bytes(int32_t n, const int64_t *off, const double *w1,
                         const double *w2, const double *w3) {
  if (!off)
    return 0;
  size_t entries = (size_t)off[n];
  return ((size_t)n + 1) * sizeof *off + entries * sizeof(int32_t) +
         entries * sizeof(double) * (size_t)(!!w1 + !!w2 + !!w3);
}

size_t cn_graph_bytes(const cn_graph *g) { /* the arrays free_views frees */
  return view_bytes(g->n, g->und_off, g->und_z, g->und_s, g->und_d) +
         view_bytes(g->n, g->out_off, g->out_w, g->out_d, NULL) +
         view_bytes(g->n, g->in_off, g->in_w, g->in_d, NULL);
}

void cn_graph_free(cn_graph *g) {
  if (!g)
    return;
  free_views(g);
  memset(g, 0, sizeof *g);
}

/* Zeroed allocation that never asks for 0 bytes, so an empty view is still
 * non-NULL. */
static void *xalloc(size_t count, size_t size) {
  return calloc(count ? count : 1, size);
}

/* Every view of g (g->n vertices) from tie records; g holds no view. */
static int build_all(cn_graph *g, const cn_graph_tie *ties, size_t nties) {
  int32_t n = g->n;
  size_t nn = (size_t)n;

  /* 1. Usable arc ids. */
  size_t m = 0;
  for (size_t t = 0; t < nties; t++)
    if (arc_usable(&ties[t], n))
      m += ties[t].directed ? 1 : 2;
  size_t *ids = xalloc(m, sizeof *ids);
  size_t *tmp = xalloc(m, sizeof *tmp);
  size_t *cnt = xalloc(nn + 1, sizeof *cnt);
  double *out_s = NULL, *in_s = NULL;
  if (!ids || !tmp || !cnt)
    goto fail;
  m = 0;
  for (size_t t = 0; t < nties; t++) {
    if (!arc_usable(&ties[t], n))
      continue;
    ids[m++] = 2 * t;
    if (!ties[t].directed)
      ids[m++] = 2 * t + 1;
  }

  /* 2. Sort by (source, target), stable, so repeated records are summed in
   *    input order: LSD radix = by target, then by source.  O(m + n). */
  sort_arcs(ties, ids, tmp, m, n, 0, cnt);
  sort_arcs(ties, tmp, ids, m, n, 1, cnt);

  /* 3. out view: merge runs of equal (source, target). */
  size_t narcs = 0;
  for (size_t e = 0; e < m; e++)
    if (e == 0 || arc_src(ties, ids[e]) != arc_src(ties, ids[e - 1]) ||
        arc_dst(ties, ids[e]) != arc_dst(ties, ids[e - 1]))
      narcs++;
  g->out_off = xalloc(nn + 1, sizeof *g->out_off);
  g->out_adj = xalloc(narcs, sizeof *g->out_adj);
  g->out_w = xalloc(narcs, sizeof *g->out_w);
  g->out_d = xalloc(narcs, sizeof *g->out_d);
  out_s = xalloc(narcs, sizeof *out_s);
  if (!g->out_off || !g->out_adj || !g->out_w || !g->out_d || !out_s)
    goto fail;
  int64_t k = -1;
  for (size_t e = 0; e < m; e++) {
    size_t id = ids[e];
    int32_t u = arc_src(ties, id), v = arc_dst(ties, id);
    double w = ties[id >> 1].w;
    if (k < 0 || u != arc_src(ties, ids[e - 1]) ||
        v != arc_dst(ties, ids[e - 1])) {
      k++; /* a new (u, v): out_w and out_s start at 0 (calloc) */
      g->out_adj[k] = v;
      g->out_off[u + 1]++;
      g->out_d[k] = w;
    }
    g->out_w[k] += w;
    if (w < g->out_d[k])
      g->out_d[k] = w;
    if (!(id & 1))
      out_s[k] += w;
  }
  for (size_t i = 0; i < nn; i++)
    g->out_off[i + 1] += g->out_off[i];
  free(ids);
  free(tmp);
  ids = tmp = NULL;

  /* 4. in view: transpose of out.  Sources are visited in ascending order,
   *    so every in-list comes out sorted. */
  g->in_off = xalloc(nn + 1, sizeof *g->in_off);
  g->in_adj = xalloc(narcs, sizeof *g->in_adj);
  g->in_w = xalloc(narcs, sizeof *g->in_w);
  g->in_d = xalloc(narcs, sizeof *g->in_d);
  in_s = xalloc(narcs, sizeof *in_s);
  if (!g->in_off || !g->in_adj || !g->in_w || !g->in_d || !in_s)
    goto fail;
  for (size_t e = 0; e < narcs; e++)
    g->in_off[g->out_adj[e] + 1]++;
  for (size_t i = 0; i < nn; i++)
    g->in_off[i + 1] += g->in_off[i];
  for (size_t i = 0; i < nn; i++)
    cnt[i] = (size_t)g->in_off[i];
  for (int32_t u = 0; u < n; u++)
    for (int64_t e = g->out_off[u]; e < g->out_off[u + 1]; e++) {
      size_t p = cnt[g->out_adj[e]]++;
      g->in_adj[p] = u;
      g->in_w[p] = g->out_w[e];
      g->in_d[p] = g->out_d[e];
      in_s[p] = out_s[e];
    }

  /* 5. und view: per vertex, the sorted union of out(i) and in(i), with
   *    z_ij = a_ij + a_ji, s_ij = s(i->j) + s(j->i) and d_ij the lesser of
   *    d(i->j) and d(j->i).  All three are symmetric (addition commutes), so
   *    z_ij == z_ji exactly, and so on. */
  g->und_off = xalloc(nn + 1, sizeof *g->und_off);
  if (!g->und_off)
    goto fail;
  for (int32_t i = 0; i < n; i++) {
    int64_t a = g->out_off[i], ae = g->out_off[i + 1];
    int64_t b = g->in_off[i], be = g->in_off[i + 1];
    int64_t c = 0;
    while (a < ae || b < be) {
      if (b >= be || (a < ae && g->out_adj[a] < g->in_adj[b]))
        a++;
      else if (a >= ae || g->in_adj[b] < g->out_adj[a])
        b++;
      else
        a++, b++;
      c++;
    }
    g->und_off[i + 1] = g->und_off[i] + c;
  }
  size_t nund = (size_t)g->und_off[nn];
  g->und_adj = xalloc(nund, sizeof *g->und_adj);
  g->und_z = xalloc(nund, sizeof *g->und_z);
  g->und_s = xalloc(nund, sizeof *g->und_s);
  g->und_d = xalloc(nund, sizeof *g->und_d);
  if (!g->und_adj || !g->und_z || !g->und_s || !g->und_d)
    goto fail;
  for (int32_t i = 0; i < n; i++) {
    int64_t a = g->out_off[i], ae = g->out_off[i + 1];
    int64_t b = g->in_off[i], be = g->in_off[i + 1];
    int64_t c = g->und_off[i];
    while (a < ae || b < be) {
      if (b >= be || (a < ae && g->out_adj[a] < g->in_adj[b])) {
        g->und_adj[c] = g->out_adj[a];
        g->und_z[c] = g->out_w[a];
        g->und_s[c] = out_s[a];
        g->und_d[c] = g->out_d[a];
        a++;
      } else if (a >= ae || g->in_adj[b] < g->out_adj[a]) {
        g->und_adj[c] = g->in_adj[b];
        g->und_z[c] = g->in_w[b];
        g->und_s[c] = in_s[b];
        g->und_d[c] = g->in_d[b];
        b++;
      } else {
        g->und_adj[c] = g->out_adj[a];
        g->und_z[c] = g->out_w[a] + g->in_w[b];
        g->und_s[c] = out_s[a] + in_s[b];
        g->und_d[c] = fmin(g->out_d[a], g->in_d[b]);
        a++, b++;
      }
      c++;
    }
  }
  free(out_s);
  free(in_s);
  free(cnt);
  g->built = CN_VIEW_ALL;
  return 0;

fail:
  free(ids);
  free(tmp);
  free(cnt);
  free(out_s);
  free(in_s);
  free_views(g);
  return -1;
}

int cn_graph_build(cn_graph *g, int32_t n, const cn_graph_tie *ties,
                   size_t nties) {
  memset(g, 0, sizeof *g);
  g->n = n < 0 ? 0 : n;
  if (build_all(g, ties, nties) != 0) {
    cn_graph_free(g);
    return -1;
  }
  return 0;
}

void cn_graph_lazy(cn_graph *g, int32_t n, size_t nties, cn_graph_tie_fn rec,
                   const void *ud) {
  memset(g, 0, sizeof *g);
  g->n = n < 0 ? 0 : n;
  g->nrec = nties;
  g->rec = rec;
  g->rec_ud = ud;
}

/* ---- the und view straight from the records ----------------------------
 *
 * Each usable record puts v in u's row and u in v's, in record order; each
 * row is then sorted by neighbour, stably, and the entries of one neighbour
 * merged.  Two passes over the records and 4 bytes per record end for the
 * pattern (12 with z, 13 when some record is directed), where the full
 * build needs the out and in views and their weights first.
 *
 * z comes out bitwise equal to build_all's: there z_ij = a_ij + a_ji, each
 * a summed over its records in record order.  An entry of row i for
 * neighbour j records whether its record runs i->j (ARC_OUT), j->i (ARC_IN)
 * or both ways (undirected), so the two sums are taken apart, in the same
 * order; when every record is undirected the two sums are one and the same,
 * and z = s + s. */

enum { ARC_OUT = 1, ARC_IN = 2, ARC_BOTH = 3 };

/* One row's entries: neighbours, and (when z is wanted) each entry's weight
 * and direction (dir NULL: every record undirected). */
typedef struct row_entries {
  int32_t *adj;
  double *w;
  unsigned char *dir;
} row_entries;

/* Scratch for sorting rows too long for insertion sort. */
typedef struct row_scratch {
  uint64_t *key;
  double *w;
  unsigned char *dir;
} row_scratch;

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

/* Rows are short on the whole (a few dozen contacts): insertion sort, which
 * is stable; the long ones are sorted by (neighbour, position), which keeps
 * them stable too. */
static void sort_row(row_entries r, int64_t len, const row_scratch *sc) {
  if (len <= 32) {
    for (int64_t i = 1; i < len; i++) {
      int32_t x = r.adj[i];
      double w = r.w ? r.w[i] : 0.0;
      unsigned char d = r.dir ? r.dir[i] : 0;
      int64_t j = i;
      for (; j > 0 && r.adj[j - 1] > x; j--) {
        r.adj[j] = r.adj[j - 1];
        if (r.w)
          r.w[j] = r.w[j - 1];
        if (r.dir)
          r.dir[j] = r.dir[j - 1];
      }
      r.adj[j] = x;
      if (r.w)
        r.w[j] = w;
      if (r.dir)
        r.dir[j] = d;
    }
    return;
  }
  /* neighbours are >= 0, so the key orders by neighbour, then position */
  for (int64_t i = 0; i < len; i++)
    sc->key[i] = (uint64_t)(uint32_t)r.adj[i] << 32 | (uint64_t)i;
  qsort(sc->key, (size_t)len, sizeof *sc->key, cmp_u64);
  if (r.w)
    memcpy(sc->w, r.w, (size_t)len * sizeof *r.w);
  if (r.dir)
    memcpy(sc->dir, r.dir, (size_t)len);
  for (int64_t i = 0; i < len; i++) {
    size_t from = (size_t)(sc->key[i] & 0xffffffffu);
    r.adj[i] = (int32_t)(sc->key[i] >> 32);
    if (r.w)
      r.w[i] = sc->w[from];
    if (r.dir)
      r.dir[i] = sc->dir[from];
  }
}

/* Merge the sorted entries [a, end) of one row into distinct neighbours,
 * written from position *wr on (never past a): adj, and z into w. */
static void merge_row(row_entries r, int64_t a, int64_t end, int64_t *wr) {
  int64_t e = a;
  while (e < end) {
    int32_t x = r.adj[e];
    double z = 0.0;
    if (!r.w) {
      while (e < end && r.adj[e] == x)
        e++;
    } else if (!r.dir) {
      double s = 0.0;
      while (e < end && r.adj[e] == x)
        s += r.w[e++];
      z = s + s;
    } else {
      double out = 0.0, in = 0.0;
      for (; e < end && r.adj[e] == x; e++) {
        if (r.dir[e] & ARC_OUT)
          out += r.w[e];
        if (r.dir[e] & ARC_IN)
          in += r.w[e];
      }
      z = out + in;
    }
    r.adj[*wr] = x;
    if (r.w)
      r.w[*wr] = z;
    (*wr)++;
  }
}

/* The und pattern (want_z == 0) or the pattern and und_z, replacing any und
 * pattern g had. */
static int build_und(cn_graph *g, int want_z) {
  int32_t n = g->n;
  size_t nn = (size_t)n;
  int64_t *off = xalloc(nn + 1, sizeof *off);
  row_entries r = {NULL, NULL, NULL};
  row_scratch sc = {NULL, NULL, NULL};
  if (!off)
    goto fail;
  int directed = 0;
  cn_graph_tie t;
  for (size_t k = 0; k < g->nrec; k++) {
    g->rec(g->rec_ud, k, &t);
    if (arc_usable(&t, n)) {
      off[t.u + 1]++;
      off[t.v + 1]++;
      directed |= t.directed;
    }
  }
  int64_t longest = 0;
  for (size_t i = 0; i < nn; i++) {
    if (off[i + 1] > longest)
      longest = off[i + 1];
    off[i + 1] += off[i];
  }
  size_t total = (size_t)off[nn];
  r.adj = xalloc(total, sizeof *r.adj);
  if (!r.adj)
    goto fail;
  if (want_z) {
    r.w = xalloc(total, sizeof *r.w);
    if (!r.w || (directed && !(r.dir = xalloc(total, 1))))
      goto fail;
  }
  if (longest > 32) {
    size_t len = (size_t)longest;
    sc.key = xalloc(len, sizeof *sc.key);
    sc.w = r.w ? xalloc(len, sizeof *sc.w) : NULL;
    sc.dir = r.dir ? xalloc(len, 1) : NULL;
    if (!sc.key || (r.w && !sc.w) || (r.dir && !sc.dir))
      goto fail;
  }
  /* off[i] walks through row i as it fills, ending where row i + 1
   * starts; shifting it back by one row restores the starts */
  for (size_t k = 0; k < g->nrec; k++) {
    g->rec(g->rec_ud, k, &t);
    if (!arc_usable(&t, n))
      continue;
    int64_t a = off[t.u]++, b = off[t.v]++;
    r.adj[a] = t.v;
    r.adj[b] = t.u;
    if (r.w)
      r.w[a] = r.w[b] = t.w;
    if (r.dir) {
      r.dir[a] = t.directed ? ARC_OUT : ARC_BOTH;
      r.dir[b] = t.directed ? ARC_IN : ARC_BOTH;
    }
  }
  memmove(off + 1, off, nn * sizeof *off);
  off[0] = 0;
  int64_t wr = 0; /* rows compacted to the front, each sorted, merged */
  for (size_t i = 0; i < nn; i++) {
    int64_t a = off[i], end = off[i + 1];
    row_entries row = {r.adj + a, r.w ? r.w + a : NULL, r.dir ? r.dir + a : NULL};
    sort_row(row, end - a, &sc);
    off[i] = wr;
    merge_row(r, a, end, &wr);
  }
  off[nn] = wr;
  free(r.dir);
  free(sc.key), free(sc.w), free(sc.dir);
  size_t fit = wr ? (size_t)wr : 1;
  int32_t *adj = realloc(r.adj, fit * sizeof *r.adj);
  double *z = r.w ? realloc(r.w, fit * sizeof *r.w) : NULL;
  free(g->und_off);
  free(g->und_adj);
  g->und_off = off;
  g->und_adj = adj ? adj : r.adj;
  if (want_z)
    g->und_z = z ? z : r.w;
  g->built |= want_z ? (unsigned)CN_VIEW_UND_Z : (unsigned)CN_VIEW_UND;
  return 0;

fail:
  free(off);
  free(r.adj), free(r.w), free(r.dir);
  free(sc.key), free(sc.w), free(sc.dir);
  return -1;
}

int cn_graph_need(cn_graph *g, unsigned views) {
  if ((views & ~g->built) == 0)
    return 0;
  if (!g->rec)
    return -1; /* built by cn_graph_build, which builds every view */
  if ((views & ~(unsigned)CN_VIEW_UND_Z) == 0)
    return build_und(g, (views & ~(unsigned)CN_VIEW_UND) != 0);
  /* more than und: every view, from the records read once more */
  cn_graph_tie *ties = xalloc(g->nrec, sizeof *ties);
  if (!ties)
    return -1;
  for (size_t k = 0; k < g->nrec; k++)
    g->rec(g->rec_ud, k, &ties[k]);
  cn_graph saved = *g;
  g->und_off = NULL; /* rebuilt with the rest; freed only on success */
  g->und_adj = NULL;
  g->und_z = NULL;
  g->built = 0;
  int rc = build_all(g, ties, g->nrec);
  free(ties);
  if (rc != 0) {
    g->und_off = saved.und_off;
    g->und_adj = saved.und_adj;
    g->und_z = saved.und_z;
    g->built = saved.built;
    return -1;
  }
  free(saved.und_off);
  free(saved.und_adj);
  free(saved.und_z);
  return 0;
}
