/* natives_change.c — change between stages and the nesting of layers:
 * diff(S1, S2) (who and what came and went, and whether the top broker
 * moved: 结构洞位移) and nesting(sel…) (multiplex pairs, actors present in
 * every layer, the overlap of each pair of layers). */
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "snapshot.h"

/* ---- small helpers ---- */

static cn_name *key(cn_eval *E, const char *s) {
  return cn_intern_cstr(&E->c->names, s);
}

/* Layers are numbered 0..nlayers in these arrays: slot 0 is the implicit
 * layer (-1) of a case without layers, slot l + 1 is layer l. */
static int32_t layer_slot(int32_t layer) { return layer + 1; }

/* ---- diff(S1, S2) ---- */

/* The snapshot of stage st with its own default selection, plus the
 * caller's other selection arguments (layer=…, collapse=…), as if the
 * caller had written f(stage=st, …).  `plain` leaves the stage's default
 * collapse out (unless the caller asks for one): the actors and ties as
 * declared, so that a tie hidden inside a collapsed group does not seem to
 * come or go. */
static cn_snapshot *stage_snapshot(cn_eval *E, cn_call *call, int32_t st,
                                   const cn_loc *loc, int plain) {
  cn_name *collapse = key(E, "collapse");
  int given = 0;
  for (int i = 0; i < call->nnamed; i++)
    given |= call->names[i] == collapse;
  int extra = plain && !given;
  int n = call->nnamed + 1 + extra;
  cn_call fc;
  memset(&fc, 0, sizeof fc);
  fc.node = call->node;
  fc.fn = call->fn;
  fc.pos = cn_arena_alloc(E->arena, sizeof(cn_value));
  fc.pos_loc = loc;
  fc.names = cn_arena_alloc(E->arena, sizeof(cn_name *) * (size_t)n);
  fc.named = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)n);
  cn_loc *named_loc = cn_arena_alloc(E->arena, sizeof(cn_loc) * (size_t)n);
  fc.used = cn_arena_alloc(E->arena, (size_t)n); /* all unused */
  fc.names[0] = key(E, "stage");
  fc.named[0] = cn_named(CN_V_STAGE, E->c->stages.items[st].name);
  named_loc[0] = *loc;
  for (int i = 0; i < call->nnamed; i++) {
    fc.names[i + 1] = call->names[i];
    fc.named[i + 1] = call->named[i];
    named_loc[i + 1] = call->named_loc[i];
  }
  if (extra) {
    fc.names[n - 1] = collapse;
    fc.named[n - 1] = cn_list_new(E->arena, 0);
    named_loc[n - 1] = *loc;
  }
  fc.named_loc = named_loc;
  fc.nnamed = n;
  cn_snapshot *s = cn_snapshot_of_call(E, &fc);
  for (int i = 0; i < call->nnamed; i++)
    call->used[i] |= fc.used[i + 1];
  return s;
}

static cn_value broker_value(cn_eval *E, const cn_snapshot *s) {
  int32_t v = cn_top_broker(E, s);
  if (v < 0)
    return cn_nil();
  cn_name *name = cn_snapshot_vertex_name(s, v);
  return cn_named(s->vertex_actor[v] >= 0 ? CN_V_ACTOR : CN_V_GROUP, name);
}

/* The ties of `in` that are not in `other`, as a table: tie, layer, span. */
static cn_value tie_table(cn_eval *E, const cn_snapshot *in,
                          const unsigned char *other) {
  const cn_case *c = E->c;
  static const char *const names[] = {"tie", "layer", "span"};
  cn_name **cols = cn_keys(&E->c->names, E->arena, names, 3);
  cn_value out = cn_list_new(E->arena, in->nties);
  int64_t n = 0;
  for (int64_t i = 0; i < in->nties; i++) {
    if (other[in->ties[i]])
      continue;
    const cn_tie *t = &c->ties.items[in->ties[i]];
    cn_value r = cn_row(E->arena, cols, 3);
    char sp[96];
    cn_span_print(sp, sizeof sp, cn_tie_life(c, t));
    r.u.rec->vals[0] = cn_str(cn_arena_printf(
        E->arena, "%s %s %s", c->actors.items[t->from].name->str,
        t->directed ? "->" : "--", c->actors.items[t->to].name->str));
    r.u.rec->vals[1] = cn_layer_value(c, t->layer);
    r.u.rec->vals[2] = cn_str(cn_arena_strdup(E->arena, sp));
    out.u.list->items[n++] = r;
  }
  out.u.list->n = n;
  return out;
}

/* The actors (by declaration, whatever collapse shows them as) in `a`'s
 * snapshot and not in `b`'s. */
static cn_value actor_list(cn_eval *E, const cn_snapshot *a,
                           const cn_snapshot *b) {
  const cn_case *c = E->c;
  cn_value out = cn_list_new(E->arena, (int64_t)c->actors.n);
  int64_t n = 0;
  for (size_t i = 0; i < c->actors.n; i++)
    if (a->actor_vertex[i] >= 0 && b->actor_vertex[i] < 0)
      out.u.list->items[n++] = cn_named(CN_V_ACTOR, c->actors.items[i].name);
  out.u.list->n = n;
  return out;
}

static cn_value f_diff(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  for (int i = 0; i < call->nnamed; i++) {
    const char *k = call->names[i]->str;
    if (strcmp(k, "stage") == 0 || strcmp(k, "span") == 0 ||
        strcmp(k, "at") == 0)
      cn_eval_fail(E, &call->named_loc[i],
                   "diff(S1, S2) takes the two stages as its arguments",
                   "diff() compares the two stages it is given: leave out "
                   "'%s='", k);
  }
  const cn_case *c = E->c;
  int32_t st1 = cn_arg_entity(E, call, 0, CN_NS_STAGE);
  int32_t st2 = cn_arg_entity(E, call, 1, CN_NS_STAGE);
  /* the networks as declared (for what came and went), and as each stage
   * is seen by default (for its broker: a stage may collapse a group) */
  cn_snapshot *s1 = stage_snapshot(E, call, st1, &call->pos_loc[0], 1);
  cn_snapshot *s2 = stage_snapshot(E, call, st2, &call->pos_loc[1], 1);
  cn_snapshot *b1 = stage_snapshot(E, call, st1, &call->pos_loc[0], 0);
  cn_snapshot *b2 = stage_snapshot(E, call, st2, &call->pos_loc[1], 0);
  /* which tie ids each snapshot holds */
  unsigned char *in1 = cn_arena_alloc(E->arena, c->ties.n + 1);
  unsigned char *in2 = cn_arena_alloc(E->arena, c->ties.n + 1);
  for (int64_t i = 0; i < s1->nties; i++)
    in1[s1->ties[i]] = 1;
  for (int64_t i = 0; i < s2->nties; i++)
    in2[s2->ties[i]] = 1;
  /* per layer: ties in S1, in S2, came, went */
  size_t nl = c->layers.n + 1;
  int64_t *cnt = cn_arena_alloc(E->arena, sizeof *cnt * nl * 4);
  for (size_t t = 0; t < c->ties.n; t++) {
    if (!in1[t] && !in2[t])
      continue;
    size_t l = (size_t)layer_slot(c->ties.items[t].layer);
    cnt[l * 4 + 0] += in1[t];
    cnt[l * 4 + 1] += in2[t];
    cnt[l * 4 + 2] += in2[t] && !in1[t];
    cnt[l * 4 + 3] += in1[t] && !in2[t];
  }
  cn_name *n1 = c->stages.items[st1].name, *n2 = c->stages.items[st2].name;
  cn_name **cols = cn_arena_alloc(E->arena, sizeof *cols * 5);
  cols[0] = key(E, "layer");
  cols[1] = n1;
  cols[2] = n2;
  cols[3] = key(E, "came");
  cols[4] = key(E, "went");
  /* the stages' names head their columns, unless they would clash */
  if (n1 == n2 || n1 == cols[0] || n1 == cols[3] || n1 == cols[4] ||
      n2 == cols[0] || n2 == cols[3] || n2 == cols[4]) {
    cols[1] = key(E, "from");
    cols[2] = key(E, "to");
  }
  cn_value per = cn_list_new(E->arena, (int64_t)nl);
  int64_t np = 0;
  for (size_t l = 0; l < nl; l++) {
    if (!cnt[l * 4 + 0] && !cnt[l * 4 + 1])
      continue;
    cn_value r = cn_row(E->arena, cols, 5);
    r.u.rec->vals[0] = cn_layer_value(c, (int32_t)l - 1);
    for (int k = 0; k < 4; k++)
      r.u.rec->vals[k + 1] = cn_num((double)cnt[l * 4 + (size_t)k]);
    per.u.list->items[np++] = r;
  }
  per.u.list->n = np;

  static const char *const fields[] = {
      "from",      "to",        "actors_came", "actors_went",
      "ties_came", "ties_went", "per_layer",   "broker_from",
      "broker_to", "shifted",   "overlap"};
  cn_value out = cn_row(E->arena, cn_keys(&E->c->names, E->arena, fields, 11), 11);
  cn_value *val = out.u.rec->vals;
  val[0] = cn_named(CN_V_STAGE, n1);
  val[1] = cn_named(CN_V_STAGE, n2);
  val[2] = actor_list(E, s2, s1);
  val[3] = actor_list(E, s1, s2);
  val[4] = tie_table(E, s2, in1);
  val[5] = tie_table(E, s1, in2);
  val[6] = per;
  val[7] = broker_value(E, b1);
  val[8] = broker_value(E, b2);
  val[9] = cn_bool(!cn_value_equal(&val[7], &val[8]));
  /* stages that overlap share the ties alive in both: those neither came
   * nor went, which a reader should be told */
  cn_span a = E->c->stages.items[st1].span, b = E->c->stages.items[st2].span;
  if (cn_span_overlaps(a, b)) {
    cn_span both = {a.from > b.from ? a.from : b.from, a.to < b.to ? a.to : b.to};
    char sp[64];
    cn_span_print(sp, sizeof sp, both);
    val[10] = cn_str(cn_arena_printf(
        E->arena, "the stages overlap in %s: ties alive there are in both, "
                  "so they neither came nor went", sp));
  }
  return out;
}

/* ---- nesting(sel…) ---- */

typedef struct pair_layer {
  int32_t u, v; /* u < v: vertices */
  int32_t slot; /* the layer, by its index among those present */
} pair_layer;

static int cmp_pair_layer(const void *a, const void *b) {
  const pair_layer *x = a, *y = b;
  if (x->u != y->u)
    return x->u < y->u ? -1 : 1;
  if (x->v != y->v)
    return x->v < y->v ? -1 : 1;
  return (x->slot > y->slot) - (x->slot < y->slot);
}

/* What nesting() counts over a snapshot, before any value is built. */
typedef struct nest {
  int32_t L;               /* layers present */
  int32_t *slot_of;        /* per layer present: its layer_slot() */
  pair_layer *pl;          /* (pair, layer present) records, sorted, unique */
  size_t npl;
  int64_t *pairs;          /* per layer: pairs tied in it */
  int64_t *shared;         /* per two layers a < b: pairs tied in both */
  int64_t *actors_shared;  /* per two layers a < b: actors in both */
  unsigned char *present;  /* vertex × layer: the actor is tied in it */
} nest;

/* The layers present in the snapshot, in declaration order (the implicit
 * layer first): fills n->L and n->slot_of; returns the index of each slot
 * among them, or -1. */
static int32_t *nest_layers(cn_eval *E, const cn_snapshot *s, nest *n) {
  size_t nslots = E->c->layers.n + 1;
  int32_t *index = cn_arena_alloc(E->arena, sizeof *index * nslots);
  for (size_t l = 0; l < nslots; l++)
    index[l] = -1;
  for (int64_t i = 0; i < s->nties; i++)
    index[layer_slot(E->c->ties.items[s->ties[i]].layer)] = 0;
  n->L = 0;
  n->slot_of = cn_arena_alloc(E->arena, sizeof *n->slot_of * nslots);
  for (size_t l = 0; l < nslots; l++)
    if (index[l] == 0) {
      n->slot_of[n->L] = (int32_t)l;
      index[l] = n->L++;
    }
  return index;
}

/* The (pair, layer) records of the snapshot's ties, sorted and made
 * unique: fills n->pl and n->npl. */
static void nest_pairs(cn_eval *E, const cn_snapshot *s, const int32_t *index,
                       nest *n) {
  pair_layer *pl = cn_arena_alloc(E->arena, sizeof *pl * (size_t)(s->nties + 1));
  size_t npl = 0;
  for (int64_t i = 0; i < s->nties; i++) {
    const cn_tie *t = &E->c->ties.items[s->ties[i]];
    int32_t u = s->actor_vertex[t->from], v = s->actor_vertex[t->to];
    pl[npl].u = u < v ? u : v;
    pl[npl].v = u < v ? v : u;
    pl[npl].slot = index[layer_slot(t->layer)];
    npl++;
  }
  qsort(pl, npl, sizeof *pl, cmp_pair_layer);
  size_t m = 0;
  for (size_t i = 0; i < npl; i++)
    if (m == 0 || cmp_pair_layer(&pl[m - 1], &pl[i]) != 0)
      pl[m++] = pl[i];
  n->pl = pl;
  n->npl = m;
}

/* The end of the run of records of the pair that starts at i. */
static size_t pair_end(const nest *n, size_t i) {
  size_t j = i;
  while (j < n->npl && n->pl[j].u == n->pl[i].u && n->pl[j].v == n->pl[i].v)
    j++;
  return j;
}

/* Count the overlaps: pairs per layer, pairs and actors per two layers,
 * which actor is tied in which layer. */
static void nest_count(cn_eval *E, const cn_snapshot *s, nest *n) {
  size_t Ls = (size_t)n->L;
  n->pairs = cn_arena_alloc(E->arena, sizeof *n->pairs * (Ls + 1));
  n->shared = cn_arena_alloc(E->arena, sizeof *n->shared * (Ls * Ls + 1));
  n->actors_shared =
      cn_arena_alloc(E->arena, sizeof *n->actors_shared * (Ls * Ls + 1));
  n->present = cn_arena_alloc(E->arena, (size_t)s->n * Ls + 1);
  for (size_t i = 0, j; i < n->npl; i = j) {
    j = pair_end(n, i);
    for (size_t x = i; x < j; x++) {
      size_t a = (size_t)n->pl[x].slot;
      n->pairs[a]++;
      n->present[(size_t)n->pl[x].u * Ls + a] = 1;
      n->present[(size_t)n->pl[x].v * Ls + a] = 1;
      for (size_t y = x + 1; y < j; y++)
        n->shared[a * Ls + (size_t)n->pl[y].slot]++;
    }
  }
  for (size_t a = 0; a < Ls; a++)
    for (size_t b = a + 1; b < Ls; b++)
      for (int32_t v = 0; v < s->n; v++)
        n->actors_shared[a * Ls + b] +=
            n->present[(size_t)v * Ls + a] && n->present[(size_t)v * Ls + b];
}

/* The layer of the l-th layer present. */
static cn_value nest_layer(cn_eval *E, const nest *n, size_t l) {
  return cn_layer_value(E->c, n->slot_of[l] - 1);
}

/* One row per pair tied in two layers or more: a, b and the layers. */
static cn_value nest_multiplex(cn_eval *E, const cn_snapshot *s,
                               const nest *n) {
  static const char *const cols[] = {"a", "b", "layers"};
  cn_name **keys = cn_keys(&E->c->names, E->arena, cols, 3);
  cn_value rows = cn_list_new(E->arena, (int64_t)n->npl);
  int64_t nr = 0;
  for (size_t i = 0, j; i < n->npl; i = j) {
    j = pair_end(n, i);
    if (j - i < 2)
      continue;
    cn_value r = cn_row(E->arena, keys, 3);
    r.u.rec->vals[0] = cn_vertex_value(s, n->pl[i].u);
    r.u.rec->vals[1] = cn_vertex_value(s, n->pl[i].v);
    cn_value ls = cn_list_new(E->arena, (int64_t)(j - i));
    for (size_t x = i; x < j; x++)
      ls.u.list->items[x - i] = nest_layer(E, n, (size_t)n->pl[x].slot);
    r.u.rec->vals[2] = ls;
    rows.u.list->items[nr++] = r;
  }
  rows.u.list->n = nr;
  return rows;
}

/* The layers present (the implicit layer is not listed, as in layers()). */
static cn_value nest_layer_list(cn_eval *E, const nest *n) {
  cn_value layers = cn_list_new(E->arena, n->L);
  int64_t k = 0;
  for (int32_t l = 0; l < n->L; l++)
    if (n->slot_of[l] > 0)
      layers.u.list->items[k++] = nest_layer(E, n, (size_t)l);
  layers.u.list->n = k;
  return layers;
}

/* The actors tied in every layer present. */
static cn_value nest_in_every(cn_eval *E, const cn_snapshot *s, const nest *n) {
  size_t Ls = (size_t)n->L;
  cn_value every = cn_list_new(E->arena, s->n);
  int64_t k = 0;
  for (int32_t v = 0; Ls > 0 && v < s->n; v++) {
    int all = 1;
    for (size_t l = 0; l < Ls && all; l++)
      all = n->present[(size_t)v * Ls + l];
    if (all)
      every.u.list->items[k++] = cn_vertex_value(s, v);
  }
  every.u.list->n = k;
  return every;
}

/* The permutation test nesting() runs on each two layers. */
typedef struct nest_test {
  int run;  /* qap=false: no test, no columns */
  cn_call *call;
  const cn_snapshot *s;
  int64_t reps;
  uint64_t seed;
  int exact;
} nest_test;

/* One row per two layers: their pairs, the pairs in both, the Jaccard
 * index of the two sets of pairs, the actors in both, and the QAP
 * correlation of the two layers with the share of random relabellings that
 * correlate at least as much (is the overlap more than chance?). */
static cn_value nest_overlap(cn_eval *E, const nest *n, const nest_test *qt) {
  static const char *const cols[] = {"layer_a", "layer_b",       "pairs_a",
                                     "pairs_b", "shared",        "jaccard",
                                     "actors_shared", "qap_r",   "qap_p"};
  size_t Ls = (size_t)n->L;
  int ncols = qt->run ? 9 : 7;
  cn_name **keys = cn_keys(&E->c->names, E->arena, cols, ncols);
  cn_value rows = cn_list_new(E->arena, (int64_t)(Ls * Ls / 2 + 1));
  int64_t k = 0;
  for (size_t a = 0; a < Ls; a++)
    for (size_t b = a + 1; b < Ls; b++) {
      int64_t sh = n->shared[a * Ls + b], uni = n->pairs[a] + n->pairs[b] - sh;
      cn_qap_result q;
      if (qt->run)
        cn_measure_status(E, qt->call,
                          cn_qap_layers(E, qt->call, qt->s, n->slot_of[a] - 1,
                                        n->slot_of[b] - 1, qt->reps, qt->seed,
                                        qt->exact, &q));
      cn_value r = cn_row(E->arena, keys, ncols);
      cn_value *val = r.u.rec->vals;
      val[0] = nest_layer(E, n, a);
      val[1] = nest_layer(E, n, b);
      val[2] = cn_num((double)n->pairs[a]);
      val[3] = cn_num((double)n->pairs[b]);
      val[4] = cn_num((double)sh);
      val[5] = cn_num(uni ? (double)sh / (double)uni : 0); /* uni > 0 here */
      val[6] = cn_num((double)n->actors_shared[a * Ls + b]);
      if (qt->run) {
        val[7] = cn_num(q.r);
        val[8] = cn_num(q.p_ge);
      }
      rows.u.list->items[k++] = r;
    }
  rows.u.list->n = k;
  return rows;
}

static cn_value f_nesting(cn_eval *E, cn_call *call) {
  nest_test qt;
  qt.call = call;
  const cn_loc *loc;
  const cn_value *run = cn_arg_named(call, "qap", &loc);
  qt.run = run ? cn_arg_bool(E, run, loc) : 1;
  cn_qap_options(E, call, &qt.reps, &qt.seed, &qt.exact);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call);
  qt.s = s;
  nest n;
  memset(&n, 0, sizeof n);
  int32_t *index = nest_layers(E, s, &n);
  nest_pairs(E, s, index, &n);
  nest_count(E, s, &n);
  static const char *const fields[] = {"layers", "multiplex", "in_every_layer",
                                       "overlap"};
  cn_value out = cn_row(E->arena, cn_keys(&E->c->names, E->arena, fields, 4), 4);
  out.u.rec->vals[0] = nest_layer_list(E, &n);
  out.u.rec->vals[1] = nest_multiplex(E, s, &n);
  out.u.rec->vals[2] = nest_in_every(E, s, &n);
  out.u.rec->vals[3] = nest_overlap(E, &n, &qt);
  return out;
}

const cn_native cn_natives_change[] = {
    {"diff", CN_ARGS(CN_POS("S1", CN_A_STAGE), CN_POS("S2", CN_A_STAGE)), 1,
     "what changed between two stages: actors and ties that came and went (as declared, without the stages' own collapse), per layer, and whether the top broker moved (结构洞位移; each stage's broker as the stage is seen, collapse included)", f_diff},
    {"nesting",
     CN_ARGS(CN_KEY("qap", CN_A_BOOL, "true", NULL),
             CN_KEY("reps", CN_A_NUMBER, "1000", "\"exact\""),
             CN_KEY("seed", CN_A_NUMBER, "0", NULL)),
     1,
     "how the layers nest: pairs tied in several layers, actors in every layer, the overlap of each pair of layers with their QAP correlation and its permutation p-value (reps, seed as qap; qap = false leaves them out)", f_nesting},
};
const size_t cn_natives_change_n = sizeof cn_natives_change / sizeof *cn_natives_change;

