/* test_views.c — which graph views a measure has built (runtime/net/graph.h)
 * once it has run: the structural-hole measures only the und view and its
 * strengths z, paths counted in steps along undirected ties only the und
 * pattern, and every view only when directions or weights matter.  The
 * built-ins are called as the evaluator calls them, each on its own
 * selection, and the snapshot of that selection is looked at afterwards.
 * Last line: "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "case_fixture.h"
#include "check.h"
#include "load.h"
#include "snapshot.h"

static const char case_text[] =
    "layer 交易\nlayer 政策\nstage 起步 1970..1994\nstage 整合 1995..2013\n"
    "actor 甲\nactor 乙\nactor 丙\nactor 丁\n"
    "甲 -- 乙 : 交易 1980.. { weight = 2 }\n乙 -> 丙 : 政策 1980..\n"
    "丙 -- 丁 : 交易 1990..\n甲 -- 丙 : 政策 1996..\n丁 -> 甲 : 交易 1999..\n";

/* A call of a built-in with named arguments (NULL-ended keys), as the
 * evaluator makes it; the values and keys live as long as the call. */
typedef struct test_call {
  cn_call call;
  cn_name *names[4];
  cn_value named[4];
  cn_loc loc[4];
  unsigned char used[4];
} test_call;

static void make_call(cn_eval *E, test_call *t, const char *fn,
                      const char *const *keys, const cn_value *values) {
  memset(t, 0, sizeof *t);
  t->call.fn = fn;
  t->call.native = cn_eval_native(E, fn);
  int n = 0;
  for (; keys[n]; n++) {
    t->names[n] = cn_intern_cstr(&E->c->names, keys[n]);
    t->named[n] = values[n];
  }
  t->call.names = t->names;
  t->call.named = t->named;
  t->call.named_loc = t->loc;
  t->call.used = t->used;
  t->call.nnamed = n;
}

/* The views built on the selection `keys`/`values` after `fn` ran on it. */
static unsigned views_after(cn_eval *E, const char *fn,
                            const char *const *keys, const cn_value *values) {
  test_call t;
  make_call(E, &t, fn, keys, values);
  if (!t.call.native)
    return 0xdead;
  t.call.native->fn(E, &t.call);
  /* the selection alone (no options): the snapshot the call shared */
  int sel = 0;
  while (keys[sel] && (strcmp(keys[sel], "layer") == 0 ||
                       strcmp(keys[sel], "stage") == 0))
    sel++;
  const char *sel_keys[4] = {NULL};
  memcpy(sel_keys, keys, (size_t)sel * sizeof *keys);
  make_call(E, &t, fn, sel_keys, values);
  return cn_snapshot_of_call_views(E, &t.call, 0)->g.built;
}

int main(void) {
  cn_diag diag;
  cn_case c;
  cn_eval E;
  FILE *quiet = case_fixture_open(&c, &E, &diag, case_text, sizeof case_text - 1);
  if (!quiet)
    return 2;
  cn_value layer1 = cn_named(CN_V_LAYER, c.layers.items[0].name);
  cn_value layer2 = cn_named(CN_V_LAYER, c.layers.items[1].name);
  cn_value stage1 = cn_named(CN_V_STAGE, c.stages.items[0].name);
  cn_value stage2 = cn_named(CN_V_STAGE, c.stages.items[1].name);
  static const char *const layer[] = {"layer", NULL};
  static const char *const stage[] = {"stage", NULL};
  static const char *const layer_stage_directed[] = {"layer", "stage",
                                                     "directed", NULL};
  static const char *const layer_stage_weights[] = {"layer", "stage",
                                                    "weights", NULL};

  cn_value v1[] = {layer1};
  CHECK_THAT(views_after(&E, "constraint", layer, v1) == CN_VIEW_UND_Z,
             "constraint: the und view and z, nothing else");
  cn_value v2[] = {layer2};
  CHECK_THAT(views_after(&E, "hierarchy", layer, v2) == CN_VIEW_UND_Z,
             "hierarchy: the und view and z, nothing else");
  cn_value v3[] = {stage1};
  CHECK_THAT(views_after(&E, "betweenness", stage, v3) == CN_VIEW_UND,
             "betweenness in steps, undirected: the und pattern alone");
  cn_value v4[] = {stage2};
  CHECK_THAT(views_after(&E, "closeness", stage, v4) == CN_VIEW_UND,
             "closeness in steps, mode all: the und pattern alone");

  /* each on a selection of its own, so that no views are shared */
  cn_value v5[] = {layer1, stage2, cn_bool(1)};
  CHECK_THAT(views_after(&E, "betweenness", layer_stage_directed, v5) ==
                 CN_VIEW_ALL,
             "betweenness along directed ties: every view");
  cn_value v6[] = {layer2, stage1, cn_str("distance")};
  CHECK_THAT(views_after(&E, "harmonic", layer_stage_weights, v6) ==
                 CN_VIEW_ALL,
             "harmonic with weights as distances: every view");

  cn_eval_free(&E);
  cn_case_free(&c);
  fprintf(stderr, "%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
