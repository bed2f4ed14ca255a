/* figure_layout.c — the union of the panels, laid out once so that every
 * actor stands in the same place in each panel: its nodes (one per actor
 * or collapsed group), ties (one per pair and layer, figure_lines.c),
 * clusters, and the engine chosen for it. */
#include <string.h>

#include "figure_draw.h"

void figure_vkey_init(cn_eval *E, vkey_map *m) {
  const cn_case *c = E->c;
  m->actor = cn_arena_alloc(E->arena, sizeof(int32_t) * (c->actors.n + 1));
  m->group = cn_arena_alloc(E->arena, sizeof(int32_t) * (c->groups.n + 1));
  for (size_t i = 0; i <= c->actors.n; i++)
    m->actor[i] = -1;
  for (size_t i = 0; i <= c->groups.n; i++)
    m->group[i] = -1;
}

int32_t *figure_vkey_slot(vkey_map *m, int32_t key) {
  return key >= 0 ? &m->actor[key] : &m->group[-1 - key];
}

/* Key of a tie's ends as layout-figure keys. */
int32_t figure_vertex_key(const cn_snapshot *s, int32_t actor) {
  return s->vertex_actor[s->actor_vertex[actor]];
}

/* The layout figure's cluster of a vertex (made on first use), or -1. */
static int layout_cluster(drawing *d, const cn_snapshot *s, int32_t v) {
  int i = figure_vertex_cluster(d, s, v, &d->lvalues, &d->nlvalues);
  if (i < 0)
    return -1;
  if (i >= d->nlcluster) {
    int n = i + 8;
    int *m = cn_arena_alloc(d->E->arena, sizeof(int) * (size_t)n);
    for (int k = 0; k < n; k++)
      m[k] = k < d->nlcluster ? d->lcluster[k] : -1;
    d->lcluster = m;
    d->nlcluster = n;
  }
  if (d->lcluster[i] < 0) {
    d->lcluster[i] = cn_fig_add_cluster(
        &d->layout, cn_arena_printf(d->E->arena, "cluster_L%d", i));
    cn_fig_set(&d->layout, &d->layout.clusters.items[d->lcluster[i]].attrs,
               "label", cn_fig_plain_label(d->E->arena,
                                           figure_cluster_label(d, i, d->lvalues)));
  }
  return d->lcluster[i];
}

/* Add a snapshot's vertices to the layout figure (the union), and its
 * ties to the union's lines. */
void figure_add_to_layout(drawing *d, const cn_snapshot *s,
                          const unsigned char *mark) {
  cn_fig *f = &d->layout;
  for (int32_t v = 0; v < s->n; v++) {
    int32_t key = s->vertex_actor[v];
    int32_t *slot = figure_vkey_slot(&d->lnode, key);
    if (*slot >= 0) {
      if (mark[v]) /* bold somewhere: as wide as its boldest drawing */
        figure_style_vertex(d, f, *slot, key, MARK_BROKER, 0, figure_vertex_id(d, key, ""));
      continue;
    }
    *slot = cn_fig_add_node(f, cn_snapshot_vertex_name(s, v)->str,
                            layout_cluster(d, s, v));
    figure_style_vertex(d, f, *slot, key, mark[v] ? MARK_BROKER : MARK_NONE, 0, figure_vertex_id(d, key, ""));
  }
  figure_lines_add(d, &d->llines, s);
}

void figure_layout_edges(drawing *d) {
  cn_fig *f = &d->layout;
  for (int k = 0; k < d->llines.n; k++) {
    const fig_line *l = &d->llines.items[k];
    int e = cn_fig_add_edge(f, l->tail, l->head, d->st.lkey[l->layer]);
    figure_style_line(d, f, e, l, 0, "");
  }
}

const char *figure_default_engine(drawing *d, int nvertices) {
  if (d->o->layout)
    return d->o->layout;
  /* neato (with vpsc overlap removal): deterministic, compact, and nothing
   * in it suggests an order; dot when clusters must stay together; beyond
   * a few hundred actors only sfdp is quick */
  if (nvertices > 300)
    return "sfdp";
  return d->o->cluster != CL_NONE ? "dot" : "neato";
}

void figure_layout_keys(drawing *d) {
  const cn_case *c = d->E->c;
  d->lkeys = cn_arena_alloc(d->E->arena, sizeof(int32_t) * (size_t)(d->layout.nodes.n + 1));
  for (size_t a = 0; a < c->actors.n; a++)
    if (d->lnode.actor[a] >= 0)
      d->lkeys[d->lnode.actor[a]] = (int32_t)a;
  for (size_t g = 0; g < c->groups.n; g++)
    if (d->lnode.group[g] >= 0)
      d->lkeys[d->lnode.group[g]] = -1 - (int32_t)g;
}
