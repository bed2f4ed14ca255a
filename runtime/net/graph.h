/* graph.h — the compact graph a snapshot is measured on (CSR arrays).
 *
 * A snapshot of a case (the actors and ties alive in a selection) is turned
 * into one of these before any measure runs.  Vertices are 0..n-1.  Three
 * views of the same ties are kept, each in compressed-sparse-row form
 * (offsets of length n+1, then neighbour and weight arrays), neighbours of a
 * vertex sorted ascending and never repeated, no self-loops:
 *
 *   und  — the undirected projection.  und_z[k] is Burt's mutual strength
 *          z_ij = a_ij + a_ji, where a_ij is the summed weight of every tie
 *          record i->j (an undirected tie of weight w counts as i->j and j->i,
 *          so it gives z = 2w; a directed tie i->j of weight w gives z = w;
 *          ties in several layers add up).  The structural-hole measures
 *          read this view; path and count measures read only its pattern
 *          (one tie per pair: the binary projection).
 *   out / in — the directed binary projection: j is in out(i) when some tie
 *          runs i->j (an undirected tie runs both ways).  out_w / in_w hold
 *          a_ij (summed weights).
 *
 * Each view also keeps the least weight among the records it merged into an
 * entry (und_d, out_d, in_d): the shortest of parallel ties, which is the
 * length of the entry when weights are distances (NetworkX and igraph take
 * the shortest parallel edge; summing would put a pair tied in two layers
 * further apart).
 *
 * Views are built when first needed.  A graph made by cn_graph_lazy() holds
 * none: only a way to read its tie records again.  cn_graph_need(g, views)
 * builds what is missing: CN_VIEW_UND the und pattern alone (und_off,
 * und_adj: enough for density, degree, components, paths counted in steps
 * and other counts of the binary projection, at a fraction of the memory),
 * CN_VIEW_UND_Z the pattern and und_z (what the structural-hole measures
 * read), CN_VIEW_ALL every array above.  A measure reads only the views
 * its caller has asked for; the arrays of views not built are NULL.
 * cn_graph_build() builds every view at once.
 *
 * Ownership: whoever builds a cn_graph owns its arrays and frees them with
 * cn_graph_free().  Measures never modify a graph.
 */
#ifndef CN_GRAPH_H
#define CN_GRAPH_H

#include <stddef.h>
#include <stdint.h>

typedef struct cn_graph_tie cn_graph_tie;

/* Record k of a lazy graph's ties, written into *out (see cn_graph_lazy). */
typedef void (*cn_graph_tie_fn)(const void *ud, size_t k, cn_graph_tie *out);

/* Which views cn_graph_need builds (a bit set: UND_Z holds UND, ALL holds
 * both). */
enum { CN_VIEW_UND = 1, CN_VIEW_UND_Z = 3, CN_VIEW_ALL = 7 };

typedef struct cn_graph {
  int32_t n;         /* number of vertices */
  unsigned built;    /* the CN_VIEW_ bits built so far */
  size_t nrec;       /* tie records of a lazy graph, read through rec */
  cn_graph_tie_fn rec;
  const void *rec_ud;
  int64_t *und_off;  /* n+1 */
  int32_t *und_adj;  /* und_off[n] entries */
  double *und_z;     /* Burt's mutual strength z_ij = a_ij + a_ji, > 0 */
  double *und_s;     /* summed weight of the tie records joining the pair
                        (an undirected tie of weight w adds w once): the
                        strength of the pair */
  double *und_d;     /* least weight among the records joining the pair, in
                        either direction */
  int64_t *out_off;  /* n+1 */
  int32_t *out_adj;
  double *out_w;     /* a_ij */
  double *out_d;     /* least weight among the records running i->j */
  int64_t *in_off;   /* n+1 */
  int32_t *in_adj;
  double *in_w;      /* a_ji for j in in(i): weight of j->i */
  double *in_d;      /* out_d of j->i for j in in(i) */
} cn_graph;

/* A tie record for cn_graph_build: u -> v with weight w (> 0, finite);
 * directed == 0 means an undirected tie.  Self-loops (u == v), weights that
 * are not finite and > 0, and vertices outside [0, n) are skipped. */
struct cn_graph_tie {
  int32_t u, v;
  double w;
  int directed;
};

/* Build the three views from tie records (any order, repeats allowed: they
 * are merged by summing, and by taking the least weight for *_d).  Returns
 * 0, or -1 on allocation failure. */
int cn_graph_build(cn_graph *g, int32_t n, const cn_graph_tie *ties, size_t nties);
/// A graph of n vertices with no view built yet, whose nties tie records
/// are read with rec(ud, k, &tie) whenever a view is built (ud must live as
/// long as the graph).
void cn_graph_lazy(cn_graph *g, int32_t n, size_t nties, cn_graph_tie_fn rec,
                   const void *ud);
/// Build the views of `views` (CN_VIEW_UND, CN_VIEW_UND_Z, CN_VIEW_ALL) that
/// are missing.
/// Returns 0, or -1 on allocation failure (the graph keeps what it had).
int cn_graph_need(cn_graph *g, unsigned views);
void cn_graph_free(cn_graph *g);
/// The memory of the views built so far, in bytes.
size_t cn_graph_bytes(const cn_graph *g);

/* The first index of a sorted row of len neighbours (a view's adj +
 * off[u]) whose neighbour is >= x (len if none): binary search. */
static inline int64_t cn_row_lower_bound(const int32_t *row, int64_t len,
                                         int32_t x) {
  int64_t lo = 0, hi = len;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (row[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The index of x in a sorted row of len neighbours, or -1 when x is not
 * there. */
static inline int64_t cn_row_find(const int32_t *row, int64_t len, int32_t x) {
  int64_t lo = cn_row_lower_bound(row, len, x);
  return lo < len && row[lo] == x ? lo : -1;
}

#endif
