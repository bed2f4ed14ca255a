/* snapshot_cache.c — snapshots kept across statements while the case is
 * unchanged (the bounds are in snapshot.h).  `density()` then `degree(a)`
 * on the next line select the same network: it is built once.
 *
 * Each cached snapshot owns an arena of its own (its selection copied
 * there too), so that it can be freed alone.  A snapshot in use by the
 * running statement is never freed: values of the statement may point to
 * it.  Values that outlive a statement (a let's) never point to a cached
 * snapshot: a let builds its own (snapshot.c).  A snapshot's views are
 * built on demand, into the snapshot: a later query that needs more of
 * them builds those into the cached one. */
#include "snapshot.h"

#include <stdlib.h>

size_t cn_snapshot_cache_bytes = (size_t)64 << 20;

typedef struct cached {
  cn_arena mem;    /* the snapshot and its selection */
  cn_snapshot *s;  /* NULL: the place is free (mem may hold what a build
                      left when an error stopped it) */
  long statement;  /* the statement that last used it (E->statements) */
  long used;       /* when, in uses of the cache: the least recent goes */
} cached;

struct cn_snapshot_cache {
  uint64_t version; /* the case's version the snapshots were built at */
  long uses;
  long built;
  cached place[CN_SNAPSHOT_CACHE];
};

static void forget(cached *p) {
  cn_arena_free(&p->mem);
  p->s = NULL;
}

static size_t bytes_of(const cached *p) {
  return p->s ? p->mem.used + cn_graph_bytes(&p->s->g) : 0;
}

void cn_snapshot_cache_drop(cn_eval *E, int all) {
  struct cn_snapshot_cache *C = E->cache;
  if (!C || (!all && C->version == E->c->version))
    return;
  for (int i = 0; i < CN_SNAPSHOT_CACHE; i++)
    forget(&C->place[i]);
  C->version = E->c->version;
  if (all) {
    free(C);
    E->cache = NULL;
  }
}

cn_snapshot_cache_stats cn_snapshot_cache_now(const cn_eval *E) {
  cn_snapshot_cache_stats st = {0, 0, E->cache ? E->cache->built : 0};
  for (int i = 0; E->cache && i < CN_SNAPSHOT_CACHE; i++)
    if (E->cache->place[i].s) {
      st.held++;
      st.bytes += bytes_of(&E->cache->place[i]);
    }
  return st;
}

/* A free place for one more snapshot: first a free one, and then while the
 * snapshots held are over the budget (or no place is free), the least
 * recently used one the running statement has not used is freed.  NULL
 * when every place holds a snapshot of the running statement. */
static cached *make_room(cn_eval *E, struct cn_snapshot_cache *C) {
  for (;;) {
    size_t held = 0;
    cached *free_place = NULL, *oldest = NULL;
    for (int i = 0; i < CN_SNAPSHOT_CACHE; i++) {
      cached *p = &C->place[i];
      held += bytes_of(p);
      if (!p->s) {
        free_place = free_place ? free_place : p;
      } else if (p->statement != E->statements &&
                 (!oldest || p->used < oldest->used)) {
        oldest = p;
      }
    }
    if (free_place && held <= cn_snapshot_cache_bytes)
      return free_place;
    if (!oldest)
      return free_place;
    forget(oldest);
  }
}

cn_snapshot *cn_snapshot_cached(cn_eval *E, const cn_selection *sel) {
  if (!E->cache) {
    E->cache = cn_xcalloc(1, sizeof *E->cache);
    E->cache->version = E->c->version;
  }
  cn_snapshot_cache_drop(E, 0);
  struct cn_snapshot_cache *C = E->cache;
  C->uses++;
  for (int i = 0; i < CN_SNAPSHOT_CACHE; i++) {
    cached *p = &C->place[i];
    if (p->s && cn_selection_same(&p->s->sel, sel)) {
      p->statement = E->statements;
      p->used = C->uses;
      return p->s;
    }
  }
  cached *p = make_room(E, C);
  if (!p)
    return NULL;
  forget(p); /* what an interrupted build left there */
  cn_selection kept;
  cn_selection_copy(&p->mem, &kept, sel);
  p->s = cn_snapshot_build_in(E, &p->mem, &kept);
  C->built++;
  p->statement = E->statements;
  p->used = C->uses;
  return p->s;
}
