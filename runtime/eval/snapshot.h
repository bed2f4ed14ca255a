/* snapshot.h — selections (stage, span, layers, collapse, without, sources,
 * actor attributes) and the snapshot they pick out of a case: the actors and
 * ties alive in it, as a compact graph ready for the measures. */
#ifndef CN_SNAPSHOT_H
#define CN_SNAPSHOT_H

#include "case.h"
#include "eval.h"
#include "graph.h"
#include "value.h"

typedef struct cn_attr_filter {
  cn_name *key;
  cn_value value; /* a single value or a list of accepted values */
} cn_attr_filter;

typedef struct cn_selection {
  int32_t stage;      /* -1: none */
  cn_span span;       /* -inf..inf: all time */
  int32_t *layers;    /* NULL: every layer */
  int nlayers;
  int transient;      /* include transient ties */
  int no_isolates;    /* isolates=false: only actors with a selected tie */
  int32_t *collapse;  /* groups merged into one actor each */
  int ncollapse;
  int32_t *without;   /* actors left out */
  int nwithout;
  cn_name **drop;     /* evidence codes left out */
  int ndrop;
  int min_sources;
  cn_attr_filter *filters;
  int nfilters;
} cn_selection;

typedef struct cn_snapshot {
  const cn_case *c;
  cn_selection sel;
  int32_t n;             /* vertices */
  int32_t *vertex_actor; /* vertex -> actor id, or -1 - group id if collapsed */
  int32_t *actor_vertex; /* actor id -> vertex, -1 when absent (c->actors.n) */
  int32_t *ties;         /* ids of the ties in the snapshot */
  int64_t nties;
  cn_graph g;            /* views built on demand: cn_snapshot_need */
} cn_snapshot;

/// The selection given by a call's named arguments (and the selected
/// stage's own attributes as defaults); consumes the arguments it knows.
/// A first positional argument that is a snapshot is taken as the base.
void cn_selection_from_call(cn_eval *E, cn_call *call, cn_selection *sel);
/// The snapshot of a selection: one the running statement has already, a
/// cached one (below), or a new one in E->arena.
cn_snapshot *cn_snapshot_build(cn_eval *E, const cn_selection *sel);
/// Build a new snapshot whose memory is owned by A (sel's arrays are kept
/// as they are: copy them into A first if they live less long).
cn_snapshot *cn_snapshot_build_in(cn_eval *E, cn_arena *A,
                                  const cn_selection *sel);
/// Do two selections pick out the same network?
int cn_selection_same(const cn_selection *a, const cn_selection *b);
/// A copy of a selection, its arrays and filter values in A.
void cn_selection_copy(cn_arena *A, cn_selection *to, const cn_selection *from);

/* ---- the cache across statements (snapshot_cache.c) ----
 * Snapshots built by expression statements are kept after the statement
 * for the next ones with the same selection, as long as the case stays as
 * it was (its version).  At most CN_SNAPSHOT_CACHE of them; and before
 * another is built, those the running statement has not used are freed,
 * least recently used first, until the rest hold at most
 * cn_snapshot_cache_bytes: a snapshot larger than that (a network of
 * millions of ties) stays only until a query asks for another selection,
 * so the cache adds at most that much to what one query needs. */
enum { CN_SNAPSHOT_CACHE = 8 };
/// The budget in bytes (64 MiB; tests lower it).
extern size_t cn_snapshot_cache_bytes;
/// The cached snapshot of sel, built and kept if there is none; NULL when
/// every place is taken by a snapshot of the running statement.
cn_snapshot *cn_snapshot_cached(cn_eval *E, const cn_selection *sel);
/// Free the cached snapshots if the case has changed since they were built
/// (all of them when `all`: the evaluator ends).
void cn_snapshot_cache_drop(cn_eval *E, int all);
typedef struct cn_snapshot_cache_stats {
  size_t held;  /* snapshots in the cache */
  size_t bytes; /* their memory, views included */
  long built;   /* snapshots the cache has built since it began */
} cn_snapshot_cache_stats;
cn_snapshot_cache_stats cn_snapshot_cache_now(const cn_eval *E);
/// The snapshot a network function works on: its first positional argument
/// when that is a snapshot (removed from the positional list), else the
/// selection of its named arguments.  Every view of its graph is built.
cn_snapshot *cn_snapshot_of_call(cn_eval *E, cn_call *call);
/// The same with only the graph views `views` built (CN_VIEW_UND: the und
/// pattern alone, for counts of the binary projection; see graph.h): a
/// function that reads less asks for less, and a million-tie network costs
/// a fraction of the memory.
cn_snapshot *cn_snapshot_of_call_views(cn_eval *E, cn_call *call,
                                       unsigned views);
/// Build the views of s's graph that `views` needs and it lacks.
void cn_snapshot_need(cn_eval *E, cn_snapshot *s, unsigned views);
/// Name shown for a vertex (an actor's or a collapsed group's).
cn_name *cn_snapshot_vertex_name(const cn_snapshot *s, int32_t v);
/// A vertex as a value: an actor, or a group for a collapsed group.
cn_value cn_vertex_value(const cn_snapshot *s, int32_t v);
/// The vertex of an actor value (or collapsed group), or -1 when it is not
/// in the snapshot.
int32_t cn_snapshot_vertex_of(const cn_snapshot *s, const cn_value *v);
/// A short description: "stage 整合", "1995..2013, layer 交易" ….
void cn_selection_describe(const cn_case *c, const cn_selection *sel,
                           char *buf, size_t n);
/// NULL when some actor passes filter f; else the values its attribute
/// has, as a hint ("the values of 'place' are: 县内, 县外"; "" if none).
const char *cn_attr_filter_misses(cn_eval *E, const cn_attr_filter *f);
/// Does some actor have attribute `key` (or is it "kind")?
int cn_actor_attr_exists(const cn_case *c, const char *key);
/// "the attributes are: place, level …" (or a did-you-mean), for hints.
const char *cn_actor_attr_hint(cn_eval *E, const char *key);
/// The selection argument names (for suggestions and :help).
extern const char *const cn_selection_keys[];

#endif
