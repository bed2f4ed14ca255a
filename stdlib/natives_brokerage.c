/* natives_brokerage.c — who spans a structural hole, and why: brokers(),
 * roles() (Gould & Fernandez) and explain(). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "measures.h"
#include "snapshot.h"

static void check_status(cn_eval *E, const cn_loc *loc, int rc) {
  if (rc == CN_MEASURE_INTERRUPTED)
    cn_eval_error(E, loc, "interrupted");
  if (rc == CN_MEASURE_NOMEM)
    cn_eval_out_of_memory(E, loc, "computing brokerage");
}

/* ---- ties by vertex: which snapshot ties touch each vertex ---- */

typedef struct incidence {
  int64_t *off; /* n+1 */
  int32_t *tie; /* indices into s->ties */
} incidence;

static incidence incidence_of(cn_eval *E, const cn_snapshot *s) {
  incidence in;
  in.off = cn_arena_alloc(E->arena, sizeof(int64_t) * (size_t)(s->n + 2));
  in.tie = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(2 * s->nties + 1));
  const cn_case *c = s->c;
  for (int64_t k = 0; k < s->nties; k++) {
    const cn_tie *t = &c->ties.items[s->ties[k]];
    in.off[s->actor_vertex[t->from] + 2]++;
    in.off[s->actor_vertex[t->to] + 2]++;
  }
  for (int32_t v = 0; v < s->n; v++)
    in.off[v + 2] += in.off[v + 1];
  for (int64_t k = 0; k < s->nties; k++) {
    const cn_tie *t = &c->ties.items[s->ties[k]];
    in.tie[in.off[s->actor_vertex[t->from] + 1]++] = (int32_t)k;
    in.tie[in.off[s->actor_vertex[t->to] + 1]++] = (int32_t)k;
  }
  return in;
}

/* The other end (a vertex) of snapshot tie k seen from vertex v. */
static int32_t other_end(const cn_snapshot *s, int64_t k, int32_t v) {
  const cn_tie *t = &s->c->ties.items[s->ties[k]];
  int32_t a = s->actor_vertex[t->from], b = s->actor_vertex[t->to];
  return a == v ? b : a;
}

/* Layers of v's ties to contact w, as "交易, 政策" (empty if no layers). */
static char *layers_between(cn_eval *E, const cn_snapshot *s,
                            const incidence *in, int32_t v, int32_t w) {
  const cn_case *c = s->c;
  if (c->layers.n == 0)
    return cn_arena_strdup(E->arena, "");
  unsigned char *seen = cn_arena_alloc(E->arena, c->layers.n);
  char buf[512];
  size_t len = 0;
  buf[0] = '\0';
  for (int64_t i = in->off[v]; i < in->off[v + 1]; i++) {
    int64_t k = in->tie[i];
    if (other_end(s, k, v) != w)
      continue;
    int32_t l = c->ties.items[s->ties[k]].layer;
    if (l < 0 || seen[l])
      continue;
    seen[l] = 1;
    len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                            len ? ", " : "", c->layers.items[l].name->str);
    if (len >= sizeof buf)
      break;
  }
  return cn_arena_strdup(E->arena, buf);
}

/* ---- brokers ---- */

typedef struct broker_row {
  int32_t v;
  double constraint;
  const char *name;
} broker_row;

static int cmp_broker(const void *a, const void *b) {
  const broker_row *x = a, *y = b;
  if (x->constraint != y->constraint)
    return x->constraint < y->constraint ? -1 : 1;
  return strcmp(x->name, y->name);
}

/* The bridged groups of ego v: "彩陶师傅 [彩陶] | 江浙冶炼厂、回收队伍 [交易]". */
static const char *bridges_text(cn_eval *E, const cn_snapshot *s,
                                const incidence *in, int32_t v,
                                int32_t ngroups, const int32_t *label) {
  const cn_graph *g = &s->g;
  int64_t deg = g->und_off[v + 1] - g->und_off[v];
  char *out = cn_arena_strdup(E->arena, "");
  for (int32_t grp = 0; grp < ngroups; grp++) {
    int shown = 0, total = 0;
    char members[256] = "";
    size_t mlen = 0;
    unsigned char *layer_seen = cn_arena_alloc(E->arena, s->c->layers.n + 1);
    char layers[256] = "";
    size_t llen = 0;
    for (int64_t k = 0; k < deg; k++) {
      if (label[k] != grp)
        continue;
      int32_t w = g->und_adj[g->und_off[v] + k];
      total++;
      if (shown < 3 && mlen < sizeof members - 64) {
        mlen += (size_t)snprintf(members + mlen, sizeof members - mlen, "%s%s",
                                 shown ? "、" : "",
                                 cn_snapshot_vertex_name(s, w)->str);
        shown++;
      }
      for (int64_t i = in->off[v]; i < in->off[v + 1]; i++) {
        int64_t t = in->tie[i];
        int32_t l = s->c->ties.items[s->ties[t]].layer;
        if (other_end(s, t, v) != w || l < 0 || layer_seen[l])
          continue;
        layer_seen[l] = 1;
        if (llen < sizeof layers - 64)
          llen += (size_t)snprintf(layers + llen, sizeof layers - llen, "%s%s",
                                   llen ? ", " : "",
                                   s->c->layers.items[l].name->str);
      }
    }
    char more[32] = "";
    if (total > shown)
      snprintf(more, sizeof more, "…(+%d)", total - shown);
    out = cn_arena_printf(E->arena, "%s%s%s%s%s%s%s", out, grp ? " | " : "",
                          members, more, llen ? " [" : "", layers,
                          llen ? "]" : "");
  }
  return out;
}

typedef struct broker_stats {
  double *constraint, *effsize, *betweenness;
  int32_t *ngroups;
  broker_row *rows;
  int32_t nrows;
} broker_stats;

static broker_stats rank_brokers(cn_eval *E, const cn_snapshot *s,
                                 const cn_loc *loc, int with_betweenness) {
  broker_stats b;
  size_t n = (size_t)s->n + 1;
  b.constraint = cn_arena_alloc(E->arena, sizeof(double) * n);
  b.effsize = cn_arena_alloc(E->arena, sizeof(double) * n);
  b.betweenness = cn_arena_alloc(E->arena, sizeof(double) * n);
  b.ngroups = cn_arena_alloc(E->arena, sizeof(int32_t) * n);
  check_status(E, loc, cn_measure_structural_holes(&s->g, b.constraint,
                                                   b.effsize, NULL, NULL));
  check_status(E, loc, cn_measure_contact_group_counts(&s->g, b.ngroups));
  if (with_betweenness)
    check_status(E, loc, cn_measure_betweenness(&s->g, 0, CN_LEN_HOPS, 1,
                                                b.betweenness));
  b.rows = cn_arena_alloc(E->arena, sizeof(broker_row) * n);
  b.nrows = 0;
  for (int32_t v = 0; v < s->n; v++)
    if (b.ngroups[v] >= 2 && !isnan(b.constraint[v])) {
      broker_row *r = &b.rows[b.nrows++];
      r->v = v;
      r->constraint = b.constraint[v];
      r->name = cn_snapshot_vertex_name(s, v)->str;
    }
  qsort(b.rows, (size_t)b.nrows, sizeof *b.rows, cmp_broker);
  return b;
}

int32_t cn_top_broker(cn_eval *E, const cn_snapshot *s) {
  broker_stats b = rank_brokers(E, s, NULL, 0);
  return b.nrows ? b.rows[0].v : -1;
}

static cn_value f_brokers(cn_eval *E, cn_call *call) {
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call);
  broker_stats b = rank_brokers(E, s, &call->node->loc, 1);
  incidence in = incidence_of(E, s);
  static const char *const cols[] = {"actor", "constraint", "effsize",
                                     "betweenness", "groups", "bridges"};
  cn_name *keys[6];
  for (int i = 0; i < 6; i++)
    keys[i] = cn_intern_cstr(&E->c->names, cols[i]);
  cn_value t = cn_list_new(E->arena, b.nrows);
  int32_t *label = cn_arena_alloc(
      E->arena, sizeof(int32_t) * (size_t)(s->g.und_off[s->n] + 1));
  for (int32_t i = 0; i < b.nrows; i++) {
    int32_t v = b.rows[i].v;
    int32_t ng = cn_measure_contact_groups(&s->g, v, label);
    check_status(E, &call->node->loc, ng < 0 ? ng : 0);
    cn_value r = cn_record_new(E->arena, 6);
    memcpy(r.u.rec->keys, keys, sizeof keys);
    r.u.rec->vals[0] = cn_vertex_value(s, v);
    r.u.rec->vals[1] = cn_num(b.constraint[v]);
    r.u.rec->vals[2] = cn_num(b.effsize[v]);
    r.u.rec->vals[3] = cn_num(b.betweenness[v]);
    r.u.rec->vals[4] = cn_num(ng);
    r.u.rec->vals[5] = cn_str(bridges_text(E, s, &in, v, ng, label));
    t.u.list->items[i] = r;
  }
  return t;
}

/* ---- Gould & Fernandez roles ---- */

/* In sna's column order: w_I, w_O, b_IO, b_OI, b_O, t. */
static const char *const role_names[CN_GF_NCOLS] = {
    "coordinator", "itinerant", "representative", "gatekeeper", "liaison",
    "total"};

/* The value of an actor attribute (or the kind) of actor a; nothing if it
 * has none. */
static cn_value actor_attr(cn_eval *E, const cn_case *c, int32_t a,
                           const char *attr) {
  const cn_actor *ac = &c->actors.items[a];
  if (strcmp(attr, "kind") == 0)
    return ac->kind >= 0 ? cn_named(CN_V_KIND, c->kinds.items[ac->kind].name)
                         : cn_nil();
  const cn_attr *at = cn_attrs_get(ac->attrs, attr);
  return at ? cn_eval_expr(E, at->value) : cn_nil();
}

/* The grouping value of vertex v: a collapsed group's own attribute, else
 * its first member's. */
static cn_value vertex_attr(cn_eval *E, const cn_snapshot *s, int32_t v,
                            const char *attr) {
  int32_t a = s->vertex_actor[v];
  if (a < 0) {
    const cn_group *g = &s->c->groups.items[-1 - a];
    const cn_attr *at = cn_attrs_get(g->attrs, attr);
    if (at)
      return cn_eval_expr(E, at->value);
    if (!g->nmembers)
      return cn_nil();
    a = g->members[0];
  }
  return actor_attr(E, s->c, a, attr);
}

/* A number as cnet writes it (every digit it needs), in E's arena. */
static const char *num_text(cn_eval *E, double x) {
  char buf[64];
  cn_value v = cn_num(x);
  cn_value_text(&v, buf, sizeof buf, -1);
  return cn_arena_strdup(E->arena, buf);
}

/* A numeric grouping attribute without bins=: each distinct number would
 * make a group of its own. */
static _Noreturn void numeric_error(cn_eval *E, const cn_loc *loc,
                                    const char *attr, const char *who,
                                    const cn_value *v) {
  cn_eval_fail(E, loc,
               cn_arena_printf(E->arena,
                               "cut the numbers into groups with bins=, e.g. "
                               "roles(by=%s, bins=[10, 50]) for the groups "
                               "<10, [10, 50) and ≥50; or group by a word "
                               "attribute",
                               attr),
               "attribute '%s' is a number (%s has %s = %s): roles() needs "
               "groups, and each distinct number would be a group of its own",
               attr, who, attr, num_text(E, v->u.num));
}

/* Refuse a numeric grouping attribute of any actor or group of the case,
 * so that a call does not pass in one stage and fail in another. */
static void refuse_numeric(cn_eval *E, const char *attr, const cn_loc *loc) {
  const cn_case *c = E->c;
  for (size_t a = 0; a < c->actors.n; a++) {
    cn_value v = actor_attr(E, c, (int32_t)a, attr);
    if (v.t == CN_V_NUM)
      numeric_error(E, loc, attr, c->actors.items[a].name->str, &v);
  }
  for (size_t g = 0; g < c->groups.n; g++) {
    const cn_attr *at = cn_attrs_get(c->groups.items[g].attrs, attr);
    cn_value v = at ? cn_eval_expr(E, at->value) : cn_nil();
    if (v.t == CN_V_NUM)
      numeric_error(E, loc, attr, c->groups.items[g].name->str, &v);
  }
}

/* The cut points of bins=[c1, c2, …]: finite, strictly increasing. */
typedef struct bins {
  const double *cut;
  int n;
  const cn_loc *loc;
} bins;

static bins bins_arg(cn_eval *E, cn_call *call) {
  bins b = {NULL, 0, NULL};
  const cn_value *v = cn_arg_named(call, "bins", &b.loc);
  if (!v)
    return b;
  const char *how = "write the cut points as numbers in increasing order, "
                    "e.g. bins=[10, 50]";
  if (v->t != CN_V_LIST || v->u.list->n == 0)
    cn_eval_fail(E, b.loc, how, "bins= takes a list of cut points, not %s",
                 v->t == CN_V_LIST ? "an empty list" : cn_type_name(v->t));
  double *cut = cn_arena_alloc(E->arena, sizeof(double) * (size_t)v->u.list->n);
  for (int64_t i = 0; i < v->u.list->n; i++) {
    const cn_value *x = &v->u.list->items[i];
    if (x->t != CN_V_NUM)
      cn_eval_fail(E, b.loc, how, "cut point %lld of bins= is %s, not a number",
                   (long long)i + 1, cn_type_name(x->t));
    if (!isfinite(x->u.num))
      cn_eval_fail(E, b.loc, how, "cut point %lld of bins= is not finite",
                   (long long)i + 1);
    cut[i] = x->u.num;
    if (i > 0 && cut[i] <= cut[i - 1])
      cn_eval_fail(E, b.loc, how, "the cut points of bins= must increase: "
                   "%s comes after %s", num_text(E, cut[i]),
                   num_text(E, cut[i - 1]));
  }
  b.cut = cut;
  b.n = (int)v->u.list->n;
  return b;
}

/* The bin of x as a group name: "<10", "[10, 50)" or "≥50". */
static cn_value bin_of(cn_eval *E, const bins *b, double x) {
  int k = 0;
  while (k < b->n && x >= b->cut[k])
    k++;
  if (k == 0)
    return cn_str(cn_arena_printf(E->arena, "<%s", num_text(E, b->cut[0])));
  if (k == b->n)
    return cn_str(
        cn_arena_printf(E->arena, "≥%s", num_text(E, b->cut[b->n - 1])));
  return cn_str(cn_arena_printf(E->arena, "[%s, %s)",
                                num_text(E, b->cut[k - 1]),
                                num_text(E, b->cut[k])));
}

/* The group label of each vertex from an actor attribute (or kind), and
 * the group's name for the table (names_out).  Actors without the
 * attribute form one group, shown as nothing.  Numbers are binned (the
 * caller refused them without bins=). */
static int32_t *groups_by(cn_eval *E, const cn_snapshot *s, const char *attr,
                          const bins *b, cn_value **names_out) {
  int32_t *group = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(s->n + 1));
  cn_value *names = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)(s->n + 1));
  cn_value *distinct = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)(s->n + 1));
  int32_t nd = 0;
  for (int32_t v = 0; v < s->n; v++) {
    cn_value val = vertex_attr(E, s, v, attr);
    if (b->n && val.t == CN_V_NUM) {
      val = bin_of(E, b, val.u.num);
    } else if (b->n && val.t != CN_V_NIL) {
      char text[128];
      cn_value_text(&val, text, sizeof text, -1);
      cn_eval_fail(E, b->loc, "bins= is for an attribute whose values are "
                              "numbers; drop it to group by the words",
                   "bins= cuts numbers, but %s has %s = %s",
                   cn_snapshot_vertex_name(s, v)->str, attr, text);
    }
    int32_t k = 0;
    while (k < nd && !cn_value_equal(&distinct[k], &val))
      k++;
    if (k == nd)
      distinct[nd++] = val;
    group[v] = k;
    names[v] = val;
  }
  *names_out = names;
  return group;
}

/* roles(total=true): sna's graph-level rows (raw.gli, exp.gli, sd.gli,
 * z.gli), one per role. */
static cn_value total_table(cn_eval *E, const cn_brokerage_gli *gli) {
  static const char *const cols[] = {"role", "count", "expected", "sd", "z"};
  cn_name **keys = cn_keys(&E->c->names, E->arena, cols, 5);
  cn_value t = cn_list_new(E->arena, CN_GF_NCOLS);
  for (int r = 0; r < CN_GF_NCOLS; r++) {
    cn_value row = cn_row(E->arena, keys, 5);
    row.u.rec->vals[0] = cn_str(role_names[r]);
    row.u.rec->vals[1] = cn_num(gli->raw[r]);
    row.u.rec->vals[2] = cn_num(gli->expected[r]);
    row.u.rec->vals[3] = cn_num(gli->sd[r]);
    row.u.rec->vals[4] = cn_num(gli->z[r]);
    t.u.list->items[r] = row;
  }
  return t;
}

static cn_value f_roles(cn_eval *E, cn_call *call) {
  const cn_loc *by_loc, *total_loc;
  const cn_value *by = cn_arg_named(call, "by", &by_loc);
  const char *attr = by ? cn_arg_string(E, by, by_loc) : "kind";
  const cn_value *tv = cn_arg_named(call, "total", &total_loc);
  int total = tv ? cn_arg_bool(E, tv, total_loc) : 0;
  bins b = bins_arg(E, call);
  if (by && strcmp(attr, "kind") != 0 && !cn_actor_attr_exists(E->c, attr))
    cn_eval_fail(E, by_loc, cn_actor_attr_hint(E, attr),
                 "no actor has an attribute '%s' to group by", attr);
  if (!b.n)
    refuse_numeric(E, attr, by ? by_loc : &call->node->loc);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  if (total && call->npos)
    cn_eval_fail(E, &call->pos_loc[0],
                 "drop the actor for the network's totals, or total=true for "
                 "the actor's rows",
                 "total=true counts the whole network, not one actor");
  cn_arg_count(E, call);
  int32_t only = -1;
  if (call->npos) {
    only = cn_arg_vertex(E, s, &call->pos[0], &call->pos_loc[0]);
    if (only < 0) {
      char desc[256];
      cn_selection_describe(s->c, &s->sel, desc, sizeof desc);
      cn_eval_fail(E, &call->pos_loc[0],
                   "roles() without an actor lists every actor of the network",
                   "%s is not in the network (%s)",
                   cn_value_text_arena(E->arena, &call->pos[0], -1), desc);
    }
  }
  cn_value *gnames;
  int32_t *group = groups_by(E, s, attr, &b, &gnames);
  size_t cells = (size_t)s->n * CN_GF_NCOLS + 1;
  double *raw = cn_arena_alloc(E->arena, sizeof(double) * cells);
  double *expd = cn_arena_alloc(E->arena, sizeof(double) * cells);
  double *sd = cn_arena_alloc(E->arena, sizeof(double) * cells);
  double *z = cn_arena_alloc(E->arena, sizeof(double) * cells);
  cn_brokerage_gli gli;
  check_status(E, &call->node->loc,
               cn_measure_brokerage(&s->g, group, raw, expd, sd, z,
                                    total ? &gli : NULL));
  if (total)
    return total_table(E, &gli);
  static const char *const cols[] = {"actor", "group", "role", "count",
                                     "expected", "sd", "z"};
  cn_name **keys = cn_keys(&E->c->names, E->arena, cols, 7);
  int32_t lo = only < 0 ? 0 : only, hi = only < 0 ? s->n : only + 1;
  cn_value t = cn_list_new(E->arena, (int64_t)(hi - lo) * CN_GF_NCOLS);
  int64_t nrows = 0;
  for (int32_t v = lo; v < hi; v++)
    for (int r = 0; r < CN_GF_NCOLS; r++) {
      size_t at = (size_t)v * CN_GF_NCOLS + (size_t)r;
      cn_value row = cn_row(E->arena, keys, 7);
      row.u.rec->vals[0] = cn_vertex_value(s, v);
      row.u.rec->vals[1] = gnames[v];
      row.u.rec->vals[2] = cn_str(role_names[r]);
      row.u.rec->vals[3] = cn_num(raw[at]);
      row.u.rec->vals[4] = cn_num(expd[at]);
      row.u.rec->vals[5] = cn_num(sd[at]);
      row.u.rec->vals[6] = cn_num(z[at]);
      t.u.list->items[nrows++] = row;
    }
  return t;
}

/* ---- explain ---- */

static cn_value sources_between(cn_eval *E, const cn_snapshot *s,
                                const incidence *in, int32_t v, int32_t w) {
  const cn_case *c = s->c;
  cn_name **found = NULL;
  size_t n = 0, cap = 0;
  for (int64_t i = in->off[v]; i < in->off[v + 1]; i++) {
    int64_t k = in->tie[i];
    if (other_end(s, k, v) != w)
      continue;
    const cn_tie *t = &c->ties.items[s->ties[k]];
    for (int j = 0; j < cn_tie_nsources(t); j++) {
      size_t d = 0;
      while (d < n && found[d] != cn_tie_sources(t)[j])
        d++;
      if (d == n) {
        found = cn_xgrow(found, &cap, n + 1, sizeof *found);
        found[n++] = cn_tie_sources(t)[j];
      }
    }
  }
  cn_value l = cn_list_new(E->arena, (int64_t)n);
  for (size_t i = 0; i < n; i++)
    l.u.list->items[i] = cn_str(found[i]->str);
  free(found);
  return l;
}

static int adjacent(const cn_graph *g, int32_t a, int32_t b) {
  int64_t lo = g->und_off[a], hi = g->und_off[a + 1];
  while (lo < hi) { /* neighbours are sorted */
    int64_t mid = (lo + hi) / 2;
    if (g->und_adj[mid] == b)
      return 1;
    if (g->und_adj[mid] < b)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

enum { MAX_HOLES_SHOWN = 40 };

static cn_value f_explain(cn_eval *E, cn_call *call) {
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_count(E, call);
  int32_t v = cn_arg_vertex(E, s, &call->pos[0], &call->pos_loc[0]);
  char desc[256];
  cn_selection_describe(s->c, &s->sel, desc, sizeof desc);
  cn_names *N = &E->c->names;
  if (v < 0) {
    cn_value r = cn_record_new(E->arena, 2);
    r.u.rec->keys[0] = cn_intern_cstr(N, "actor");
    r.u.rec->vals[0] = call->pos[0];
    r.u.rec->keys[1] = cn_intern_cstr(N, "verdict");
    r.u.rec->vals[1] = cn_str(cn_arena_printf(
        E->arena, "not in the network (%s): no tie of it is alive there", desc));
    return r;
  }
  const cn_graph *g = &s->g;
  int64_t deg = g->und_off[v + 1] - g->und_off[v];
  int32_t *label = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(deg + 1));
  double *terms = cn_arena_alloc(E->arena, sizeof(double) * (size_t)(deg + 1));
  int32_t ng = cn_measure_contact_groups(g, v, label);
  check_status(E, &call->node->loc, ng < 0 ? ng : 0);
  if (deg > 0)
    check_status(E, &call->node->loc,
                 (int)(cn_measure_constraint_terms(g, v, terms) < 0 ? -1 : 0));
  double ztot = 0, c = 0;
  for (int64_t k = 0; k < deg; k++) {
    ztot += g->und_z[g->und_off[v] + k];
    c += terms[k];
  }
  incidence in = incidence_of(E, s);
  /* contacts */
  static const char *const ccols[] = {"contact", "group", "layers", "share",
                                      "constraint", "sources"};
  cn_name *ck[6];
  for (int i = 0; i < 6; i++)
    ck[i] = cn_intern_cstr(N, ccols[i]);
  cn_value contacts = cn_list_new(E->arena, deg);
  for (int64_t k = 0; k < deg; k++) {
    int32_t w = g->und_adj[g->und_off[v] + k];
    cn_value r = cn_record_new(E->arena, 6);
    memcpy(r.u.rec->keys, ck, sizeof ck);
    r.u.rec->vals[0] = cn_vertex_value(s, w);
    r.u.rec->vals[1] = cn_num(label[k] + 1);
    r.u.rec->vals[2] = cn_str(layers_between(E, s, &in, v, w));
    r.u.rec->vals[3] = cn_num(g->und_z[g->und_off[v] + k] / ztot);
    r.u.rec->vals[4] = cn_num(terms[k]);
    r.u.rec->vals[5] = sources_between(E, s, &in, v, w);
    contacts.u.list->items[k] = r;
  }
  /* open two-paths: pairs of contacts with no tie between them */
  static const char *const hcols[] = {"from", "from_layers", "to", "to_layers"};
  cn_name *hk[4];
  for (int i = 0; i < 4; i++)
    hk[i] = cn_intern_cstr(N, hcols[i]);
  int64_t nholes = 0;
  cn_value holes = cn_list_new(E->arena, MAX_HOLES_SHOWN);
  for (int64_t i = 0; i < deg; i++)
    for (int64_t j = i + 1; j < deg; j++) {
      int32_t x = g->und_adj[g->und_off[v] + i], y = g->und_adj[g->und_off[v] + j];
      if (adjacent(g, x, y))
        continue;
      if (nholes < MAX_HOLES_SHOWN) {
        cn_value r = cn_record_new(E->arena, 4);
        memcpy(r.u.rec->keys, hk, sizeof hk);
        r.u.rec->vals[0] = cn_vertex_value(s, x);
        r.u.rec->vals[1] = cn_str(layers_between(E, s, &in, v, x));
        r.u.rec->vals[2] = cn_vertex_value(s, y);
        r.u.rec->vals[3] = cn_str(layers_between(E, s, &in, v, y));
        holes.u.list->items[nholes] = r;
      }
      nholes++;
    }
  holes.u.list->n = nholes < MAX_HOLES_SHOWN ? nholes : MAX_HOLES_SHOWN;
  /* verdict */
  const char *verdict;
  const char *who = cn_snapshot_vertex_name(s, v)->str;
  if (deg == 0)
    verdict = cn_arena_printf(E->arena, "%s has no contacts in %s: no broker",
                              who, desc);
  else if (ng >= 2)
    verdict = cn_arena_printf(
        E->arena,
        "%s spans a structural hole in %s: its %lld contacts fall into %d "
        "groups with no tie between them except through it (%lld open "
        "two-paths)",
        who, desc, (long long)deg, ng, (long long)nholes);
  else
    verdict = cn_arena_printf(
        E->arena,
        "%s spans no structural hole in %s: its %lld contact%s form%s one "
        "group (every contact reaches the others without it)",
        who, desc, (long long)deg, deg == 1 ? "" : "s", deg == 1 ? "s" : "");
  static const char *const rcols[] = {"actor", "network", "verdict",
                                      "constraint", "effsize", "contacts",
                                      "open_two_paths"};
  cn_value r = cn_record_new(E->arena, 7);
  for (int i = 0; i < 7; i++)
    r.u.rec->keys[i] = cn_intern_cstr(N, rcols[i]);
  double *es = cn_arena_alloc(E->arena, sizeof(double) * (size_t)(s->n + 1));
  check_status(E, &call->node->loc, cn_measure_effective_size(g, es, NULL));
  r.u.rec->vals[0] = cn_vertex_value(s, v);
  r.u.rec->vals[1] = cn_str(cn_arena_strdup(E->arena, desc));
  r.u.rec->vals[2] = cn_str(verdict);
  r.u.rec->vals[3] = cn_num(deg ? c : NAN);
  r.u.rec->vals[4] = cn_num(es[v]);
  r.u.rec->vals[5] = contacts;
  r.u.rec->vals[6] = holes;
  return r;
}

const cn_native cn_natives_brokerage[] = {
    {"brokers", NULL, 1,
     "actors whose contacts fall into two or more otherwise unconnected groups, lowest constraint first", f_brokers},
    {"roles",
     CN_ARGS(CN_OPT("actor", CN_A_ACTOR), CN_KEY("by", CN_A_ANY, "kind", NULL),
             CN_KEY("bins", CN_A_LIST, NULL, "[cut…]"),
             CN_KEY("total", CN_A_BOOL, "false", NULL)),
     1,
     "Gould & Fernandez brokerage roles on directed two-paths (an undirected tie runs both ways, as R sna counts symmetric data), as sna::brokerage gives them: every actor × role (coordinator, itinerant, representative, gatekeeper, liaison, total) with its count, expected count, sd and z; groups from an actor attribute (a numeric one needs bins= cut points); total=true gives the whole network's rows", f_roles},
    {"explain", CN_ARGS(CN_POS("actor", CN_A_ACTOR)), 1,
     "why an actor is or is not a broker: its contact groups, open two-paths, constraint terms and sources", f_explain},
};
const size_t cn_natives_brokerage_n =
    sizeof cn_natives_brokerage / sizeof *cn_natives_brokerage;
