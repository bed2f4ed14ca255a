/* figure_panels.c — one panel per snapshot: its actors (bold when
 * highlighted, faint when absent from its stage), its ties and clusters,
 * each node and tie tied to its place in the union layout. */
#include <string.h>

#include "figure_draw.h"

cn_value figure_native_table(drawing *d, const char *fn, cn_snapshot *s) {
  cn_eval *E = d->E;
  const cn_native *nat = cn_eval_native(E, fn);
  if (!nat)
    return cn_nil();
  cn_call call;
  memset(&call, 0, sizeof call);
  cn_value net = {CN_V_NET, {0}};
  net.u.net = s;
  call.node = d->o->node;
  call.fn = fn;
  call.native = nat;
  call.npos = 1;
  call.pos = &net;
  call.pos_loc = d->o->loc;
  call.used = cn_arena_alloc(E->arena, 1);
  return nat->fn(E, &call);
}

unsigned char *figure_highlights(drawing *d, cn_snapshot *s) {
  cn_eval *E = d->E;
  unsigned char *mark = cn_arena_alloc(E->arena, (size_t)s->n + 1);
  const cn_figure_opts *o = d->o;
  if (o->hl_brokers) {
    cn_value t = figure_native_table(d, "brokers", s);
    for (int64_t i = 0; t.t == CN_V_LIST && i < t.u.list->n; i++) {
      const cn_value *row = &t.u.list->items[i];
      if (row->t != CN_V_RECORD)
        continue;
      const cn_value *who = cn_record_get(row->u.rec, "actor");
      int32_t v = who ? cn_snapshot_vertex_of(s, who) : -1;
      if (v >= 0)
        mark[v] = i == 0 ? MARK_KEY : MARK_BROKER;
    }
  } else if (o->hl_list) {
    const cn_value *l = o->hl_list;
    int64_t n = l->t == CN_V_LIST ? l->u.list->n : 1;
    for (int64_t i = 0; i < n; i++) {
      const cn_value *x = l->t == CN_V_LIST ? &l->u.list->items[i] : l;
      cn_value val = *x;
      if (val.t == CN_V_STR) {
        int32_t a = cn_value_entity(E, x, o->hl_loc, CN_NS_ACTOR);
        val = cn_named(CN_V_ACTOR, E->c->actors.items[a].name);
      } else if (val.t != CN_V_ACTOR && val.t != CN_V_GROUP) {
        cn_value_entity(E, x, o->hl_loc, CN_NS_ACTOR); /* reports */
      }
      int32_t v = cn_snapshot_vertex_of(s, &val);
      if (v >= 0)
        mark[v] = MARK_LISTED;
    }
  }
  return mark;
}

/* The cluster of a vertex: an index into `values`/group list, or -1. */
int figure_vertex_cluster(drawing *d, const cn_snapshot *s, int32_t v,
                          const char ***values, int *nvalues) {
  const cn_figure_opts *o = d->o;
  const cn_case *c = s->c;
  int32_t a = s->vertex_actor[v];
  if (o->cluster == CL_NONE || a < 0)
    return -1;
  if (o->cluster == CL_GROUPS) {
    for (int i = 0; i < o->ncluster_groups; i++) {
      const cn_group *g = &c->groups.items[o->cluster_groups[i]];
      for (int m = 0; m < g->nmembers; m++)
        if (g->members[m] == a)
          return i;
    }
    return -1;
  }
  const char *val;
  if (strcmp(o->cluster_key->str, "kind") == 0)
    val = c->actors.items[a].kind >= 0
              ? c->kinds.items[c->actors.items[a].kind].name->str
              : NULL;
  else
    val = figure_attr_text(d->E, c->actors.items[a].attrs, o->cluster_key->str);
  if (!val)
    return -1;
  for (int i = 0; i < *nvalues; i++)
    if (strcmp((*values)[i], val) == 0)
      return i;
  const char **nv = cn_arena_alloc(d->E->arena, sizeof(char *) * (size_t)(*nvalues + 1));
  if (*nvalues)
    memcpy(nv, *values, sizeof(char *) * (size_t)*nvalues);
  nv[*nvalues] = val;
  *values = nv;
  return (*nvalues)++;
}

const char *figure_cluster_label(drawing *d, int i, const char **values) {
  if (d->o->cluster == CL_GROUPS) {
    const cn_group *g = &d->E->c->groups.items[d->o->cluster_groups[i]];
    return g->label ? g->label->str : g->name->str;
  }
  return values[i];
}

/* A panel being built: the layout node of each of its nodes, and the
 * other way round. */
typedef struct panel_build {
  drawing *d;
  panel *p;
  const char *suffix; /* after node names: "@stage" */
  const char *prefix; /* before ids: "s<index>_" */
  int *present;       /* layout node -> panel node, or -1 */
} panel_build;

/* Clusters first, in order of first member: each vertex's panel cluster
 * (or -1) in vcl. */
static int *panel_clusters(panel_build *b, int *vcl) {
  drawing *d = b->d;
  cn_arena *A = d->E->arena;
  const cn_snapshot *s = b->p->s;
  cn_fig *f = &b->p->fig;
  const char **values = NULL;
  int nvalues = 0;
  for (int32_t v = 0; v < s->n; v++)
    vcl[v] = figure_vertex_cluster(d, s, v, &values, &nvalues);
  int ncl = d->o->cluster == CL_GROUPS ? d->o->ncluster_groups : nvalues;
  int *fig_cluster = cn_arena_alloc(A, sizeof(int) * (size_t)(ncl + 1));
  for (int i = 0; i < ncl; i++) {
    int used = 0;
    for (int32_t v = 0; v < s->n; v++)
      used |= vcl[v] == i;
    fig_cluster[i] = -1;
    if (!used)
      continue;
    fig_cluster[i] = cn_fig_add_cluster(f, cn_arena_printf(A, "cluster_%s%d", b->prefix, i));
    cn_fig_attrs *at = &f->clusters.items[fig_cluster[i]].attrs;
    cn_fig_set(f, at, "id", cn_arena_printf(A, "%scluster%d", b->prefix, i));
    cn_fig_set(f, at, "label", cn_fig_plain_label(A, figure_cluster_label(d, i, values)));
    cn_fig_set(f, at, "style", "rounded,filled");
    cn_fig_set(f, at, "fillcolor", "#f5f5f5");
    cn_fig_set(f, at, "color", "#a0a0a0");
    cn_fig_set(f, at, "labeljust", "l");
    cn_fig_set(f, at, "margin", "10");
  }
  return fig_cluster;
}

/* The snapshot's vertices, in their clusters; notes what the legend
 * shows. */
static void panel_vertices(panel_build *b) {
  drawing *d = b->d;
  cn_arena *A = d->E->arena;
  panel *p = b->p;
  const cn_snapshot *s = p->s;
  const cn_case *c = s->c;
  int *vcl = cn_arena_alloc(A, sizeof(int) * (size_t)(s->n + 1));
  int *fig_cluster = panel_clusters(b, vcl);
  for (int32_t v = 0; v < s->n; v++) {
    int32_t key = s->vertex_actor[v];
    int src = *figure_vkey_slot(&d->lnode, key);
    const char *name = cn_arena_printf(A, "%s%s", cn_snapshot_vertex_name(s, v)->str, b->suffix);
    int cl = vcl[v] >= 0 ? fig_cluster[vcl[v]] : -1;
    int node = cn_fig_add_node(&p->fig, name, cl);
    p->node_src[node] = src;
    b->present[src] = node;
    figure_style_vertex(d, &p->fig, node, key, p->mark[v], 0,
                        figure_vertex_id(d, key, b->prefix));
    if (key < 0)
      d->group_used = 1;
    else {
      int kind = c->actors.items[key].kind;
      d->kind_used[kind >= 0 ? kind : (int)c->kinds.n] = 1;
    }
    if (p->mark[v] == MARK_KEY)
      d->key_used = 1;
    else if (p->mark[v] == MARK_BROKER)
      d->broker_used = 1;
    else if (p->mark[v] == MARK_LISTED)
      d->listed_used = 1;
  }
}

/* Is group g collapsed in snapshot s? */
static int collapses(const cn_snapshot *s, int32_t g) {
  for (int i = 0; i < s->sel.ncollapse; i++)
    if (s->sel.collapse[i] == g)
      return 1;
  return 0;
}

/* Is actor a a member of a group that snapshot s collapses?  The group
 * acts for it there, so it is not drawn apart (not even as absent). */
static int folded(const cn_snapshot *s, int32_t a) {
  for (int i = 0; i < s->sel.ncollapse; i++) {
    const cn_group *g = &s->c->groups.items[s->sel.collapse[i]];
    for (int m = 0; m < g->nmembers; m++)
      if (g->members[m] == a)
        return 1;
  }
  return 0;
}

/* The actors of the layout absent from this stage, greyed.  A group is
 * a node only in the panels that collapse it (elsewhere its members are
 * drawn as themselves), and where it is collapsed its members are not. */
static void panel_absent_vertices(panel_build *b) {
  drawing *d = b->d;
  panel *p = b->p;
  for (int i = 0; i < d->layout.nodes.n; i++) {
    int32_t key = d->lkeys[i];
    if (b->present[i] >= 0 ||
        (key >= 0 ? folded(p->s, key) : !collapses(p->s, -1 - key)))
      continue;
    const cn_fig_node *ln = &d->layout.nodes.items[i];
    const char *name = cn_arena_printf(d->E->arena, "%s%s", ln->name, b->suffix);
    int node = cn_fig_add_node(&p->fig, name, -1);
    p->node_src[node] = i;
    b->present[i] = node;
    figure_style_vertex(d, &p->fig, node, key, MARK_NONE, 1,
                        figure_vertex_id(d, key, b->prefix));
    d->absent_used = 1;
  }
}

/* The id of a panel's tie: e_<tail>_<head>_<layer>, the head's id
 * without the panel prefix (layer: a line's, nlayers for none). */
static const char *tie_id(const panel_build *b, int tail, int head, int layer) {
  cn_arena *A = b->d->E->arena;
  const cn_fig *f = &b->p->fig;
  return cn_arena_printf(
      A, "e_%s_%s_%s", cn_fig_get(&f->nodes.items[tail].attrs, "id"),
      cn_fig_get(&f->nodes.items[head].attrs, "id") + strlen(b->prefix),
      layer < (int)b->d->E->c->layers.n ? cn_arena_printf(A, "l%d", layer)
                                        : "tie");
}

/* The snapshot's ties: one edge per pair and layer.  It takes the
 * union's spline (a dot layout's) only when it runs the same way with the
 * same arrows; else compose draws it. */
static void panel_ties(panel_build *b) {
  drawing *d = b->d;
  panel *p = b->p;
  cn_fig *f = &p->fig;
  figure_lines_init(d->E->arena, &p->lines);
  figure_lines_add(d, &p->lines, p->s);
  for (int k = 0; k < p->lines.n; k++) {
    const fig_line *l = &p->lines.items[k];
    int tail = b->present[l->tail], head = b->present[l->head];
    int e = cn_fig_add_edge(f, tail, head, d->st.lkey[l->layer]);
    int src = figure_lines_find(&d->llines, l->tail, l->head, l->layer);
    const fig_line *u = &d->llines.items[src];
    p->edge_src[e] =
        u->tail == l->tail && u->dirs == l->dirs ? src : -1;
    figure_style_line(d, f, e, l, 0, tie_id(b, tail, head, l->layer));
    d->layer_used[l->layer] = 1;
  }
}

/* The ties of the layout absent from this stage, greyed. */
static void panel_absent_ties(panel_build *b) {
  drawing *d = b->d;
  panel *p = b->p;
  cn_fig *f = &p->fig;
  for (int i = 0; i < d->llines.n; i++) {
    const fig_line *l = &d->llines.items[i];
    int tail = b->present[l->tail], head = b->present[l->head];
    if (tail < 0 || head < 0 ||
        figure_lines_find(&p->lines, l->tail, l->head, l->layer) >= 0)
      continue; /* an end not drawn here (folded), or drawn present */
    int e = cn_fig_add_edge(f, tail, head, d->st.lkey[l->layer]);
    p->edge_src[e] = i;
    figure_style_line(d, f, e, l, 1, tie_id(b, tail, head, l->layer));
  }
}

void figure_build_panel(drawing *d, panel *p, int index, int stage_mode) {
  cn_arena *A = d->E->arena;
  int nl = d->layout.nodes.n, ne = d->layout.edges.n;
  panel_build b = {d, p, "", "", NULL};
  if (stage_mode) {
    b.suffix = cn_arena_printf(A, "@%s", p->tag);
    b.prefix = cn_arena_printf(A, "s%d_", index);
  }
  cn_fig_init(&p->fig, A, "panel");
  p->node_src = cn_arena_alloc(A, sizeof(int) * (size_t)(nl + 1));
  p->edge_src = cn_arena_alloc(A, sizeof(int) * (size_t)(ne + 1));
  b.present = cn_arena_alloc(A, sizeof(int) * (size_t)(nl + 1));
  for (int i = 0; i < nl; i++)
    b.present[i] = -1;
  panel_vertices(&b);
  if (stage_mode && d->o->absent != ABSENT_HIDE)
    panel_absent_vertices(&b);
  panel_ties(&b);
  if (stage_mode && d->o->absent == ABSENT_TIES)
    panel_absent_ties(&b);
}
